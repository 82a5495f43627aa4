//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"

	"umplay/wasm/soap"
)

// State is everything the page shows that the user chose: enough to rebuild
// the page, and small enough (as JSON) for a URL or a postMessage to carry.
// The simulated server's calls and the history are session data, not state.
type State struct {
	Request           string `json:"request"`
	SOAPAction        string `json:"soapAction"`
	SOAPActionPresent bool   `json:"soapActionPresent"`
	// ContentType is the Content-Type field; "" sends no Content-Type.
	ContentType string  `json:"contentType"`
	Endpoint    string  `json:"endpoint"`
	Builder     Builder `json:"builder"`
	Example     string  `json:"example,omitempty"` // file name in web/examples
}

// Builder holds the builder form's fields.
type Builder struct {
	Operation    soap.Operation `json:"operation"`
	CallID       string         `json:"callId"`
	GUID         string         `json:"guid"`
	Host         string         `json:"host"`
	Prefix       bool           `json:"prefix"`
	Decl         bool           `json:"decl"`
	EntryID      string         `json:"entryId"`
	DialString   string         `json:"dialString"`
	GreetingType string         `json:"greetingType"`
	Status       string         `json:"status"`
	FolderID     string         `json:"folderId"`
}

// DefaultEndpoint is the Exchange 2010+ URL of the UM web service.
const DefaultEndpoint = "https://mail.contoso.com/EWS/UM2007Legacy.asmx"

// DefaultState is the page as index.html renders it.
func DefaultState() State {
	h := soap.DefaultHead()
	return State{
		SOAPAction:        h.SOAPAction,
		SOAPActionPresent: h.SOAPActionPresent,
		ContentType:       soap.DefaultContentType,
		Endpoint:          DefaultEndpoint,
		Builder: Builder{
			Operation:    soap.Disconnect,
			Host:         "um01.contoso.com",
			Decl:         true,
			DialString:   "+14255550100",
			GreetingType: "NormalCustom",
			Status:       "true",
			FolderID:     "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==",
		},
	}
}

// Head is the HTTP head the state's request is sent with.
func (s State) Head() soap.Head {
	return soap.Head{SOAPActionPresent: s.SOAPActionPresent, SOAPAction: s.SOAPAction,
		ContentType: s.ContentType, NoContentType: s.ContentType == ""}
}

// JSON serializes s.
func (s State) JSON() ([]byte, error) { return json.Marshal(s) }

// ParseState reads a serialized State; fields missing from data keep their
// DefaultState values.
func ParseState(data []byte) (State, error) {
	s := DefaultState()
	if err := json.Unmarshal(data, &s); err != nil {
		return State{}, fmt.Errorf("app: state: %w", err)
	}
	if _, ok := soap.ParseOperation(string(s.Builder.Operation)); !ok {
		return State{}, fmt.Errorf("app: state: unknown operation %q", s.Builder.Operation)
	}
	return s, nil
}
