package payload

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"umplay/wasm/callid"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestRedactCallID(t *testing.T) {
	const g = "3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b"
	real := b64(g + "@exch01.corp.fabrikam-real.net")
	tests := []struct {
		name, in string
		wantOK   bool
		kept     bool // returned unchanged
	}{
		{"plain", real, true, false},
		{"whitespace around and inside", "\n  " + real[:20] + "\r\n\t" + real[20:] + "  \n", true, false},
		{"no padding", strings.TrimRight(b64(g+"@um1.corp.fabrikam-real.nett"), "="), true, false},
		{"upper-case GUID", b64(strings.ToUpper(g) + "@EXCH01.Corp.Example-Real.NET"), true, false},
		{"not version 4", b64("6ba7b810-9dad-11d1-80b4-00c04fd430c8@um7.corp.fabrikam-real.net"), true, false},
		{"host not an FQDN", b64(g + "@um01"), true, false},
		{"host with odd labels", b64(g + "@-a..b_c.real.net."), true, false},
		// '~' and '?' at byte offsets 2 mod 3 give '+' and '/' (here
		// written '-' and '_'): kept where they were.
		{"URL-safe alphabet", urlSafe(b64(g + "@a~?b~~x?.rea~l.net")), true, false},
		{"sample host kept", b64(g + "@um01.contoso.com"), true, true},
		{"published sample kept", b64("09df9edc-4e23-4709-bdaf-7be20cb0ae56@df-eum-01.exchange.corp.microsoft.com"), true, true},
		{"not base64", "not base64!", false, true},
		{"4n+1 characters", real + "A", false, true},
		{"no at sign", b64(g), false, true},
		{"GUID in braces", b64("{" + g + "}@um01.real.net"), false, true},
		{"markup", b64("<img src=x onerror=alert(1)>@um01.real.net"), false, true},
		{"not ASCII", b64(g + "@h\x01st.real.net"), false, true},
		{"empty", "  ", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ok, why := RedactCallID(tt.in)
			if ok != tt.wantOK {
				t.Fatalf("RedactCallID(%q) ok = %v (%s), want %v", tt.in, ok, why, tt.wantOK)
			}
			if !ok && why == "" {
				t.Errorf("RedactCallID(%q): no reason given", tt.in)
			}
			if (out == tt.in) != tt.kept {
				t.Fatalf("RedactCallID(%q) = %q, kept = %v, want %v", tt.in, out, out == tt.in, tt.kept)
			}
			if tt.kept {
				return
			}
			if len(out) != len(tt.in) {
				t.Errorf("RedactCallID(%q) = %q: length %d, want %d", tt.in, out, len(out), len(tt.in))
			}
			quirk := func(c byte) bool {
				return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '=' || c == '-' || c == '_'
			}
			for i := 0; i < len(out); i++ { // whitespace, padding, URL-safe characters in place
				if c := tt.in[i]; quirk(c) && out[i] != c || !quirk(c) && quirk(out[i]) {
					t.Errorf("RedactCallID(%q) = %q: byte %d is %q, want the structure kept", tt.in, out, i, out[i])
					break
				}
			}
			if a, b := problemCodes(tt.in), problemCodes(out); !slices.Equal(a, b) {
				t.Errorf("RedactCallID(%q) = %q: problems %v, want %v", tt.in, out, b, a)
			}
			fixed, _ := callid.Repair(out)
			d := callid.Decode(fixed)
			if strings.Contains(d.Decoded, "real") || strings.Contains(strings.ToLower(d.Decoded), g[:8]) {
				t.Errorf("RedactCallID(%q) decodes to %q: the original shows through", tt.in, d.Decoded)
			}
			if !strings.HasPrefix(strings.ToLower(d.Decoded), "09df9edc-4e23-") {
				t.Errorf("RedactCallID(%q) decodes to %q, want the sample GUID", tt.in, d.Decoded)
			}
		})
	}
}

func urlSafe(s string) string {
	if !strings.ContainsAny(s, "+/") {
		panic("test input has no + or /: " + s)
	}
	return strings.NewReplacer("+", "-", "/", "_").Replace(s)
}

