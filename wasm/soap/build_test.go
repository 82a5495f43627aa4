package soap

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"umplay/wasm/callid"
)

const (
	buildTestGUID   = "09df9edc-4e23-4709-bdaf-7be20cb0ae56"
	buildTestHost   = "df-eum-01.exchange.corp.microsoft.com"
	buildTestCallID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="
)

// buildTestValues are valid values for every operation's children.
func buildTestValues(op Operation) BuildOptions {
	return BuildOptions{
		Operation:    op,
		CallID:       buildTestCallID,
		EntryID:      "AAMkADk0ZmQxMjYzLWQ1YjEtNGNkMS05NzA4LWZmNzk4MzExNGY3NwBGAAAAAAA=",
		DialString:   "tel:+1-425-555-0100",
		GreetingType: "OofCustom",
		Status:       "true",
		FolderID:     "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==",
	}
}

func TestBuildVerbatim(t *testing.T) {
	tests := []struct {
		name string
		o    BuildOptions
		want string
	}{
		{
			name: "the published Disconnect sample",
			o:    BuildOptions{CallID: buildTestCallID, Indent: DefaultIndent},
			want: layoutExample(t, "disconnect-docs-en.xml"),
		},
		{
			name: "the same from GUID and host",
			o:    BuildOptions{Operation: Disconnect, GUID: buildTestGUID, Host: buildTestHost, Indent: DefaultIndent},
			want: layoutExample(t, "disconnect-docs-en.xml"),
		},
		{
			name: "prefixed, one line, no declaration",
			o:    BuildOptions{Operation: GetCallInfo, CallID: "MDlk", Prefix: true, OmitDecl: true},
			want: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetCallInfo xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:CallId>MDlk</m:CallId></m:GetCallInfo></soap:Body></soap:Envelope>` + "\n",
		},
		{
			name: "PlayOnPhoneGreeting with tabs",
			o:    BuildOptions{Operation: PlayOnPhoneGreeting, GreetingType: "NormalCustom", DialString: "tel:+1 (425) 555-0100", Indent: "\t"},
			want: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
				"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n" +
				"\t<soap:Body>\n" +
				"\t\t<PlayOnPhoneGreeting xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n" +
				"\t\t\t<GreetingType>NormalCustom</GreetingType>\n" +
				"\t\t\t<DialString>tel:+1 (425) 555-0100</DialString>\n" +
				"\t\t</PlayOnPhoneGreeting>\n" +
				"\t</soap:Body>\n" +
				"</soap:Envelope>\n",
		},
		{
			name: "PlayOnPhone, prefixed, values escaped",
			o:    BuildOptions{Operation: PlayOnPhone, EntryID: "a<b>&c\"'", DialString: "x\r\ny\tz", Prefix: true, Indent: " "},
			want: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
				"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n" +
				" <soap:Body>\n" +
				"  <m:PlayOnPhone xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n" +
				"   <m:entryId>a&lt;b&gt;&amp;c\"'</m:entryId>\n" +
				"   <m:DialString>x&#xD;\ny\tz</m:DialString>\n" +
				"  </m:PlayOnPhone>\n" +
				" </soap:Body>\n" +
				"</soap:Envelope>\n",
		},
		{
			name: "an empty CallId stays empty",
			o:    BuildOptions{OmitDecl: true},
			want: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId></CallId></Disconnect></soap:Body></soap:Envelope>` + "\n",
		},
		{
			name: "CallID wins over GUID and host",
			o:    BuildOptions{CallID: "MDlk", GUID: "not a guid", Host: "h", OmitDecl: true},
			want: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>MDlk</CallId></Disconnect></soap:Body></soap:Envelope>` + "\n",
		},
		{
			name: "fields the operation does not take are ignored",
			o:    BuildOptions{Operation: PlayOnPhone, CallID: "MDlk", GUID: "x", Host: "y", GreetingType: "z", EntryID: "e", DialString: "d", OmitDecl: true},
			want: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PlayOnPhone xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><entryId>e</entryId><DialString>d</DialString></PlayOnPhone></soap:Body></soap:Envelope>` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Build(tt.o)
			if err != nil {
				t.Fatalf("Build(%+v) error: %v", tt.o, err)
			}
			if got != tt.want {
				t.Errorf("Build(%+v) =\n%s\nwant\n%s", tt.o, got, tt.want)
			}
		})
	}
}

