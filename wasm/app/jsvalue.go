//go:build js && wasm

package main

import (
	"errors"
	"sort"
	"strconv"
	"syscall/js"
	"unicode/utf8"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
	"umplay/wasm/report"
)

// The window.umplay results are written as JSON text here, field by field,
// and parsed by the browser's JSON.parse: the module then links no
// encoding/json (235 KB of code), and a result crosses from Go to JS as one
// string (setting each field through syscall/js cost as much as the check
// itself). Each function gives the object encoding/json would give for the
// same Go value with its json tags (omitempty fields absent, nil pointers
// null, nil slices []); the tests in jsvalue_test.go compare the two.

var (
	jsArray = js.Global().Get("Array")
	jsJSON  = js.Global().Get("JSON")
)

// jw writes one JSON object.
type jw struct {
	b     []byte
	first bool // no member written yet in the current object
}

func (w *jw) open() {
	w.b = append(w.b, '{')
	w.first = true
}

func (w *jw) close() {
	w.b = append(w.b, '}')
	w.first = false
}

func (w *jw) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.str(k)
	w.b = append(w.b, ':')
}

// str writes s as a JSON string; each byte that is not part of valid UTF-8
// becomes U+FFFD, as encoding/json writes it.
func (w *jw) str(s string) {
	const hex = "0123456789abcdef"
	w.b = append(w.b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				w.b = append(w.b, '\\', c)
			case c < 0x20:
				w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			default:
				w.b = append(w.b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			w.b = append(w.b, "\\ufffd"...)
		} else {
			w.b = append(w.b, s[i:i+n]...)
		}
		i += n
	}
	w.b = append(w.b, '"')
}

// field writes "k": s; with omitEmpty, an empty s writes nothing.
func (w *jw) field(k, s string, omitEmpty bool) {
	if s == "" && omitEmpty {
		return
	}
	w.key(k)
	w.str(s)
}

func (w *jw) int(k string, n int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(n), 10)
}

func (w *jw) bool(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *jw) null(k string) {
	w.key(k)
	w.b = append(w.b, "null"...)
}

// value parses what was written.
func (w *jw) value() js.Value { return jsJSON.Call("parse", string(w.b)) }

// resultValue is report.Result as `check --json` prints it.
func resultValue(r report.Result) js.Value {
	w := &jw{b: make([]byte, 0, 1024+len(r.Response.Body))}
	w.open()
	w.field("file", r.File, true)
	w.bool("valid", r.Valid)
	if r.Operation != nil {
		w.field("operation", string(*r.Operation), false)
	} else {
		w.null("operation")
	}
	w.key("diagnostics")
	w.b = append(w.b, '[')
	for i, d := range r.Diagnostics {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		writeDiagnostic(w, d)
	}
	w.b = append(w.b, ']')
	w.key("callId")
	if r.CallID != nil {
		writeCallID(w, *r.CallID)
	} else {
		w.b = append(w.b, "null"...)
	}
	w.key("response")
	writeResponse(w, r.Response)
	w.close()
	return w.value()
}

func writeDiagnostic(w *jw, d report.Diagnostic) {
	w.open()
	w.field("severity", string(d.Severity), false)
	w.field("code", d.Code, false)
	w.field("message", d.Message, false)
	w.int("line", d.Line)
	w.int("column", d.Column)
	w.int("endLine", d.EndLine)
	w.int("endColumn", d.EndColumn)
	if f := d.Fix; f != nil {
		w.key("fix")
		w.open()
		w.int("line", f.Line)
		w.int("column", f.Column)
		w.int("endLine", f.EndLine)
		w.int("endColumn", f.EndColumn)
		w.field("text", f.Text, false)
		w.field("title", f.Title, false)
		w.field("field", f.Field, true)
		w.close()
	}
	w.field("specRef", d.SpecRef, true)
	w.field("field", d.Field, true)
	w.field("rule", string(d.Rule), true)
	w.close()
}

// callIDValue is callid.Result as decodeCallId and check's callId give it.
func callIDValue(c callid.Result) js.Value {
	w := &jw{}
	writeCallID(w, c)
	return w.value()
}

