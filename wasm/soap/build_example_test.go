package soap_test

import (
	"errors"
	"fmt"

	"umplay/wasm/soap"
)

func ExampleBuild() {
	out, err := soap.Build(soap.BuildOptions{
		Operation: soap.Disconnect,
		GUID:      "09df9edc-4e23-4709-bdaf-7be20cb0ae56",
		Host:      "df-eum-01.exchange.corp.microsoft.com",
		Indent:    soap.DefaultIndent,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out)
	// Output:
	// <?xml version="1.0" encoding="utf-8"?>
	// <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
	//   <soap:Body>
	//     <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
	//       <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
	//     </Disconnect>
	//   </soap:Body>
	// </soap:Envelope>
}

func ExampleBuild_prefixed() {
	out, err := soap.Build(soap.BuildOptions{
		Operation:    soap.PlayOnPhoneGreeting,
		GreetingType: "OofCustom",
		DialString:   "tel:+1-425-555-0100",
		Prefix:       true,
		OmitDecl:     true,
		Indent:       " ",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out)
	// Output:
	// <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
	//  <soap:Body>
	//   <m:PlayOnPhoneGreeting xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
	//    <m:GreetingType>OofCustom</m:GreetingType>
	//    <m:DialString>tel:+1-425-555-0100</m:DialString>
	//   </m:PlayOnPhoneGreeting>
	//  </soap:Body>
	// </soap:Envelope>
}

func ExampleFormat() {
	src := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">` +
		`<m:CallId> MDlk </m:CallId></m:Disconnect></soap:Body></soap:Envelope>`
	out, err := soap.Format(src, soap.DefaultIndent)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out)
	// Output:
	// <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
	//   <soap:Body>
	//     <m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
	//       <m:CallId> MDlk </m:CallId>
	//     </m:Disconnect>
	//   </soap:Body>
	// </soap:Envelope>
}

func ExampleFormat_error() {
	_, err := soap.Format("<soap:Envelope>\n  <soap:Body>\n  </soap:Envelope>", soap.DefaultIndent)
	fmt.Println(err)
	var fe *soap.FormatError
	if errors.As(err, &fe) {
		fmt.Println(fe.Line, fe.Col, fe.Msg)
	}
	// Output:
	// soap: line 3, column 3: element <soap:Body> closed by </soap:Envelope>
	// 3 3 element <soap:Body> closed by </soap:Envelope>
}