// Every operation × prefix × declaration × indent builds the operation's
// envelope, laid out the way Format lays it out, and Check finds no error.
func TestBuildMatrix(t *testing.T) {
	for _, op := range append([]Operation{""}, Operations...) {
		for _, prefix := range []bool{false, true} {
			for _, omit := range []bool{false, true} {
				for _, indent := range []string{"", DefaultIndent, "\t", "    "} {
					o := buildTestValues(op)
					o.Prefix, o.OmitDecl, o.Indent = prefix, omit, indent
					t.Run(fmt.Sprintf("%s/prefix=%v/omit=%v/indent=%q", op, prefix, omit, indent), func(t *testing.T) {
						out, err := Build(o)
						if err != nil {
							t.Fatalf("Build(%+v) error: %v", o, err)
						}
						buildCheckShape(t, o, out)
						formatted, err := Format(out, indent)
						if err != nil || formatted != out {
							t.Errorf("Format(Build(%+v), %q) = %q, %v; want the same text", o, indent, formatted, err)
						}
						want := op
						if want == "" {
							want = Disconnect
						}
						r := Check(out, Head{SOAPActionPresent: true, SOAPAction: want.QuotedAction()})
						for _, d := range r.Diagnostics {
							if d.Severity == Error {
								t.Errorf("Check(Build(%+v)) error %s at %d:%d: %s\n%s", o, d.Code, d.Start.Line, d.Start.Col, d.Message, out)
							}
						}
						if r.Verdict != nil {
							t.Errorf("Check(Build(%+v)).Verdict = %+v, want the server to accept it", o, *r.Verdict)
						}
						if r.Operation != want {
							t.Errorf("Check(Build(%+v)).Operation = %q, want %q", o, r.Operation, want)
						}
					})
				}
			}
		}
	}
}

// buildCheckShape checks out, what Build(o) returned, by its lines and by
// its element tree.
func buildCheckShape(tb testing.TB, o BuildOptions, out string) {
	tb.Helper()
	op := o.Operation
	if op == "" {
		op = Disconnect
	}
	const decl = `<?xml version="1.0" encoding="utf-8"?>` + "\n"
	if got := strings.HasPrefix(out, decl); got == o.OmitDecl {
		tb.Errorf("Build(%+v) starts with the declaration: %v, want %v\n%s", o, got, !o.OmitDecl, out)
	}
	if !strings.HasSuffix(out, "</soap:Envelope>\n") {
		tb.Errorf("Build(%+v) does not end with \"</soap:Envelope>\\n\":\n%s", o, out)
	}
	want := o.Values()
	valueLines := 0 // line feeds inside the values
	for _, name := range op.Children() {
		valueLines += strings.Count(want[name], "\n")
	}
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(out, decl), "\n"), "\n")
	wantLines := 1 + valueLines
	if o.Indent != "" {
		wantLines += 5 + len(op.Children())
	}
	if len(lines) != wantLines {
		tb.Errorf("Build(%+v): envelope has %d lines, want %d:\n%s", o, len(lines), wantLines, out)
	} else if o.Indent != "" && valueLines == 0 {
		for i, depth := range append([]int{0, 1, 2}, buildRepeat(3, len(op.Children()))...) {
			if got := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]; got != strings.Repeat(o.Indent, depth) {
				tb.Errorf("Build(%+v): line %d is indented %q, want %d × %q", o, i+1, got, depth, o.Indent)
			}
		}
	}

	doc := etree.NewDocument()
	if err := doc.ReadFromString(out); err != nil {
		tb.Fatalf("etree cannot read Build(%+v): %v\n%s", o, err, out)
	}
	env := doc.Root()
	if env == nil || env.FullTag() != "soap:Envelope" || env.NamespaceURI() != NSEnvelope {
		tb.Fatalf("Build(%+v): root is %v, want soap:Envelope in %s", o, env, NSEnvelope)
	}
	bodies := env.ChildElements()
	if len(bodies) != 1 || bodies[0].FullTag() != "soap:Body" {
		tb.Fatalf("Build(%+v): Envelope children %v, want one soap:Body", o, bodies)
	}
	ops := bodies[0].ChildElements()
	if len(ops) != 1 {
		tb.Fatalf("Build(%+v): Body has %d children, want 1", o, len(ops))
	}
	el := ops[0]
	wantSpace := ""
	if o.Prefix {
		wantSpace = "m"
	}
	if el.Tag != string(op) || el.Space != wantSpace || el.NamespaceURI() != NSMessages {
		tb.Errorf("Build(%+v): operation element %s in %q, want %s with prefix %q in %s", o, el.FullTag(), el.NamespaceURI(), op, wantSpace, NSMessages)
	}
	kids := el.ChildElements()
	names := op.Children()
	if len(kids) != len(names) {
		tb.Fatalf("Build(%+v): %s has %d children, want %v", o, op, len(kids), names)
	}
	for i, k := range kids {
		if k.Tag != names[i] || k.Space != wantSpace || k.NamespaceURI() != NSMessages {
			tb.Errorf("Build(%+v): child %d is %s in %q, want %s in %s", o, i, k.FullTag(), k.NamespaceURI(), names[i], NSMessages)
		}
		if k.Text() != want[k.Tag] {
			tb.Errorf("Build(%+v): %s text = %q, want %q", o, k.Tag, k.Text(), want[k.Tag])
		}
	}
}

