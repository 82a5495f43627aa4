// Package lesson reads umplay's lesson files (web/lessons/*.json, format in
// web/lessons/README.md) and grades a learner's attempt with the same engine
// the page shows: soap.Check for diagnostics and the operation, a seeded
// umsim server for the HTTP answer and the call lifecycle (MS-OXWUMS
// 3.1.1.1), callid.Decode for the CallId's host.
//
// Parse reports every problem of a file with its line and column (from
// jsonv's byte offsets); Validate then runs each step's start state and
// reference solution through Evaluate, as `umplay lesson check` does.
// The package is pure Go and links into the browser program, so it reads
// JSON with jsonv, not encoding/json.
package lesson

import (
	"strconv"
	"strings"

	"umplay/wasm/jsonv"
	"umplay/wasm/soap"
)

// Languages every text of a lesson is written in.
const (
	EN   = "en"
	PTBR = "pt-BR"
)

// Limits of a lesson file.
const (
	MaxFileBytes = 256 << 10
	MaxSteps     = 20
	MaxChecks    = 12
	MaxSetup     = 4
	MaxHints     = 6
	MaxText      = 4000
	MaxRequest   = 64 << 10
)

// Text is one text in both languages.
type Text struct{ EN, PTBR string }

// In returns the text in lang ("pt-BR", or "pt…" for Portuguese), English
// otherwise.
func (t Text) In(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "pt") && t.PTBR != "" {
		return t.PTBR
	}
	return t.EN
}

// Attempt is what a learner sends: the page's request fields.
type Attempt struct {
	Request           string
	SOAPAction        string // raw header value, quotes included
	SOAPActionPresent bool
	ContentType       string // "" sends no Content-Type header
}

// DefaultAttempt is the page's default head with an empty request.
func DefaultAttempt() Attempt {
	h := soap.DefaultHead()
	return Attempt{SOAPAction: h.SOAPAction, SOAPActionPresent: h.SOAPActionPresent, ContentType: soap.DefaultContentType}
}

// Head is the HTTP head a is sent with.
func (a Attempt) Head() soap.Head {
	return soap.Head{SOAPActionPresent: a.SOAPActionPresent, SOAPAction: a.SOAPAction,
		ContentType: a.ContentType, NoContentType: a.ContentType == ""}
}

// With returns a with every "${callId}" in its request replaced by id.
func (a Attempt) With(callID string) Attempt {
	if callID != "" {
		a.Request = strings.ReplaceAll(a.Request, CallIDVar, callID)
	}
	return a
}

// CallIDVar in a step's start state or solution stands for the CallId of
// the last call the step's setup started.
const CallIDVar = "${callId}"

// Check kinds.
const (
	KindStatus       = "status"
	KindFault        = "fault"
	KindNoDiagnostic = "noDiagnostic"
	KindDiagnostic   = "diagnostic"
	KindSOAPAction   = "soapAction"
	KindCallState    = "callState"
	KindCallIDHost   = "callIdHost"
	KindOperation    = "operation"
)

// Kinds lists every check kind, in the order the README documents them.
var Kinds = []string{KindStatus, KindFault, KindNoDiagnostic, KindDiagnostic, KindSOAPAction, KindCallState, KindCallIDHost, KindOperation}

// Check is one graded condition of a step.
type Check struct {
	Kind     string
	Status   int    // status
	Code     string // fault (faultcode local name or EWS ResponseCode), diagnostic, noDiagnostic
	Severity string // noDiagnostic: no diagnostic of this severity (instead of a code)
	Value    string // soapAction: the raw header value
	State    string // callState
	Host     string // callIdHost
	Name     string // operation
	Text     Text   // optional: replaces the generated description
	Hint     Text   // optional: shown when the check fails
	Offset   int    // of the check's object in the file
}

// Step is one task of a lesson.
type Step struct {
	Task     Text
	Setup    []Attempt // sent to the server before the attempt
	Start    *Attempt  // nil: the previous step's solution (the lesson's start for the first)
	Checks   []Check
	Hints    []Text
	Solution Attempt
	Offset   int
}

// Lesson is one lesson file.
type Lesson struct {
	ID      string
	Version int
	Title   Text
	Summary Text
	Minutes int // estimated time for a first-time learner
	Start   Attempt
	Steps   []Step
	Offset  int
}

