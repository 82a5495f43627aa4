package umsim_test

import (
	"bytes"
	"fmt"
	"time"

	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

const disconnect = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="https://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>`

// The translated documentation's Disconnect request, with its https://
// messages namespace, as the server answers it.
func ExampleServer_Handle() {
	s := umsim.New(umsim.Config{})
	r := s.Handle(umsim.Request{
		Header: []umsim.Header{
			{Name: "Content-Type", Value: "text/xml; charset=utf-8"},
			{Name: "SOAPAction", Value: soap.Disconnect.QuotedAction()},
		},
		Body: disconnect,
	})
	fmt.Println(r.Status, r.StatusText)
	fmt.Println(r.Fault.Code)
	fmt.Println(r.Fault.String)
	// Output:
	// 500 Internal Server Error
	// ErrorInvalidRequest
	// The request is invalid.
}

// A call's life: PlayOnPhone starts it, the clock makes it Connected,
// Disconnect ends it. Preview shows the CallId before the call starts.
func ExampleServer_Calls() {
	now := time.Date(2024, 6, 20, 12, 0, 0, 0, time.UTC)
	s := umsim.New(umsim.Config{
		Now:  func() time.Time { return now },
		Rand: bytes.NewReader(make([]byte, 64)), // fixed randomness: a fixed CallId
	})
	play := umsim.Request{
		Header: []umsim.Header{
			{Name: "Content-Type", Value: "text/xml; charset=utf-8"},
			{Name: "SOAPAction", Value: soap.PlayOnPhone.QuotedAction()},
		},
		Body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
<entryId>QUJD</entryId><DialString>+1 425 555 0100</DialString></PlayOnPhone>
</soap:Body></soap:Envelope>`,
	}
	preview := s.Preview(play)
	fmt.Println(len(s.Calls()), "calls after Preview")
	r := s.Handle(play)
	fmt.Println(r.Body == preview.Body)
	fmt.Println(r.Body)
	c := s.Calls()[0]
	fmt.Println(c.GUID, c.State)
	now = now.Add(umsim.DefaultRingTime)
	fmt.Println(s.Calls()[0].State)

	s.Handle(umsim.Request{
		Header: []umsim.Header{
			{Name: "Content-Type", Value: "text/xml; charset=utf-8"},
			{Name: "SOAPAction", Value: soap.Disconnect.QuotedAction()},
		},
		Body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>` + c.ID + `</CallId></Disconnect>
</soap:Body></soap:Envelope>`,
	})
	c = s.Calls()[0]
	fmt.Println(c.State, c.EventCause, c.Ended.Sub(c.Started))
	// Output:
	// 0 calls after Preview
	// true
	// <?xml version="1.0" encoding="utf-8"?>
	// <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
	//   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
	//   <soap:Body>
	//     <PlayOnPhoneResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
	//       <PlayOnPhoneResponse>MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAwQHVtMDEuY29udG9zby5jb20=</PlayOnPhoneResponse>
	//     </PlayOnPhoneResponse>
	//   </soap:Body>
	// </soap:Envelope>
	// 00000000-0000-4000-8000-000000000000 Connecting
	// Connected
	// Disconnected None 2s
}
