package soap

import (
	"github.com/beevik/etree"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
)

// Pos is a 1-based position in a text. Col counts characters (Unicode code
// points), not bytes; Offset is the byte offset (0-based), as in
// go/token.Position, so nothing converts back. A Pos made by hand, without
// an Offset, is found again through Lines.Offset.
type Pos struct {
	Line   int `json:"line"`
	Col    int `json:"column"`
	Offset int `json:"-"`
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
	// Rule is the row of the server's decision order (behaviour.md, contract
	// v2: "2", "3", "5a" … "5e", "7", "8", "9") that this error makes the
	// server answer with; "" for everything else.
	Rule Row
}

// Row names a row of the simulated server's decision order (behaviour.md,
// contract v2). The rows the checker decides are listed here; rows 1
// (method), 4 and 5b′ (media type) depend on HTTP fields the checker does
// not see and are umsim's.
type Row string

// The rows of the decision order that a request's SOAPAction and body decide.
const (
	RowNoAction       Row = "2"  // no SOAPAction header: soap:Client
	RowUnknownAction  Row = "3"  // the SOAPAction names no operation: soap:Client
	RowUnreadable     Row = "5a" // not well-formed before the root start tag is complete: 400
	RowVersion        Row = "5b" // the root is not in the SOAP 1.1 namespace: soap:VersionMismatch
	RowEnvelope       Row = "5c" // a SOAP 1.1 root not named Envelope: soap:Client
	RowBody           Row = "5d" // no Body where ASMX reads it: soap:Client
	RowBroken         Row = "5e" // not well-formed later, up to one node after the Envelope: 400
	RowInvalid        Row = "7"  // the request breaks its schema: t:ErrorInvalidRequest (F2)
	RowOperation      Row = "8"  // the operation's own checks: F1-shaped faults
	RowMustUnderstand Row = "9"  // a mustUnderstand header, after the operation ran: soap:MustUnderstand
)

// rank orders rows: stage 5's sub-rows share one rank (the reader's stream
// order decides among them).
func (r Row) rank() int {
	switch r {
	case RowNoAction:
		return 2
	case RowUnknownAction:
		return 3
	case RowUnreadable, RowVersion, RowEnvelope, RowBody, RowBroken:
		return 5
	case RowInvalid:
		return 7
	case RowOperation:
		return 8
	case RowMustUnderstand:
		return 9
	}
	return 100
}

// Bodiless tells whether the server answers the row with an empty body
// (HTTP 400: SoapServerProtocolHelper.SetResponseErrorCode turns a Client
// fault whose inner exception is an XmlException into 400, and
// Soap11ServerProtocolHelper.WriteFault writes nothing for a status other
// than 500).
func (r Row) Bodiless() bool { return r == RowUnreadable || r == RowBroken }

// Head is the part of the HTTP request head that Check looks at.
type Head struct {
	// SOAPActionPresent tells whether the request has a SOAPAction header.
	SOAPActionPresent bool
	// SOAPAction is the raw header value, quotes included if any.
	SOAPAction string
	// ContentType is the Content-Type header value; "" means the correct
	// "text/xml; charset=utf-8". Check does not read it (the media type is
	// the simulated server's row 4); it travels with the head so that the
	// page and the CLI send what the user set.
	ContentType string
	// NoContentType sends no Content-Type header at all.
	NoContentType bool
	// Lang is the language of the diagnostics' messages and fix titles (as
	// a client's Accept-Language would choose); codes never change with it.
	Lang msg.Lang
}

// DefaultContentType is the media type of a SOAP 1.1 request (SOAP 1.1 §6).
const DefaultContentType = "text/xml; charset=utf-8"

// DefaultHead is the head of a correct Disconnect request.
func DefaultHead() Head {
	return Head{SOAPActionPresent: true, SOAPAction: Disconnect.QuotedAction()}
}

// Verdict is the first condition, in the server's decision order, that makes
// the server fault. The fields beyond Rule and Code carry what the fault's
// text needs.
type Verdict struct {
	Rule Row    // decision row
	Code string // the code of the diagnostic that decided it

	// at is the byte offset where the reader meets the problem: within
	// stage 5 the first in reading order wins.
	at int

	// Line and Col locate the problem as .NET's XmlReader reports it
	// (1-based; rows 5a and 5e, and the skipped element of row 7).
	Line, Col int
	// Reason is the reader's message (rows 5a and 5e).
	Reason string
	// Namespace is the namespace found on the root (row 5b); Local its
	// local name (rows 5b and 5c).
	Namespace, Local string
	// Header is the local name of the mustUnderstand header (row 9).
	Header string
	// Action is the SOAPAction, quotes stripped and URL-decoded (row 3).
	Action string
	// Element and ElementNS name the Body element ASMX skipped (row 7);
	// both empty when the Body is empty.
	Element, ElementNS string
	// Exception is the UM exception for row 8: InvalidCallIdException,
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