// StartOf returns the state step i starts from, before ${callId} is
// replaced (see Prepare).
func (l *Lesson) StartOf(i int) Attempt {
	switch {
	case l.Steps[i].Start != nil:
		return *l.Steps[i].Start
	case i == 0:
		return l.Start
	default:
		return l.Steps[i-1].Solution
	}
}

// Error is a problem in a lesson file at a byte offset.
type Error struct {
	Offset       int
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
}

// ErrorList is every problem found, in the order found.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// reader walks a parsed file and collects errors with positions.
type reader struct {
	data []byte
	errs ErrorList
}

func (r *reader) errorf(off int, msg string) {
	if len(r.errs) >= 100 {
		return
	}
	line, col := jsonv.LineCol(r.data, off)
	r.errs = append(r.errs, &Error{Offset: off, Line: line, Column: col, Msg: "lesson: " + msg})
}

// object checks that v is an object with only the allowed keys and the
// required ones.
func (r *reader) object(v *jsonv.Value, what string, required []string, optional ...string) bool {
	if v == nil {
		return false
	}
	if v.Kind != jsonv.Object {
		r.errorf(v.Offset, what+" must be an object, not "+v.Kind.String())
		return false
	}
	for _, m := range v.Members {
		known := false
		for _, k := range required {
			known = known || k == m.Key
		}
		for _, k := range optional {
			known = known || k == m.Key
		}
		if !known {
			r.errorf(m.KeyOffset, "unknown key "+strconv.Quote(m.Key)+" in "+what+" (known: "+strings.Join(append(append([]string{}, required...), optional...), ", ")+")")
		}
	}
	for _, k := range required {
		if v.Get(k) == nil {
			r.errorf(v.Offset, what+" has no "+strconv.Quote(k))
		}
	}
	return true
}

func (r *reader) str(v *jsonv.Value, what string, max int) string {
	if v == nil {
		return ""
	}
	if v.Kind != jsonv.String {
		r.errorf(v.Offset, what+" must be a string, not "+v.Kind.String())
		return ""
	}
	if len(v.Str) > max {
		r.errorf(v.Offset, what+" is "+strconv.Itoa(len(v.Str))+" bytes, limit is "+strconv.Itoa(max))
	}
	return v.Str
}

func (r *reader) nonEmpty(v *jsonv.Value, what string, max int) string {
	s := r.str(v, what, max)
	if v != nil && v.Kind == jsonv.String && strings.TrimSpace(s) == "" {
		r.errorf(v.Offset, what+" is empty")
	}
	return s
}

func (r *reader) integer(v *jsonv.Value, what string, min, max int64) int {
	if v == nil {
		return 0
	}
	n, ok := v.Int()
	if v.Kind != jsonv.Number || !ok || n < min || n > max {
		r.errorf(v.Offset, what+" must be an integer from "+strconv.FormatInt(min, 10)+" to "+strconv.FormatInt(max, 10))
		return 0
	}
	return int(n)
}

func (r *reader) boolean(v *jsonv.Value, what string) bool {
	if v == nil {
		return false
	}
	if v.Kind != jsonv.Bool {
		r.errorf(v.Offset, what+" must be true or false, not "+v.Kind.String())
	}
	return v.Bool
}

func (r *reader) array(v *jsonv.Value, what string, min, max int) []*jsonv.Value {
	if v == nil {
		return nil
	}
	if v.Kind != jsonv.Array {
		r.errorf(v.Offset, what+" must be an array, not "+v.Kind.String())
		return nil
	}
	if len(v.Elems) < min || len(v.Elems) > max {
		r.errorf(v.Offset, what+" must have "+strconv.Itoa(min)+" to "+strconv.Itoa(max)+" entries, not "+strconv.Itoa(len(v.Elems)))
	}
	if len(v.Elems) > max {
		return v.Elems[:max]
	}
	return v.Elems
}

// text reads {"en": …, "pt-BR": …}: both required and not empty.
func (r *reader) text(v *jsonv.Value, what string) Text {
	if !r.object(v, what, []string{EN, PTBR}) {
		return Text{}
	}
	return Text{EN: r.nonEmpty(v.Get(EN), what+" (en)", MaxText), PTBR: r.nonEmpty(v.Get(PTBR), what+" (pt-BR)", MaxText)}
}

