//go:build !js

package e2e

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"umplay/wasm/msg"
)

// translatedJS lists what the page filled from the catalog: for each element
// with data-i18n its key and its own text (text nodes only, so the child
// elements a {n} places are left out), and for each data-i18n-ATTR the key
// and the attribute's value.
const translatedJS = `JSON.stringify((function () {
	var out = [];
	document.querySelectorAll('[data-i18n]').forEach(function (e) {
		var own = '';
		e.childNodes.forEach(function (n) { if (n.nodeType === 3) { own += n.data; } });
		out.push([e.getAttribute('data-i18n'), own, e.tagName]);
	});
	['title', 'aria-label', 'label', 'content'].forEach(function (a) {
		document.querySelectorAll('[data-i18n-' + a + ']').forEach(function (e) {
			out.push([e.getAttribute('data-i18n-' + a), e.getAttribute(a), a]);
		});
	});
	return out;
})())`

// visibleJS is the text of every visible control and label a person reads
// (not the request, the code panes or the data the request holds).
const visibleJS = `JSON.stringify((function () {
	var out = [];
	var sel = 'button, label, legend, summary, h1, h2, h3, th, dt, caption, .pane__note, .hint, .response__mode, ' +
		'.diag-summary, .diag__message, .response__explain, .diag__fix, .diag__severity, .calls__empty, .history__empty, .app-footer p, .app-header__tagline, option';
	document.querySelectorAll(sel).forEach(function (e) {
		if (e.closest('pre, code, textarea, #examples, #b-op, #b-greeting, #b-status, #export-lang, #lang')) { return; }
		if (e.tagName !== 'OPTION' && !e.getClientRects().length) { return; }
		var own = '';
		e.childNodes.forEach(function (n) { if (n.nodeType === 3) { own += n.data; } });
		own = own.trim();
		if (own) { out.push(own); }
		var t = e.getAttribute('title');
		if (t) { out.push(t); }
	});
	return out;
})())`

// placeholder is a {n} of a catalog text.
var placeholder = regexp.MustCompile(`\{\d\}`)

// english is words that give an English leftover away.
var english = regexp.MustCompile(`\b(the|and|Loading|Request|Problems|Send|Reset|Copy|History|Builder|Examples|Format|error|warning|No problems|calls?)\b`)

func checkTranslated(t *testing.T, p *Page, l msg.Lang) {
	t.Helper()
	var items [][3]string
	if err := json.Unmarshal([]byte(eval[string](t, p, translatedJS)), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) < 80 {
		t.Fatalf("%d translated texts on the page, want the whole page's (80 or more)", len(items))
	}
	for _, it := range items {
		key, got, where := it[0], it[1], it[2]
		if !msg.Has(msg.EN, key) || !msg.Has(msg.PTBR, key) {
			t.Errorf("%s names %q, which is not in both catalogs", where, key)
			continue
		}
		if key == "ui.loading" || key == "ui.boot.loading" {
			continue // Go writes the live value there
		}
		want := placeholder.ReplaceAllString(msg.Text(l, key), "")
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("%s %q shows %q, want %q", where, key, got, want)
		}
	}
}

