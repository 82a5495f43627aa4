package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"umplay/wasm/callid"
	"umplay/wasm/doccheck"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// umplay runs the command line args in process with stdin.
func umplay(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and review the diff)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// The published examples (copied from ../shared/examples) and what the
// server must say about them.
var examples = []struct {
	name      string // short name in golden files
	file      string
	valid     bool
	errLines  []int // lines of the error diagnostics
	status    int
	faultCode string
	faultNS   string
	faultText string // part of the faultstring
}{
	{"en", "disconnect-docs-en.xml", true, nil, 200, "", "", ""},
	// Contract v2: ASMX skips the https:// element, the method gets no
	// CallId, and MS-OXWUMS 2.2.2.1 answers F2.
	{"pt-br", "disconnect-docs-pt-br.xml", false, []int{4}, 500, "ErrorInvalidRequest", soap.NSTypes,
		"The request is invalid."},
	{"exchange2007-archive", "disconnect-docs-exchange2007-archive.xml", false, []int{2}, 500, "VersionMismatch", soap.NSEnvelope,
		"Envelope namespace https://schemas.xmlsoap.org/soap/envelope/ was unexpected."},
}

const (
	docsGUID = "09df9edc-4e23-4709-bdaf-7be20cb0ae56"
	docsHost = "df-eum-01.exchange.corp.microsoft.com"
	docsID   = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="
)

