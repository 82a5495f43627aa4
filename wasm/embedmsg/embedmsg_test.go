package embedmsg

import (
	"errors"
	"strings"
	"testing"

	"umplay/wasm/jsonv"
	"umplay/wasm/state"
)

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		in       string
		typ, id  string
		theme    string
		request  string
		builderH string
	}{
		{in: `{"umplay":1,"type":"hello"}`, typ: Hello},
		{in: `{"umplay":1,"type":"getState","id":"a-1"}`, typ: GetState, id: `"a-1"`},
		{in: `{"umplay":1,"type":"check","id":42}`, typ: Check, id: `42`},
		{in: `{"umplay":1,"type":"setTheme","theme":"dark"}`, typ: SetTheme, theme: "dark"},
		{in: `{"umplay":1,"type":"setState","state":{"request":"<x/>","builder":{"host":"h.example"}},"id":7}`,
			typ: SetState, id: "7", request: "<x/>", builderH: "h.example"},
		{in: `{"umplay":1,"type":"setState","state":{}}`, typ: SetState, builderH: state.Default().Builder.Host},
	} {
		m, ours, err := Parse([]byte(tc.in))
		if !ours || err != nil {
			t.Errorf("Parse(%s) = ours %v, %v; want a message", tc.in, ours, err)
			continue
		}
		if m.Type != tc.typ || string(m.ID) != tc.id || m.Theme != tc.theme {
			t.Errorf("Parse(%s) = type %q id %s theme %q, want %q %s %q", tc.in, m.Type, m.ID, m.Theme, tc.typ, tc.id, tc.theme)
		}
		if tc.typ == SetState && (m.State.Request != tc.request || m.State.Builder.Host != tc.builderH) {
			t.Errorf("Parse(%s).State = %+v", tc.in, m.State)
		}
	}
}

func TestParseIgnoresOtherMessages(t *testing.T) {
	for _, in := range []string{`"hello"`, `[1]`, `{"type":"hello"}`, `{"source":"react-devtools"}`, `not json`, `null`} {
		if _, ours, err := Parse([]byte(in)); ours || err != nil {
			t.Errorf("Parse(%s) = ours %v, %v; want ignored", in, ours, err)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct{ in, want, id string }{
		{`{"umplay":2,"type":"hello"}`, "umplay: 1", ""},
		{`{"umplay":"1","type":"hello"}`, "umplay: 1", ""},
		{`{"umplay":1}`, "type must be a string", ""},
		{`{"umplay":1,"type":"eval","id":"x"}`, `unknown message type "eval"`, `"x"`},
		{`{"umplay":1,"type":"setState","id":3}`, "needs a state object", "3"},
		{`{"umplay":1,"type":"setState","state":"<x/>"}`, "needs a state object", ""},
		{`{"umplay":1,"type":"setState","state":{"request":5}}`, `"request": want a string, not a number`, ""},
		{`{"umplay":1,"type":"setState","state":{"builder":{"operation":"Hangup"}}}`, `unknown operation "Hangup"`, ""},
		{`{"umplay":1,"type":"setTheme","theme":"neon"}`, "light", ""},
		{`{"umplay":1,"type":"setTheme"}`, "light", ""},
		{`{"umplay":1,"type":"getState","id":{"a":1}}`, "id must be", ""},
		{`{"umplay":1,"type":"getState","id":1.5}`, "id must be", ""},
		{`{"umplay":1,"type":"getState","id":"` + strings.Repeat("i", 65) + `"}`, "id must be", ""},
	} {
		_, ours, err := Parse([]byte(tc.in))
		var r *Refused
		if !ours || !errors.As(err, &r) || !strings.Contains(r.Msg, tc.want) || string(r.ID) != tc.id {
			t.Errorf("Parse(%s) = ours %v, %v (id %s); want a refusal with %q, id %s", tc.in, ours, err, idOf(r), tc.want, tc.id)
		}
	}
}

func idOf(r *Refused) string {
	if r == nil {
		return ""
	}
	return string(r.ID)
}

func TestParseSizeCap(t *testing.T) {
	big := `{"umplay":1,"type":"setState","state":{"request":"` + strings.Repeat("a", MaxMessage) + `"}}`
	_, ours, err := Parse([]byte(big))
	if !ours || err == nil || !strings.Contains(err.Error(), "limit is 6291456") {
		t.Errorf("Parse(%d bytes) = ours %v, %v; want the size refusal", len(big), ours, err)
	}
	// Just under the cap, but a request over soap's 5 MiB: state.Parse refuses it.
	over := `{"umplay":1,"type":"setState","state":{"request":"` + strings.Repeat("a", 5<<20+1) + `"}}`
	if _, _, err := Parse([]byte(over)); err == nil || !strings.Contains(err.Error(), `"request"`) {
		t.Errorf("Parse(a 5 MiB + 1 request) = %v; want the request's limit", err)
	}
}

// Every message the embed sends is valid JSON of the documented shape.
func TestWriters(t *testing.T) {
	s := state.Default()
	s.Request = "<a>\"</a>\u2028"
	for _, tc := range []struct {
		got  []byte
		want string
	}{
		{ReadyJSON(), `{"umplay":1,"type":"ready"}`},
		{ReportJSON(Summary{Errors: 1, Warnings: 2, Status: 500, FaultCode: "Client"}, []byte(`"r1"`)),
			`{"umplay":1,"type":"report","diagnostics":{"error":1,"warning":2,"info":0},"status":500,"faultCode":"Client","id":"r1"}`},
		{ReportJSON(Summary{Status: 200}, nil), `{"umplay":1,"type":"report","diagnostics":{"error":0,"warning":0,"info":0},"status":200,"faultCode":null}`},
		{ResizeJSON(321), `{"umplay":1,"type":"resize","height":321}`},
		{ErrorJSON(`bad "x"`, []byte("9")), `{"umplay":1,"type":"error","message":"bad \"x\"","id":9}`},
	} {
		if string(tc.got) != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
	sm := StateJSON(s, []byte("1"))
	v, err := jsonv.Parse(sm)
	if err != nil {
		t.Fatalf("StateJSON: %v: %s", err, sm)
	}
	back, err := state.Parse(v.Get("state").Append(nil))
	if err != nil || back != s {
		t.Errorf("StateJSON round trip = %+v, %v; want %+v", back, err, s)
	}
}

func TestDiff(t *testing.T) {
	d := state.Default()
	if got := string(Diff(d)); got != `{"request":""}` {
		t.Errorf("Diff(default) = %s", got)
	}
	s := d
	s.Request = "<x/>"
	s.SOAPActionPresent = false
	s.Builder.Host = "h.example"
	s.Builder.Prefix = true
	got := Diff(s)
	if want := `{"request":"<x/>","soapActionPresent":false,"builder":{"host":"h.example","prefix":true}}`; string(got) != want {
		t.Errorf("Diff = %s, want %s", got, want)
	}
	back, err := state.Parse(got)
	if err != nil || back != s {
		t.Errorf("Parse(Diff(s)) = %+v, %v; want %+v", back, err, s)
	}
	// The language rides along ("Open in umplay" keeps it).
	s.Lang = "pt-BR"
	got = Diff(s)
	if want := `{"request":"<x/>","soapActionPresent":false,"builder":{"host":"h.example","prefix":true},"lang":"pt-BR"}`; string(got) != want {
		t.Errorf("Diff with lang = %s, want %s", got, want)
	}
	if back, err := state.Parse(got); err != nil || back != s {
		t.Errorf("Parse(Diff(s)) = %+v, %v; want %+v", back, err, s)
	}
}
