//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	checksJS   = `Array.from(document.querySelectorAll('#lesson-checks li')).map(function (li) { return li.dataset.state + ': ' + li.textContent; }).join('\n')`
	lessonsJS  = `document.getElementById('lesson-list').textContent`
	stepNoJS   = `document.getElementById('lesson-stepno').textContent`
	lessonsRdy = `document.getElementById('lessons').getAttribute('data-lessons') === 'ready'`
)

// TestLessonLearner takes the pt-BR namespace lesson like a learner: opens
// it from the course list, reads the task and the pending checks, types a
// wrong answer, sees which check failed with what the engine saw and the
// hints, fixes it, passes, reloads and finds the progress.
func TestLessonLearner(t *testing.T) {
	p := openPage(t)
	eval[chromedp.Void](t, p, `localStorage.removeItem('umplay.lessons.progress')`)
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, lessonsRdy+` && !document.getElementById('lessons-toggle').disabled`)
	if !eval[bool](t, p, `document.getElementById('lessons').hidden`) {
		t.Error("the Lessons panel is open on a plain visit")
	}
	click(t, p, "#lessons-toggle")
	if got := eval[string](t, p, lessonsJS); !strings.Contains(got, "1. Reading a Disconnect request") || !strings.Contains(got, "8. What ASMX does") {
		t.Fatalf("course list = %q", got)
	}
	click(t, p, `button[data-lesson="ptbr-namespace"]`)
	task := wait[string](t, p, `!document.getElementById('lesson-main').hidden && document.getElementById('lesson-task').textContent`)
	if !strings.Contains(task, "pt-BR reference page") {
		t.Errorf("task = %q", task)
	}
	if got := eval[string](t, p, `document.getElementById('request').value`); !strings.Contains(got, `xmlns="https://schemas.microsoft.com/exchange/services/2006/messages"`) {
		t.Errorf("the step's start is not in the editor:\n%s", got)
	}
	// Every check is visible before an attempt.
	if got := eval[string](t, p, checksJS); strings.Count(got, "pending: ") != 3 || !strings.Contains(got, "The server answers HTTP 200.") {
		t.Errorf("checks before an attempt:\n%s", got)
	}
	if !eval[bool](t, p, `document.getElementById('lesson-hints').hidden`) {
		t.Error("hints shown before an attempt")
	}
	// A wrong answer: the envelope namespace "fixed" instead of the messages one.
	wrong := strings.Replace(eval[string](t, p, `document.getElementById('request').value`), "https://schemas.microsoft.com", "https://schemas.microsoft.com ", 1)
	if err := p.SetRequest(wrong); err != nil {
		t.Fatal(err)
	}
	click(t, p, "#lesson-check")
	got := wait[string](t, p, `document.querySelector('#lesson-checks li[data-state="fail"]') && `+checksJS, checksJS)
	if !strings.Contains(got, "fail: failedThe server answers HTTP 200.The engine saw: HTTP 500 Internal Server Error, fault ErrorInvalidRequest") {
		t.Errorf("failed checks do not say what the engine saw:\n%s", got)
	}
	if hints := eval[string](t, p, `document.getElementById('lesson-hints').hidden ? '' : document.getElementById('lesson-hints').textContent`); !strings.Contains(hints, "https → http") {
		t.Errorf("hints after a miss = %q", hints)
	}
	if r := eval[string](t, p, `document.getElementById('lesson-result').textContent`); !strings.Contains(r, "not passed yet") {
		t.Errorf("result = %q", r)
	}
	// The fix, typed with live checking on: the checks turn green as the learner types.
	click(t, p, "#lesson-live")
	fixed := strings.Replace(wrong, "https://schemas.microsoft.com ", "http://schemas.microsoft.com", 1)
	if err := p.SetRequest(fixed); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `document.querySelectorAll('#lesson-checks li[data-state="pass"]').length === 3`, checksJS)
	if r := eval[string](t, p, `document.getElementById('lesson-result').textContent`); !strings.Contains(r, "Step passed") {
		t.Errorf("result after the fix = %q", r)
	}
	if got := eval[string](t, p, lessonsJS); !strings.Contains(got, "The pt-BR namespace typo1 of 2 steps") {
		t.Errorf("course list after the pass = %q", got)
	}
	// Reload: the page is the playground again; the Lessons button brings
	// the lesson back where the learner was, its step passed.
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, lessonsRdy+` && !document.getElementById('lessons-toggle').disabled`)
	if got := eval[string](t, p, `document.getElementById('request').value`); strings.Contains(got, "https://schemas.microsoft.com") {
		t.Error("the reload put the lesson's text in the editor before the learner asked")
	}
	click(t, p, "#lessons-toggle")
	wait[bool](t, p, `!document.getElementById('lesson-main').hidden`)
	if got := eval[string](t, p, stepNoJS); !strings.Contains(got, "Step 1 of 2 · passed before") {
		t.Errorf("after reload: step = %q", got)
	}
	if got := eval[string](t, p, lessonsJS); !strings.Contains(got, "The pt-BR namespace typo1 of 2 steps") {
		t.Errorf("after reload: course list = %q", got)
	}
	// Next step; Reset step puts its start back.
	click(t, p, "#lesson-next")
	wait[bool](t, p, `document.getElementById('lesson-stepno').textContent.indexOf('Step 2 of 2') === 0`, stepNoJS)
	if id := eval[string](t, p, `document.activeElement.id`); id != "lesson-task" {
		t.Errorf("after Next the focus is on %q, want the new task", id)
	}
	start := eval[string](t, p, `document.getElementById('request').value`)
	if !strings.Contains(start, "https://schemas.xmlsoap.org/soap/envelope/") {
		t.Errorf("step 2 start:\n%s", start)
	}
	// A changed version resets that lesson's progress with a notice.
	eval[chromedp.Void](t, p, `(function () { var p = JSON.parse(localStorage.getItem('umplay.lessons.progress')); p.lessons[0].version = 99; localStorage.setItem('umplay.lessons.progress', JSON.stringify(p)); })()`)
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, lessonsRdy+` && !document.getElementById('lessons-toggle').disabled`)
	click(t, p, "#lessons-toggle")
	notice := wait[string](t, p, `!document.getElementById('lesson-notice').hidden && document.getElementById('lesson-notice').textContent`)
	if !strings.Contains(notice, "version 99 → 1") {
		t.Errorf("notice = %q", notice)
	}
	if got := eval[string](t, p, lessonsJS); !strings.Contains(got, "The pt-BR namespace typo0 of 2 steps") {
		t.Errorf("after a version change: course list = %q", got)
	}
	// The page's language switch (as a user picks Português); the lesson follows it.
	eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('lang'); s.value = 'pt-BR'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
	wait[bool](t, p, `document.getElementById('lesson-check').textContent === 'Verificar minha resposta'`, `document.getElementById('lesson-check').textContent`)
	if got := eval[string](t, p, `document.getElementById('lesson-task').textContent`); !strings.Contains(got, "página de referência em pt-BR") {
		t.Errorf("task after the language change = %q", got)
	}
	eval[chromedp.Void](t, p, `localStorage.removeItem('umplay.lessons.progress'); localStorage.removeItem('umplay.lang')`)
}

