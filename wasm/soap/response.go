package soap

import (
	"cmp"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
)

// Kind is what an XML example in documentation shows.
type Kind string

// The kinds of document Inspect tells apart.
const (
	KindRequest  Kind = "request"  // an Envelope whose Body holds a request (or nothing yet)
	KindResponse Kind = "response" // an Envelope whose Body holds a …Response element
	KindFault    Kind = "fault"    // an Envelope whose Body holds a Fault
	KindFragment Kind = "fragment" // no Envelope: <CallState/>, <CallId>…</CallId>, a syntax sketch
)

// Doc is what Inspect finds in an XML example.
type Doc struct {
	Kind Kind
	// Element is the local name of the Body's first element (request,
	// response, fault) or of the root (fragment); "" when there is none.
	Element string
	// Operation is, for a request, the operation its element names (its
	// case corrected when that is the only difference); for a response, the
	// operation it answers. "" when it names none.
	Operation Operation
	// Diagnostics in document order. For a response, a fault or a fragment
	// they are everything Inspect checks; for a request, only the namespace
	// declarations (NamespaceTypo): Check does the rest.
	Diagnostics []Diagnostic
}

// Inspect reads an XML example as documentation shows it: it tells its kind
// and checks what the server's request checker does not — a response
// against its operation's response shape (MS-OXWUMS 3.1.4.x; umws-protocol.md
// §3, §4, §4b), a fault against the F1/F2 shapes of MS-OXWUMS 2.2.2.1 and
// 3.1.4.1, and a fragment for well-formedness. In every kind, each
// namespace declaration must name a real namespace: one written with
// https:// (or …/2006/message, without the s) is a typo with a fix, an
// error where something is in it. It never panics.
func Inspect(body string, l msg.Lang) *Doc {
	p := parse(body)
	ins := &inspector{p: p, src: body, doc: &Doc{Kind: KindFragment}, lang: l}
	ins.classify()
	// Several roots: the reader fails at the second (right after the
	// first) or stops reading before it (after a line break, p.unread).
	severalRoots := (p.err != nil && p.err.Reason == "There are multiple root elements.") || (p.err == nil && p.unread >= 0)
	if ins.doc.Kind == KindFragment && severalRoots && p.decl == nil {
		// A fragment may show several sibling elements: read them under a
		// root of our own, positions shifted back.
		const open, closing = "<_>", "</_>"
		if w := parse(open + body + closing); w.err == nil || w.err.Start >= len(open) {
			if w.err != nil && w.err.Start >= len(open)+len(body) {
				// the error is in our end tag: an element is not closed
				w.err = &syntaxErr{Code: "xml-syntax", Start: len(open) + len(body), End: len(open) + len(body),
					Msg: msg.New("parse.example-unclosed")}
			}
			ins.p, ins.shift, ins.wrapped = w, len(open), w.root
		}
	}
	ins.run()
	return ins.doc
}

// inspector is one Inspect.
type inspector struct {
	p       *parsed
	src     string // the text inspected (p.src may be wrapped)
	lines   *Lines
	shift   int            // bytes p.src has before src
	wrapped *etree.Element // our own root around a fragment, if any
	doc     *Doc
	seen    map[[2]int]bool // declaration values already reported
	lang    msg.Lang        // the language of the messages
}

// t is the catalog entry key in the inspector's language, formatted.
func (c *inspector) t(key string, args ...any) string { return msg.Format(c.lang, key, args...) }

func (c *inspector) span(start, end int) Span {
	if c.lines == nil {
		c.lines = NewLines(c.src)
	}
	return c.lines.Span(start-c.shift, end-c.shift)
}

func (c *inspector) add(sev Severity, code string, sp Span, msg, spec string, fix *Fix) {
	c.doc.Diagnostics = append(c.doc.Diagnostics, Diagnostic{Severity: sev, Code: code, Message: msg, Span: sp, Fix: fix, SpecRef: spec})
}

