// Package msg holds umplay's message catalogs — English (en) and Brazilian
// Portuguese (pt-BR) — and formats their entries. Every diagnostic,
// explanation, quick-fix title and page text has a stable key; a catalog
// entry is a fmt format whose placeholders are numbered (%[1]s, %[2]q) so
// that a translation may put the arguments in another order. Codes and keys
// never change with the language; only the words do. The entries are
// formatted as fmt.Sprintf would, by a sprintf of the package's own that
// reads only the placeholders the catalogs use (%s, %q, %d, %v, %.1f,
// %02X): any other shows as a %!verb(UNSUPPORTED) marker.
//
// The catalogs are Go map literals compiled into the module: no template
// engine, no reflection, no i18n framework.
package msg

import (
	"strings"
)

// Lang is a language of the catalogs.
type Lang uint8

// The languages. EN is the default.
const (
	EN Lang = iota
	PTBR
)

// Langs lists the languages in the order the language switch shows them.
var Langs = []Lang{EN, PTBR}

// String is the BCP 47 tag: "en" or "pt-BR".
func (l Lang) String() string {
	if l == PTBR {
		return "pt-BR"
	}
	return "en"
}

// Name is the language's own name, for the language switch.
func (l Lang) Name() string {
	if l == PTBR {
		return "Português (Brasil)"
	}
	return "English"
}

// Parse reads a language tag or a POSIX locale name: "pt-BR", "pt_BR.UTF-8",
// "pt", "pt-PT" give PTBR; "en", "en-US", "C", "POSIX", "C.UTF-8" give EN.
// ok is false for anything else (EN is returned then), and for "".
func Parse(s string) (l Lang, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	s = strings.ToLower(strings.ReplaceAll(s, "_", "-"))
	base, _, _ := strings.Cut(s, "-")
	switch base {
	case "pt":
		return PTBR, true
	case "en", "c", "posix":
		return EN, true
	}
	return EN, false
}

// FromEnv chooses the language of command-line output from the POSIX
// variables, as gettext does: the first of LC_ALL, LC_MESSAGES and LANG that
// is set decides (an unknown language then gives English).
func FromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			l, _ := Parse(s)
			return l
		}
	}
	return EN
}

func catalog(l Lang) map[string]string {
	if l == PTBR {
		return ptBR
	}
	return en
}

// Has tells whether key has an entry in l's catalog.
func Has(l Lang, key string) bool { _, ok := catalog(l)[key]; return ok }

// Text is the entry of key in l's catalog without formatting; an entry
// missing from pt-BR falls back to English, a key missing from both is
// returned as it is (the catalog tests keep that from happening).
func Text(l Lang, key string) string {
	if s, ok := catalog(l)[key]; ok {
		return s
	}
	if s, ok := en[key]; ok {
		return s
	}
	return key
}

// Format is the entry of key in l's catalog with args put in its
// placeholders, as fmt.Sprintf would put them (sprintf, without fmt's
// printer). An argument that is an M is formatted in l too.
func Format(l Lang, key string, args ...any) string {
	s := Text(l, key)
	if len(args) == 0 {
		return s
	}
	for i, a := range args {
		if m, ok := a.(M); ok {
			args[i] = m.In(l)
		}
	}
	return sprintf(s, args...)
}

// M is a message not yet put in words: a key and its arguments.
type M struct {
	Key  string
	Args []any
}

// New makes an M.
func New(key string, args ...any) M { return M{Key: key, Args: args} }

// In is m in l's words.
func (m M) In(l Lang) string {
	args := make([]any, len(m.Args))
	copy(args, m.Args)
	return Format(l, m.Key, args...)
}

// Choose is the page's rule: the lang= parameter of the URL's query (search,
// with or without its "?"), then the stored choice, then the first of the
// browser's languages that a catalog has, then English. explicit tells that
// the query or the stored choice decided.
func Choose(search, stored string, browser []string) (l Lang, explicit bool) {
	if l, ok := Parse(QueryLang(search)); ok {
		return l, true
	}
	if l, ok := Parse(stored); ok {
		return l, true
	}
	for _, b := range browser {
		if l, ok := Parse(b); ok && !strings.EqualFold(b, "c") && !strings.EqualFold(b, "posix") {
			return l, false
		}
	}
	return EN, false
}

// QueryLang is the value of the first lang parameter of a URL query ("" if
// none): "?a=1&lang=pt-BR" gives "pt-BR". Only %XX escapes of the tag's own
// characters matter; the value is not otherwise decoded.
func QueryLang(search string) string {
	search = strings.TrimPrefix(search, "?")
	for _, kv := range strings.Split(search, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "lang" {
			return unescapeTag(v)
		}
	}
	return ""
}

// unescapeTag decodes the %2D ("-") and %5F ("_") escapes of a language
// tag, in either case; anything else stays as it is. (A loop, not a
// strings.Replacer: the Replacer's machinery is ~20 KB of the page's module
// for these four patterns.)
func unescapeTag(v string) string {
	if !strings.Contains(v, "%") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '%' && i+2 < len(v) {
			switch v[i+1 : i+3] {
			case "2D", "2d":
				b.WriteByte('-')
				i += 2
				continue
			case "5F", "5f":
				b.WriteByte('_')
				i += 2
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// Wrap is fmt.Errorf(prefix+"%w", err) without fmt: an error whose text is
// prefix followed by err's, and which errors.Is and errors.As see through to
// err. err must not be nil.
func Wrap(prefix string, err error) error { return &wrapError{prefix + err.Error(), err} }

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }
