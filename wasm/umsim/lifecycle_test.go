package umsim

import (
	"bytes"
	"encoding/base64"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

const entryID = "AAAAAJ2T3Iqa+XhJk8ORrvqhEB8HAMPhtUbPm2lNkIXnN5JDHFMAAAAAAQwAAA=="

// callIDOf returns the CallId in a PlayOnPhone* response body.
func callIDOf(t *testing.T, r Response) string {
	t.Helper()
	if r.Status != 200 {
		t.Fatalf("status %d, want 200: %s", r.Status, r.Explain)
	}
	for _, op := range []string{"PlayOnPhoneResponse", "PlayOnPhoneGreetingResponse"} {
		if _, rest, ok := strings.Cut(r.Body, "<"+op+">"); ok {
			id, _, _ := strings.Cut(rest, "</"+op+">")
			return id
		}
	}
	t.Fatalf("no CallId in\n%s", r.Body)
	return ""
}

// callState returns CallState and EventCause from a GetCallInfo response.
func callState(t *testing.T, r Response) (state, cause string) {
	t.Helper()
	if r.Status != 200 {
		t.Fatalf("GetCallInfo: status %d, want 200: %s", r.Status, r.Explain)
	}
	between := func(open, close string) string {
		_, rest, _ := strings.Cut(r.Body, open)
		v, _, _ := strings.Cut(rest, close)
		return v
	}
	return between("<CallState>", "</CallState>"), between("<EventCause>", "</EventCause>")
}

func TestLifecycle(t *testing.T) {
	s, clk := newTestServer()
	start := playOnPhoneReq(entryID, "+1 425 555 0100")

	shown := callIDOf(t, s.Preview(start))
	if again := callIDOf(t, s.Preview(start)); again != shown {
		t.Errorf("second Preview shows CallId %q, first %q", again, shown)
	}
	if n := len(s.Calls()); n != 0 {
		t.Fatalf("Preview started %d calls", n)
	}
	r := s.Handle(start)
	checkWire(t, r)
	id := callIDOf(t, r)
	if id != shown {
		t.Errorf("Handle handed out %q, Preview showed %q", id, shown)
	}
	d := callid.Decode(id)
	if !d.OK || d.Host != DefaultHost {
		t.Errorf("CallId %q decodes to %+v; want a valid id on host %s", id, d, DefaultHost)
	}
	if next := callIDOf(t, s.Preview(start)); next == id {
		t.Errorf("after Handle, Preview still shows the CallId %q already handed out", id)
	}

	calls := s.Calls()
	want := Call{ID: id, GUID: d.GUID, Operation: "PlayOnPhone", DialString: "+1 425 555 0100",
		State: StateConnecting, EventCause: CauseNone, Started: epoch}
	if len(calls) != 1 || calls[0] != want {
		t.Fatalf("Calls() = %+v, want [%+v]", calls, want)
	}

	steps := []struct {
		advance     time.Duration
		state, call string
	}{
		{0, StateConnecting, StateConnecting},
		{DefaultRingTime - time.Millisecond, StateConnecting, StateConnecting},
		{time.Millisecond, StateConnected, StateConnected},
		{time.Hour, StateConnected, StateConnected},
	}
	for _, st := range steps {
		clk.Advance(st.advance)
		state, cause := callState(t, s.Handle(getCallInfoReq(id)))
		if state != st.state || cause != CauseNone {
			t.Errorf("at %v: GetCallInfo = %s/%s, want %s/None", clk.t.Sub(epoch), state, cause, st.state)
		}
		if got := s.Calls()[0].State; got != st.call {
			t.Errorf("at %v: Calls()[0].State = %s, want %s", clk.t.Sub(epoch), got, st.call)
		}
	}

	// Preview of Disconnect answers like Handle but hangs up nothing.
	before := s.Calls()
	p := s.Preview(disconnectReq(id))
	if !reflect.DeepEqual(before, s.Calls()) {
		t.Fatalf("Preview(Disconnect) changed Calls()")
	}
	hungUp := clk.t
	r = s.Handle(disconnectReq(id))
	checkWire(t, r)
	if !reflect.DeepEqual(p, r) {
		t.Errorf("Preview(Disconnect) = %+v, Handle = %+v", p, r)
	}
	if r.Body != disconnectBody {
		t.Errorf("Disconnect body =\n%s", r.Body)
	}
	c := s.Calls()[0]
	if c.State != StateDisconnected || c.EventCause != CauseNone || !c.Ended.Equal(hungUp) {
		t.Errorf("after Disconnect: %+v, want Disconnected/None ended at %v", c, hungUp)
	}
	if state, cause := callState(t, s.Handle(getCallInfoReq(id))); state != StateDisconnected || cause != CauseNone {
		t.Errorf("GetCallInfo after Disconnect = %s/%s, want Disconnected/None", state, cause)
	}

	// A second Disconnect succeeds and changes nothing.
	clk.Advance(time.Minute)
	r = s.Handle(disconnectReq(id))
	if r.Status != 200 || !strings.Contains(r.Explain, "already Disconnected") {
		t.Errorf("second Disconnect: %d %q", r.Status, r.Explain)
	}
	if got := s.Calls()[0].Ended; !got.Equal(hungUp) {
		t.Errorf("second Disconnect moved Ended from %v to %v", hungUp, got)
	}
}

func TestGreetingAndCallMatching(t *testing.T) {
	s, _ := newTestServer()
	first := callIDOf(t, s.Handle(playOnPhoneReq(entryID, "5550100")))
	second := callIDOf(t, s.Handle(greetingReq("OofCustom", "tel:+44 (20) 7946-0000")))
	if first == second {
		t.Fatalf("two calls got the same CallId %q", first)
	}
	calls := s.Calls()
	if len(calls) != 2 || calls[0].ID != first || calls[1].ID != second || calls[1].Operation != "PlayOnPhoneGreeting" {
		t.Fatalf("Calls() = %+v", calls)
	}

	// The server skips whitespace in a CallId and parses the GUID, so
	// spacing and GUID case do not matter; another host is another server.
	d := callid.Decode(second)
	upper := base64.StdEncoding.EncodeToString([]byte(strings.ToUpper(d.GUID) + "@" + d.Host))
	other, err := callid.Encode(d.GUID, "um02.contoso.com")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id string
		known    bool
	}{
		{"as handed out", second, true},
		{"wrapped in whitespace", "\n  " + second[:40] + "\n  " + second[40:] + "  ", true},
		{"GUID in upper case", upper, true},
		{"another host", other, false},
		{"the docs' example", docsCallID, false},
	}
	for _, tt := range tests {
		r := s.Handle(getCallInfoReq(tt.id))
		checkWire(t, r)
		if got := r.Status == 200; got != tt.known {
			t.Errorf("%s: GetCallInfo(%q) status %d, want known=%v", tt.name, tt.id, r.Status, tt.known)
		}
		if !tt.known && (r.Fault == nil || r.Fault.ExceptionType != exInvalidCallID || !strings.Contains(r.Body, "<ExceptionType xmlns:m=")) {
			t.Errorf("%s: unknown call answered %+v, want the GetCallInfo form of InvalidCallIdException", tt.name, r.Fault)
		}
	}
	// Disconnect by a respelled id ends the right call.
	s.Handle(disconnectReq(upper))
	calls = s.Calls()
	if calls[0].State == StateDisconnected || calls[1].State != StateDisconnected {
		t.Errorf("Disconnect(%q) left states %s, %s; want the second call Disconnected", upper, calls[0].State, calls[1].State)
	}
}

