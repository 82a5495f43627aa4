package umsim

import (
	"errors"
	"strconv"
	"strings"

	"umplay/wasm/soap"
)

// Bodies are written with LF line ends and without a final line end,
// exactly as MS-OXWUMS prints them (a Windows server writes CRLF inside the
// body; Content-Length always counts what is sent).

const xmlDecl = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

// successHead and successTail wrap a success body (MS-OXWUMS 4.1; the line
// break inside the Envelope start tag is the specification's).
const (
	successHead = xmlDecl +
		`<soap:Envelope xmlns:soap="` + soap.NSEnvelope + `"` + "\n" +
		`  xmlns:xsi="` + soap.NSXSI + `" xmlns:xsd="` + soap.NSXSD + `">` + "\n" +
		"  <soap:Body>\n"
	successTail = "  </soap:Body>\n" +
		"</soap:Envelope>"
)

// disconnectBody is the DisconnectResponse envelope (MS-OXWUMS 4.1).
const disconnectBody = successHead +
	`    <DisconnectResponse xmlns="` + soap.NSMessages + `" />` + "\n" +
	successTail

// getCallInfoBody is the GetCallInfoResponse envelope (MS-OXWUMS 3.1.4.3.3.1).
func getCallInfoBody(state, cause string) string {
	return successHead +
		`    <GetCallInfoResponse xmlns="` + soap.NSMessages + `">` + "\n" +
		"      <GetCallInfoResponse>\n" +
		"        <CallState>" + soap.EscapeText(state) + "</CallState>\n" +
		"        <EventCause>" + soap.EscapeText(cause) + "</EventCause>\n" +
		"      </GetCallInfoResponse>\n" +
		"    </GetCallInfoResponse>\n" +
		successTail
}

// playOnPhoneBody is the PlayOnPhoneResponse (or PlayOnPhoneGreetingResponse)
// envelope carrying the new CallId (MS-OXWUMS 3.2.4).
func playOnPhoneBody(op soap.Operation, id string) string {
	name := string(op) + "Response"
	return successHead +
		"    <" + name + ` xmlns="` + soap.NSMessages + `">` + "\n" +
		"      <" + name + ">" + soap.EscapeText(id) + "</" + name + ">\n" +
		"    </" + name + ">\n" +
		successTail
}

func success(body, explain string) Response {
	return Response{
		Status:     200,
		StatusText: "OK",
		Header:     xmlHeaders(body),
		Body:       body,
		Explain:    explain,
	}
}

func xmlHeaders(body string) []Header {
	return []Header{
		{"Cache-Control", "private"},
		{"Content-Type", "text/xml; charset=utf-8"},
		{"Content-Length", strconv.Itoa(len(body))},
	}
}

func faultResponse(body string, f *Fault, explain string) Response {
	return Response{
		Status:     500,
		StatusText: "Internal Server Error",
		Header:     xmlHeaders(body),
		Body:       body,
		Fault:      f,
		Explain:    explain,
	}
}

// soapFault is an ASMX SoapException fault (SOAP 1.1 §4.4, ASMX
// Soap11ServerProtocol.WriteFault): soap prefix, xsi/xsd declared, an
// empty <detail /> unless the fault is about a header (§4.4: detail only
// for Body errors), as for MustUnderstand.
func soapFault(code, text string, detail bool, explain string) Response {
	var b strings.Builder
	b.WriteString(xmlDecl)
	b.WriteString(`<soap:Envelope xmlns:soap="` + soap.NSEnvelope + `" xmlns:xsi="` + soap.NSXSI + `" xmlns:xsd="` + soap.NSXSD + `">` + "\n")
	b.WriteString("  <soap:Body>\n")
	b.WriteString("    <soap:Fault>\n")
	b.WriteString("      <faultcode>soap:" + code + "</faultcode>\n")
	b.WriteString("      <faultstring>" + soap.EscapeText(text) + "</faultstring>\n")
	if detail {
		b.WriteString("      <detail />\n")
	}
	b.WriteString("    </soap:Fault>\n")
	b.WriteString("  </soap:Body>\n")
	b.WriteString("</soap:Envelope>")
	return faultResponse(b.String(), &Fault{Code: code, Namespace: soap.NSEnvelope, String: text}, explain)
}

// The UM exceptions (MS-OXWUMS 2.2.3.1) and their faultstrings.
const (
	exInvalidCallID   = "InvalidCallIdException"
	exInvalidObjectID = "InvalidObjectIdException"
	exDialingRules    = "DialingRulesException"
)