func TestCheckExamples(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			path := filepath.Join("testdata", ex.file)
			wantCode := exitOK
			if !ex.valid {
				wantCode = exitFound
			}

			out, errOut, code := umplay(t, "", "check", path)
			if code != wantCode || errOut != "" {
				t.Fatalf("check %s = exit %d, stderr %q; want exit %d, no stderr", path, code, errOut, wantCode)
			}
			if ex.valid && out != "" {
				t.Errorf("check %s printed %q for a clean file, want nothing", path, out)
			}
			for _, line := range ex.errLines {
				if want := path + ":" + strconv.Itoa(line) + ":"; !hasLine(out, want, ": error: ") {
					t.Errorf("check %s: no error line starting %q in\n%s", path, want, out)
				}
			}
			golden(t, "check-"+ex.name+".txt", out)

			out, errOut, code = umplay(t, "", "check", "--json", path)
			if code != wantCode || errOut != "" {
				t.Fatalf("check --json %s = exit %d, stderr %q; want exit %d", path, code, errOut, wantCode)
			}
			golden(t, "check-"+ex.name+".json", out)

			var units []doccheck.Unit
			if err := json.Unmarshal([]byte(out), &units); err != nil {
				t.Fatalf("check --json %s: %v", path, err)
			}
			if len(units) != 1 || units[0].Response == nil {
				t.Fatalf("check --json %s = %d units, want one with a response", path, len(units))
			}
			r := units[0]
			if r.File != path || r.Valid != ex.valid || r.Kind != "request" || r.Block != nil {
				t.Errorf("file, valid, kind, block = %q, %v, %q, %v; want %q, %v, request, none", r.File, r.Valid, r.Kind, r.Block, path, ex.valid)
			}
			var errLines []int
			for _, d := range r.Diagnostics {
				if d.Severity == soap.Error {
					errLines = append(errLines, d.Line)
				}
			}
			if ex.errLines != nil && (len(errLines) == 0 || errLines[0] != ex.errLines[0]) {
				t.Errorf("error diagnostics on lines %v, want the first on line %d", errLines, ex.errLines[0])
			}
			if ex.valid && len(errLines) != 0 {
				t.Errorf("error diagnostics on lines %v, want none", errLines)
			}
			if r.Operation == nil || *r.Operation != soap.Disconnect {
				t.Errorf("operation = %v, want Disconnect", r.Operation)
			}
			if r.CallID == nil || r.CallID.GUID != docsGUID || r.CallID.Host != docsHost || r.CallID.Raw != docsID {
				t.Errorf("callId = %+v, want %s@%s", r.CallID, docsGUID, docsHost)
			}
			resp := *r.Response
			if resp.Status != ex.status {
				t.Errorf("response status = %d, want %d", resp.Status, ex.status)
			}
			switch {
			case ex.faultCode == "":
				if resp.Fault != nil || !strings.Contains(resp.Body, "<DisconnectResponse") {
					t.Errorf("response fault %+v, body\n%s\nwant a DisconnectResponse", resp.Fault, resp.Body)
				}
			case resp.Fault == nil:
				t.Errorf("response has no fault, want %s", ex.faultCode)
			default:
				if resp.Fault.Code != ex.faultCode || resp.Fault.Namespace != ex.faultNS ||
					!strings.Contains(resp.Fault.String, ex.faultText) {
					t.Errorf("fault = %+v, want soap:%s with %q", resp.Fault, ex.faultCode, ex.faultText)
				}
			}
			if got := resp.Headers["Content-Type"]; got != "text/xml; charset=utf-8" {
				t.Errorf("response Content-Type = %q, want text/xml; charset=utf-8", got)
			}

			out, errOut, code = umplay(t, "", "simulate", path)
			if code != exitOK || errOut != "" {
				t.Fatalf("simulate %s = exit %d, stderr %q; want 0", path, code, errOut)
			}
			if want := "HTTP/1.1 " + strconv.Itoa(ex.status) + " "; !strings.HasPrefix(out, want) {
				t.Errorf("simulate %s starts %q, want %q", path, firstLine(out), want)
			}
			if !strings.HasSuffix(out, resp.Body) {
				t.Errorf("simulate %s body differs from check --json's response body", path)
			}
			golden(t, "simulate-"+ex.name+".http", out)
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// hasLine tells whether some line of out starts with prefix and contains sub.
func hasLine(out, prefix, sub string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) && strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

const (
	en   = "testdata/disconnect-docs-en.xml"
	ptBR = "testdata/disconnect-docs-pt-br.xml"
)

func TestCheckFlags(t *testing.T) {
	enBody, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   []string // lines that must appear (as prefixes)
		noStdout bool
		stderr   string // part of stderr; "" = stderr empty
	}{
		{name: "clean", args: []string{"check", en}, code: 0, noStdout: true},
		{name: "no soapaction", args: []string{"check", "--no-soapaction", en}, code: 1,
			stdout: []string{en + ":4:6: error: "}},
		{name: "flag after file", args: []string{"check", en, "--no-soapaction"}, code: 1,
			stdout: []string{en + ":4:6: error: "}},
		{name: "soapaction value", args: []string{"check", "--soapaction", `"http://example.com/Nope"`, en}, code: 1,
			stdout: []string{en + ":"}},
		{name: "soapaction=value", args: []string{"check", "--soapaction=" + `"http://example.com/Nope"`, en}, code: 1,
			stdout: []string{en + ":"}},
		{name: "unquoted soapaction warns", args: []string{"check", "--soapaction", soap.Disconnect.Action(), en}, code: 0,
			stdout: []string{en + ":"}},
		{name: "correct soapaction", args: []string{"check", "--soapaction", soap.Disconnect.QuotedAction(), en}, code: 0,
			noStdout: true},
		{name: "stdin", stdin: strings.Replace(string(enBody), "http://schemas.microsoft.com/exchange/services/2006/messages", "urn:x", 1),
			args: []string{"check", "-"}, code: 1, stdout: []string{"<stdin>:4:"}},
		{name: "several files", args: []string{"check", en, ptBR}, code: 1, stdout: []string{ptBR + ":4:"}},
		{name: "missing file still checks the others", args: []string{"check", "testdata/nope.xml", ptBR}, code: 2,
			stdout: []string{ptBR + ":4:"}, stderr: "umplay: check: stat testdata/nope.xml: no such file"},
		{name: "missing file, clean other", args: []string{"check", en, "testdata/nope.xml"}, code: 2,
			noStdout: true, stderr: "nope.xml"},
		{name: "both soapaction flags", args: []string{"check", "--no-soapaction", "--soapaction", "x", en}, code: 2,
			noStdout: true, stderr: "exclude each other"},
		{name: "no file", args: []string{"check", "--json"}, code: 2, noStdout: true, stderr: "no PATH"},
		{name: "unknown flag", args: []string{"check", "--jsn", en}, code: 2, noStdout: true, stderr: "unknown flag --jsn"},
		{name: "soapaction without value", args: []string{"check", en, "--soapaction"}, code: 2, noStdout: true,
			stderr: "needs a value"},
		{name: "dash dash", args: []string{"check", "--", en}, code: 0, noStdout: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := umplay(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("umplay %q = exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.code, out, errOut)
			}
			if tt.noStdout && out != "" {
				t.Errorf("umplay %q printed %q, want nothing", tt.args, out)
			}
			for _, want := range tt.stdout {
				if !hasLine(out, want, "") {
					t.Errorf("umplay %q: no line starting %q in\n%s", tt.args, want, out)
				}
			}
			if tt.stderr == "" && errOut != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("umplay %q stderr = %q, want it to contain %q", tt.args, errOut, tt.stderr)
			}
		})
	}
}

