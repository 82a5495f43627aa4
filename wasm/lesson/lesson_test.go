package lesson

import (
	"strings"
	"testing"
)

const okLesson = `{
  "id": "t", "version": 2, "minutes": 3,
  "title": {"en": "T", "pt-BR": "T"},
  "summary": {"en": "S", "pt-BR": "S"},
  "start": {"request": ""},
  "steps": [{
    "task": {"en": "Do it", "pt-BR": "Faça"},
    "checks": [{"kind": "status", "value": 200}],
    "hints": [{"en": "h", "pt-BR": "h"}],
    "solution": {"request": ["<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>",
      "<Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId></Disconnect>",
      "</soap:Body></soap:Envelope>"]}
  }]
}`

func TestParseOK(t *testing.T) {
	l, errs := CheckFile([]byte(okLesson))
	if len(errs) > 0 {
		t.Fatalf("CheckFile: %v", errs)
	}
	if l.ID != "t" || l.Version != 2 || len(l.Steps) != 1 || !strings.Contains(l.Steps[0].Solution.Request, "\n<Disconnect") {
		t.Fatalf("CheckFile = %+v", l)
	}
	if l.Start.SOAPAction != `"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"` || !l.Start.SOAPActionPresent {
		t.Errorf("default head = %+v", l.Start)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"syntax", `"version": 2,`, `"version": 2,,`, "2:27: lesson: unexpected ',' in an object"},
		{"unknown key", `"minutes": 3,`, `"minutes": 3, "minute": 1,`, "2:42: lesson: unknown key \"minute\" in the lesson"},
		{"pt-BR missing", `"summary": {"en": "S", "pt-BR": "S"}`, `"summary": {"en": "S"}`, "4:14: lesson: summary has no \"pt-BR\""},
		{"empty text", `"task": {"en": "Do it"`, `"task": {"en": " "`, "step 1 task (en) is empty"},
		{"unknown kind", `{"kind": "status", "value": 200}`, `{"kind": "statuss", "value": 200}`, "8:25: lesson: step 1 check 1: unknown check kind \"statuss\""},
		{"missing param", `{"kind": "status", "value": 200}`, `{"kind": "fault"}`, "step 1 check 1 (fault) has no \"code\""},
		{"bad state", `{"kind": "status", "value": 200}`, `{"kind": "callState", "state": "Ringing"}`, "\"Ringing\" is not a state"},
		{"bad operation", `{"kind": "status", "value": 200}`, `{"kind": "operation", "name": "DisconnectPhoneCall"}`, "is not an operation of the service"},
		{"noDiagnostic both", `{"kind": "status", "value": 200}`, `{"kind": "noDiagnostic", "code": "x", "severity": "error"}`, "needs exactly one of"},
		{"bad id", `"id": "t"`, `"id": "T x"`, "id \"T x\" must be"},
		{"no steps", `"steps": [{`, `"steps": [], "x": [{`, "steps must have 1 to 20 entries"},
		{"start passes", `"start": {"request": ""}`, `"start": {"request": "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId></Disconnect></soap:Body></soap:Envelope>"}`, "6:13: lesson: step 1: the start state already passes every check"},
		{"solution fails", `"value": 200`, `"value": 415`, "8:16: lesson: step 1: the reference solution fails check 1 (The server answers HTTP 415.) with seed 1: the engine saw HTTP 200 OK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(okLesson, tt.old, tt.new, 1)
			if in == okLesson {
				t.Fatalf("replacement %q not found", tt.old)
			}
			_, errs := CheckFile([]byte(in))
			if !strings.Contains(errs.Error(), tt.want) {
				t.Errorf("CheckFile errors:\n%v\nwant one containing %q", errs, tt.want)
			}
		})
	}
}

func TestParseHostile(t *testing.T) {
	for _, in := range []string{"", "[]", "null", `{"id": 1}`, strings.Repeat("[", 10000), `{"steps": [1, "x", null]}`} {
		if _, errs := Parse([]byte(in)); len(errs) == 0 {
			t.Errorf("Parse(%.20q) gave no error", in)
		}
	}
	big := make([]byte, MaxFileBytes+1)
	if _, errs := Parse(big); len(errs) != 1 || !strings.Contains(errs[0].Msg, "limit is 262144") {
		t.Errorf("Parse(big) = %v", errs)
	}
}

const callID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

func env(op, inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` + op +
		` xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">` + inner + `</` + op + `></soap:Body></soap:Envelope>`
}

func attempt(op, inner string) Attempt {
	a := DefaultAttempt()
	a.Request = env(op, inner)
	a.SOAPAction = `"http://schemas.microsoft.com/exchange/services/2006/messages/` + op + `"`
	return a
}

func TestEvaluate(t *testing.T) {
	pop := attempt("PlayOnPhone", "<entryId>AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQg==</entryId><DialString>+14255550100</DialString>")
	_, id := Prepare(&Step{Setup: []Attempt{pop}}, 7)
	if id == "" {
		t.Fatal("Prepare: the setup started no call")
	}
	noAction := attempt("Disconnect", "<CallId>"+callID+"</CallId>")
	noAction.SOAPActionPresent = false
	tests := []struct {
		name  string
		check Check
		setup bool
		a     Attempt
		pass  bool
		saw   string
	}{
		{"status ok", Check{Kind: KindStatus, Status: 200}, false, attempt("Disconnect", "<CallId>"+callID+"</CallId>"), true, "HTTP 200 OK"},
		{"status fault", Check{Kind: KindStatus, Status: 200}, false, attempt("Disconnect", "<CallId>x</CallId>"), false, "HTTP 500 Internal Server Error, fault InvalidCallIdException"},
		{"fault F2", Check{Kind: KindFault, Code: "ErrorInvalidRequest"}, false, attempt("Disconnect", ""), true, "fault ErrorInvalidRequest"},
		{"fault none", Check{Kind: KindFault, Code: "Client"}, false, attempt("Disconnect", "<CallId>"+callID+"</CallId>"), false, "HTTP 200 OK"},
		{"400 no body", Check{Kind: KindStatus, Status: 200}, false, Attempt{Request: "<a>", SOAPAction: noAction.SOAPAction, SOAPActionPresent: true, ContentType: "text/xml"}, false, "HTTP 400 Bad Request, no body"},
		{"diagnostic", Check{Kind: KindDiagnostic, Code: "callid-base64-padding"}, false, attempt("Disconnect", "<CallId>"+callID[:99]+"</CallId>"), true, "callid-base64-padding at line 2:"},
		{"noDiagnostic", Check{Kind: KindNoDiagnostic, Code: "callid-base64-padding"}, false, attempt("Disconnect", "<CallId>"+callID[:99]+"</CallId>"), false, "callid-base64-padding at line 2:"},
		{"noDiagnostic severity", Check{Kind: KindNoDiagnostic, Severity: "error"}, false, attempt("Disconnect", "<CallId>"+callID+"</CallId>"), true, "no diagnostics"},
		{"soapAction absent", Check{Kind: KindSOAPAction, Value: noAction.SOAPAction}, false, noAction, false, "no SOAPAction header"},
		{"soapAction", Check{Kind: KindSOAPAction, Value: noAction.SOAPAction}, false, attempt("Disconnect", ""), true, "SOAPAction: \"http"},
		{"operation", Check{Kind: KindOperation, Name: "GetCallInfo"}, false, attempt("Disconnect", ""), false, "operation Disconnect"},
		{"host", Check{Kind: KindCallIDHost, Host: "DF-EUM-01.exchange.corp.microsoft.com"}, false, attempt("Disconnect", "<CallId>"+callID+"</CallId>"), true, "host df-eum-01"},
		{"host broken", Check{Kind: KindCallIDHost, Host: "x"}, false, attempt("Disconnect", "<CallId>!!</CallId>"), false, "does not decode"},
		{"callState unknown", Check{Kind: KindCallState, State: "Disconnected"}, true, attempt("Disconnect", "<CallId>"+callID+"</CallId>"), false, "knows no call"},
		{"callState connected", Check{Kind: KindCallState, State: "Connected"}, true, attempt("GetCallInfo", "<CallId>"+id+"</CallId>"), true, ": Connected"},
		{"callState disconnected", Check{Kind: KindCallState, State: "Disconnected"}, true, attempt("Disconnect", "<CallId>"+id+"</CallId>"), true, ": Disconnected"},
		{"callState no CallId", Check{Kind: KindCallState, State: "Disconnected"}, true, attempt("Disconnect", ""), false, "no CallId element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &Step{Checks: []Check{tt.check}}
			if tt.setup {
				st.Setup = []Attempt{pop}
			}
			run := Evaluate(st, tt.a, 7)
			r := run.Results[0]
			if r.Pass != tt.pass || !strings.Contains(r.Saw.EN, tt.saw) {
				t.Errorf("Evaluate = pass %v, saw %q; want pass %v, saw containing %q", r.Pass, r.Saw.EN, tt.pass, tt.saw)
			}
			if r.Desc.EN == "" || r.Desc.PTBR == "" || r.Saw.PTBR == "" || r.Desc.EN == r.Desc.PTBR {
				t.Errorf("texts not in both languages: %+v", r)
			}
		})
	}
}

