// Package payload is the part of umplay's share links (issue 10, "Share
// links") that needs no compression: what a link carries and how it is read
// back. A link's fragment is
//
//	s=<version>.<base64url, no padding, of the deflate-raw (RFC 1951) of the payload>
//
// and the payload of version 1 is the JSON of a state.State (package state)
// with only the fields that differ from state.Default(): {} for the default
// page, a builder object with only its changed fields.
//
// Make builds the payload (redacting first, see RedactRequest, by default),
// Join and Split put it into and take it out of the fragment's syntax, and
// Open reads a payload of any known version into a State, upgrading an old
// version step by step (Codec.Upgrades) before state.Parse checks every
// field. Everything a link can make Open do is capped: the fragment's
// length (MaxFragment), the inflated payload (MaxInflated: soap's 5 MiB
// request limit plus room for the rest; a deflate bomb stops there), the
// JSON's nesting and number of values.
//
// Deflate itself is elsewhere: package share (compress/flate) for the CLI and
// the tests, web/share.js (the browser's CompressionStream) for the page, so
// that the browser program does not link compress/flate.
package payload

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"umplay/wasm/jsonv"
	"umplay/wasm/soap"
	"umplay/wasm/state"
)

// Limits of a link.
const (
	// MaxFragment is the longest fragment Split reads (and Join makes), in
	// bytes: "s=1." and the base64url text.
	MaxFragment = 64 << 10
	// MaxInflated is the most payload bytes the inflater may produce: the
	// request limit and 64 KiB for the JSON around it. A state whose JSON is
	// larger cannot travel in a link (save it as a file).
	MaxInflated = soap.MaxBytes + 64<<10
	// maxDepth and maxElems cap the payload's JSON (a state has 2 levels
	// and about 20 values).
	maxDepth = 8
	maxElems = 256
)

// Current is the payload version Make writes.
const Current = 1

// Param is the fragment's parameter that holds the state: "#s=1.…".
const Param = "s"

// Options say how Make builds a payload.
type Options struct {
	// NoRedact keeps the endpoint's host and the CallIds as they are.
	// Redaction is on by default.
	NoRedact bool
}

// A Payload is what a link carries, before compression.
type Payload struct {
	// JSON is the payload: the state as a diff from state.Default().
	JSON []byte
	// State is the state the link restores (redacted unless NoRedact).
	State state.State
	// Redactions lists what redaction replaced or kept; nil when off.
	Redactions []Redaction
}

// Make builds the payload for s. A state too large for a link is an error,
// with the payload still returned (it can be saved with File).
func Make(s state.State, opt Options) (Payload, error) {
	p := Payload{State: s}
	if !opt.NoRedact {
		p.State, p.Redactions = Redact(s)
	}
	diff, err := Diff(p.State)
	if err != nil {
		return Payload{}, err
	}
	p.JSON = diff
	if len(diff) > MaxInflated {
		return p, errors.New("share: the state is " + strconv.Itoa(len(diff)) +
			" bytes as JSON, over a link's limit of " + strconv.Itoa(MaxInflated) + ": save it as a file instead")
	}
	return p, nil
}

// Diff is s's JSON without the fields that have their state.Default()
// value (in an object member, recursively).
func Diff(s state.State) ([]byte, error) {
	lim := jsonv.Limits{MaxBytes: state.MaxJSON + 1, MaxDepth: maxDepth, MaxElems: maxElems}
	v, err := jsonv.ParseLimits(s.JSON(), lim)
	if err != nil {
		return nil, errors.New("share: " + err.Error())
	}
	d, err := jsonv.ParseLimits(state.Default().JSON(), lim)
	if err != nil {
		return nil, errors.New("share: " + err.Error())
	}
	return diff(v, d).Bytes(), nil
}

func diff(v, def *jsonv.Value) *jsonv.ObjectWriter {
	var o jsonv.ObjectWriter
	for _, m := range v.Members {
		d := def.Get(m.Key)
		switch {
		case d != nil && m.Value.Kind == jsonv.Object && d.Kind == jsonv.Object:
			if sub := diff(m.Value, d); len(sub.Bytes()) > 2 {
				o.Raw(m.Key, sub.Bytes())
			}
		case d != nil && jsonv.Equal(m.Value, d):
		default:
			o.Raw(m.Key, m.Value.Append(nil))
		}
	}
	return &o
}