func TestI18nPortuguese(t *testing.T) {
	p := openPage(t)
	t.Cleanup(func() { Eval[bool](p, `(localStorage.removeItem('umplay.lang'), true)`) })
	if l := eval[string](t, p, `document.documentElement.lang`); l != "en" {
		t.Fatalf("<html lang> = %q on a fresh page in an English browser, want en", l)
	}
	checkTranslated(t, p, msg.EN)

	// Choose Português in the switch, like a person.
	if got := eval[string](t, p, `document.querySelector('#lang option[value="pt-BR"]').textContent`); got != "Português (Brasil)" {
		t.Fatalf("the switch offers %q, want Português (Brasil)", got)
	}
	eval[bool](t, p, `(function () { var s = document.getElementById('lang'); s.value = 'pt-BR';
		s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	wait[bool](t, p, `document.documentElement.lang === 'pt-BR'`, `document.documentElement.lang`)
	checkTranslated(t, p, msg.PTBR)
	noEnglish(t, p)
	if o := eval[string](t, p, `document.querySelector('#examples option[value="fault-callid-missing.xml"]').textContent`); o != "CallId ausente" {
		t.Errorf("example title in the menu = %q, want CallId ausente", o)
	}

	// The diagnostics, in Portuguese with the same codes.
	sample := readFile(t, "testdata", "disconnect-docs-pt-br.xml")
	if err := p.SetRequest(sample); err != nil {
		t.Fatal(err)
	}
	sel := `#diagnostics li.diag[data-code="operation-namespace"]`
	wait[bool](t, p, `!!document.querySelector('`+sel+`')`, diagsJS)
	m := eval[string](t, p, `document.querySelector('`+sel+` .diag__message').textContent`)
	if !strings.Contains(m, "o servidor responde ErrorInvalidRequest") || !strings.Contains(m, "https://") {
		t.Errorf("diagnostic in Portuguese = %q", m)
	}
	if f := eval[string](t, p, `document.querySelector('`+sel+` .diag__fix').textContent`); f != "Trocar https:// por http://" {
		t.Errorf("quick fix title = %q, want Trocar https:// por http://", f)
	}
	// An example's note, in Portuguese.
	eval[bool](t, p, `(function () { var s = document.getElementById('examples'); s.value = 'fault-callid-missing.xml';
		s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	// Replacing the edited text asks first (in Portuguese): answer yes.
	wait[bool](t, p, `(function () {
		if (!document.getElementById('confirm').hidden) {
			if (document.getElementById('confirm-yes').textContent !== 'Substituir') { return false; }
			document.getElementById('confirm-yes').click();
		}
		return document.getElementById('example-note').textContent.indexOf('sem o <CallId> obrigatório') >= 0;
	})()`, `document.getElementById('example-note').textContent`, `document.getElementById('confirm').textContent`)
	if err := p.SetRequest(sample); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!!document.querySelector('`+sel+`')`, diagsJS)
	if e := eval[string](t, p, explainJS); !strings.Contains(e, "o ignorou") || !strings.Contains(e, "não recebeu CallId") {
		t.Errorf("explanation in Portuguese = %q", e)
	}
	if s := eval[string](t, p, `document.getElementById('diag-summary').textContent`); s != "1 erro" {
		t.Errorf("summary = %q, want 1 erro", s)
	}
	noEnglish(t, p)

	// window.umplay.state() carries the choice (share links, embeds).
	if s := eval[string](t, p, `umplay.state().lang`); s != "pt-BR" {
		t.Errorf("umplay.state().lang = %q, want pt-BR", s)
	}

	// A reload keeps it (the stored choice).
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	if l := eval[string](t, p, `document.documentElement.lang`); l != "pt-BR" {
		t.Fatalf("after a reload <html lang> = %q, want pt-BR", l)
	}
	if v := eval[string](t, p, `document.getElementById('lang').value`); v != "pt-BR" {
		t.Errorf("after a reload the switch shows %q", v)
	}
	checkTranslated(t, p, msg.PTBR)

	// ?lang= wins over the stored choice.
	if err := p.Open(env.srv.URL+"/?lang=en", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	if l := eval[string](t, p, `document.documentElement.lang`); l != "en" {
		t.Fatalf("?lang=en with pt-BR stored: <html lang> = %q", l)
	}
	checkTranslated(t, p, msg.EN)
}

// TestI18nLink follows a link with lang=pt-BR in a browser with nothing
// stored: the page, its boot text and its diagnostics are Portuguese, and
// setState with a lang switches.
func TestI18nLink(t *testing.T) {
	p := openPage(t)
	eval[bool](t, p, `(localStorage.removeItem('umplay.lang'), true)`)
	t.Cleanup(func() { Eval[bool](p, `(localStorage.removeItem('umplay.lang'), true)`) })
	if err := p.Open(env.srv.URL+"/?lang=pt-BR", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	if l := eval[string](t, p, `document.documentElement.lang`); l != "pt-BR" {
		t.Fatalf("?lang=pt-BR: <html lang> = %q", l)
	}
	if b := eval[string](t, p, `document.getElementById('boot-text').textContent`); b != "Verificador pronto." {
		t.Errorf("boot text = %q, want Verificador pronto.", b)
	}
	checkTranslated(t, p, msg.PTBR)
	noEnglish(t, p)
	if err := p.SetRequest(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><CallId>abc</CallId></Disconnect></soap:Body></soap:Envelope>`); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!!document.querySelector('#callid-problems li')`, `document.getElementById('callid-problems').textContent`)
	if c := eval[string](t, p, `document.getElementById('callid-problems').textContent`); !strings.Contains(c, "falta o preenchimento") {
		t.Errorf("CallId problems = %q, want Portuguese", c)
	}
	// An embed's setState with lang: en switches the page back.
	eval[bool](t, p, `(umplay.setState(Object.assign(umplay.state(), {lang: 'en'})), true)`)
	wait[bool](t, p, `document.documentElement.lang === 'en'`, `document.documentElement.lang`)
	checkTranslated(t, p, msg.EN)
}

// noEnglish fails on a visible control or label of the Portuguese page
// that reads as English: the English of a catalog entry whose Portuguese
// differs, or an English word (protocol names and XML are not words here).
func noEnglish(t *testing.T, p *Page) {
	t.Helper()
	var texts []string
	if err := json.Unmarshal([]byte(eval[string](t, p, visibleJS)), &texts); err != nil {
		t.Fatal(err)
	}
	if len(texts) < 40 {
		t.Fatalf("%d visible texts, want the page's", len(texts))
	}
	for _, s := range texts {
		if w := english.FindString(s); w != "" {
			t.Errorf("visible text %q has the English word %q", s, w)
		}
	}
}
