// Package share makes and reads umplay's share links (issue 10, "Share
// links"): the page's whole state in the URL fragment, never the query (a
// fragment does not reach a server's logs), as
//
//	#s=1.<base64url, no padding, of the deflate-raw of the state's JSON as a diff from state.Default()>
//
// Encode and Decode are the whole codec, with compress/flate; package
// payload holds the rest (the diff, redaction, versions, caps) and is what
// the browser program links, with web/share.js deflating through the
// browser's CompressionStream. Both sides read each other's links: deflate
// streams differ between compressors, the inflated payload does not.
package share

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"strconv"

	"umplay/wasm/share/payload"
	"umplay/wasm/state"
)

// Options say how Encode builds a link.
type Options = payload.Options

// Info says what Decode found in a link.
type Info = payload.Info

// A Link is an encoded state.
type Link struct {
	// Fragment is the URL fragment without '#': "s=1.…".
	Fragment string
	// JSON is the payload the link carries (before compression).
	JSON []byte
	// State is the state the link restores (redacted unless NoRedact).
	State state.State
	// Redactions lists what redaction replaced or kept.
	Redactions []payload.Redaction
}

// Encode makes the link for s: redacted unless opt.NoRedact, the payload
// deflated at the best compression.
func Encode(s state.State, opt Options) (Link, error) {
	p, err := payload.Make(s, opt)
	if err != nil {
		return Link{}, err
	}
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		return Link{}, err
	}
	w.Write(p.JSON) // a bytes.Buffer does not fail
	if err := w.Close(); err != nil {
		return Link{}, err
	}
	f, err := payload.Join(payload.Current, b.Bytes())
	if err != nil {
		return Link{}, err
	}
	return Link{Fragment: f, JSON: p.JSON, State: p.State, Redactions: p.Redactions}, nil
}

// Decode reads the state of a link: fragment is "s=1.…", "#s=1.…" or a
// whole URL. On an error the State is state.Default() and the error says
// what is wrong: no state, an unknown version, bad base64, data that is not
// deflate, more than payload.MaxInflated bytes once inflated, JSON that is
// not a state.
func Decode(fragment string) (state.State, Info, error) {
	v, data, err := payload.Split(fragment)
	if err != nil {
		return state.Default(), Info{}, err
	}
	js, err := Inflate(data, payload.MaxInflated)
	if err != nil {
		return state.Default(), Info{Version: v}, err
	}
	return payload.Open(v, js)
}

// Inflate inflates deflate-raw data, stopping with an error once more than
// max bytes come out (a deflate bomb costs at most max+1 bytes of memory).
func Inflate(data []byte, max int) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(data))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if len(out) > max {
		return nil, errors.New("share: the link's state inflates to more than " + strconv.Itoa(max) +
			" bytes, the limit: it is not a state umplay made")
	}
	if err != nil {
		return nil, errors.New("share: the link's state is not deflate data (" + err.Error() + "; was the link cut or changed?)")
	}
	return out, nil
}
