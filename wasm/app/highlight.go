//go:build js && wasm

package main

import (
	"slices"
	"strings"
	"syscall/js"
)

// Token classes of the XML highlighter; each is the CSS class "tok--"+class.
const (
	tokText    = ""
	tokPunct   = "punct"
	tokTag     = "tag"
	tokNS      = "ns" // a prefix and its colon
	tokAttr    = "attr"
	tokValue   = "value"
	tokComment = "comment"
	tokPI      = "pi"
	tokCDATA   = "cdata"
	tokDoctype = "doctype"
	tokEntity  = "entity"
)

// token is a run of src[start:end] of one class.
type token struct {
	start, end int
	class      string
}

// xmlTokens splits src into coloured runs. It never fails: it is a lenient
// scanner for display, not a parser, so broken input still gets colours and
// the text of all tokens together is exactly src.
func xmlTokens(src string) []token {
	var toks []token
	emit := func(start, end int, class string) {
		if end <= start {
			return
		}
		if n := len(toks); n > 0 && toks[n-1].class == class && toks[n-1].end == start {
			toks[n-1].end = end
			return
		}
		toks = append(toks, token{start, end, class})
	}
	// upTo returns the offset just past the first sep at or after i, or len(src).
	upTo := func(i int, sep string) int {
		if j := strings.Index(src[i:], sep); j >= 0 {
			return i + j + len(sep)
		}
		return len(src)
	}
	// text emits character data with entity references marked.
	text := func(start, end int, class string) {
		for i := start; i < end; {
			j := strings.IndexByte(src[i:end], '&')
			if j < 0 {
				emit(i, end, class)
				return
			}
			emit(i, i+j, class)
			k := i + j + 1
			for k < end && k-i-j < 12 && isNameByte(src[k]) || k < end && src[k] == '#' {
				k++
			}
			if k < end && src[k] == ';' {
				emit(i+j, k+1, tokEntity)
				i = k + 1
			} else {
				emit(i+j, i+j+1, class)
				i = i + j + 1
			}
		}
	}
	// name emits a qualified name, its prefix coloured apart.
	name := func(start, end int, class string) {
		if c := strings.IndexByte(src[start:end], ':'); c > 0 {
			emit(start, start+c+1, tokNS)
			emit(start+c+1, end, class)
			return
		}
		emit(start, end, class)
	}

	i := 0
	for i < len(src) {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			text(i, len(src), tokText)
			break
		}
		text(i, i+lt, tokText)
		i += lt
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			j := upTo(i+4, "-->")
			emit(i, j, tokComment)
			i = j
		case strings.HasPrefix(rest, "<![CDATA["):
			j := upTo(i+9, "]]>")
			emit(i, i+9, tokPunct)
			end := j
			if strings.HasSuffix(src[:j], "]]>") {
				end = j - 3
			}
			emit(i+9, end, tokCDATA)
			emit(end, j, tokPunct)
			i = j
		case strings.HasPrefix(rest, "<?"):
			j := upTo(i+2, "?>")
			emit(i, j, tokPI)
			i = j
		case strings.HasPrefix(rest, "<!"):
			j, depth := i+2, 0
			for j < len(src) {
				c := src[j]
				j++
				if c == '[' {
					depth++
				} else if c == ']' {
					depth--
				} else if c == '>' && depth <= 0 {
					break
				}
			}
			emit(i, j, tokDoctype)
			i = j
		case len(rest) > 1 && (rest[1] == '/' || isNameStartByte(rest[1])):
			i = tag(src, i, emit, name, text)
		default:
			emit(i, i+1, tokText)
			i++
		}
	}
	return toks
}

// tag scans the start or end tag at src[i] ('<') and returns the offset after it.
func tag(src string, i int, emit func(int, int, string), name func(int, int, string), text func(int, int, string)) int {
	j := i + 1
	if src[j] == '/' {
		j++
	}
	emit(i, j, tokPunct)
	k := j
	for k < len(src) && isNameByte(src[k]) {
		k++
	}
	name(j, k, tokTag)
	i = k
	for i < len(src) {
		c := src[i]
		switch {
		case c == '>':
			emit(i, i+1, tokPunct)
			return i + 1
		case c == '/' && i+1 < len(src) && src[i+1] == '>':
			emit(i, i+2, tokPunct)
			return i + 2
		case c == '<': // an unclosed tag: let the caller start over here
			return i
		case c == '=':
			emit(i, i+1, tokPunct)
			i++
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				// unterminated: colour up to the end of the line
				end = strings.IndexByte(src[i+1:], '\n')
				if end < 0 {
					end = len(src) - i - 1
				}
				text(i, i+1+end, tokValue)
				i += 1 + end
				continue
			}
			text(i, i+2+end, tokValue)
			i += 2 + end
		case isNameStartByte(c):
			k := i
			for k < len(src) && isNameByte(src[k]) {
				k++
			}
			name(i, k, tokAttr)
			i = k
		default:
			emit(i, i+1, tokText)
			i++
		}
	}
	return i
}