// Redact returns s with its endpoint's host and every CallId redacted
// (RedactEndpoint, RedactRequest, RedactCallID; the builder's GUID and host
// with RedactGUID and RedactHost, the GUID kept with a sample host), and
// what was done to each value.
func Redact(s state.State) (state.State, []Redaction) {
	var reds []Redaction
	if e, ok := RedactEndpoint(s.Endpoint); !ok {
		reds = append(reds, Redaction{Field: "endpoint", From: s.Endpoint, To: s.Endpoint, Kept: true, NotRedacted: true,
			Note: "not redacted: it is not an absolute URL (scheme://host/…)"})
	} else if e != s.Endpoint {
		reds = append(reds, Redaction{Field: "endpoint", From: s.Endpoint, To: e, Note: "host replaced by " + SampleHost})
		s.Endpoint = e
	}
	var rr []Redaction
	req := s.Request
	s.Request, rr = RedactRequest(s.Request)
	reds = append(reds, rr...)
	if s.Request != req {
		s.Example = "" // the text is no longer the example's
	}

	b := &s.Builder
	if strings.TrimSpace(b.CallID) != "" {
		r := Redaction{Field: "builder.callId", From: b.CallID, To: b.CallID}
		switch red, ok, why := RedactCallID(b.CallID); {
		case !ok:
			r.Kept, r.NotRedacted, r.Note = true, true, "not redacted: "+why
		case red == b.CallID:
			r.Kept, r.Note = true, "kept: it is a sample (a documentation host)"
		default:
			r.To, r.Note = red, "re-encoded with the sample GUID and host, same structure"
			b.CallID = red
		}
		reds = append(reds, r)
	}
	if g := strings.TrimSpace(b.GUID); g != "" && !isSampleHost(strings.TrimSpace(b.Host)) {
		r := Redaction{Field: "builder.guid", From: b.GUID, To: b.GUID}
		switch red, ok := RedactGUID(g); {
		case !ok:
			r.Kept, r.NotRedacted, r.Note = true, true, "not redacted: it is not a GUID (8-4-4-4-12 hex digits)"
		case red == g:
			r.Kept, r.Note = true, "kept: it is already the published sample's"
		default:
			r.To, r.Note = red, "replaced by the sample GUID (same version and variant)"
			b.GUID = red
		}
		reds = append(reds, r)
	}
	if h := RedactHost(b.Host); h != b.Host {
		reds = append(reds, Redaction{Field: "builder.host", From: b.Host, To: h, Note: "replaced by a sample host of the same shape"})
		b.Host = h
	}
	return s, reds
}

// Join makes the fragment (without '#') for a deflated payload of version v.
func Join(v int, deflated []byte) (string, error) {
	f := Param + "=" + strconv.Itoa(v) + "." + base64.RawURLEncoding.EncodeToString(deflated)
	if len(f) > MaxFragment {
		return "", errors.New("share: the link would be " + strconv.Itoa(len(f)) +
			" characters long, over the limit of " + strconv.Itoa(MaxFragment) + ": save the state as a file instead")
	}
	return f, nil
}

// ErrNoState is Split's error for a fragment without "s=": not a share link.
var ErrNoState = errors.New("share: the link holds no state (no #s=)")

// Split reads a fragment made by Join: the version and the deflated
// payload. The fragment may start with '#', be a whole URL (what follows
// its first '#' is read), and hold other '&'-separated parameters; the
// state is the one named Param. Errors say what is wrong and where.
func Split(fragment string) (version int, deflated []byte, err error) {
	if i := strings.IndexByte(fragment, '#'); i >= 0 {
		fragment = fragment[i+1:]
	}
	if len(fragment) > MaxFragment {
		return 0, nil, errors.New("share: the link's fragment is " + strconv.Itoa(len(fragment)) +
			" characters long, the limit is " + strconv.Itoa(MaxFragment) + " (was it cut or padded?)")
	}
	val, found := "", false
	for _, p := range strings.Split(fragment, "&") {
		if v, ok := strings.CutPrefix(p, Param+"="); ok {
			val, found = v, true
			break
		}
	}
	if !found {
		return 0, nil, ErrNoState
	}
	num, data, ok := strings.Cut(val, ".")
	if !ok {
		return 0, nil, errors.New("share: the link's state " + quote(val) + " has no version: it should look like s=1.<data>")
	}
	if num == "" || len(num) > 4 || strings.Trim(num, "0123456789") != "" {
		return 0, nil, errors.New("share: the link's version " + quote(num) + " is not a number: it should look like s=1.<data>")
	}
	version, _ = strconv.Atoi(num)
	if version < 1 || version > Current {
		return 0, nil, unknownVersion(version, Current)
	}
	deflated, err = base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		at := 0
		// DecodeString returns the CorruptInputError itself, never wrapped:
		// a type assertion (errors.As would link reflectlite's type
		// matching into the page, ~20 KB of code).
		if c, ok := err.(base64.CorruptInputError); ok {
			at = int(c)
		}
		what := "it ends too early"
		if at < len(data) {
			what = "character " + quote(data[at:at+1]) + " is not one"
		}
		return 0, nil, errors.New("share: the link's state is not base64url at character " +
			strconv.Itoa(len(Param)+2+len(num)+at) + " of the fragment (" + what + "; was the link cut or changed?)")
	}
	if len(deflated) == 0 {
		return 0, nil, errors.New("share: the link's state is empty")
	}
	return version, deflated, nil
}

