package soap

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// umFault is a fault the UM web service sends (umws-protocol.md §3).
type umFault struct {
	ns, local string
	text      string // the faultstring
	spec      string
	invalid   bool // F2 (ResponseCode and Message in the detail); else F1 (ExceptionType)
}

var umFaults = []umFault{
	{NSErrors, "InvalidCallIdException", "The call identifier isn't valid.", SpecDisconnect, false},
	{NSErrors, "InvalidObjectIdException", "The object identifier isn't valid.", SpecPlayOnPhone, false},
	{NSErrors, "DialingRulesException", "Dialing restrictions are preventing the phone number that was entered from being dialed.", SpecPlayOnPhoneGreeting, false},
	{NSTypes, "ErrorInvalidRequest", "The request is invalid.", SpecMalformed, true},
}

// soapCodes are SOAP 1.1's own fault codes (§4.4.1), which ASMX sends.
var soapCodes = []string{"VersionMismatch", "MustUnderstand", "Client", "Server"}

// fault checks a SOAP 1.1 Fault (§4.4) and, for the service's own faults,
// the F1 and F2 shapes of MS-OXWUMS (umws-protocol.md §3). The documented
// variants are accepted: an ExceptionType in no namespace (GetCallInfo's
// example, erratum 7) and an a:-prefixed ExceptionType text (2.2.3.1,
// erratum 8); the shape of example S-4.15 (faultcode prefix undeclared,
// faultstring without its period) gets warnings.
func (c *inspector) fault(e *etree.Element) {
	if ns := c.ns(e); ns != NSEnvelope {
		c.add(Error, "fault-namespace", c.nameSpan(e),
			c.t("fault-namespace", e.FullTag(), c.info(e).NS, NSEnvelope),
			SpecSOAP, nil)
	}
	parts := map[string]*etree.Element{}
	for _, k := range elements(e) {
		n := c.local(k)
		switch {
		case !contains([]string{"faultcode", "faultstring", "faultactor", "detail"}, n):
			c.add(Error, "fault-child-unknown", c.nameSpan(k),
				c.t("fault-child-unknown", k.FullTag()), SpecSOAP, nil)
			continue
		case parts[n] != nil:
			c.add(Error, "fault-child-repeated", c.nameSpan(k),
				c.t("fault-child-repeated", n), SpecSOAP, nil)
			continue
		case c.info(k).NS != "":
			c.add(Error, "fault-child-namespace", c.nameSpan(k),
				c.t("fault-child-namespace", k.FullTag(), c.info(k).NS, n), SpecSOAP, nil)
		}
		parts[n] = k
	}
	var missing []string
	for _, n := range []string{"faultcode", "faultstring"} {
		if parts[n] == nil {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		c.add(Error, "fault-child-missing", c.nameSpan(e),
			c.t("fault-child-missing", c.nameList(missing)), SpecSOAP, nil)
	}
	code := parts["faultcode"]
	if code == nil {
		return
	}
	f := c.faultCode(code)
	if f == nil {
		return
	}
	if s := parts["faultstring"]; s != nil {
		c.faultString(s, f)
	}
	c.detail(e, parts["detail"], f)
}

// faultCode checks the faultcode QName and returns the service fault it
// names, if any.
func (c *inspector) faultCode(code *etree.Element) *umFault {
	text := strings.TrimSpace(c.info(code).Text)
	sp := c.textSpan(code)
	prefix, local, ok := strings.Cut(text, ":")
	if !ok {
		prefix, local = "", text
	}
	var known *umFault
	for i := range umFaults {
		if umFaults[i].local == local {
			known = &umFaults[i]
		}
	}
	isSOAP := contains(soapCodes, strings.Split(local, ".")[0])
	want := NSEnvelope
	if known != nil {
		want = known.ns
	}
	ns, declared := c.nsOf(code, prefix)
	if real, ok := NamespaceTypo(ns); ok {
		ns = real // reported at its declaration
	}
	switch {
	case prefix == "":
		c.add(Warning, "fault-code-unqualified", sp,
			c.t("fault-code-unqualified", text, local, want), SpecSOAP, nil)
	case !declared:
		ci := c.info(code)
		c.add(Warning, "fault-code-prefix", sp,
			c.t("fault-code-prefix", prefix, text, prefix, want),
			SpecSOAP, &Fix{Title: c.t("fix.declare-prefix", prefix), Span: c.span(ci.NameEnd, ci.NameEnd), Text: " xmlns:" + prefix + "=" + strconv.Quote(want)})
	case (known != nil || isSOAP) && ns != want:
		c.add(Error, "fault-code-namespace", sp,
			c.t("fault-code-namespace", text, ns, local, want), SpecSOAP, nil)
	case known == nil && !isSOAP:
		c.add(Warning, "fault-code-unknown", sp,
			c.t("fault-code-unknown", text),
			SpecExceptionType, nil)
	}
	return known
}

// faultString compares the faultstring with what the server sends.
func (c *inspector) faultString(s *etree.Element, f *umFault) {
	text := strings.TrimSpace(c.info(s).Text)
	switch text {
	case f.text:
		return
	case strings.TrimSuffix(f.text, "."):
		c.add(Warning, "fault-string", c.textSpan(s),
			c.t("fault-string", f.local, f.text), f.spec,
			&Fix{Title: c.t("fix.add-period"), Span: c.textSpan(s), Text: f.text})
	default:
		c.add(Warning, "fault-string", c.textSpan(s),
			c.t("fault-string.other", clip(text), f.local, f.text), f.spec, nil)
	}
}

// detail checks the detail of a service fault: ExceptionType (F1) or
// ResponseCode and Message (F2).
func (c *inspector) detail(fault, detail *etree.Element, f *umFault) {
	at := c.nameSpan(fault)
	if detail != nil {
		at = c.nameSpan(detail)
	}
	find := func(name string) *etree.Element {
		if detail == nil {
			return nil
		}
		for _, k := range elements(detail) {
			if c.local(k) == name {
				return k
			}
		}
		return nil
	}
	if !f.invalid {
		x := find("ExceptionType")
		if x == nil {
			c.add(Error, "fault-detail", at,
				c.t("fault-detail", f.local, f.local),
				SpecExceptionType, nil)
			return
		}
		if ns := c.ns(x); ns != NSMessages && ns != "" {
			c.add(Error, "fault-detail", c.nameSpan(x),
				c.t("fault-detail.namespace", x.FullTag(), c.info(x).NS, NSMessages), SpecExceptionType, nil)
		}
		if t := strings.TrimSpace(c.info(x).Text); t != f.local && t != "a:"+f.local {
			c.add(Error, "fault-detail", c.textSpan(x),
				c.t("fault-detail.type", clip(t), f.local, f.local), SpecExceptionType, nil)
		}
		return
	}
	for _, want := range []struct{ name, text string }{{"ResponseCode", f.local}, {"Message", f.text}} {
		x := find(want.name)
		if x == nil {
			c.add(Error, "fault-detail", at,
				c.t("fault-detail.error", f.local, want.name, want.text, want.name),
				SpecMalformed, nil)
			continue
		}
		if c.ns(x) != NSErrors {
			c.add(Error, "fault-detail", c.nameSpan(x),
				c.t("fault-detail.error-namespace", x.FullTag(), c.info(x).NS, NSErrors), SpecMalformed, nil)
		}
		switch t := strings.TrimSpace(c.info(x).Text); t {
		case want.text:
		case strings.TrimSuffix(want.text, "."):
			c.add(Warning, "fault-detail", c.textSpan(x),
				c.t("fault-detail.period", want.name, want.text), SpecMalformed,
				&Fix{Title: c.t("fix.add-period"), Span: c.textSpan(x), Text: want.text})
		default:
			c.add(Error, "fault-detail", c.textSpan(x),
				c.t("fault-detail.text", want.name, clip(t), want.text), SpecMalformed, nil)
		}
	}
}