// request reads a request: a string, or an array of lines joined with "\n".
func (r *reader) request(v *jsonv.Value, what string) string {
	if v == nil {
		return ""
	}
	if v.Kind == jsonv.Array {
		lines := make([]string, 0, len(v.Elems))
		n := 0
		for _, e := range v.Elems {
			s := r.str(e, what+" line", MaxRequest)
			n += len(s) + 1
			lines = append(lines, s)
		}
		if n > MaxRequest {
			r.errorf(v.Offset, what+" is "+strconv.Itoa(n)+" bytes, limit is "+strconv.Itoa(MaxRequest))
		}
		return strings.Join(lines, "\n")
	}
	if v.Kind != jsonv.String {
		r.errorf(v.Offset, what+" must be a string or an array of lines, not "+v.Kind.String())
		return ""
	}
	return r.str(v, what, MaxRequest)
}

// attempt reads a state object. Missing head fields take the page's
// defaults: the quoted action of the request's operation element is NOT
// guessed; the default SOAPAction is Disconnect's, as on the page.
func (r *reader) attempt(v *jsonv.Value, what string) Attempt {
	a := DefaultAttempt()
	if !r.object(v, what, []string{"request"}, "soapAction", "soapActionPresent", "contentType") {
		return a
	}
	a.Request = r.request(v.Get("request"), what+" request")
	if sa := v.Get("soapAction"); sa != nil {
		a.SOAPAction = r.str(sa, what+" soapAction", 2048)
	}
	if p := v.Get("soapActionPresent"); p != nil {
		a.SOAPActionPresent = r.boolean(p, what+" soapActionPresent")
	}
	if ct := v.Get("contentType"); ct != nil {
		a.ContentType = r.str(ct, what+" contentType", 2048)
	}
	return a
}

