package state_test

import (
	"fmt"

	"umplay/wasm/state"
)

func ExampleParse() {
	s, err := state.Parse([]byte(`{"request": "<x/>", "builder": {"operation": "PlayOnPhone"}, "zoom": 2}`))
	fmt.Println(s.Request, s.Builder.Operation, s.Endpoint, err)
	_, err = state.Parse([]byte("{\"builder\": {\n  \"prefix\": \"yes\"}}"))
	fmt.Println(err)
	// Output:
	// <x/> PlayOnPhone https://mail.contoso.com/EWS/UM2007Legacy.asmx <nil>
	// state: "builder.prefix": want true or false, not a string (line 2, column 13)
}

func ExampleState_JSON() {
	s := state.Default()
	s.Request = "<x a=\"1\"/>\n"
	fmt.Println(string(s.JSON()))
	// Output:
	// {"request":"<x a=\"1\"/>\n","soapAction":"\"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect\"","soapActionPresent":true,"contentType":"text/xml; charset=utf-8","endpoint":"https://mail.contoso.com/EWS/UM2007Legacy.asmx","builder":{"operation":"Disconnect","callId":"","guid":"","host":"um01.contoso.com","prefix":false,"decl":true,"entryId":"","dialString":"+14255550100","greetingType":"NormalCustom","status":"true","folderId":"AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA=="}}
}
