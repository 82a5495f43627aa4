//go:build js && wasm

package main

import (
	"syscall/js"

	"umplay/wasm/xmllex"
)

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
func renderCode(parent js.Value, src string, marks []xmllex.Mark) {
	parent.Set("textContent", "")
	if len(src) > plainLimit {
		parent.Set("textContent", src)
		return
	}
	appendAll(parent, paintPieces(src, xmllex.Pieces(xmllex.Tokens(src), marks)))
}

// plainLimit is the size above which renderCode does not colour (response
// and history panes; the editor paints only a window of lines).
const plainLimit = 64 << 10

// paintPieces turns pieces of src into nodes and strings for append().
func paintPieces(src string, ps []xmllex.Piece) []any {
	items := make([]any, 0, len(ps))
	one := func(p xmllex.Piece) any {
		if p.Class == xmllex.Text {
			return src[p.Start:p.End]
		}
		return paint.span(p.Class.CSS(), src[p.Start:p.End])
	}
	for i := 0; i < len(ps); {
		p := ps[i]
		switch {
		case p.Marks == "":
			items = append(items, one(p))
			i++
		case p.Empty:
			items = append(items, paint.span("mark mark--empty "+p.Marks, ""))
			i++
		default:
			w := paint.span("mark "+p.Marks, "")
			var in []any
			for ; i < len(ps) && ps[i].Marks == p.Marks && !ps[i].Empty; i++ {
				in = append(in, one(ps[i]))
			}
			appendAll(w, in)
			items = append(items, w)
		}
	}
	return items
}
