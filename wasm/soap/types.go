package soap

import (
	"github.com/beevik/etree"

	"umplay/wasm/callid"
)

// Pos is a 1-based position in a text. Col counts characters (Unicode code
// points), not bytes.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"column"`
}

// Span is a half-open range: End is the position just past the last character.
type Span struct {
	Start Pos
	End   Pos
}

// Severity of a diagnostic.
type Severity string

// The severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Fields a diagnostic or fix can be about besides the body.
const (
	FieldBody       = ""
	FieldSOAPAction = "soapaction"
)

// Fix is a quick fix: replace the text in Span of Field with Text.
// For FieldSOAPAction the span is in the header value (line 1).
type Fix struct {
	Title string
	Field string
	Span
	Text string
}

// Diagnostic is one problem found in a request.
type Diagnostic struct {
	Severity Severity
	Code     string
	Message  string
	// Span is where the problem is in the body. A diagnostic about the
	// SOAPAction header (Field == FieldSOAPAction) is anchored in the body at
	// the element the action must match.
	Span
	Field   string
	Fix     *Fix
	SpecRef string
	// Rule is the row of the server's decision order (behaviour.md, 1–8)
	// that this error makes the server fault on; 0 for everything else.
	Rule int
}

// Head is the part of the HTTP request head that Check looks at.
type Head struct {
	// SOAPActionPresent tells whether the request has a SOAPAction header.
	SOAPActionPresent bool
	// SOAPAction is the raw header value, quotes included if any.
	SOAPAction string
}

// DefaultHead is the head of a correct Disconnect request.
func DefaultHead() Head {
	return Head{SOAPActionPresent: true, SOAPAction: Disconnect.QuotedAction()}
}

// Verdict is the first condition, in the server's decision order, that makes
// the server fault. The fields beyond Rule and Code carry what the fault's
// text needs.
type Verdict struct {
	Rule int    // decision row, 1–8
	Code string // the code of the diagnostic that decided it

	// Line and Col locate the problem as .NET's XmlReader reports it
	// (1-based; rules 1 and 6).
	Line, Col int
	// Reason is the parser's message (rule 1).
	Reason string
	// Namespace is the namespace found on the root (rule 2); Local its local name.
	Namespace, Local string
	// Header is the local name of the mustUnderstand header (rule 3).
	Header string
	// Action is the SOAPAction, quotes stripped and URL-decoded (rule 5).
	Action string
	// Element and ElementNS name the unexpected element (rule 6); both empty
	// when the Body (or its content) is missing.
	Element, ElementNS string
	// Exception is the UM exception for rule 8: InvalidCallIdException,
	// InvalidObjectIdException or DialingRulesException.
	Exception string
}

// Value is the text of an operation child element and where it is.
type Value struct {
	Name string // local name, e.g. "CallId"
	Text string // the text content, entities resolved
	// Span covers the text content in the source (empty span just after the
	// start tag when the element is empty).
	Span Span
	// Verbatim tells whether the source text equals Text character for
	// character (no entity or character references, no CDATA), so offsets
	// in Text map one to one onto Span.
	Verbatim bool
	// Element is the element itself.
	Element *etree.Element
	// CallID is Text decoded, for an element named CallId (nil otherwise):
	// decoded once here, for the checker, the simulator and the page.
	CallID *callid.Result
}

// Report is what Check finds.
type Report struct {
	// Diagnostics in document order.
	Diagnostics []Diagnostic
	// Operation is the operation the server dispatches to: the one the
	// SOAPAction names, else the one the body element names; "" if neither.
	Operation Operation
	// Action is the operation the SOAPAction names (quotes stripped,
	// URL-decoded, as ASMX reads it); "" if it names none.
	Action Operation
	// Verdict is nil when the server would accept the request.
	Verdict *Verdict
	// Doc is the parsed document; nil when the XML is not well-formed.
	Doc *etree.Document
	// Op is the operation element (the first Body child), if any.
	Op *etree.Element
	// Values holds the operation's children by local name, in document
	// order, whatever their namespace (so a CallId element is found even when
	// it is wrong).
	Values []Value
}

// Value returns the first value named name.
func (r *Report) Value(name string) (Value, bool) {
	for _, v := range r.Values {
		if v.Name == name {
			return v, true
		}
	}
	return Value{}, false
}

// HasErrors tells whether any diagnostic is an error.
func (r *Report) HasErrors() bool {
	for _, d := range r.Diagnostics {
		if d.Severity == Error {
			return true
		}
	}
	return false
}