// TestOperationChecks: PlayOnPhone's entryId and the DialString of both
// PlayOnPhone operations fault with their UM exceptions (the checker's row 8
// verdicts), and only a good request starts a call.
func TestOperationChecks(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		ex   string // "" for success
	}{
		{"entryId empty", playOnPhoneReq(" \n ", "5550100"), exInvalidObjectID},
		{"entryId short", playOnPhoneReq("QUJD", "5550100"), ""},
		{"entryId missing padding", playOnPhoneReq("QUI", "5550100"), exInvalidObjectID},
		{"entryId URL-safe", playOnPhoneReq("-_-_", "5550100"), exInvalidObjectID},
		{"entryId with line breaks", playOnPhoneReq("QUJD\nREVG", "5550100"), ""},
		{"DialString letters", playOnPhoneReq("QUJD", "1-800-FLOWERS"), exDialingRules},
		{"DialString two digits", playOnPhoneReq("QUJD", "+12"), exDialingRules},
		{"DialString sip URI", greetingReq("NormalCustom", "sip:alice@contoso.com"), exDialingRules},
		{"DialString empty", greetingReq("NormalCustom", ""), exDialingRules},
		{"DialString tel with separators", greetingReq("NormalCustom", "tel:+1 (425) 555-01.00"), ""},
	}
	for _, tt := range tests {
		s, _ := newTestServer()
		r := s.Handle(tt.req)
		checkWire(t, r)
		n := len(s.Calls())
		if tt.ex == "" {
			if r.Status != 200 || n != 1 {
				t.Errorf("%s: status %d with %d calls, want 200 and a call; %s", tt.name, r.Status, n, r.Explain)
			}
			continue
		}
		if r.Fault == nil || r.Fault.ExceptionType != tt.ex || n != 0 {
			t.Errorf("%s: Fault %+v with %d calls, want %s and no call", tt.name, r.Fault, n, tt.ex)
		}
		if !strings.Contains(r.Body, "<m:ExceptionType") {
			t.Errorf("%s: want the prefixed m:ExceptionType form:\n%s", tt.name, r.Body)
		}
	}
}

