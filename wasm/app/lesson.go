//go:build js && wasm

package main

import (
	"io"
	"strconv"
	"sync"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"umplay/wasm/lesson"
	"umplay/wasm/soap"
)

// The Lessons panel (issue 13): the course of web/lessons/, one step at a
// time, graded by package lesson against the same engine as the page.
// Progress lives in localStorage under progressKey.

const progressKey = "umplay.lessons.progress"

var lessons struct {
	list     []*lesson.Lesson
	files    []string
	cur      *lesson.Lesson
	step     int
	seed     uint64
	lang     string
	progress lesson.Progress
	tried    bool // "Check my answer" was pressed on this step
	passed   bool // the last evaluation passed
	// hintsLive shows the hints after any miss, not only after "Check my
	// answer" (an embed's lesson step, graded live: embed.go).
	hintsLive bool
	timer     *time.Timer
}

// linkParams are the instructor link's query parameters, read once.
var linkParams struct {
	once               sync.Once
	lesson, step, lang string
	seed               uint64
	seeded             bool
	seedErr            string
}

func readLink() {
	linkParams.once.Do(func() {
		defer func() { recover() }()
		q := js.Global().Get("URLSearchParams").New(js.Global().Get("location").Get("search"))
		get := func(k string) string {
			v := q.Call("get", k)
			if v.Type() != js.TypeString || len(v.String()) > 64 {
				return ""
			}
			return v.String()
		}
		linkParams.lesson, linkParams.step, linkParams.lang = get("lesson"), get("step"), get("lang")
		if s := get("seed"); s != "" {
			if n, err := lesson.ParseSeed(s); err == nil {
				linkParams.seed, linkParams.seeded = n, true
			} else {
				linkParams.seedErr = err.Error()
			}
		}
	})
}

// pageSeed, once a step with setup requests was opened, seeds the page's
// server with the lesson's seed, so that it hands out the CallIds the
// grading server does.
var pageSeed struct {
	set bool
	v   uint64
}

// pageRand is the random source of the page's simulated server: seeded by
// an instructor link's seed= (every learner gets the same CallIds), else
// the browser's crypto.getRandomValues.
func pageRand() io.Reader {
	readLink()
	if pageSeed.set {
		return lesson.Rand(pageSeed.v)
	}
	if linkParams.seeded {
		return lesson.Rand(linkParams.seed)
	}
	return webRandom{}
}

// langOf maps a language tag to the lessons' languages: Portuguese is
// pt-BR, anything else English.
func langOf(tag string) string {
	if len(tag) >= 2 && (tag[:2] == "pt" || tag[:2] == "PT") {
		return lesson.PTBR
	}
	return lesson.EN
}

// ui is the panel's own text in the page language.
func ui(en, pt string) string { return lesson.Text{EN: en, PTBR: pt}.In(lessons.lang) }

var (
	lsPanel, lsList, lsMain, lsNotice, lsTitle, lsSummary, lsStepNo, lsTask *element
	lsSetup, lsSetupList, lsChecks, lsHints, lsResult, lsStatus             *element
	lsPrev, lsNext, lsCheck, lsReset, lsExport, lsResetAll, lsClose         *dom.HTMLButtonElement
	lsLive                                                                  *dom.HTMLInputElement
	lsToggle                                                                *dom.HTMLButtonElement
)