var exceptionText = map[string]string{
	exInvalidCallID:   "The call identifier isn't valid.",
	exInvalidObjectID: "The object identifier isn't valid.",
	exDialingRules:    "Dialing restrictions are preventing the phone number that was entered from being dialed.",
}

// umFault is fault F1 (MS-OXWUMS 3.1.4.1) for exception ex. For GetCallInfo
// the detail child is written as MS-OXWUMS 3.1.4.3 prints it: unprefixed,
// so in no namespace, with an unused xmlns:m (doc erratum 7, reproduced).
func umFault(op soap.Operation, ex, explain string) Response {
	text, ok := exceptionText[ex]
	if !ok {
		return serverFault(errors.New("umsim: unknown UM exception " + strconv.Quote(ex)))
	}
	detail := `<m:ExceptionType xmlns:m="` + soap.NSMessages + `">` + ex + `</m:ExceptionType>`
	if op == soap.GetCallInfo {
		detail = `<ExceptionType xmlns:m="` + soap.NSMessages + `">` + ex + `</ExceptionType>`
	}
	body := xmlDecl +
		`<s:Envelope xmlns:s="` + soap.NSEnvelope + `">` + "\n" +
		"  <s:Body>\n" +
		"    <s:Fault>\n" +
		`      <faultcode xmlns:a="` + soap.NSErrors + `">a:` + ex + "</faultcode>\n" +
		`      <faultstring xml:lang="en-US">` + soap.EscapeText(text) + "</faultstring>\n" +
		"      <detail>\n" +
		"        " + detail + "\n" +
		"      </detail>\n" +
		"    </s:Fault>\n" +
		"  </s:Body>\n" +
		"</s:Envelope>"
	return faultResponse(body, &Fault{Code: ex, Namespace: soap.NSErrors, String: text, ExceptionType: ex}, explain)
}

// invalidRequestText is the faultstring and Message of fault F2.
const invalidRequestText = "The request is invalid."

// malformedBody is fault F2, the Malformed XML fault (MS-OXWUMS 2.2.2.1).
const malformedBody = xmlDecl +
	`<s:Envelope xmlns:s="` + soap.NSEnvelope + `">` + "\n" +
	"  <s:Body>\n" +
	"    <s:Fault>\n" +
	`      <faultcode xmlns:a="` + soap.NSTypes + `">a:ErrorInvalidRequest</faultcode>` + "\n" +
	`      <faultstring xml:lang="en-US">` + invalidRequestText + "</faultstring>\n" +
	"      <detail>\n" +
	`        <e:ResponseCode xmlns:e="` + soap.NSErrors + `">ErrorInvalidRequest</e:ResponseCode>` + "\n" +
	`        <e:Message xmlns:e="` + soap.NSErrors + `">` + invalidRequestText + "</e:Message>\n" +
	"      </detail>\n" +
	"    </s:Fault>\n" +
	"  </s:Body>\n" +
	"</s:Envelope>"

func malformed(explain string) Response {
	return faultResponse(malformedBody, &Fault{Code: "ErrorInvalidRequest", Namespace: soap.NSTypes, String: invalidRequestText}, explain)
}

// serverFault is what ASMX sends when the service itself fails: soap:Server
// "Server was unable to process request." with the inner message. The
// simulator sends it only when it cannot go on (randomness exhausted, a
// verdict it does not know).
func serverFault(err error) Response {
	return soapFault("Server", "Server was unable to process request. ---> "+err.Error(), true,
		"The simulator failed to produce an answer ("+err.Error()+"); this is a fault of the simulation, not of the request. A real server sends soap:Server when the service itself fails.")
}

// methodNotAllowed is ASMX's HttpException(405, "Request format is
// unrecognized."), which ASP.NET sends without a SOAP envelope. Our choice:
// the text as plain text (ASP.NET would wrap it in an HTML error page).
func methodNotAllowed(l words, method string) Response {
	const body = "Request format is unrecognized."
	return Response{
		Status:     405,
		StatusText: "Method Not Allowed",
		Header: []Header{
			{"Allow", "POST"},
			{"Cache-Control", "private"},
			{"Content-Type", "text/plain; charset=utf-8"},
			{"Content-Length", strconv.Itoa(len(body))},
		},
		Body:    body,
		Explain: l.tr("sim.render.msg.4", strconvQuote(method)),
	}
}

// bodiless is an error status that ASMX answers without a body: 400 or
// 415. SoapServerProtocol.WriteException still sets the response's
// Content-Type (text/xml; charset=utf-8) before
// Soap11ServerProtocolHelper.WriteFault returns without writing, since the
// status is not 500.
func bodiless(status int, text, explain string) Response {
	return Response{
		Status:     status,
		StatusText: text,
		Header: []Header{
			{"Cache-Control", "private"},
			{"Content-Type", "text/xml; charset=utf-8"},
			{"Content-Length", "0"},
		},
		Explain: explain,
	}
}

