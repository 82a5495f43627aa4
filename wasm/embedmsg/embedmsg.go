// Package embedmsg is the umplay/1 postMessage protocol between an embedded
// playground (web/embed.html) and the documentation page that frames it:
// the strict reading of every message a host sends, and the exact bytes of
// every message the embed sends. A message is data: its JSON is parsed with
// caps (package jsonv), its state goes through state.Parse like a share link
// or window.umplay.setState, and nothing in it is ever evaluated.
//
// Host → embed (each may carry an "id", a string of at most 64 bytes or an
// integer, echoed in the reply):
//
//	{umplay:1, type:"hello"}                the handshake answer to "ready"
//	{umplay:1, type:"setState", state:{…}}  replaces the state (fields missing: defaults)
//	{umplay:1, type:"getState", id}         asks for a "state" reply
//	{umplay:1, type:"setTheme", theme:"light"|"dark"|"auto"}
//	{umplay:1, type:"check", id}            asks for a "report" reply
//
// Embed → host:
//
//	{umplay:1, type:"ready"}                                   (to '*', no data)
//	{umplay:1, type:"state", state:{…}, id?}                    on every change and per getState/setState
//	{umplay:1, type:"report", diagnostics:{error,warning,info}, status, faultCode, id?}
//	{umplay:1, type:"resize", height}                           content height in CSS pixels
//	{umplay:1, type:"error", message, id?}                      a message that was refused
package embedmsg

import (
	"strconv"

	"umplay/wasm/jsonv"
	"umplay/wasm/state"
)

// Version is the protocol version this package speaks ("umplay/1").
const Version = 1

// MaxMessage caps a host message's JSON text, in bytes. A state holds at
// most a 5 MiB request; with JSON escapes and the other fields 6 MiB is
// enough for any request the checker accepts.
const MaxMessage = 6 << 20

// MaxID caps a string id.
const MaxID = 64

// Message types.
const (
	Hello    = "hello"
	SetState = "setState"
	GetState = "getState"
	SetTheme = "setTheme"
	Check    = "check"

	Ready  = "ready"
	State  = "state"
	Report = "report"
	Resize = "resize"
	Error  = "error"
)

// Themes an embed can take.
var Themes = []string{"light", "dark", "auto"}

// Msg is one validated host message.
type Msg struct {
	Type  string
	ID    []byte      // the id's JSON text (a string or an integer), nil when absent
	State state.State // SetState
	Theme string      // SetTheme
}

// Refused is a message that speaks umplay but was refused; ID is the id
// when one could be read, so that the error reply can carry it.
type Refused struct {
	Msg string
	ID  []byte
}

func (e *Refused) Error() string { return "umplay/1: " + e.Msg }

// Parse reads a host message from its JSON text. ours is false for JSON that
// is not a umplay message at all (no "umplay" member): other scripts post
// messages too, and those are ignored without a reply. For a umplay message
// err is nil or a *Refused saying what is wrong.
func Parse(data []byte) (m Msg, ours bool, err error) {
	if len(data) > MaxMessage {
		return Msg{}, true, &Refused{Msg: "message is " + strconv.Itoa(len(data)) + " bytes of JSON, the limit is " + strconv.Itoa(MaxMessage)}
	}
	v, perr := jsonv.ParseLimits(data, jsonv.Limits{MaxBytes: MaxMessage, MaxDepth: 16, MaxElems: 4096})
	if perr != nil {
		// Only a structured clone reaches here, serialized by JSON.stringify:
		// a syntax error means the caller passed something else.
		return Msg{}, false, nil
	}
	if v.Kind != jsonv.Object || v.Get("umplay") == nil {
		return Msg{}, false, nil
	}
	refuse := func(msg string) (Msg, bool, error) { return Msg{}, true, &Refused{Msg: msg, ID: m.ID} }
	if id := v.Get("id"); id != nil {
		switch {
		case id.Kind == jsonv.String && len(id.Str) <= MaxID:
			m.ID = jsonv.AppendString(nil, id.Str)
		case id.Kind == jsonv.Number:
			n, ok := id.Int()
			if !ok || n < -(1<<53) || n > 1<<53 {
				return refuse("id must be a string of at most 64 bytes or an integer")
			}
			m.ID = strconv.AppendInt(nil, n, 10)
		default:
			return refuse("id must be a string of at most 64 bytes or an integer")
		}
	}
	if n, ok := v.Get("umplay").Int(); !ok || n != Version {
		return refuse("this embed speaks umplay/1: the message must have umplay: 1")
	}
	t := v.Get("type")
	if t == nil || t.Kind != jsonv.String {
		return refuse("type must be a string: hello, setState, getState, setTheme or check")
	}
	m.Type = t.Str
	switch m.Type {
	case Hello, GetState, Check:
	case SetState:
		sv := v.Get("state")
		if sv == nil || sv.Kind != jsonv.Object {
			return refuse("setState needs a state object")
		}
		raw := sv.Append(nil)
		s, serr := state.Parse(raw)
		if serr != nil {
			return refuse("setState: " + serr.Error())
		}
		m.State = s
	case SetTheme:
		th := v.Get("theme")
		if th == nil || th.Kind != jsonv.String || !validTheme(th.Str) {
			return refuse("setTheme needs theme: \"light\", \"dark\" or \"auto\"")
		}
		m.Theme = th.Str
	default:
		if len(m.Type) > 32 {
			m.Type = m.Type[:32] + "…"
		}
		return refuse("unknown message type " + strconv.Quote(m.Type) + " (want hello, setState, getState, setTheme or check)")
	}
	return m, true, nil
}

