package doccheck

import (
	"strings"
	"unicode/utf8"

	"umplay/wasm/markdown"
	"umplay/wasm/msg"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

// MaxProse is how many prose diagnostics one file gets; one more says how
// many were left out.
const MaxProse = 1000

// proseHosts are where the namespaces whose typos Prose finds live.
var proseHosts = []string{"schemas.microsoft.com/exchange/services/2006/", "schemas.xmlsoap.org/soap/envelope/"}

// Prose finds, outside the given XML blocks, every namespace URI written
// as a typo of a real one — https://schemas.microsoft.com/exchange/
// services/2006/{messages,types,errors}, …/2006/message without the s, and
// https://schemas.xmlsoap.org/soap/envelope/ — and returns a warning with
// a fix for each, in text order. Non-XML code blocks count as prose: a C#
// sample with the typo fails the same way.
func Prose(text string, blocks []markdown.Block, l msg.Lang) []report.Diagnostic {
	out := []report.Diagnostic{}
	lines := newLines(text)
	skipped := 0
	for _, host := range proseHosts {
		next := 0 // the first block not yet passed
		for from := 0; ; {
			k := strings.Index(text[from:], host)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(host)
			start, end, ok := uriAt(text, at, host)
			if !ok {
				continue
			}
			for next < len(blocks) && blocks[next].End <= start {
				next++
			}
			if next < len(blocks) && blocks[next].Start <= start {
				continue // inside an XML block: checked as XML
			}
			uri := text[start:end]
			real, typo := soap.NamespaceTypo(uri)
			if !typo {
				continue
			}
			if len(out) >= MaxProse {
				skipped++
				continue
			}
			out = append(out, proseDiag(text, lines, start, end, uri, real, l))
		}
	}
	if skipped > 0 {
		last := out[len(out)-1]
		out = append(out, report.Diagnostic{Severity: soap.Info, Code: "prose-namespace-limit",
			Message: msg.Format(l, "prose-namespace-limit", skipped, MaxProse),
			Line:    last.Line, Column: last.Column, EndLine: last.EndLine, EndColumn: last.EndColumn})
	}
	return out
}

// uriAt finds the namespace URI around the host at text[at:]: its scheme
// before, and after it, for the Exchange host, the last path segment
// (messages, types, errors or message, ending at a character that cannot
// continue a name).
func uriAt(text string, at int, host string) (start, end int, ok bool) {
	switch {
	case strings.HasSuffix(text[:at], "https://"):
		start = at - len("https://")
	case strings.HasSuffix(text[:at], "http://"):
		start = at - len("http://")
	default:
		return 0, 0, false
	}
	end = at + len(host)
	if strings.HasSuffix(host, "/2006/") {
		seg := end
		for end < len(text) && isNameByte(text[end]) {
			end++
		}
		switch text[seg:end] {
		case "messages", "types", "errors", "message":
		default:
			return 0, 0, false
		}
	}
	return start, end, true
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func proseDiag(text string, lines []int, start, end int, uri, real string, l msg.Lang) report.Diagnostic {
	s, e := posOf(text, lines, start), posOf(text, lines, end)
	m := msg.Format(l, "prose-namespace", uri, real, real)
	title := msg.Text(l, "fix.https")
	if strings.HasSuffix(uri, "/message") {
		m = msg.Format(l, "prose-namespace.no-s", uri, real)
		if strings.HasPrefix(uri, "https://") {
			m = msg.Format(l, "prose-namespace.https-no-s", uri, real)
		}
		title = msg.Format(l, "fix.use", real)
	}
	return report.Diagnostic{Severity: soap.Warning, Code: "prose-namespace", Message: m,
		Line: s.Line, Column: s.Col, EndLine: e.Line, EndColumn: e.Col,
		Fix:     &report.Fix{Line: s.Line, Column: s.Col, EndLine: e.Line, EndColumn: e.Col, Text: real, Title: title},
		SpecRef: soap.SpecDisconnect}
}

// newLines returns the byte offset of each line start of text.
func newLines(text string) []int {
	lines := make([]int, 1, 64)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// posOf is the 1-based line and column (in characters) of byte offset off.
func posOf(text string, lines []int, off int) soap.Pos {
	lo, hi := 0, len(lines)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if lines[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return soap.Pos{Line: lo + 1, Col: utf8.RuneCountInString(text[lines[lo]:off]) + 1}
}

// offsetOf is the byte offset of a 1-based line and column (in
// characters); ok is false when the position is not in text.
func offsetOf(text string, lines []int, line, col int) (int, bool) {
	if line < 1 || line > len(lines) || col < 1 {
		return 0, false
	}
	off := lines[line-1]
	end := len(text)
	if line < len(lines) {
		end = lines[line] - 1 // the '\n'
	}
	for c := 1; c < col; c++ {
		if off >= end {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return off, true
}
