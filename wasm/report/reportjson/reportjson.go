// Package reportjson prints the CLI's JSON (`umplay check --json`, `umplay
// decode --json`) with encoding/json. It is apart from package report so
// that the browser program, which imports report but builds its results as
// JS values, does not link encoding/json.
package reportjson

import (
	"bytes"
	"encoding/json"
)

// JSON marshals v indented by two spaces, without HTML escaping, with a
// final newline.
func JSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
