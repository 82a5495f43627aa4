// Package doccheck checks documentation the way a docs team's CI needs it:
// an XML file, or a Markdown page block by block (every fenced code block
// whose info string's first word is xml), each block a unit of its own —
// a request (checked by soap.Check with the SOAPAction its operation element
// names), a response, a fault or a fragment (soap.Inspect) — and the
// page's prose, where a namespace written https:// (the translated UM
// reference pages' typo, umws-protocol.md §8) is a warning with a fix.
// Every position is in the file's own coordinates. Fix applies the fixes
// that are safe to apply unattended.
//
// The package is pure Go: no I/O, no clock.
package doccheck

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"umplay/wasm/callid"
	"umplay/wasm/markdown"
	"umplay/wasm/msg"
	"umplay/wasm/report"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// Kinds of unit beyond soap's: the prose of a Markdown file (everything
// outside its XML blocks).
const KindProse = "prose"

// MaxBlocks is how many XML blocks of one file are checked; the rest are
// named in one warning.
const MaxBlocks = 5000

// Unit is one checked unit: an XML file, one XML block of a Markdown file,
// or a Markdown file's prose. It marshals to the object `umplay check
// --json` prints: report.Result's fields, plus kind, block and error.
type Unit struct {
	File string `json:"file"`
	// Kind is request, response, fault, fragment or prose.
	Kind string `json:"kind"`
	// Block locates a Markdown block; absent for XML files and prose.
	Block *Block `json:"block,omitempty"`
	// Valid tells whether no diagnostic is an error.
	Valid bool `json:"valid"`
	// Operation is, for a request, the operation the server dispatches to;
	// for a response, the operation it answers; null otherwise.
	Operation *soap.Operation `json:"operation"`
	// Diagnostics sorted by position; never null.
	Diagnostics []report.Diagnostic `json:"diagnostics"`
	// CallID is the decoded first CallId of a request; null otherwise.
	CallID *callid.Result `json:"callId"`
	// Response is what the simulated server answers a request (only when
	// Options.Simulate is set); absent for other kinds.
	Response *report.Response `json:"response,omitempty"`
	// Error says why the file could not be read; the unit is then nothing
	// else.
	Error string `json:"error,omitempty"`
}

// Block is where a Markdown block is: its 0-based index among the file's
// XML blocks and the 1-based line of its opening fence.
type Block struct {
	Index int `json:"index"`
	Line  int `json:"line"`
}

// Options say how to check.
type Options struct {
	// Head is the HTTP head of the requests of XML files (Markdown blocks
	// always use the action their element names).
	Head soap.Head
	// Auto makes XML files' requests use the action their element names too.
	Auto bool
	// Simulate fills each request's Response (the JSON output needs it; the
	// text output does not).
	Simulate bool
	// Lang is the language of the messages (codes never change with it).
	Lang msg.Lang
}

// IOError is the unit of a file that could not be read.
func IOError(file string, err error) Unit {
	return Unit{File: file, Diagnostics: []report.Diagnostic{}, Error: err.Error()}
}

// XML checks the text of an XML file.
func XML(file, text string, opt Options) Unit {
	u := checkXML(text, opt.Head, opt.Auto, opt.Simulate, opt.Lang)
	u.File = file
	return u
}

// TextError is the unit of an XML file whose bytes are not text: one
// error, and, when simulating, the server's answer — 400 with no body, the
// XmlException of behaviour.md row 5a.
func TextError(file string, e *soap.TextError, opt Options) Unit {
	u := Unit{File: file, Kind: string(soap.KindRequest), Diagnostics: []report.Diagnostic{textDiag(e, opt.Lang)}}
	if opt.Simulate {
		r := report.NewResponse(TextErrorResponse(e))
		u.Response = &r
	}
	u.finish()
	return u
}

// TextErrorResponse is the server's answer to a body whose bytes are not
// text: 400 with no body, as for any XmlException (behaviour.md row 5a).
func TextErrorResponse(e *soap.TextError) umsim.Response {
	return umsim.Response{
		Status: 400, StatusText: "Bad Request",
		Header:  []umsim.Header{{Name: "Cache-Control", Value: "private"}, {Name: "Content-Length", Value: "0"}},
		Explain: fmt.Sprintf("The server's XmlReader cannot read these bytes as text (%s), so ASMX answers 400 Bad Request with no body (an XmlException). Save the file as UTF-8 and send it again.", e.Msg),
	}
}

