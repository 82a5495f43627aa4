package soap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets of this file hold Check, ApplyFix and Format to the
// contract of issue 7: ranges are ordered and inside the text, counting lines
// the way XML 1.0 §2.11 does (LF, CRLF and a lone CR each end a line) and
// columns in characters (an invalid UTF-8 byte is one character); a quick fix
// removes its diagnostic; Format keeps the verdict.

// loneCRIsLineEnd: a CR not followed by LF ends a line too (XML 1.0
// §2.11), as soap's line table counts them.
const loneCRIsLineEnd = true

// textLines is a text cut into lines by an independent reading of XML 1.0
// §2.11, so the test does not share the code it checks.
type textLines struct {
	src    string
	starts []int // byte offset of each line's first character
	ends   []int // byte offset of each line's end (its CR, LF or CRLF, or len(src))
}

func splitLines(src string) textLines {
	tl := textLines{src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if !loneCRIsLineEnd {
				continue
			}
			tl.ends = append(tl.ends, i)
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			tl.starts = append(tl.starts, i+1)
		case '\n':
			tl.ends = append(tl.ends, i)
			tl.starts = append(tl.starts, i+1)
		}
	}
	tl.ends = append(tl.ends, len(src))
	return tl
}

// offset returns the byte offset of p, or why p is not a position of the
// text: a line past the last, or a column past the line's end.
func (tl textLines) offset(p Pos) (int, string) {
	if p.Line < 1 || p.Line > len(tl.starts) {
		return 0, "line out of range"
	}
	if p.Col < 1 {
		return 0, "column below 1"
	}
	off, end := tl.starts[p.Line-1], tl.ends[p.Line-1]
	for c := 1; c < p.Col; c++ {
		if off >= end {
			return 0, "column past the end of the line"
		}
		_, n := utf8.DecodeRuneInString(tl.src[off:end])
		off += n
	}
	return off, ""
}

// checkSpan reports a span of text whose ends are not in the text or are
// out of order.
func checkSpan(t *testing.T, tl textLines, what string, sp Span) (start, end int, ok bool) {
	t.Helper()
	start, why := tl.offset(sp.Start)
	if why != "" {
		t.Errorf("%s: start %d:%d: %s (%d lines) in %q", what, sp.Start.Line, sp.Start.Col, why, len(tl.starts), fuzzClip(tl.src))
		return 0, 0, false
	}
	end, why = tl.offset(sp.End)
	if why != "" {
		t.Errorf("%s: end %d:%d: %s (%d lines) in %q", what, sp.End.Line, sp.End.Col, why, len(tl.starts), fuzzClip(tl.src))
		return 0, 0, false
	}
	if end < start {
		t.Errorf("%s: range %d:%d-%d:%d ends before it starts in %q", what, sp.Start.Line, sp.Start.Col, sp.End.Line, sp.End.Col, fuzzClip(tl.src))
		return 0, 0, false
	}
	return start, end, true
}

// clip keeps failure messages readable for long inputs.
func fuzzClip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// fuzzSeeds adds the examples of the page, the test documents and texts
// that stress line ends, encodings and multi-byte characters.
func fuzzSeeds(f *testing.F, add func(string)) {
	f.Helper()
	var names []string
	for _, glob := range []string{filepath.Join("testdata", "*.xml"), filepath.Join("..", "..", "web", "examples", "*.xml")} {
		m, _ := filepath.Glob(glob)
		names = append(names, m...)
	}
	if len(names) == 0 {
		f.Fatal("no seed documents found")
	}
	docs := make([]string, 0, len(names))
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, string(b))
		add(string(b))
	}
	doc := docs[0]
	add(strings.ReplaceAll(doc, "\n", "\r"))   // CR only
	add(strings.ReplaceAll(doc, "\n", "\r\n")) // CRLF
	add(strings.Replace(doc, "<soap:Body>", "<soap:Body>\r<x/>\r", 1))
	add(strings.Replace(doc, "<soap:Body>", "<soap:Body>\r\n<x/>\r\n", 1))
	add(strings.Replace(doc, "<soap:Body>", "<soap:Body>\xff\xfe<x/>", 1)) // invalid UTF-8
	add(strings.Replace(doc, "<soap:Body>", "<soap:Body>‹亾<x/>", 1))
	add("‹亾")
	add("<a>‹亾</a>\r<b/>")
	add("\r\r<a\r/>")
	add("<\xe4\xba")
	add(disconnect(" MDlk\r\n_x\r"))
	add(disconnect("‹亾"))
	add(envelope("\r<m:Disconnect xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><m:CallId>Q\rQ</m:CallId><x/></m:Disconnect>\r"))
}

