package soap

import (
	"encoding/base64"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
)

// checker collects diagnostics and the verdict candidates of one Check.
type checker struct {
	p     *parsed
	head  Head
	rep   *Report
	cands []cand
	// action is the operation the SOAPAction names ("" if none).
	action Operation
	// perCode counts the diagnostics of each code, kept or not; best is
	// the verdict of the dropped ones (the caps never change the verdict).
	perCode map[string]int
	last    map[string]Span
	best    *Verdict
}

// The caps on what one Check reports (issue 7): at most MaxPerCode
// diagnostics of one code and MaxDiagnostics in all; what is left out is
// counted in one summary diagnostic (code "more") per code, and one for the
// total. The verdict is decided over all of them.
const (
	MaxPerCode     = 100
	MaxDiagnostics = 1000
)

type cand struct {
	d Diagnostic
	v *Verdict
}

// candsByStart orders candidates by position for sort.Stable: the page's
// sorts all go through sort.Stable's one non-generic copy, where each
// slices.SortStableFunc instantiation linked its own (~10 KB of module).
type candsByStart []cand

func (s candsByStart) Len() int           { return len(s) }
func (s candsByStart) Less(i, j int) bool { return comparePos(s[i].d.Start, s[j].d.Start) < 0 }
func (s candsByStart) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// Check reads a request body and its HTTP head, reports every problem it
// finds, and decides which answer the server gives (contract v2). It never
// panics and always returns a report.
func Check(body string, head Head) *Report { return CheckYield(body, head, nil) }

// CheckYield is Check calling yield now and then while it reads the body
// (every few thousand tokens), so that a caller on a single thread — the
// browser's — can let other work run meanwhile. yield does not change the
// report; nil is Check.
func CheckYield(body string, head Head, yield func()) *Report {
	c := &checker{p: parseYield(body, yield), head: head, rep: &Report{}}
	c.run()
	c.finish()
	return c.rep
}

// add records a diagnostic; v, when not nil, is the verdict the problem
// would give were it the only one. at is where the reader meets it (it
// orders the candidates of stage 5).
func (c *checker) add(sev Severity, code string, sp Span, msg, spec string, fix *Fix, v *Verdict) {
	if v != nil {
		v.Code = code
	}
	if c.perCode == nil {
		c.perCode, c.last = map[string]int{}, map[string]Span{}
	}
	c.perCode[code]++
	if c.perCode[code] > MaxPerCode {
		if v != nil && earlier(v, c.best) {
			c.best = v
		}
		return
	}
	c.last[code] = sp
	d := Diagnostic{Severity: sev, Code: code, Message: msg, Span: sp, Fix: fix, SpecRef: spec}
	if v != nil {
		d.Rule = v.Rule
	}
	c.cands = append(c.cands, cand{d: d, v: v})
}

// full tells whether diagnostics of code are no longer kept, so a caller
// in a long loop can count one more without building its message and fix.
// t is the catalog entry key in the request's language, formatted.
func (c *checker) t(key string, args ...any) string { return msg.Format(c.head.Lang, key, args...) }

func (c *checker) full(code string) bool { return c.perCode[code] >= MaxPerCode }

// count counts one more diagnostic of code that full left out, with the
// row of its verdict ("" for none).
func (c *checker) count(code string, row Row) {
	if c.perCode == nil {
		c.perCode, c.last = map[string]int{}, map[string]Span{}
	}
	c.perCode[code]++
	if row == "" {
		return
	}
	if v := (&Verdict{Rule: row, Code: code}); earlier(v, c.best) {
		c.best = v
	}
}

func (c *checker) finish() {
	sort.Stable(candsByStart(c.cands))
	c.rep.Diagnostics = make([]Diagnostic, 0, min(len(c.cands), MaxDiagnostics)+len(c.perCode)+1)
	for i, k := range c.cands {
		if i < MaxDiagnostics {
			c.rep.Diagnostics = append(c.rep.Diagnostics, k.d)
		}
		if k.v != nil && earlier(k.v, c.rep.Verdict) {
			c.rep.Verdict = k.v
		}
	}
	if c.best != nil && earlier(c.best, c.rep.Verdict) {
		c.rep.Verdict = c.best
	}
	// The summaries, in code order so that the output is stable.
	var codes []string
	for code, n := range c.perCode {
		if n > MaxPerCode {
			codes = append(codes, code)
		}
	}
	sort.Stable(sort.StringSlice(codes)) // see candsByStart
	for _, code := range codes {
		n := c.perCode[code] - MaxPerCode
		c.rep.Diagnostics = append(c.rep.Diagnostics, Diagnostic{Severity: Info, Code: "more", Span: c.last[code],
			Message: c.t("more.code", n, code, MaxPerCode)})
	}
	if len(c.cands) > MaxDiagnostics {
		last := c.cands[MaxDiagnostics-1].d.Span
		c.rep.Diagnostics = append(c.rep.Diagnostics, Diagnostic{Severity: Info, Code: "more", Span: last,
			Message: c.t("more.total", len(c.cands)-MaxDiagnostics, MaxDiagnostics)})
	}
}

