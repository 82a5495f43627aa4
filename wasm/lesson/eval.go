package lesson

import (
	"encoding/binary"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"umplay/wasm/callid"
	"umplay/wasm/report"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

// Rand is the random source of a simulated server seeded with seed: the same
// seed gives the same CallIds, on every machine.
func Rand(seed uint64) io.Reader {
	var b [32]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	copy(b[8:], "umplay lesson seed")
	return rand.NewChaCha8(b)
}

// Step is how far the grading server's clock moves after each request: more
// than the ring time, so a call started by the setup is Connected when the
// attempt arrives.
const Tick = 3 * time.Second

// Run is one graded attempt: the setup's answers, the attempt's check and
// answer, and each check's result.
type Run struct {
	Setup    []umsim.Response
	CallID   string // the CallId of the last call the setup started ("" if none)
	Report   *soap.Report
	Response umsim.Response
	Calls    []umsim.Call // after the attempt
	Results  []Result
}

// Result is one check's outcome.
type Result struct {
	Check *Check
	Pass  bool
	Desc  Text // what the check asks
	Saw   Text // what the engine saw
}

// server is a fresh grading server: clock at report.Epoch, moving by Tick
// after each request, randomness from Rand(seed).
type server struct {
	srv *umsim.Server
	now time.Time
}

func newServer(seed uint64) *server {
	s := &server{now: report.Epoch}
	s.srv = umsim.New(umsim.Config{Now: func() time.Time { return s.now }, Rand: Rand(seed), Host: umsim.DefaultHost})
	return s
}

func (s *server) handle(a Attempt, rep *soap.Report) umsim.Response {
	resp := s.srv.Handle(report.RequestWith(a.Request, a.Head(), rep))
	s.now = s.now.Add(Tick)
	return resp
}

// Prepare runs st's setup on a fresh server seeded with seed and returns
// the answers and the CallId of the last call it started.
func Prepare(st *Step, seed uint64) ([]umsim.Response, string) {
	s := newServer(seed)
	resps, id := s.setup(st)
	return resps, id
}

func (s *server) setup(st *Step) ([]umsim.Response, string) {
	var resps []umsim.Response
	for _, a := range st.Setup {
		resps = append(resps, s.handle(a, nil))
	}
	id := ""
	if calls := s.srv.Calls(); len(calls) > 0 {
		id = calls[len(calls)-1].ID
	}
	return resps, id
}

// StartState is the state step i of l starts from with seed: StartOf with
// ${callId} replaced by the CallId the step's setup starts.
func (l *Lesson) StartState(i int, seed uint64) Attempt {
	_, id := Prepare(&l.Steps[i], seed)
	return l.StartOf(i).With(id)
}

// SolutionState is step i's reference solution with ${callId} replaced.
func (l *Lesson) SolutionState(i int, seed uint64) Attempt {
	_, id := Prepare(&l.Steps[i], seed)
	return l.Steps[i].Solution.With(id)
}

// Evaluate grades a against st: a fresh server seeded with seed answers the
// setup requests, then a; every check is evaluated on what it saw.
func Evaluate(st *Step, a Attempt, seed uint64) Run {
	s := newServer(seed)
	var run Run
	run.Setup, run.CallID = s.setup(st)
	run.Report = soap.Check(a.Request, a.Head())
	run.Response = s.handle(a, run.Report)
	run.Calls = s.srv.Calls()
	for i := range st.Checks {
		c := &st.Checks[i]
		res := Result{Check: c, Desc: c.Describe()}
		res.Pass, res.Saw = c.eval(a, &run)
		run.Results = append(run.Results, res)
	}
	return run
}

// Passed tells whether every check passed.
func (r Run) Passed() bool {
	for _, res := range r.Results {
		if !res.Pass {
			return false
		}
	}
	return len(r.Results) > 0
}

// Describe says what c asks, in both languages (its own Text if it has one).
func (c *Check) Describe() Text {
	if c.Text.EN != "" {
		return c.Text
	}
	switch c.Kind {
	case KindStatus:
		n := strconv.Itoa(c.Status)
		return Text{"The server answers HTTP " + n + ".", "O servidor responde HTTP " + n + "."}
	case KindFault:
		return Text{"The server answers with the fault " + c.Code + ".", "O servidor responde com a falha " + c.Code + "."}
	case KindNoDiagnostic:
		if c.Severity != "" {
			return Text{"The checker reports no " + c.Severity + ".", "O verificador não aponta nenhum " + sevPT(c.Severity) + "."}
		}
		return Text{"The checker reports no " + c.Code + " diagnostic.", "O verificador não aponta o diagnóstico " + c.Code + "."}
	case KindDiagnostic:
		return Text{"The checker reports " + c.Code + ".", "O verificador aponta " + c.Code + "."}
	case KindSOAPAction:
		return Text{"The SOAPAction header is " + c.Value + ".", "O cabeçalho SOAPAction é " + c.Value + "."}
	case KindCallState:
		return Text{"The call named by the CallId is " + c.State + " on the server.", "A chamada indicada pelo CallId está " + c.State + " no servidor."}
	case KindCallIDHost:
		return Text{"The CallId decodes to the host " + c.Host + ".", "O CallId decodifica para o host " + c.Host + "."}
	case KindOperation:
		return Text{"The server runs the operation " + c.Name + ".", "O servidor executa a operação " + c.Name + "."}
	}
	return Text{"Unknown check " + c.Kind + ".", "Verificação desconhecida " + c.Kind + "."}
}

func sevPT(s string) string {
	switch s {
	case "error":
		return "erro"
	case "warning":
		return "aviso"
	}
	return "diagnóstico informativo"
}

// answer describes a response in both languages: "HTTP 500 Internal Server
// Error, fault soap:Client".
func answer(r umsim.Response) Text {
	t := "HTTP " + strconv.Itoa(r.Status) + " " + r.StatusText
	en, pt := t, t
	switch {
	case r.Fault != nil:
		en += ", fault " + r.Fault.Code
		pt += ", falha " + r.Fault.Code
	case r.Status >= 400 && r.Body == "":
		en += ", no body"
		pt += ", sem corpo"
	}
	return Text{en, pt}
}

func (c *Check) eval(a Attempt, run *Run) (bool, Text) {
	rep, resp := run.Report, run.Response
	switch c.Kind {
	case KindStatus:
		return resp.Status == c.Status, answer(resp)
	case KindFault:
		ok := resp.Fault != nil && (resp.Fault.Code == c.Code || resp.Fault.ExceptionType == c.Code ||
			strings.TrimPrefix(resp.Fault.ExceptionType, "a:") == c.Code)
		return ok, answer(resp)
	case KindDiagnostic, KindNoDiagnostic:
		var found []soap.Diagnostic
		for _, d := range rep.Diagnostics {
			if c.Code != "" && d.Code == c.Code || c.Code == "" && string(d.Severity) == c.Severity {
				found = append(found, d)
			}
		}
		pass := len(found) > 0
		if c.Kind == KindNoDiagnostic {
			pass = !pass
		}
		return pass, diagsSeen(rep.Diagnostics, found)
	case KindSOAPAction:
		if !a.SOAPActionPresent {
			return false, Text{"no SOAPAction header", "nenhum cabeçalho SOAPAction"}
		}
		return a.SOAPAction == c.Value, Text{"SOAPAction: " + a.SOAPAction, "SOAPAction: " + a.SOAPAction}
	case KindCallState:
		return callState(c, rep, run.Calls)
	case KindCallIDHost:
		v, ok := rep.Value("CallId")
		if !ok {
			return false, Text{"the request has no CallId element", "a requisição não tem elemento CallId"}
		}
		r := callid.Decode(v.Text)
		if r.Host == "" {
			return false, Text{"the CallId does not decode to GUID@host" + firstProblem(r), "o CallId não decodifica para GUID@host" + firstProblem(r)}
		}
		return strings.EqualFold(r.Host, c.Host), Text{"host " + r.Host, "host " + r.Host}
	case KindOperation:
		if rep.Operation == "" {
			return false, Text{"no operation (neither the SOAPAction nor the body names one)", "nenhuma operação (nem o SOAPAction nem o corpo indicam uma)"}
		}
		return string(rep.Operation) == c.Name, Text{"operation " + string(rep.Operation), "operação " + string(rep.Operation)}
	}
	return false, Text{"unknown check kind " + c.Kind, "tipo de verificação desconhecido " + c.Kind}
}

func firstProblem(r callid.Result) string {
	for _, p := range r.Problems {
		if p.Severity == "error" {
			return " (" + p.Message + ")"
		}
	}
	return ""
}

// diagsSeen lists the matching diagnostics (or, when none match, how many
// there are) with their positions.
func diagsSeen(all, found []soap.Diagnostic) Text {
	if len(found) == 0 {
		if len(all) == 0 {
			return Text{"no diagnostics", "nenhum diagnóstico"}
		}
		codes := make([]string, 0, 3)
		for i, d := range all {
			if i == 3 {
				codes = append(codes, "…")
				break
			}
			codes = append(codes, d.Code)
		}
		return Text{"other diagnostics only: " + strings.Join(codes, ", "), "só outros diagnósticos: " + strings.Join(codes, ", ")}
	}
	var en, pt []string
	for i, d := range found {
		if i == 3 {
			en, pt = append(en, "…"), append(pt, "…")
			break
		}
		at := strconv.Itoa(d.Start.Line) + ":" + strconv.Itoa(d.Start.Col)
		en = append(en, d.Code+" at line "+at)
		pt = append(pt, d.Code+" na linha "+at)
	}
	return Text{strings.Join(en, "; "), strings.Join(pt, "; ")}
}

func callState(c *Check, rep *soap.Report, calls []umsim.Call) (bool, Text) {
	v, ok := rep.Value("CallId")
	if !ok {
		return false, Text{"the request has no CallId element", "a requisição não tem elemento CallId"}
	}
	r := callid.Decode(v.Text)
	for _, call := range calls {
		if call.ID == strings.TrimSpace(v.Text) || r.GUID != "" && r.GUID == call.GUID {
			return call.State == c.State, Text{"call " + call.GUID + ": " + call.State, "chamada " + call.GUID + ": " + call.State}
		}
	}
	return false, Text{"the server knows no call with this CallId", "o servidor não conhece nenhuma chamada com este CallId"}
}