func TestRedactGUID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b", "09df9edc-4e23-4709-9daf-7be20cb0ae56"},
		{"6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "09DF9EDC-4E23-1709-8DAF-7BE20CB0AE56"},
		{"6ba7b810-9dad-11d1-c0b4-00c04fd430c8", "09df9edc-4e23-1709-cdaf-7be20cb0ae56"},
	}
	for _, tt := range tests {
		if got, ok := RedactGUID(tt.in); !ok || got != tt.want {
			t.Errorf("RedactGUID(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "3f2b8c1e5a4d4e6f9b7a2c1d0e9f8a7b", "3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7g", "{3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7}"} {
		if got, ok := RedactGUID(bad); ok || got != bad {
			t.Errorf("RedactGUID(%q) = %q, %v, want it kept and false", bad, got, ok)
		}
	}
}

func TestRedactHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"exch01.corp.fabrikam-real.net", "mail01.mail.contosoc-onto.com"},
		{"UM7.Corp.Real.NET", "MA0.Mail.Cont.COM"},
		{"um01", "ma01"},
		{"a..b.", "m..c."},
		{"um01.contoso.com", "um01.contoso.com"},
		{"df-eum-01.exchange.corp.microsoft.com", "df-eum-01.exchange.corp.microsoft.com"},
		{"localhost", "localhost"},
	}
	for _, tt := range tests {
		if got := RedactHost(tt.in); got != tt.want {
			t.Errorf("RedactHost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactEndpoint(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://exch01.corp.real.net/EWS/UM2007Legacy.asmx", "https://mail.contoso.com/EWS/UM2007Legacy.asmx", true},
		{"https://bob:hunter2@exch01.real.net:8443/EWS/UM2007Legacy.asmx?x=1#y", "https://user:password@mail.contoso.com:8443/EWS/UM2007Legacy.asmx?x=1#y", true},
		{"http://token@[2001:db8::1]:80/UnifiedMessaging/Service.asmx", "http://user@mail.contoso.com:80/UnifiedMessaging/Service.asmx", true},
		{"https://10.1.2.3", "https://mail.contoso.com", true},
		{"https://mail.contoso.com/EWS/UM2007Legacy.asmx", "https://mail.contoso.com/EWS/UM2007Legacy.asmx", true},
		{"http://127.0.0.1:8080/EWS/UM2007Legacy.asmx", "http://127.0.0.1:8080/EWS/UM2007Legacy.asmx", true},
		{"", "", true},
		{"exch01.real.net/EWS/UM2007Legacy.asmx", "exch01.real.net/EWS/UM2007Legacy.asmx", false},
		{"https:///path", "https:///path", false},
	}
	for _, tt := range tests {
		got, ok := RedactEndpoint(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RedactEndpoint(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRedactRequest(t *testing.T) {
	real := b64("3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b@exch01.real.net")
	in := "<m:CallId a='>'>" + real + "</m:CallId>\n<callid>" + real + "</callid><!-- <CallId>\n" + real + "</CallId> -->" +
		"<CallId>&#77;" + real[1:] + "</CallId><CallId><![CDATA[" + real + "]]></CallId><CallId/><CallId>x!</CallId><CallId>"
	out, reds := RedactRequest(in)
	if strings.Count(out, real) != 1 {
		t.Errorf("RedactRequest left %d copies of the CallId, want only the CDATA one:\n%s", strings.Count(out, real), out)
	}
	type got struct {
		line, col int
		redacted  bool
	}
	var list []got
	for _, r := range reds {
		list = append(list, got{r.Line, r.Column, !r.Kept})
	}
	want := []got{{1, 17, true}, {2, 9, true}, {2, 103, true}, {3, 94, false}, {3, 187, false}, {3, 297, false}}
	if !slices.Equal(list, want) {
		t.Errorf("RedactRequest redactions = %v, want %v\n%+v", list, want, reds)
	}
	for _, r := range reds {
		if r.Kept != r.NotRedacted || r.Note == "" {
			t.Errorf("redaction %+v: want a note, and kept values flagged not redacted", r)
		}
	}
}

// TestShareJSLimits: web/share.js, which inflates links in the browser,
// caps them as this package does.
func TestShareJSLimits(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "web", "share.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	for _, want := range []string{
		"var MAX_FRAGMENT = " + strconv.Itoa(MaxFragment) + ";",
		"var MAX_INFLATED = " + strconv.Itoa(MaxInflated) + ";",
		"'s=" + strconv.Itoa(Current) + ".'",
	} {
		if !strings.Contains(js, want) {
			t.Errorf("web/share.js has no %q", want)
		}
	}
}
