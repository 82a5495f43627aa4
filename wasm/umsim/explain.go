package umsim

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/soap"
)

// Explanations: plain words for people, one to three sentences, saying why
// the server answered so and what to change. They are built from the
// verdict's fields and the request, not from the checker's codes, except
// where a code is the only witness.

const explainEntryID = "entryId must be the base64 EntryID of the voice mail item to play (standard base64 with '=' padding, not empty), so the server answers InvalidObjectIdException. Copy the item's EntryID, base64-encoded, into <entryId>."

const explainDialString = "The DialString is empty or not a number the server may dial, so it answers DialingRulesException. Give the phone number as digits, optionally after tel: and a leading +, with spaces, dashes, dots or parentheses between them (at least three digits)."

// httpsTypo tells whether ns is the https:// misspelling of want.
func httpsTypo(ns, want string) bool {
	rest, ok := strings.CutPrefix(ns, "https://")
	return ok && "http://"+rest == want
}

func explainNotWellFormed(rep *soap.Report, req Request) string {
	v := rep.Verdict
	switch {
	case strings.TrimSpace(req.Body) == "":
		return "The request body is empty, so the server has no XML to read. Send a SOAP envelope, e.g. the Disconnect sample."
	case v.Code == "xml-doctype":
		return "The body has a DOCTYPE declaration, which SOAP 1.1 forbids and the server refuses to read. Remove the <!DOCTYPE …> declaration."
	case v.Line > 0:
		return fmt.Sprintf("The body is not well-formed XML, so the server cannot parse it; its parser stopped at line %d, position %d. Fix the markup there (the editor marks the spot).", v.Line, v.Col)
	}
	return "The server cannot read the body: " + v.Reason + " Fix the request and send it again."
}

func explainEnvelopeNS(ns string) string {
	switch {
	case httpsTypo(ns, soap.NSEnvelope):
		return fmt.Sprintf("The Envelope namespace is written %s, the typo of the archived Exchange 2007 pages; SOAP 1.1's is %s. Change https:// to http:// (and in the messages namespace too).", ns, soap.NSEnvelope)
	case ns == soap.NSSOAP12:
		return fmt.Sprintf("This is a SOAP 1.2 envelope, and the UM web service speaks SOAP 1.1 only. Use the namespace %s for the Envelope.", soap.NSEnvelope)
	case ns == "":
		return fmt.Sprintf("The Envelope element is in no namespace, so the server cannot tell its SOAP version. Declare xmlns:soap=\"%s\" and write soap:Envelope, soap:Body.", soap.NSEnvelope)
	}
	return fmt.Sprintf("The Envelope is in namespace %s, which is not SOAP 1.1's. Use %s.", ns, soap.NSEnvelope)
}

func explainAction(action string, op soap.Operation) string {
	fix := fmt.Sprintf("Send SOAPAction: %s.", op.QuotedAction())
	switch {
	case strings.HasPrefix(action, "https://schemas.microsoft.com/"):
		return fmt.Sprintf("The SOAPAction %s starts with https://, the translated docs' typo; the service only knows http:// actions. %s", action, fix)
	case strings.HasSuffix(action, "/DisconnectPhoneCall"):
		return fmt.Sprintf("DisconnectPhoneCall is the EWS operation (Exchange 2010 and later, /EWS/Exchange.asmx), not one of the UM web service. %s", fix)
	}
	return fmt.Sprintf("The SOAPAction %q names no operation of the UM web service, so the server does not know what to run. %s", action, fix)
}

func explainElement(local, ns string, op soap.Operation) string {
	want := fmt.Sprintf("<%s xmlns=\"%s\">", op, soap.NSMessages)
	switch {
	case local == string(op) && httpsTypo(ns, soap.NSMessages):
		return fmt.Sprintf("The messages namespace must be %s, not %s (the translated docs' typo), so the server does not recognize <%s>. Change https:// to http://.", soap.NSMessages, ns, local)
	case local == string(op) && ns == "":
		return fmt.Sprintf("<%s> is in no namespace, so the server does not recognize it. Write %s.", local, want)
	case local == string(op):
		return fmt.Sprintf("<%s> is in namespace %s; the server only knows it in %s. Write %s.", local, ns, soap.NSMessages, want)
	case strings.EqualFold(local, string(op)):
		return fmt.Sprintf("<%s> is not <%s>: XML names are case-sensitive. Write %s.", local, op, want)
	case local == "DisconnectPhoneCall":
		return fmt.Sprintf("<DisconnectPhoneCall> is the EWS operation (Exchange 2010 and later, /EWS/Exchange.asmx); the UM web service wants %s with a <CallId>.", want)
	}
	if other, ok := soap.ParseOperation(local); ok && ns == soap.NSMessages {
		return fmt.Sprintf("The body holds <%s> but the SOAPAction names %s, and the server reads the body as the SOAPAction's operation. Send SOAPAction: %s, or put %s in the body.", other, op, other.QuotedAction(), want)
	}
	return fmt.Sprintf("The server expected %s as the first element in soap:Body and found <%s xmlns='%s'>. Put the %s request there.", want, local, ns, op)
}

// withDiagnostic follows why with the message of the diagnostic that
// decided the verdict, which says precisely what is wrong and what to do;
// without one (a verdict made by hand) it follows it with the general fix.
func withDiagnostic(rep *soap.Report, why, fix string) string {
	v := rep.Verdict
	for _, d := range rep.Diagnostics {
		if d.Code == v.Code && d.Rule == v.Rule && d.Message != "" {
			return why + " Here: " + sentence(dropAnswerClause(d.Message))
		}
	}
	return why + " " + fix
}

// dropAnswerClause removes the checker's "…, so the server answers X"
// clause from msg: the explanation has just said which fault it is.
func dropAnswerClause(msg string) string {
	for _, lead := range []string{", so the server answers ", "; the server answers ", " — the server answers ", ", so it answers "} {
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