func buildRepeat(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name     string
		o        BuildOptions
		wantErr  string
		wrapping bool // the error wraps callid's
	}{
		{"unknown operation", BuildOptions{Operation: "DisconnectPhoneCall"}, `soap: unknown operation "DisconnectPhoneCall"`, false},
		{"operation in the wrong case", BuildOptions{Operation: "disconnect"}, `soap: unknown operation "disconnect"`, false},
		{"GUID not a GUID", BuildOptions{GUID: "09df9edc", Host: buildTestHost}, `soap: callid: "09df9edc" is not a GUID (8-4-4-4-12 hex digits)`, true},
		{"GUID without host", BuildOptions{GUID: buildTestGUID}, `soap: callid: the host is empty`, true},
		{"host without GUID", BuildOptions{Operation: GetCallInfo, Host: buildTestHost}, `soap: callid: "" is not a GUID (8-4-4-4-12 hex digits)`, true},
		{"host with a space", BuildOptions{GUID: buildTestGUID, Host: "a b"}, `soap: callid: host "a b" has " " at offset 1; use an ASCII FQDN`, true},
		{"greeting type empty", BuildOptions{Operation: PlayOnPhoneGreeting, DialString: "1"}, `soap: greeting type "" is not NormalCustom or OofCustom`, false},
		{"greeting type in the wrong case", BuildOptions{Operation: PlayOnPhoneGreeting, GreetingType: "normalcustom"}, `soap: greeting type "normalcustom" is not NormalCustom or OofCustom`, false},
		{"control character", BuildOptions{CallID: "MD\x00lk"}, `soap: CallId "MD\x00lk" has U+0000 at byte 2, which XML cannot hold`, false},
		{"not UTF-8", BuildOptions{Operation: PlayOnPhone, DialString: "tel:\xff"}, `soap: DialString "tel:\xff" is not valid UTF-8 at byte 4`, false},
		{"noncharacter", BuildOptions{Operation: PlayOnPhone, EntryID: "a\uFFFE"}, `soap: entryId "a\ufffe" has U+FFFE at byte 1, which XML cannot hold`, false},
		{"indent not whitespace", BuildOptions{CallID: "MDlk", Indent: "--"}, `soap: indent "--" is not whitespace`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Build(tt.o)
			if err == nil {
				t.Fatalf("Build(%+v) = %q, want error %q", tt.o, got, tt.wantErr)
			}
			if got != "" {
				t.Errorf("Build(%+v) returned %q with its error, want \"\"", tt.o, got)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Build(%+v) error = %q, want %q", tt.o, err, tt.wantErr)
			}
			if wraps := errors.Unwrap(err) != nil; wraps != tt.wrapping {
				t.Errorf("Build(%+v) error wraps another: %v, want %v", tt.o, wraps, tt.wrapping)
			}
		})
	}
}

// A CallId made from GUID and host is callid.Encode's, and decodes back.
func TestBuildEncodesCallID(t *testing.T) {
	guid := "413B136C-E16F-452E-B7C7-48D117017B9F"
	out, err := Build(BuildOptions{Operation: GetCallInfo, GUID: guid, Host: "um.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromString(out); err != nil {
		t.Fatal(err)
	}
	el := doc.FindElement("//CallId")
	if el == nil {
		t.Fatalf("Build: no CallId in\n%s", out)
	}
	want, err := callid.Encode(guid, "um.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if el.Text() != want {
		t.Errorf("Build: CallId = %q, want callid.Encode(%q, %q) = %q", el.Text(), guid, "um.example.com", want)
	}
	if r := callid.Decode(el.Text()); r.GUID != strings.ToLower(guid) || r.Host != "um.example.com" {
		t.Errorf("callid.Decode(Build's CallId) = %q @ %q, want %q @ %q", r.GUID, r.Host, strings.ToLower(guid), "um.example.com")
	}
}

// Build makes nothing up: an empty CallId is sent empty, and Check says so.
func TestBuildEmptyCallIDIsChecked(t *testing.T) {
	for _, op := range []Operation{Disconnect, GetCallInfo} {
		out, err := Build(BuildOptions{Operation: op, Indent: DefaultIndent})
		if err != nil {
			t.Fatalf("Build(%s with no CallId) error: %v", op, err)
		}
		if !strings.Contains(out, "<CallId></CallId>") {
			t.Errorf("Build(%s with no CallId) =\n%s\nwant an empty <CallId></CallId>", op, out)
		}
		r := Check(out, Head{SOAPActionPresent: true, SOAPAction: op.QuotedAction()})
		if !r.HasErrors() || r.Verdict == nil {
			t.Errorf("Check(Build(%s with no CallId)) has no error, want the empty CallId reported", op)
		}
	}
}

// Escaped values read back as they were given.
func TestBuildEscapeRoundTrip(t *testing.T) {
	for _, v := range []string{"", " ", "a&b", "<x/>", "]]>", "\"'", "line\nline", "cr\rlf\r\n", "\ttab", "olá 世界 🙂", "&amp;", "\uFFFD"} {
		out, err := Build(BuildOptions{Operation: PlayOnPhone, EntryID: v, DialString: v})
		if err != nil {
			t.Fatalf("Build(value %q) error: %v", v, err)
		}
		doc := etree.NewDocument()
		if err := doc.ReadFromString(out); err != nil {
			t.Fatalf("etree cannot read Build(value %q): %v\n%s", v, err, out)
		}
		for _, name := range PlayOnPhone.Children() {
			el := doc.FindElement("//" + name)
			if el == nil || el.Text() != v {
				t.Errorf("Build(value %q): %s reads back as %v", v, name, el)
			}
		}
	}
}
