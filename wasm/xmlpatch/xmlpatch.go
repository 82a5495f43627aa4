// Package xmlpatch writes a build overlay (go build -overlay) of the
// toolchain's encoding/xml/xml.go in which the Decoder words its four
// errors without package fmt, byte for byte as fmt did.
//
// The page links encoding/xml's Decoder (soap.Format, and the checker's
// fallback when its own tokenizer bails), and those four calls are the only
// thing left in the page that links fmt's printer — and with it reflect
// and fmtsort: 240 KB of raw module, 45 KB of brotli (wasm/linkcheck keeps
// fmt out). scripts/build.sh builds the page, and the benchmark's
// baselines, with this overlay; native builds (the CLI, the tests) use the
// standard library as it is.
//
// The patch is exact: each replaced line must appear once in the
// toolchain's file, or Patch fails and says which, so a new Go release that
// changed the file stops the build instead of linking something unchecked.
package xmlpatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// edits are Go 1.26's encoding/xml/xml.go lines and their replacements.
// %q of a string is strconv.Quote; %U of a decoded rune (0…0x10FFFF) is
// "U+" and at least four upper-case hex digits; %w keeps the error to
// unwrap (wrapError).
var edits = []struct{ old, new string }{
	{"\t\"fmt\"\n", ""},
	{`d.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)`,
		`d.err = errors.New("xml: unsupported version " + strconv.Quote(ver) + "; only version 1.0 is supported")`},
	{`d.err = fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)`,
		`d.err = errors.New("xml: encoding " + strconv.Quote(enc) + " declared but Decoder.CharsetReader is nil")`},
	{`d.err = fmt.Errorf("xml: opening charset %q: %w", enc, err)`,
		`d.err = &wrapError{"xml: opening charset " + strconv.Quote(enc) + ": " + err.Error(), err}`},
	{`d.err = d.syntaxError(fmt.Sprintf("illegal character code %U", r))`,
		`d.err = d.syntaxError("illegal character code " + codePoint(r))`},
}

// tail is appended to the patched file.
const tail = `
// Added by umplay's wasm/xmlpatch: what the fmt calls above did.

// wrapError is fmt.Errorf's %w: the message, and the error it wraps.
type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

// codePoint is fmt's %U of r: "U+" and at least four upper-case hex digits.
func codePoint(r rune) string {
	h := strings.ToUpper(strconv.FormatUint(uint64(uint32(r)), 16))
	for len(h) < 4 {
		h = "0" + h
	}
	return "U+" + h
}
`

// Patch returns xml.go's source with the edits made, or an error naming the
// first line it did not find exactly once.
func Patch(src []byte) ([]byte, error) {
	out := src
	for _, e := range edits {
		if n := bytes.Count(out, []byte(e.old)); n != 1 {
			return nil, errors.New("xmlpatch: encoding/xml/xml.go has " + count(n) + " of `" +
				string(bytes.TrimSpace([]byte(e.old))) + "` (this patch is for Go 1.26's file; check the new one and update the edits)")
		}
		out = bytes.Replace(out, []byte(e.old), []byte(e.new), 1)
	}
	if bytes.Contains(out, []byte("fmt.")) {
		return nil, errors.New("xmlpatch: encoding/xml/xml.go still calls fmt after the patch (a new call? update the edits)")
	}
	return append(out, tail...), nil
}

func count(n int) string {
	switch n {
	case 0:
		return "no copy"
	case 1:
		return "one copy"
	}
	return "several copies"
}

// Write patches goroot's encoding/xml/xml.go into dir and writes dir's
// overlay.json naming it, returning that file's absolute path for
// go build -overlay. It rewrites nothing that already holds the same bytes,
// so the go command's cache stays warm.
func Write(goroot, dir string) (string, error) {
	srcPath, err := filepath.Abs(filepath.Join(goroot, "src", "encoding", "xml", "xml.go"))
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(srcPath)
	if err != nil {
		return "", errors.New("xmlpatch: " + err.Error())
	}
	patched, err := Patch(src)
	if err != nil {
		return "", err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	xmlPath := filepath.Join(dir, "xml.go")
	overlay, err := json.MarshalIndent(map[string]map[string]string{"Replace": {srcPath: xmlPath}}, "", "\t")
	if err != nil {
		return "", err
	}
	jsonPath := filepath.Join(dir, "overlay.json")
	if err := writeIfChanged(xmlPath, patched); err != nil {
		return "", err
	}
	if err := writeIfChanged(jsonPath, append(overlay, '\n')); err != nil {
		return "", err
	}
	return jsonPath, nil
}

func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
