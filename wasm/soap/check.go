package soap

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/beevik/etree"

	"umplay/wasm/callid"
)

// checker collects diagnostics and the verdict candidates of one Check.
type checker struct {
	p     *parsed
	head  Head
	rep   *Report
	cands []cand
	// action is the operation the SOAPAction names ("" if none).
	action Operation
}

type cand struct {
	d Diagnostic
	v *Verdict
}

// Check reads a request body and its HTTP head, reports every problem it
// finds, and decides which fault, if any, the server answers with. It never
// panics and always returns a report.
func Check(body string, head Head) *Report {
	c := &checker{p: parse(body), head: head, rep: &Report{}}
	c.run()
	c.finish()
	return c.rep
}

func (c *checker) add(sev Severity, code string, sp Span, msg, spec string, fix *Fix, v *Verdict) {
	d := Diagnostic{Severity: sev, Code: code, Message: msg, Span: sp, Fix: fix, SpecRef: spec}
	if v != nil {
		v.Code = code
		d.Rule = v.Rule
	}
	c.cands = append(c.cands, cand{d: d, v: v})
}

func (c *checker) finish() {
	sort.SliceStable(c.cands, func(i, j int) bool {
		a, b := c.cands[i].d.Start, c.cands[j].d.Start
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	c.rep.Diagnostics = make([]Diagnostic, 0, len(c.cands))
	for _, k := range c.cands {
		c.rep.Diagnostics = append(c.rep.Diagnostics, k.d)
		if k.v != nil && (c.rep.Verdict == nil || k.v.Rule < c.rep.Verdict.Rule) {
			c.rep.Verdict = k.v
		}
	}
}

func (c *checker) run() {
	p := c.p
	c.checkAction()
	if p.err != nil {
		e := p.err
		sp := p.span(e.Start, e.End)
		v := &Verdict{Rule: 1, Reason: e.Reason}
		if e.Code != "limit-size" && e.Code != "xml-empty" {
			at := p.pos(e.Start)
			v.Line, v.Col = at.Line, at.Col
		}
		spec := SpecXML
		if e.Code == "xml-doctype" {
			spec = SpecSOAP + "#_Toc478383492"
		}
		c.add(Error, e.Code, sp, e.Msg, spec, nil, v)
		c.checkActionAnchor(nil)
		return
	}
	c.checkDecl()
	root := p.root
	ri := p.info[root]
	rootSpan := p.span(ri.NameStart, ri.NameEnd)
	envNS := ri.NS
	if ri.Local != "Envelope" {
		c.add(Error, "envelope-missing", rootSpan,
			fmt.Sprintf("the root element is <%s>, not a SOAP Envelope; wrap the request in <soap:Envelope xmlns:soap=%q><soap:Body>…</soap:Body></soap:Envelope>", root.FullTag(), NSEnvelope),
			SpecSOAPEnvelope, nil, &Verdict{Rule: 2, Namespace: ri.NS, Local: ri.Local})
		c.checkActionAnchor(root)
		return
	}
	if envNS != NSEnvelope {
		var fix *Fix
		msg := fmt.Sprintf("the Envelope is in namespace %q; SOAP 1.1 needs %q, so the server answers VersionMismatch", envNS, NSEnvelope)
		switch {
		case envNS == "":
			msg = fmt.Sprintf("the Envelope has no namespace; SOAP 1.1 needs %q, so the server answers VersionMismatch; declare it with xmlns:soap", NSEnvelope)
		case envNS == NSSOAP12:
			msg = fmt.Sprintf("the Envelope is SOAP 1.2 (%q); the UM web service speaks SOAP 1.1 only (%q), so the server answers VersionMismatch", envNS, NSEnvelope)
		case strings.HasPrefix(envNS, "https://") && "http://"+strings.TrimPrefix(envNS, "https://") == NSEnvelope:
			msg = fmt.Sprintf("the Envelope namespace is written with https:// (%q), a typo of archived docs; SOAP 1.1 needs %q, so the server answers VersionMismatch", envNS, NSEnvelope)
		}
		if a, ok := p.declaring(root, root.Space); ok {
			fix = &Fix{Title: "Use the SOAP 1.1 namespace", Span: p.span(a.ValStart, a.ValEnd), Text: NSEnvelope}
		} else {
			fix = &Fix{Title: "Declare the SOAP 1.1 namespace", Span: p.span(ri.NameEnd, ri.NameEnd), Text: fmt.Sprintf(" xmlns%s=%q", prefixSuffix(root.Space), NSEnvelope)}
		}
		c.add(Error, "envelope-namespace", rootSpan, msg, SpecSOAPEnvelope, fix,
			&Verdict{Rule: 2, Namespace: envNS, Local: ri.Local})
	}
	var header, body *etree.Element
	bodies := 0
	for _, ch := range elements(root) {
		ci := p.info[ch]
		if ci.NS != envNS {
			continue
		}
		switch ci.Local {
		case "Header":
			if header == nil {
				header = ch
			}
		case "Body":
			bodies++
			if body == nil {
				body = ch
			}
		}
	}
	if header != nil {
		c.checkHeader(header, envNS)
	}
	op := c.checkBody(root, body, envNS)
	c.checkActionAnchor(op)
}

func prefixSuffix(prefix string) string {
	if prefix == "" {
		return ""
	}
	return ":" + prefix
}

// checkDecl warns about a missing or non-UTF-8 XML declaration.
func (c *checker) checkDecl() {
	p := c.p
	if p.decl == nil {
		c.add(Warning, "xml-declaration-missing", Span{Start: Pos{1, 1}, End: Pos{1, 1}},
			`there is no XML declaration; the server assumes UTF-8, but say so: start with <?xml version="1.0" encoding="utf-8"?>`,
			SpecXML+"#sec-prolog-dtd",
			&Fix{Title: "Add the XML declaration", Span: Span{Start: Pos{1, 1}, End: Pos{1, 1}}, Text: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"}, nil)
		return
	}
	d := p.decl
	if d.EncStart > 0 && !strings.EqualFold(d.Encoding, "utf-8") {
		c.add(Warning, "xml-encoding", p.span(d.EncStart, d.EncEnd),
			fmt.Sprintf("the declaration says encoding %q; the request is sent as text/xml; charset=utf-8, so declare utf-8", d.Encoding),
			SpecXML+"#charencoding",
			&Fix{Title: "Declare UTF-8", Span: p.span(d.EncStart, d.EncEnd), Text: "utf-8"}, nil)
	}
}

// checkHeader checks the SOAP header entries (SOAP 1.1 §4.2): the service
// understands none of them.
func (c *checker) checkHeader(header *etree.Element, envNS string) {
	p := c.p
	for _, h := range elements(header) {
		hi := p.info[h]
		var mu *attrInfo
		for i := range hi.Attrs {
			a := &hi.Attrs[i]
			// An unprefixed mustUnderstand is not the SOAP attribute:
			// attributes take no default namespace.
			pre, local, ok := strings.Cut(a.Name, ":")
			if !ok || local != "mustUnderstand" {
				continue
			}
			if ns, ok := c.nsOfPrefix(h, pre); ok && ns == envNS {
				mu = a
			}
		}
		whole := c.wholeElement(h)
		if mu != nil && (mu.Value == "1" || mu.Value == "true") {
			c.add(Error, "header-must-understand", p.span(mu.NameStart, mu.End),
				fmt.Sprintf("header <%s> is marked mustUnderstand=%q, but the UM web service understands no SOAP headers, so it answers MustUnderstand; remove the header", h.FullTag(), mu.Value),
				SpecSOAPHeader, &Fix{Title: fmt.Sprintf("Remove the <%s> header", h.FullTag()), Span: whole, Text: ""},
				&Verdict{Rule: 3, Header: hi.Local})
			continue
		}
		msg := fmt.Sprintf("header <%s> is optional and the UM web service ignores it; the Disconnect binding has no header parts", h.FullTag())
		if mu != nil && mu.Value != "0" && mu.Value != "false" {
			msg = fmt.Sprintf("header <%s> has mustUnderstand=%q; SOAP 1.1 allows only \"0\" or \"1\" — and the service ignores optional headers", h.FullTag(), mu.Value)
		}
		c.add(Warning, "header-ignored", p.span(hi.NameStart, hi.NameEnd), msg, SpecSOAPHeader,
			&Fix{Title: fmt.Sprintf("Remove the <%s> header", h.FullTag()), Span: whole, Text: ""}, nil)
	}
}

// wholeElement is the span of e's source from the start of its line's
// indentation (when only white space precedes it there) to the end tag.
func (c *checker) wholeElement(e *etree.Element) Span {
	p := c.p
	ei := p.info[e]
	start := ei.Start
	ls := strings.LastIndexByte(p.src[:start], '\n')
	if strings.TrimLeft(p.src[ls+1:start], " \t") == "" && ls >= 0 {
		start = ls // take the line break before it, too
	}
	return p.span(start, ei.EndEnd)
}

func (c *checker) nsOfPrefix(e *etree.Element, prefix string) (string, bool) {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace", true
	}
	if a, ok := c.p.declaring(e, prefix); ok {
		return a.Value, true
	}
	return "", prefix == ""
}

// checkAction looks at the SOAPAction header (SOAP 1.1 §6.1.1; rows 4 and 5
// of the decision order). Its diagnostics are anchored later, when the
// operation element is known.
func (c *checker) checkAction() {
	if !c.head.SOAPActionPresent {
		return
	}
	v := actionURI(c.head.SOAPAction)
	for _, op := range Operations {
		if v == op.Action() {
			c.action = op
		}
	}
	c.rep.Action = c.action
}

// actionURI is the URI a SOAPAction header value names, read the way ASMX
// reads it: surrounding space and quotes stripped, then URL-decoded.
func actionURI(raw string) string {
	v := strings.TrimSpace(raw)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	if dec, err := url.PathUnescape(v); err == nil {
		v = dec
	}
	return v
}

// checkActionAnchor reports the SOAPAction diagnostics, anchored at op (or
// the root, or the start of the text).
func (c *checker) checkActionAnchor(op *etree.Element) {
	p := c.p
	anchor := Span{Start: Pos{1, 1}, End: Pos{1, 1}}
	want := Disconnect
	if op != nil {
		oi := p.info[op]
		anchor = p.span(oi.NameStart, oi.NameEnd)
		if o, ok := ParseOperation(oi.Local); ok {
			want = o
		}
	} else if p.root != nil {
		ri := p.info[p.root]
		anchor = p.span(ri.NameStart, ri.NameEnd)
	}
	raw := c.head.SOAPAction
	whole := Span{Start: Pos{1, 1}, End: posIn(raw, newLines(raw), len(raw))}
	set := &Fix{Title: "Set SOAPAction to " + want.QuotedAction(), Field: FieldSOAPAction, Span: whole, Text: want.QuotedAction()}
	trimmed := strings.TrimSpace(raw)
	switch {
	case !c.head.SOAPActionPresent || trimmed == "" || trimmed == `""`:
		msg := "the request has no SOAPAction header; the .asmx service dispatches on it, so it answers soap:Client; send SOAPAction: " + want.QuotedAction()
		if c.head.SOAPActionPresent {
			msg = "the SOAPAction header is empty; the .asmx service dispatches on it, so it answers soap:Client; send SOAPAction: " + want.QuotedAction()
		}
		c.addField(Error, "soapaction-missing", anchor, msg, SpecSOAPAction, set, &Verdict{Rule: 4})
		return
	case c.action == "":
		v := actionURI(raw)
		msg := fmt.Sprintf("SOAPAction %q names no operation of the UM web service, so it answers soap:Client; for this request send %s", v, want.QuotedAction())
		if strings.HasPrefix(v, "https://schemas.microsoft.com/") {
			msg = fmt.Sprintf("SOAPAction %q uses https://, the translated docs' typo; the service only knows http:// actions: send %s", v, want.QuotedAction())
		} else if strings.HasSuffix(v, "/DisconnectPhoneCall") {
			msg = fmt.Sprintf("SOAPAction %q is the EWS operation (Exchange 2010+ /EWS/Exchange.asmx), not the UM web service's; send %s", v, want.QuotedAction())
		}
		c.addField(Error, "soapaction-unknown", anchor, msg, SpecSOAPAction, set, &Verdict{Rule: 5, Action: v})
		return
	}
	if !strings.HasPrefix(trimmed, `"`) || !strings.HasSuffix(trimmed, `"`) || len(trimmed) < 2 {
		c.addField(Warning, "soapaction-unquoted", anchor,
			"the SOAPAction value is not quoted; SOAP 1.1 §6.1.1 says it is a quoted string — the .asmx server accepts it, strict clients and proxies may not",
			SpecSOAPAction, &Fix{Title: "Quote the SOAPAction", Field: FieldSOAPAction, Span: whole, Text: `"` + trimmed + `"`}, nil)
	}
}

func (c *checker) addField(sev Severity, code string, sp Span, msg, spec string, fix *Fix, v *Verdict) {
	c.add(sev, code, sp, msg, spec, fix, v)
	c.cands[len(c.cands)-1].d.Field = FieldSOAPAction
}

// checkBody checks the Body and the operation element (rows 6–8). It returns
// the operation element, if any.
func (c *checker) checkBody(root, body *etree.Element, envNS string) *etree.Element {
	p := c.p
	ri := p.info[root]
	if body == nil {
		c.add(Error, "body-missing", p.span(ri.NameStart, ri.NameEnd),
			"the Envelope has no Body; put the request element inside <soap:Body>…</soap:Body>",
			SpecSOAPEnvelope, nil, &Verdict{Rule: 6})
		return nil
	}
	bi := p.info[body]
	kids := elements(body)
	if len(kids) == 0 {
		at := p.pos(bi.EndNameStart)
		c.add(Error, "body-empty", p.span(bi.NameStart, bi.NameEnd),
			fmt.Sprintf("the Body is empty; it must hold the request element, e.g. <Disconnect xmlns=%q>", NSMessages),
			SpecDisconnectRequest, nil, &Verdict{Rule: 6, Line: at.Line, Col: at.Col})
		return nil
	}
	op := kids[0]
	for _, extra := range kids[1:] {
		xi := p.info[extra]
		c.add(Error, "body-extra-child", p.span(xi.NameStart, xi.NameEnd),
			fmt.Sprintf("the Body holds a second element <%s>; a document/literal request has exactly one, so the server answers ErrorInvalidRequest; remove it", extra.FullTag()),
			SpecMalformed, &Fix{Title: fmt.Sprintf("Remove <%s>", extra.FullTag()), Span: c.wholeElement(extra)},
			&Verdict{Rule: 7})
	}
	oi := p.info[op]
	want := c.action
	if want == "" {
		if o, ok := ParseOperation(oi.Local); ok {
			want = o
		} else {
			want = Disconnect
		}
	}
	nameSpan := p.span(oi.NameStart, oi.NameEnd)
	at := p.pos(oi.NameStart)
	rule6 := &Verdict{Rule: 6, Line: at.Line, Col: at.Col, Element: oi.Local, ElementNS: oi.NS}
	switch {
	case oi.Local == string(want) && oi.NS == NSMessages:
		if c.action == "" {
			// The server faults on the SOAPAction first; still name the body's operation.
			c.rep.Operation = want
		}
	case oi.Local == string(want):
		msg := fmt.Sprintf("<%s> is in namespace %q; the service only knows %q, so it answers soap:Client", oi.Local, oi.NS, NSMessages)
		if oi.NS == "" {
			msg = fmt.Sprintf("<%s> has no namespace; it must be in %q, so the server answers soap:Client", oi.Local, NSMessages)
		} else if strings.HasPrefix(oi.NS, "https://") && "http://"+strings.TrimPrefix(oi.NS, "https://") == NSMessages {
			msg = fmt.Sprintf("the messages namespace is written with https:// (%q), the translated docs' typo; the service only knows %q, so it answers soap:Client", oi.NS, NSMessages)
		}
		c.add(Error, "operation-namespace", nameSpan, msg, want.SpecRef(), c.nsFix(op, NSMessages), rule6)
	case strings.EqualFold(oi.Local, string(want)):
		c.add(Error, "operation-case", nameSpan,
			fmt.Sprintf("<%s> is not <%s>: XML names are case-sensitive, so the server answers soap:Client", oi.Local, want),
			want.SpecRef(), c.renameFix(op, string(want)), rule6)
	case oi.Local == "DisconnectPhoneCall":
		c.add(Error, "operation-ews", nameSpan,
			"<DisconnectPhoneCall> is the EWS operation (Exchange 2010+, /EWS/Exchange.asmx); the UM web service's is <Disconnect> with a <CallId>",
			SpecDisconnect, c.ewsFix(op), rule6)
		return op
	default:
		if o, ok := ParseOperation(oi.Local); ok && oi.NS == NSMessages && c.action != "" {
			c.addField(Error, "operation-mismatch", nameSpan,
				fmt.Sprintf("the body holds <%s>, but the SOAPAction names %s; the server reads the body as %s and answers soap:Client; send SOAPAction %s", o, c.action, c.action, o.QuotedAction()),
				SpecSOAPAction, &Fix{Title: "Set SOAPAction to " + o.QuotedAction(), Field: FieldSOAPAction,
					Span: Span{Start: Pos{1, 1}, End: posIn(c.head.SOAPAction, newLines(c.head.SOAPAction), len(c.head.SOAPAction))}, Text: o.QuotedAction()}, rule6)
			want = o
		} else {
			c.add(Error, "operation-unexpected", nameSpan,
				fmt.Sprintf("<%s xmlns='%s'> is not a UM web service request; the SOAPAction expects <%s xmlns=%q>", oi.Local, oi.NS, want, NSMessages),
				want.SpecRef(), nil, rule6)
			return op
		}
	}
	c.rep.Op = op
	if c.rep.Operation == "" {
		c.rep.Operation = c.action
	}
	c.checkChildren(op, want)
	return op
}

// nsFix repairs the namespace of e: it rewrites the declaring attribute's
// value, or declares the namespace on e.
func (c *checker) nsFix(e *etree.Element, ns string) *Fix {
	p := c.p
	if a, ok := p.declaring(e, e.Space); ok {
		title := "Use the " + ns + " namespace"
		if strings.HasPrefix(a.Value, "https://") {
			title = "Change https:// to http://"
		}
		return &Fix{Title: title, Span: p.span(a.ValStart, a.ValEnd), Text: ns}
	}
	ei := p.info[e]
	return &Fix{Title: "Declare the " + ns + " namespace", Span: p.span(ei.NameEnd, ei.NameEnd), Text: fmt.Sprintf(" xmlns%s=%q", prefixSuffix(e.Space), ns)}
}

// renameFix renames e (start and end tag) to local.
func (c *checker) renameFix(e *etree.Element, local string) *Fix {
	name := local
	if e.Space != "" {
		name = e.Space + ":" + local
	}
	f := c.renameTo(e, name)
	f.Title = "Rename to <" + local + ">"
	return f
}

// renameTo renames e (start and end tag) to the qualified name.
func (c *checker) renameTo(e *etree.Element, name string) *Fix {
	p := c.p
	ei := p.info[e]
	var b strings.Builder
	b.WriteString(p.src[ei.Start:ei.NameStart])
	b.WriteString(name)
	if ei.SelfClosing {
		b.WriteString(p.src[ei.NameEnd:ei.EndEnd])
	} else {
		b.WriteString(p.src[ei.NameEnd:ei.EndNameStart])
		b.WriteString(name)
		b.WriteString(p.src[ei.EndNameStart+len(e.FullTag()) : ei.EndEnd])
	}
	return &Fix{Span: p.span(ei.Start, ei.EndEnd), Text: b.String()}
}

// ewsFix rewrites an EWS DisconnectPhoneCall into the UM Disconnect request.
func (c *checker) ewsFix(e *etree.Element) *Fix {
	p := c.p
	ei := p.info[e]
	id := ""
	for _, ch := range elements(e) {
		if p.info[ch].Local == "PhoneCallId" {
			id = ch.SelectAttrValue("Id", "")
		}
	}
	ind := p.indentOf(ei.Start)
	text := fmt.Sprintf("<Disconnect xmlns=%q>\n%s  <CallId>%s</CallId>\n%s</Disconnect>", NSMessages, ind, EscapeText(id), ind)
	return &Fix{Title: "Rewrite as the UM <Disconnect>", Span: p.span(ei.Start, ei.EndEnd), Text: text}
}

// checkChildren checks the operation element against its schema (row 7) and
// the values (row 8). Children are expected in the operation element's own
// namespace, so a wrong namespace declared once is reported once.
func (c *checker) checkChildren(op *etree.Element, want Operation) {
	p := c.p
	oi := p.info[op]
	names := want.Children()
	matched := map[string][]*etree.Element{}
	present := map[string]bool{}             // named right, whatever the namespace
	misplaced := map[string]*etree.Element{} // named right, first in a wrong namespace
	for _, ch := range elements(op) {
		ci := p.info[ch]
		c.rep.Values = append(c.rep.Values, c.value(ch))
		sp := p.span(ci.NameStart, ci.NameEnd)
		known := ""
		for _, n := range names {
			if ci.Local == n {
				known = n
			}
		}
		switch {
		case known != "" && ci.NS == oi.NS:
			matched[known] = append(matched[known], ch)
			present[known] = true
		case known != "" && ci.NS == "":
			present[known] = true
			if misplaced[known] == nil {
				misplaced[known] = ch
			}
			c.add(Error, "child-unqualified", sp,
				fmt.Sprintf("<%s> has no namespace; the schema is elementFormDefault=\"qualified\", so it must be in %q — the server answers ErrorInvalidRequest", ci.Local, oi.NS),
				SpecDisconnectRequest, c.qualifyFix(ch, op), &Verdict{Rule: 7})
		case known != "":
			present[known] = true
			if misplaced[known] == nil {
				misplaced[known] = ch
			}
			c.add(Error, "child-namespace", sp,
				fmt.Sprintf("<%s> is in namespace %q; it must be in %q like <%s>, so the server answers ErrorInvalidRequest", ci.Local, ci.NS, oi.NS, oi.Local),
				SpecDisconnectRequest, c.nsFix(ch, oi.NS), &Verdict{Rule: 7})
		default:
			var fix *Fix
			msg := fmt.Sprintf("<%s> is not part of <%s>, which holds only %s; the server answers ErrorInvalidRequest; remove it", ch.FullTag(), want, listNames(names))
			for _, n := range names {
				if strings.EqualFold(n, ci.Local) && len(matched[n]) == 0 {
					msg = fmt.Sprintf("<%s> is not <%s>: XML names are case-sensitive, so the server answers ErrorInvalidRequest", ci.Local, n)
					fix = c.renameFix(ch, n)
					present[n] = true
				}
			}
			if fix == nil {
				fix = &Fix{Title: fmt.Sprintf("Remove <%s>", ch.FullTag()), Span: c.wholeElement(ch)}
			}
			c.add(Error, "child-unknown", sp, msg, want.SpecRef(), fix, &Verdict{Rule: 7})
		}
	}
	var prev *etree.Element
	for i, n := range names {
		els := matched[n]
		if len(els) == 0 {
			if e := misplaced[n]; e != nil {
				// The server stops at the namespace, but the value's own
				// problems are worth knowing now.
				c.checkValue(want, e)
			}
			if !present[n] {
				c.add(Error, "child-missing", p.span(oi.NameStart, oi.NameEnd),
					fmt.Sprintf("<%s> has no <%s>; it is required (minOccurs=1), so the server answers ErrorInvalidRequest", want, n),
					want.SpecRef(), c.insertFix(op, prev, n, i == 0), &Verdict{Rule: 7})
			}
			continue
		}
		prev = els[0]
		for _, extra := range els[1:] {
			xi := p.info[extra]
			c.add(Error, "child-repeated", p.span(xi.NameStart, xi.NameEnd),
				fmt.Sprintf("<%s> appears more than once; the schema allows exactly one (maxOccurs=1), so the server answers ErrorInvalidRequest; remove the extra", n),
				want.SpecRef(), &Fix{Title: "Remove the extra <" + n + ">", Span: c.wholeElement(extra)}, &Verdict{Rule: 7})
		}
		c.checkValue(want, els[0])
	}
}

func listNames(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "<" + n + ">"
	}
	return strings.Join(parts, " and ")
}

// qualifyFix puts an unqualified child into ns by declaring it on the child.
func (c *checker) qualifyFix(ch, op *etree.Element) *Fix {
	p := c.p
	ci := p.info[ch]
	oi := p.info[op]
	if op.Space != "" {
		f := c.renameTo(ch, op.Space+":"+ci.Local)
		f.Title = "Write <" + op.Space + ":" + ci.Local + ">"
		return f
	}
	title := "Put <" + ci.Local + "> in the " + oi.NS + " namespace"
	for _, a := range ci.Attrs {
		if a.Name == "xmlns" {
			return &Fix{Title: title, Span: p.span(a.ValStart, a.ValEnd), Text: oi.NS}
		}
	}
	return &Fix{Title: title, Span: p.span(ci.NameEnd, ci.NameEnd), Text: fmt.Sprintf(" xmlns=%q", oi.NS)}
}

// insertFix adds an empty <name></name> to op, after prev or first.
func (c *checker) insertFix(op, prev *etree.Element, name string, first bool) *Fix {
	p := c.p
	oi := p.info[op]
	tag := name
	if op.Space != "" {
		tag = op.Space + ":" + name
	}
	ind := p.indentOf(oi.Start)
	if oi.SelfClosing {
		text := p.src[oi.Start:oi.StartEnd]
		text = strings.TrimSuffix(strings.TrimRight(strings.TrimSuffix(text, ">"), " \t\r\n"), "/")
		text = strings.TrimRight(text, " \t\r\n")
		text += fmt.Sprintf(">\n%s  <%s></%s>\n%s</%s>", ind, tag, tag, ind, op.FullTag())
		return &Fix{Title: "Add <" + name + ">", Span: p.span(oi.Start, oi.EndEnd), Text: text}
	}
	at := oi.StartEnd
	if prev != nil && !first {
		at = p.info[prev].EndEnd
	}
	return &Fix{Title: "Add <" + name + ">", Span: p.span(at, at), Text: fmt.Sprintf("\n%s  <%s></%s>", ind, tag, tag)}
}

// value describes a child element's text.
func (c *checker) value(e *etree.Element) Value {
	p := c.p
	ei := p.info[e]
	v := Value{Name: ei.Local, Text: ei.Text, Element: e}
	if ei.Local == "CallId" {
		r := callid.Decode(ei.Text)
		v.CallID = &r
	}
	if ei.SelfClosing {
		v.Span = p.span(ei.StartEnd, ei.StartEnd)
		v.Verbatim = true
		return v
	}
	v.Span = p.span(ei.StartEnd, ei.End)
	v.Verbatim = p.src[ei.StartEnd:ei.End] == ei.Text
	return v
}

// checkValue checks the text of a schema-valid child (rows 7 and 8).
func (c *checker) checkValue(op Operation, e *etree.Element) {
	p := c.p
	ei := p.info[e]
	var v Value
	for _, x := range c.rep.Values {
		if x.Element == e {
			v = x
		}
	}
	for i := range ei.Attrs {
		a := &ei.Attrs[i]
		pre, local, ok := strings.Cut(a.Name, ":")
		if !ok || local != "nil" {
			continue
		}
		if ns, _ := c.nsOfPrefix(e, pre); ns == NSXSI && (a.Value == "true" || a.Value == "1") {
			c.add(Error, "child-nil", p.span(a.NameStart, a.End),
				fmt.Sprintf("<%s> is xsi:nil; the element is not nillable and must hold a value, so the server answers ErrorInvalidRequest", ei.Local),
				SpecDisconnectRequest, &Fix{Title: "Remove xsi:nil", Span: p.span(spaceBefore(p.src, a.NameStart), a.End)}, &Verdict{Rule: 7})
			return
		}
	}
	if kids := elements(e); len(kids) > 0 {
		ki := p.info[kids[0]]
		c.add(Error, "child-markup", p.span(ki.NameStart, ki.NameEnd),
			fmt.Sprintf("<%s> is an xs:string and cannot hold elements; the server answers ErrorInvalidRequest", ei.Local),
			SpecDisconnectRequest, nil, &Verdict{Rule: 7})
		return
	}
	switch ei.Local {
	case "CallId":
		c.checkCallID(op, v)
	case "entryId":
		t := strings.TrimSpace(v.Text)
		_, err := base64.StdEncoding.DecodeString(stripSpace(t))
		if t == "" || err != nil {
			c.add(Error, "entryid-invalid", c.valueSpan(v),
				"entryId must be the base64 EntryID of a voice mail item; the server answers InvalidObjectIdException",
				SpecPlayOnPhone, nil, &Verdict{Rule: 8, Exception: "InvalidObjectIdException"})
		}
	case "DialString":
		if !Dialable(v.Text) {
			msg := fmt.Sprintf("DialString %q is not a dialable number; the server answers DialingRulesException — use digits, optionally with + and separators (RFC 3966)", v.Text)
			if strings.TrimSpace(v.Text) == "" {
				msg = "DialString is empty; the server answers DialingRulesException — give the phone number to call"
			}
			c.add(Error, "dialstring-invalid", c.valueSpan(v), msg, SpecPlayOnPhone, nil,
				&Verdict{Rule: 8, Exception: "DialingRulesException"})
		}
	case "GreetingType":
		if v.Text != "NormalCustom" && v.Text != "OofCustom" {
			var fix *Fix
			for _, g := range []string{"NormalCustom", "OofCustom"} {
				if strings.EqualFold(strings.TrimSpace(v.Text), g) {
					fix = &Fix{Title: "Use " + g, Span: c.valueSpan(v), Text: g}
				}
			}
			c.add(Error, "greetingtype-invalid", c.valueSpan(v),
				fmt.Sprintf("GreetingType %q is not NormalCustom or OofCustom (case-sensitive); the server answers ErrorInvalidRequest", v.Text),
				SpecPlayOnPhoneGreeting, fix, &Verdict{Rule: 7})
		}
	}
}

func spaceBefore(src string, i int) int {
	for i > 0 && isSpace(src[i-1]) {
		i--
	}
	return i
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// valueSpan is the span of v's text, or, when empty, of its element's name.
func (c *checker) valueSpan(v Value) Span {
	if v.Span.Start == v.Span.End {
		ei := c.p.info[v.Element]
		return c.p.span(ei.NameStart, ei.NameEnd)
	}
	return v.Span
}

// Dialable tells whether s is a number the simulated UM server would dial:
// an optional "tel:" prefix and leading "+", then digits with the RFC 3966
// visual separators (space - . ( )), at least three digits.
func Dialable(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "tel:")
	s = strings.TrimPrefix(s, "+")
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 3
}

// checkCallID checks the CallId text (row 8 and the CallId warnings).
func (c *checker) checkCallID(op Operation, v Value) {
	p := c.p
	res := *v.CallID
	var fix *Fix
	if rep, ok := callid.Repair(v.Text); ok {
		fix = &Fix{Title: "Use " + shorten(rep), Span: v.Span, Text: rep}
	}
	textStart, _ := offsetOf(p.src, p.lines, v.Span.Start)
	if op == GetCallInfo && len([]rune(strings.TrimSpace(v.Text))) > 512 {
		c.add(Error, "callid-length", c.valueSpan(v),
			fmt.Sprintf("GetCallInfo's CallId holds at most 512 characters, this one %d; the server answers ErrorInvalidRequest", len([]rune(strings.TrimSpace(v.Text)))),
			SpecGetCallInfo, nil, &Verdict{Rule: 7})
	}
	for _, pr := range res.Problems {
		sp := c.valueSpan(v)
		if v.Verbatim && pr.Offset >= 0 && pr.End <= len(v.Text) && v.Span.Start != v.Span.End {
			sp = p.span(textStart+pr.Offset, textStart+pr.End)
		}
		code := "callid-" + pr.Code
		var f *Fix
		switch pr.Code {
		case "whitespace", "base64-padding", "base64-char":
			f = fix
		}
		if pr.Severity == "error" {
			c.add(Error, code, sp, "CallId: "+pr.Message+"; the server answers InvalidCallIdException", SpecDisconnectRequest, f,
				&Verdict{Rule: 8, Exception: "InvalidCallIdException"})
		} else {
			c.add(Warning, code, sp, "CallId: "+pr.Message, SpecCallIDExample, f, nil)
		}
	}
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:12]) + "…" + string(r[len(r)-8:])
	}
	return s
}