// ValidID tells whether id is a lesson id: 1 to 64 lower-case letters,
// digits and hyphens, starting with a letter or digit.
func ValidID(id string) bool {
	if id == "" || len(id) > 64 || id[0] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Parse reads a lesson file. It returns the lesson even when there are
// errors (as far as it could be read), and every error with its position.
func Parse(data []byte) (*Lesson, ErrorList) {
	r := &reader{data: data}
	if len(data) > MaxFileBytes {
		r.errorf(0, "file is "+strconv.Itoa(len(data))+" bytes, limit is "+strconv.Itoa(MaxFileBytes))
		return nil, r.errs
	}
	v, err := jsonv.Parse(data)
	if err != nil {
		if je, ok := err.(*jsonv.Error); ok {
			r.errs = append(r.errs, &Error{Offset: je.Offset, Line: je.Line, Column: je.Column, Msg: "lesson: " + je.Msg})
		} else {
			r.errorf(0, err.Error())
		}
		return nil, r.errs
	}
	l := &Lesson{Offset: v.Offset}
	if !r.object(v, "the lesson", []string{"id", "version", "title", "summary", "minutes", "start", "steps"}) {
		return nil, r.errs
	}
	l.ID = r.str(v.Get("id"), "id", 64)
	if idv := v.Get("id"); idv != nil && idv.Kind == jsonv.String && !ValidID(l.ID) {
		r.errorf(idv.Offset, "id "+strconv.Quote(l.ID)+" must be 1 to 64 lower-case letters, digits and hyphens")
	}
	l.Version = r.integer(v.Get("version"), "version", 1, 1<<31-1)
	l.Title = r.text(v.Get("title"), "title")
	l.Summary = r.text(v.Get("summary"), "summary")
	l.Minutes = r.integer(v.Get("minutes"), "minutes", 1, 240)
	l.Start = r.attempt(v.Get("start"), "start")
	for i, sv := range r.array(v.Get("steps"), "steps", 1, MaxSteps) {
		l.Steps = append(l.Steps, r.step(sv, "step "+strconv.Itoa(i+1)))
	}
	return l, r.errs
}

func (r *reader) step(v *jsonv.Value, what string) Step {
	st := Step{Offset: v.Offset}
	if !r.object(v, what, []string{"task", "checks", "hints", "solution"}, "setup", "start") {
		return st
	}
	st.Task = r.text(v.Get("task"), what+" task")
	for i, sv := range r.array(v.Get("setup"), what+" setup", 0, MaxSetup) {
		st.Setup = append(st.Setup, r.attempt(sv, what+" setup "+strconv.Itoa(i+1)))
	}
	if sv := v.Get("start"); sv != nil {
		a := r.attempt(sv, what+" start")
		st.Start = &a
	}
	for i, cv := range r.array(v.Get("checks"), what+" checks", 1, MaxChecks) {
		st.Checks = append(st.Checks, r.check(cv, what+" check "+strconv.Itoa(i+1)))
	}
	for i, hv := range r.array(v.Get("hints"), what+" hints", 1, MaxHints) {
		st.Hints = append(st.Hints, r.text(hv, what+" hint "+strconv.Itoa(i+1)))
	}
	st.Solution = r.attempt(v.Get("solution"), what+" solution")
	return st
}

// checkKeys is each kind's parameter key.
var checkKeys = map[string]string{
	KindStatus: "value", KindFault: "code", KindNoDiagnostic: "code", KindDiagnostic: "code",
	KindSOAPAction: "value", KindCallState: "state", KindCallIDHost: "host", KindOperation: "name",
}

// CallStates are the UMCallState values a simulated call goes through.
var CallStates = []string{"Connecting", "Connected", "Disconnected"}

func (r *reader) check(v *jsonv.Value, what string) Check {
	c := Check{Offset: v.Offset}
	if v.Kind != jsonv.Object {
		r.errorf(v.Offset, what+" must be an object, not "+v.Kind.String())
		return c
	}
	kv := v.Get("kind")
	if kv == nil {
		r.errorf(v.Offset, what+" has no \"kind\" (one of "+strings.Join(Kinds, ", ")+")")
		return c
	}
	c.Kind = r.str(kv, what+" kind", 64)
	key, ok := checkKeys[c.Kind]
	if !ok {
		if kv.Kind == jsonv.String {
			r.errorf(kv.Offset, what+": unknown check kind "+strconv.Quote(c.Kind)+" (known: "+strings.Join(Kinds, ", ")+")")
		}
		return c
	}
	required := []string{"kind", key}
	optional := []string{"text", "hint"}
	if c.Kind == KindNoDiagnostic {
		required = []string{"kind"}
		optional = append(optional, "code", "severity")
	}
	r.object(v, what+" ("+c.Kind+")", required, optional...)
	p := v.Get(key)
	name := what + " " + key
	switch c.Kind {
	case KindStatus:
		c.Status = r.integer(p, name, 100, 599)
	case KindFault:
		c.Code = r.nonEmpty(p, name, 128)
	case KindDiagnostic:
		c.Code = r.nonEmpty(p, name, 128)
	case KindNoDiagnostic:
		c.Code = r.nonEmpty(p, name, 128)
		c.Severity = r.str(v.Get("severity"), what+" severity", 16)
		if sv := v.Get("severity"); sv != nil && sv.Kind == jsonv.String && c.Severity != "error" && c.Severity != "warning" && c.Severity != "info" {
			r.errorf(sv.Offset, what+" severity must be error, warning or info")
		}
		if (p == nil) == (v.Get("severity") == nil) {
			r.errorf(v.Offset, what+" (noDiagnostic) needs exactly one of \"code\" and \"severity\"")
		}
	case KindSOAPAction:
		c.Value = r.str(p, name, 2048)
	case KindCallState:
		c.State = r.nonEmpty(p, name, 64)
		if p != nil && p.Kind == jsonv.String && !contains(CallStates, c.State) {
			r.errorf(p.Offset, name+" "+strconv.Quote(c.State)+" is not a state of a simulated call ("+strings.Join(CallStates, ", ")+")")
		}
	case KindCallIDHost:
		c.Host = r.nonEmpty(p, name, 255)
	case KindOperation:
		c.Name = r.nonEmpty(p, name, 64)
		if p != nil && p.Kind == jsonv.String {
			if _, ok := soap.ParseOperation(c.Name); !ok {
				r.errorf(p.Offset, name+" "+strconv.Quote(c.Name)+" is not an operation of the service")
			}
		}
	}
	if t := v.Get("text"); t != nil {
		c.Text = r.text(t, what+" text")
	}
	if h := v.Get("hint"); h != nil {
		c.Hint = r.text(h, what+" hint")
	}
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Pos returns the 1-based line and column of byte offset off in data.
func Pos(data []byte, off int) (line, col int) { return jsonv.LineCol(data, off) }
