package msg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0]*\d*(?:\.\d+)?(?:\[(\d+)\])?([a-zA-Z%])`)

// placeholders lists the verbs of a format by argument number ("1:q", "2:d"),
// sorted; an unnumbered verb takes the next argument, as in fmt.
func placeholders(s string) []string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		n := next
		if m[1] != "" {
			n = atoi(m[1])
		}
		next = n + 1
		out = append(out, itoa(n)+":"+m[2])
	}
	sort.Strings(out)
	return out
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestCatalogsMatch(t *testing.T) {
	for k, e := range en {
		p, ok := ptBR[k]
		if !ok {
			t.Errorf("pt-BR has no entry %q", k)
			continue
		}
		if a, b := strings.Join(placeholders(e), " "), strings.Join(placeholders(p), " "); a != b {
			t.Errorf("%q: en placeholders %s, pt-BR %s", k, a, b)
		}
		if strings.TrimSpace(p) == "" {
			t.Errorf("%q: empty in pt-BR", k)
		}
		// A sentence left in English is not a translation.
		if p == e && len(strings.Fields(e)) > 3 {
			t.Errorf("%q: pt-BR is the English text %q", k, e)
		}
	}
	for k := range ptBR {
		if _, ok := en[k]; !ok {
			t.Errorf("pt-BR has %q, which en has not", k)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a %s b %q c %d", "1:s 2:q 3:d"},
		{"%[2]s %[1]q", "1:q 2:s"},
		{"100%% %[1]d", "1:d"},
		{"%02[2]X %.1[1]f", "1:f 2:X"},
	} {
		if got := strings.Join(placeholders(tc.in), " "); got != tc.want {
			t.Errorf("placeholders(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The keys the code uses, found in its source: every one must have an entry
// in both catalogs.
var keyUse = regexp.MustCompile(`(?:\bc\.t|\bmsg\.New|\bmsg\.Text|\bmsg\.Format\(\w+,|\bt\(\w+,|\btr|\bT)\(\s*"([a-z][a-z0-9.-]*[a-z0-9])"|"((?:callid|ui|cli|sim|doc|explain|note)\.[a-z0-9.-]*[a-z0-9])"`)

// codeUse finds the diagnostic codes the checker emits.
var codeUse = regexp.MustCompile(`\b(?:add|addField)\((?:Error|Warning|Info), "([a-z0-9-]+)"|fail\("([a-z0-9-]+)"`)

// codeWords names the catalog entries of the codes whose words are not
// under the code's own name (the reader's failures, worded by parse).
var codeWords = map[string]string{
	"xml-syntax": "parse.syntax", "xml-prefix": "parse.prefix", "xml-doctype": "parse.doctype",
	"xml-empty": "parse.empty", "limit-depth": "parse.limit-depth", "limit-attrs": "parse.limit-attrs",
}

func sources(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range []string{"soap", "callid", "doccheck", "umsim", "report", "app", "cmd/umplay"} {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[f] = string(b)
		}
	}
	return out
}

func TestKeysUsedHaveEntries(t *testing.T) {
	n := 0
	for f, src := range sources(t) {
		for _, ix := range keyUse.FindAllStringSubmatchIndex(src, -1) {
			if rest := strings.TrimLeft(src[ix[1]:], " "); strings.HasPrefix(rest, "+") {
				continue // a key built at run time: its parts are tested where it is made
			}
			k := sub(src, ix, 1) + sub(src, ix, 2)
			n++
			if !Has(EN, k) || !Has(PTBR, k) {
				t.Errorf("%s uses %q, which has no entry in en and pt-BR", f, k)
			}
		}
	}
	if n < 100 {
		t.Errorf("found %d uses of catalog keys; the scan is broken", n)
	}
}

// translated lists the files whose diagnostics are worded by the catalogs
// (soap.TextError's reading errors are English yet).
var translated = []string{"../soap/check.go", "../soap/parse.go", "../soap/response.go", "../soap/fault.go", "../doccheck/doccheck.go", "../doccheck/prose.go"}

func sub(s string, ix []int, i int) string {
	if ix[2*i] < 0 {
		return ""
	}
	return s[ix[2*i]:ix[2*i+1]]
}

func TestCodesHaveEntries(t *testing.T) {
	n := 0
	srcs := sources(t)
	for _, f := range translated {
		src := srcs[f]
		for _, m := range codeUse.FindAllStringSubmatch(src, -1) {
			code := m[1] + m[2]
			n++
			if k, ok := codeWords[code]; ok && Has(EN, k) {
				continue
			}
			found := Has(EN, code)
			for k := range en {
				found = found || strings.HasPrefix(k, code+".") || strings.HasPrefix(k, "parse."+code)
			}
			if !found {
				t.Errorf("%s: diagnostic code %q has no catalog entry (%q or %q.…)", f, code, code, code)
			}
		}
	}
	if n < 30 {
		t.Errorf("found %d diagnostic codes; the scan is broken", n)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"pt-BR", PTBR, true}, {"pt_BR.UTF-8", PTBR, true}, {"pt", PTBR, true}, {"PT-br", PTBR, true},
		{"en-US", EN, true}, {"en", EN, true}, {"C", EN, true}, {"POSIX", EN, true}, {"C.UTF-8", EN, true},
		{"de_DE.UTF-8", EN, false}, {"", EN, false}, {"xx", EN, false},
	} {
		if got, ok := Parse(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q) = %v, %v, want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "pt_BR.UTF-8"}, PTBR},
		{map[string]string{"LC_ALL": "C", "LANG": "pt_BR.UTF-8"}, EN},
		{map[string]string{"LC_MESSAGES": "pt_BR", "LANG": "en_US"}, PTBR},
		{map[string]string{"LC_ALL": "pt_BR.UTF-8", "LC_MESSAGES": "en_US"}, PTBR},
		{map[string]string{}, EN},
	} {
		if got := FromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("FromEnv(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	if got, want := Format(PTBR, "ui.size.over", 6.25, 5), "Esta requisição tem 6.2 MiB"; !strings.HasPrefix(got, want) {
		t.Errorf("Format(ui.size.over) = %q, want it to start %q", got, want)
	}
	for _, l := range Langs {
		for k, s := range catalog(l) {
			if strings.Contains(s, "%!") || strings.Contains(s, "%[") && strings.Contains(s, "].") {
				t.Errorf("%v %q: a placeholder fmt cannot read: %q", l, k, s)
			}
		}
	}
	if got, want := Format(PTBR, "callid.host-label-long", "ab", 70), `o rótulo de host "ab" tem 70 caracteres, o limite é 63`; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	if got, want := Format(EN, "callid.host-label-long", "ab", 70), `the host label "ab" is 70 characters long, limit is 63`; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	m := New("callid-invalid", New("callid.empty"))
	if got := m.In(PTBR); !strings.HasPrefix(got, "CallId: o CallId está vazio") {
		t.Errorf("nested M in pt-BR = %q", got)
	}
}

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		search, stored string
		browser        []string
		want           Lang
		explicit       bool
	}{
		{"?lang=pt-BR", "en", []string{"en-US"}, PTBR, true},
		{"?x=1&lang=en", "pt-BR", []string{"pt-BR"}, EN, true},
		{"?lang=xx", "pt-BR", nil, PTBR, true},
		{"", "", []string{"de-DE", "pt-BR", "en"}, PTBR, false},
		{"", "", []string{"en-US", "pt-BR"}, EN, false},
		{"", "", nil, EN, false},
		{"?lang=pt%2DBR", "", nil, PTBR, true},
	} {
		l, ex := Choose(tc.search, tc.stored, tc.browser)
		if l != tc.want || ex != tc.explicit {
			t.Errorf("Choose(%q, %q, %q) = %v, %v; want %v, %v", tc.search, tc.stored, tc.browser, l, ex, tc.want, tc.explicit)
		}
	}
}

// The keys wasm/app builds at run time.
func TestBuiltKeys(t *testing.T) {
	var keys []string
	for v := 1; v <= 8; v++ {
		keys = append(keys, "ui.guid.v"+itoa(v))
	}
	for _, w := range []string{"error", "warning", "problem"} {
		keys = append(keys, "ui.n."+w+".one", "ui.n."+w+".many")
	}
	for _, s := range []string{"error", "warning", "info"} {
		keys = append(keys, "ui.severity."+s)
	}
	for _, k := range keys {
		if !Has(EN, k) || !Has(PTBR, k) {
			t.Errorf("no entry %q in en and pt-BR", k)
		}
	}
}

// Every example of the page has its title and note in Portuguese
// (web/examples/index.json, "pt-BR").
func TestExamplesPortuguese(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "web", "examples", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exs []struct {
		File, Title, Note string
		PT                *struct{ Title, Note string } `json:"pt-BR"`
	}
	if err := json.Unmarshal(b, &exs); err != nil {
		t.Fatal(err)
	}
	if len(exs) == 0 {
		t.Fatal("no examples")
	}
	for _, e := range exs {
		switch {
		case e.PT == nil || e.PT.Title == "" || e.PT.Note == "":
			t.Errorf("%s: no pt-BR title and note", e.File)
		case e.PT.Title == e.Title || e.PT.Note == e.Note:
			t.Errorf("%s: the pt-BR title or note is the English", e.File)
		}
	}
}

// Every entry formats with arguments of its placeholders' kinds without a
// %!verb(…) complaint of fmt, in both languages.
func TestEntriesFormat(t *testing.T) {
	for k, e := range en {
		ph := placeholders(e)
		args := make([]any, len(ph))
		for _, p := range ph {
			n, v := atoi(p[:strings.IndexByte(p, ':')]), p[strings.IndexByte(p, ':')+1:]
			var a any = "x"
			switch v {
			case "d", "x", "X":
				a = 1
			case "f":
				a = 1.5
			}
			if n >= 1 && n <= len(args) {
				args[n-1] = a
			}
		}
		for _, l := range Langs {
			if s := Format(l, k, args...); strings.Contains(s, "%!") {
				t.Errorf("%v %q formats as %q", l, k, s)
			}
		}
	}
}