// Text output is sorted by position and has the documented shape.
func TestCheckTextOrder(t *testing.T) {
	out, _, code := umplay(t, "", "check", "--no-soapaction", ptBR)
	if code != exitFound {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("want at least two diagnostics, got\n%s", out)
	}
	prev := [2]int{}
	for _, l := range lines {
		var line, col int
		rest, ok := strings.CutPrefix(l, ptBR+":")
		if !ok {
			t.Fatalf("line %q does not start with the file name", l)
		}
		parts := strings.SplitN(rest, ": ", 4)
		if len(parts) != 4 {
			t.Fatalf("line %q is not FILE:LINE:COL: SEVERITY: CODE: message", l)
		}
		if _, err := fmt.Sscanf(parts[0], "%d:%d", &line, &col); err != nil {
			t.Fatalf("line %q: position %q: %v", l, parts[0], err)
		}
		if p := [2]int{line, col}; p[0] < prev[0] || p[0] == prev[0] && p[1] < prev[1] {
			t.Errorf("line %q comes after position %v", l, prev)
		} else {
			prev = p
		}
		switch parts[1] {
		case "error", "warning", "info":
		default:
			t.Errorf("line %q: severity %q", l, parts[1])
		}
	}
}

func TestCheckJSONSeveral(t *testing.T) {
	out, _, code := umplay(t, "", "check", "--json", en, ptBR)
	if code != exitFound {
		t.Fatalf("exit %d, want 1", code)
	}
	var rs []report.Result
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("check --json of two files: %v\n%s", err, out)
	}
	if len(rs) != 2 || rs[0].File != en || rs[1].File != ptBR || !rs[0].Valid || rs[1].Valid {
		t.Errorf("check --json %s %s = %+v, want [valid en, invalid pt-br]", en, ptBR, rs)
	}

	// A request unit carries exactly what report.Check finds: what the page
	// shows.
	body, err := os.ReadFile(ptBR)
	if err != nil {
		t.Fatal(err)
	}
	out, _, _ = umplay(t, string(body), "check", "--json", "-")
	var units []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &units); err != nil || len(units) != 1 {
		t.Fatalf("check --json - = %v, %d units; want one\n%s", err, len(units), out)
	}
	want, err := json.Marshal(report.Check("<stdin>", string(body), soap.DefaultHead()))
	if err != nil {
		t.Fatal(err)
	}
	var wantFields map[string]json.RawMessage
	if err := json.Unmarshal(want, &wantFields); err != nil {
		t.Fatal(err)
	}
	for k, v := range wantFields {
		if got := units[0][k]; !jsonEqual(t, got, v) {
			t.Errorf("check --json - field %q = %s, want report.Check's %s", k, got, v)
		}
	}
	if got := string(units[0]["kind"]); got != `"request"` {
		t.Errorf("kind = %s, want \"request\"", got)
	}
}

