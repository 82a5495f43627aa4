package soap

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
)

// DefaultIndent is the indentation of the published samples.
const DefaultIndent = "  "

// BuildOptions describes a request to build. Fields an operation does not
// take are ignored.
type BuildOptions struct {
	Operation Operation // "" means Disconnect
	// CallID is the CallId of Disconnect and GetCallInfo. When it is "" and
	// GUID or Host is set, the CallId is callid.Encode(GUID, Host).
	CallID       string
	GUID, Host   string
	EntryID      string // PlayOnPhone
	DialString   string // PlayOnPhone, PlayOnPhoneGreeting; SetPlayOnPhoneDialString's dialString
	GreetingType string // PlayOnPhoneGreeting: NormalCustom or OofCustom
	Status       string // SetOofStatus, SetMissedCallNotificationEnabled: true or false
	FolderID     string // SetTelephoneAccessFolderEmail's base64FolderID
	// Prefix writes the body elements with the prefix m
	// (<m:Disconnect xmlns:m="…"><m:CallId>); without it they take the
	// default namespace (<Disconnect xmlns="…"><CallId>).
	Prefix   bool
	OmitDecl bool   // leave out <?xml version="1.0" encoding="utf-8"?>
	Indent   string // per nesting level; "" puts the envelope on one line
}

// Build writes the SOAP 1.1 request envelope of o.Operation (SOAP 1.1 §4,
// MS-OXWUMS 3.1.4.1.2.1, 3.1.4.3.2.1, 3.1.4.8.2.1, 3.1.4.9), laid out like
// the published samples: the XML declaration, then the envelope indented by
// o.Indent, ending with a newline. Child elements come in schema order and
// their text is escaped. Build makes nothing up: an empty CallID, EntryID or
// DialString gives an empty element, which Check reports.
//
// Build fails for an unknown operation, a GUID or host callid.Encode refuses
// (the error wraps callid's), a GreetingType other than NormalCustom or
// OofCustom, a value XML cannot hold (invalid UTF-8 or a control character),
// or an indent that is not whitespace.
func Build(o BuildOptions) (string, error) {
	op := o.Operation
	if op == "" {
		op = Disconnect
	}
	if _, ok := ParseOperation(string(op)); !ok {
		return "", errors.New("soap: unknown operation " + strconv.Quote(string(op)))
	}
	if strings.Trim(o.Indent, " \t\r\n") != "" {
		return "", errors.New("soap: indent " + strconv.Quote(o.Indent) + " is not whitespace")
	}

	callID := o.CallID
	if callID == "" && (o.GUID != "" || o.Host != "") && slices.Contains(op.Children(), "CallId") {
		id, err := callid.Encode(o.GUID, o.Host)
		if err != nil {
			return "", msg.Wrap("soap: ", err)
		}
		callID = id
	}
	if op == PlayOnPhoneGreeting && o.GreetingType != "NormalCustom" && o.GreetingType != "OofCustom" {
		return "", errors.New("soap: greeting type " + strconv.Quote(o.GreetingType) + " is not NormalCustom or OofCustom")
	}
	o.CallID = callID
	values := o.Values()

	var b strings.Builder
	nl := func(depth int) {
		if o.Indent == "" {
			return
		}
		b.WriteByte('\n')
		for range depth {
			b.WriteString(o.Indent)
		}
	}
	pre, xmlns := "", "xmlns"
	if o.Prefix {
		pre, xmlns = "m:", "xmlns:m"
	}
	if !o.OmitDecl {
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	}
	b.WriteString(`<soap:Envelope xmlns:soap="` + NSEnvelope + `">`)
	nl(1)
	b.WriteString("<soap:Body>")
	nl(2)
	b.WriteString("<" + pre + string(op) + " " + xmlns + `="` + NSMessages + `">`)
	for _, name := range op.Children() {
		text, err := buildEscape(values[name])
		if err != nil {
			return "", errors.New("soap: " + name + " " + strconv.Quote(values[name]) + " " + err.Error())
		}
		nl(3)
		b.WriteString("<" + pre + name + ">" + text + "</" + pre + name + ">")
	}
	nl(2)
	b.WriteString("</" + pre + string(op) + ">")
	nl(1)
	b.WriteString("</soap:Body>")
	nl(0)
	b.WriteString("</soap:Envelope>\n")
	return b.String(), nil
}

// Values maps the child element names of every operation to the option
// that fills them.
func (o BuildOptions) Values() map[string]string {
	return map[string]string{
		"CallId":         o.CallID,
		"entryId":        o.EntryID,
		"DialString":     o.DialString,
		"GreetingType":   o.GreetingType,
		"status":         o.Status,
		"dialString":     o.DialString,
		"base64FolderID": o.FolderID,
	}
}

// buildEscape escapes s as element text (EscapeText), refusing what XML 1.0
// cannot hold instead of replacing it.
func buildEscape(s string) (string, error) {
	if err := checkText(s); err != nil {
		return "", err
	}
	return EscapeText(s), nil
}
