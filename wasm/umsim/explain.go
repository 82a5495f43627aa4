package umsim

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/soap"
)

// Explanations: plain words for people, saying why the server answered so —
// the chain from the request to the answer, and which source decides it —
// and what to change. They are built from the verdict's fields and the
// checker's diagnostic that decided it.

const explainEntryID = "The PlayOnPhone method received the entryId, but it is not the base64 EntryID of a voice mail item (standard base64 with '=' padding, not empty), so it answers InvalidObjectIdException (MS-OXWUMS 3.1.4.8). Copy the item's EntryID, base64-encoded, into <entryId>."

const explainDialString = "The method received the DialString, but it is empty or not a number the server may dial, so it answers DialingRulesException (MS-OXWUMS 3.1.4.9). Give the phone number as digits, optionally after tel: and a leading +, with spaces, dashes, dots or parentheses between them (at least three digits)."

// explainUnreadable explains rows 5a and 5e: ASMX's XmlReader failed.
func explainUnreadable(rep *soap.Report) string {
	v := rep.Verdict
	const why = " A soap:Client fault whose inner exception is an XmlException becomes HTTP 400 (SoapServerProtocolHelper.SetResponseErrorCode), and WriteFault writes no body for a status other than 500, so the client sees only \"400 Bad Request\"."
	switch {
	case v.Code == "xml-empty":
		return "The request body is empty, so ASMX's XML reader finds no root element." + why + " Send a SOAP envelope, e.g. the Disconnect sample."
	case v.Code == "xml-doctype":
		return "The body has a DOCTYPE declaration; ASMX reads with DtdProcessing.Prohibit, so its XML reader refuses the document." + why + " Remove the <!DOCTYPE …> declaration."
	case v.Code == "limit-size" || v.Code == "limit-depth" || v.Code == "limit-attrs":
		return "The request is beyond what this simulator reads (" + v.Reason + "); it answers as ASMX does for a body it cannot read: 400 with no body. A real server refuses such a request too (ASP.NET's maxRequestLength is 4 MiB by default). Shorten the request."
	}
	where := ""
	if v.Line > 0 {
		where = fmt.Sprintf(" at line %d, position %d", v.Line, v.Col)
	}
	stage := "after the Envelope's start tag, so before any operation runs"
	if v.Rule == soap.RowUnreadable {
		stage = "before the root element's start tag was complete"
	}
	return fmt.Sprintf("ASMX's XML reader failed%s, %s: %s%s Fix the markup there (the editor marks the spot).", where, stage, v.Reason, why)
}

func explainEnvelopeNS(ns, local string) string {
	const how = " ASMX compares the root element's namespace only (SoapServerProtocol.CheckHelperVersion), whatever its name, and answers VersionMismatch."
	switch {
	case local != "Envelope":
		return fmt.Sprintf("The root element is <%s>, not a SOAP 1.1 Envelope, and its namespace is %q.%s Wrap the request in <soap:Envelope xmlns:soap=\"%s\"><soap:Body>…</soap:Body></soap:Envelope>.", local, ns, how, soap.NSEnvelope)
	case soap.HTTPSTypo(ns, soap.NSEnvelope):
		return fmt.Sprintf("The Envelope namespace is written %s, the typo of the archived Exchange 2007 pages; SOAP 1.1's is %s.%s Change https:// to http:// (and in the messages namespace too).", ns, soap.NSEnvelope, how)
	case ns == soap.NSSOAP12:
		return fmt.Sprintf("This is a SOAP 1.2 envelope, and the UM web service speaks SOAP 1.1 only.%s Use the namespace %s for the Envelope.", how, soap.NSEnvelope)
	case ns == "":
		return fmt.Sprintf("The Envelope element is in no namespace.%s Declare xmlns:soap=\"%s\" and write soap:Envelope, soap:Body.", how, soap.NSEnvelope)
	}
	return fmt.Sprintf("The Envelope is in namespace %s, which is not SOAP 1.1's.%s Use %s.", ns, how, soap.NSEnvelope)
}

func explainAction(action string, op soap.Operation) string {
	const how = "ASMX routes on the SOAPAction before it reads the body (Soap11ServerProtocolHelper.RouteRequest: one pair of double quotes removed, then URL-decoded) and found no operation of that name, so it answers soap:Client whatever the body says."
	fix := fmt.Sprintf("Send SOAPAction: %s.", op.QuotedAction())
	switch {
	case action == "":
		return "The SOAPAction header is empty (or \"\"). " + how + " " + fix
	case strings.HasPrefix(action, "'"):
		return "The SOAPAction is in single quotes; ASMX removes only double quotes. " + how + " " + fix
	case strings.HasPrefix(action, "https://schemas.microsoft.com/"):
		return fmt.Sprintf("The SOAPAction %s starts with https://, the translated docs' typo; the service only knows http:// actions. %s %s", action, how, fix)
	case strings.HasSuffix(action, "/DisconnectPhoneCall"):
		return fmt.Sprintf("DisconnectPhoneCall is the EWS operation (Exchange 2010 and later, /EWS/Exchange.asmx), not one of the UM web service. %s %s", how, fix)
	}
	return fmt.Sprintf("The SOAPAction %q names none of the UM web service's eleven operations. %s %s", action, how, fix)
}

