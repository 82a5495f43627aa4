//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

// apiFunc is a window.umplay function: it returns a value or an error, and
// web/boot.js turns the error into a thrown JS Error.
type apiFunc func(args []js.Value) (any, error)

// export wraps f for JavaScript: {value: v} or {error: "message"}; a panic
// becomes an error too, so later calls still work.
func export(name string, f apiFunc) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				showPanic("umplay."+name, r)
				out = map[string]any{"error": "umplay." + name + ": internal error: " + msg.Value(r)}
			}
		}()
		v, err := f(args)
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"value": v}
	})
}

// installAPI sets window.umplay.
func installAPI() {
	api := map[string]any{
		"version":      version(),
		"check":        export("check", apiCheck),
		"decodeCallId": export("decodeCallId", apiDecode),
		"build":        export("build", apiBuild),
		"send":         export("send", apiSend),
		"state":        export("state", apiState),
		"setState":     export("setState", apiSetState),
	}
	js.Global().Set("umplay", js.Global().Get("umplayBoot").Call("wrap", api))
}

// buildVersion names the build: scripts/build.sh sets it with -X to the
// commit (and -dirty for uncommitted changes). It is not read from
// runtime/debug.ReadBuildInfo: parsing the build info costs the module
// about 17 KB of code.
var buildVersion string

// version names the build, "devel" when the builder did not say.
func version() string {
	if buildVersion == "" {
		return "devel"
	}
	return buildVersion
}

// stringArg returns args[i] as a string.
func stringArg(fn string, args []js.Value, i int, what string) (string, error) {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return "", errors.New("umplay." + fn + ": " + what + " must be a string")
	}
	return args[i].String(), nil
}

// headArg reads {soapAction}: undefined → the correct quoted Disconnect
// action; null → no SOAPAction header; a string → that raw value.
func headArg(fn string, args []js.Value, i int) (soap.Head, error) {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return soap.DefaultHead(), nil
	}
	o := args[i]
	if o.Type() != js.TypeObject {
		return soap.Head{}, errors.New("umplay." + fn + ": options must be an object like {soapAction: \"...\"}")
	}
	var h soap.Head
	a := o.Get("soapAction")
	switch a.Type() {
	case js.TypeUndefined:
		h = soap.DefaultHead()
	case js.TypeNull:
	case js.TypeString:
		h = soap.Head{SOAPActionPresent: true, SOAPAction: a.String()}
	default:
		return soap.Head{}, errors.New("umplay." + fn + ": soapAction must be a string, null (no header) or undefined (the Disconnect action)")
	}
	// contentType: undefined → text/xml; charset=utf-8; null → no
	// Content-Type header; a string → that value.
	switch c := o.Get("contentType"); c.Type() {
	case js.TypeUndefined:
	case js.TypeNull:
		h.NoContentType = true
	case js.TypeString:
		h.ContentType = c.String()
		h.NoContentType = c.String() == ""
	default:
		return soap.Head{}, errors.New("umplay." + fn + ": contentType must be a string, null (no header) or undefined (text/xml; charset=utf-8)")
	}
	return h, nil
}

// check(xml, {soapAction}) → the CLI's `check --json` object.
func apiCheck(args []js.Value) (any, error) {
	xml, err := stringArg("check", args, 0, "xml")
	if err != nil {
		return nil, err
	}
	head, err := headArg("check", args, 1)
	if err != nil {
		return nil, err
	}
	return resultValue(report.Check("", xml, head)), nil
}

// decodeCallId(text) → callid.Result as a plain object.
func apiDecode(args []js.Value) (any, error) {
	s, err := stringArg("decodeCallId", args, 0, "the CallId")
	if err != nil {
		return nil, err
	}
	return callIDValue(callid.Decode(s)), nil
}

// build(options) → the envelope text.
func apiBuild(args []js.Value) (any, error) {
	o := soap.BuildOptions{Operation: soap.Disconnect, Indent: soap.DefaultIndent}
	if len(args) > 0 && !args[0].IsUndefined() && !args[0].IsNull() {
		a := args[0]
		if a.Type() != js.TypeObject {
			return nil, errors.New("umplay.build: options must be an object")
		}
		str := func(key string, dst *string) error {
			v := a.Get(key)
			switch v.Type() {
			case js.TypeUndefined, js.TypeNull:
				return nil
			case js.TypeString:
				*dst = v.String()
				return nil
			}
			return errors.New("umplay.build: " + key + " must be a string")
		}
		boolean := func(key string, dst *bool) error {
			v := a.Get(key)
			switch v.Type() {
			case js.TypeUndefined, js.TypeNull:
				return nil
			case js.TypeBoolean:
				*dst = v.Bool()
				return nil
			}
			return errors.New("umplay.build: " + key + " must be true or false")
		}
		var op string
		decl := true
		errs := []error{
			str("operation", &op), str("callId", &o.CallID), str("guid", &o.GUID), str("host", &o.Host),
			str("entryId", &o.EntryID), str("dialString", &o.DialString), str("greetingType", &o.GreetingType),
			str("status", &o.Status), str("folderId", &o.FolderID),
			boolean("prefix", &o.Prefix), boolean("decl", &decl),
		}
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
		if op != "" {
			p, ok := soap.ParseOperation(op)
			if !ok {
				return nil, errors.New("umplay.build: unknown operation " + strconv.Quote(op) + " (want one of " + opNames() + ")")
			}
			o.Operation = p
		}
		o.OmitDecl = !decl
		switch v := a.Get("indent"); v.Type() {
		case js.TypeString:
			o.Indent = v.String()
		case js.TypeNumber:
			n := v.Int()
			if n < 0 || n > 16 {
				return nil, errors.New("umplay.build: indent " + strconv.Itoa(n) + " is not between 0 and 16")
			}
			o.Indent = strings.Repeat(" ", n)
		case js.TypeUndefined, js.TypeNull:
		default:
			return nil, errors.New("umplay.build: indent must be a string or a number of spaces")
		}
	}
	return soap.Build(o)
}

func opNames() string {
	var s []string
	for _, op := range soap.Operations {
		s = append(s, string(op))
	}
	return strings.Join(s, ", ")
}

// send(xml, {soapAction}) → the response, applied to the page's server and
// recorded in the history like the Send button.
func apiSend(args []js.Value) (any, error) {
	xml, err := stringArg("send", args, 0, "xml")
	if err != nil {
		return nil, err
	}
	head, err := headArg("send", args, 1)
	if err != nil {
		return nil, err
	}
	resp := send(xml, head, nil)
	if live.rep != nil {
		ensureFreshPreview()
	}
	return responseValue(report.NewResponse(resp)), nil
}

// state() → the page state (what a share link would carry).
func apiState(args []js.Value) (any, error) {
	readHead()
	readBuilder()
	state.Request = ed.text()
	return stateValue(state), nil
}
