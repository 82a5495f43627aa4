// Package xmllex splits XML text into coloured runs for display: a lenient
// scanner, not a parser, so broken input still gets colours (the names follow
// XML 1.0 §2.3 loosely: any byte ≥ 0x80 may be part of a name). It also cuts
// those runs at the edges of diagnostic marks, and clips both to a window of
// the text, which is all a highlighted editor needs to paint.
package xmllex

import (
	"slices"
	"sort"
	"strings"
)

// Class is the kind of a token: a byte, so that the tokens of a big text
// hold no pointers (the garbage collector does not scan them).
type Class uint8

// Token classes of the XML highlighter.
const (
	Text Class = iota
	Punct
	Tag
	NS // a prefix and its colon
	Attr
	Value
	Comment
	PI
	CDATA
	Doctype
	Entity
)

var names = [...]string{"", "punct", "tag", "ns", "attr", "value", "comment", "pi", "cdata", "doctype", "entity"}

// css holds "tok--"+name of each class, made once.
var css = func() (c [len(names)]string) {
	for i, n := range names {
		if n != "" {
			c[i] = "tok--" + n
		}
	}
	return c
}()

// String is the class's name, "" for Text.
func (c Class) String() string {
	if int(c) < len(names) {
		return names[c]
	}
	return ""
}

// CSS is the CSS class of the class, "tok--"+name ("" for Text).
func (c Class) CSS() string {
	if int(c) < len(css) {
		return css[c]
	}
	return ""
}

// Token is a run of src[Start:End] of one class.
type Token struct {
	Start, End int
	Class      Class
}

// Tokens splits src into coloured runs. It never fails: it is a lenient
// scanner for display, not a parser, so broken input still gets colours and
// the text of all tokens together is exactly src.
func Tokens(src string) []Token { return AppendTokens(nil, src, nil) }

// yieldBytes is how much text AppendTokens scans between calls of yield.
const yieldBytes = 64 << 10

// AppendTokens appends the tokens of src to dst[:0] (reusing its array, so
// re-colouring a big text allocates nothing), calling yield (when not nil)
// about every 64 KiB of src so that a caller on a single thread — the
// browser's — can let other work run meanwhile. yield does not change the
// tokens.
func AppendTokens(dst []Token, src string, yield func()) []Token {
	toks := dst[:0]
	if want := len(src)/4 + 1; cap(toks) < want { // markup has about one token in 5 bytes
		toks = make([]Token, 0, want)
	}
	emit := func(start, end int, class Class) {
		if end <= start {
			return
		}
		if n := len(toks); n > 0 && toks[n-1].Class == class && toks[n-1].End == start {
			toks[n-1].End = end
			return
		}
		toks = append(toks, Token{start, end, class})
	}
	// upTo returns the offset just past the first sep at or after i, or len(src).
	upTo := func(i int, sep string) int {
		if j := strings.Index(src[i:], sep); j >= 0 {
			return i + j + len(sep)
		}
		return len(src)
	}
	// text emits character data with entity references marked.
	text := func(start, end int, class Class) {
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
				emit(i+j, k+1, Entity)
				i = k + 1
			} else {
				emit(i+j, i+j+1, class)
				i = i + j + 1
			}
		}
	}
	// name emits a qualified name, its prefix coloured apart.
	name := func(start, end int, class Class) {
		if c := strings.IndexByte(src[start:end], ':'); c > 0 {
			emit(start, start+c+1, NS)
			emit(start+c+1, end, class)
			return
		}
		emit(start, end, class)
	}

	i, next := 0, yieldBytes
	for i < len(src) {
		if yield != nil && i >= next {
			yield()
			next = i + yieldBytes
		}
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			text(i, len(src), Text)
			break
		}
		text(i, i+lt, Text)
		i += lt
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			j := upTo(i+4, "-->")
			emit(i, j, Comment)
			i = j
		case strings.HasPrefix(rest, "<![CDATA["):
			j := upTo(i+9, "]]>")
			emit(i, i+9, Punct)
			end := j
			if strings.HasSuffix(src[:j], "]]>") {
				end = j - 3
			}
			emit(i+9, end, CDATA)
			emit(end, j, Punct)
			i = j
		case strings.HasPrefix(rest, "<?"):
			j := upTo(i+2, "?>")
			emit(i, j, PI)
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
			emit(i, j, Doctype)
			i = j
		case len(rest) > 1 && (rest[1] == '/' || isNameStartByte(rest[1])):
			i = tag(src, i, emit, name, text)
		default:
			emit(i, i+1, Text)
			i++
		}
	}
	return toks
}

