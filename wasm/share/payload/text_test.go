package payload

import (
	"strings"
	"testing"

	"umplay/wasm/state"
)

func TestText(t *testing.T) {
	p, err := Make(state.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Text(); !strings.HasPrefix(got, "Nothing: the link opens the page as it starts") {
		t.Errorf("Text of the default state = %q", got)
	}
	s := state.Default()
	s.Request = "<a>\n<b/></a>"
	s.SOAPActionPresent = false
	s.Builder.DialString = "+1 <script>"
	p, _ = Make(s, Options{})
	want := "The link sets these fields; every other keeps the page's default.\n\n" +
		"request (12 bytes):\n<a>\n<b/></a>\n(no line break at the end)\n\n" +
		"soapActionPresent: false\nbuilder.dialString: \"+1 <script>\"\n"
	if got := p.Text(); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestStateFile(t *testing.T) {
	s := state.Default()
	s.Request, s.Builder.Host = "<x/>\n", "um9.contoso.com"
	p, _ := Make(s, Options{})
	f := p.File()
	if want := `{"umplay":"state","version":1,"state":{"request":"<x/>\n","builder":{"host":"um9.contoso.com"}}}` + "\n"; string(f) != want {
		t.Errorf("File = %s, want %s", f, want)
	}
	got, info, err := OpenFile(f)
	if err != nil || got != s || info.Version != 1 {
		t.Errorf("OpenFile(File) = %+v, %+v, %v", got, info, err)
	}
	// A bare state, as umplay.state() returns it.
	if got, _, err := OpenFile(s.JSON()); err != nil || got != s {
		t.Errorf("OpenFile(state JSON) = %+v, %v", got, err)
	}
	for _, tt := range []struct{ in, want string }{
		{`not json`, "share: the file is not JSON"},
		{`{"umplay":"lesson"}`, `not an umplay state file`},
		{`{"umplay":"state","version":"1","state":{}}`, `"version" is not a number`},
		{`{"umplay":"state","version":1}`, `has no "state"`},
		{`{"umplay":"state","version":5,"state":{}}`, `version 5`},
		{`{"umplay":"state","version":1,"state":{"endpoint":false}}`, `"endpoint": want a string`},
		{`{"request":1}`, `the file's "request": want a string`},
		{`{"umplay":"state","version":1,"state":{"builder":` + strings.Repeat("[", 10) + strings.Repeat("]", 10) + `}}`, "nest"},
	} {
		got, _, err := OpenFile([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) || got != state.Default() {
			t.Errorf("OpenFile(%s) = %v, want an error with %q and the default state", tt.in, err, tt.want)
		}
	}
}
