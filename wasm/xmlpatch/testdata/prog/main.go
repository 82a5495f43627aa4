// Command prog prints the encoding/xml Decoder errors that package
// xmlpatch rewrites; its test runs it with and without the overlay and
// wants the same output.
package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
)

var errCharset = errors.New("no such charset here")

func main() {
	for _, in := range []string{
		`<?xml version="1.1"?><a/>`,
		`<?xml version="1.0" encoding="latin9"?><a/>`,
		`<?xml version="1.0" encoding="x-\"odd\"\u00e9"?><a/>`,
		`<?xml version="1.0" encoding="windows-1252"?><a/>`, // with a CharsetReader that fails
		"<a>\x01</a>",
		"<a>\x1f</a>",
		"<a>\uFFFE</a>",
		"<a>\uFFFF</a>",
		"<a>ok</a>",
	} {
		d := xml.NewDecoder(strings.NewReader(in))
		if strings.Contains(in, "windows-1252") {
			d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errCharset }
		}
		var err error
		for err == nil {
			_, err = d.RawToken()
		}
		os.Stdout.WriteString(strconv.Quote(in) + " -> " + strconv.Quote(err.Error()) +
			" wraps the charset error: " + strconv.FormatBool(errors.Is(err, errCharset)) + "\n")
	}
}