func unknownVersion(v, current int) error {
	return errors.New("share: the link is version " + strconv.Itoa(v) + "; this umplay reads versions 1 to " +
		strconv.Itoa(current) + " (a newer umplay may have made it)")
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

// Info says what Open found in a link.
type Info struct {
	Version  int      // the payload's version
	Upgraded bool     // it was an older version, upgraded to Current
	Fields   []string // the fields it set (dotted: "builder.host"), in its order
	Bytes    int      // the payload's size in bytes
}

// A Codec reads payloads: the versions it knows and how each becomes the
// next. Open uses V1; a test or a later umplay makes another.
type Codec struct {
	// Current is the newest version; Parse reads its JSON.
	Current int
	// Upgrades[v] turns a version v payload into a version v+1 payload
	// (the tree may be changed in place), for every v from 1 to Current-1.
	Upgrades map[int]func(*jsonv.Value) (*jsonv.Value, error)
	// Parse reads a payload of version Current.
	Parse func([]byte) (state.State, error)
}

// V1 is the codec of this umplay: version 1 only.
var V1 = Codec{Current: 1, Parse: state.Parse}

// Open reads a payload of the given version with V1.
func Open(version int, data []byte) (state.State, Info, error) { return V1.Open(version, data) }

// Open reads the payload data of the given version: upgrades it to
// c.Current, then parses it (missing fields keep their defaults, a field of
// the wrong type is an error naming it). On an error the State is
// state.Default(), what the page then shows.
func (c Codec) Open(version int, data []byte) (state.State, Info, error) {
	info := Info{Version: version, Bytes: len(data)}
	fail := func(err error) (state.State, Info, error) { return state.Default(), info, err }
	if version < 1 || version > c.Current {
		return fail(unknownVersion(version, c.Current))
	}
	if len(data) > MaxInflated {
		return fail(errors.New("share: the link's state is " + strconv.Itoa(len(data)) +
			" bytes, the limit is " + strconv.Itoa(MaxInflated)))
	}
	v, err := jsonv.ParseLimits(data, jsonv.Limits{MaxBytes: MaxInflated, MaxDepth: maxDepth, MaxElems: maxElems})
	if err != nil {
		return fail(errors.New("share: the link's state is not valid JSON: " + strings.TrimPrefix(err.Error(), "jsonv: ")))
	}
	return c.open(version, v, len(data))
}

// open reads the parsed payload v of the given version.
func (c Codec) open(version int, v *jsonv.Value, size int) (state.State, Info, error) {
	info := Info{Version: version, Bytes: size}
	fail := func(err error) (state.State, Info, error) { return state.Default(), info, err }
	if version < 1 || version > c.Current {
		return fail(unknownVersion(version, c.Current))
	}
	if v.Kind != jsonv.Object {
		return fail(errors.New("share: the link's state is " + v.Kind.String() + ", not an object"))
	}
	for n := version; n < c.Current; n++ {
		up := c.Upgrades[n]
		if up == nil {
			return fail(errors.New("share: no upgrade from version " + strconv.Itoa(n) + " (a bug in umplay)"))
		}
		var err error
		if v, err = up(v); err != nil {
			return fail(errors.New("share: upgrading the link from version " + strconv.Itoa(n) + ": " + err.Error()))
		}
		info.Upgraded = true
	}
	s, err := c.Parse(v.Append(nil))
	if err != nil {
		return fail(errors.New("share: the link's " + strings.TrimPrefix(err.Error(), "state: ")))
	}
	info.Fields = fields(v, "")
	return s, info, nil
}

func fields(v *jsonv.Value, prefix string) []string {
	var out []string
	for _, m := range v.Members {
		if m.Value.Kind == jsonv.Object {
			out = append(out, fields(m.Value, prefix+m.Key+".")...)
			continue
		}
		out = append(out, prefix+m.Key)
	}
	return out
}