func TestSeed(t *testing.T) {
	pop := attempt("PlayOnPhone", "<entryId>AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQg==</entryId><DialString>+14255550100</DialString>")
	st := &Step{Setup: []Attempt{pop}}
	_, a := Prepare(st, 42)
	_, b := Prepare(st, 42)
	_, c := Prepare(st, 43)
	if a == "" || a != b || a == c {
		t.Errorf("Prepare CallIds: seed 42 %q and %q, seed 43 %q; want equal, then different", a, b, c)
	}
	l := &Lesson{Steps: []Step{{Setup: st.Setup, Start: &Attempt{Request: "<CallId>${callId}</CallId>"}}}}
	if got := l.StartState(0, 42).Request; got != "<CallId>"+a+"</CallId>" {
		t.Errorf("StartState = %q", got)
	}
	for _, tt := range []struct {
		in   string
		want uint64
		ok   bool
	}{{"0", 0, true}, {"123", 123, true}, {"9007199254740991", 1<<53 - 1, true}, {"9007199254740992", 0, false}, {"-1", 0, false}, {"1e3", 0, false}, {"", 0, false}, {"12345678901234567", 0, false}} {
		got, err := ParseSeed(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseSeed(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestProgress(t *testing.T) {
	var p Progress
	lp, old := p.Lesson("a", 1)
	lp.Step = 2
	lp.Mark(1, true)
	lp.Mark(0, true)
	lp.Mark(0, true)
	p.Current = "a"
	data := p.JSON()
	if want := `{"format":1,"current":"a","lessons":[{"id":"a","version":1,"step":2,"done":[0,1]}]}`; string(data) != want || old != 0 {
		t.Fatalf("JSON = %s, want %s", data, want)
	}
	q, err := ParseProgress(data)
	if err != nil || q.Current != "a" || len(q.Lessons) != 1 || q.Lessons[0].Step != 2 || !q.Lessons[0].IsDone(1) {
		t.Fatalf("ParseProgress = %+v, %v", q, err)
	}
	lq, old := q.Lesson("a", 2)
	if old != 1 || lq.Step != 0 || len(lq.Done) != 0 {
		t.Errorf("changed version: old %d, progress %+v; want old 1 and a fresh start", old, lq)
	}
	lq.Mark(0, true)
	lq.Mark(0, false)
	if lq.IsDone(0) {
		t.Error("Mark(0, false) kept the step")
	}
	for _, bad := range []string{"[]", `{"format":2}`, "{", `{"format":1,"lessons":[{"id":"X!","version":1,"step":0},{"id":"b","version":1,"step":99}]}`} {
		p, _ := ParseProgress([]byte(bad))
		if len(p.Lessons) != 0 {
			t.Errorf("ParseProgress(%q) kept %+v", bad, p.Lessons)
		}
	}
}

func TestIndex(t *testing.T) {
	es, errs := ParseIndex([]byte(`{"lessons": [{"id": "a", "file": "01-a.json"}, {"id": "a", "file": "../x.json"}]}`))
	if len(es) != 2 || len(errs) != 2 || !strings.Contains(errs.Error(), "listed twice") || !strings.Contains(errs.Error(), "plain name") {
		t.Errorf("ParseIndex = %v, %v", es, errs)
	}
}
