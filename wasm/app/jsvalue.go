//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"slices"
	"syscall/js"
	"unicode/utf8"

	"umplay/wasm/callid"
	"umplay/wasm/report"
	"umplay/wasm/umsim"
)

// The window.umplay results are built as JS values here, field by field,
// rather than marshalled by encoding/json and parsed by JSON.parse: the
// module then links no encoding/json (235 KB of code). Each function gives
// the object encoding/json would give for the same Go value with its json
// tags (omitempty fields absent, nil pointers null, nil slices []); the tests
// in jsvalue_test.go compare the two.

var (
	jsObject = js.Global().Get("Object")
	jsArray  = js.Global().Get("Array")
)

func object() js.Value { return jsObject.New() }

// str is s as encoding/json writes it: each byte that is not part of valid
// UTF-8 becomes U+FFFD (JS's decoder would merge some runs of them).
func str(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, r) // RuneError for a bad byte, n == 1
		i += n
	}
	return string(b)
}

// setStr sets o[k] = s; with omitEmpty, an empty s leaves k absent.
func setStr(o js.Value, k, s string, omitEmpty bool) {
	if s == "" && omitEmpty {
		return
	}
	o.Set(k, str(s))
}

// resultValue is report.Result as `check --json` prints it.
func resultValue(r report.Result) js.Value {
	o := object()
	setStr(o, "file", r.File, true)
	o.Set("valid", r.Valid)
	if r.Operation != nil {
		o.Set("operation", str(string(*r.Operation)))
	} else {
		o.Set("operation", js.Null())
	}
	ds := jsArray.New(len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		ds.SetIndex(i, diagnosticValue(d))
	}
	o.Set("diagnostics", ds)
	if r.CallID != nil {
		o.Set("callId", callIDValue(*r.CallID))
	} else {
		o.Set("callId", js.Null())
	}
	o.Set("response", responseValue(r.Response))
	return o
}

func diagnosticValue(d report.Diagnostic) js.Value {
	o := object()
	setStr(o, "severity", string(d.Severity), false)
	setStr(o, "code", d.Code, false)
	setStr(o, "message", d.Message, false)
	o.Set("line", d.Line)
	o.Set("column", d.Column)
	o.Set("endLine", d.EndLine)
	o.Set("endColumn", d.EndColumn)
	if f := d.Fix; f != nil {
		fo := object()
		fo.Set("line", f.Line)
		fo.Set("column", f.Column)
		fo.Set("endLine", f.EndLine)
		fo.Set("endColumn", f.EndColumn)
		setStr(fo, "text", f.Text, false)
		setStr(fo, "title", f.Title, false)
		setStr(fo, "field", f.Field, true)
		o.Set("fix", fo)
	}
	setStr(o, "specRef", d.SpecRef, true)
	setStr(o, "field", d.Field, true)
	setStr(o, "rule", string(d.Rule), true)
	return o
}

// callIDValue is callid.Result as decodeCallId and check's callId give it.
func callIDValue(c callid.Result) js.Value {
	o := object()
	setStr(o, "raw", c.Raw, false)
	setStr(o, "decoded", c.Decoded, false)
	setStr(o, "guid", c.GUID, false)
	o.Set("version", c.Version)
	setStr(o, "variant", c.Variant, false)
	setStr(o, "host", c.Host, false)
	o.Set("ok", c.OK)
	ps := jsArray.New(len(c.Problems))
	for i, p := range c.Problems {
		po := object()
		setStr(po, "code", p.Code, false)
		setStr(po, "severity", p.Severity, false)
		po.Set("offset", p.Offset)
		po.Set("end", p.End)
		setStr(po, "message", p.Message, false)
		ps.SetIndex(i, po)
	}
	o.Set("problems", ps)
	return o
}

// responseValue is report.Response (check's response, send's result).
func responseValue(r report.Response) js.Value {
	o := object()
	o.Set("status", r.Status)
	setStr(o, "statusText", r.StatusText, false)
	if r.Headers == nil {
		o.Set("headers", js.Null())
	} else {
		h := object()
		keys := make([]string, 0, len(r.Headers))
		for k := range r.Headers {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json's order
		for _, k := range keys {
			h.Set(str(k), str(r.Headers[k]))
		}
		o.Set("headers", h)
	}
	setStr(o, "body", r.Body, false)
	o.Set("fault", faultValue(r.Fault))
	setStr(o, "explain", r.Explain, false)
	return o
}

func faultValue(f *umsim.Fault) js.Value {
	if f == nil {
		return js.Null()
	}
	o := object()
	setStr(o, "code", f.Code, false)
	setStr(o, "namespace", f.Namespace, false)
	setStr(o, "string", f.String, false)
	setStr(o, "exceptionType", f.ExceptionType, false)
	return o
}

// stateValue is State as State.JSON marshals it.
func stateValue(s State) js.Value {
	o := object()
	setStr(o, "request", s.Request, false)
	setStr(o, "soapAction", s.SOAPAction, false)
	o.Set("soapActionPresent", s.SOAPActionPresent)
	setStr(o, "contentType", s.ContentType, false)
	setStr(o, "endpoint", s.Endpoint, false)
	b := object()
	setStr(b, "operation", string(s.Builder.Operation), false)
	setStr(b, "callId", s.Builder.CallID, false)
	setStr(b, "guid", s.Builder.GUID, false)
	setStr(b, "host", s.Builder.Host, false)
	b.Set("prefix", s.Builder.Prefix)
	b.Set("decl", s.Builder.Decl)
	setStr(b, "entryId", s.Builder.EntryID, false)
	setStr(b, "dialString", s.Builder.DialString, false)
	setStr(b, "greetingType", s.Builder.GreetingType, false)
	setStr(b, "status", s.Builder.Status, false)
	setStr(b, "folderId", s.Builder.FolderID, false)
	o.Set("builder", b)
	setStr(o, "example", s.Example, true)
	return o
}

// parseExamples reads web/examples/index.json with the browser's JSON.parse
// (for encoding/json's Unmarshal into []example): an array of objects whose
// file, title and note are strings (absent: "") and soapAction a string or
// null (absent: null, no header).
func parseExamples(text string) (out []example, err error) {
	defer func() {
		if r := recover(); r != nil { // JSON.parse threw
			err = fmt.Errorf("app: examples/index.json: %v", r)
		}
	}()
	v := js.Global().Get("JSON").Call("parse", text)
	if !jsArray.Call("isArray", v).Bool() {
		return nil, errors.New("app: examples/index.json: not a JSON array")
	}
	n := v.Length()
	out = make([]example, 0, n)
	for i := range n {
		e := v.Index(i)
		if e.Type() != js.TypeObject || e.IsNull() || jsArray.Call("isArray", e).Bool() {
			return nil, fmt.Errorf("app: examples/index.json: entry %d is not an object", i)
		}
		var ex example
		for _, f := range []struct {
			key string
			dst *string
		}{{"file", &ex.File}, {"title", &ex.Title}, {"note", &ex.Note}} {
			switch x := e.Get(f.key); x.Type() {
			case js.TypeString:
				*f.dst = x.String()
			case js.TypeUndefined, js.TypeNull:
			default:
				return nil, fmt.Errorf("app: examples/index.json: entry %d: %s is not a string", i, f.key)
			}
		}
		switch x := e.Get("soapAction"); x.Type() {
		case js.TypeString:
			a := x.String()
			ex.SOAPAction = &a
		case js.TypeUndefined, js.TypeNull:
		default:
			return nil, fmt.Errorf("app: examples/index.json: entry %d: soapAction is not a string or null", i)
		}
		out = append(out, ex)
	}
	return out, nil
}
