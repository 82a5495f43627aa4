package soap

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"umplay/wasm/msg"
)

// attrInfo is where one attribute of a start tag is in the source.
type attrInfo struct {
	Name               string // as written, prefix:local
	Value              string // unescaped
	NameStart, NameEnd int    // byte offsets
	ValStart, ValEnd   int    // byte offsets of the value, quotes excluded
	End                int    // just past the closing quote
}

// elemInfo is where one element is in the source, and what it resolved to.
type elemInfo struct {
	Start, StartEnd    int // the start tag: '<' .. just past '>'
	NameStart, NameEnd int // the qualified name in the start tag
	End, EndEnd        int // the end tag ('</' .. just past '>'); End == StartEnd == EndEnd when self-closing
	EndNameStart       int // the name in the end tag
	SelfClosing        bool
	Attrs              []attrInfo
	NS                 string // resolved namespace URI
	Local              string
	Text               string // the element's own character data, concatenated (set when the element closes)
	// Kids counts the element children built into the tree; More those
	// past MaxKids, checked and counted only.
	Kids, More int
	MoreAt     int // offset of the first child past MaxKids
	text       strings.Builder
	Parent     *etree.Element
}

// declInfo is the XML declaration.
type declInfo struct {
	Start, End       int
	Encoding         string
	EncStart, EncEnd int // value span; EncStart == 0 when absent
}

// syntaxErr is a well-formedness (or limit) failure.
type syntaxErr struct {
	Code       string
	Msg        msg.M  // for people: what is wrong and what to do
	Reason     string // for the server's fault text (.NET wording where known)
	Start, End int    // byte offsets
	// At is where the reader meets the failure (it decides the row: before
	// or after the root's start tag); Start for all but an unclosed element,
	// which the reader meets at the end of the text.
	At int
}

// parsed is a document with positions.
type parsed struct {
	src   string
	lines *Lines
	doc   *etree.Document
	root  *etree.Element
	info  map[*etree.Element]*elemInfo
	decl  *declInfo
	err   *syntaxErr
	// stop is where ASMX stops reading: just past the one node it reads
	// after the root's end tag (SoapServerProtocol.ReadParameters consumes
	// the end tag, then calls reader.Read() once more); -1 until reached.
	stop int
	// unread is the first thing after stop that is not white space, a
	// comment or a processing instruction: the server never reads it, but
	// other XML tools refuse the document. -1 when there is none.
	unread int
}

// pos converts a byte offset into a 1-based line and character column.
func (p *parsed) pos(off int) Pos { return p.lines.Pos(off) }

func (p *parsed) span(start, end int) Span { return p.lines.Span(start, end) }

// parse reads src into an etree document, recording positions and resolving
// namespaces, enforcing the limits while it tokenizes (before any recursive
// walk). It never panics; a failure is recorded in p.err and the tree built so
// far is kept.
func parse(src string) *parsed { return parseYield(src, nil) }

// parseYield is parse calling yield (when not nil) every yieldTokens tokens.
func parseYield(src string, yield func()) *parsed {
	lines := NewLines(src)
	if yield != nil {
		yield()
	}
	if p := parseTokens(src, lines, newFastTokens(src), yield); p != nil {
		return p
	}
	return parseTokens(src, lines, newXMLTokens(src), yield)
}

// yieldTokens is how many tokens parseYield reads between calls of yield:
// about a millisecond of work in a browser.
const yieldTokens = 1024