func TestUnknownOperation(t *testing.T) {
	s, _ := newTestServer()
	r := s.dispatch(words(msg.EN), &soap.Report{Operation: "PlayOnPhone2"}, true)
	checkWire(t, r)
	if r.Fault == nil || r.Fault.Code != "Server" {
		t.Errorf("Fault = %+v, want soap:Server", r.Fault)
	}
}

func TestRandomnessExhausted(t *testing.T) {
	s := New(Config{Now: (&clock{t: epoch}).Now, Rand: bytes.NewReader([]byte{1, 2, 3})})
	req := playOnPhoneReq(entryID, "5550100")
	for _, r := range []Response{s.Preview(req), s.Handle(req)} {
		checkWire(t, r)
		if r.Fault == nil || r.Fault.Code != "Server" || !strings.HasPrefix(r.Fault.String, "Server was unable to process request. ---> umsim: new CallId: ") {
			t.Errorf("Fault = %+v, want soap:Server about the CallId", r.Fault)
		}
	}
	if n := len(s.Calls()); n != 0 {
		t.Errorf("a failed PlayOnPhone started %d calls", n)
	}
}

func TestResetAndConfig(t *testing.T) {
	clk := &clock{t: epoch}
	s := New(Config{Now: clk.Now, Rand: randBytes(), Host: "um9.fabrikam.example", RingTime: 10 * time.Second})
	id := callIDOf(t, s.Handle(playOnPhoneReq(entryID, "5550100")))
	if d := callid.Decode(id); d.Host != "um9.fabrikam.example" {
		t.Errorf("CallId host %q, want um9.fabrikam.example", d.Host)
	}
	clk.Advance(9 * time.Second)
	if state, _ := callState(t, s.Handle(getCallInfoReq(id))); state != StateConnecting {
		t.Errorf("9s into a 10s ring: %s, want Connecting", state)
	}
	shown := callIDOf(t, s.Preview(playOnPhoneReq(entryID, "5550100")))
	s.Reset()
	if n := len(s.Calls()); n != 0 {
		t.Errorf("Reset left %d calls", n)
	}
	if r := s.Handle(getCallInfoReq(id)); r.Status != 500 {
		t.Errorf("after Reset GetCallInfo of the old call: status %d, want 500", r.Status)
	}
	if got := callIDOf(t, s.Handle(playOnPhoneReq(entryID, "5550100"))); got != shown {
		t.Errorf("after Reset the next CallId is %q, the preview before showed %q", got, shown)
	}
}

func TestDefaults(t *testing.T) {
	s := New(Config{})
	id := callIDOf(t, s.Handle(playOnPhoneReq(entryID, "5550100")))
	d := callid.Decode(id)
	if !d.OK || d.Host != DefaultHost {
		t.Errorf("default server's CallId %q decodes to %+v", id, d)
	}
	if c := s.Calls(); len(c) != 1 || c[0].State != StateConnecting || time.Since(c[0].Started) > time.Minute {
		t.Errorf("default server's calls: %+v", c)
	}
}

// TestConcurrent drives one server from several goroutines; run with
// -race to see the locking.
func TestConcurrent(t *testing.T) {
	s, _ := newTestServer()
	var wg sync.WaitGroup
	ids := make(chan string, 40)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				r := s.Handle(playOnPhoneReq(entryID, "5550100"))
				if r.Status != 200 {
					t.Errorf("status %d", r.Status)
					return
				}
				_, rest, _ := strings.Cut(r.Body, "<PlayOnPhoneResponse>")
				id, _, _ := strings.Cut(rest, "<")
				ids <- id
				s.Preview(getCallInfoReq(id))
				s.Handle(disconnectReq(id))
				s.Calls()
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("CallId %q handed out twice", id)
		}
		seen[id] = true
	}
	calls := s.Calls()
	if len(calls) != 40 {
		t.Fatalf("%d calls, want 40", len(calls))
	}
	for _, c := range calls {
		if c.State != StateDisconnected || !seen[c.ID] {
			t.Errorf("call %+v: want Disconnected and handed out", c)
		}
	}
}

func BenchmarkHandleDisconnect(b *testing.B) {
	s, _ := newTestServer()
	req := disconnectReq(docsCallID)
	b.ReportAllocs()
	for b.Loop() {
		if r := s.Handle(req); r.Status != 200 {
			b.Fatalf("status %d", r.Status)
		}
	}
}
