// Package markdown finds the fenced code blocks of a Markdown document
// (CommonMark 0.31, §4.5 "Fenced code blocks"), so that the code inside
// them can be checked and every position found in it mapped back to the
// document.
//
// It reads just enough of the block structure for that: backtick and tilde
// fences of three or more characters, closed by a fence of the same
// character at least as long (or by the end of the document or of the
// list item holding them); fences indented inside list items (§5.2), whose
// content loses the item's indentation and then up to as much more as the
// fence had; HTML comments and <pre>/<script>/<style>/<textarea> blocks
// (§4.6, types 1 and 2), inside which a fence is text; indented code
// blocks (§4.4), where a fence is text too. It does not read block quotes,
// and a lazy continuation line (§5.2) ends a list item here. The package
// is pure: no I/O.
package markdown

import "strings"

// Block is one fenced code block.
type Block struct {
	// Info is the info string after the opening fence, trimmed; Lang is
	// its first word ("xml" for ```xml title="x").
	Info, Lang string
	// Fence is the 1-based line of the opening fence; the content starts on
	// the next line.
	Fence int
	// Text is the content: the lines between the fences with their
	// indentation removed, line endings (LF or CRLF) kept.
	Text string
	// Indent holds, per content line, how many characters were removed
	// from its start.
	Indent []int
	// Start and End are the byte offsets of the content in the document
	// (End is where the closing fence line, if any, starts).
	Start, End int
	// Closed tells whether a closing fence ends the block (else the end of
	// the document or of its list item does).
	Closed bool
}

// Lines is the number of content lines.
func (b *Block) Lines() int { return len(b.Indent) }

// Pos maps a 1-based line and column (in characters) of b.Text to the
// document's line and column. A position past the last content line (the
// end of a text that ends in a newline) maps to the closing fence's line.
func (b *Block) Pos(line, col int) (int, int) {
	if line < 1 {
		line = 1
	}
	if line <= len(b.Indent) {
		col += b.Indent[line-1]
	}
	return b.Fence + line, col
}

// Blocks returns the fenced code blocks of src in document order.
func Blocks(src string) []Block {
	s := scanner{src: src}
	s.run()
	return s.blocks
}

// scanner is the state of one pass over the lines.
type scanner struct {
	src    string
	blocks []Block
	lists  []int // content columns of the open list items, innermost last
	fence  *open
	html   string // the text that ends the open HTML block ("" if none)
}

// open is an open fence.
type open struct {
	char      byte
	n         int
	container int // the list item's content column
	strip     int // columns to remove from each content line
	b         Block
	text      strings.Builder
}

func (s *scanner) run() {
	line, off := 0, 0
	for off < len(s.src) {
		end := strings.IndexByte(s.src[off:], '\n')
		next := len(s.src)
		if end >= 0 {
			next = off + end + 1
			end = off + end
		} else {
			end = len(s.src)
		}
		line++
		s.line(line, off, end, next)
		off = next
	}
	if s.fence != nil {
		s.finish(len(s.src), false)
	}
}

// line handles one line: src[off:end] without its "\n", next where the
// following line starts.
func (s *scanner) line(n, off, end, next int) {
	text := strings.TrimSuffix(s.src[off:end], "\r")
	ind, at := indent(text)
	blank := at == len(text)
	if f := s.fence; f != nil {
		if !blank && ind < f.container {
			s.finish(off, false) // the list item, and so the block, ended
		} else {
			if !blank && ind-f.container < 4 && closes(text[at:], f.char, f.n) {
				s.finish(off, true)
				return
			}
			k := strip(text, f.strip)
			f.b.Indent = append(f.b.Indent, k)
			f.text.WriteString(s.src[off+k : next])
			return
		}
	}
	if s.html != "" {
		if strings.Contains(strings.ToLower(text), s.html) {
			s.html = ""
		}
		return
	}
	if blank {
		return
	}
	for len(s.lists) > 0 && ind < s.lists[len(s.lists)-1] {
		s.lists = s.lists[:len(s.lists)-1]
	}
	col := ind // the column of text[at:]
	for {
		w := 0
		if len(s.lists) > 0 {
			w = s.lists[len(s.lists)-1]
		}
		if col-w >= 4 {
			return // an indented code block or a continuation: no fence here
		}
		rest := text[at:]
		if m, spaces, ok := listMarker(rest); ok {
			col += m + spaces
			at += m + min(spaces, len(rest)-m)
			s.lists = append(s.lists, col)
			if at >= len(text) {
				return
			}
			continue
		}
		if ch, k, info, ok := opens(rest); ok {
			s.fence = &open{char: ch, n: k, container: w, strip: col,
				b: Block{Info: info, Lang: firstWord(info), Fence: n, Start: next}}
			return
		}
		if tag := htmlStart(rest); tag != "" {
			if !strings.Contains(strings.ToLower(rest[4:]), tag) {
				s.html = tag
			}
		}
		return
	}
}

