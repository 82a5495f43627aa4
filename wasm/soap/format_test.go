package soap

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// oneLineDoc is the published Disconnect sample with all layout removed.
const oneLineDoc = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId></Disconnect></soap:Body></soap:Envelope>`

// layoutExample reads testdata/name, a copy of a published sample.
func layoutExample(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name, in, indent, want string
	}{
		{
			name:   "one-line envelope becomes the published layout",
			in:     oneLineDoc,
			indent: DefaultIndent,
			want:   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n    <Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\n    </Disconnect>\n  </soap:Body>\n</soap:Envelope>\n",
		},
		{
			name:   "indent empty puts the root on one line",
			in:     "<?xml version=\"1.0\"?>\n\n<a>\n  <b>\n    <c/>\n  </b>\n</a>\n\n",
			indent: "",
			want:   "<?xml version=\"1.0\"?>\n<a><b><c/></b></a>\n",
		},
		{
			name:   "tab indent",
			in:     "<a><b><c/></b></a>",
			indent: "\t",
			want:   "<a>\n\t<b>\n\t\t<c/>\n\t</b>\n</a>\n",
		},
		{
			name:   "ragged whitespace is replaced",
			in:     "<a>\r\n\t   <b/>   \n\n <c/>\n</a>",
			indent: "  ",
			want:   "<a>\n  <b/>\n  <c/>\n</a>\n",
		},
		{
			name:   "tags, attributes and quotes are copied as written",
			in:     `<s:E xmlns:s='urn:s'  a = "1"><s:B   b='x&amp;y'></s:B   ><s:C/></s:E >`,
			indent: "  ",
			want:   "<s:E xmlns:s='urn:s'  a = \"1\">\n  <s:B   b='x&amp;y'></s:B   >\n  <s:C/>\n</s:E >\n",
		},
		{
			name:   "element with text is copied whole, inner layout included",
			in:     "<a><p>one <b> two </b>\n   <i/> three</p><q/></a>",
			indent: "  ",
			want:   "<a>\n  <p>one <b> two </b>\n   <i/> three</p>\n  <q/>\n</a>\n",
		},
		{
			name:   "whitespace-only leaf keeps its whitespace",
			in:     "<a><CallId>  </CallId><CallId>\n</CallId><e></e><f/></a>",
			indent: "  ",
			want:   "<a>\n  <CallId>  </CallId>\n  <CallId>\n</CallId>\n  <e></e>\n  <f/>\n</a>\n",
		},
		{
			name:   "CDATA makes an element verbatim",
			in:     "<a><b> <![CDATA[ ]]> <c/></b></a>",
			indent: "  ",
			want:   "<a>\n  <b> <![CDATA[ ]]> <c/></b>\n</a>\n",
		},
		{
			name:   "a character reference to whitespace is text",
			in:     "<a>&#32;<b/></a>",
			indent: "  ",
			want:   "<a>&#32;<b/></a>\n",
		},
		{
			name:   "xml:space preserve is copied whole",
			in:     "<a><b xml:space=\"preserve\">\n <c/>\n</b></a>",
			indent: "  ",
			want:   "<a>\n  <b xml:space=\"preserve\">\n <c/>\n</b>\n</a>\n",
		},
		{
			name:   "comments and processing instructions get their own lines",
			in:     "<!-- head --><?pi x?><a><!--in--><?p?><b/></a><!--tail-->",
			indent: "  ",
			want:   "<!-- head -->\n<?pi x?>\n<a>\n  <!--in-->\n  <?p?>\n  <b/>\n</a>\n<!--tail-->\n",
		},
		{
			name:   "a comment alone in an element is markup",
			in:     "<a><!--x--></a>",
			indent: "  ",
			want:   "<a>\n  <!--x-->\n</a>\n",
		},
		{
			name:   "a non-UTF-8 encoding declaration is kept",
			in:     `<?xml version="1.0" encoding="ISO-8859-1"?><a><b/></a>`,
			indent: " ",
			want:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>\n <b/>\n</a>\n",
		},
		{
			name:   "byte order mark stays in front",
			in:     "\ufeff<?xml version=\"1.0\"?><a/>",
			indent: "  ",
			want:   "\ufeff<?xml version=\"1.0\"?>\n<a/>\n",
		},
		{
			name:   "multi-line start tag is copied",
			in:     "<a\n   x=\"1\"\n   y=\"2\"><b/></a>",
			indent: "  ",
			want:   "<a\n   x=\"1\"\n   y=\"2\">\n  <b/>\n</a>\n",
		},
		{
			name:   "non-ASCII text",
			in:     "<a> <b>olá, 世界 🙂</b> </a>",
			indent: "  ",
			want:   "<a>\n  <b>olá, 世界 🙂</b>\n</a>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format(tt.in, tt.indent)
			if err != nil {
				t.Fatalf("Format(%q, %q) error: %v", tt.in, tt.indent, err)
			}
			if got != tt.want {
				t.Fatalf("Format(%q, %q) =\n%q\nwant\n%q", tt.in, tt.indent, got, tt.want)
			}
			checkFormatted(t, tt.in, got, tt.indent)
		})
	}
}

// checkFormatted checks that out, Format's result for in, is idempotent and
// means what in means.
func checkFormatted(tb testing.TB, in, out, indent string) {
	tb.Helper()
	if !strings.HasSuffix(out, "\n") {
		tb.Errorf("Format(%q) = %q, does not end with a newline", in, out)
	}
	again, err := Format(out, indent)
	if err != nil {
		tb.Fatalf("Format(Format(%q)) error: %v", in, err)
	}
	if again != out {
		tb.Errorf("Format is not idempotent for %q:\nonce  %q\ntwice %q", in, out, again)
	}
	if d := layoutTreeDiff(in, out); d != "" {
		tb.Errorf("Format(%q) = %q changes the document: %s", in, out, d)
	}
}

// layoutTreeDiff parses a and b with etree and describes the first
// difference in meaning: element names, attributes, comments, processing
// instructions, and text. Whitespace-only text is ignored only in
// element-only content (and outside the root); wherever an element holds
// other text or none but whitespace, all its text must match exactly.
func layoutTreeDiff(a, b string) string {
	read := func(s string) (*etree.Document, error) {
		d := etree.NewDocument()
		d.ReadSettings.PreserveCData = true
		d.ReadSettings.PreserveDuplicateAttrs = true
		return d, d.ReadFromString(s)
	}
	da, err := read(a)
	if err != nil {
		return "etree cannot read the input: " + err.Error()
	}
	db, err := read(b)
	if err != nil {
		return "etree cannot read the output: " + err.Error()
	}
	return layoutElemDiff("/", &da.Element, &db.Element, true)
}

func layoutElemDiff(path string, a, b *etree.Element, top bool) string {
	if a.Space != b.Space || a.Tag != b.Tag {
		return fmt.Sprintf("%s: element %s:%s became %s:%s", path, a.Space, a.Tag, b.Space, b.Tag)
	}
	if len(a.Attr) != len(b.Attr) {
		return fmt.Sprintf("%s: %d attributes became %d", path, len(a.Attr), len(b.Attr))
	}
	for i := range a.Attr {
		x, y := a.Attr[i], b.Attr[i]
		if x.Space != y.Space || x.Key != y.Key || x.Value != y.Value {
			return fmt.Sprintf("%s: attribute %s:%s=%q became %s:%s=%q", path, x.Space, x.Key, x.Value, y.Space, y.Key, y.Value)
		}
	}
	ca, cb := layoutChildren(a, top), layoutChildren(b, top)
	if len(ca) != len(cb) {
		return fmt.Sprintf("%s: %d children became %d", path, len(ca), len(cb))
	}
	for i := range ca {
		switch x := ca[i].(type) {
		case *etree.Element:
			y, ok := cb[i].(*etree.Element)
			if !ok {
				return fmt.Sprintf("%s: child %d: element became %T", path, i, cb[i])
			}
			if d := layoutElemDiff(path+x.Tag+"/", x, y, false); d != "" {
				return d
			}
		case *etree.CharData:
			y, ok := cb[i].(*etree.CharData)
			if !ok || x.Data != y.Data || x.IsCData() != y.IsCData() {
				return fmt.Sprintf("%s: child %d: text %q became %#v", path, i, x.Data, cb[i])
			}
		case *etree.Comment:
			y, ok := cb[i].(*etree.Comment)
			if !ok || x.Data != y.Data {
				return fmt.Sprintf("%s: child %d: comment %q became %#v", path, i, x.Data, cb[i])
			}
		case *etree.ProcInst:
			y, ok := cb[i].(*etree.ProcInst)
			if !ok || x.Target != y.Target || x.Inst != y.Inst {
				return fmt.Sprintf("%s: child %d: processing instruction %q became %#v", path, i, x.Target, cb[i])
			}
		case *etree.Directive:
			y, ok := cb[i].(*etree.Directive)
			if !ok || x.Data != y.Data {
				return fmt.Sprintf("%s: child %d: directive %q became %#v", path, i, x.Data, cb[i])
			}
		}
	}
	return ""
}

// layoutChildren is e's children with whitespace-only text left out when e
// is the document or its content is elements only.
func layoutChildren(e *etree.Element, top bool) []etree.Token {
	markup, text := false, false
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok {
			if cd.IsCData() || strings.Trim(cd.Data, " \t\r\n") != "" {
				text = true
			}
		} else {
			markup = true
		}
	}
	if !top && (text || !markup) {
		return e.Child
	}
	var out []etree.Token
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok && !cd.IsCData() && strings.Trim(cd.Data, " \t\r\n") == "" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// The published samples are laid out the way Format lays them out, the
// pt-BR one included.
func TestFormatExamples(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "disconnect-docs-*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 3 {
		t.Fatalf("found %d examples in testdata, want the 3 published samples", len(names))
	}
	for _, name := range names {
		src := layoutExample(t, filepath.Base(name))
		got, err := Format(src, DefaultIndent)
		if err != nil {
			t.Fatalf("Format(%s) error: %v", name, err)
		}
		if got != src {
			t.Errorf("Format(%s) =\n%s\nwant the file unchanged:\n%s", name, got, src)
		}
		oneLine, err := Format(src, "")
		if err != nil {
			t.Fatalf("Format(%s, \"\") error: %v", name, err)
		}
		if n := strings.Count(oneLine, "\n"); n != 2 {
			t.Errorf("Format(%s, \"\") has %d lines, want 2 (declaration, envelope):\n%s", name, n, oneLine)
		}
		back, err := Format(oneLine, DefaultIndent)
		if err != nil || back != src {
			t.Errorf("Format(Format(%s, \"\"), %q) = %q, %v; want the file", name, DefaultIndent, back, err)
		}
	}
}

func TestFormatErrors(t *testing.T) {
	deep := func(n int) string {
		return strings.Repeat("<a>", n) + strings.Repeat("</a>", n)
	}
	attrs := func(n int) string {
		var b strings.Builder
		b.WriteString("<a")
		for i := range n {
			fmt.Fprintf(&b, ` a%d="%d"`, i, i)
		}
		b.WriteString("/>")
		return b.String()
	}
	tests := []struct {
		name, in, indent string
		line, col        int    // 0: not a *FormatError
		wantErr          string // the whole message
	}{
		{"mismatched end tag", "<a>\n  <b>\n      </a>", "  ", 3, 7, "soap: line 3, column 7: element <b> closed by </a>"},
		{"prefixes must match too", "<s:a xmlns:s='u' xmlns:t='u'></t:a>", "  ", 1, 30, "soap: line 1, column 30: element <s:a> closed by </t:a>"},
		{"column counts characters", "<a>olá</b>", "  ", 1, 7, "soap: line 1, column 7: element <a> closed by </b>"},
		{"end tag without start", "<a/></a>", "  ", 1, 5, "soap: line 1, column 5: end tag </a> without a start tag"},
		{"unclosed", "<a>\n<b>", "  ", 2, 4, "soap: line 2, column 4: element <b> is not closed"},
		{"empty", "", "  ", 1, 1, "soap: line 1, column 1: no root element"},
		{"only whitespace", " \n ", "  ", 2, 2, "soap: line 2, column 2: no root element"},
		{"only a comment", "<!--x-->", "  ", 1, 9, "soap: line 1, column 9: no root element"},
		{"two roots", "<a/>\n<b/>", "  ", 2, 1, "soap: line 2, column 1: second root element <b>; a document has exactly one"},
		{"text before root", "hi<a/>", "  ", 1, 1, "soap: line 1, column 1: text outside the root element"},
		{"text after root", "<a/>\nhi", "  ", 1, 5, "soap: line 1, column 5: text outside the root element"},
		{"CDATA outside root", "<a/><![CDATA[x]]>", "  ", 1, 5, "soap: line 1, column 5: CDATA section outside the root element"},
		{"DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e \"x\">]>\n<a>&e;</a>", "  ", 2, 1, "soap: line 2, column 1: DOCTYPE is not allowed"},
		{"other directive", "<!ENTITY e \"x\"><a/>", "  ", 1, 1, "soap: line 1, column 1: markup <!ENTITY e \"x\" is not allowed here"},
		{"late declaration", "<a/><?xml version=\"1.0\"?>", "  ", 1, 5, "soap: line 1, column 5: XML declaration must be at the very start of the document"},
		{"declaration after whitespace", " <?xml version=\"1.0\"?><a/>", "  ", 1, 2, "soap: line 1, column 2: XML declaration must be at the very start of the document"},
		{"upper-case declaration", "<?XML version=\"1.0\"?><a/>", "  ", 1, 1, "soap: line 1, column 1: XML declaration must be at the very start of the document"},
		{"repeated attribute", "<a>\n <b x='1' y='2' x='3'/></a>", "  ", 2, 2, "soap: line 2, column 2: attribute x repeated in element <b>"},
		{"undefined entity", "<a>&nbsp;</a>", "  ", 1, 9, "soap: line 1, column 9: invalid character entity &nbsp;"},
		{"unquoted attribute", "<a x=1/>", "  ", 1, 6, "soap: line 1, column 6: unquoted or missing attribute value in element"},
		{"double hyphen in comment", "<a><!-- a -- b --></a>", "  ", 1, 13, `soap: line 1, column 13: invalid sequence "--" not allowed in comments`},
		{"]]> in text", "<a>]]></a>", "  ", 1, 6, "soap: line 1, column 6: unescaped ]]> not in CDATA section"},
		{"control character", "<a>\x01</a>", "  ", 1, 4, "soap: line 1, column 4: illegal character code U+0001"},
		{"XML 1.1", "<?xml version=\"1.1\"?><a/>", "  ", 1, 21, `soap: line 1, column 21: unsupported version "1.1"; only version 1.0 is supported`},
		{"nesting at the limit plus one", deep(MaxDepth + 1), "  ", 1, 3*MaxDepth + 1, fmt.Sprintf("soap: line 1, column %d: element <a> is nested deeper than 256 elements", 3*MaxDepth+1)},
		{"very deep nesting stops at the limit", deep(500_000), "  ", 1, 3*MaxDepth + 1, fmt.Sprintf("soap: line 1, column %d: element <a> is nested deeper than 256 elements", 3*MaxDepth+1)},
		{"too many attributes", attrs(MaxAttrs + 1), "  ", 1, 1, "soap: line 1, column 1: element <a> has 257 attributes, limit is 256"},
		{"too big", "<a>" + strings.Repeat(" ", MaxBytes) + "</a>", "  ", 0, 0, "soap: document is 5242887 bytes, limit is 5242880"},
		{"indent not whitespace", "<a/>", "--", 0, 0, `soap: indent "--" is not whitespace`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format(tt.in, tt.indent)
			if err == nil {
				t.Fatalf("Format(%.60q) = %q, want error %q", tt.in, got, tt.wantErr)
			}
			if got != "" {
				t.Errorf("Format(%.60q) returned %q with its error, want \"\"", tt.in, got)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Format(%.60q) error = %q, want %q", tt.in, err, tt.wantErr)
			}
			var fe *FormatError
			if errors.As(err, &fe) != (tt.line != 0) {
				t.Fatalf("Format(%.60q) error is %T, FormatError wanted: %v", tt.in, err, tt.line != 0)
			}
			if fe != nil && (fe.Line != tt.line || fe.Col != tt.col) {
				t.Errorf("Format(%.60q) error at %d:%d, want %d:%d", tt.in, fe.Line, fe.Col, tt.line, tt.col)
			}
		})
	}
}

// Exactly at the limits, Format accepts.
func TestFormatAtLimits(t *testing.T) {
	deep := strings.Repeat("<a>", MaxDepth) + strings.Repeat("</a>", MaxDepth)
	out, err := Format(deep, "")
	if err != nil {
		t.Fatalf("Format(%d nested elements) error: %v", MaxDepth, err)
	}
	if out != deep+"\n" {
		t.Errorf("Format(%d nested elements, \"\") changed them", MaxDepth)
	}
	if _, err := Format(deep, DefaultIndent); err != nil {
		t.Errorf("Format(%d nested elements, %q) error: %v", MaxDepth, DefaultIndent, err)
	}

	var b strings.Builder
	b.WriteString("<a")
	for i := range MaxAttrs {
		fmt.Fprintf(&b, " a%d='x'", i)
	}
	b.WriteString("/>")
	if _, err := Format(b.String(), DefaultIndent); err != nil {
		t.Errorf("Format(element with %d attributes) error: %v", MaxAttrs, err)
	}

	big := "<a>" + strings.Repeat("x", MaxBytes-len("<a></a>")) + "</a>"
	out, err = Format(big, DefaultIndent)
	if err != nil {
		t.Fatalf("Format(%d bytes) error: %v", len(big), err)
	}
	if out != big+"\n" {
		t.Errorf("Format(%d bytes of text) changed the text", len(big))
	}
}

func BenchmarkFormatDocSample(b *testing.B) {
	src := layoutExample(b, "disconnect-docs-en.xml")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Format(src, DefaultIndent); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatOneLine(b *testing.B) {
	b.SetBytes(int64(len(oneLineDoc)))
	for b.Loop() {
		if _, err := Format(oneLineDoc, DefaultIndent); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormat1MiB formats an envelope with 1 MiB of header entries.
func BenchmarkFormat1MiB(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>`)
	for sb.Len() < 1<<20 {
		sb.WriteString(`<h:Item xmlns:h="urn:h"><h:Name>n</h:Name><h:Value a="1">v</h:Value></h:Item>`)
	}
	sb.WriteString(`</soap:Header><soap:Body/></soap:Envelope>`)
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Format(src, DefaultIndent); err != nil {
			b.Fatal(err)
		}
	}
}