// earlier tells whether v comes before w in the decision order: by row, and
// inside stage 5 by where the reader meets it.
func earlier(v, w *Verdict) bool {
	if w == nil {
		return true
	}
	if v.Rule.rank() != w.Rule.rank() {
		return v.Rule.rank() < w.Rule.rank()
	}
	return v.Rule.rank() == 5 && v.at < w.at
}

func (c *checker) run() {
	p := c.p
	c.checkAction()
	root := p.root
	var ri *elemInfo
	if root != nil {
		ri = p.info[root]
	}
	if p.err != nil {
		c.readError(ri)
	}
	if p.unread >= 0 {
		c.add(Warning, "xml-unread", p.span(p.unread, len(p.src)),
			c.t("xml-unread", root.FullTag()),
			SpecXML+"#sec-well-formed", &Fix{Title: c.t("fix.remove-after"), Span: p.span(p.stop, len(p.src))}, nil)
	}
	if ri == nil || (p.err != nil && p.err.At < ri.StartEnd) {
		c.checkActionAnchor(nil)
		c.findCallID()
		return
	}
	c.checkDecl()
	envNS := ri.NS
	rootSpan := p.span(ri.NameStart, ri.NameEnd)
	at := ri.StartEnd
	wrap := c.t("envelope-missing.wrap", NSEnvelope)
	switch {
	case ri.Local != "Envelope" && envNS != NSEnvelope:
		// SoapServerProtocol.ReadParameters: MoveToContent, then
		// CheckHelperVersion compares the root's namespace only.
		msg := c.t("envelope-missing.version", root.FullTag(), envNS, NSEnvelope, wrap)
		if envNS == "" {
			msg = c.t("envelope-missing.no-ns", root.FullTag(), wrap)
		}
		c.add(Error, "envelope-missing", rootSpan, msg, SpecSOAPEnvelope, nil,
			&Verdict{Rule: RowVersion, at: at, Namespace: envNS, Local: ri.Local})
	case envNS != NSEnvelope:
		c.add(Error, "envelope-namespace", rootSpan, c.envelopeNSMessage(ri), SpecSOAPEnvelope, c.envelopeNSFix(root),
			&Verdict{Rule: RowVersion, at: at, Namespace: envNS, Local: ri.Local})
	case ri.Local != "Envelope":
		// ReadParameters: IsStartElement(Envelope, …) fails →
		// WebMissingEnvelopeElement.
		c.add(Error, "envelope-missing", rootSpan,
			c.t("envelope-missing", root.FullTag(), wrap),
			SpecSOAPEnvelope, nil, &Verdict{Rule: RowEnvelope, at: at, Local: ri.Local, Namespace: envNS})
	}
	if ri.Local != "Envelope" {
		c.checkActionAnchor(root)
		c.findCallID()
		return
	}
	header, body := c.envelopeParts(root, ri, envNS)
	if header != nil {
		c.checkHeader(header, envNS)
	}
	if p.err != nil {
		// The tree past the reader's error is incomplete: say nothing of
		// the Body's content that could be wrong only because it is cut.
		c.checkActionAnchor(nil)
		c.findCallID()
		return
	}
	var op *etree.Element
	if body != nil {
		op = c.checkBody(body)
		c.checkSecondBody(root, body, envNS)
	}
	c.checkActionAnchor(op)
	c.findCallID()
}

// readError reports the reader's failure: row 5a before the root's start
// tag is complete, 5e after it (both HTTP 400 with no body), or a limit of
// the simulator's own.
func (c *checker) readError(ri *elemInfo) {
	p := c.p
	e := p.err
	sp := p.span(e.Start, e.End)
	row := RowBroken
	if ri == nil || e.At < ri.StartEnd {
		row = RowUnreadable
	}
	v := &Verdict{Rule: row, at: e.At, Reason: e.Reason}
	if e.Code != "limit-size" && e.Code != "xml-empty" {
		at := p.pos(e.Start)
		v.Line, v.Col = at.Line, at.Col
	}
	spec := SpecXML
	if e.Code == "xml-doctype" {
		spec = SpecSOAP + "#_Toc478383492"
	}
	c.add(Error, e.Code, sp, c.t("read.400", e.Msg), spec, nil, v)
}

func (c *checker) envelopeNSMessage(ri *elemInfo) string {
	envNS := ri.NS
	what := "the Envelope"
	if ri.Local != "Envelope" {
		what = c.t("envelope-namespace.root", ri.Local)
	}
	switch {
	case envNS == "":
		return c.t("envelope-namespace.none", what, NSEnvelope)
	case envNS == NSSOAP12:
		return c.t("envelope-namespace.soap12", what, envNS, NSEnvelope)
	case httpsTypo(envNS, NSEnvelope):
		return c.t("envelope-namespace.https", envNS, NSEnvelope)
	}
	return c.t("envelope-namespace.other", what, envNS, NSEnvelope)
}