// finish closes the open block; end is where its content ends.
func (s *scanner) finish(end int, closed bool) {
	f := s.fence
	s.fence = nil
	f.b.Text = f.text.String()
	f.b.End = end
	f.b.Closed = closed
	if f.b.Start > end { // an unclosed fence on the last line
		f.b.Start = end
	}
	s.blocks = append(s.blocks, f.b)
}

// indent returns the indentation width of line in columns (a tab advances to
// the next multiple of 4) and the index of its first other character.
func indent(line string) (width, at int) {
	for at < len(line) {
		switch line[at] {
		case ' ':
			width++
		case '\t':
			width += 4 - width%4
		default:
			return width, at
		}
		at++
	}
	return width, at
}

// strip returns how many leading space and tab characters of line fit in
// cols columns; a tab that would cross the limit is kept.
func strip(line string, cols int) int {
	w := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return i
		}
		if w > cols {
			return i
		}
	}
	return len(line)
}

// listMarker reads a list item marker at the start of s (§5.2): "-", "+",
// "*" or 1–9 digits and "." or ")", then 1–4 spaces (more count as one:
// the rest is indented code) or the end of the line. It returns the
// marker's length and the columns of space after it.
func listMarker(s string) (marker, spaces int, ok bool) {
	switch {
	case s == "":
		return 0, 0, false
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		marker = 1
	default:
		for marker < len(s) && marker < 9 && s[marker] >= '0' && s[marker] <= '9' {
			marker++
		}
		if marker == 0 || marker == len(s) || (s[marker] != '.' && s[marker] != ')') {
			return 0, 0, false
		}
		marker++
	}
	if marker == len(s) {
		return marker, 1, true
	}
	if s[marker] != ' ' && s[marker] != '\t' {
		return 0, 0, false
	}
	w, at := indent(s[marker:])
	if at == len(s)-marker || w > 4 {
		return marker, 1, true
	}
	return marker, w, true
}

// opens reads an opening fence at the start of s: the fence character, its
// run length, and the info string.
func opens(s string) (ch byte, n int, info string, ok bool) {
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return 0, 0, "", false
	}
	ch = s[0]
	for n < len(s) && s[n] == ch {
		n++
	}
	if n < 3 {
		return 0, 0, "", false
	}
	info = strings.TrimSpace(s[n:])
	if ch == '`' && strings.IndexByte(info, '`') >= 0 {
		return 0, 0, "", false // inline code, not a fence (§4.5)
	}
	return ch, n, info, true
}

// closes tells whether s (indentation removed) is a closing fence for a
// fence of n characters ch.
func closes(s string, ch byte, n int) bool {
	k := 0
	for k < len(s) && s[k] == ch {
		k++
	}
	return k >= n && strings.Trim(s[k:], " \t") == ""
}

// htmlStart returns the text that ends the HTML block s starts (§4.6 types
// 1 and 2), lower-cased; "" when s starts none.
func htmlStart(s string) string {
	if strings.HasPrefix(s, "<!--") {
		return "-->"
	}
	if len(s) < 2 || s[0] != '<' {
		return ""
	}
	low := strings.ToLower(s)
	for _, tag := range []string{"pre", "script", "style", "textarea"} {
		if rest, ok := strings.CutPrefix(low[1:], tag); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '>') {
			return "</" + tag + ">"
		}
	}
	return ""
}

// firstWord is the info string's first word (§4.5: the language).
func firstWord(info string) string {
	if i := strings.IndexAny(info, " \t"); i >= 0 {
		return info[:i]
	}
	return info
}
