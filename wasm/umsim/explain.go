package umsim

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

// words is the language an explanation is written in.
type words msg.Lang

// tr is the catalog entry key in l, formatted.
func (l words) tr(key string, args ...any) string { return msg.Format(msg.Lang(l), key, args...) }

// Explanations: plain words for people, saying why the server answered so —
// the chain from the request to the answer, and which source decides it —
// and what to change. They are built from the verdict's fields and the
// checker's diagnostic that decided it.

// explainUnreadable explains rows 5a and 5e: ASMX's XmlReader failed.
func explainUnreadable(l words, rep *soap.Report) string {
	v := rep.Verdict
	why := l.tr("sim.explain.msg.3")
	switch {
	case v.Code == "xml-empty":
		return l.tr("sim.explain.msg.4", why)
	case v.Code == "xml-doctype":
		return l.tr("sim.explain.msg.5", why)
	case v.Code == "limit-size" || v.Code == "limit-depth" || v.Code == "limit-attrs":
		return l.tr("sim.explain.msg.6", v.Reason)
	}
	where := ""
	if v.Line > 0 {
		where = l.tr("sim.explain.msg.7", v.Line, v.Col)
	}
	stage := l.tr("sim.explain.msg.8")
	if v.Rule == soap.RowUnreadable {
		stage = l.tr("sim.explain.msg.9")
	}
	return l.tr("sim.explain.msg.10", where, stage, v.Reason, why)
}

func explainEnvelopeNS(l words, ns, local string) string {
	how := l.tr("sim.explain.msg.11")
	switch {
	case local != "Envelope":
		return l.tr("sim.explain.msg.12", local, ns, how, soap.NSEnvelope)
	case soap.HTTPSTypo(ns, soap.NSEnvelope):
		return l.tr("sim.explain.msg.13", ns, soap.NSEnvelope, how)
	case ns == soap.NSSOAP12:
		return l.tr("sim.explain.msg.14", how, soap.NSEnvelope)
	case ns == "":
		return l.tr("sim.explain.msg.15", how, soap.NSEnvelope)
	}
	return l.tr("sim.explain.msg.16", ns, how, soap.NSEnvelope)
}

func explainAction(l words, action string, op soap.Operation) string {
	how := l.tr("sim.explain.msg.17")
	fix := l.tr("sim.explain.msg.18", op.QuotedAction())
	switch {
	case action == "":
		return l.tr("sim.explain.msg.19", how, fix)
	case strings.HasPrefix(action, "'"):
		return l.tr("sim.explain.msg.20", how, fix)
	case strings.HasPrefix(action, "https://schemas.microsoft.com/"):
		return l.tr("sim.explain.msg.21", action, how, fix)
	case strings.HasSuffix(action, "/DisconnectPhoneCall"):
		return l.tr("sim.explain.msg.22", how, fix)
	}
	return l.tr("sim.explain.msg.23", action, how, fix)
}

// explainInvalid explains row 7, fault F2, as a chain: what ASMX did with
// the body, what the method received, and why MS-OXWUMS 2.2.2.1 answers
// ErrorInvalidRequest — saying what a stock ASMX service would do where the
// contract follows MS-OXWUMS instead.
func explainInvalid(l words, rep *soap.Report, req Request) string {
	v := rep.Verdict
	method := expectedOperation(rep, req)
	f2 := l.tr("sim.explain.msg.24")
	got := l.tr("sim.explain.msg.25")
	if names := method.Children(); len(names) > 0 {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = n
		}
		got = l.tr("sim.explain.msg.26", strings.Join(parts, l.tr("sim.and-no")))
	}
	stock := ""
	if len(method.Children()) == 0 {
		stock = l.tr("sim.explain.msg.27", method)
	}
	switch v.Code {
	case "operation-namespace", "operation-case", "operation-ews", "operation-unexpected", "operation-mismatch":
		el := "<" + v.Element + " xmlns='" + v.ElementNS + "'>"
		why := ""
		switch {
		case v.Code == "operation-namespace" && soap.HTTPSTypo(v.ElementNS, soap.NSMessages):
			why = l.tr("sim.explain.msg.28", soap.NSMessages)
		case v.Code == "operation-namespace":
			why = l.tr("sim.explain.msg.29", soap.NSMessages)
		case v.Code == "operation-case":
			why = l.tr("sim.explain.msg.30")
		case v.Code == "operation-ews":
			why = l.tr("sim.explain.msg.31")
		case v.Code == "operation-mismatch":
			why = l.tr("sim.explain.msg.32", rep.Action)
		}
		return l.tr("sim.explain.msg.33", el, why, method, got, f2, stock, fixOf(l, rep))
	case "body-empty":
		return l.tr("sim.explain.msg.34", method, got, f2, stock, method, soap.NSMessages)
	case "child-repeated":
		return l.tr("sim.explain.msg.35", method, sentenceOf(rep))
	case "child-unknown", "body-extra-child":
		return l.tr("sim.explain.msg.36", method, sentenceOf(rep))
	case "child-type", "greetingtype-invalid":
		return l.tr("sim.explain.msg.37", method, sentenceOf(rep))
	}
	return l.tr("sim.explain.msg.38", method, sentenceOf(rep), f2)
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
func fixOf(l words, rep *soap.Report) string {
	if d, ok := decider(rep); ok && d.Fix != nil {
		return l.tr("sim.fix", d.Fix.Title)
	}
	return ""
}

// withDiagnostic follows why with the message of the diagnostic that
// decided the verdict, which says precisely what is wrong and what to do;
// without one (a verdict made by hand) it follows it with the general fix.
func withDiagnostic(l words, rep *soap.Report, why, fix string) string {
	if s := sentenceOf(rep); s != "" {
		return why + l.tr("sim.here") + s
	}
	return why + " " + fix
}

// dropAnswerClause removes the checker's "…, so the server answers X"
// clause from msg: the explanation has just said which fault it is.
func dropAnswerClause(msg string) string {
	for _, lead := range []string{", so the server answers ", "; the server answers ", " — the server answers ", ", so it answers ", "; so Exchange answers ", ", so Exchange answers ", "; Exchange answers ",
		// the same clauses in the pt-BR catalog
		", então o servidor responde ", "; o servidor responde ", " — o servidor responde ", ", então ele responde ", ", então responde ", "; o Exchange responde ", ", então o Exchange responde "} {
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
