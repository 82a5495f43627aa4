package callid

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The three CallIds published in the documentation (umws-protocol.md §7).
var published = []struct {
	name, in, guid, host string
}{
	{"Disconnect and GetCallInfo request examples",
		"MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=",
		"09df9edc-4e23-4709-bdaf-7be20cb0ae56", "df-eum-01.exchange.corp.microsoft.com"},
	{"PlayOnPhone response",
		"NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=",
		"413b136c-e16f-452e-b7c7-48d117017b9f", "df-eum-01.exchange.corp.microsoft.com"},
	{"PlayOnPhoneGreeting response",
		"MjA4MTQ5MmItMTBmZC00ZGFmLThiMzEtNDllNDJjM2Y3MjIxQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=",
		"2081492b-10fd-4daf-8b31-49e42c3f7221", "df-eum-01.exchange.corp.microsoft.com"},
}

// docID is the CallId of the Disconnect documentation example.
var docID = published[0].in

const docGUID = "09df9edc-4e23-4709-bdaf-7be20cb0ae56"

// enc is base64 as the standard library writes it, so that the tables can
// say what a CallId holds.
func enc(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestDecodePublished(t *testing.T) {
	for _, tt := range published {
		t.Run(tt.name, func(t *testing.T) {
			got := Decode(tt.in)
			want := Result{
				Raw:      tt.in,
				Decoded:  tt.guid + "@" + tt.host,
				GUID:     tt.guid,
				Version:  4,
				Variant:  "RFC 4122",
				Host:     tt.host,
				OK:       true,
				Problems: []Problem{},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Decode(%q) = %+v, want %+v", tt.in, got, want)
			}
		})
	}
}

// p is a wanted problem; msg, when set, must occur in the message.
type p struct {
	code     string
	severity string
	off, end int
	msg      string
}

func (w p) String() string { return fmt.Sprintf("%s/%s[%d,%d)", w.code, w.severity, w.off, w.end) }

func got(ps []Problem) []p {
	out := make([]p, len(ps))
	for i, pr := range ps {
		out[i] = p{code: pr.Code, severity: pr.Severity, off: pr.Offset, end: pr.End}
	}
	return out
}

func TestDecodeProblems(t *testing.T) {
	long := strings.Repeat("a", 64)
	tests := []struct {
		name string
		in   string
		want []p
	}{
		{"empty", "", []p{{CodeEmpty, Error, 0, 0, "empty"}}},
		{"only whitespace", " \t\r\n", []p{{CodeEmpty, Error, 0, 4, `" \t\r\n"`}}},

		{"whitespace around and inside", " " + docID[:50] + "\r\n" + docID[50:] + "\t", []p{
			{CodeWhitespace, Warning, 0, 1, "before"},
			{CodeWhitespace, Warning, 51, 53, `"\r\n" inside the CallId at offset 51`},
			{CodeWhitespace, Warning, 103, 104, "after"},
		}},

		{"foreign character", "MDlk*GZj", []p{{CodeBase64Char, Error, 4, 5, `"*" at offset 4`}}},
		{"multi-byte character covers its bytes", "MDlk\u00e9GZj", []p{{CodeBase64Char, Error, 4, 6, `"é" at offset 4`}}},
		{"non-breaking space", "MDlk\u00a0GZj", []p{{CodeBase64Char, Error, 4, 6, "whitespace the server does not skip"}}},
		{"invalid UTF-8", "MDlk\xffGZj", []p{{CodeBase64Char, Error, 4, 5, `"\xff" at offset 4 is not valid UTF-8`}}},
		{"URL-safe '-'", "QUF-", []p{{CodeBase64Char, Error, 3, 4, `"-" at offset 3 is from the URL-safe base64 alphabet; .NET wants the standard one: write "+"`}}},
		{"URL-safe '_' and missing padding", "_w", []p{
			{CodeBase64Char, Error, 0, 1, `write "/"`},
			{CodeBase64Padding, Error, 2, 2, "add =="},
		}},
		{"foreign character hides the length", "QUF!B", []p{{CodeBase64Char, Error, 3, 4, ""}}},

		{"missing padding", strings.TrimSuffix(docID, "="), []p{{CodeBase64Padding, Error, 99, 99, "add = at offset 99"}}},
		{"missing padding before trailing whitespace", strings.TrimSuffix(docID, "=") + "\n", []p{
			{CodeBase64Padding, Error, 99, 99, "add = at offset 99"},
			{CodeWhitespace, Warning, 99, 100, ""},
		}},
		{"two '=' missing", "QQ", []p{{CodeBase64Padding, Error, 2, 2, "add == at offset 2"}}},
		{"one of two '=' missing", "QQ=", []p{{CodeBase64Padding, Error, 3, 3, "add = at offset 3"}}},
		{"padding after whitespace", "QQ\n=", []p{
			{CodeWhitespace, Warning, 2, 3, ""},
			{CodeBase64Padding, Error, 4, 4, "add = at offset 4"},
		}},

		{"4n+1 characters", "QUFBQ", []p{{CodeBase64Length, Error, 4, 5, "5 base64 characters"}}},
		{"'=' in the middle", "QQ==QQ==", []p{
			{CodeBase64Length, Error, 2, 4, `"==" at offset 2 is in the middle`},
			{CodeBase64Length, Error, 6, 8, "remove 2 '='"},
		}},
		{"three '='", "QQ===", []p{{CodeBase64Length, Error, 4, 5, "remove 1 '='"}}},
		{"'=' not needed", "QUFB=", []p{{CodeBase64Length, Error, 4, 5, "need 0; remove 1 '='"}}},
		{"only padding", "==", []p{{CodeBase64Length, Error, 0, 2, "only '=' padding"}}},

		// Decoded byte 49 (\x01) is carried by characters 65 and 66.
		{"control byte in host", "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leAFhbXBsZS5jb20=", []p{
			{CodeNotASCII, Error, 65, 67, `"\x01" at decoded offset 49`},
		}},
		{"binary", "/+7dzLuqmYh3ZlVEMyIRAA==", []p{
			{CodeNotASCII, Error, 0, 11, `"\xff\xee\xdd`},
			{CodeFormat, Error, 0, 22, "no '@'"},
			{CodeNotASCII, Error, 18, 22, `"\x11\x00" at decoded offset 14`},
		}},

		{"no '@'", enc("hello"), []p{{CodeFormat, Error, 0, 7, `"hello" has no '@'`}}},
		{"bare GUID", enc(docGUID), []p{{CodeFormat, Error, 0, 48, "bare GUID"}}},
		// The second '@' is decoded byte 40: characters 53 and 54.
		{"two '@'", enc(docGUID + "@a.b@c.d"), []p{{CodeFormat, Error, 53, 55, "2 '@'"}}},
		{"nothing before '@'", enc("@um.contoso.com"), []p{{CodeFormat, Error, 0, 2, "GUID is missing"}}},
		{"nothing after '@'", enc(docGUID + "@"), []p{{CodeFormat, Error, 48, 50, "server name is missing"}}},
		{"space in host", enc(docGUID + "@um 1.contoso.com"), []p{{CodeFormat, Error, 52, 54, "contains a space"}}},

		{"GUID too short", enc("09df9edc@um.contoso.com"), []p{{CodeGUID, Error, 0, 11, "8 characters long"}}},
		{"GUID with a bad digit", enc("09df9edc-4e23-4709-bdaf-7be20cb0ae5g@um.contoso.com"), []p{
			{CodeGUID, Error, 0, 48, `"g" at character 36`},
		}},
		{"GUID with a misplaced hyphen", enc("09df9edc4-e23-4709-bdaf-7be20cb0ae56@um.contoso.com"), []p{
			{CodeGUID, Error, 0, 48, `"4" at character 9 where '-' belongs`},
		}},
		{"GUID in braces", enc("{" + docGUID + "}@um.contoso.com"), []p{{CodeGUID, Error, 0, 51, `use "` + docGUID + `"`}}},
		{"GUID without hyphens", enc("09DF9EDC4E234709BDAF7BE20CB0AE56@um.contoso.com"), []p{
			{CodeGUID, Error, 0, 43, `"` + docGUID + `"`},
		}},

		// Decoded byte 14 (version) is characters 18-19, byte 19 (variant) 25-26.
		{"GUID version 1", enc("09df9edc-4e23-1709-bdaf-7be20cb0ae56@um.contoso.com"), []p{
			{CodeGUIDVersion, Warning, 18, 20, "version 1, variant RFC 4122"},
		}},
		{"GUID Microsoft variant", enc("09df9edc-4e23-4709-cdaf-7be20cb0ae56@um.contoso.com"), []p{
			{CodeGUIDVersion, Warning, 25, 27, "version 4, variant Microsoft (reserved)"},
		}},
		{"GUID nil", enc("00000000-0000-0000-0000-000000000000@um.contoso.com"), []p{
			{CodeGUIDVersion, Warning, 18, 27, "version 0, variant NCS (reserved)"},
		}},
		{"GUID in upper case", enc(strings.ToUpper(docGUID) + "@um.contoso.com"), []p{}},

		// The host starts at decoded byte 37: character 49.
		{"host without a dot", enc(docGUID + "@localhost"), []p{{CodeHost, Warning, 49, 62, "no dot"}}},
		{"host with a trailing dot", enc(docGUID + "@um.contoso.com."), []p{{CodeHost, Warning, 68, 70, "ends with a dot"}}},
		{"host label starts with '-'", enc(docGUID + "@-um.contoso.com"), []p{{CodeHost, Warning, 49, 54, `"-um" starts or ends with '-'`}}},
		{"host with an empty label", enc(docGUID + "@um..com"), []p{{CodeHost, Warning, 53, 55, "empty label"}}},
		{"host label with '_'", enc(docGUID + "@um_1.contoso.com"), []p{{CodeHost, Warning, 49, 55, `contains "_"`}}},
		{"host label too long", enc(docGUID + "@" + long + ".com"), []p{{CodeHost, Warning, 49, 135, "64 characters long, limit is 63"}}},
		{"host too long", enc(docGUID + "@" + strings.Repeat("abcdefghi.", 26) + "com"), []p{{CodeHost, Warning, 49, 400, "263 characters long, limit is 253"}}},
		{"host label of 63", enc(docGUID + "@" + long[:63] + ".com"), []p{}},
		{"host of 254", enc(docGUID + "@" + strings.Repeat("abcdefghi.", 25) + "coms"), []p{{CodeHost, Warning, 49, 388, "254 characters long, limit is 253"}}},
		{"host of 253", enc(docGUID + "@" + strings.Repeat("abcdefghi.", 25) + "com"), []p{}},
		{"host '.'", enc(docGUID + "@."), []p{{CodeHost, Warning, 49, 51, "ends with a dot"}}},
		{"single-letter labels", enc(docGUID + "@a.b"), []p{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Decode(tt.in)
			checkResult(t, tt.in, r)
			if g := got(r.Problems); !reflect.DeepEqual(g, stripMsg(tt.want)) {
				t.Fatalf("Decode(%q) = %v, want %v\n%s", tt.in, g, stripMsg(tt.want), messages(r))
			}
			for i, w := range tt.want {
				if !strings.Contains(r.Problems[i].Message, w.msg) {
					t.Errorf("Decode(%q): problem %d message = %q, want it to contain %q", tt.in, i, r.Problems[i].Message, w.msg)
				}
			}
		})
	}
}

func stripMsg(ps []p) []p {
	out := make([]p, len(ps))
	for i, w := range ps {
		w.msg = ""
		out[i] = w
	}
	return out
}

func messages(r Result) string {
	var b strings.Builder
	for _, pr := range r.Problems {
		fmt.Fprintf(&b, "\t%s %s [%d,%d): %s\n", pr.Severity, pr.Code, pr.Offset, pr.End, pr.Message)
	}
	return b.String()
}

// checkResult checks what holds for every Result.
func checkResult(t *testing.T, raw string, r Result) {
	t.Helper()
	if r.Raw != raw {
		t.Errorf("Decode(%q).Raw = %q", raw, r.Raw)
	}
	if r.Problems == nil {
		t.Errorf("Decode(%q).Problems = nil, want an empty slice", raw)
	}
	hasError := false
	perCode := map[string]int{}
	errs, warns := 0, 0
	for i, pr := range r.Problems {
		perCode[pr.Code]++
		if pr.Code == CodeMore {
			if i != len(r.Problems)-1 {
				t.Errorf("Decode(%q): the %s summary is problem %d of %d, want it last", raw, CodeMore, i, len(r.Problems))
			}
		} else if pr.Severity == Error {
			errs++
		} else {
			warns++
		}
		if len(pr.Message) > maxMessage {
			t.Errorf("Decode(%q): problem %v message is %d bytes, want at most %d: %.200q…", raw, pr.Code, len(pr.Message), maxMessage, pr.Message)
		}
		if pr.Offset < 0 || pr.Offset > pr.End || pr.End > len(raw) {
			t.Errorf("Decode(%q): problem %v has range [%d,%d), want 0 <= Offset <= End <= %d", raw, pr.Code, pr.Offset, pr.End, len(raw))
		}
		if i > 0 && pr.Offset < r.Problems[i-1].Offset && pr.Code != CodeMore {
			t.Errorf("Decode(%q): problem %d at offset %d follows one at %d", raw, i, pr.Offset, r.Problems[i-1].Offset)
		}
		switch pr.Severity {
		case Error:
			hasError = true
		case Warning:
		default:
			t.Errorf("Decode(%q): problem %v has severity %q", raw, pr.Code, pr.Severity)
		}
		if first, _ := utf8.DecodeRuneInString(pr.Message); pr.Message == "" || unicode.IsUpper(first) {
			t.Errorf("Decode(%q): problem %v message %q, want a lower-case start", raw, pr.Code, pr.Message)
		}
	}
	if r.OK == hasError {
		t.Errorf("Decode(%q).OK = %v, with an error problem: %v", raw, r.OK, hasError)
	}
	for code, n := range perCode {
		if code != CodeMore && n > MaxPerCode || code == CodeMore && n > 1 {
			t.Errorf("Decode(%q) lists %d problems of code %s, want at most %d", raw, n, code, MaxPerCode)
		}
	}
	if len(r.Problems) > MaxProblems+1 {
		t.Errorf("Decode(%q) lists %d problems, want at most %d", raw, len(r.Problems), MaxProblems+1)
	}
	if perCode[CodeMore] == 0 && (r.Errors != errs || r.Warnings != warns) || r.Errors < errs || r.Warnings < warns {
		t.Errorf("Decode(%q) counts %d errors and %d warnings, lists %d and %d (summary: %v)", raw, r.Errors, r.Warnings, errs, warns, perCode[CodeMore] > 0)
	}
	if r.OK {
		if r.GUID == "" || r.Host == "" {
			t.Errorf("Decode(%q) is OK with GUID %q and host %q", raw, r.GUID, r.Host)
		}
		if id, err := Encode(r.GUID, r.Host); err != nil {
			t.Errorf("Decode(%q) is OK but Encode(%q, %q) fails: %v", raw, r.GUID, r.Host, err)
		} else if again := Decode(id); !again.OK || again.GUID != r.GUID || again.Host != r.Host {
			t.Errorf("Decode(Encode(%q, %q)) = %q@%q ok=%v, want the same", r.GUID, r.Host, again.GUID, again.Host, again.OK)
		}
	}
	if (r.GUID == "") != (r.Variant == "") || (r.GUID == "") != (r.Version == 0 && r.Variant == "") {
		t.Errorf("Decode(%q): GUID %q, version %d, variant %q are not all set or all unset", raw, r.GUID, r.Version, r.Variant)
	}
}

func TestDecodeFields(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Result
	}{
		{"upper-case GUID is canonicalised", enc("09DF9EDC-4E23-1709-CDAF-7BE20CB0AE56@um.contoso.com"),
			Result{Decoded: "09DF9EDC-4E23-1709-CDAF-7BE20CB0AE56@um.contoso.com", GUID: "09df9edc-4e23-1709-cdaf-7be20cb0ae56",
				Version: 1, Variant: "Microsoft (reserved)", Host: "um.contoso.com", OK: true}},
		{"future variant", enc("09df9edc-4e23-4709-edaf-7be20cb0ae56@um.contoso.com"),
			Result{Decoded: "09df9edc-4e23-4709-edaf-7be20cb0ae56@um.contoso.com", GUID: "09df9edc-4e23-4709-edaf-7be20cb0ae56",
				Version: 4, Variant: "future (reserved)", Host: "um.contoso.com", OK: true}},
		{"bare GUID keeps its fields", enc(docGUID),
			Result{Decoded: docGUID, GUID: docGUID, Version: 4, Variant: "RFC 4122"}},
		{"host after a bad GUID", enc("nope@um.contoso.com"),
			Result{Decoded: "nope@um.contoso.com", Host: "um.contoso.com"}},
		{"invalid UTF-8 is replaced byte by byte", "/+4=",
			Result{Decoded: "\uFFFD\uFFFD"}},
		{"nothing decoded without valid base64", strings.TrimSuffix(docID, "="), Result{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Decode(tt.in)
			r.Raw, r.Problems, r.Errors, r.Warnings = "", nil, 0, 0
			if !reflect.DeepEqual(r, tt.want) {
				t.Errorf("Decode(%q) = %+v, want %+v", tt.in, r, tt.want)
			}
		})
	}
}