func (c *inspector) info(e *etree.Element) *elemInfo { return c.p.info[e] }

// nameSpan is the span of e's name in its start tag.
func (c *inspector) nameSpan(e *etree.Element) Span {
	i := c.info(e)
	return c.span(i.NameStart, i.NameEnd)
}

// textSpan is the span of e's content (between its tags).
func (c *inspector) textSpan(e *etree.Element) Span {
	i := c.info(e)
	if i.SelfClosing {
		return c.span(i.NameStart, i.NameEnd)
	}
	return c.span(i.StartEnd, i.End)
}

// ns is the namespace e is in once every namespace typo is fixed, so that a
// typo, reported once at its declaration, is not reported again on each
// element in it.
func (c *inspector) ns(e *etree.Element) string {
	ns := c.info(e).NS
	if real, ok := NamespaceTypo(ns); ok {
		return real
	}
	return ns
}

func (c *inspector) local(e *etree.Element) string { return c.info(e).Local }

// classify sets the kind from the tree (as much of it as was read).
func (c *inspector) classify() {
	root := c.p.root
	if root == nil {
		return
	}
	c.doc.Element = c.local(root)
	if c.local(root) != "Envelope" {
		return
	}
	c.doc.Kind, c.doc.Element = KindRequest, ""
	body := c.body(root)
	if body == nil {
		return
	}
	kids := elements(body)
	if len(kids) == 0 {
		return
	}
	name := c.local(kids[0])
	c.doc.Element = name
	switch {
	case name == "Fault":
		c.doc.Kind = KindFault
	case strings.HasSuffix(name, "Response") && name != "Response":
		c.doc.Kind = KindResponse
		c.doc.Operation, _ = ParseOperation(strings.TrimSuffix(name, "Response"))
	default:
		if op, ok := ParseOperation(name); ok {
			c.doc.Operation = op
			return
		}
		for _, op := range Operations {
			if strings.EqualFold(string(op), name) {
				c.doc.Operation = op
			}
		}
	}
}

// body is the Envelope's Body: its first child element not named Header.
func (c *inspector) body(root *etree.Element) *etree.Element {
	for _, e := range elements(root) {
		if c.local(e) == "Body" {
			return e
		}
		if c.local(e) != "Header" {
			return nil
		}
	}
	return nil
}

func (c *inspector) run() {
	defer c.sort()
	p := c.p
	c.declarations()
	if p.err != nil {
		if c.doc.Kind != KindRequest { // Check reports it for a request
			e := p.err
			c.add(Error, e.Code, c.span(e.Start, e.End), e.Msg.In(c.lang), SpecXML, nil)
		}
		return
	}
	switch c.doc.Kind {
	case KindResponse, KindFault:
		c.envelope()
	}
}

// sort puts the diagnostics in document order (stable).
func (c *inspector) sort() {
	ds := c.doc.Diagnostics
	slices.SortStableFunc(ds, func(a, b Diagnostic) int { return comparePos(a.Start, b.Start) })
}

func before(a, b Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }

// comparePos orders positions by line and column.
func comparePos(a, b Pos) int {
	if a.Line != b.Line {
		return cmp.Compare(a.Line, b.Line)
	}
	return cmp.Compare(a.Col, b.Col)
}

// realNamespaces are the namespaces whose typos NamespaceTypo repairs.
var realNamespaces = []string{NSEnvelope, NSMessages, NSTypes, NSErrors, NSXSI, NSXSD}

// NamespaceTypo tells whether ns is a typo of a real namespace of the
// service, and which: the https:// form of one (the translated reference
// pages' typo; umws-protocol.md §8 errata 1, 2 and 4), or …/2006/message
// without the final s (erratum 5), in either scheme.
func NamespaceTypo(ns string) (real string, ok bool) {
	fixed := ns
	if rest, ok := strings.CutPrefix(ns, "https://"); ok {
		fixed = "http://" + rest
	}
	if fixed == strings.TrimSuffix(NSMessages, "s") {
		return NSMessages, true
	}
	if fixed == ns {
		return "", false
	}
	for _, r := range realNamespaces {
		if fixed == r {
			return r, true
		}
	}
	return "", false
}

