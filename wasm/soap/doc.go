// Package soap parses, checks, builds and formats SOAP 1.1 requests for the
// Exchange Unified Messaging web service (MS-OXWUMS 3.1.4), first of all its
// Disconnect operation (MS-OXWUMS 3.1.4.1, SOAP 1.1 §4).
//
// Check reads a request body and its HTTP head and reports every problem it
// finds as a Diagnostic with an exact character range, a stable code, and
// where one exists a quick fix. It also records the Verdict: the first
// condition, in the decision order of the product contract (behaviour.md),
// that makes the server answer with a fault. Package umsim turns that verdict
// into the HTTP response.
package soap