func writeCallID(w *jw, c callid.Result) {
	w.open()
	w.field("raw", c.Raw, false)
	w.field("decoded", c.Decoded, false)
	w.field("guid", c.GUID, false)
	w.int("version", c.Version)
	w.field("variant", c.Variant, false)
	w.field("host", c.Host, false)
	w.bool("ok", c.OK)
	w.key("problems")
	w.b = append(w.b, '[')
	for i, p := range c.Problems {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.open()
		w.field("code", p.Code, false)
		w.field("severity", p.Severity, false)
		w.int("offset", p.Offset)
		w.int("end", p.End)
		w.field("message", p.Message, false)
		w.close()
	}
	w.b = append(w.b, ']')
	w.close()
}

// responseValue is report.Response (check's response, send's result).
func responseValue(r report.Response) js.Value {
	w := &jw{}
	writeResponse(w, r)
	return w.value()
}

func writeResponse(w *jw, r report.Response) {
	w.open()
	w.int("status", r.Status)
	w.field("statusText", r.StatusText, false)
	if r.Headers == nil {
		w.null("headers")
	} else {
		w.key("headers")
		w.open()
		keys := make([]string, 0, len(r.Headers))
		for k := range r.Headers {
			keys = append(keys, k)
		}
		// encoding/json's order; sort.Stable, the page's one sort (each
		// slices.Sort instantiation links its own copy).
		sort.Stable(sort.StringSlice(keys))
		for _, k := range keys {
			w.field(k, r.Headers[k], false)
		}
		w.close()
	}
	w.field("body", r.Body, false)
	w.key("fault")
	if f := r.Fault; f != nil {
		w.open()
		w.field("code", f.Code, false)
		w.field("namespace", f.Namespace, false)
		w.field("string", f.String, false)
		w.field("exceptionType", f.ExceptionType, false)
		w.close()
	} else {
		w.b = append(w.b, "null"...)
	}
	w.field("explain", r.Explain, false)
	w.close()
}

// stateValue is s as a JS object: State.JSON, parsed by the browser (one
// serializer for the page, share links and tests).
func stateValue(s State) js.Value { return jsJSON.Call("parse", string(s.JSON())) }

// parseExamples reads web/examples/index.json with the browser's JSON.parse
// (for encoding/json's Unmarshal into []example): an array of objects whose
// file, title and note are strings (absent: "") and soapAction a string or
// null (absent: null, no header).
func parseExamples(text string) (out []example, err error) {
	defer func() {
		if r := recover(); r != nil { // JSON.parse threw
			err = errors.New("app: examples/index.json: " + msg.Value(r))
		}
	}()
	v := jsJSON.Call("parse", text)
	if !jsArray.Call("isArray", v).Bool() {
		return nil, errors.New("app: examples/index.json: not a JSON array")
	}
	n := v.Length()
	out = make([]example, 0, n)
	for i := range n {
		e := v.Index(i)
		if e.Type() != js.TypeObject || e.IsNull() || jsArray.Call("isArray", e).Bool() {
			return nil, errors.New("app: examples/index.json: entry " + strconv.Itoa(i) + " is not an object")
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
				return nil, errors.New("app: examples/index.json: entry " + strconv.Itoa(i) + ": " + f.key + " is not a string")
			}
		}
		if pt := e.Get("pt-BR"); pt.Type() == js.TypeObject && !pt.IsNull() {
			for _, f := range []struct {
				key string
				dst *string
			}{{"title", &ex.PT.Title}, {"note", &ex.PT.Note}} {
				if x := pt.Get(f.key); x.Type() == js.TypeString {
					*f.dst = x.String()
				}
			}
		}
		switch x := e.Get("soapAction"); x.Type() {
		case js.TypeString:
			a := x.String()
			ex.SOAPAction = &a
		case js.TypeUndefined, js.TypeNull:
		default:
			return nil, errors.New("app: examples/index.json: entry " + strconv.Itoa(i) + ": soapAction is not a string or null")
		}
		out = append(out, ex)
	}
	return out, nil
}