func validTheme(s string) bool {
	for _, t := range Themes {
		if s == t {
			return true
		}
	}
	return false
}

// ValidTheme reports whether s is a theme an embed takes.
func ValidTheme(s string) bool { return validTheme(s) }

// head starts a message of type t.
func head(t string) *jsonv.ObjectWriter {
	var o jsonv.ObjectWriter
	o.Int("umplay", Version)
	o.String("type", t)
	return &o
}

func withID(o *jsonv.ObjectWriter, id []byte) []byte {
	if id != nil {
		o.Raw("id", id)
	}
	return o.Bytes()
}

// ReadyJSON is the handshake announcement; it carries nothing else, as it
// goes to any origin.
func ReadyJSON() []byte { return head(Ready).Bytes() }

// Summary is what a report message carries.
type Summary struct {
	Errors, Warnings, Infos int
	Status                  int    // the simulated server's HTTP status
	FaultCode               string // the fault's local name; "" when the answer is no fault
}

// ReportJSON is a report message.
func ReportJSON(s Summary, id []byte) []byte {
	var d jsonv.ObjectWriter
	d.Int("error", int64(s.Errors))
	d.Int("warning", int64(s.Warnings))
	d.Int("info", int64(s.Infos))
	o := head(Report)
	o.Raw("diagnostics", d.Bytes())
	o.Int("status", int64(s.Status))
	if s.FaultCode == "" {
		o.Null("faultCode")
	} else {
		o.String("faultCode", s.FaultCode)
	}
	return withID(o, id)
}

// StateJSON is a state message with the whole state.
func StateJSON(s state.State, id []byte) []byte {
	o := head(State)
	o.Raw("state", s.JSON())
	return withID(o, id)
}

// ResizeJSON is a resize message.
func ResizeJSON(height int) []byte {
	o := head(Resize)
	o.Int("height", int64(height))
	return o.Bytes()
}

// ErrorJSON is an error message.
func ErrorJSON(msg string, id []byte) []byte {
	o := head(Error)
	o.String("message", msg)
	return withID(o, id)
}

// Diff is the JSON of the fields of s that differ from state.Default(), the
// builder's fields one by one: what a link needs to carry, as state.Parse
// gives every missing field its default. The request is always written.
func Diff(s state.State) []byte {
	d := state.Default()
	var o jsonv.ObjectWriter
	o.String("request", s.Request)
	str := func(o *jsonv.ObjectWriter, k, v, def string) {
		if v != def {
			o.String(k, v)
		}
	}
	boolean := func(o *jsonv.ObjectWriter, k string, v, def bool) {
		if v != def {
			o.Bool(k, v)
		}
	}
	str(&o, "soapAction", s.SOAPAction, d.SOAPAction)
	boolean(&o, "soapActionPresent", s.SOAPActionPresent, d.SOAPActionPresent)
	str(&o, "contentType", s.ContentType, d.ContentType)
	str(&o, "endpoint", s.Endpoint, d.Endpoint)
	var b jsonv.ObjectWriter
	sb, db := s.Builder, d.Builder
	str(&b, "operation", string(sb.Operation), string(db.Operation))
	str(&b, "callId", sb.CallID, db.CallID)
	str(&b, "guid", sb.GUID, db.GUID)
	str(&b, "host", sb.Host, db.Host)
	boolean(&b, "prefix", sb.Prefix, db.Prefix)
	boolean(&b, "decl", sb.Decl, db.Decl)
	str(&b, "entryId", sb.EntryID, db.EntryID)
	str(&b, "dialString", sb.DialString, db.DialString)
	str(&b, "greetingType", sb.GreetingType, db.GreetingType)
	str(&b, "status", sb.Status, db.Status)
	str(&b, "folderId", sb.FolderID, db.FolderID)
	if bb := b.Bytes(); string(bb) != "{}" {
		o.Raw("builder", bb)
	}
	str(&o, "example", s.Example, "")
	str(&o, "lang", s.Lang, "")
	return o.Bytes()
}