// TooBig is the unit of a Markdown file larger than soap.MaxBytes.
func TooBig(file string, l msg.Lang) Unit {
	u := Unit{File: file, Kind: KindProse, Diagnostics: []report.Diagnostic{{Severity: soap.Error, Code: "limit-size",
		Message: msg.Format(l, "doc.too-big", soap.MaxBytes),
		Line:    1, Column: 1, EndLine: 1, EndColumn: 1}}}
	u.finish()
	return u
}

// MarkdownTextError is the unit of a Markdown file whose bytes are not text.
func MarkdownTextError(file string, e *soap.TextError, l msg.Lang) Unit {
	u := Unit{File: file, Kind: KindProse, Diagnostics: []report.Diagnostic{textDiag(e, l)}}
	u.finish()
	return u
}

func textDiag(e *soap.TextError, l msg.Lang) report.Diagnostic {
	return report.Diagnostic{Severity: soap.Error, Code: "text-encoding",
		Message: e.Text(l), Line: e.Pos.Line, Column: e.Pos.Col, EndLine: e.Pos.Line, EndColumn: e.Pos.Col + 1,
		SpecRef: soap.SpecXML + "#charencoding"}
}

// checkXML checks one XML text as a unit, in its own coordinates. auto
// picks the SOAPAction from the operation element.
func checkXML(text string, head soap.Head, auto, simulate bool, lang msg.Lang) Unit {
	doc := &soap.Doc{Kind: soap.KindRequest} // too big to read: Check says so
	if len(text) <= soap.MaxBytes {
		doc = soap.Inspect(text, lang)
	}
	u := Unit{Kind: string(doc.Kind)}
	if doc.Operation != "" && doc.Kind != soap.KindFragment && doc.Kind != soap.KindFault {
		op := doc.Operation
		u.Operation = &op
	}
	if doc.Kind != soap.KindRequest {
		u.Diagnostics = report.Diagnostics(doc.Diagnostics)
		u.finish()
		return u
	}
	if auto {
		head = soap.DefaultHead()
		if doc.Operation != "" {
			head = soap.Head{SOAPActionPresent: true, SOAPAction: doc.Operation.QuotedAction()}
		}
	}
	head.Lang = lang
	var ds []soap.Diagnostic
	if simulate {
		r := report.Check("", text, head)
		u.Operation, u.CallID, u.Diagnostics = r.Operation, r.CallID, r.Diagnostics
		resp := r.Response
		u.Response = &resp
	} else {
		rep := soap.Check(text, head)
		ds = rep.Diagnostics
		u.Operation = nil
		if rep.Operation != "" {
			op := rep.Operation
			u.Operation = &op
		}
		if v, ok := rep.Value("CallId"); ok {
			u.CallID = v.CallID
		}
		u.Diagnostics = report.Diagnostics(ds)
	}
	// The namespace declarations Check says nothing about (an unused
	// https:// declaration of the types namespace, say).
	for _, d := range doc.Diagnostics {
		if !covered(u.Diagnostics, d) {
			u.Diagnostics = append(u.Diagnostics, report.NewDiagnostic(d))
		}
	}
	u.finish()
	return u
}

// covered tells whether one of ds already fixes or points at d's place.
func covered(ds []report.Diagnostic, d soap.Diagnostic) bool {
	for _, c := range ds {
		if f := c.Fix; f != nil && f.Field == "" && f.Line == d.Start.Line && f.Column == d.Start.Col &&
			f.EndLine == d.End.Line && f.EndColumn == d.End.Col {
			return true
		}
	}
	return false
}