// The JSON shape is the contract with the page.
func TestResultJSON(t *testing.T) {
	b, err := json.Marshal(Decode("QQ"))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"raw":"QQ","decoded":"","guid":"","version":0,"variant":"","host":"","ok":false,` +
		`"problems":[{"code":"base64-padding","severity":"error","offset":2,"end":2,"message":"the CallId lacks its '=' padding: add == at offset 2"}]}`
	if string(b) != want {
		t.Errorf("json.Marshal(Decode(%q)) = %s, want %s", "QQ", b, want)
	}
	b, err = json.Marshal(Decode(docID))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(b), `"ok":true,"problems":[]}`) {
		t.Errorf("json.Marshal(Decode(%q)) = %s, want it to end with an empty problems array", docID, b)
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"valid", docID},
		{"whitespace", " " + docID[:50] + "\n" + docID[50:] + " "},
		{"garbage", strings.Repeat("*-", 50)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Decode(bb.in)
			}
		})
	}
}

// .NET Framework ignores unused bits that are not zero; so does Decode.
func TestDecodeNonZeroTrailingBits(t *testing.T) {
	// The last quantum "b20=" carries "om": '0' (110100) ends in 2 unused
	// zero bits; '1' (110101) sets one of them.
	in := docID[:98] + "1="
	r := Decode(in)
	if !r.OK || r.Host != published[0].host || len(r.Problems) != 0 {
		t.Errorf("Decode(%q) = ok %v, host %q, problems %v, want the published CallId's host and no problems", in, r.OK, r.Host, r.Problems)
	}
}