// explainInvalid explains row 7, fault F2, as a chain: what ASMX did with
// the body, what the method received, and why MS-OXWUMS 2.2.2.1 answers
// ErrorInvalidRequest — saying what a stock ASMX service would do where the
// contract follows MS-OXWUMS instead.
func explainInvalid(rep *soap.Report, req Request) string {
	v := rep.Verdict
	method := expectedOperation(rep, req)
	const f2 = "MS-OXWUMS 2.2.2.1 answers a request that does not conform to the schema with ErrorInvalidRequest."
	got := "received no parameters"
	if names := method.Children(); len(names) > 0 {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = n
		}
		got = "received no " + strings.Join(parts, " and no ")
	}
	stock := ""
	if len(method.Children()) == 0 {
		stock = fmt.Sprintf(" (The %s method takes no parameters, so a stock ASMX service would have run it and answered 200; Exchange follows MS-OXWUMS.)", method)
	}
	switch v.Code {
	case "operation-namespace", "operation-case", "operation-ews", "operation-unexpected", "operation-mismatch":
		el := fmt.Sprintf("<%s xmlns='%s'>", v.Element, v.ElementNS)
		why := ""
		switch {
		case v.Code == "operation-namespace" && soap.HTTPSTypo(v.ElementNS, soap.NSMessages):
			why = fmt.Sprintf(" — its namespace is written with https://, the translated docs' typo; the service knows only %s", soap.NSMessages)
		case v.Code == "operation-namespace":
			why = fmt.Sprintf(" — the service knows its operations only in %s", soap.NSMessages)
		case v.Code == "operation-case":
			why = " — XML names are case-sensitive"
		case v.Code == "operation-ews":
			why = " — DisconnectPhoneCall is the EWS operation (/EWS/Exchange.asmx), not the UM web service's"
		case v.Code == "operation-mismatch":
			why = fmt.Sprintf(" — the SOAPAction names %s, and ASMX reads the body as that operation's request", rep.Action)
		}
		return fmt.Sprintf("ASMX did not recognise %s and skipped it%s; the %s method %s; %s%s %s", el, why, method, got, f2, stock, fixOf(rep))
	case "body-empty":
		return fmt.Sprintf("The soap:Body is empty, so the %s method %s; %s%s Put the request element inside the Body, e.g. <%s xmlns=\"%s\">.", method, got, f2, stock, method, soap.NSMessages)
	case "child-repeated":
		return fmt.Sprintf("The %s request breaks its schema: %s A stock ASMX service would keep the first and go on; Exchange follows MS-OXWUMS 2.2.2.1, which answers a request that does not conform to the schema with ErrorInvalidRequest.", method, sentenceOf(rep))
	case "child-unknown", "body-extra-child":
		return fmt.Sprintf("The %s request breaks its schema: %s A stock ASMX service would skip the unknown element; Exchange follows MS-OXWUMS 2.2.2.1, which answers a request that does not conform to the schema with ErrorInvalidRequest.", method, sentenceOf(rep))
	case "child-type", "greetingtype-invalid":
		return fmt.Sprintf("The %s request breaks its schema: %s A stock ASMX service's XmlSerializer would fail to read the value and answer soap:Client; Exchange follows MS-OXWUMS 2.2.2.1, which answers ErrorInvalidRequest.", method, sentenceOf(rep))
	}
	return fmt.Sprintf("The %s request breaks its schema: %s %s", method, sentenceOf(rep), f2)
}

// decider is the diagnostic that decided the verdict.
func decider(rep *soap.Report) (soap.Diagnostic, bool) {
	v := rep.Verdict
	for _, d := range rep.Diagnostics {
		if d.Code == v.Code && d.Rule == v.Rule && d.Message != "" {
			return d, true
		}
	}
	return soap.Diagnostic{}, false
}

// sentenceOf is the deciding diagnostic's message as a sentence, without
// its "the server answers X" clause (the explanation says which fault).
func sentenceOf(rep *soap.Report) string {
	if d, ok := decider(rep); ok {
		return sentence(dropAnswerClause(d.Message))
	}
	return ""
}

// fixOf names the deciding diagnostic's quick fix, if any.
func fixOf(rep *soap.Report) string {
	if d, ok := decider(rep); ok && d.Fix != nil {
		return "Fix: " + d.Fix.Title + "."
	}
	return ""
}

// withDiagnostic follows why with the message of the diagnostic that
// decided the verdict, which says precisely what is wrong and what to do;
// without one (a verdict made by hand) it follows it with the general fix.
func withDiagnostic(rep *soap.Report, why, fix string) string {
	if s := sentenceOf(rep); s != "" {
		return why + " Here: " + s
	}
	return why + " " + fix
}

// dropAnswerClause removes the checker's "…, so the server answers X"
// clause from msg: the explanation has just said which fault it is.
func dropAnswerClause(msg string) string {
	for _, lead := range []string{", so the server answers ", "; the server answers ", " — the server answers ", ", so it answers ", "; so Exchange answers ", ", so Exchange answers ", "; Exchange answers "} {
		i := strings.Index(msg, lead)
		if i < 0 {
			continue
		}
		rest := msg[i+len(lead):]
		end := len(rest)
		for _, sep := range []string{"; ", " — "} {
			if j := strings.Index(rest, sep); j >= 0 && j < end {
				end = j
			}
		}
		return msg[:i] + rest[end:]
	}
	return msg
}

// sentence starts msg with a capital letter and ends it with a period.
func sentence(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
