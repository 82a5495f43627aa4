package soap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheck: Check never panics, every range lies inside the text, and every
// body fix applies.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), true, `"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"`)
	}
	f.Add(disconnect(" MDlk_x "), false, "")
	f.Add("<a><b></a>", true, "x")
	f.Add(envelope(`<m:Disconnect xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"/>`), true, `""`)
	f.Fuzz(func(t *testing.T, body string, present bool, action string) {
		r := Check(body, Head{SOAPActionPresent: present, SOAPAction: action})
		if r == nil {
			t.Fatal("Check returned nil")
		}
		lines := NewLines(body)
		for _, d := range r.Diagnostics {
			if d.Code == "" || d.Message == "" {
				t.Fatalf("diagnostic without code or message: %+v", d)
			}
			if utf8.ValidString(body) && !strings.Contains(body, "\r") {
				for _, p := range []Pos{d.Start, d.End} {
					if _, ok := lines.Offset(p); !ok && len(body) <= MaxBytes {
						t.Fatalf("%s at %v is outside the text", d.Code, p)
					}
				}
			}
			if d.Fix != nil && d.Fix.Field == FieldBody && utf8.ValidString(body) && len(body) <= MaxBytes {
				if _, err := ApplyFix(body, *d.Fix); err != nil {
					t.Fatalf("fix for %s: %v", d.Code, err)
				}
			}
		}
		if r.HasErrors() != (r.Verdict != nil) {
			t.Fatalf("errors %v but verdict %+v", r.HasErrors(), r.Verdict)
		}
	})
}
