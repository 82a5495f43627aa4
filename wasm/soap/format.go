package soap

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatError is why Format refused a document, and where (XML 1.0 §2.1
// well-formedness, or one of the limits).
type FormatError struct {
	Pos        // where the problem is; Col counts characters
	Msg string // what is wrong
}

func (e *FormatError) Error() string {
	return "soap: line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Format re-indents the XML document src, putting every element whose
// content is only elements (and comments and processing instructions) one to
// a line, indent once per nesting level. It changes nothing else: start tags,
// end tags, comments, processing instructions and the XML declaration are
// copied byte for byte, and an element whose content holds any text that is
// not whitespace, a CDATA section, no markup at all, or xml:space="preserve"
// is copied as written, inner whitespace included. Whitespace outside the
// root element and between markup in element-only content is the only thing
// replaced. With indent "" the root element ends up on one line. The result
// ends with a newline, and Format(Format(src)) == Format(src).
//
// Format refuses, with a *FormatError that says where, a document that is
// not well-formed, has a DOCTYPE, nests elements deeper than MaxDepth or
// puts more than MaxAttrs attributes on one element; and, with a plain error,
// one longer than MaxBytes or an indent that is not whitespace.
func Format(src, indent string) (string, error) {
	if len(src) > MaxBytes {
		return "", errors.New("soap: document is " + strconv.Itoa(len(src)) + " bytes, limit is " + strconv.Itoa(MaxBytes))
	}
	if strings.Trim(indent, " \t\r\n") != "" {
		return "", errors.New("soap: indent " + strconv.Quote(indent) + " is not whitespace")
	}
	toks, err := layoutScan(src)
	if err != nil {
		return "", err
	}

	var b strings.Builder
	b.Grow(len(src) + len(src)/4 + 1)
	first := true
	top := func() { // before an item outside the root element
		if !first {
			b.WriteByte('\n')
		}
		first = false
	}
	inner := func(depth int) { // before an item inside element-only content
		if indent == "" {
			return
		}
		b.WriteByte('\n')
		for range depth {
			b.WriteString(indent)
		}
	}
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		raw := src[t.start:t.end]
		switch t.kind {
		case layoutBOM:
			b.WriteString(raw)
		case layoutSpace:
			// Replaced by the line breaks written before the next item.
		case layoutStart:
			if depth == 0 {
				top()
			} else {
				inner(depth)
			}
			if t.verbatim {
				b.WriteString(src[t.start:toks[t.match].end])
				i = t.match
				continue
			}
			b.WriteString(raw)
			depth++
		case layoutEnd:
			depth--
			inner(depth)
			b.WriteString(raw)
		case layoutOther:
			if depth == 0 {
				top()
			} else {
				inner(depth)
			}
			b.WriteString(raw)
		}
		// layoutText only occurs inside elements copied verbatim: layoutScan
		// refuses it outside the root.
	}
	b.WriteByte('\n')
	return b.String(), nil
}

// layoutKind classifies a token of the source for Format.
type layoutKind uint8

const (
	layoutSpace layoutKind = iota // text of XML whitespace only, as written
	layoutText                    // any other text, or a CDATA section
	layoutStart                   // start tag, <a/> included
	layoutEnd                     // end tag; empty (zero width) after <a/>
	layoutOther                   // comment, processing instruction, XML declaration
	layoutBOM                     // a byte order mark at the very start
)

// layoutToken is a token of the source by its byte range.
type layoutToken struct {
	kind       layoutKind
	verbatim   bool // layoutStart: copy the element as written
	start, end int  // byte range in the source
	match      int  // layoutStart: index of the matching end token
}

// layoutScan splits src into tokens, checking that it is a well-formed
// document within the limits.
func layoutScan(src string) ([]layoutToken, error) {
	dec := xml.NewDecoder(strings.NewReader(src))
	dec.Strict = true
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }

	type open struct {
		tok          int
		name         xml.Name
		markup, text bool // has child markup; has text, CDATA or xml:space="preserve"
	}
	var (
		// Most tags are followed by text, so about two tokens a '<'.
		toks   = make([]layoutToken, 0, 2*strings.Count(src, "<")+1)
		stack  []open
		root   bool
		declAt int // where an XML declaration may be
		seen   = make(map[xml.Name]bool)
	)
	fail := func(off int, text string) error {
		return &FormatError{Pos: layoutPos(src, off), Msg: text}
	}
	for {
		off := int(dec.InputOffset())
		t, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			msg := err.Error()
			if se := syntaxError(err); se != nil {
				msg = se.Msg
			}
			msg = strings.TrimPrefix(msg, "xml: ")
			// InputOffset is just past the bad input: point at its last
			// character, as the checker does.
			at := int(dec.InputOffset())
			if at > off {
				_, n := utf8.DecodeLastRuneInString(src[:at])
				at -= n
			}
			return nil, fail(at, msg)
		}
		end := int(dec.InputOffset())
		raw := src[off:end]
		tok := layoutToken{start: off, end: end}
		switch t := t.(type) {
		case xml.StartElement:
			tok.kind = layoutStart
			if len(stack) == 0 {
				if root {
					return nil, fail(off, "second root element <"+layoutName(t.Name)+">; a document has exactly one")
				}
				root = true
			} else {
				stack[len(stack)-1].markup = true
			}
			if len(stack) >= MaxDepth {
				return nil, fail(off, "element <"+layoutName(t.Name)+"> is nested deeper than "+strconv.Itoa(MaxDepth)+" elements")
			}
			if len(t.Attr) > MaxAttrs {
				return nil, fail(off, "element <"+layoutName(t.Name)+"> has "+strconv.Itoa(len(t.Attr))+" attributes, limit is "+strconv.Itoa(MaxAttrs))
			}
			preserve := false
			if len(t.Attr) > 1 {
				clear(seen)
			}
			for _, a := range t.Attr {
				if len(t.Attr) > 1 {
					if seen[a.Name] {
						return nil, fail(off, "attribute "+layoutName(a.Name)+" repeated in element <"+layoutName(t.Name)+">")
					}
					seen[a.Name] = true
				}
				if a.Name.Space == "xml" && a.Name.Local == "space" && a.Value == "preserve" {
					preserve = true
				}
			}
			stack = append(stack, open{tok: len(toks), name: t.Name, text: preserve})
		case xml.EndElement:
			tok.kind = layoutEnd
			if len(stack) == 0 {
				return nil, fail(off, "end tag </"+layoutName(t.Name)+"> without a start tag")
			}
			o := stack[len(stack)-1]
			if o.name != t.Name {
				return nil, fail(off, "element <"+layoutName(o.name)+"> closed by </"+layoutName(t.Name)+">")
			}
			stack = stack[:len(stack)-1]
			toks[o.tok].match = len(toks)
			toks[o.tok].verbatim = o.text || !o.markup
		case xml.CharData:
			switch {
			case off == 0 && raw == "\ufeff":
				tok.kind = layoutBOM
				declAt = end
			case strings.Trim(raw, " \t\r\n") == "":
				tok.kind = layoutSpace
			default:
				tok.kind = layoutText
				if len(stack) == 0 {
					what := "text"
					if strings.HasPrefix(raw, "<![CDATA[") {
						what = "CDATA section"
					}
					return nil, fail(off, what+" outside the root element")
				}
				stack[len(stack)-1].text = true
			}
		case xml.Comment:
			tok.kind = layoutOther
			if len(stack) > 0 {
				stack[len(stack)-1].markup = true
			}
		case xml.ProcInst:
			tok.kind = layoutOther
			if strings.EqualFold(t.Target, "xml") {
				if t.Target != "xml" || off != declAt {
					return nil, fail(off, "XML declaration must be at the very start of the document")
				}
			} else if len(stack) > 0 {
				stack[len(stack)-1].markup = true
			}
		case xml.Directive:
			if strings.HasPrefix(string(t), "DOCTYPE") {
				return nil, fail(off, "DOCTYPE is not allowed")
			}
			return nil, fail(off, "markup <!"+layoutClip(string(t))+" is not allowed here")
		}
		toks = append(toks, tok)
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return nil, fail(len(src), "element <"+layoutName(o.name)+"> is not closed")
	}
	if !root {
		return nil, fail(len(src), "no root element")
	}
	return toks, nil
}

// layoutName is n as written in the source.
func layoutName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// layoutClip shortens s for an error message.
func layoutClip(s string) string {
	const max = 20
	if len(s) <= max {
		return s
	}
	for i := range s {
		if i > max {
			return s[:i] + "…"
		}
	}
	return s
}

// layoutPos is the position of byte offset off in src: 1-based line, and
// 1-based column in characters.
func layoutPos(src string, off int) Pos {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line := strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	return Pos{Line: line, Col: utf8.RuneCountInString(before[start:]) + 1, Offset: off}
}