// TestLessonInstructorLink opens the same instructor link (lesson, step,
// seed, pt-BR) in two fresh pages: both show the same setup CallId, and
// the page's own simulated server holds that call and hands out the same
// next CallIds; another seed
// gives others.
func TestLessonInstructorLink(t *testing.T) {
	link := func(seed string) (setup, sent string) {
		p := openPage(t)
		if err := p.Open(env.srv.URL+"/index.html?lesson=whole-call&step=2&seed="+seed+"&lang=pt-BR", 90*time.Second); err != nil {
			t.Fatal(err)
		}
		wait[bool](t, p, lessonsRdy+` && !document.getElementById('lesson-main').hidden`)
		if got := eval[string](t, p, stepNoJS); !strings.Contains(got, "Passo 2 de 3") || !strings.Contains(got, "semente "+seed) {
			t.Errorf("step = %q", got)
		}
		if got := eval[string](t, p, `document.getElementById('lesson-task').textContent`); !strings.Contains(got, "O servidor iniciou uma chamada") {
			t.Errorf("task not in pt-BR: %q", got)
		}
		setup = eval[string](t, p, `(document.querySelector('#lesson-setup-list code') || {}).textContent || ''`)
		if ed := eval[string](t, p, `document.getElementById('request').value`); setup == "" || !strings.Contains(ed, "<CallId>"+setup+"</CallId>") {
			t.Errorf("setup CallId %q is not in the editor:\n%s", setup, ed)
		}
		if got := eval[string](t, p, `Array.from(document.querySelectorAll('#calls tbody tr[data-call-id]')).map(function (r) { return r.dataset.callId; }).join(' ')`); got != setup {
			t.Errorf("the page's calls table holds %q, want the setup's call %q", got, setup)
		}
		play := readFile(t, "..", "..", "web", "examples", "op-playonphone.xml")
		body := eval[string](t, p, `umplay.send(`+JS(play)+`, {soapAction: '"http://schemas.microsoft.com/exchange/services/2006/messages/PlayOnPhone"'}).body`)
		i, j := strings.Index(body, "<PlayOnPhoneResponse>"), strings.Index(body, "</PlayOnPhoneResponse>")
		if i < 0 || j < i {
			t.Fatalf("PlayOnPhone reply:\n%s", body)
		}
		eval[chromedp.Void](t, p, `localStorage.removeItem('umplay.lessons.progress')`)
		return setup, body[i+len("<PlayOnPhoneResponse>") : j]
	}
	s1, c1 := link("4242")
	s2, c2 := link("4242")
	s3, c3 := link("4243")
	if s1 != s2 || c1 != c2 {
		t.Errorf("same seed, different CallIds: setup %q / %q, sent %q / %q", s1, s2, c1, c2)
	}
	if s1 == s3 || c1 == c3 {
		t.Errorf("another seed gave the same CallIds: %q, %q", s3, c3)
	}
	if s1 == c1 {
		t.Errorf("the page's server handed out the setup's CallId %q twice", s1)
	}
}

