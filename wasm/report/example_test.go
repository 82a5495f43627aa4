package report_test

import (
	"fmt"

	"umplay/wasm/report"
	"umplay/wasm/soap"
)

func ExampleCheck() {
	body := `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="https://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>
`
	r := report.Check("pt-br.xml", body, soap.DefaultHead())
	fmt.Println("valid:", r.Valid)
	d := r.Diagnostics[0]
	fmt.Printf("%d:%d: %s: %s\n", d.Line, d.Column, d.Severity, d.Code)
	fmt.Println("server:", r.Response.Status, r.Response.Fault.Code)
	fmt.Println("CallId:", r.CallID.GUID+"@"+r.CallID.Host)
	// Output:
	// valid: false
	// 4:6: error: operation-namespace
	// server: 500 ErrorInvalidRequest
	// CallId: 09df9edc-4e23-4709-bdaf-7be20cb0ae56@df-eum-01.exchange.corp.microsoft.com
}
