//go:build !js

package e2e

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Languages and lessons inside an embed, and a share link carrying pt-BR
// (issues 12 and 13).

// openEmbed opens embed.html with query and fragment, clicks "Load the
// checker" as a reader does and waits until the module is ready.
func openEmbed(t *testing.T, query, frag string) *Page {
	t.Helper()
	p := newTab(t)
	if err := chromedp.Do(p.Ctx, chromedp.Navigate(env.srv.URL+"/embed.html?load=click"+query+frag)); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!document.getElementById('embed-load').hidden`)
	eval[bool](t, p, `document.getElementById('embed-load').click(), true`)
	wait[bool](t, p, `document.documentElement.getAttribute('data-umplay') === 'ready'`, `document.getElementById('boot-text').textContent`)
	return p
}

// stateOfLink inflates the state of an "Open in umplay" link (#s=1.…).
func stateOfLink(t *testing.T, href string) string {
	t.Helper()
	i := strings.Index(href, "#s=1.")
	if i < 0 {
		t.Fatalf("link %q holds no state", href)
	}
	raw, err := base64.RawURLEncoding.DecodeString(href[i+5:])
	if err != nil {
		t.Fatalf("link %q: %v", href, err)
	}
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatalf("link %q: %v", href, err)
	}
	return string(b)
}

const embedExplainJS = `document.querySelector('#response [data-field="explain"]').textContent`

const namespaceDiagJS = `(document.querySelector('#diagnostics li.diag[data-code="operation-namespace"] .diag__message') || {}).textContent || ''`

// TestEmbedLang: the embed in Portuguese from ?lang=pt-BR and from a
// state's lang; the "Open in umplay" link keeps the language.
func TestEmbedLang(t *testing.T) {
	mistake := readFile(t, env.root, "web", "examples", "disconnect-docs-pt-br.xml")
	for _, tc := range []struct{ name, query, frag string }{
		{"query", "&lang=pt-BR", fragmentOf(t, map[string]any{"request": mistake})},
		{"state", "", fragmentOf(t, map[string]any{"request": mistake, "lang": "pt-BR"})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openEmbed(t, tc.query, tc.frag)
			if l := eval[string](t, p, `document.documentElement.lang`); l != "pt-BR" {
				t.Errorf("<html lang> = %q, want pt-BR", l)
			}
			if h := eval[string](t, p, `document.getElementById('response-heading').textContent`); h != "Resposta simulada" {
				t.Errorf("response heading = %q, want Resposta simulada", h)
			}
			if h := eval[string](t, p, `document.getElementById('fix-all').textContent`); h != "Corrigir tudo" {
				t.Errorf("Fix all = %q, want Corrigir tudo", h)
			}
			if h := eval[string](t, p, `document.getElementById('embed-open').textContent`); !strings.HasPrefix(h, "Abrir no umplay") {
				t.Errorf("Open link = %q, want Abrir no umplay", h)
			}
			m := wait[string](t, p, namespaceDiagJS, diagsJS)
			if !strings.Contains(m, "o servidor responde ErrorInvalidRequest") {
				t.Errorf("diagnostic not in Portuguese: %q", m)
			}
			if l := eval[string](t, p, `umplay.state().lang`); l != "pt-BR" {
				t.Errorf("umplay.state().lang = %q", l)
			}
			href := wait[string](t, p, `(function () { var h = document.getElementById('embed-open').href; return /#s=1\./.test(h) && h; })()`)
			if st := stateOfLink(t, href); !strings.Contains(st, `"lang":"pt-BR"`) {
				t.Errorf("the Open in umplay link loses the language: %s", short(st))
			}
		})
	}
	// Before the module: embed-page.js's own few texts.
	t.Run("before load", func(t *testing.T) {
		p := newTab(t)
		if err := chromedp.Do(p.Ctx, chromedp.Navigate(env.srv.URL+"/embed.html?load=click&lang=pt-BR")); err != nil {
			t.Fatal(err)
		}
		wait[bool](t, p, `!document.getElementById('embed-load').hidden`)
		if got := eval[string](t, p, `document.getElementById('embed-load').textContent + ' | ' + document.getElementById('boot-text').textContent + ' | ' + document.documentElement.lang`); got != "Carregar o verificador | Ainda não carregado. | pt-BR" {
			t.Errorf("before the module: %q", got)
		}
		if h := eval[string](t, p, `document.getElementById('embed-open').getAttribute('href')`); h != "index.html?lang=pt-BR" {
			t.Errorf("Open in umplay before the module = %q", h)
		}
		// Let it start, so the tab closes on a ready page.
		eval[bool](t, p, `document.getElementById('embed-load').click(), true`)
		wait[bool](t, p, `document.documentElement.getAttribute('data-umplay') === 'ready'`)
	})
	// umplay.embed(el, {lang}) passes it on.
	t.Run("embed.js", func(t *testing.T) {
		hs := startHosts(t)
		p := openHost(t, hs.host.URL+"/")
		if l := eval[string](t, p, `umplay.embed(document.getElementById('slot'), {lang: 'pt-BR', state: {request: `+JS(mistake)+`}})
			.then(function (h) { return h.getState(); }).then(function (s) { return s.lang; })`); l != "pt-BR" {
			t.Errorf("the embed's state lang = %q, want pt-BR", l)
		}
		if src := eval[string](t, p, `document.querySelector('#slot iframe').src`); !strings.Contains(src, "lang=pt-BR") {
			t.Errorf("iframe src = %q", src)
		}
	})
	// English stays English, and setState with a lang switches the embed.
	t.Run("setState", func(t *testing.T) {
		p := openEmbed(t, "", fragmentOf(t, map[string]any{"request": mistake}))
		if l := eval[string](t, p, `document.documentElement.lang`); l != "en" {
			t.Errorf("<html lang> = %q in an English browser, want en", l)
		}
		if m := wait[string](t, p, namespaceDiagJS, diagsJS); m == "" || strings.Contains(m, "o servidor") {
			t.Errorf("English diagnostic = %q", m)
		}
		en := eval[string](t, p, embedExplainJS)
		eval[bool](t, p, `umplay.setState({request: `+JS(mistake)+`, lang: 'pt-BR'}), true`)
		wait[bool](t, p, `document.documentElement.lang === 'pt-BR' && document.getElementById('response-heading').textContent === 'Resposta simulada'`,
			`document.documentElement.lang`, `document.getElementById('response-heading').textContent`)
		if m := wait[string](t, p, namespaceDiagJS, diagsJS); !strings.Contains(m, "o servidor responde ErrorInvalidRequest") {
			t.Errorf("diagnostic after setState = %q", m)
		}
		if pt := eval[string](t, p, embedExplainJS); pt == "" || pt == en {
			t.Errorf("response explanation not translated: en %q, pt-BR %q", en, pt)
		}
	})
}

