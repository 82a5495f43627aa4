package msg

import (
	"strings"
	"testing"
)

func TestQueryLang(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"?lang=pt-BR", "pt-BR"},
		{"lang=en", "en"},
		{"?a=1&lang=pt%2DBR&lang=en", "pt-BR"},
		{"?lang=pt%2dbr", "pt-br"},
		{"?lang=pt%5FBR", "pt_BR"},
		{"?lang=pt%5fBR.UTF-8", "pt_BR.UTF-8"},
		{"?lang=%41%2", "%41%2"},
		{"?lang=%", "%"},
		{"?lang=%2D%2D", "--"},
		{"?langx=pt&xlang=en", ""},
	} {
		if got := QueryLang(tc.in); got != tc.want {
			t.Errorf("QueryLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzUnescapeTag: the loop decodes as the strings.Replacer it replaced.
func FuzzUnescapeTag(f *testing.F) {
	for _, s := range []string{"pt%2DBR", "%5f%5F", "%", "%2", "%%2D", "a%2Db%5fc%41"} {
		f.Add(s)
	}
	r := strings.NewReplacer("%2D", "-", "%2d", "-", "%5F", "_", "%5f", "_")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unescapeTag(s), r.Replace(s); got != want {
			t.Errorf("unescapeTag(%q) = %q, want %q", s, got, want)
		}
	})
}
