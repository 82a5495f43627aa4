package state

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/jsonv"
	"umplay/wasm/soap"
)

func TestParse(t *testing.T) {
	def := Default()
	with := func(f func(*State)) State { s := Default(); f(&s); return s }
	tests := []struct {
		name    string
		in      string
		want    State
		wantErr string
	}{
		{"empty object keeps defaults", `{}`, def, ""},
		{"some fields", `{"request":"<x/>","soapActionPresent":false,"builder":{"prefix":true,"operation":"PlayOnPhone"}}`,
			with(func(s *State) {
				s.Request, s.SOAPActionPresent, s.Builder.Prefix, s.Builder.Operation = "<x/>", false, true, soap.PlayOnPhone
			}), ""},
		{"unknown keys ignored", `{"zoom":3,"builder":{"colour":[1,{"a":null}]},"endpoint":"https://x/EWS/UM2007Legacy.asmx"}`,
			with(func(s *State) { s.Endpoint = "https://x/EWS/UM2007Legacy.asmx" }), ""},
		{"empty content type", `{"contentType":""}`, with(func(s *State) { s.ContentType = "" }), ""},
		{"example", `{"example":"ok-prefixed.xml"}`, with(func(s *State) { s.Example = "ok-prefixed.xml" }), ""},
		{"wrong type", `{"builder":{"operation":3}}`, State{},
			`state: "builder.operation": want a string, not a number (line 1, column 25)`},
		{"wrong bool", "{\n\"soapActionPresent\":\"yes\"}", State{},
			`state: "soapActionPresent": want true or false, not a string (line 2, column 21)`},
		{"null is not a string", `{"request":null}`, State{},
			`state: "request": want a string, not null (line 1, column 12)`},
		{"builder not an object", `{"builder":[]}`, State{},
			`state: "builder": want an object, not an array (line 1, column 12)`},
		{"not an object", `["request"]`, State{},
			`state: ".": want an object, not an array (line 1, column 1)`},
		{"unknown operation", `{"builder":{"operation":"Hangup"}}`, State{},
			`state: "builder.operation": unknown operation "Hangup", want one of ` + operationList() + ` (line 1, column 25)`},
		{"empty operation", `{"builder":{"operation":""}}`, State{},
			`state: "builder.operation": unknown operation "", want one of ` + operationList() + ` (line 1, column 25)`},
		{"greeting type not in the menu", `{"builder":{"greetingType":"Oof"}}`, State{},
			`state: "builder.greetingType": "Oof" is not NormalCustom or OofCustom (line 1, column 28)`},
		{"status not in the menu", `{"builder":{"status":"yes"}}`, State{},
			`state: "builder.status": "yes" is not true or false (line 1, column 22)`},
		{"field too long", `{"soapAction":"` + strings.Repeat("a", MaxField+1) + `"}`, State{},
			`state: "soapAction": is 4097 bytes, limit is 4096 (line 1, column 15)`},
		{"syntax", `{"request":"x",}`, State{}, "state: trailing comma in an object at line 1, column 16"},
		{"duplicate key", `{"request":"x","request":"y"}`, State{}, `state: duplicate key "request" at line 1, column 16`},
		{"not json", `request=x`, State{}, "state: unexpected 'r', want a value at line 1, column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Parse(%.80q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%.80q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%.80q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrorTypes(t *testing.T) {
	_, err := Parse([]byte(`{"builder":{"status":true}}`))
	var fe *Error
	if !errors.As(err, &fe) || fe.Field != "builder.status" || fe.Offset != 21 {
		t.Errorf("Parse error = %#v, want *Error for builder.status at offset 21", err)
	}
	_, err = Parse([]byte(`{`))
	var se *jsonv.Error
	if !errors.As(err, &se) || se.Offset != 0 {
		t.Errorf("Parse syntax error = %#v, want a *jsonv.Error", err)
	}
}

func TestParseRequestLimit(t *testing.T) {
	big := strings.Repeat("a", soap.MaxBytes+1)
	_, err := Parse([]byte(`{"request":"` + big + `"}`))
	want := `state: "request": is 5242881 bytes, limit is 5242880 (line 1, column 12)`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(request over the limit) error = %v, want %q", err, want)
	}
	// At the limit, with quotes and newlines escaped, it parses.
	full := strings.Repeat("\"\n", soap.MaxBytes/2)
	s := Default()
	s.Request = full
	got, err := Parse(s.JSON())
	if err != nil || got.Request != full {
		t.Errorf("Parse(request of %d bytes, all escaped) = %v", len(full), err)
	}
	huge := make([]byte, MaxJSON+1)
	if _, err := Parse(huge); err == nil || !strings.Contains(err.Error(), "limit is") {
		t.Errorf("Parse(%d bytes) error = %v, want the size limit", len(huge), err)
	}
}

// roundTrip checks Parse(s.JSON()) == s, and that a reader of the JSON by
// the usual rules (encoding/json, as a browser's JSON.parse) sees the same.
func roundTrip(t *testing.T, name string, s State) {
	t.Helper()
	b := s.JSON()
	got, err := Parse(b)
	if err != nil {
		t.Fatalf("%s: Parse(JSON()) = %v on %.200s", name, err, b)
	}
	if got != s {
		t.Errorf("%s: Parse(JSON()) = %+v, want %+v", name, got, s)
	}
	var m struct {
		Request           string `json:"request"`
		SOAPAction        string `json:"soapAction"`
		SOAPActionPresent bool   `json:"soapActionPresent"`
		ContentType       string `json:"contentType"`
		Endpoint          string `json:"endpoint"`
		Builder           struct {
			Operation    string `json:"operation"`
			CallID       string `json:"callId"`
			GUID         string `json:"guid"`
			Host         string `json:"host"`
			Prefix       bool   `json:"prefix"`
			Decl         bool   `json:"decl"`
			EntryID      string `json:"entryId"`
			DialString   string `json:"dialString"`
			GreetingType string `json:"greetingType"`
			Status       string `json:"status"`
			FolderID     string `json:"folderId"`
		} `json:"builder"`
		Example string `json:"example"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: encoding/json rejects JSON(): %v", name, err)
	}
	bb := m.Builder
	std := State{m.Request, m.SOAPAction, m.SOAPActionPresent, m.ContentType, m.Endpoint,
		Builder{soap.Operation(bb.Operation), bb.CallID, bb.GUID, bb.Host, bb.Prefix, bb.Decl, bb.EntryID,
			bb.DialString, bb.GreetingType, bb.Status, bb.FolderID}, m.Example}
	if std != s {
		t.Errorf("%s: encoding/json reads JSON() as %+v, want %+v", name, std, s)
	}
}

func TestRoundTrip(t *testing.T) {
	roundTrip(t, "default", Default())
	edge := Default()
	edge.Request = "<s:Envelope xmlns:s=\"x\">\r\n\t\x00\x1f \u2028 é 😀 \\ / </s:Envelope>"
	edge.SOAPAction, edge.SOAPActionPresent, edge.ContentType = "", false, ""
	edge.Endpoint = "https://mail.example/EWS/UM2007Legacy.asmx?a=1&b=<2>"
	edge.Builder = Builder{Operation: soap.SetOofStatus, CallID: " id ", GUID: "\"", Host: "", Prefix: true,
		Decl: false, EntryID: "\u00ff", DialString: "+1", GreetingType: "OofCustom", Status: "false", FolderID: "="}
	edge.Example = "x.xml"
	roundTrip(t, "edge", edge)
	for _, op := range soap.Operations {
		s := Default()
		s.Builder.Operation = op
		roundTrip(t, string(op), s)
	}
	if got := string(Default().JSON()); !strings.HasPrefix(got, `{"request":"","soapAction":"\"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect\"","soapActionPresent":true,`) ||
		strings.Contains(got, `"example"`) {
		t.Errorf("Default().JSON() = %s", got)
	}
}

// TestRoundTripExamples: every sample envelope of the page, as the request
// of a state with its SOAPAction, survives JSON → Parse.
func TestRoundTripExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "web", "examples")
	idx, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := jsonv.Parse(idx)
	if err != nil {
		t.Fatalf("examples/index.json: %v", err)
	}
	if list.Kind != jsonv.Array || len(list.Elems) < 10 {
		t.Fatalf("examples/index.json: want an array of examples, got %s", list.Kind)
	}
	for _, e := range list.Elems {
		file := e.Get("file").Str
		text, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		s := Default()
		s.Request, s.Example = string(text), file
		if a := e.Get("soapAction"); a != nil && a.Kind == jsonv.String {
			s.SOAPAction = a.Str
		} else {
			s.SOAPAction, s.SOAPActionPresent = "", false
		}
		roundTrip(t, file, s)
	}
}

func TestOptionsTrims(t *testing.T) {
	b := Default().Builder
	b.CallID, b.Host, b.Decl = " abc\n", "\th ", false
	o := b.Options()
	if o.CallID != "abc" || o.Host != "h" || !o.OmitDecl || o.Operation != soap.Disconnect {
		t.Errorf("Options() = %+v", o)
	}
}