// tag scans the start or end tag at src[i] ('<') and returns the offset after it.
func tag(src string, i int, emit func(int, int, Class), name func(int, int, Class), text func(int, int, Class)) int {
	j := i + 1
	if src[j] == '/' {
		j++
	}
	emit(i, j, Punct)
	k := j
	for k < len(src) && isNameByte(src[k]) {
		k++
	}
	name(j, k, Tag)
	i = k
	for i < len(src) {
		c := src[i]
		switch {
		case c == '>':
			emit(i, i+1, Punct)
			return i + 1
		case c == '/' && i+1 < len(src) && src[i+1] == '>':
			emit(i, i+2, Punct)
			return i + 2
		case c == '<': // an unclosed tag: let the caller start over here
			return i
		case c == '=':
			emit(i, i+1, Punct)
			i++
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				// unterminated: colour up to the end of the line
				end = strings.IndexByte(src[i+1:], '\n')
				if end < 0 {
					end = len(src) - i - 1
				}
				text(i, i+1+end, Value)
				i += 1 + end
				continue
			}
			text(i, i+2+end, Value)
			i += 2 + end
		case isNameStartByte(c):
			k := i
			for k < len(src) && isNameByte(src[k]) {
				k++
			}
			name(i, k, Attr)
			i = k
		default:
			emit(i, i+1, Text)
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

// Mark is a diagnostic range to underline, in byte offsets of the text.
type Mark struct {
	Start, End int
	Class      string // "error" or "warning": CSS class "mark--"+class
}

// Piece is a run of text to render: its Token class and the marks over it.
type Piece struct {
	Start, End int
	Class      Class
	Marks      string // space-separated Mark classes, "" when unmarked
	Empty      bool   // a zero-width Mark at start (end == start)
}

// Pieces cuts the tokens at Mark boundaries and gives each Piece the marks
// covering it. A zero-width Mark becomes an empty Piece.
func Pieces(toks []Token, marks []Mark) []Piece {
	if len(marks) == 0 {
		out := make([]Piece, len(toks))
		for i, t := range toks {
			out[i] = Piece{Start: t.Start, End: t.End, Class: t.Class}
		}
		return out
	}
	var cuts []int
	for _, m := range marks {
		cuts = append(cuts, m.Start, m.End)
	}
	// sort.Stable, not slices.Sort: the page's sorts share its one
	// non-generic copy (each slices.Sort instantiation links its own).
	sort.Stable(sort.IntSlice(cuts))
	cuts = slices.Compact(cuts)
	classAt := func(start, end int) string {
		var cls []string
		for _, m := range marks {
			if m.Start < end && start < m.End {
				cls = append(cls, "mark--"+m.Class)
			}
		}
		sort.Stable(sort.StringSlice(cls))
		return strings.Join(slices.Compact(cls), " ")
	}
	emptyAt := func(at int) string {
		var cls []string
		for _, m := range marks {
			if m.Start == at && m.End == at {
				cls = append(cls, "mark--"+m.Class)
			}
		}
		sort.Stable(sort.StringSlice(cls))
		return strings.Join(slices.Compact(cls), " ")
	}
	var out []Piece
	c := 0
	emitEmpty := func(at int) {
		if cls := emptyAt(at); cls != "" {
			out = append(out, Piece{Start: at, End: at, Marks: cls, Empty: true})
		}
	}
	for _, t := range toks {
		s := t.Start
		for c < len(cuts) && cuts[c] <= s {
			if cuts[c] == s {
				emitEmpty(s)
			}
			c++
		}
		for c < len(cuts) && cuts[c] < t.End {
			out = append(out, Piece{Start: s, End: cuts[c], Class: t.Class, Marks: classAt(s, cuts[c])})
			s = cuts[c]
			emitEmpty(s)
			c++
		}
		out = append(out, Piece{Start: s, End: t.End, Class: t.Class, Marks: classAt(s, t.End)})
	}
	for ; c < len(cuts); c++ { // marks at the very end of the text
		emitEmpty(cuts[c])
	}
	return out
}

// Window returns the tokens and marks that overlap [start, end), clipped to
// it; zero-width marks at end are kept.
func Window(toks []Token, marks []Mark, start, end int) ([]Token, []Mark) {
	lo, _ := slices.BinarySearchFunc(toks, start, func(t Token, off int) int {
		if t.End <= off {
			return -1
		}
		return 1
	})
	var wt []Token
	for _, t := range toks[lo:] {
		if t.Start >= end {
			break
		}
		if s, e := max(t.Start, start), min(t.End, end); s < e {
			wt = append(wt, Token{s, e, t.Class})
		}
	}
	var wm []Mark
	for _, m := range marks {
		if m.Start == m.End && start <= m.Start && m.Start <= end ||
			m.Start < m.End && m.Start < end && start < m.End {
			wm = append(wm, Mark{max(m.Start, start), min(m.End, end), m.Class})
		}
	}
	return wt, wm
}