// FuzzRanges: every diagnostic's range and every fix's range is ordered and
// inside the text (body ranges in the body, SOAPAction fix ranges in the
// header value), whatever the line ends and encoding.
func FuzzRanges(f *testing.F) {
	fuzzSeeds(f, func(s string) { f.Add(s, true, Disconnect.QuotedAction()) })
	f.Add("<a/>", true, "\"http://schemas.microsoft.com/exchange/services/2006/messages/Disconect\"")
	f.Add("<a/>", false, "")
	f.Fuzz(func(t *testing.T, body string, present bool, action string) {
		if len(body) > MaxBytes {
			return
		}
		r := Check(body, Head{SOAPActionPresent: present, SOAPAction: action})
		tl, hl := splitLines(body), splitLines(action)
		for _, d := range r.Diagnostics {
			checkSpan(t, tl, d.Code, d.Span)
			if d.Fix == nil {
				continue
			}
			in := tl
			if d.Fix.Field == FieldSOAPAction {
				in = hl
			}
			checkSpan(t, in, d.Code+" fix", d.Fix.Span)
		}
	})
}

// FuzzFixRemoves: applying a diagnostic's body quick fix gives a text in
// which that diagnostic is gone (fewer diagnostics of its code) and no error
// of a new code appears, except errors of a later decision row than the
// fixed error's.
func FuzzFixRemoves(f *testing.F) {
	fuzzSeeds(f, func(s string) { f.Add(s) })
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > MaxBytes {
			return
		}
		head := DefaultHead()
		r := Check(body, head)
		before := map[string]int{}
		// A syntax error stops the reader: whatever follows it is unread, and
		// a fix that removes the broken element lets the reader go on and
		// find more of the same code there. Only the read part is compared.
		stop := len(body) + 1
		for _, d := range r.Diagnostics {
			if d.Code == "xml-syntax" && d.Span.Start.Offset < stop {
				stop = d.Span.Start.Offset
			}
		}
		for _, d := range r.Diagnostics {
			before[d.Code]++
		}
		for _, d := range r.Diagnostics {
			if d.Fix == nil || d.Fix.Field != FieldBody {
				continue
			}
			fixed, err := ApplyFix(body, *d.Fix)
			if err != nil {
				t.Fatalf("ApplyFix(%s %q) on %q: %v", d.Code, d.Fix.Title, fuzzClip(body), err)
			}
			after := map[string]int{}
			// Where the stop point is in the fixed text: the edit shifts
			// what comes after it.
			fixedStop := stop
			switch {
			case d.Fix.End.Offset <= stop:
				fixedStop += len(d.Fix.Text) - (d.Fix.End.Offset - d.Fix.Start.Offset)
			case d.Fix.Start.Offset <= stop:
				// The fix removes the broken part itself (the element
				// closed by the wrong end tag): the reader now goes on
				// from the edit.
				fixedStop = d.Fix.Start.Offset + len(d.Fix.Text)
			}
			var newErr []string
			for _, e := range Check(fixed, head).Diagnostics {
				if e.Code != d.Code || e.Span.Start.Offset < fixedStop {
					after[e.Code]++
				}
				// An error of a later decision row than the fixed one was
				// hidden behind it, or is the placeholder the fix inserts
				// (child-missing adds an empty <CallId>): that is progress.
				// A fix may reveal another problem of its own row or a later one (rows
				// sort as strings: "2" < "5a" < "5e" < "7"), never an earlier one.
				if e.Severity == Error && before[e.Code] == 0 && !(d.Rule != "" && e.Rule >= d.Rule) {
					newErr = append(newErr, e.Code)
				}
			}
			if after[d.Code] >= before[d.Code] {
				t.Errorf("fix %q of %s: %d %s diagnostics before, %d after\nbefore: %q\nafter:  %q",
					d.Fix.Title, d.Code, before[d.Code], d.Code, after[d.Code], fuzzClip(body), fuzzClip(fixed))
			}
			if len(newErr) > 0 {
				t.Errorf("fix %q of %s adds errors %v\nbefore: %q\nafter:  %q", d.Fix.Title, d.Code, newErr, fuzzClip(body), fuzzClip(fixed))
			}
		}
	})
}

// FuzzFormatVerdict: when Format accepts a text, Check gives the formatted
// text the same verdict (rule and code) as the original. Only the verdict
// is compared: Format legitimately moves positions and changes whitespace,
// and with it warnings such as callid-whitespace, never the server's answer.
func FuzzFormatVerdict(f *testing.F) {
	fuzzSeeds(f, func(s string) { f.Add(s, uint8(2)) })
	f.Fuzz(func(t *testing.T, src string, sel uint8) {
		indent := fuzzIndents[int(sel)%len(fuzzIndents)]
		out, err := Format(src, indent)
		if err != nil {
			return
		}
		head := DefaultHead()
		a, b := Check(src, head).Verdict, Check(out, head).Verdict
		if verdictKey(a) != verdictKey(b) {
			t.Errorf("Format(%q, %q) changes the verdict from %s to %s\nformatted: %q", fuzzClip(src), indent, verdictKey(a), verdictKey(b), fuzzClip(out))
		}
	})
}

func verdictKey(v *Verdict) string {
	if v == nil {
		return "accepted"
	}
	return v.Code + " (rule " + string(v.Rule) + ")"
}
