package payload

import (
	"errors"
	"strconv"
	"strings"

	"umplay/wasm/jsonv"
	"umplay/wasm/state"
)

// Text shows a person exactly what the payload carries, one field a line
// (the request as its own block of lines), in the payload's order; the
// fields it does not name keep the page's defaults.
func (p Payload) Text() string {
	v, err := jsonv.ParseLimits(p.JSON, jsonv.Limits{MaxBytes: state.MaxJSON + 1, MaxDepth: maxDepth, MaxElems: maxElems})
	if err != nil {
		return "(the payload is not JSON: " + err.Error() + ")"
	}
	if len(v.Members) == 0 {
		return "Nothing: the link opens the page as it starts (the default request and settings)."
	}
	var b strings.Builder
	b.WriteString("The link sets these fields; every other keeps the page's default.\n")
	writeMembers(&b, v, "")
	return b.String()
}

func writeMembers(b *strings.Builder, v *jsonv.Value, prefix string) {
	for _, m := range v.Members {
		key := prefix + m.Key
		switch x := m.Value; x.Kind {
		case jsonv.Object:
			writeMembers(b, x, key+".")
		case jsonv.String:
			if strings.ContainsAny(x.Str, "\n\r") || key == "request" {
				b.WriteString("\n" + key + " (" + strconv.Itoa(len(x.Str)) + " bytes):\n")
				b.WriteString(x.Str)
				if !strings.HasSuffix(x.Str, "\n") {
					b.WriteString("\n(no line break at the end)\n")
				}
				b.WriteString("\n")
				continue
			}
			b.WriteString(key + ": " + strconv.Quote(x.Str) + "\n")
		default:
			b.WriteString(key + ": " + string(x.Append(nil)) + "\n")
		}
	}
}

// String says what redaction did with one value, for the page and the CLI:
// "request line 5, column 15: re-encoded with the sample GUID and host, same
// structure".
func (r Redaction) String() string { return r.Where() + ": " + r.Note }

// fileKind is the "umplay" member of a state file.
const fileKind = "state"

// File is the state file for p: {"umplay":"state","version":1,"state":{…}}
// with the payload as "state", for a link too long to share.
func (p Payload) File() []byte {
	var o jsonv.ObjectWriter
	o.String("umplay", fileKind)
	o.Int("version", Current)
	o.Raw("state", p.JSON)
	return append(o.Bytes(), '\n')
}

// MaxFile is the largest state file OpenFile reads.
const MaxFile = state.MaxJSON + 1024

// OpenFile reads a state file written by File, or a bare state object (what
// window.umplay.state() returns), as version Current.
func OpenFile(data []byte) (state.State, Info, error) {
	if len(data) > MaxFile {
		return state.Default(), Info{}, errors.New("share: the file is " + strconv.Itoa(len(data)) +
			" bytes, the limit for a state file is " + strconv.Itoa(MaxFile))
	}
	v, err := jsonv.ParseLimits(data, jsonv.Limits{MaxBytes: MaxFile, MaxDepth: maxDepth, MaxElems: maxElems})
	if err != nil {
		return state.Default(), Info{}, errors.New("share: the file is not JSON: " + strings.TrimPrefix(err.Error(), "jsonv: "))
	}
	k := v.Get("umplay")
	if k == nil {
		s, err := state.Parse(data)
		if err != nil {
			return state.Default(), Info{}, errors.New("share: the file's " + strings.TrimPrefix(err.Error(), "state: "))
		}
		return s, Info{Version: Current, Bytes: len(data), Fields: fields(v, "")}, nil
	}
	if k.Kind != jsonv.String || k.Str != fileKind {
		return state.Default(), Info{}, errors.New(`share: the file is not an umplay state file ("umplay" is not "state")`)
	}
	n, ok := v.Get("version").Int()
	if v.Get("version") == nil || !ok {
		return state.Default(), Info{}, errors.New(`share: the state file's "version" is not a number`)
	}
	st := v.Get("state")
	if st == nil {
		return state.Default(), Info{}, errors.New(`share: the state file has no "state"`)
	}
	return V1.open(int(n), st, len(data))
}
