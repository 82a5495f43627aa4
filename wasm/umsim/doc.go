// Package umsim simulates the Exchange Unified Messaging web service
// (MS-OXWUMS 3.1.4, the UM2007Legacy.asmx endpoint): it answers an HTTP
// request with the HTTP response a real server would send, byte for byte
// where the specification prints it (MS-OXWUMS 2.2.2.1, 3.1.4.1, 3.1.4.3,
// 4.1), and with ASP.NET ASMX behaviour where it does not (SOAP 1.1 §4.4,
// §6.2).
//
// A Server goes through the product contract's decision order
// (behaviour.md): the HTTP method (405 unless POST), the Content-Type
// (text/xml), then soap.Check's Verdict, rendered as the fault of its row;
// a request without a verdict reaches the operation. The operations keep a
// small call table (MS-OXWUMS 3.1.1.1): PlayOnPhone and PlayOnPhoneGreeting
// start a call in state Connecting, which becomes Connected once
// Config.RingTime has passed; GetCallInfo reports a call's CallState and
// EventCause; Disconnect moves a call to Disconnected.
//
// Clock and randomness are injected (Config.Now, Config.Rand) so that tests
// and the playground are deterministic. Preview answers like Handle without
// changing anything, so a page can show the response before the user sends
// the request. Everything here is a simulation: where neither the
// specification nor ASMX decides, the choice is documented next to the code.
package umsim