// parseTokens is parse with the tokens of tz; nil when tz bails (errBail).
func parseTokens(src string, lines *Lines, tz tokenizer, yield func()) *parsed {
	p := &parsed{src: src, lines: lines, info: make(map[*etree.Element]*elemInfo), stop: -1, unread: -1}
	p.doc = etree.NewDocument()
	if len(src) > MaxBytes {
		p.err = &syntaxErr{Code: "limit-size",
			Msg:    msg.New("parse.limit-size", len(src), MaxBytes),
			Reason: "Maximum request length exceeded (" + strconv.Itoa(len(src)) + " bytes, limit " + strconv.Itoa(MaxBytes) + ").",
			Start:  0, End: 0}
		return p
	}

	// open is an element whose end tag is still to come. el is nil for a
	// "ghost": an element past MaxKids element siblings (or inside one),
	// checked for well-formedness and counted, but not built into the tree
	// — so that memory stays a small multiple of the input whatever it
	// holds (issue 7).
	type open struct {
		el    *etree.Element
		info  *elemInfo
		name  string            // qualified name, as written
		start int               // offset of '<'
		scope map[string]string // prefix → URI declared on this element
	}
	var stack []open
	// ghostInfo is the elemInfo of every ghost in turn: a ghost's info is
	// only read while its start tag is handled, so one is reused (with its
	// Attrs' array) instead of allocating one per element.
	var ghostInfo elemInfo
	lookup := func(prefix string) (string, bool) {
		if prefix == "xml" {
			return "http://www.w3.org/XML/1998/namespace", true
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if u, ok := stack[i].scope[prefix]; ok {
				return u, true
			}
		}
		if prefix == "" {
			return "", true
		}
		return "", false
	}
	fail := func(code string, m msg.M, reason string, start, end int) {
		if p.err == nil {
			p.err = &syntaxErr{Code: code, Msg: m, Reason: reason, Start: start, End: end, At: start}
		}
	}
	rootDone := false
	sawToken := false
	for n := 1; ; n++ {
		if yield != nil && n%yieldTokens == 0 {
			yield()
		}
		tok, off, end, err := tz.next()
		if err == io.EOF {
			break
		}
		if err == errBail {
			return nil
		}
		if err != nil {
			text := err.Error()
			if se := syntaxError(err); se != nil {
				text = se.Msg
			}
			at := end
			if at > off && at > 0 {
				at-- // InputOffset points just past the bad input
			}
			if text == "unexpected EOF" && len(stack) > 0 {
				break // reported below as an unclosed element
			}
			if p.stop >= 0 {
				p.unread = off
				return p
			}
			fail("xml-syntax", msg.New("parse.syntax", text), xmlReason(text), at, min(at+1, len(src)))
			return p
		}
		sawToken = true
		if p.stop >= 0 {
			// After the stop, only what XML allows after the root
			// (white space, comments, processing instructions) is quiet.
			switch t := tok; t.Kind {
			case tokText:
				if i := firstNonSpace(t.Data); i >= 0 {
					p.unread = off + i
					return p
				}
			case tokComment:
			case tokProcInst:
				if t.Target == "xml" {
					p.unread = off
					return p
				}
			default:
				p.unread = off
				return p
			}
			continue
		}
		if rootDone && len(stack) == 0 {
			// The one node ASMX reads after the root's end tag: white
			// space (which ends where '<' starts), a comment or a
			// processing instruction is read and ends the read; anything
			// else is an error of that read (row 5e).
			switch t := tok; t.Kind {
			case tokText:
				if i := firstNonSpace(t.Data); i < 0 {
					p.stop = end
					continue
				}
			case tokComment:
				p.stop = end
				continue
			case tokProcInst:
				if t.Target != "xml" {
					p.stop = end
					continue
				}
			}
		}
		switch t := tok; t.Kind {
		case tokStart:
			if rootDone && len(stack) == 0 {
				fail("xml-syntax", msg.New("parse.roots"),
					"There are multiple root elements.", off, end)
				return p
			}
			if len(stack) >= MaxDepth {
				fail("limit-depth", msg.New("parse.limit-depth", MaxDepth),
					"The document nests deeper than "+strconv.Itoa(MaxDepth)+" levels.", off, end)
				return p
			}
			if len(t.Attr) > MaxAttrs {
				fail("limit-attrs", msg.New("parse.limit-attrs", qname(t.Name), len(t.Attr), MaxAttrs),
					"An element has "+strconv.Itoa(len(t.Attr))+" attributes, limit "+strconv.Itoa(MaxAttrs)+".", off, end)
				return p
			}
			parentGhost := len(stack) > 0 && (stack[len(stack)-1].el == nil || stack[len(stack)-1].info.Kids >= MaxKids)
			var info *elemInfo
			if parentGhost {
				ghostInfo = elemInfo{Attrs: ghostInfo.Attrs[:0]}
				info = &ghostInfo
			} else {
				info = &elemInfo{}
			}
			info.Start, info.StartEnd = off, end
			info.NameStart = off + 1
			info.NameEnd = info.NameStart + qnameLen(t.Name)
			info.Attrs = scanAttrs(info.Attrs, src, info.NameEnd, end)
			// The qualified name as written, sliced from the source rather
			// than built (a start tag's name is exactly what the decoder
			// read there).
			name := src[info.NameStart:info.NameEnd]
			var scope map[string]string
			for i, a := range t.Attr {
				key := qname(a.Name)
				if dupAttr(t.Attr[:i], a.Name) {
					s, e := off, end
					if i < len(info.Attrs) {
						s, e = info.Attrs[i].NameStart, info.Attrs[i].NameEnd
					}
					fail("xml-syntax", msg.New("parse.attr-twice", key),
						"'"+key+"' is a duplicate attribute name.", s, e)
					return p
				}
				if i < len(info.Attrs) {
					info.Attrs[i].Value = a.Value
				}
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[""] = a.Value
				case a.Name.Space == "xmlns":
					if scope == nil {
						scope = map[string]string{}
					}
					scope[a.Name.Local] = a.Value
				}
			}
			if a, b, ok := attrsRunTogether(info.Attrs, src, end); ok {
				name := src[a:b]
				fail("xml-syntax", msg.New("parse.attr-space", name),
					"'"+name+"' is an unexpected token. Expecting white space.", a, b)
				return p
			}
			var el *etree.Element
			ghost := false
			switch {
			case len(stack) == 0:
				el = p.doc.CreateElement(name)
				p.root = el
			case stack[len(stack)-1].el == nil:
				ghost = true
			case stack[len(stack)-1].info.Kids >= MaxKids:
				ghost = true
				if pi := stack[len(stack)-1].info; pi.More == 0 {
					pi.MoreAt = off
				}
				stack[len(stack)-1].info.More++
			default:
				parent := stack[len(stack)-1]
				parent.info.Kids++
				info.Parent = parent.el
				el = info.Parent.CreateElement(name)
			}
			if !ghost {
				for _, a := range t.Attr {
					el.CreateAttr(qname(a.Name), a.Value)
				}
				p.info[el] = info
			}
			o := open{el: el, name: name, start: off, scope: scope}
			if !ghost {
				o.info = info
			}
			stack = append(stack, o)
			ns, ok := lookup(t.Name.Space)
			if !ok {
				fail("xml-prefix", msg.New("parse.prefix", t.Name.Space, t.Name.Space),
					"'"+t.Name.Space+"' is an undeclared prefix.", info.NameStart, info.NameStart+len(t.Name.Space))
				return p
			}
			for i, a := range t.Attr {
				if a.Name.Space == "" || a.Name.Space == "xmlns" {
					continue
				}
				if _, ok := lookup(a.Name.Space); !ok {
					s, e := off, end
					if i < len(info.Attrs) {
						s, e = info.Attrs[i].NameStart, info.Attrs[i].NameStart+len(a.Name.Space)
					}
					fail("xml-prefix", msg.New("parse.prefix", a.Name.Space, a.Name.Space),
						"'"+a.Name.Space+"' is an undeclared prefix.", s, e)
					return p
				}
			}
			// Two attributes with one expanded name (a:q and b:q bound to
			// one URI) are not well-formed (Namespaces in XML §6.3).
			if i, j, ok := sameExpandedName(t.Attr, lookup); ok {
				s, e := off, end
				if j < len(info.Attrs) {
					s, e = info.Attrs[j].NameStart, info.Attrs[j].NameEnd
				}
				fail("xml-syntax", msg.New("parse.attr-same", qname(t.Attr[i].Name), qname(t.Attr[j].Name)),
					"'"+qname(t.Attr[j].Name)+"' is a duplicate attribute name.", s, e)
				return p
			}
			info.NS = ns
			info.Local = t.Name.Local
		case tokEnd:
			if len(stack) == 0 {
				fail("xml-syntax", msg.New("parse.end-unmatched", qname(t.Name)),
					"Unexpected end tag </"+qname(t.Name)+">.", off, end)
				return p
			}
			top := stack[len(stack)-1]
			if top.el == nil {
				if end != off && !isQName(t.Name, top.name) {
					got := qname(t.Name)
					at := p.pos(top.start)
					fail("xml-syntax", msg.New("parse.mismatch", top.name, at.Line, at.Col, got, top.name),
						"The '"+top.name+"' start tag on line "+strconv.Itoa(at.Line)+" position "+strconv.Itoa(at.Col+1)+" does not match the end tag of '"+got+"'.",
						off+2, off+2+len(got))
					return p
				}
				stack = stack[:len(stack)-1]
				continue
			}
			info := top.info
			info.Text = info.text.String()
			info.text = strings.Builder{}
			if end == off { // the synthetic end of <a/>
				info.SelfClosing = true
				info.End, info.EndEnd, info.EndNameStart = info.StartEnd, info.StartEnd, info.StartEnd
			} else {
				info.End, info.EndEnd = off, end
				info.EndNameStart = off + 2
				if want := top.name; !isQName(t.Name, want) {
					got := qname(t.Name)
					at := p.pos(info.Start)
					fail("xml-syntax", msg.New("parse.mismatch", want, at.Line, at.Col, got, want),
						"The '"+want+"' start tag on line "+strconv.Itoa(at.Line)+" position "+strconv.Itoa(at.Col+1)+" does not match the end tag of '"+got+"'.",
						info.EndNameStart, info.EndNameStart+len(got))
					return p
				}
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				rootDone = true
			}
		case tokText:
			if len(stack) == 0 {
				if i := firstNonSpace(t.Data); i >= 0 {
					fail("xml-syntax", msg.New("parse.text-outside"),
						"Data at the root level is invalid.", off+i, end)
					return p
				}
				continue
			}
			top := stack[len(stack)-1]
			if top.el == nil {
				continue
			}
			if len(top.el.Child) < 2*MaxKids {
				top.el.CreateText(string(t.Data)) // past that, text is only collected below
			}
			top.info.text.Write(t.Data)
		case tokComment:
			if len(stack) == 0 {
				p.doc.CreateComment(string(t.Data))
			} else if e := stack[len(stack)-1].el; e != nil && len(e.Child) < 2*MaxKids {
				e.CreateComment(string(t.Data))
			}
		case tokProcInst:
			if t.Target == "xml" {
				if off != 0 {
					fail("xml-syntax", msg.New("parse.decl-late"),
						"Unexpected XML declaration. The XML declaration must be the first node in the document, and no white space characters are allowed to appear before it.", off, end)
					return p
				}
				p.decl = scanDecl(src, off, end)
			}
			if len(stack) == 0 {
				p.doc.CreateProcInst(t.Target, string(t.Data))
			} else if e := stack[len(stack)-1].el; e != nil {
				e.CreateProcInst(t.Target, string(t.Data))
			}
		case tokDirective:
			if strings.HasPrefix(strings.TrimSpace(string(t.Data)), "DOCTYPE") {
				fail("xml-doctype", msg.New("parse.doctype"),
					"For security reasons DTD is prohibited in this XML document. To enable DTD processing set the DtdProcessing property on XmlReaderSettings to Parse and pass the settings to XmlReader.Create method.", off, end)
				return p
			}
			fail("xml-syntax", msg.New("parse.decl-unexpected"),
				"Unexpected DTD declaration.", off, end)
			return p
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		fail("xml-syntax", msg.New("parse.unclosed", top.name, top.name),
			"Unexpected end of file has occurred. The following elements are not closed: "+openNames(stack, func(o open) string { return o.name })+".",
			top.start+1, top.start+1+len(top.name))
		p.err.At = len(src)
		return p
	}
	if p.root == nil {
		if !sawToken || strings.TrimSpace(src) == "" {
			fail("xml-empty", msg.New("parse.empty"),
				"Root element is missing.", 0, 0)
		} else {
			fail("xml-syntax", msg.New("parse.no-root"),
				"Root element is missing.", len(src), len(src))
		}
	}
	return p
}