// jsonEqual tells whether two JSON texts hold the same value.
func jsonEqual(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

func TestDecode(t *testing.T) {
	out, errOut, code := umplay(t, "", "decode", docsID)
	if code != exitOK || errOut != "" {
		t.Fatalf("decode = exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"Raw:      " + docsID, "Decoded:  " + docsGUID + "@" + docsHost,
		"GUID:     " + docsGUID + " (version 4, variant ", "Host:     " + docsHost} {
		if !hasLine(out, want, "") {
			t.Errorf("decode: no line %q in\n%s", want, out)
		}
	}
	golden(t, "decode-docs.txt", out)

	out, _, code = umplay(t, "", "decode", "--json", docsID)
	var r callid.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != exitOK {
		t.Fatalf("decode --json = exit %d, %v\n%s", code, err, out)
	}
	if r.GUID != docsGUID || r.Host != docsHost || !r.OK {
		t.Errorf("decode --json = %+v, want %s@%s ok", r, docsGUID, docsHost)
	}
	if out2, _, _ := umplay(t, "", "decode", docsID, "--json"); out2 != out {
		t.Errorf("decode CALLID --json differs from decode --json CALLID")
	}

	// Padding missing: an error, with a caret where the '=' goes.
	bad := strings.TrimSuffix(docsID, "=")
	out, _, code = umplay(t, "", "decode", bad)
	if code != exitFound {
		t.Errorf("decode %s = exit %d, want 1", bad, code)
	}
	if !hasLine(out, "error: base64-padding: ", "at offset 99") ||
		!strings.Contains(out, "\n  "+bad+"\n  "+strings.Repeat(" ", 99)+"^\n") {
		t.Errorf("decode %s: want the padding error with a caret at column 100, got\n%s", bad, out)
	}
	golden(t, "decode-no-padding.txt", out)

	// A URL-safe character in the middle: the caret is under it.
	urlSafe := docsID[:10] + "-" + docsID[11:]
	out, _, code = umplay(t, "", "decode", urlSafe)
	if code != exitFound || !strings.Contains(out, "\n  "+urlSafe+"\n            ^\n") {
		t.Errorf("decode %s = exit %d, want 1 and a caret under offset 10:\n%s", urlSafe, code, out)
	}

	for _, args := range [][]string{{"decode"}, {"decode", "a", "b"}, {"decode", "--bogus", "x"}} {
		if _, errOut, code := umplay(t, "", args...); code != exitUsage || !strings.Contains(errOut, "usage: umplay decode") {
			t.Errorf("umplay %q = exit %d, stderr %q; want 2 and the usage", args, code, errOut)
		}
	}
}

func TestCarets(t *testing.T) {
	tests := []struct {
		raw       string
		off, end  int
		want      string
		wantShown string
	}{
		{"abcd", 1, 3, " ^^", "abcd"},
		{"abcd", 4, 4, "    ^", "abcd"},
		{"a\tb", 1, 2, " ^", "a→b"},
		{"é=x", 2, 3, " ^", "é=x"}, // offsets are bytes, carets characters
		{"ab", 5, 9, "  ^", "ab"},
	}
	for _, tt := range tests {
		if got := carets(tt.raw, tt.off, tt.end); got != tt.want {
			t.Errorf("carets(%q, %d, %d) = %q, want %q", tt.raw, tt.off, tt.end, got, tt.want)
		}
		if got := visible(tt.raw); got != tt.wantShown {
			t.Errorf("visible(%q) = %q, want %q", tt.raw, got, tt.wantShown)
		}
	}
}

func TestBuild(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		op     soap.Operation
		callID string // CallId text the envelope must hold; "" = no check
		warn   string // the one diagnostic expected, a warning; "" = none
		status int
	}{
		{"call-id", []string{"--call-id", docsID}, soap.Disconnect, docsID, "", 200},
		{"guid host", []string{"--guid", docsGUID, "--host=" + docsHost}, soap.Disconnect, docsID, "", 200},
		// A fresh simulated server knows no call: InvalidCallIdException.
		{"getcallinfo", []string{"--op", "GetCallInfo", "--call-id", docsID}, soap.GetCallInfo, docsID, "", 500},
		{"prefix one line no decl", []string{"--call-id", docsID, "--prefix", "--no-decl", "--indent", "0"}, soap.Disconnect, docsID,
			"xml-declaration-missing", 200},
		{"playonphone", []string{"--op=PlayOnPhone", "--entry-id", "AAAAAA==", "--dial", "+14255550100"}, soap.PlayOnPhone, "", "", 200},
		{"playonphonegreeting", []string{"--op", "PlayOnPhoneGreeting", "--greeting", "OofCustom", "--dial", "+14255550100"},
			soap.PlayOnPhoneGreeting, "", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"build"}, tt.args...)
			out, errOut, code := umplay(t, "", args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("umplay %q = exit %d, stderr %q", args, code, errOut)
			}
			head := soap.Head{SOAPActionPresent: true, SOAPAction: tt.op.QuotedAction()}
			r := report.Check("", out, head)
			var codes []string
			for _, d := range r.Diagnostics {
				codes = append(codes, string(d.Severity)+":"+d.Code)
			}
			wantCodes := []string(nil)
			if tt.warn != "" {
				wantCodes = []string{"warning:" + tt.warn}
			}
			if !r.Valid || !slices.Equal(codes, wantCodes) || r.Response.Status != tt.status {
				t.Errorf("umplay %q =\n%s\nchecks with %v, status %d; want %v and %d", args, out, codes, r.Response.Status, wantCodes, tt.status)
			}
			if r.Operation == nil || *r.Operation != tt.op {
				t.Errorf("umplay %q: operation %v, want %s", args, r.Operation, tt.op)
			}
			if tt.callID != "" && (r.CallID == nil || r.CallID.Raw != tt.callID) {
				t.Errorf("umplay %q: CallId %+v, want %s", args, r.CallID, tt.callID)
			}
			oneLine := slices.Contains(tt.args, "0")
			if got := strings.Count(strings.TrimSuffix(out, "\n"), "\n"); oneLine != (got == 0) {
				t.Errorf("umplay %q has %d inner newlines:\n%s", args, got, out)
			}
			if hasDecl := strings.HasPrefix(out, "<?xml"); hasDecl == slices.Contains(tt.args, "--no-decl") {
				t.Errorf("umplay %q: XML declaration present = %v", args, hasDecl)
			}
			if prefixed := strings.Contains(out, "<m:"+string(tt.op)+" "); prefixed != slices.Contains(tt.args, "--prefix") {
				t.Errorf("umplay %q: prefixed operation = %v:\n%s", args, prefixed, out)
			}
		})
	}
	// With the defaults, build writes the English docs' sample byte for byte.
	enBody, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	if out, _, _ := umplay(t, "", "build", "--call-id", docsID); out != string(enBody) {
		t.Errorf("build --call-id %s =\n%s\nwant the docs' sample\n%s", docsID, out, enBody)
	}
}