// initLessons wires the panel and loads the course in a goroutine.
func initLessons() {
	readLink()
	lessons.lang = langOf(linkParams.lang)
	if linkParams.lang == "" {
		lessons.lang = langOf(jsDoc.Get("documentElement").Call("getAttribute", "lang").String())
	}
	lessons.seed = lesson.DefaultSeed
	if linkParams.seeded {
		lessons.seed = linkParams.seed
	}
	lsPanel, lsToggle = byID("lessons"), buttonByID("lessons-toggle")
	lsList, lsMain, lsNotice = byID("lesson-list"), byID("lesson-main"), byID("lesson-notice")
	lsTitle, lsSummary, lsStepNo, lsTask = byID("lesson-title"), byID("lesson-summary"), byID("lesson-stepno"), byID("lesson-task")
	lsSetup, lsSetupList, lsChecks, lsHints = byID("lesson-setup"), byID("lesson-setup-list"), byID("lesson-checks"), byID("lesson-hints")
	lsResult, lsStatus = byID("lesson-result"), byID("lesson-status")
	lsPrev, lsNext, lsCheck, lsReset = buttonByID("lesson-prev"), buttonByID("lesson-next"), buttonByID("lesson-check"), buttonByID("lesson-reset")
	lsExport, lsResetAll, lsClose = buttonByID("lesson-export"), buttonByID("lesson-reset-all"), buttonByID("lesson-close")
	lsLive = inputByID("lesson-live")
	// The page's language switch (if any) sets <html lang>: follow it.
	obs := js.Global().Get("MutationObserver")
	if obs.Type() == js.TypeFunction {
		cb := js.FuncOf(func(js.Value, []js.Value) any {
			defer guard("lesson language")
			l := langOf(jsDoc.Get("documentElement").Call("getAttribute", "lang").String())
			if l != lessons.lang {
				lessons.lang = l
				renderCourse()
				if lessons.cur != nil {
					showStep()
				}
			}
			return nil
		})
		obs.New(cb).Call("observe", jsDoc.Get("documentElement"), map[string]any{"attributes": true, "attributeFilter": []any{"lang"}})
	}
	on(lsToggle, "click", func(dom.Event) { togglePanel() })
	on(lsList, "click", func(ev dom.Event) {
		if t := target(ev); t != nil {
			if b := t.Closest("button[data-lesson]"); b != nil {
				id := b.GetAttribute("data-lesson")
				replaceRequest(ui("the lesson's step", "o passo da lição"), func() {
					openLesson(id, -1)
					lsTask.Focus()
				}, nil)
			}
		}
	})
	on(lsCheck, "click", func(dom.Event) { lessons.tried = true; gradeNow() })
	on(lsPrev, "click", func(dom.Event) { goStep(lessons.step - 1) })
	on(lsNext, "click", func(dom.Event) { goStep(lessons.step + 1) })
	on(lsReset, "click", func(dom.Event) { resetStep() })
	on(lsClose, "click", func(dom.Event) { closeLesson() })
	on(lsExport, "click", func(dom.Event) { exportProgress() })
	on(lsResetAll, "click", func(dom.Event) {
		ask(ui("Forget your progress in every lesson?", "Esquecer o seu progresso em todas as lições?"), ui("Forget", "Esquecer"), ui("Cancel", "Cancelar"), func() {
			lessons.progress = lesson.Progress{}
			saveProgress()
			renderCourse()
			if lessons.cur != nil {
				showStep()
			}
		}, nil)
	})
	on(lsLive, "change", func(dom.Event) {
		if lsLive.Checked() {
			scheduleGrade()
		}
	})
	for _, t := range []dom.EventTarget{request, action, contentType, present} {
		on(t, "input", func(dom.Event) { scheduleGrade() })
		on(t, "change", func(dom.Event) { scheduleGrade() })
	}
	lessons.progress = loadProgress()
	go loadCourse()
}

// loadCourse fetches lessons/index.json and every lesson, then opens the
// instructor link's lesson, if any (the one last open comes back with the
// Lessons button: see togglePanel).
func loadCourse() {
	defer guard("loading the lessons")
	defer byID("lessons").SetAttribute("data-lessons", "ready")
	text, err := fetchText("lessons/index.json")
	if err != nil {
		m := ui("The lessons could not be loaded: ", "Não foi possível carregar as lições: ") + err.Error()
		lsStatus.SetTextContent(m)
		if linkParams.lesson != "" { // a link (or an embed) asked for a lesson: say why none shows
			showPanel(true)
			notice(m)
		}
		return
	}
	entries, errs := lesson.ParseIndex([]byte(text))
	if len(errs) > 0 {
		lsStatus.SetTextContent("lessons/index.json:" + errs[0].Error())
	}
	for _, e := range entries {
		if len(errs) > 0 && !lesson.ValidID(e.ID) {
			continue
		}
		body, err := fetchText("lessons/" + e.File)
		if err != nil {
			lsStatus.SetTextContent(err.Error())
			continue
		}
		l, lerrs := lesson.Parse([]byte(body))
		if len(lerrs) > 0 || l == nil {
			lsStatus.SetTextContent("lessons/" + e.File + ":" + lerrs[0].Error())
			continue
		}
		lessons.list = append(lessons.list, l)
	}
	renderCourse()
	lsToggle.SetDisabled(false)
	if id := linkParams.lesson; id != "" {
		step := -1
		if n, err := strconv.Atoi(linkParams.step); err == nil {
			step = n - 1
		}
		if find(id) == nil {
			showPanel(true)
			notice(ui("The link names no lesson of this course.", "O link não indica nenhuma lição deste curso."))
			return
		}
		openLesson(id, step)
		if linkParams.seedErr != "" {
			notice(ui("The link's seed was ignored: ", "A semente do link foi ignorada: ") + linkParams.seedErr)
		}
		return
	}
}