// firstNonSpace is the index of the first byte of t that is not XML white
// space, or -1.
func firstNonSpace(t []byte) int {
	for i, c := range t {
		if !isSpace(c) {
			return i
		}
	}
	return -1
}

// attrsRunTogether finds an attribute that starts right after the previous
// one's closing quote (encoding/xml accepts `a="1"b="2"`; .NET's reader
// wants white space there). It returns the second attribute's name span.
func attrsRunTogether(attrs []attrInfo, src string, end int) (int, int, bool) {
	for i := 1; i < len(attrs); i++ {
		if prev := attrs[i-1]; prev.End == attrs[i].NameStart && prev.End < end {
			return attrs[i].NameStart, attrs[i].NameEnd, true
		}
	}
	return 0, 0, false
}

// sameExpandedName finds two prefixed attributes whose prefixes are bound
// to one namespace and whose local names are equal.
func sameExpandedName(attrs []xml.Attr, lookup func(string) (string, bool)) (int, int, bool) {
	for j := range attrs {
		if attrs[j].Name.Space == "" || attrs[j].Name.Space == "xmlns" {
			continue
		}
		nj, _ := lookup(attrs[j].Name.Space)
		for i := 0; i < j; i++ {
			if attrs[i].Name.Space == "" || attrs[i].Name.Space == "xmlns" || attrs[i].Name.Local != attrs[j].Name.Local {
				continue
			}
			if ni, _ := lookup(attrs[i].Name.Space); ni == nj {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func dupAttr(before []xml.Attr, n xml.Name) bool {
	for _, b := range before {
		if b.Name == n {
			return true
		}
	}
	return false
}

func openNames[T any](stack []T, name func(T) string) string {
	parts := make([]string, 0, len(stack))
	for i := len(stack) - 1; i >= 0; i-- {
		parts = append(parts, name(stack[i]))
	}
	return strings.Join(parts, ", ")
}

// xmlReason turns an encoding/xml message into the sentence form of the
// server's fault text.
func xmlReason(msg string) string {
	if msg == "" {
		return "The XML is not well-formed."
	}
	r := []rune(msg)
	s := strings.ToUpper(string(r[0])) + string(r[1:])
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// qnameLen is len(qname(n)).
func qnameLen(n xml.Name) int {
	if n.Space == "" {
		return len(n.Local)
	}
	return len(n.Space) + 1 + len(n.Local)
}

// isQName tells whether qname(n) == s, without building it.
func isQName(n xml.Name, s string) bool {
	if n.Space == "" {
		return s == n.Local
	}
	return len(s) == qnameLen(n) && s[:len(n.Space)] == n.Space && s[len(n.Space)] == ':' && s[len(n.Space)+1:] == n.Local
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// scanAttrs appends to out the attributes of a well-formed start tag: from
// just after the element name up to (not including) the closing '>' at
// end-1.
func scanAttrs(out []attrInfo, src string, i, end int) []attrInfo {
	for i < end {
		for i < end && isSpace(src[i]) {
			i++
		}
		if i >= end || src[i] == '/' || src[i] == '>' {
			break
		}
		a := attrInfo{NameStart: i}
		for i < end && src[i] != '=' && !isSpace(src[i]) {
			i++
		}
		a.NameEnd = i
		a.Name = src[a.NameStart:a.NameEnd]
		for i < end && src[i] != '=' {
			i++
		}
		i++ // '='
		for i < end && isSpace(src[i]) {
			i++
		}
		if i >= end {
			break
		}
		q := src[i]
		i++
		a.ValStart = i
		for i < end && src[i] != q {
			i++
		}
		a.ValEnd = i
		i++
		a.End = i
		out = append(out, a)
	}
	return out
}

// scanDecl reads the encoding pseudo-attribute of the XML declaration.
func scanDecl(src string, start, end int) *declInfo {
	d := &declInfo{Start: start, End: end}
	body := src[start:end]
	k := strings.Index(body, "encoding")
	if k < 0 {
		return d
	}
	i := start + k + len("encoding")
	for i < end && isSpace(src[i]) {
		i++
	}
	if i >= end || src[i] != '=' {
		return d // not an encoding pseudo-attribute: nothing to repair
	}
	i++
	for i < end && isSpace(src[i]) {
		i++
	}
	if i >= end || (src[i] != '"' && src[i] != '\'') {
		return d
	}
	q := src[i]
	i++
	j := i
	for j < end-2 && src[j] != q { // the value ends before "?>"
		j++
	}
	if j >= end-2 {
		return d
	}
	d.Encoding, d.EncStart, d.EncEnd = src[i:j], i, j
	return d
}

// elements returns the element children of e.
func elements(e *etree.Element) []*etree.Element {
	return e.ChildElements()
}

// declaring finds the attribute that declares prefix for e (xmlns for the
// default namespace), searching e and its ancestors.
func (p *parsed) declaring(e *etree.Element, prefix string) (*attrInfo, bool) {
	want := "xmlns"
	if prefix != "" {
		want = "xmlns:" + prefix
	}
	for e != nil {
		info := p.info[e]
		if info == nil {
			return nil, false
		}
		for i := range info.Attrs {
			if info.Attrs[i].Name == want {
				return &info.Attrs[i], true
			}
		}
		e = info.Parent
	}
	return nil, false
}

// indentOf returns the white space before the start of the line holding off.
func (p *parsed) indentOf(off int) string {
	ls := p.lines.lineStart(off)
	j := ls
	for j < off && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	return p.src[ls:j]
}

// syntaxError is the *xml.SyntaxError in err's chain, or nil (errors.As
// without its reflection, which costs the browser program more code).
func syntaxError(err error) *xml.SyntaxError {
	for ; err != nil; err = errors.Unwrap(err) {
		if se, ok := err.(*xml.SyntaxError); ok {
			return se
		}
	}
	return nil
}
