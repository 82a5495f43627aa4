// Package state is the playground page's state: everything the user chose,
// enough to rebuild the page, small enough (as JSON) for a share link, an
// embed's postMessage or a lesson file. The simulated server's calls and the
// history are session data, not state.
//
// JSON and Parse use package jsonv, not encoding/json, so the browser
// program does not link reflection-based JSON for it.
package state

import (
	"strconv"
	"strings"

	"umplay/wasm/jsonv"
	"umplay/wasm/soap"
)

// State is what the page shows that the user chose.
type State struct {
	Request           string
	SOAPAction        string
	SOAPActionPresent bool
	// ContentType is the Content-Type field; "" sends no Content-Type.
	ContentType string
	Endpoint    string
	Builder     Builder
	Example     string // file name in web/examples; "" when the text is no example
}

// Builder holds the builder form's fields.
type Builder struct {
	Operation    soap.Operation
	CallID       string
	GUID         string
	Host         string
	Prefix       bool
	Decl         bool
	EntryID      string
	DialString   string
	GreetingType string
	Status       string
	FolderID     string
}

// DefaultEndpoint is the Exchange 2010+ URL of the UM web service.
const DefaultEndpoint = "https://mail.contoso.com/EWS/UM2007Legacy.asmx"

// Default is the page as index.html renders it.
func Default() State {
	h := soap.DefaultHead()
	return State{
		SOAPAction:        h.SOAPAction,
		SOAPActionPresent: h.SOAPActionPresent,
		ContentType:       soap.DefaultContentType,
		Endpoint:          DefaultEndpoint,
		Builder: Builder{
			Operation:    soap.Disconnect,
			Host:         "um01.contoso.com",
			Decl:         true,
			DialString:   "+14255550100",
			GreetingType: "NormalCustom",
			Status:       "true",
			FolderID:     "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==",
		},
	}
}

// Head is the HTTP head the state's request is sent with.
func (s State) Head() soap.Head {
	return soap.Head{SOAPActionPresent: s.SOAPActionPresent, SOAPAction: s.SOAPAction,
		ContentType: s.ContentType, NoContentType: s.ContentType == ""}
}

// Options is what soap.Build needs for the builder's fields (text fields
// trimmed, as a person does not mean the spaces around a pasted id).
func (b Builder) Options() soap.BuildOptions {
	return soap.BuildOptions{
		Operation:    b.Operation,
		CallID:       strings.TrimSpace(b.CallID),
		GUID:         strings.TrimSpace(b.GUID),
		Host:         strings.TrimSpace(b.Host),
		EntryID:      strings.TrimSpace(b.EntryID),
		DialString:   strings.TrimSpace(b.DialString),
		GreetingType: b.GreetingType,
		Status:       b.Status,
		FolderID:     strings.TrimSpace(b.FolderID),
		Prefix:       b.Prefix,
		OmitDecl:     !b.Decl,
		Indent:       soap.DefaultIndent,
	}
}

// JSON is s as compact JSON, keys always in the same order, "example" left
// out when empty:
//
//	{"request":…,"soapAction":…,"soapActionPresent":…,"contentType":…,
//	 "endpoint":…,"builder":{"operation":…,"callId":…,"guid":…,"host":…,
//	 "prefix":…,"decl":…,"entryId":…,"dialString":…,"greetingType":…,
//	 "status":…,"folderId":…},"example":…}
func (s State) JSON() []byte {
	var b jsonv.ObjectWriter
	bb := s.Builder
	b.String("operation", string(bb.Operation))
	b.String("callId", bb.CallID)
	b.String("guid", bb.GUID)
	b.String("host", bb.Host)
	b.Bool("prefix", bb.Prefix)
	b.Bool("decl", bb.Decl)
	b.String("entryId", bb.EntryID)
	b.String("dialString", bb.DialString)
	b.String("greetingType", bb.GreetingType)
	b.String("status", bb.Status)
	b.String("folderId", bb.FolderID)
	var o jsonv.ObjectWriter
	o.String("request", s.Request)
	o.String("soapAction", s.SOAPAction)
	o.Bool("soapActionPresent", s.SOAPActionPresent)
	o.String("contentType", s.ContentType)
	o.String("endpoint", s.Endpoint)
	o.Raw("builder", b.Bytes())
	if s.Example != "" {
		o.String("example", s.Example)
	}
	return o.Bytes()
}

// Limits on a parsed state. The request has soap's limit; the JSON around it
// may be larger, as escapes (\" and \n) take two bytes for one.
const (
	MaxField = 4 << 10                   // a text field other than the request
	MaxJSON  = 2*soap.MaxBytes + 256<<10 // the whole JSON text
	maxShort = 64                        // operation, greeting type, status
	maxFile  = 256                       // example file name
	maxElems = 1024                      // values in the document (a state has 20)
	maxDepth = 16                        // nesting (a state has 2 levels)
)

// Error is a field of the wrong type or with a value out of range.
type Error struct {
	Field  string // dotted path: "builder.operation"
	Msg    string // "want a string"
	Offset int    // byte offset of the value in the input
	Line   int    // 1-based
	Column int    // 1-based, in characters
}