// servicePrefix is where the service's namespaces live; anything else
// under it is not a namespace of the service.
const servicePrefix = "schemas.microsoft.com/exchange/services/2006/"

// declarations checks every namespace declaration in the document.
func (c *inspector) declarations() {
	used := map[string]bool{}
	var all []*etree.Element
	for e, i := range c.p.info {
		if e == c.wrapped {
			continue
		}
		all = append(all, e)
		used[i.NS] = true
		for _, a := range i.Attrs {
			if pfx, _, ok := strings.Cut(a.Name, ":"); ok && pfx != "xmlns" {
				if ns, ok := c.nsOf(e, pfx); ok {
					used[ns] = true
				}
			}
		}
		if c.local(e) == "faultcode" {
			if pfx, _, ok := strings.Cut(strings.TrimSpace(i.Text), ":"); ok {
				if ns, ok := c.nsOf(e, pfx); ok {
					used[ns] = true
				}
			}
		}
	}
	for _, e := range all {
		for _, a := range c.info(e).Attrs {
			if a.Name != "xmlns" && !strings.HasPrefix(a.Name, "xmlns:") {
				continue
			}
			c.declaration(e, a, used[a.Value])
		}
	}
}

func (c *inspector) declaration(e *etree.Element, a attrInfo, used bool) {
	sp := c.span(a.ValStart, a.ValEnd)
	sev := Warning
	effect := c.t("namespace-typo.unused")
	if used {
		sev = Error
		effect = c.t("namespace-typo.used")
	}
	if real, ok := NamespaceTypo(a.Value); ok {
		title := c.t("fix.https")
		if !strings.HasPrefix(a.Value, "https://") || strings.HasSuffix(a.Value, "/message") {
			title = c.t("fix.use", real)
		}
		c.add(sev, "namespace-typo", sp,
			c.t("namespace-typo", a.Value, real, effect, real),
			SpecSOAP+"#_Toc478383495", &Fix{Title: title, Span: sp, Text: real})
		return
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(a.Value, "https://"), "http://")
	if strings.HasPrefix(rest, servicePrefix) && !isReal(a.Value) {
		c.add(sev, "namespace-unknown", sp,
			c.t("namespace-unknown", a.Value, NSMessages, NSTypes, NSErrors, effect),
			SpecMalformed, nil)
	}
}

func isReal(ns string) bool {
	for _, r := range realNamespaces {
		if ns == r {
			return true
		}
	}
	return false
}

// nsOf is the namespace prefix is bound to at e.
func (c *inspector) nsOf(e *etree.Element, prefix string) (string, bool) {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace", true
	}
	if a, ok := c.p.declaring(e, prefix); ok {
		return a.Value, true
	}
	return "", prefix == ""
}

// envelope checks the Envelope of a response or a fault.
func (c *inspector) envelope() {
	root := c.p.root
	if ns := c.ns(root); ns != NSEnvelope {
		c.add(Error, "envelope-namespace", c.nameSpan(root),
			c.t("response-envelope-namespace", c.info(root).NS, NSEnvelope),
			SpecSOAPEnvelope, nil)
	}
	body := c.body(root)
	if c.ns(body) != NSEnvelope {
		c.add(Error, "envelope-namespace", c.nameSpan(body),
			c.t("response-body-namespace", body.FullTag(), c.info(body).NS, NSEnvelope),
			SpecSOAPEnvelope, nil)
	}
	kids := elements(body)
	for _, extra := range kids[1:] {
		c.add(Error, "body-extra-child", c.nameSpan(extra),
			c.t("response-body-extra", extra.FullTag(), kids[0].FullTag()),
			SpecSOAPEnvelope, nil)
	}
	if c.doc.Kind == KindFault {
		c.fault(kids[0])
		return
	}
	c.response(kids[0])
}