func TestBuildNew(t *testing.T) {
	seen := map[string]bool{}
	for _, host := range []string{"", "um02.example.org"} {
		args := []string{"build", "--new"}
		if host != "" {
			args = append(args, "--host", host)
		}
		for range 2 {
			out, errOut, code := umplay(t, "", args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("umplay %q = exit %d, stderr %q", args, code, errOut)
			}
			r := report.Check("", out, soap.DefaultHead())
			if !r.Valid || len(r.Diagnostics) != 0 || r.CallID == nil || !r.CallID.OK {
				t.Fatalf("umplay %q =\n%s\nchecks with %+v", args, out, r.Diagnostics)
			}
			want := host
			if want == "" {
				want = "um01.contoso.com"
			}
			if r.CallID.Host != want || r.CallID.Version != 4 {
				t.Errorf("umplay %q: CallId %+v, want a v4 GUID at %s", args, r.CallID, want)
			}
			if seen[r.CallID.Raw] {
				t.Errorf("umplay %q gave %s twice", args, r.CallID.Raw)
			}
			seen[r.CallID.Raw] = true
		}
	}
}

func TestBuildUsage(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{}, "needs a CallId"},
		{[]string{"--call-id", docsID, "--new"}, "exclude each other"},
		{[]string{"--guid", docsGUID}, "--guid needs --host"},
		{[]string{"--call-id", docsID, "--host", docsHost}, "--host goes with"},
		{[]string{"--op", "Hangup", "--call-id", docsID}, `unknown operation "Hangup"`},
		{[]string{"--op", "PlayOnPhone", "--call-id", docsID}, "PlayOnPhone takes no --call-id"},
		{[]string{"--call-id", docsID, "--dial", "1"}, "Disconnect takes no --dial"},
		{[]string{"--call-id", docsID, "--indent", "x"}, `invalid value "x" for flag --indent`},
		{[]string{"--call-id", docsID, "--indent", "-1"}, "want 0 to 16"},
		{[]string{"--call-id", docsID, "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		args := append([]string{"build"}, tt.args...)
		out, errOut, code := umplay(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tt.stderr) || !strings.HasPrefix(errOut, "umplay: build: ") {
			t.Errorf("umplay %q = exit %d, stdout %q, stderr %q; want 2 and %q", args, code, out, errOut, tt.stderr)
		}
	}
}