// finish sorts the diagnostics by position and sets Valid.
func (u *Unit) finish() {
	if u.Diagnostics == nil {
		u.Diagnostics = []report.Diagnostic{}
	}
	slices.SortStableFunc(u.Diagnostics, func(a, b report.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	u.Valid = true
	for _, d := range u.Diagnostics {
		if d.Severity == soap.Error {
			u.Valid = false
		}
	}
}

// IsXMLBlock tells whether a fenced block holds XML: its info string's
// first word is xml, in any case.
func IsXMLBlock(b *markdown.Block) bool { return strings.EqualFold(b.Lang, "xml") }

// Markdown checks the text of a Markdown file: first its prose (one unit,
// always there), then each XML block in order.
func Markdown(file, text string, opt Options) []Unit {
	var blocks []markdown.Block
	for _, b := range markdown.Blocks(text) {
		if IsXMLBlock(&b) {
			blocks = append(blocks, b)
		}
	}
	prose := Unit{File: file, Kind: KindProse, Diagnostics: Prose(text, blocks, opt.Lang)}
	if len(blocks) > MaxBlocks {
		b := blocks[MaxBlocks]
		prose.Diagnostics = append(prose.Diagnostics, report.Diagnostic{Severity: soap.Warning, Code: "markdown-blocks-limit",
			Message: msg.Format(opt.Lang, "markdown-blocks-limit", len(blocks), MaxBlocks),
			Line:    b.Fence, Column: 1, EndLine: b.Fence, EndColumn: 1})
		blocks = blocks[:MaxBlocks]
	}
	prose.finish()
	units := make([]Unit, 0, 1+len(blocks))
	units = append(units, prose)
	for i := range blocks {
		b := &blocks[i]
		u := checkBlock(b, opt.Simulate, opt.Lang)
		u.File = file
		u.Block = &Block{Index: i, Line: b.Fence}
		units = append(units, u)
	}
	return units
}

// checkBlock checks one XML block and maps its positions into the file.
func checkBlock(b *markdown.Block, simulate bool, lang msg.Lang) Unit {
	var u Unit
	if strings.TrimSpace(b.Text) == "" {
		u = Unit{Kind: string(soap.KindFragment), Diagnostics: []report.Diagnostic{{Severity: soap.Warning, Code: "markdown-block-empty",
			Message: msg.Text(lang, "markdown-block-empty"),
			Line:    b.Fence, Column: 1, EndLine: b.Fence, EndColumn: 1}}}
		u.finish()
		return u
	}
	u = checkXML(b.Text, soap.Head{}, true, simulate, lang)
	for i := range u.Diagnostics {
		d := &u.Diagnostics[i]
		d.Message = mapMessage(b, d.Message)
		d.Line, d.Column = b.Pos(d.Line, d.Column)
		d.EndLine, d.EndColumn = b.Pos(d.EndLine, d.EndColumn)
		if f := d.Fix; f != nil && f.Field == "" {
			f.Line, f.Column = b.Pos(f.Line, f.Column)
			f.EndLine, f.EndColumn = b.Pos(f.EndLine, f.EndColumn)
		}
	}
	if !b.Closed {
		u.Diagnostics = append(u.Diagnostics, report.Diagnostic{Severity: soap.Warning, Code: "markdown-fence-unclosed",
			Message: msg.Text(lang, "markdown-fence-unclosed"),
			Line:    b.Fence, Column: 1, EndLine: b.Fence, EndColumn: 1})
	}
	u.finish()
	return u
}

// messagePos is how a message names a position ("opened at line 3, column 5").
var messagePos = regexp.MustCompile(`\b(line|linha) (\d+), (column|coluna) (\d+)`)

// mapMessage maps the positions a message names from the block's text into
// the file.
func mapMessage(b *markdown.Block, msg string) string {
	if !strings.Contains(msg, "line ") && !strings.Contains(msg, "linha ") {
		return msg
	}
	return messagePos.ReplaceAllStringFunc(msg, func(m string) string {
		sub := messagePos.FindStringSubmatch(m)
		line, err1 := strconv.Atoi(sub[2])
		col, err2 := strconv.Atoi(sub[4])
		if err1 != nil || err2 != nil {
			return m
		}
		line, col = b.Pos(line, col)
		return fmt.Sprintf("%s %d, %s %d", sub[1], line, sub[3], col)
	})
}
