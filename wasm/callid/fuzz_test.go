package callid

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: Decode never panics and keeps the promises of Result; under
// small caps it keeps the verdict, the counts and the first error; Repair
// only offers what Decode accepts.
func FuzzDecode(f *testing.F) {
	for _, p := range published {
		f.Add(p.in)
	}
	for _, s := range []string{
		"", " \n", " " + docID + "\n", strings.TrimSuffix(docID, "="), "QQ==QQ==", "QUFBQ", "_w", "MDlk\u00e9GZj", "\xff",
		enc(docGUID), enc(docGUID + "@"), enc("@a.b"), enc(docGUID + "@a.b@c"), enc(docGUID + "@localhost."),
		enc("00000000-0000-0000-0000-000000000000@um..com"), "/+7dzLuqmYh3ZlVEMyIRAA==",
		strings.Repeat("Q\n", 30), strings.Repeat("!", 120), strings.Repeat("QQ==", 9), enc(docGUID + "@a" + strings.Repeat(" .", 9)),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := Decode(raw)
		checkResult(t, raw, r)
		checkCapped(t, raw, limits{perCode: 2, total: 3})
		checkMarks(t, r, 1000, 1000)
		checkMarks(t, r, len(raw)/2, 2)
		if p, more := Preview(r.Decoded, 64); len(p) > 64 || more < 0 || more > len(r.Decoded) || !utf8.ValidString(p) {
			t.Errorf("Preview(%q, 64) = %q, %d", r.Decoded, p, more)
		}
		if rep, ok := Repair(raw); ok {
			if rep == raw || !Decode(rep).OK {
				t.Errorf("Repair(%q) = %q, true; want a different CallId that Decode accepts", raw, rep)
			}
		} else if rep != raw {
			t.Errorf("Repair(%q) = %q, false; want raw back", raw, rep)
		}
	})
}

// FuzzRoundTrip: any 16 bytes as a GUID and any host of host-name characters
// come back from Decode(Encode(g, h)).
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("\x09\xdf\x9e\xdc\x4e\x23\x47\x09\xbd\xaf\x7b\xe2\x0c\xb0\xae\x56"), "df-eum-01.exchange.corp.microsoft.com")
	f.Add([]byte("\x41\x3b\x13\x6c\xe1\x6f\x45\x2e\xb7\xc7\x48\xd1\x17\x01\x7b\x9f"), "df-eum-01.exchange.corp.microsoft.com")
	f.Add([]byte("\x20\x81\x49\x2b\x10\xfd\x4d\xaf\x8b\x31\x49\xe4\x2c\x3f\x72\x21"), "df-eum-01.exchange.corp.microsoft.com")
	f.Add([]byte{}, "")
	f.Add([]byte{0xff}, "um..-x.")
	f.Fuzz(func(t *testing.T, b []byte, host string) {
		var g [16]byte
		copy(g[:], b)
		guid := fmt.Sprintf("%x-%x-%x-%x-%x", g[0:4], g[4:6], g[6:8], g[8:10], g[10:16])
		h := strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '.' {
				return r
			}
			return -1
		}, host)
		if h == "" {
			h = "um01.contoso.com"
		}
		id, err := Encode(guid, h)
		if err != nil {
			t.Fatalf("Encode(%q, %q) = %v", guid, h, err)
		}
		r := Decode(id)
		if !r.OK || r.GUID != guid || r.Host != h || r.Version != int(g[6]>>4) || r.Decoded != guid+"@"+h {
			t.Errorf("Decode(%q) = %+v, want OK with GUID %q, version %d, host %q", id, r, guid, g[6]>>4, h)
		}
		if rep, ok := Repair(id); ok || rep != id {
			t.Errorf("Repair(%q) = %q, %v, want it unchanged", id, rep, ok)
		}
	})
}
