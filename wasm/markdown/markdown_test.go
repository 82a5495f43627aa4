package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestBlocks(t *testing.T) {
	type want struct {
		Lang   string
		Fence  int
		Text   string
		Indent []int
		Closed bool
	}
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{name: "none", in: "# Title\n\nText `code` here.\n", want: nil},
		{name: "backticks", in: "a\n\n```xml\n<a/>\n  <b/>\n```\nafter\n",
			want: []want{{"xml", 3, "<a/>\n  <b/>\n", []int{0, 0}, true}}},
		{name: "info string words and case", in: "```XML title=\"req\"\n<a/>\n```\n",
			want: []want{{"XML", 1, "<a/>\n", []int{0}, true}}},
		{name: "tilde fence, longer closer", in: "~~~~xml\n<a>\n~~~\n</a>\n~~~~~~\n",
			want: []want{{"xml", 1, "<a>\n~~~\n</a>\n", []int{0, 0, 0}, true}}},
		{name: "backtick fence not closed by tildes", in: "```xml\n~~~\n```\n",
			want: []want{{"xml", 1, "~~~\n", []int{0}, true}}},
		{name: "CRLF kept", in: "x\r\n```xml\r\n<a/>\r\n```\r\nx\r\n",
			want: []want{{"xml", 2, "<a/>\r\n", []int{0}, true}}},
		{name: "indented fence strips up to its indentation", in: "  ```xml\n    <a/>\n <b/>\n<c/>\n  ```\n",
			want: []want{{"xml", 1, "  <a/>\n<b/>\n<c/>\n", []int{2, 1, 0}, true}}},
		{name: "four spaces is indented code, not a fence", in: "para\n\n    ```xml\n    <a/>\n    ```\n", want: nil},
		{name: "inside a numbered list item", in: "1. Send this:\n\n   ```xml\n   <a>\n     <b/>\n   </a>\n   ```\n\n2. Next\n",
			want: []want{{"xml", 3, "<a>\n  <b/>\n</a>\n", []int{3, 3, 3}, true}}},
		{name: "list item indented by four, fence one more", in: "-   Item\n\n     ```xml\n     <a/>\n     ```\n",
			want: []want{{"xml", 3, "<a/>\n", []int{5}, true}}},
		{name: "fence on the list marker's line", in: "- ```xml\n  <a/>\n  ```\n",
			want: []want{{"xml", 1, "<a/>\n", []int{2}, true}}},
		{name: "nested lists", in: "1. a\n   - b\n\n     ```xml\n     <a/>\n     ```\n",
			want: []want{{"xml", 4, "<a/>\n", []int{5}, true}}},
		{name: "list item ends the block", in: "1. x\n   ```xml\n   <a/>\ntext\n```\n",
			want: []want{{"xml", 2, "<a/>\n", []int{3}, false}, {"", 5, "", nil, false}}},
		{name: "blank lines inside keep", in: "```xml\n<a>\n\n</a>\n```\n",
			want: []want{{"xml", 1, "<a>\n\n</a>\n", []int{0, 0, 0}, true}}},
		{name: "unclosed runs to the end", in: "```xml\n<a/>\n",
			want: []want{{"xml", 1, "<a/>\n", []int{0}, false}}},
		{name: "unclosed on the last line", in: "text\n```xml",
			want: []want{{"xml", 2, "", nil, false}}},
		{name: "backtick in a backtick info string is not a fence", in: "```a`b\n<a/>\n```\n",
			want: []want{{"", 3, "", nil, false}}},
		{name: "closing fence with trailing spaces", in: "```xml\n<a/>\n```   \n```js\nx\n```\n",
			want: []want{{"xml", 1, "<a/>\n", []int{0}, true}, {"js", 4, "x\n", []int{0}, true}}},
		{name: "closing fence with text is content", in: "```xml\n``` no\n```\n",
			want: []want{{"xml", 1, "``` no\n", []int{0}, true}}},
		{name: "HTML comment hides a fence", in: "<!--\n```xml\n<a/>\n```\n-->\n```xml\n<b/>\n```\n",
			want: []want{{"xml", 6, "<b/>\n", []int{0}, true}}},
		{name: "one-line HTML comment", in: "<!-- note -->\n```xml\n<b/>\n```\n",
			want: []want{{"xml", 2, "<b/>\n", []int{0}, true}}},
		{name: "pre block hides a fence", in: "<pre>\n```xml\n</pre>\n",
			want: nil},
		{name: "tab indentation", in: "-\titem\n\n  ```xml\n  \t<a/>\n  ```\n",
			want: []want{{"xml", 3, "\t<a/>\n", []int{2}, true}}},
		{name: "two blocks", in: "```xml\n<a/>\n```\ntext\n~~~ xml\n<b/>\n~~~\n",
			want: []want{{"xml", 1, "<a/>\n", []int{0}, true}, {"xml", 5, "<b/>\n", []int{0}, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []want
			for _, b := range Blocks(tt.in) {
				got = append(got, want{b.Lang, b.Fence, b.Text, b.Indent, b.Closed})
				if c := tt.in[b.Start:b.End]; !b.Closed && b.End == len(tt.in) && !strings.HasSuffix(tt.in, c) {
					t.Errorf("block at %d: content range [%d:%d] is not the end of the input", b.Fence, b.Start, b.End)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Blocks(%q) =\n%+v\nwant\n%+v", tt.in, got, tt.want)
			}
		})
	}
}

// Every content character's position maps back onto the same character
// of the document.
func TestBlockPos(t *testing.T) {
	src := "Intro\r\n\r\n1. Step:\r\n\r\n   ```xml\r\n   <a>\r\n     <é/>\r\n   </a>\r\n   ```\r\n"
	bs := Blocks(src)
	if len(bs) != 1 {
		t.Fatalf("Blocks = %d blocks, want 1", len(bs))
	}
	b := bs[0]
	doc := strings.Split(src, "\n")
	for i, l := range strings.Split(b.Text, "\n") {
		for j, r := range []rune(l) {
			line, col := b.Pos(i+1, j+1)
			if got := []rune(doc[line-1]); col-1 >= len(got) || got[col-1] != r {
				t.Errorf("Pos(%d, %d) = %d:%d, which is not %q", i+1, j+1, line, col, r)
			}
		}
	}
	if got := src[b.Start:b.End]; got != "   <a>\r\n     <é/>\r\n   </a>\r\n" {
		t.Errorf("content range = %q", got)
	}
}

func FuzzBlocks(f *testing.F) {
	f.Add("```xml\n<a/>\n```\n")
	f.Add("1. x\n\n   ~~~xml\n   <a/>\n   ~~~\n")
	f.Add("<!--\n```\n-->\n- ```\n  a\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, b := range Blocks(src) {
			if b.Start < 0 || b.Start > b.End || b.End > len(src) {
				t.Fatalf("block at line %d: range [%d:%d] outside %d bytes", b.Fence, b.Start, b.End, len(src))
			}
			if n := strings.Count(b.Text, "\n"); n != b.Lines() && n+1 != b.Lines() {
				t.Fatalf("block at line %d: %d lines of text, %d indents", b.Fence, n, b.Lines())
			}
		}
	})
}
