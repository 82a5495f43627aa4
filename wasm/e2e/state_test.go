//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// pageState is window.umplay.state() as the page returns it.
type pageState struct {
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

// stateJS reads umplay.state() as JSON text.
const stateJS = `JSON.stringify(umplay.state())`

// shownJS is the state as the controls show it: what a person sees.
const shownJS = `JSON.stringify((function () {
	function v(id) { return document.getElementById(id).value; }
	function c(id) { return document.getElementById(id).checked; }
	return {request: v('request'), soapAction: v('soapaction'), soapActionPresent: c('soapaction-present'),
		contentType: v('content-type'), endpoint: v('endpoint'),
		builder: {operation: v('b-op'), callId: v('b-callid'), guid: v('b-guid'), host: v('b-host'),
			prefix: c('b-prefix'), decl: c('b-decl'), entryId: v('b-entryid'), dialString: v('b-dial'),
			greetingType: v('b-greeting'), status: v('b-status'), folderId: v('b-folder')},
		example: v('examples')};
})())`

// diffState lists the fields where got and want differ.
func diffState(got, want pageState) string {
	var out []string
	var walk func(prefix string, g, w reflect.Value)
	walk = func(prefix string, g, w reflect.Value) {
		for i := 0; i < g.NumField(); i++ {
			name := prefix + g.Type().Field(i).Name
			if g.Field(i).Kind() == reflect.Struct {
				walk(name+".", g.Field(i), w.Field(i))
				continue
			}
			if gi, wi := g.Field(i).Interface(), w.Field(i).Interface(); gi != wi {
				out = append(out, fmt.Sprintf("%s = %.80q, want %.80q", name, fmt.Sprint(gi), fmt.Sprint(wi)))
			}
		}
	}
	walk("", reflect.ValueOf(got), reflect.ValueOf(want))
	return strings.Join(out, "; ")
}

func readState(t *testing.T, p *Page, expr string) pageState {
	t.Helper()
	var s pageState
	if err := json.Unmarshal([]byte(eval[string](t, p, expr)), &s); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// TestStateBothWays: for every example, the state the page holds after a
// person chooses it in the menu, given to a freshly loaded page through
// umplay.setState, comes back unchanged from umplay.state(), and every
// control shows it.
func TestStateBothWays(t *testing.T) {
	menu := openPage(t)
	wait[bool](t, menu, `!document.getElementById('examples').disabled && document.querySelectorAll('#examples option').length > 5`)
	fresh := openPage(t)
	var exs []struct{ File, Note string }
	if err := json.Unmarshal([]byte(readFile(t, "..", "..", "web", "examples", "index.json")), &exs); err != nil || len(exs) < 10 {
		t.Fatalf("web/examples/index.json: %v (%d examples)", err, len(exs))
	}
	for i, ex := range exs {
		want := readFile(t, "..", "..", "web", "examples", ex.File)
		eval[bool](t, menu, `(function () { var s = document.getElementById('examples'); s.value = `+JS(ex.File)+`; s.dispatchEvent(new Event('change')); return true; })()`)
		wait[bool](t, menu, requestJS+` === `+JS(want)+` && document.getElementById('examples').value === `+JS(ex.File),
			`document.getElementById('examples').value`, `document.getElementById('confirm').hidden`)
		chosenText := eval[string](t, menu, stateJS)
		chosen := readState(t, menu, stateJS)
		if chosen.Example != ex.File || chosen.Request != want {
			t.Errorf("%s: after choosing it, state() has example %q and a request of %d bytes, want %q and %d bytes",
				ex.File, chosen.Example, len(chosen.Request), ex.File, len(want))
		}
		if shown := readState(t, menu, shownJS); !reflect.DeepEqual(shown, chosen) {
			t.Errorf("%s: after choosing it, the controls differ from state(): %s", ex.File, diffState(shown, chosen))
		}

		if i > 0 {
			if err := fresh.Open(env.srv.URL+"/", 90*time.Second); err != nil {
				t.Fatal(err)
			}
		}
		eval[bool](t, fresh, `(umplay.setState(JSON.parse(`+JS(chosenText)+`)), true)`)
		got := readState(t, fresh, stateJS)
		if !reflect.DeepEqual(got, chosen) {
			t.Errorf("%s: setState(state()) then state() differs: %s", ex.File, diffState(got, chosen))
		}
		if shown := readState(t, fresh, shownJS); !reflect.DeepEqual(shown, chosen) {
			t.Errorf("%s: after setState the controls differ from the state: %s", ex.File, diffState(shown, chosen))
		}
		if note := eval[bool](t, fresh, `document.getElementById('example-note').hidden`); note == (ex.Note != "") {
			t.Errorf("%s: after setState the example note is hidden=%v", ex.File, note)
		}
	}
}

// TestSetStateRejects: a state of the wrong shape is refused with the
// field named, and the page keeps what it showed.
func TestSetStateRejects(t *testing.T) {
	p := openPage(t)
	before := eval[string](t, p, stateJS)
	for _, tc := range []struct{ arg, want string }{
		{`{builder: {operation: 3}}`, `umplay.setState: state: "builder.operation": want a string, not a number (line 1, column 25)`},
		{`{builder: {operation: 'Hangup'}}`, `umplay.setState: state: "builder.operation": unknown operation "Hangup"`},
		{`{request: null}`, `umplay.setState: state: "request": want a string, not null (line 1, column 12)`},
		{`{builder: {status: 'yes'}}`, `umplay.setState: state: "builder.status": "yes" is not true or false`},
		{`'text'`, `umplay.setState: state must be an object`},
		{`(function () { var o = {}; o.self = o; return o; })()`, `umplay.setState: state cannot be serialized`},
	} {
		msg := eval[string](t, p, `(function () { try { umplay.setState(`+tc.arg+`); return ''; } catch (e) { return String(e.message); } })()`)
		if len(msg) < len(tc.want) || msg[:len(tc.want)] != tc.want {
			t.Errorf("setState(%s) threw %q, want it to start with %q", tc.arg, msg, tc.want)
		}
	}
	if after := eval[string](t, p, stateJS); after != before {
		t.Errorf("refused setStates changed the page's state:\n%s\nwant\n%s", after, before)
	}
}

// TestSetStateBuilderWins: a state whose builder fields differ from what
// the request holds shows the state's builder, not a sync from the text;
// typing into a builder field updates state() at once.
func TestSetStateBuilderWins(t *testing.T) {
	p := openPage(t)
	eval[bool](t, p, `(umplay.setState({builder: {operation: 'PlayOnPhone', callId: 'not-the-request-s', prefix: true, decl: false, dialString: '+1 555'}}), true)`)
	got := readState(t, p, stateJS)
	if b := got.Builder; b.Operation != "PlayOnPhone" || b.CallID != "not-the-request-s" || !b.Prefix || b.Decl || b.DialString != "+1 555" {
		t.Errorf("state().builder after setState = %+v", b)
	}
	if shown := readState(t, p, shownJS); shown.Builder != got.Builder {
		t.Errorf("after setState the builder shows %s", diffState(shown, got))
	}
	setInput(t, p, "b-dial", "+44 20")
	if got := readState(t, p, stateJS); got.Builder.DialString != "+44 20" {
		t.Errorf("after typing into the dial string field, state().builder.dialString = %q", got.Builder.DialString)
	}
}

// TestStateEndpointToSend: the endpoint a state sets, and then the one a
// person types, is the one Send's history shows the request going to.
func TestStateEndpointToSend(t *testing.T) {
	p := openPage(t)
	eval[bool](t, p, `(umplay.setState({endpoint: 'https://um1.example.org/EWS/UM2007Legacy.asmx'}), true)`)
	histJS := `document.getElementById('history').textContent`
	click(t, p, "#send")
	wait[bool](t, p, histJS+`.indexOf('Host: um1.example.org') >= 0`, histJS)
	setInput(t, p, "endpoint", "https://um2.example.org/UnifiedMessaging/Service.asmx")
	if got := readState(t, p, stateJS).Endpoint; got != "https://um2.example.org/UnifiedMessaging/Service.asmx" {
		t.Errorf("after typing into the endpoint field, state().endpoint = %q", got)
	}
	click(t, p, "#send")
	wait[bool](t, p, histJS+`.indexOf('POST /UnifiedMessaging/Service.asmx HTTP/1.1') >= 0 && `+histJS+`.indexOf('Host: um2.example.org') >= 0`, histJS)
}