// showPanel shows or hides the Lessons panel (the header's Lessons button).
func showPanel(on bool) {
	setHidden(lsPanel, !on)
	lsToggle.SetAttribute("aria-expanded", strconv.FormatBool(on))
}

// togglePanel opens the panel, and with it the lesson last open (asking
// before the editor's edits are replaced), or closes it.
func togglePanel() {
	if !lsPanel.HasAttribute("hidden") {
		showPanel(false)
		return
	}
	showPanel(true)
	if id := lessons.progress.Current; lessons.cur == nil && id != "" && find(id) != nil {
		replaceRequest(ui("the lesson's step", "o passo da lição"), func() { openLesson(id, -1) }, nil)
	}
}

func find(id string) *lesson.Lesson {
	for _, l := range lessons.list {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// renderCourse lists the lessons with how many steps are done.
func renderCourse() {
	ul := lsList.Underlying()
	ul.Set("textContent", "")
	total := 0
	for i, l := range lessons.list {
		done := 0
		for _, lp := range lessons.progress.Lessons {
			if lp.ID == l.ID && lp.Version == l.Version {
				done = len(lp.Done)
			}
		}
		total += l.Minutes
		li := elem("li", "lessons__item", "")
		b := elem("button", "lessons__open", strconv.Itoa(i+1)+". "+l.Title.In(lessons.lang))
		b.Set("type", "button")
		b.Call("setAttribute", "data-lesson", l.ID)
		if lessons.cur == l {
			b.Call("setAttribute", "aria-current", "step")
		}
		meta := ui(strconv.Itoa(done)+" of "+strconv.Itoa(len(l.Steps))+" steps · about "+strconv.Itoa(l.Minutes)+" min",
			strconv.Itoa(done)+" de "+strconv.Itoa(len(l.Steps))+" passos · cerca de "+strconv.Itoa(l.Minutes)+" min")
		m := elem("span", "lessons__meta", meta)
		if done == len(l.Steps) {
			setClassJS(li, "lessons__item--done")
		}
		add(ul, add(li, b, m))
	}
	if len(lessons.list) > 0 && lsStatus.TextContent() == "" {
		lsStatus.SetTextContent(ui(strconv.Itoa(len(lessons.list))+" lessons, about "+strconv.Itoa(total)+" min",
			strconv.Itoa(len(lessons.list))+" lições, cerca de "+strconv.Itoa(total)+" min"))
	}
}

func setClassJS(v js.Value, c string) { v.Get("classList").Call("add", c) }

func notice(msg string) {
	lsNotice.SetTextContent(msg)
	setHidden(lsNotice, msg == "")
}

// openLesson opens lesson id at step (0-based; -1: the stored step).
func openLesson(id string, step int) {
	l := find(id)
	if l == nil {
		return
	}
	lp, old := lessons.progress.Lesson(l.ID, l.Version)
	notice("")
	if old != 0 {
		notice(ui("This lesson changed since your last visit (version "+strconv.Itoa(old)+" → "+strconv.Itoa(l.Version)+"): its progress starts again.",
			"Esta lição mudou desde a sua última visita (versão "+strconv.Itoa(old)+" → "+strconv.Itoa(l.Version)+"): o progresso dela recomeça."))
	}
	if step < 0 || step >= len(l.Steps) {
		step = lp.Step
		if step >= len(l.Steps) {
			step = 0
		}
	}
	lessons.cur = l
	lessons.progress.Current = l.ID
	showPanel(true)
	byID("lesson-course").RemoveAttribute("open") // the step needs the room
	setHidden(lsMain, false)
	loadStep(step, true)
}

func closeLesson() {
	lessons.cur = nil
	lessons.progress.Current = ""
	saveProgress()
	setHidden(lsMain, true)
	byID("lesson-course").SetAttribute("open", "")
	renderCourse()
}

// goStep moves to step i, asking before the learner's edits are replaced
// (not when the step just passed: its text is done with).
func goStep(i int) {
	if lessons.cur == nil || i < 0 || i >= len(lessons.cur.Steps) {
		return
	}
	do := func() {
		loadStep(i, true)
		lsTask.Focus() // the new task is what to read next (and Next may now be disabled)
	}
	if lessons.passed {
		do()
		return
	}
	replaceRequest(ui("this step's start", "o início deste passo"), do, nil)
}

// resetStep puts the step's start state back and forgets that it passed.
func resetStep() {
	if lessons.cur == nil {
		return
	}
	lp, _ := lessons.progress.Lesson(lessons.cur.ID, lessons.cur.Version)
	lp.Mark(lessons.step, false)
	loadStep(lessons.step, true)
}

// loadStep shows step i and, if load, puts its start state in the editor.
func loadStep(i int, load bool) {
	l := lessons.cur
	lessons.step = i
	lp, _ := lessons.progress.Lesson(l.ID, l.Version)
	lp.Step = i
	saveProgress()
	if load {
		if st := &l.Steps[i]; len(st.Setup) > 0 {
			// The page's server gets what the grading server got, so that
			// Send and the calls table agree with the checks.
			pageSeed.set, pageSeed.v = true, lessons.seed
			resetNow()
			for _, a := range st.Setup {
				send(a.Request, a.Head(), nil)
			}
		}
		a := l.StartState(i, lessons.seed)
		s := currentState()
		s.Request, s.SOAPAction, s.SOAPActionPresent, s.ContentType, s.Example = a.Request, a.SOAPAction, a.SOAPActionPresent, a.ContentType, ""
		apply(s)
	}
	lessons.tried, lessons.passed = false, false
	showStep()
}

// showStep renders the current step with every check pending.
func showStep() {
	l, i := lessons.cur, lessons.step
	st := &l.Steps[i]
	lsTitle.SetTextContent(l.Title.In(lessons.lang))
	lsSummary.SetTextContent(l.Summary.In(lessons.lang))
	lp, _ := lessons.progress.Lesson(l.ID, l.Version)
	no := ui("Step "+strconv.Itoa(i+1)+" of "+strconv.Itoa(len(l.Steps)), "Passo "+strconv.Itoa(i+1)+" de "+strconv.Itoa(len(l.Steps)))
	if lp.IsDone(i) {
		no += ui(" · passed before", " · já concluído")
	}
	if linkParams.seeded {
		no += ui(" · seed ", " · semente ") + strconv.FormatUint(lessons.seed, 10)
	}
	lsStepNo.SetTextContent(no)
	lsTask.SetTextContent(st.Task.In(lessons.lang))
	sl := lsSetupList.Underlying()
	sl.Set("textContent", "")
	if len(st.Setup) > 0 {
		resps, id := lesson.Prepare(st, lessons.seed)
		for j, a := range st.Setup {
			r := resps[j]
			op := "—"
			if rep := soap.Check(a.Request, a.Head()); rep.Operation != "" {
				op = string(rep.Operation)
			}
			add(sl, elem("li", "lessons__setup-item", op+" → "+strconv.Itoa(r.Status)+" "+r.StatusText))
		}
		if id != "" {
			li := elem("li", "lessons__setup-item", "CallId: ")
			add(li, elem("code", "lessons__callid", id))
			add(sl, li)
		}
	}
	setHidden(lsSetup, len(st.Setup) == 0)
	renderChecks(nil)
	setHidden(lsHints, true)
	lsResult.SetTextContent("")
	lsPrev.SetDisabled(i == 0)
	lsNext.SetDisabled(i == len(l.Steps)-1)
	renderCourse()
	if lsLive.Checked() {
		scheduleGrade()
	}
}

// renderChecks lists every check of the step: pending when run is nil,
// else passed or failed with what the engine saw and, after a miss, the
// check's hint.
func renderChecks(run *lesson.Run) {
	st := &lessons.cur.Steps[lessons.step]
	ol := lsChecks.Underlying()
	ol.Set("textContent", "")
	for j := range st.Checks {
		c := &st.Checks[j]
		state, mark := "pending", ui("pending", "pendente")
		var res *lesson.Result
		if run != nil {
			res = &run.Results[j]
			state, mark = "fail", ui("failed", "falhou")
			if res.Pass {
				state, mark = "pass", ui("passed", "passou")
			}
		}
		li := elem("li", "lesson-check lesson-check--"+state, "")
		li.Call("setAttribute", "data-state", state)
		li.Call("setAttribute", "data-kind", c.Kind)
		add(li, elem("span", "lesson-check__mark", mark), elem("span", "lesson-check__desc", c.Describe().In(lessons.lang)))
		if res != nil {
			add(li, elem("span", "lesson-check__saw", ui("The engine saw: ", "O motor viu: ")+res.Saw.In(lessons.lang)))
			if !res.Pass && c.Hint.EN != "" {
				add(li, elem("span", "lesson-check__hint", ui("Hint: ", "Dica: ")+c.Hint.In(lessons.lang)))
			}
		}
		add(ol, li)
	}
}

// scheduleGrade grades shortly after an edit when live checking is on (the
// delay lets a program's change of text and head land together).
func scheduleGrade() {
	if lessons.cur == nil || !lsLive.Checked() {
		return
	}
	if lessons.timer != nil {
		lessons.timer.Stop()
	}
	lessons.timer = time.AfterFunc(80*time.Millisecond, func() {
		defer guard("lesson check")
		if lessons.cur != nil && ed.length() <= lesson.MaxRequest {
			gradeNow()
		}
	})
}

// gradeNow evaluates the editor's request against the step and renders the
// results; a pass is stored.
func gradeNow() {
	l := lessons.cur
	if l == nil {
		return
	}
	readHead()
	a := lesson.Attempt{Request: ed.text(), SOAPAction: state.SOAPAction, SOAPActionPresent: state.SOAPActionPresent, ContentType: state.ContentType}
	st := &l.Steps[lessons.step]
	run := lesson.Evaluate(st, a, lessons.seed)
	renderChecks(&run)
	lessons.passed = run.Passed()
	failed := 0
	for _, r := range run.Results {
		if !r.Pass {
			failed++
		}
	}
	hl := lsHints.Underlying()
	hl.Set("textContent", "")
	if lessons.passed {
		lp, _ := lessons.progress.Lesson(l.ID, l.Version)
		lp.Mark(lessons.step, true)
		saveProgress()
		renderCourse()
		msg := ui("Step passed: every check is green.", "Passo concluído: todas as verificações passaram.")
		if lessons.step == len(l.Steps)-1 {
			msg = ui("Lesson complete: every step passed.", "Lição concluída: todos os passos passaram.")
			if len(lp.Done) < len(l.Steps) {
				msg = ui("Last step passed.", "Último passo concluído.")
			}
		}
		lsResult.SetTextContent(msg)
		setClass(lsResult, "lessons__result--pass", true)
		setHidden(lsHints, true)
		return
	}
	setClass(lsResult, "lessons__result--pass", false)
	lsResult.SetTextContent(ui(plural(failed, "check")+" of "+strconv.Itoa(len(run.Results))+" not passed yet.",
		strconv.Itoa(failed)+" de "+strconv.Itoa(len(run.Results))+" verificações ainda não passaram."))
	if lessons.tried || lessons.hintsLive {
		add(hl, elem("p", "lessons__hints-title", ui("Hints", "Dicas")))
		ul := elem("ul", "lessons__hints-list", "")
		for _, h := range st.Hints {
			add(ul, elem("li", "", h.In(lessons.lang)))
		}
		add(hl, ul)
		setHidden(lsHints, false)
	}
}

// storage returns window.localStorage, or undefined where it is refused.
func storage() (s js.Value) {
	defer func() {
		if recover() != nil {
			s = js.Undefined()
		}
	}()
	return js.Global().Get("localStorage")
}

func loadProgress() lesson.Progress {
	defer guard("reading the lesson progress")
	s := storage()
	if s.Type() != js.TypeObject {
		return lesson.Progress{}
	}
	v := s.Call("getItem", progressKey)
	if v.Type() != js.TypeString {
		return lesson.Progress{}
	}
	p, err := lesson.ParseProgress([]byte(v.String()))
	if err != nil {
		notice(ui("Your stored progress could not be read and starts again.", "O seu progresso salvo não pôde ser lido e recomeça."))
	}
	return p
}

func saveProgress() {
	defer func() { recover() }() // a full or refused storage must not stop the lesson
	if s := storage(); s.Type() == js.TypeObject {
		s.Call("setItem", progressKey, string(lessons.progress.JSON()))
	}
}

// exportProgress downloads the progress as umplay-progress.json.
func exportProgress() {
	data := lessons.progress.JSON()
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": "application/json"})
	u := js.Global().Get("URL").Call("createObjectURL", blob)
	a := elem("a", "", "")
	a.Set("href", u)
	a.Set("download", "umplay-progress.json")
	add(jsDoc.Get("body"), a)
	a.Call("click")
	a.Call("remove")
	time.AfterFunc(time.Second, func() { js.Global().Get("URL").Call("revokeObjectURL", u) })
}