func (e *Error) Error() string {
	return "state: " + strconv.Quote(e.Field) + ": " + e.Msg +
		" (line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + ")"
}

// Parse reads a state from JSON. Fields missing keep their Default values;
// keys it does not know are ignored (a newer page may add some); a field of
// the wrong type, a text over its limit or an operation the service does not
// have, or a greeting type or status the builder's menus do not offer, is an
// error naming the field. The JSON must be strict (jsonv).
func Parse(data []byte) (State, error) {
	v, err := jsonv.ParseLimits(data, jsonv.Limits{MaxBytes: MaxJSON, MaxDepth: maxDepth, MaxElems: maxElems})
	if err != nil {
		return State{}, wrapSyntax(err)
	}
	p := parser{data: data}
	s := Default()
	if v.Kind != jsonv.Object {
		return State{}, p.errAt("", v, "want an object, not "+v.Kind.String())
	}
	p.str(v, "", "request", &s.Request, soap.MaxBytes)
	p.str(v, "", "soapAction", &s.SOAPAction, MaxField)
	p.boolean(v, "", "soapActionPresent", &s.SOAPActionPresent)
	p.str(v, "", "contentType", &s.ContentType, MaxField)
	p.str(v, "", "endpoint", &s.Endpoint, MaxField)
	if b := v.Get("builder"); b != nil && p.err == nil {
		if b.Kind != jsonv.Object {
			p.err = p.errAt("builder", b, "want an object, not "+b.Kind.String())
		} else {
			bb := &s.Builder
			const in = "builder."
			op := string(bb.Operation)
			p.str(b, in, "operation", &op, maxShort)
			p.str(b, in, "callId", &bb.CallID, MaxField)
			p.str(b, in, "guid", &bb.GUID, MaxField)
			p.str(b, in, "host", &bb.Host, MaxField)
			p.boolean(b, in, "prefix", &bb.Prefix)
			p.boolean(b, in, "decl", &bb.Decl)
			p.str(b, in, "entryId", &bb.EntryID, MaxField)
			p.str(b, in, "dialString", &bb.DialString, MaxField)
			p.str(b, in, "greetingType", &bb.GreetingType, maxShort)
			p.str(b, in, "status", &bb.Status, maxShort)
			p.str(b, in, "folderId", &bb.FolderID, MaxField)
			p.oneOf(b, in, "greetingType", bb.GreetingType, "NormalCustom", "OofCustom")
			p.oneOf(b, in, "status", bb.Status, "true", "false")
			if p.err == nil {
				o, ok := soap.ParseOperation(op)
				if !ok {
					p.err = p.errAt("builder.operation", b.Get("operation"),
						"unknown operation "+strconv.Quote(op)+", want one of "+operationList())
				}
				bb.Operation = o
			}
		}
	}
	p.str(v, "", "example", &s.Example, maxFile)
	if p.err != nil {
		return State{}, p.err
	}
	return s, nil
}

// wrapSyntax prefixes a jsonv error, keeping it for errors.As.
func wrapSyntax(err error) error { return &syntaxError{err} }

type syntaxError struct{ err error }

func (e *syntaxError) Error() string {
	return "state: " + strings.TrimPrefix(e.err.Error(), "jsonv: ")
}
func (e *syntaxError) Unwrap() error { return e.err }

func operationList() string {
	names := make([]string, len(soap.Operations))
	for i, op := range soap.Operations {
		names[i] = string(op)
	}
	return strings.Join(names, ", ")
}

type parser struct {
	data []byte
	err  error
}

func (p *parser) errAt(field string, v *jsonv.Value, msg string) *Error {
	off := 0
	if v != nil {
		off = v.Offset
	}
	l, c := jsonv.LineCol(p.data, off)
	if field == "" {
		field = "."
	}
	return &Error{Field: field, Msg: msg, Offset: off, Line: l, Column: c}
}

func (p *parser) str(o *jsonv.Value, in, key string, dst *string, max int) {
	f := o.Get(key)
	if f == nil || p.err != nil {
		return
	}
	switch {
	case f.Kind != jsonv.String:
		p.err = p.errAt(in+key, f, "want a string, not "+f.Kind.String())
	case len(f.Str) > max:
		p.err = p.errAt(in+key, f, "is "+strconv.Itoa(len(f.Str))+" bytes, limit is "+strconv.Itoa(max))
	default:
		*dst = f.Str
	}
}

// oneOf checks that a field the page shows as a menu has one of the menu's
// values (a menu cannot show any other).
func (p *parser) oneOf(o *jsonv.Value, in, key, got string, values ...string) {
	if p.err != nil {
		return
	}
	for _, v := range values {
		if got == v {
			return
		}
	}
	p.err = p.errAt(in+key, o.Get(key), strconv.Quote(got)+" is not "+strings.Join(values, " or "))
}

func (p *parser) boolean(o *jsonv.Value, in, key string, dst *bool) {
	f := o.Get(key)
	if f == nil || p.err != nil {
		return
	}
	if f.Kind != jsonv.Bool {
		p.err = p.errAt(in+key, f, "want true or false, not "+f.Kind.String())
		return
	}
	*dst = f.Bool
}