func (c *checker) envelopeNSFix(root *etree.Element) *Fix {
	p := c.p
	ri := p.info[root]
	if ri.Local != "Envelope" {
		return nil
	}
	if a, ok := p.declaring(root, root.Space); ok {
		title := c.t("fix.use-soap11")
		if httpsTypo(a.Value, NSEnvelope) {
			title = c.t("fix.https")
		}
		return &Fix{Title: title, Span: p.span(a.ValStart, a.ValEnd), Text: NSEnvelope}
	}
	return &Fix{Title: c.t("fix.declare-soap11"), Span: p.span(ri.NameEnd, ri.NameEnd), Text: " xmlns" + prefixSuffix(root.Space) + "=" + strconv.Quote(NSEnvelope)}
}

// httpsTypo tells whether ns is want written with https:// (the translated
// docs' typo) or, for the messages namespace, without its final s (the
// CallState page's typo, umws-protocol.md §8 erratum 5).
func httpsTypo(ns, want string) bool {
	if rest, ok := strings.CutPrefix(ns, "https://"); ok && "http://"+rest == want {
		return true
	}
	return false
}

// HTTPSTypo tells whether ns is the https:// misspelling of want.
func HTTPSTypo(ns, want string) bool { return httpsTypo(ns, want) }

// envelopeParts finds the Header and the Body the way ASMX reads the
// Envelope (SoapServerProtocol.ReadParameters): after the start tag, an
// optional soap:Header, then the next content must be soap:Body. It reports
// row 5d when it is not.
func (c *checker) envelopeParts(root *etree.Element, ri *elemInfo, envNS string) (header, body *etree.Element) {
	p := c.p
	rootSpan := p.span(ri.NameStart, ri.NameEnd)
	missing := func(at int, found string) {
		msg := c.t("body-missing.empty")
		if found != "" {
			msg = c.t("body-missing.found", found)
		}
		c.add(Error, "body-missing", rootSpan, msg, SpecSOAPEnvelope, nil, &Verdict{Rule: RowBody, at: at})
	}
	if ri.SelfClosing {
		missing(ri.StartEnd, "")
		return nil, nil
	}
	// The content ASMX meets in order: elements and non-white-space text;
	// comments, processing instructions and white space are skipped
	// (XmlReader.MoveToContent).
	next := ri.StartEnd
	sawHeader := false
	for _, tok := range root.Child {
		switch t := tok.(type) {
		case *etree.CharData:
			if strings.TrimSpace(t.Data) == "" {
				continue
			}
			if p.err != nil && p.err.Start < p.info[root].EndEnd && next > p.err.Start {
				return header, nil
			}
			missing(next, "text")
			return header, nil
		case *etree.Element:
			ei := p.info[t]
			if ei.NS == envNS && ei.Local == "Header" && !sawHeader {
				sawHeader = true
				header = t
				next = ei.EndEnd
				continue
			}
			if ei.NS == envNS && ei.Local == "Body" {
				return header, t
			}
			if p.err != nil && ei.End == 0 {
				return header, nil // cut by the reader's error
			}
			missing(ei.Start, "<"+t.FullTag()+">")
			return header, nil
		}
	}
	if p.err != nil {
		return header, nil // the reader failed before the Body
	}
	what := ""
	if sawHeader {
		what = c.t("body-missing.end")
	}
	missing(ri.End, what)
	return header, nil
}

// checkSecondBody warns about a second Body: ASMX reads the first and skips
// the rest of the Envelope.
func (c *checker) checkSecondBody(root, body *etree.Element, envNS string) {
	p := c.p
	for _, ch := range elements(root) {
		ci := p.info[ch]
		if ch == body || ci.NS != envNS || ci.Local != "Body" || ci.Start < p.info[body].Start {
			continue
		}
		c.add(Warning, "body-repeated", p.span(ci.NameStart, ci.NameEnd),
			c.t("body-repeated"),
			SpecSOAPEnvelope, &Fix{Title: c.t("fix.remove-second-body"), Span: c.wholeElement(ch)}, nil)
	}
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
		c.add(Warning, "xml-declaration-missing", Span{Start: Pos{Line: 1, Col: 1}, End: Pos{Line: 1, Col: 1}},
			c.t("xml-declaration-missing"),
			SpecXML+"#sec-prolog-dtd",
			&Fix{Title: c.t("fix.add-declaration"), Span: Span{Start: Pos{Line: 1, Col: 1}, End: Pos{Line: 1, Col: 1}}, Text: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"}, nil)
		return
	}
	d := p.decl
	if d.EncStart > 0 && !strings.EqualFold(d.Encoding, "utf-8") {
		c.add(Warning, "xml-encoding", p.span(d.EncStart, d.EncEnd),
			c.t("xml-encoding", d.Encoding),
			SpecXML+"#charencoding",
			&Fix{Title: c.t("fix.declare-utf8"), Span: p.span(d.EncStart, d.EncEnd), Text: "utf-8"}, nil)
	}
}

// checkHeader checks the SOAP header entries (SOAP 1.1 §4.2): the service
// understands none of them. ASMX reads them with the Envelope
// (SoapHeaderHandling.ReadHeaders) but checks mustUnderstand only after the
// method returned (SoapServerProtocol.WriteReturns →
// SoapHeaderHandling.EnsureHeadersUnderstood): row 9.
func (c *checker) checkHeader(header *etree.Element, envNS string) {
	p := c.p
	for _, h := range elements(header) {
		if c.full("header-ignored") && c.full("header-must-understand") {
			c.count("header-ignored", "") // the verdict is decided by a kept one
			continue
		}
		hi := p.info[h]
		if p.err != nil && hi.End == 0 {
			continue // cut by the reader's error
		}
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
				c.t("header-must-understand", h.FullTag(), mu.Value),
				SpecSOAPHeader, &Fix{Title: c.t("fix.remove-header", h.FullTag()), Span: whole, Text: ""},
				&Verdict{Rule: RowMustUnderstand, Header: hi.Local})
			continue
		}
		msg := c.t("header-ignored", h.FullTag())
		if mu != nil && mu.Value != "0" && mu.Value != "false" {
			msg = c.t("header-ignored.bad-value", h.FullTag(), mu.Value)
		}
		c.add(Warning, "header-ignored", p.span(hi.NameStart, hi.NameEnd), msg, SpecSOAPHeader,
			&Fix{Title: c.t("fix.remove-header", h.FullTag()), Span: whole, Text: ""}, nil)
	}
}