// response checks a …Response element against its operation's shape.
func (c *inspector) response(e *etree.Element) {
	op := c.doc.Operation
	name := c.local(e)
	if op == "" {
		msg := c.t("response-unknown", e.FullTag(), opNames())
		for _, o := range Operations {
			if strings.EqualFold(o.Response(), name) {
				msg = c.t("response-unknown.case", e.FullTag(), o, o.Response())
			}
		}
		if ews := strings.TrimSuffix(name, "Response"); ews == "DisconnectPhoneCall" || ews == "GetPhoneCallInformation" || ews == "PlayOnPhone2" {
			msg = c.t("response-unknown.ews", e.FullTag(), ews)
		}
		c.add(Error, "response-unknown", c.nameSpan(e), msg, SpecDisconnect, nil)
		return
	}
	if ns := c.ns(e); ns != NSMessages {
		c.add(Error, "response-namespace", c.nameSpan(e),
			c.t("response-namespace", e.FullTag(), c.info(e).NS, op, NSMessages),
			op.SpecRef(), nil)
	}
	shape := responseShapes[op]
	if shape.kind == shapeEmpty {
		c.noText(e, c.t("response-text.empty", name), op)
		for _, k := range elements(e) {
			c.add(Error, "response-child-unknown", c.nameSpan(k),
				c.t("response-child-unknown.empty-op", name, op, k.FullTag()), op.SpecRef(), nil)
		}
		return
	}
	inner := c.children(e, []string{name}, op)
	w, ok := inner[name]
	if !ok {
		return
	}
	switch shape.kind {
	case shapeValue:
		c.value(w, shape.value, op)
	case shapeFields:
		names := make([]string, len(shape.fields))
		for i, f := range shape.fields {
			names[i] = f.name
		}
		got := c.children(w, names, op)
		for _, f := range shape.fields {
			if k, ok := got[f.name]; ok {
				c.value(k, f.typ, op)
			}
		}
	}
}

