package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"umplay/wasm/callid"
	"umplay/wasm/report/reportjson"
)

var decodeCmd = &command{
	name:    "decode",
	summary: "decode and check a CallId",
	usage:   "decode [--json] CALLID",
	help: `Decode decodes CALLID the way the server does (.NET Convert.FromBase64String:
whitespace skipped, padding required, no URL-safe alphabet) and prints

	Raw:      the CallId as given
	Decoded:  the decoded text, <GUID>@<host>
	GUID:     the GUID (version N, variant V)
	Host:     the UM server's host name

("-" when the part is not there), then each problem: its severity, code,
byte offset in the raw CallId and message, and the raw CallId again with
carets under the characters it is about. Control characters in the raw
CallId are shown as one visible character each (tab →, line feed ↵,
carriage return ␍, any other ·).

	--json  print the decoded CallId as JSON instead: raw, decoded, guid,
	        version, variant, host, ok, problems (each code, severity,
	        offset, end, message)

Exit status: 0 when the server would accept the CallId (warnings allowed),
1 when it would answer InvalidCallIdException, 2 for usage errors.`,
}

func init() { decodeCmd.run = runDecode }

func runDecode(e *env, args []string) int {
	fs := newFlags("decode")
	asJSON := fs.Bool("json", false, "")
	rest, err := parse(fs, args)
	if err != nil {
		return e.usageError(decodeCmd, "decode: %v", err)
	}
	if len(rest) != 1 {
		return e.usageError(decodeCmd, "decode: want exactly one CALLID, got %d", len(rest))
	}
	r := callid.Decode(rest[0])
	if *asJSON {
		b, err := reportjson.JSON(r)
		if err != nil {
			return e.errorf("decode: %v", err)
		}
		e.stdout.Write(b)
	} else {
		printCallID(e, r)
	}
	if !r.OK {
		return exitFound
	}
	return exitOK
}

// printCallID prints r as the human-readable lines decode's help describes.
func printCallID(e *env, r callid.Result) {
	w := e.stdout
	raw := visible(r.Raw)
	fmt.Fprintf(w, "Raw:      %s\n", raw)
	fmt.Fprintf(w, "Decoded:  %s\n", orDash(r.Decoded))
	if r.GUID != "" {
		fmt.Fprintf(w, "GUID:     %s (version %d, variant %s)\n", r.GUID, r.Version, r.Variant)
	} else {
		fmt.Fprintf(w, "GUID:     -\n")
	}
	fmt.Fprintf(w, "Host:     %s\n", orDash(r.Host))
	for _, p := range r.Problems {
		fmt.Fprintf(w, "%s: %s: %s\n", p.Severity, p.Code, p.Text(e.lang)) // the message names the offset
		fmt.Fprintf(w, "  %s\n  %s\n", raw, carets(r.Raw, p.Offset, p.End))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// visible replaces each control character of s by one visible character, so
// that s stays on one line and carets under it line up.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return '→'
		case r == '\n':
			return '↵'
		case r == '\r':
			return '␍'
		case r < 0x20 || r == 0x7f:
			return '·'
		}
		return r
	}, s)
}

// carets marks the byte range [off, end) of raw with carets, one per
// character; an empty range (where something is missing) gets one caret at
// off.
func carets(raw string, off, end int) string {
	off = min(max(off, 0), len(raw))
	end = min(max(end, off), len(raw))
	n := max(utf8.RuneCountInString(raw[off:end]), 1)
	return strings.Repeat(" ", utf8.RuneCountInString(raw[:off])) + strings.Repeat("^", n)
}