// unsupportedMediaType is rows 4 and 5b′: ReadParameters throws a
// SoapException with the UnsupportedMediaType subcode, which
// SoapServerProtocolHelper.SetResponseErrorCode turns into 415 with no body.
// late tells row 5b′ (a SOAP 1.1 envelope that did not come as text/xml).
func unsupportedMediaType(l words, ct string, rep *soap.Report, late bool) Response {
	what := l.tr("sim.render.msg.5", ct)
	if strings.TrimSpace(ct) == "" {
		what = l.tr("sim.render.msg.6")
	}
	explain := l.tr("sim.render.msg.7", what)
	if base := strings.ToLower(mediaBase(ct)); base != strings.TrimSpace(base) {
		explain += l.tr("sim.render.msg.8")
	}
	if late {
		explain = l.tr("sim.render.msg.9", what)
	}
	_ = rep
	return bodiless(415, "Unsupported Media Type", explain)
}

// strconvQuote shows a method in an explanation; a method with odd
// characters is quoted.
func strconvQuote(m string) string {
	for _, r := range m {
		if r <= ' ' || r > '~' {
			return strconv.Quote(m)
		}
	}
	return m
}

// verdictResponse renders the answer of rep.Verdict's row (behaviour.md,
// contract v2).
func verdictResponse(l words, rep *soap.Report, req Request) Response {
	v := rep.Verdict
	const unable = "Server was unable to read request. ---> "
	switch v.Rule {
	case soap.RowNoAction:
		return soapFault("Client", "Unable to handle request without a valid action parameter. Please supply a valid soap action.", true,
			l.tr("sim.render.msg.11", expectedOperation(rep, req).QuotedAction()))
	case soap.RowUnknownAction:
		return soapFault("Client", "Server did not recognize the value of HTTP Header SOAPAction: "+v.Action+".", true,
			explainAction(l, v.Action, expectedOperation(rep, req)))
	case soap.RowUnreadable, soap.RowBroken:
		return bodiless(400, "Bad Request", explainUnreadable(l, rep))
	case soap.RowVersion:
		return soapFault("VersionMismatch",
			"Possible SOAP version mismatch: Envelope namespace "+v.Namespace+" was unexpected. Expecting "+soap.NSEnvelope+".",
			true, explainEnvelopeNS(l, v.Namespace, v.Local))
	case soap.RowEnvelope:
		return soapFault("Client", unable+"Request format is invalid: Missing required soap:Envelope element.", true,
			l.tr("sim.render.msg.12", v.Local, soap.NSEnvelope))
	case soap.RowBody:
		op := expectedOperation(rep, req)
		return soapFault("Client", unable+"Request format is invalid: Missing required soap:Body element.", true,
			withDiagnostic(l, rep, l.tr("sim.body-missing"),
				l.tr("sim.render.msg.13", op, soap.NSMessages)))
	case soap.RowInvalid:
		return malformed(explainInvalid(l, rep, req))
	case soap.RowOperation:
		op := expectedOperation(rep, req)
		switch v.Exception {
		case exInvalidCallID:
			return umFault(op, v.Exception, withDiagnostic(l, rep,
				l.tr("sim.render.msg.14", op),
				l.tr("sim.callid-fix")))
		case exInvalidObjectID:
			return umFault(op, v.Exception, l.tr("sim.explain.msg"))
		case exDialingRules:
			return umFault(op, v.Exception, l.tr("sim.explain.msg.2"))
		}
		return serverFault(errors.New("umsim: verdict of row 8 names unknown exception " + strconv.Quote(v.Exception)))
	}
	return serverFault(errors.New("umsim: verdict names row " + strconv.Quote(string(v.Rule)) + ", which the decision order does not have"))
}

// expectedOperation is the operation the request is for: the one its
// SOAPAction names, else the one the checker found, else Disconnect.
func expectedOperation(rep *soap.Report, req Request) soap.Operation {
	if rep.Action != "" {
		return rep.Action
	}
	if rep.Operation != "" {
		return rep.Operation
	}
	return soap.Disconnect
}

// childList names op's children for an explanation: "exactly one
// <CallId>", "one <entryId> and one <DialString>, in that order".
func childList(op soap.Operation) string {
	names := op.Children()
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "one <" + n + ">"
	}
	if len(parts) == 1 {
		return "exactly " + parts[0]
	}
	return strings.Join(parts, " and ") + ", in that order"
}
