// Package report turns what umplay finds about one request into the JSON
// object that both the CLI (`umplay check --json`) and the page
// (`window.umplay.check`) print: the diagnostics of soap.Check (MS-OXWUMS
// 3.1.4.1, SOAP 1.1 §4), the decoded CallId, and the answer of a fresh,
// deterministic simulated server (behaviour.md, "Decision order").
//
// The package is pure Go: it must give byte-identical output natively and
// under GOOS=js GOARCH=wasm, so it never looks at the clock, the environment
// or a real random source.
package report

import (
	"math/rand/v2"
	"time"

	"umplay/wasm/callid"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// Result is the `check --json` object for one request.
type Result struct {
	// File names the input; omitted when empty.
	File string `json:"file,omitempty"`
	// Valid tells whether no diagnostic is an error.
	Valid bool `json:"valid"`
	// Operation is the operation the server dispatches to; null when none.
	Operation *soap.Operation `json:"operation"`
	// Diagnostics in document order; [] (never null) when there are none.
	Diagnostics []Diagnostic `json:"diagnostics"`
	// CallID is the decoded text of the first element named CallId, whatever
	// its namespace and whatever else is wrong; null when there is none.
	CallID *callid.Result `json:"callId"`
	// Response is what the simulated server answers.
	Response Response `json:"response"`
}

// Diagnostic is the JSON form of a soap.Diagnostic. Positions are 1-based;
// columns count characters; End is just past the last character.
type Diagnostic struct {
	Severity  soap.Severity `json:"severity"`
	Code      string        `json:"code"`
	Message   string        `json:"message"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Fix       *Fix          `json:"fix,omitempty"`
	SpecRef   string        `json:"specRef,omitempty"`
	// Field is "soapaction" when the diagnostic is about the SOAPAction
	// header rather than the body.
	Field string `json:"field,omitempty"`
	// Rule is the row of the server's decision order this error faults on.
	Rule soap.Row `json:"rule,omitempty"`
}

// Fix is the JSON form of a soap.Fix: replace the range with Text.
type Fix struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Text      string `json:"text"`
	Title     string `json:"title"`
	Field     string `json:"field,omitempty"`
}

// Response is the simulated server's answer.
type Response struct {
	Status     int               `json:"status"`
	StatusText string            `json:"statusText"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
	// Fault is the SOAP fault (code, namespace, string, exceptionType);
	// null when the body is not a fault.
	Fault   *umsim.Fault `json:"fault"`
	Explain string       `json:"explain"`
}

// Check checks body as sent with head and simulates the server's answer.
// file only labels the result. The same arguments always give the same
// Result.
func Check(file string, body string, head soap.Head) Result {
	rep := soap.Check(body, head)
	res := Result{
		File:        file,
		Valid:       !rep.HasErrors(),
		Diagnostics: Diagnostics(rep.Diagnostics),
		Response:    NewResponse(Server().Handle(RequestWith(body, head, rep))),
	}
	if rep.Operation != "" {
		op := rep.Operation
		res.Operation = &op
	}
	if v, ok := rep.Value("CallId"); ok {
		res.CallID = v.CallID
	}
	return res
}

// Diagnostics converts ds; the result is never nil.
func Diagnostics(ds []soap.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, NewDiagnostic(d))
	}
	return out
}

// NewDiagnostic converts d.
func NewDiagnostic(d soap.Diagnostic) Diagnostic {
	j := Diagnostic{
		Severity:  d.Severity,
		Code:      d.Code,
		Message:   d.Message,
		Line:      d.Start.Line,
		Column:    d.Start.Col,
		EndLine:   d.End.Line,
		EndColumn: d.End.Col,
		SpecRef:   d.SpecRef,
		Field:     d.Field,
		Rule:      d.Rule,
	}
	if f := d.Fix; f != nil {
		j.Fix = &Fix{
			Line:      f.Start.Line,
			Column:    f.Start.Col,
			EndLine:   f.End.Line,
			EndColumn: f.End.Col,
			Text:      f.Text,
			Title:     f.Title,
			Field:     f.Field,
		}
	}
	return j
}

// NewResponse converts r.
func NewResponse(r umsim.Response) Response {
	return Response{
		Status:     r.Status,
		StatusText: r.StatusText,
		Headers:    r.HeaderMap(),
		Body:       r.Body,
		Fault:      r.Fault,
		Explain:    r.Explain,
	}
}

// Epoch is the simulated server's clock in Check and Simulate.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Server returns a fresh simulated server with a fixed clock (Epoch) and a
// zero-seeded ChaCha8 random source, so that it answers the same request the
// same way every time.
func Server() *umsim.Server {
	return umsim.New(umsim.Config{
		Now:  func() time.Time { return Epoch },
		Rand: rand.NewChaCha8([32]byte{}),
		Host: umsim.DefaultHost,
	})
}

// Request is the HTTP request a client sends with body and head: POST, the
// Content-Type (text/xml; charset=utf-8 unless head says otherwise), and
// SOAPAction as head says.
func Request(body string, head soap.Head) umsim.Request {
	var h []umsim.Header
	if !head.NoContentType {
		ct := head.ContentType
		if ct == "" {
			ct = soap.DefaultContentType
		}
		h = append(h, umsim.Header{Name: "Content-Type", Value: ct})
	}
	if head.SOAPActionPresent {
		h = append(h, umsim.Header{Name: "SOAPAction", Value: head.SOAPAction})
	}
	return umsim.Request{Method: "POST", Header: h, Body: body, Lang: head.Lang}
}

// RequestWith is Request carrying rep, the checker's report of body and
// head, so that the server does not check the body again.
func RequestWith(body string, head soap.Head, rep *soap.Report) umsim.Request {
	r := Request(body, head)
	r.Report = rep
	return r
}

// Simulate sends Request(body, head) to a fresh Server.
func Simulate(body string, head soap.Head) umsim.Response {
	return Server().Handle(Request(body, head))
}