// wholeElement is the span of e's source from the start of its line's
// indentation (when only white space precedes it there) to the end tag.
func (c *checker) wholeElement(e *etree.Element) Span {
	p := c.p
	ei := p.info[e]
	start := ei.Start
	ls := p.lines.lineStart(start)
	if ls > 0 && strings.TrimLeft(p.src[ls:start], " \t") == "" {
		// Take the line break before it, too: LF, CRLF or CR.
		start = ls - 1
		if p.src[start] == '\n' && start > 0 && p.src[start-1] == '\r' {
			start--
		}
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

// checkAction reads the SOAPAction header as ASMX routes on it, before the
// body is read (Soap11ServerProtocolHelper.RouteRequest). Its diagnostics
// are anchored later, when the operation element is known.
func (c *checker) checkAction() {
	if !c.head.SOAPActionPresent {
		return
	}
	v := ActionURI(c.head.SOAPAction)
	for _, op := range Operations {
		if len(v) == len(ActionPrefix)+len(op) && strings.HasPrefix(v, ActionPrefix) && v[len(ActionPrefix):] == string(op) { // v == op.Action(), without building it
			c.action = op
		}
	}
	c.rep.Action = c.action
}

// ActionURI is the method key ASMX looks up for a SOAPAction header value
// (Soap11ServerProtocolHelper.RouteRequest): one pair of enclosing double
// quotes removed, then HttpUtility.UrlDecode. The value is trimmed first, as
// the HTTP server hands header values over without surrounding white space.
func ActionURI(raw string) string {
	v := strings.TrimSpace(raw)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return urlDecode(v)
}

// urlDecode is System.Web's HttpUtility.UrlDecode: '+' is a space, %XX a
// byte, %uXXXX a UTF-16 code unit; a '%' not followed by hex digits stays as
// it is; the bytes are read as UTF-8 (invalid ones become U+FFFD).
func urlDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	hex := func(b byte) int {
		switch {
		case b >= '0' && b <= '9':
			return int(b - '0')
		case b >= 'a' && b <= 'f':
			return int(b-'a') + 10
		case b >= 'A' && b <= 'F':
			return int(b-'A') + 10
		}
		return -1
	}
	var out []byte
	var units []uint16
	flush := func() {
		if len(units) > 0 {
			for _, r := range utf16Decode(units) {
				out = utf8.AppendRune(out, r)
			}
			units = units[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == '+':
			flush()
			out = append(out, ' ')
		case b == '%' && i+5 < len(s) && s[i+1] == 'u' && hex(s[i+2]) >= 0 && hex(s[i+3]) >= 0 && hex(s[i+4]) >= 0 && hex(s[i+5]) >= 0:
			units = append(units, uint16(hex(s[i+2])<<12|hex(s[i+3])<<8|hex(s[i+4])<<4|hex(s[i+5])))
			i += 5
		case b == '%' && i+2 < len(s) && hex(s[i+1]) >= 0 && hex(s[i+2]) >= 0:
			flush()
			out = append(out, byte(hex(s[i+1])<<4|hex(s[i+2])))
			i += 2
		default:
			flush()
			out = append(out, b)
		}
	}
	flush()
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

func utf16Decode(u []uint16) []rune {
	out := make([]rune, 0, len(u))
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		if r >= 0xD800 && r < 0xDC00 && i+1 < len(u) && u[i+1] >= 0xDC00 && u[i+1] < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + rune(u[i+1]-0xDC00)
			i++
		} else if r >= 0xD800 && r < 0xE000 {
			r = utf8.RuneError
		}
		out = append(out, r)
	}
	return out
}

// checkActionAnchor reports the SOAPAction diagnostics (rows 2 and 3),
// anchored at op (or the root, or the start of the text).
func (c *checker) checkActionAnchor(op *etree.Element) {
	p := c.p
	anchor := Span{Start: Pos{Line: 1, Col: 1}, End: Pos{Line: 1, Col: 1}}
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
	set := &Fix{Title: c.t("fix.set-action", want.QuotedAction()), Field: FieldSOAPAction, Span: c.headerSpan(), Text: want.QuotedAction()}
	trimmed := strings.TrimSpace(raw)
	switch {
	case !c.head.SOAPActionPresent:
		c.addField(Error, "soapaction-missing", anchor,
			c.t("soapaction-missing", want.QuotedAction()),
			SpecSOAPAction, set, &Verdict{Rule: RowNoAction})
		return
	case c.action == "":
		v := ActionURI(raw)
		msg := c.t("soapaction-unknown", v, want.QuotedAction())
		switch {
		case trimmed == "" || trimmed == `""`:
			msg = c.t("soapaction-unknown.empty", want.QuotedAction())
		case len(trimmed) >= 2 && trimmed[0] == '\'' && trimmed[len(trimmed)-1] == '\'':
			msg = c.t("soapaction-unknown.single-quotes", v, want.QuotedAction())
		case strings.HasPrefix(v, "https://schemas.microsoft.com/"):
			msg = c.t("soapaction-unknown.https", v, want.QuotedAction())
		case strings.HasSuffix(v, "/DisconnectPhoneCall"):
			msg = c.t("soapaction-unknown.ews", v, want.QuotedAction())
		}
		c.addField(Error, "soapaction-unknown", anchor, msg, SpecSOAPAction, set, &Verdict{Rule: RowUnknownAction, Action: v})
		return
	}
	if !strings.HasPrefix(trimmed, `"`) || !strings.HasSuffix(trimmed, `"`) || len(trimmed) < 2 {
		c.addField(Warning, "soapaction-unquoted", anchor,
			c.t("soapaction-unquoted"),
			SpecSOAPAction, &Fix{Title: c.t("fix.quote-action"), Field: FieldSOAPAction, Span: c.headerSpan(), Text: `"` + trimmed + `"`}, nil)
	} else if ActionURI(raw) != trimmed[1:len(trimmed)-1] {
		c.addField(Warning, "soapaction-encoded", anchor,
			c.t("soapaction-encoded", c.action),
			SpecSOAPAction, &Fix{Title: c.t("fix.set-action", c.action.QuotedAction()), Field: FieldSOAPAction, Span: c.headerSpan(), Text: c.action.QuotedAction()}, nil)
	}
}

// headerSpan is the whole SOAPAction header value (field coordinates).
func (c *checker) headerSpan() Span {
	raw := c.head.SOAPAction
	return NewLines(raw).Span(0, len(raw))
}

func (c *checker) addField(sev Severity, code string, sp Span, msg, spec string, fix *Fix, v *Verdict) {
	c.add(sev, code, sp, msg, spec, fix, v)
	c.cands[len(c.cands)-1].d.Field = FieldSOAPAction
}

// findCallID fills the CallId value when the operation's children were not
// read (a wrong body, a reader's error): the first element named CallId, in
// whatever namespace, is decoded for the CallId panel.
func (c *checker) findCallID() {
	if _, ok := c.rep.Value("CallId"); ok || c.p.root == nil {
		return
	}
	var walk func(e *etree.Element) bool
	walk = func(e *etree.Element) bool {
		if info := c.p.info[e]; info != nil && info.Local == "CallId" {
			c.rep.Values = append(c.rep.Values, c.value(e))
			return true
		}
		for _, ch := range elements(e) {
			if walk(ch) {
				return true
			}
		}
		return false
	}
	walk(c.p.root) // depth is capped by the parser (MaxDepth)
}

// checkBody checks the Body's content (rows 6 and 7). ASMX's serializer
// skips an element that is not the operation's, so the method gets null
// parameters, and MS-OXWUMS 2.2.2.1 answers a request that breaks the schema
// with ErrorInvalidRequest (F2): every problem here is row 7. It returns the
// Body's first element, if any.
func (c *checker) checkBody(body *etree.Element) *etree.Element {
	p := c.p
	bi := p.info[body]
	kids := elements(body)
	target := c.action
	if target == "" {
		target = Disconnect
	}
	if len(kids) == 0 {
		at := p.pos(bi.EndNameStart)
		c.add(Error, "body-empty", p.span(bi.NameStart, bi.NameEnd),
			c.t("body-empty", target, target, NSMessages),
			SpecMalformed, nil, &Verdict{Rule: RowInvalid, Line: at.Line, Col: at.Col})
		return nil
	}
	op := kids[0]
	for _, extra := range kids[1:] {
		if c.full("body-extra-child") {
			c.count("body-extra-child", RowInvalid)
			continue
		}
		xi := p.info[extra]
		c.add(Error, "body-extra-child", p.span(xi.NameStart, xi.NameEnd),
			c.t("body-extra-child", extra.FullTag()),
			SpecMalformed, &Fix{Title: c.t("fix.remove", extra.FullTag()), Span: c.wholeElement(extra)},
			&Verdict{Rule: RowInvalid})
	}
	c.unbuilt(body, bi)
	oi := p.info[op]
	nameSpan := p.span(oi.NameStart, oi.NameEnd)
	at := p.pos(oi.NameStart)
	skipped := func() *Verdict {
		return &Verdict{Rule: RowInvalid, Line: at.Line, Col: at.Col, Element: oi.Local, ElementNS: oi.NS}
	}
	// What the element is, whatever the SOAPAction says.
	bodyOp, exact := ParseOperation(oi.Local)
	if !exact {
		for _, o := range Operations {
			if strings.EqualFold(o.Name(), oi.Local) {
				bodyOp = o
			}
		}
	}
	if target == "" || c.action == "" {
		if bodyOp != "" {
			target = bodyOp
		}
	}
	none := c.t("operation.no-params")
	if names := target.Children(); len(names) > 0 {
		none = c.t("operation.no-names", listNames(names))
	}
	gets := c.t("operation.receives", none)
	skip := c.t("operation.skipped", target, gets)
	switch {
	case oi.Local == "DisconnectPhoneCall":
		c.add(Error, "operation-ews", nameSpan,
			c.t("operation-ews", skip),
			SpecDisconnect, c.ewsFix(op), skipped())
		return op
	case bodyOp == "":
		msg := c.t("operation-unexpected", oi.Local, oi.NS, skip, target, NSMessages)
		if r, ok := strings.CutSuffix(oi.Local, "Response"); ok {
			if _, known := ParseOperation(r); known {
				msg = c.t("operation-unexpected.response", oi.Local, skip, r, NSMessages)
			}
		}
		c.add(Error, "operation-unexpected", nameSpan, msg, target.SpecRef(), nil, skipped())
		return op
	}
	if oi.NS != NSMessages {
		msg := c.t("operation-namespace", oi.Local, oi.NS, NSMessages, skip)
		switch {
		case oi.NS == "":
			msg = c.t("operation-namespace.none", oi.Local, NSMessages, skip)
		case httpsTypo(oi.NS, NSMessages):
			msg = c.t("operation-namespace.https", oi.NS, NSMessages, skip)
		}
		c.add(Error, "operation-namespace", nameSpan, msg, bodyOp.SpecRef(), c.nsFix(op, NSMessages), skipped())
	}
	if !exact {
		c.add(Error, "operation-case", nameSpan,
			c.t("operation-case", oi.Local, bodyOp, skip),
			bodyOp.SpecRef(), c.renameFix(op, bodyOp.Name()), skipped())
	}
	if c.action != "" && c.action != bodyOp {
		c.addField(Error, "operation-mismatch", nameSpan,
			c.t("operation-mismatch", c.action, bodyOp, c.action, oi.Local, none, bodyOp.QuotedAction()),
			SpecSOAPAction, &Fix{Title: c.t("fix.set-action", bodyOp.QuotedAction()), Field: FieldSOAPAction, Span: c.headerSpan(), Text: bodyOp.QuotedAction()}, skipped())
	}
	c.rep.Op = op
	if c.rep.Operation == "" {
		c.rep.Operation = c.action
		if c.action == "" {
			// The server faults on the SOAPAction first; still name the
			// body's operation.
			c.rep.Operation = bodyOp
		}
	}
	c.checkOpAttrs(op)
	c.checkChildren(op, bodyOp)
	return op
}

// unbuilt says how many element children of e were past MaxKids: checked
// for well-formedness only (the first MaxKids already break the schema, so
// the verdict stands).
func (c *checker) unbuilt(e *etree.Element, ei *elemInfo) {
	if ei.More == 0 {
		return
	}
	c.cands = append(c.cands, cand{d: Diagnostic{Severity: Info, Code: "more", Span: c.p.span(ei.MoreAt, ei.MoreAt+1),
		Message: c.t("more-kids", ei.More, e.FullTag(), MaxKids)}})
}

// checkOpAttrs warns about attributes on the operation element other than
// namespace declarations: the serializer ignores them.
func (c *checker) checkOpAttrs(op *etree.Element) {
	p := c.p
	oi := p.info[op]
	for _, a := range oi.Attrs {
		if a.Name == "xmlns" || strings.HasPrefix(a.Name, "xmlns:") {
			continue
		}
		c.add(Warning, "operation-attribute", p.span(a.NameStart, a.End),
			c.t("operation-attribute", a.Name, oi.Local),
			SpecMalformed, &Fix{Title: c.t("fix.remove-attr", a.Name), Span: p.span(spaceBefore(p.src, a.NameStart), a.End)}, nil)
	}
}

// nsFix repairs the namespace of e: it rewrites the declaring attribute's
// value, or declares the namespace on e.
func (c *checker) nsFix(e *etree.Element, ns string) *Fix {
	p := c.p
	if a, ok := p.declaring(e, e.Space); ok {
		title := c.t("fix.use-ns", ns)
		if strings.HasPrefix(a.Value, "https://") {
			title = c.t("fix.https")
		}
		return &Fix{Title: title, Span: p.span(a.ValStart, a.ValEnd), Text: ns}
	}
	ei := p.info[e]
	return &Fix{Title: c.t("fix.declare-ns", ns), Span: p.span(ei.NameEnd, ei.NameEnd), Text: " xmlns" + prefixSuffix(e.Space) + "=" + strconv.Quote(ns)}
}

// renameFix renames e (start and end tag) to local.
func (c *checker) renameFix(e *etree.Element, local string) *Fix {
	name := local
	if e.Space != "" {
		name = e.Space + ":" + local
	}
	f := c.renameTo(e, name)
	f.Title = c.t("fix.rename", local)
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
	text := "<Disconnect xmlns=" + strconv.Quote(NSMessages) + ">\n" + ind + "  <CallId>" + EscapeText(id) + "</CallId>\n" + ind + "</Disconnect>"
	return &Fix{Title: c.t("fix.rewrite-disconnect"), Span: p.span(ei.Start, ei.EndEnd), Text: text}
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
	seen := map[string]bool{}
	for _, ch := range elements(op) {
		ci := p.info[ch]
		// The first child of each name is a value (what Report.Value and
		// the page read); the rest are only counted or reported.
		if !seen[ci.Local] && len(seen) < MaxPerCode {
			seen[ci.Local] = true
			c.rep.Values = append(c.rep.Values, c.value(ch))
		}
		known := ""
		for _, n := range names {
			if ci.Local == n {
				known = n
			}
		}
		if known == "" && c.full("child-unknown") {
			c.count("child-unknown", RowInvalid)
			continue
		}
		sp := p.span(ci.NameStart, ci.NameEnd)
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
				c.t("child-unqualified", ci.Local, oi.NS),
				SpecDisconnectRequest, c.qualifyFix(ch, op), &Verdict{Rule: RowInvalid})
		case known != "":
			present[known] = true
			if misplaced[known] == nil {
				misplaced[known] = ch
			}
			c.add(Error, "child-namespace", sp,
				c.t("child-namespace", ci.Local, ci.NS, oi.NS, oi.Local),
				SpecDisconnectRequest, c.nsFix(ch, oi.NS), &Verdict{Rule: RowInvalid})
		default:
			var fix *Fix
			msg := c.t("child-unknown", ch.FullTag(), want, listNames(names))
			if len(names) == 0 {
				msg = c.t("child-unknown.empty", ch.FullTag(), want)
			}
			for _, n := range names {
				if strings.EqualFold(n, ci.Local) && len(matched[n]) == 0 {
					msg = c.t("child-unknown.case", ci.Local, n)
					fix = c.renameFix(ch, n)
					present[n] = true
				}
			}
			if fix == nil {
				fix = &Fix{Title: c.t("fix.remove", ch.FullTag()), Span: c.wholeElement(ch)}
			}
			c.add(Error, "child-unknown", sp, msg, want.SpecRef(), fix, &Verdict{Rule: RowInvalid})
		}
	}
	c.unbuilt(op, oi)
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
					c.t("child-missing", want, n),
					want.SpecRef(), c.insertFix(op, prev, n, i == 0), &Verdict{Rule: RowInvalid})
			}
			continue
		}
		prev = els[0]
		for _, extra := range els[1:] {
			if c.full("child-repeated") {
				c.count("child-repeated", RowInvalid)
				continue
			}
			xi := p.info[extra]
			c.add(Error, "child-repeated", p.span(xi.NameStart, xi.NameEnd),
				c.t("child-repeated", n),
				want.SpecRef(), &Fix{Title: c.t("fix.remove-extra", n), Span: c.wholeElement(extra)}, &Verdict{Rule: RowInvalid})
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
		f.Title = c.t("fix.write-qualified", op.Space, ci.Local)
		return f
	}
	title := c.t("fix.put-in-ns", ci.Local, oi.NS)
	for _, a := range ci.Attrs {
		if a.Name == "xmlns" {
			return &Fix{Title: title, Span: p.span(a.ValStart, a.ValEnd), Text: oi.NS}
		}
	}
	return &Fix{Title: title, Span: p.span(ci.NameEnd, ci.NameEnd), Text: " xmlns=" + strconv.Quote(oi.NS)}
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
	// A value the schema accepts where there is one (an empty enumeration
	// or boolean would be the next error); the CallId and the other
	// strings stay for the author to fill in.
	value := map[string]string{"GreetingType": "NormalCustom", "status": "true"}[name]
	if oi.SelfClosing {
		text := p.src[oi.Start:oi.StartEnd]
		text = strings.TrimSuffix(strings.TrimRight(strings.TrimSuffix(text, ">"), " \t\r\n"), "/")
		text = strings.TrimRight(text, " \t\r\n")
		text += ">\n" + ind + "  <" + tag + ">" + value + "</" + tag + ">\n" + ind + "</" + op.FullTag() + ">"
		return &Fix{Title: c.t("fix.add", name), Span: p.span(oi.Start, oi.EndEnd), Text: text}
	}
	at := oi.StartEnd
	if prev != nil && !first {
		at = p.info[prev].EndEnd
	}
	return &Fix{Title: c.t("fix.add", name), Span: p.span(at, at), Text: "\n" + ind + "  <" + tag + ">" + value + "</" + tag + ">"}
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
	if ei.End < ei.StartEnd {
		// Never closed (the reader failed inside it): the text read so far.
		v.Text = ei.text.String()
		if ei.Local == "CallId" {
			r := callid.Decode(v.Text)
			v.CallID = &r
		}
		v.Span = p.span(ei.StartEnd, len(p.src))
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
	found := false
	for _, x := range c.rep.Values {
		if x.Element == e {
			v, found = x, true
		}
	}
	if !found {
		v = c.value(e)
	}
	for i := range ei.Attrs {
		a := &ei.Attrs[i]
		pre, local, ok := strings.Cut(a.Name, ":")
		if !ok || local != "nil" {
			continue
		}
		if ns, _ := c.nsOfPrefix(e, pre); ns == NSXSI && (a.Value == "true" || a.Value == "1") {
			c.add(Error, "child-nil", p.span(a.NameStart, a.End),
				c.t("child-nil", ei.Local),
				SpecDisconnectRequest, &Fix{Title: c.t("fix.remove-nil"), Span: p.span(spaceBefore(p.src, a.NameStart), a.End)}, &Verdict{Rule: RowInvalid})
			return
		}
	}
	if kids := elements(e); len(kids) > 0 {
		ki := p.info[kids[0]]
		c.add(Error, "child-markup", p.span(ki.NameStart, ki.NameEnd),
			c.t("child-markup", ei.Local),
			SpecDisconnectRequest, nil, &Verdict{Rule: RowInvalid})
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
				c.t("entryid-invalid"),
				SpecPlayOnPhone, nil, &Verdict{Rule: RowOperation, Exception: "InvalidObjectIdException"})
		}
	case "DialString":
		if !Dialable(v.Text) {
			msg := c.t("dialstring-invalid", v.Text)
			if strings.TrimSpace(v.Text) == "" {
				msg = c.t("dialstring-invalid.empty")
			}
			c.add(Error, "dialstring-invalid", c.valueSpan(v), msg, SpecPlayOnPhone, nil,
				&Verdict{Rule: RowOperation, Exception: "DialingRulesException"})
		}
	case "status":
		if op.ChildType("status") == "xs:boolean" {
			// XmlConvert.ToBoolean: XML white space trimmed, then
			// true, false, 1 or 0, case-sensitive.
			t := strings.Trim(v.Text, " \t\r\n")
			if t != "true" && t != "false" && t != "1" && t != "0" {
				var fix *Fix
				if l := strings.ToLower(t); l == "true" || l == "false" {
					fix = &Fix{Title: c.t("fix.use", l), Span: c.valueSpan(v), Text: l}
				}
				c.add(Error, "child-type", c.valueSpan(v),
					c.t("child-type", v.Text),
					op.SpecRef(), fix, &Verdict{Rule: RowInvalid})
			}
		}
	case "GreetingType":
		if v.Text != "NormalCustom" && v.Text != "OofCustom" {
			var fix *Fix
			for _, g := range []string{"NormalCustom", "OofCustom"} {
				if strings.EqualFold(strings.TrimSpace(v.Text), g) {
					fix = &Fix{Title: c.t("fix.use", g), Span: c.valueSpan(v), Text: g}
				}
			}
			c.add(Error, "greetingtype-invalid", c.valueSpan(v),
				c.t("greetingtype-invalid", v.Text),
				SpecPlayOnPhoneGreeting, fix, &Verdict{Rule: RowInvalid})
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
		fix = &Fix{Title: c.t("fix.use", shorten(rep)), Span: v.Span, Text: rep}
	}
	textStart := v.Span.Start.Offset
	if op == GetCallInfo && len([]rune(strings.TrimSpace(v.Text))) > 512 {
		c.add(Error, "callid-length", c.valueSpan(v),
			c.t("callid-length", len([]rune(strings.TrimSpace(v.Text)))),
			SpecGetCallInfo, nil, &Verdict{Rule: RowInvalid})
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
			c.add(Error, code, sp, c.t("callid-invalid", pr.Text(c.head.Lang)), SpecDisconnectRequest, f,
				&Verdict{Rule: RowOperation, Exception: "InvalidCallIdException"})
		} else {
			c.add(Warning, code, sp, c.t("callid-warning", pr.Text(c.head.Lang)), SpecCallIDExample, f, nil)
		}
	}
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:12]) + "…" + string(r[len(r)-8:])
	}
	return s
}