// children checks that e holds, as elements in e's namespace, each of names
// exactly once and nothing else, and returns them by name.
func (c *inspector) children(e *etree.Element, names []string, op Operation) map[string]*etree.Element {
	c.noText(e, c.t("response-text.elements", c.local(e)), op)
	got := map[string]*etree.Element{}
	for _, k := range elements(e) {
		n := c.local(k)
		if !contains(names, n) {
			c.add(Error, "response-child-unknown", c.nameSpan(k),
				c.t("response-child-unknown.name", c.local(e), k.FullTag(), c.nameList(names)), op.SpecRef(), nil)
			continue
		}
		if _, dup := got[n]; dup {
			c.add(Error, "response-child-repeated", c.nameSpan(k),
				c.t("response-child-repeated", n, c.local(e)), op.SpecRef(), nil)
			continue
		}
		got[n] = k
		if c.ns(k) != c.ns(e) {
			c.add(Error, "response-child-namespace", c.nameSpan(k),
				c.t("response-child-namespace", k.FullTag(), c.info(k).NS, NSMessages),
				op.SpecRef(), nil)
		}
	}
	var missing []string
	for _, n := range names {
		if _, ok := got[n]; !ok {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		c.add(Error, "response-child-missing", c.nameSpan(e),
			c.t("response-child-missing", c.local(e), c.nameList(missing), op), op.SpecRef(), nil)
	}
	return got
}

// noText reports character data other than white space in e.
func (c *inspector) noText(e *etree.Element, what string, op Operation) {
	if strings.TrimSpace(c.info(e).Text) != "" {
		c.add(Error, "response-text", c.textSpan(e),
			c.t("response-text", what, clip(strings.TrimSpace(c.info(e).Text))), op.SpecRef(), nil)
	}
}

// value checks the text of a leaf element against its type.
func (c *inspector) value(e *etree.Element, typ string, op Operation) {
	for _, k := range elements(e) {
		c.add(Error, "response-child-unknown", c.nameSpan(k),
			c.t("response-child-unknown.text", c.local(e), k.FullTag()), op.SpecRef(), nil)
	}
	text := strings.TrimSpace(c.info(e).Text)
	sp := c.textSpan(e)
	switch typ {
	case "xs:boolean":
		switch text {
		case "true", "false", "1", "0":
		default:
			c.add(Error, "response-value", sp,
				c.t("response-value", c.local(e), text), op.SpecRef(), nil)
		}
	case "UMCallState", "UMEventCause":
		vals := umCallStates
		if typ == "UMEventCause" {
			vals = umEventCauses
		}
		if contains(vals, text) {
			return
		}
		var fix *Fix
		for _, v := range vals {
			if strings.EqualFold(v, text) {
				fix = &Fix{Title: c.t("fix.use", v), Span: sp, Text: v}
			}
		}
		c.add(Error, "response-value", sp,
			c.t("response-value.enum", c.local(e), text, typ, strings.Join(vals, ", ")),
			SpecGetCallInfo, fix)
	case "CallId":
		if text == "" {
			c.add(Error, "response-value", sp,
				c.t("response-value.callid-empty", c.local(e)), op.SpecRef(), nil)
			return
		}
		if r := callid.Decode(text); !r.OK && !strings.ContainsAny(text, "…{}[]") {
			c.add(Warning, "response-callid", sp,
				c.t("response-callid", c.local(e), clip(text)), SpecCallIDExample, nil)
		}
	}
}

var (
	umCallStates  = []string{"Idle", "Connecting", "Alerted", "Connected", "Disconnected", "Incoming", "Transferring", "Forwarding"}
	umEventCauses = []string{"None", "UserBusy", "NoAnswer", "Unavailable", "Other"}
)

// A response shape: an empty element, a wrapper holding one value (the
// wrapper has the response element's name), or a wrapper of fields.
type shapeKind int

const (
	shapeEmpty shapeKind = iota
	shapeValue
	shapeFields
)

type shape struct {
	kind   shapeKind
	value  string // the type of the wrapper's text (shapeValue)
	fields []field
}

type field struct{ name, typ string }

// responseShapes are the success bodies of umws-protocol.md §3, §4, §4b.
// Field order is not checked: the schema's order is not published for
// every operation.
var responseShapes = map[Operation]shape{
	Disconnect:                       {kind: shapeEmpty},
	ResetPIN:                         {kind: shapeEmpty},
	SetMissedCallNotificationEnabled: {kind: shapeEmpty},
	SetOofStatus:                     {kind: shapeEmpty},
	SetPlayOnPhoneDialString:         {kind: shapeEmpty},
	SetTelephoneAccessFolderEmail:    {kind: shapeEmpty},
	PlayOnPhone:                      {kind: shapeValue, value: "CallId"},
	PlayOnPhoneGreeting:              {kind: shapeValue, value: "CallId"},
	IsUMEnabled:                      {kind: shapeValue, value: "xs:boolean"},
	GetCallInfo: {kind: shapeFields, fields: []field{
		{"CallState", "UMCallState"}, {"EventCause", "UMEventCause"}}},
	GetUMProperties: {kind: shapeFields, fields: []field{
		{"OofStatus", "xs:boolean"}, {"MissedCallNotificationEnabled", "xs:boolean"},
		{"PlayOnPhoneDialString", "xs:string"}, {"TelephoneAccessNumbers", "xs:string"},
		{"TelephoneAccessFolderEmail", "xs:string"}}},
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func opNames() string {
	names := make([]string, len(Operations))
	for i, op := range Operations {
		names[i] = string(op)
	}
	return strings.Join(names, ", ")
}

// nameList is "<a>", "<a> and <b>" or "<a>, <b> and <c>".
func (c *inspector) nameList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "<" + n + ">"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + c.t("list.and") + q[len(q)-1]
}

// clip shortens s for a message to 60 characters.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