func TestSimulate(t *testing.T) {
	out, _, code := umplay(t, "", "simulate", "--no-soapaction", en)
	if code != exitOK || !strings.HasPrefix(out, "HTTP/1.1 500 ") ||
		!strings.Contains(out, "Unable to handle request without a valid action parameter.") {
		t.Errorf("simulate --no-soapaction = exit %d\n%s\nwant 500 and the no-action fault", code, out)
	}
	if !strings.Contains(out, "\r\n\r\n") {
		t.Errorf("simulate output has no CRLF CRLF between head and body:\n%q", out)
	}
	out2, _, _ := umplay(t, "", "simulate", en, "--no-soapaction")
	if out2 != out {
		t.Errorf("simulate is not deterministic or ignores a flag after the file")
	}
	for _, args := range [][]string{{"simulate"}, {"simulate", en, ptBR}, {"simulate", "--soapaction", "x", "--no-soapaction", en}} {
		if _, errOut, code := umplay(t, "", args...); code != exitUsage || !strings.Contains(errOut, "usage: umplay simulate") {
			t.Errorf("umplay %q = exit %d, stderr %q; want 2 and the usage", args, code, errOut)
		}
	}
	if _, errOut, code := umplay(t, "", "simulate", "testdata/nope.xml"); code != exitUsage || !strings.HasPrefix(errOut, "umplay: simulate: ") {
		t.Errorf("simulate of a missing file = exit %d, stderr %q; want 2", code, errOut)
	}
}