// TestEmbedLesson: a lesson step inside an embed, graded live: the failing
// check with what the engine saw and the hint, the fix typed, the checks
// pass; an unknown lesson id gives a message.
func TestEmbedLesson(t *testing.T) {
	p := openEmbed(t, "&lesson=ptbr-namespace&step=1", "")
	task := wait[string](t, p, `!document.getElementById('lesson-main').hidden && document.getElementById('lesson-task').textContent`)
	if !strings.Contains(task, "pt-BR reference page") {
		t.Errorf("task = %q", task)
	}
	got := wait[string](t, p, `document.querySelector('#lesson-checks li[data-state="fail"]') && `+checksJS, checksJS)
	if !strings.Contains(got, "fail: failedThe server answers HTTP 200.The engine saw: HTTP 500 Internal Server Error, fault ErrorInvalidRequest") {
		t.Errorf("failed checks do not say what the engine saw:\n%s", got)
	}
	if hints := eval[string](t, p, `document.getElementById('lesson-hints').hidden ? '' : document.getElementById('lesson-hints').textContent`); !strings.Contains(hints, "https → http") {
		t.Errorf("hints after a miss = %q", hints)
	}
	fixed := strings.Replace(eval[string](t, p, `document.getElementById('request').value`), "https://schemas.microsoft.com", "http://schemas.microsoft.com", 1)
	if err := p.SetRequest(fixed); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `document.querySelectorAll('#lesson-checks li[data-state="pass"]').length === 3`, checksJS)
	if r := eval[string](t, p, `document.getElementById('lesson-result').textContent`); !strings.Contains(r, "Step passed") {
		t.Errorf("result after the fix = %q", r)
	}
	// The block sits above the editor.
	if !eval[bool](t, p, `document.getElementById('lessons').getBoundingClientRect().bottom <= document.getElementById('editor').getBoundingClientRect().top`) {
		t.Error("the lesson block is not above the editor")
	}

	t.Run("pt-BR", func(t *testing.T) {
		p := openEmbed(t, "&lesson=ptbr-namespace&step=1&lang=pt-BR", "")
		got := wait[string](t, p, `document.querySelector('#lesson-checks li[data-state="fail"]') && `+checksJS, checksJS)
		if !strings.Contains(got, "falhou") || !strings.Contains(got, "O motor viu") {
			t.Errorf("checks not in Portuguese:\n%s", got)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		p := openEmbed(t, "&lesson=no-such-lesson", "")
		n := wait[string](t, p, `!document.getElementById('lesson-notice').hidden && !document.getElementById('lessons').hidden && document.getElementById('lesson-notice').textContent`)
		if !strings.Contains(n, "The link names no lesson of this course.") {
			t.Errorf("notice = %q", n)
		}
	})
}