// TestLessonClassPage: the class page lists the course and builds the
// instructor links from the seed the instructor types.
func TestLessonClassPage(t *testing.T) {
	p := openPage(t)
	if err := chromedp.Do(p.Ctx, chromedp.Navigate(env.srv.URL+"/class.html")); err != nil {
		t.Fatal(err)
	}
	wait[bool](t, p, `document.documentElement.getAttribute('data-class') === 'ready'`, `document.getElementById('class-msg').textContent`)
	if got := eval[string](t, p, `document.getElementById('class-total').textContent`); !strings.HasPrefix(got, "8 lessons, about ") {
		t.Errorf("total = %q", got)
	}
	eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('class-seed'); s.value = '4242'; s.dispatchEvent(new Event('input')); })()`)
	href := eval[string](t, p, `document.querySelector('a.class__link[data-lesson="whole-call"][data-step="2"]').href`)
	if want := env.srv.URL + "/index.html?lesson=whole-call&step=2&seed=4242&lang=en"; href != want {
		t.Errorf("link = %q, want %q", href, want)
	}
	eval[chromedp.Void](t, p, `(function () { var s = document.getElementById('class-seed'); s.value = '12x'; s.dispatchEvent(new Event('input')); })()`)
	if n := eval[int](t, p, `document.querySelectorAll('a.class__link').length`); n != 0 {
		t.Errorf("%d links for a bad seed, want 0", n)
	}
	if msg := eval[string](t, p, `document.getElementById('class-msg').textContent`); !strings.Contains(msg, "whole number") {
		t.Errorf("message for a bad seed = %q", msg)
	}
}