func TestFmt(t *testing.T) {
	oneLine := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>` + docsID + `</CallId></Disconnect></soap:Body></soap:Envelope>`
	enBody, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := umplay(t, oneLine, "fmt", "-")
	if code != exitOK || errOut != "" || out != string(enBody) {
		t.Errorf("fmt - = exit %d, stderr %q,\n%s\nwant the docs' layout\n%s", code, errOut, out, enBody)
	}
	out, _, code = umplay(t, oneLine, "fmt", "--indent=4", "-")
	if code != exitOK || !strings.Contains(out, "\n        <Disconnect ") {
		t.Errorf("fmt --indent=4 = exit %d\n%s\nwant <Disconnect> indented 8 spaces", code, out)
	}
	out, _, code = umplay(t, string(enBody), "fmt", "-", "--indent", "0")
	if code != exitOK || strings.Count(out, "\n") != 2 {
		t.Errorf("fmt --indent 0 = exit %d\n%s\nwant the declaration and the root on one line each", code, out)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "req.xml")
	if err := os.WriteFile(path, []byte(oneLine), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := umplay(t, "", "fmt", "-w", path); code != exitOK || out != "" || errOut != "" {
		t.Errorf("fmt -w = exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != string(enBody) {
		t.Errorf("fmt -w wrote\n%s\nwant\n%s", got, enBody)
	}

	broken := "<a>\n  <b>\n</a>\n"
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = umplay(t, "", "fmt", "-w", path)
	if code != exitFound || out != "" || !strings.HasPrefix(errOut, "umplay: fmt: "+path+":3:") {
		t.Errorf("fmt -w of broken XML = exit %d, stdout %q, stderr %q; want 1 and %s:3:COL", code, out, errOut, path)
	}
	if got, _ := os.ReadFile(path); string(got) != broken {
		t.Errorf("fmt -w changed a file that is not well-formed:\n%s", got)
	}

	for _, args := range [][]string{{"fmt"}, {"fmt", "-w", "-"}, {"fmt", "--indent", "-2", en}, {"fmt", en, ptBR}} {
		if _, errOut, code := umplay(t, "", args...); code != exitUsage || !strings.Contains(errOut, "usage: umplay fmt") {
			t.Errorf("umplay %q = exit %d, stderr %q; want 2 and the usage", args, code, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	out, errOut, code := umplay(t, "", "help")
	if code != exitOK || errOut != "" {
		t.Fatalf("help = exit %d, stderr %q", code, errOut)
	}
	for _, c := range commands {
		if !strings.Contains(out, "\n  "+c.name+" ") {
			t.Errorf("help does not list %s:\n%s", c.name, out)
		}
	}
	for _, args := range [][]string{{"-h"}, {"--help"}} {
		if got, _, code := umplay(t, "", args...); got != out || code != exitOK {
			t.Errorf("umplay %q = exit %d, differs from umplay help", args, code)
		}
	}
	for _, c := range commands {
		got, errOut, code := umplay(t, "", "help", c.name)
		if code != exitOK || errOut != "" || !strings.HasPrefix(got, "usage: umplay "+c.name) {
			t.Errorf("help %s = exit %d, stderr %q, stdout\n%s", c.name, code, errOut, got)
		}
		if c == serveCmd || c == helpCmd {
			continue
		}
		for _, h := range []string{"-h", "--help"} {
			if again, _, code := umplay(t, "", c.name, h); again != got || code != exitOK {
				t.Errorf("umplay %s %s = exit %d, differs from umplay help %s", c.name, h, code, c.name)
			}
		}
	}
	// The help of check documents every flag it parses.
	got, _, _ := umplay(t, "", "help", "check")
	for _, f := range []string{"--json", "--soapaction VALUE", "--no-soapaction", "<stdin>", "FILE:LINE:COL: SEVERITY: CODE: message"} {
		if !strings.Contains(got, f) {
			t.Errorf("help check does not mention %q", f)
		}
	}

	for _, args := range [][]string{{}, {"frobnicate"}, {"help", "frobnicate"}, {"help", "a", "b"}} {
		out, errOut, code := umplay(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "usage: umplay") {
			t.Errorf("umplay %q = exit %d, stdout %q, stderr %q; want 2 and the usage on stderr", args, code, out, errOut)
		}
	}
	if _, errOut, _ := umplay(t, "", "frobnicate"); !strings.HasPrefix(errOut, `umplay: unknown command "frobnicate"`) {
		t.Errorf("unknown command: stderr %q", errOut)
	}
}

func TestServeDispatch(t *testing.T) {
	// serve's own flag errors come back through run: it was dispatched.
	_, errOut, code := umplay(t, "", "serve", "--no-such-flag")
	if code != exitUsage || !strings.Contains(errOut, "umplay serve") {
		t.Errorf("serve --no-such-flag = exit %d, stderr %q; want 2 from cmdServe", code, errOut)
	}
	out, _, code := umplay(t, "", "serve", "-h")
	if code != exitOK || out != serveUsage {
		t.Errorf("serve -h = exit %d\n%s\nwant cmdServe's usage", code, out)
	}
}

func TestVersion(t *testing.T) {
	out, errOut, code := umplay(t, "", "version")
	if code != exitOK || errOut != "" || !strings.HasPrefix(out, "umplay ") || !strings.Contains(out, " go1.") {
		t.Errorf("version = exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, _, code := umplay(t, "", "version", "x"); code != exitUsage {
		t.Errorf("version x = exit %d, want 2", code)
	}
}
