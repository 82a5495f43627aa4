package export

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"umplay/wasm/msg"
)

// pasteSafe tells whether a textual body can be pasted into a terminal or a
// script as it is: no control character but tab and LF (a terminal turns a
// pasted CR into a line end, and other controls are keystrokes).
func pasteSafe(s string) bool {
	if !textual(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t' && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

// base64Lines is the body's base64, 76 characters a line.
func base64Lines(s string) []string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var out []string
	for len(enc) > 76 {
		out = append(out, enc[:76])
		enc = enc[76:]
	}
	return append(out, enc)
}

// ---- curl ----

// shq quotes s for a POSIX shell: in single quotes, each quote closed,
// escaped with a backslash and reopened.
func shq(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func curl(t *target) string {
	var b strings.Builder
	b.WriteString("# POSIX shell (sh, bash, zsh). The body (" + describeBody(t.Body) + ") reaches curl\n")
	if pasteSafe(t.Body) {
		b.WriteString("# byte for byte: printf '%s' writes the single-quoted text as it is, with no\n")
		b.WriteString("# newline added, and --data-binary @- sends standard input unchanged.\n")
		b.WriteString("# -i prints the status line, the headers and the body, a fault's too.\n")
		b.WriteString(noAction(t, "# "))
		b.WriteString("printf '%s' " + shq(t.Body) + " |\n")
	} else {
		b.WriteString("# byte for byte as base64 (it holds bytes a terminal or a shell string cannot\n")
		b.WriteString("# carry), decoded into --data-binary @-, which sends standard input unchanged.\n")
		b.WriteString("# -i prints the status line, the headers and the body, a fault's too.\n")
		b.WriteString(noAction(t, "# "))
		b.WriteString("printf '%s' \\\n")
		for _, l := range base64Lines(t.Body) {
			b.WriteString("  '" + l + "' \\\n")
		}
		b.WriteString("  | base64 -d |\n")
	}
	b.WriteString("  curl -sS -i --globoff --data-binary @- \\\n")
	for _, h := range t.headers() {
		if h[1] == "" {
			// curl sends "Name:" with an empty value only when written "Name;".
			b.WriteString("    -H " + shq(h[0]+";") + " \\\n")
			continue
		}
		b.WriteString("    -H " + shq(h[0]+": "+h[1]) + " \\\n")
	}
	b.WriteString("    " + shq(t.URL) + "\n")
	return b.String()
}

// noAction is the comment line saying that no SOAPAction is sent, or "".
func noAction(t *target, comment string) string {
	if t.SOAPActionPresent {
		return ""
	}
	return comment + "No SOAPAction header is sent, as asked.\n"
}

// ---- PowerShell ----

// psq quotes s as a PowerShell single-quoted string. PowerShell also takes
// the typographic single quotes for quote characters, so those are doubled
// too.
func psq(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		if isPSQuote(r) {
			b.WriteRune(r)
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
	return b.String()
}

func isPSQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201a' || r == '\u201b'
}

// hereStringSafe tells whether a here-string @'…'@ can hold s: no line
// starts (after blanks) with a quote character followed by @, which would
// end it.
func hereStringSafe(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimLeft(strings.TrimSuffix(l, "\r"), " \t")
		r, n := utf8.DecodeRuneInString(l)
		if isPSQuote(r) && strings.HasPrefix(l[n:], "@") {
			return false
		}
	}
	return true
}

// lineEnds says how s ends its lines: "lf", "crlf", "" (one line, no CR),
// or "mixed" (a CR that is not part of a CRLF everywhere).
func lineEnds(s string) string {
	lf := strings.Count(s, "\n")
	cr := strings.Count(s, "\r")
	crlf := strings.Count(s, "\r\n")
	switch {
	case cr == 0 && lf == 0:
		return ""
	case cr == 0:
		return "lf"
	case cr == crlf && crlf == lf:
		return "crlf"
	}
	return "mixed"
}

func powershell(t *target) string {
	var b strings.Builder
	ends := lineEnds(t.Body)
	here := t.Body != "" && textual(t.Body) && hereStringSafe(t.Body) && ends != "mixed" &&
		pasteSafe(strings.ReplaceAll(t.Body, "\r\n", "\n"))
	b.WriteString("# PowerShell 7, or Windows PowerShell 5.1. The body (" + describeBody(t.Body) + ")\n")
	if here {
		b.WriteString("# is a single-quoted here-string, so nothing in it is expanded, and it is sent\n")
		b.WriteString("# as UTF-8 bytes (a string -Body would go out as ISO-8859-1 in 5.1).\n")
		if !isASCII(t.Body) {
			b.WriteString("# Save the script as UTF-8 with a BOM: Windows PowerShell 5.1 reads a script\n")
			b.WriteString("# without one as ANSI and would change the non-ASCII text.\n")
		}
	} else if t.Body == "" {
		b.WriteString("# is empty.\n")
	} else {
		b.WriteString("# travels as base64, decoded to the exact bytes (a here-string could not hold\n")
		b.WriteString("# it: a line starting with '@, a lone CR, or bytes that are not text).\n")
	}
	b.WriteString("$ErrorActionPreference = 'Stop'\n")
	b.WriteString("$uri = " + psq(t.URL) + "\n")
	if t.SOAPActionPresent {
		b.WriteString("$headers = @{ 'SOAPAction' = " + psq(t.SOAPAction) + " }\n")
	} else {
		b.WriteString("$headers = @{}  # no SOAPAction header, as asked\n")
	}
	switch {
	case here:
		b.WriteString("$body = @'\n")
		lf := strings.ReplaceAll(t.Body, "\r\n", "\n")
		b.WriteString(lf)
		b.WriteString("\n'@\n")
		// The here-string's line ends are the script file's: make them the
		// body's again.
		norm := ".Replace(\"`r`n\", \"`n\")"
		if ends == "crlf" {
			norm += ".Replace(\"`n\", \"`r`n\")"
		}
		if ends == "" {
			norm = ""
		} else {
			b.WriteString("# A here-string takes the script file's line ends: make them the body's (" + strings.ToUpper(ends) + ").\n")
		}
		b.WriteString("$bytes = [System.Text.Encoding]::UTF8.GetBytes($body" + norm + ")\n")
	case t.Body == "":
		b.WriteString("$bytes = [byte[]]@()\n")
	default:
		b.WriteString("$bytes = [System.Convert]::FromBase64String(\n")
		ls := base64Lines(t.Body)
		for i, l := range ls {
			sep := " +\n"
			if i == len(ls)-1 {
				sep = ")\n"
			}
			b.WriteString("  '" + l + "'" + sep)
		}
	}
	b.WriteString(`$params = @{
  Uri = $uri
  Method = 'Post'
  Headers = $headers
  ContentType = '` + ContentType + `'
  Body = $bytes
  UseBasicParsing = $true
}
# PowerShell 7 hands back a 4xx/5xx answer like any other; 5.1 throws, and the
# SOAP fault is read from the error's response.
if ($PSVersionTable.PSVersion.Major -ge 7) { $params.SkipHttpErrorCheck = $true }
try {
  $response = Invoke-WebRequest @params
  $status = [int]$response.StatusCode
  $reason = $response.StatusDescription
  $text = $response.Content
} catch [System.Net.WebException] {
  $r = $_.Exception.Response
  if ($null -eq $r) { throw }
  $status = [int]$r.StatusCode
  $reason = $r.StatusDescription
  $stream = $r.GetResponseStream()
  if ($stream.CanSeek) { $stream.Position = 0 }
  $text = (New-Object System.IO.StreamReader($stream, [System.Text.Encoding]::UTF8)).ReadToEnd()
}
"HTTP $status $reason"
$text
`)
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ---- C# ----

// csq quotes s as a C# regular string literal: printable characters as
// they are, the rest escaped (\u, never the variable-length \x).
func csq(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		default:
			switch {
			case r < 0x80 && r >= ' ' && r != 0x7f:
				b.WriteRune(r)
			case r >= 0x80 && strconv.IsPrint(r):
				b.WriteRune(r)
			case r > 0xffff:
				b.WriteString(`\U` + msg.Hex(r, 8, true))
			default:
				b.WriteString(`\u` + msg.Hex(r, 4, true))
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func csharp(t *target) string {
	var b strings.Builder
	b.WriteString("// A C# 9 top-level program (.NET 5 or later): `dotnet new console`, then put\n")
	b.WriteString("// this in Program.cs and `dotnet run`. The body (" + describeBody(t.Body) + ") is\n")
	if textual(t.Body) {
		b.WriteString("// an escaped string literal (no verbatim string, whose line ends would be the\n")
		b.WriteString("// source file's), sent as UTF-8 bytes without a BOM.\n")
	} else {
		b.WriteString("// base64 of bytes that are not UTF-8 text, decoded and sent as they are.\n")
	}
	b.WriteString("using System;\nusing System.Net.Http;\nusing System.Text;\n\n")
	b.WriteString("var url = " + csq(t.URL) + ";\n")
	if textual(t.Body) {
		b.WriteString("var body =")
		ls := lines(t.Body)
		if len(ls) == 0 {
			b.WriteString(" \"\"")
		}
		for i, l := range ls {
			if i > 0 {
				b.WriteString(" +")
			}
			b.WriteString("\n    " + csq(l))
		}
		b.WriteString(";\n")
		b.WriteString("var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));\n")
	} else {
		b.WriteString("var bytes = Convert.FromBase64String(")
		for i, l := range base64Lines(t.Body) {
			if i > 0 {
				b.WriteString(" +")
			}
			b.WriteString("\n    \"" + l + "\"")
		}
		b.WriteString(");\n")
		b.WriteString("var content = new ByteArrayContent(bytes);\n")
	}
	b.WriteString("// TryAddWithoutValidation: new MediaTypeHeaderValue(\"text/xml; charset=utf-8\")\n")
	b.WriteString("// throws, and the SOAPAction value goes out exactly as written.\n")
	b.WriteString("content.Headers.TryAddWithoutValidation(\"Content-Type\", " + csq(ContentType) + ");\n")
	b.WriteString("using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };\n")
	if t.SOAPActionPresent {
		b.WriteString("request.Headers.TryAddWithoutValidation(\"SOAPAction\", " + csq(t.SOAPAction) + ");\n")
	} else {
		b.WriteString("// No SOAPAction header, as asked.\n")
	}
	b.WriteString(`using var client = new HttpClient();
using var response = await client.SendAsync(request);
// No EnsureSuccessStatusCode: a 500's body is the SOAP fault, read it too.
var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
Console.WriteLine((int)response.StatusCode + " " + response.ReasonPhrase);
Console.WriteLine(text);
`)
	return b.String()
}

// ---- Go ----

// rawOK tells whether s can be a Go raw string literal as it is: no
// backtick, no CR (dropped from raw strings), valid UTF-8 without NUL or
// BOM (not allowed in Go source).
func rawOK(s string) bool {
	return textual(s) && !strings.ContainsAny(s, "`\r\ufeff")
}

func goCode(t *target) string {
	var b strings.Builder
	b.WriteString("// A complete program: save it as main.go and `go run main.go`. The body\n")
	b.WriteString("// (" + describeBody(t.Body) + ") is sent byte for byte; the status and the body\n")
	b.WriteString("// are printed whatever the status, so a fault is shown.\n")
	b.WriteString(`package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

`)
	b.WriteString("const endpoint = " + strconv.Quote(t.URL) + "\n\n")
	switch ls := lines(t.Body); {
	case rawOK(t.Body):
		b.WriteString("const body = `" + t.Body + "`\n")
	case len(ls) == 0:
		b.WriteString("const body = \"\"\n")
	default:
		b.WriteString("const body = ")
		for i, l := range ls {
			if i > 0 {
				b.WriteString(" +\n\t")
			}
			b.WriteString(strconv.Quote(l))
		}
		b.WriteString("\n")
	}
	b.WriteString(`
func main() {
	req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Set directly, not with Header.Set, so that the names go out as written.
	req.Header["Content-Type"] = []string{` + strconv.Quote(ContentType) + `}
`)
	if t.SOAPActionPresent {
		b.WriteString("\treq.Header[\"SOAPAction\"] = []string{" + strconv.Quote(t.SOAPAction) + "}\n")
	} else {
		b.WriteString("\t// No SOAPAction header, as asked.\n")
	}
	b.WriteString(`	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(resp.Proto, resp.Status)
	os.Stdout.Write(answer)
}
`)
	return b.String()
}

// ---- Python ----

// pyq quotes s as a Python 3 str literal: printable characters as they
// are, the rest escaped.
func pyq(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			switch {
			case r < 0x80 && r >= ' ' && r != 0x7f:
				b.WriteRune(r)
			case r >= 0x80 && strconv.IsPrint(r):
				b.WriteRune(r)
			case r < 0x100:
				b.WriteString(`\x` + msg.Hex(r, 2, false))
			case r > 0xffff:
				b.WriteString(`\U` + msg.Hex(r, 8, false))
			default:
				b.WriteString(`\u` + msg.Hex(r, 4, false))
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// pybq quotes s as a Python bytes literal: printable ASCII as it is, every
// other byte as \xhh.
func pybq(s string) string {
	var b strings.Builder
	b.WriteString("b'")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\'':
			b.WriteString(`\'`)
		case c == '\n':
			b.WriteString(`\n`)
		case c >= ' ' && c < 0x7f:
			b.WriteByte(c)
		default:
			b.WriteString(`\x` + msg.Hex(rune(c), 2, false))
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// pythonBody writes "body = …" for the Python snippets: a str literal
// encoded to UTF-8, or a bytes literal when the body is not UTF-8 text.
func pythonBody(b *strings.Builder, s string) {
	ls := lines(s)
	if len(ls) == 0 {
		b.WriteString("body = b''\n")
		return
	}
	text := textual(s)
	b.WriteString("body = (\n")
	for _, l := range ls {
		if text {
			b.WriteString("    " + pyq(l) + "\n")
		} else {
			b.WriteString("    " + pybq(l) + "\n")
		}
	}
	if text {
		b.WriteString(").encode('utf-8')\n")
	} else {
		b.WriteString(")\n")
	}
}

func pythonHeaders(b *strings.Builder, t *target) {
	b.WriteString("headers = {\n")
	for _, h := range t.headers() {
		b.WriteString("    " + pyq(h[0]) + ": " + pyq(h[1]) + ",\n")
	}
	if !t.SOAPActionPresent {
		b.WriteString("    # no SOAPAction header, as asked\n")
	}
	b.WriteString("}\n")
}

func python(t *target) string {
	var b strings.Builder
	b.WriteString("# Python 3, standard library only. The body (" + describeBody(t.Body) + ") is sent as\n")
	b.WriteString("# bytes, exactly. urlopen raises HTTPError for a 4xx/5xx answer; its body is\n")
	b.WriteString("# the SOAP fault, read there.\n")
	b.WriteString("import sys\nimport urllib.error\nimport urllib.request\n\n")
	b.WriteString("url = " + pyq(t.URL) + "\n")
	pythonBody(&b, t.Body)
	pythonHeaders(&b, t)
	b.WriteString(`request = urllib.request.Request(url, data=body, headers=headers, method='POST')
try:
    with urllib.request.urlopen(request) as response:
        status, reason, answer = response.status, response.reason, response.read()
except urllib.error.HTTPError as error:
    status, reason, answer = error.code, error.reason, error.read()
print(status, reason, flush=True)
sys.stdout.buffer.write(answer)
`)
	return b.String()
}

func pythonRequests(t *target) string {
	var b strings.Builder
	b.WriteString("# Python 3 with requests (pip install requests). The body (" + describeBody(t.Body) + ")\n")
	b.WriteString("# is passed as bytes: a str would be encoded as ISO-8859-1 by http.client.\n")
	b.WriteString("# requests does not raise for a 4xx/5xx answer; its body is the SOAP fault.\n")
	b.WriteString("import sys\n\nimport requests\n\n")
	b.WriteString("url = " + pyq(t.URL) + "\n")
	pythonBody(&b, t.Body)
	pythonHeaders(&b, t)
	b.WriteString(`response = requests.post(url, data=body, headers=headers)
print(response.status_code, response.reason, flush=True)
sys.stdout.buffer.write(response.content)
`)
	return b.String()
}

// ---- raw HTTP ----

func rawHTTP(t *target) string {
	var b strings.Builder
	b.WriteString("POST " + t.RequestURI + " HTTP/1.1\r\n")
	b.WriteString("Host: " + t.Host + "\r\n")
	for _, h := range t.headers() {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	b.WriteString("Content-Length: " + strconv.Itoa(len(t.Body)) + "\r\n")
	b.WriteString("\r\n")
	b.WriteString(t.Body)
	return b.String()
}