// TestShareLinkLang: Português chosen with the switch, Copy link, the link
// opened in a fresh tab with localStorage cleared: the page is in pt-BR.
func TestShareLinkLang(t *testing.T) {
	p := openAt(t, env.srv.URL+"/")
	t.Cleanup(func() { Eval[bool](p, `(localStorage.removeItem('umplay.lang'), true)`) })
	eval[bool](t, p, `(function () { var s = document.getElementById('lang'); s.value = 'pt-BR';
		s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	wait[bool](t, p, `document.documentElement.lang === 'pt-BR'`, `document.documentElement.lang`)
	link := copyLink(t, p)
	closeShare(t, p)
	eval[bool](t, p, `(localStorage.clear(), true)`)

	q := newTab(t)
	if err := q.Open(link, 90*time.Second); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, q, `document.documentElement.lang === 'pt-BR'`, `document.documentElement.lang`)
	if b := eval[string](t, q, `document.getElementById('fix-all').textContent`); b != "Corrigir tudo" {
		t.Errorf("Fix all = %q on the linked page, want Corrigir tudo", b)
	}
}

// TestEmbedLessonUnavailable: when the course cannot be fetched, an embed
// (or a link) that names a lesson says so in the lesson block instead of
// showing nothing.
func TestEmbedLessonUnavailable(t *testing.T) {
	srv, p := servedWith(t, "/lessons/index.json", func(w http.ResponseWriter, _ *http.Request, _ http.Handler) {
		http.Error(w, "gone", http.StatusServiceUnavailable)
	})
	t.Cleanup(func() { // as checkClean, on this server, the 503 expected
		for _, m := range p.Errors() {
			if !strings.Contains(m.Text, "503") {
				t.Errorf("console: %s", m)
			}
		}
		for _, r := range p.Foreign(srv.URL) {
			t.Errorf("request left the origin %s: %s", srv.URL, r)
		}
		p.Close()
	})
	if err := chromedp.Do(p.Ctx, chromedp.Navigate(srv.URL+"/embed.html?load=click&lesson=ptbr-namespace&step=1")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `!document.getElementById('embed-load').hidden`)
	eval[bool](t, p, `document.getElementById('embed-load').click(), true`)
	n := wait[string](t, p, `!document.getElementById('lessons').hidden && !document.getElementById('lesson-notice').hidden && document.getElementById('lesson-notice').textContent`,
		`document.getElementById('lesson-notice').textContent`)
	if !strings.Contains(n, "The lessons could not be loaded") || !strings.Contains(n, "503") {
		t.Errorf("notice = %q, want the reason the lessons could not be loaded", n)
	}
}