func isNameStartByte(c byte) bool {
	return c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isNameByte(c byte) bool {
	return isNameStartByte(c) || c == '-' || c == '.' || '0' <= c && c <= '9'
}

// mark is a diagnostic range to underline, in byte offsets of the text.
type mark struct {
	start, end int
	class      string // "error" or "warning": CSS class "mark--"+class
}

// piece is a run of text to render: its token class and the marks over it.
type piece struct {
	start, end int
	class      string
	marks      string // space-separated mark classes, "" when unmarked
	empty      bool   // a zero-width mark at start (end == start)
}

// pieces cuts the tokens at mark boundaries and gives each piece the marks
// covering it. A zero-width mark becomes an empty piece.
func pieces(toks []token, marks []mark) []piece {
	if len(marks) == 0 {
		out := make([]piece, len(toks))
		for i, t := range toks {
			out[i] = piece{start: t.start, end: t.end, class: t.class}
		}
		return out
	}
	var cuts []int
	for _, m := range marks {
		cuts = append(cuts, m.start, m.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	classAt := func(start, end int) string {
		var cls []string
		for _, m := range marks {
			if m.start < end && start < m.end {
				cls = append(cls, "mark--"+m.class)
			}
		}
		slices.Sort(cls)
		return strings.Join(slices.Compact(cls), " ")
	}
	emptyAt := func(at int) string {
		var cls []string
		for _, m := range marks {
			if m.start == at && m.end == at {
				cls = append(cls, "mark--"+m.class)
			}
		}
		slices.Sort(cls)
		return strings.Join(slices.Compact(cls), " ")
	}
	var out []piece
	c := 0
	emitEmpty := func(at int) {
		if cls := emptyAt(at); cls != "" {
			out = append(out, piece{start: at, end: at, marks: cls, empty: true})
		}
	}
	for _, t := range toks {
		s := t.start
		for c < len(cuts) && cuts[c] <= s {
			if cuts[c] == s {
				emitEmpty(s)
			}
			c++
		}
		for c < len(cuts) && cuts[c] < t.end {
			out = append(out, piece{start: s, end: cuts[c], class: t.class, marks: classAt(s, cuts[c])})
			s = cuts[c]
			emitEmpty(s)
			c++
		}
		out = append(out, piece{start: s, end: t.end, class: t.class, marks: classAt(s, t.end)})
	}
	for ; c < len(cuts); c++ { // marks at the very end of the text
		emitEmpty(cuts[c])
	}
	return out
}

// painter builds highlighted DOM cheaply: spans are clones of one
// prototype per class (one call instead of two), their text goes in through
// textContent, and plain text is handed to append() as strings, which the
// browser turns into text nodes, in batches. syscall/js calls cost
// microseconds each, so this is what keeps a window of highlighted lines
// fast to draw. Every piece of text still only ever becomes a text node.
type painter struct {
	doc    js.Value
	protos map[string]js.Value
}

var paint = painter{protos: map[string]js.Value{}}

func (p *painter) span(class, text string) js.Value {
	proto, ok := p.protos[class]
	if !ok {
		if p.doc.IsUndefined() {
			p.doc = js.Global().Get("document")
		}
		proto = p.doc.Call("createElement", "span")
		proto.Set("className", class)
		p.protos[class] = proto
	}
	s := proto.Call("cloneNode", false)
	if text != "" {
		s.Set("textContent", text)
	}
	return s
}

// appendAll appends nodes and strings to parent in batches.
func appendAll(parent js.Value, items []any) {
	const batch = 4096
	for len(items) > 0 {
		n := min(batch, len(items))
		parent.Call("append", items[:n]...)
		items = items[n:]
	}
}

// renderCode replaces the children of parent with src coloured as XML, the
// marks wrapped in span.mark elements.
func renderCode(parent js.Value, src string, marks []mark) {
	parent.Set("textContent", "")
	if len(src) > plainLimit {
		parent.Set("textContent", src)
		return
	}
	appendAll(parent, paintPieces(src, pieces(xmlTokens(src), marks)))
}

// plainLimit is the size above which renderCode does not colour (response
// and history panes; the editor paints only a window of lines).
const plainLimit = 64 << 10

// paintPieces turns pieces of src into nodes and strings for append().
func paintPieces(src string, ps []piece) []any {
	items := make([]any, 0, len(ps))
	one := func(p piece) any {
		if p.class == "" {
			return src[p.start:p.end]
		}
		return paint.span("tok--"+p.class, src[p.start:p.end])
	}
	for i := 0; i < len(ps); {
		p := ps[i]
		switch {
		case p.marks == "":
			items = append(items, one(p))
			i++
		case p.empty:
			items = append(items, paint.span("mark mark--empty "+p.marks, ""))
			i++
		default:
			w := paint.span("mark "+p.marks, "")
			var in []any
			for ; i < len(ps) && ps[i].marks == p.marks && !ps[i].empty; i++ {
				in = append(in, one(ps[i]))
			}
			appendAll(w, in)
			items = append(items, w)
		}
	}
	return items
}

// window returns the tokens and marks that overlap [start, end), clipped to
// it; zero-width marks at end are kept.
func window(toks []token, marks []mark, start, end int) ([]token, []mark) {
	lo, _ := slices.BinarySearchFunc(toks, start, func(t token, off int) int {
		if t.end <= off {
			return -1
		}
		return 1
	})
	var wt []token
	for _, t := range toks[lo:] {
		if t.start >= end {
			break
		}
		wt = append(wt, token{max(t.start, start), min(t.end, end), t.class})
	}
	var wm []mark
	for _, m := range marks {
		if m.start == m.end && start <= m.start && m.start <= end ||
			m.start < m.end && m.start < end && start < m.end {
			wm = append(wm, mark{max(m.start, start), min(m.end, end), m.class})
		}
	}
	return wt, wm
}
