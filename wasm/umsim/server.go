package umsim

import (
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"umplay/wasm/callid"
	"umplay/wasm/msg"
	"umplay/wasm/soap"
)

// DefaultHost is the FQDN of the simulated UM server, the host part of the
// CallIds it hands out.
const DefaultHost = "um01.contoso.com"

// DefaultRingTime is how long a new call stays Connecting.
const DefaultRingTime = 2 * time.Second

// Header is one HTTP header field.
type Header struct{ Name, Value string }

// Request is an HTTP request to the UM web service endpoint.
type Request struct {
	// Method is the HTTP method; "" means POST.
	Method string
	// Header holds the request's header fields. Names are matched without
	// regard to case; the first field of a name counts. The SOAPAction is
	// absent when no field is named SOAPAction. An absent Content-Type is
	// taken as correct (callers like the CLI send none).
	Header []Header
	// Body is the request body, the SOAP envelope.
	Body string
	// Report, when not nil, is soap.Check of Body with this request's
	// SOAPAction, made by a caller that shows its diagnostics too (the
	// page): the server reads it instead of checking the body again.
	Report *soap.Report
	// Lang is the language of the explanation (Response.Explain); the
	// protocol's own texts (faultstrings, bodies) are ASMX's, in English.
	Lang msg.Lang
}

// Fault describes the SOAP fault of a response.
type Fault struct {
	Code          string `json:"code"`          // local name of the faultcode QName, e.g. Client, InvalidCallIdException
	Namespace     string `json:"namespace"`     // namespace URI of the faultcode QName
	String        string `json:"string"`        // faultstring
	ExceptionType string `json:"exceptionType"` // detail ExceptionType text, "" if none
}

// Response is the HTTP response the simulated server sends.
type Response struct {
	Status     int
	StatusText string   // "OK", "Internal Server Error", "Method Not Allowed"
	Header     []Header // in wire order
	Body       string
	Fault      *Fault // nil unless the body is a SOAP fault
	// Explain says in plain words why the server sent this and how to fix
	// the request; for a success, what it means.
	Explain string
}

// Raw is the response as it goes over the wire: status line, header fields
// and body, CRLF line ends in the head.
func (r Response) Raw() string {
	var b strings.Builder
	b.WriteString("HTTP/1.1 ")
	b.WriteString(strconv.Itoa(r.Status))
	b.WriteString(" ")
	b.WriteString(r.StatusText)
	b.WriteString("\r\n")
	for _, h := range r.Header {
		b.WriteString(h.Name)
		b.WriteString(": ")
		b.WriteString(h.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	b.WriteString(r.Body)
	return b.String()
}

// HeaderMap returns the header fields by name; repeated fields are joined
// with ", " (RFC 9110 §5.3).
func (r Response) HeaderMap() map[string]string {
	m := make(map[string]string, len(r.Header))
	for _, h := range r.Header {
		if v, ok := m[h.Name]; ok {
			m[h.Name] = v + ", " + h.Value
			continue
		}
		m[h.Name] = h.Value
	}
	return m
}

// Config sets up a Server. Zero fields take their defaults.
type Config struct {
	Now      func() time.Time // default time.Now
	Rand     io.Reader        // default: ChaCha8 seeded from Now() (a simulator's CallIds need to be unique, not secret)
	Host     string           // FQDN in new CallIds; default DefaultHost
	RingTime time.Duration    // Connecting → Connected after this; default DefaultRingTime
}

// Call states and event causes (MS-OXWUMS 3.1.4.3.4.1, 3.1.4.3.4.2) the
// simulator uses.
const (
	StateConnecting   = "Connecting"
	StateConnected    = "Connected"
	StateDisconnected = "Disconnected"
	CauseNone         = "None"
)

// Call is a call the simulated server started.
type Call struct {
	ID         string // the CallId handed out
	GUID       string // the GUID inside it
	Operation  string // PlayOnPhone or PlayOnPhoneGreeting
	DialString string // as the request gave it
	State      string // Connecting, Connected or Disconnected
	EventCause string // None
	Started    time.Time
	Ended      time.Time // zero while the call is not Disconnected
}

// Server is the simulated UM server. It is safe for concurrent use.
type Server struct {
	mu    sync.Mutex
	cfg   Config
	calls []Call // State and EventCause unset: evaluated on read
	// next is the CallId the next PlayOnPhone* hands out, drawn once so that
	// Preview can show it; "" until needed.
	next string
	// mailbox holds the UM settings the settings operations read and change.
	mailbox Mailbox
}

// New returns a server with no calls.
func New(c Config) *Server {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		var seed [32]byte
		binary.LittleEndian.PutUint64(seed[:], uint64(c.Now().UnixNano()))
		c.Rand = rand.NewChaCha8(seed)
	}
	if c.Host == "" {
		c.Host = DefaultHost
	}
	if c.RingTime <= 0 {
		c.RingTime = DefaultRingTime
	}
	return &Server{cfg: c, mailbox: DefaultMailbox()}
}

// Handle answers req and applies it: calls start, change state and end,
// the mailbox's settings change.
func (s *Server) Handle(req Request) Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.respond(req, true)
}

// Preview returns the response Handle would give now without changing any
// state. For PlayOnPhone and PlayOnPhoneGreeting it shows the CallId the
// next successful Handle of either hands out.
func (s *Server) Preview(req Request) Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.respond(req, false)
}

// Calls returns every call in start order, states evaluated at Now().
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = s.eval(c, now)
	}
	return out
}

// Reset forgets every call and puts the mailbox's settings back to their
// defaults. A CallId already drawn for the next PlayOnPhone* is kept, so a
// preview shown before the reset stays true.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
	s.mailbox = DefaultMailbox()
}

// Mailbox returns the simulated mailbox's UM settings.
func (s *Server) Mailbox() Mailbox {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mailbox
}

// eval fills in c's state at now.
func (s *Server) eval(c Call, now time.Time) Call {
	c.EventCause = CauseNone
	switch {
	case !c.Ended.IsZero():
		c.State = StateDisconnected
	case !now.Before(c.Started.Add(s.cfg.RingTime)):
		c.State = StateConnected
	default:
		c.State = StateConnecting
	}
	return c
}

// respond runs the decision order of behaviour.md (contract v2); apply
// tells whether to change state.
func (s *Server) respond(req Request, apply bool) Response {
	l := words(req.Lang)
	if req.Method != "" && req.Method != "POST" {
		// Row 1. ASMX compares the method with "POST" case-sensitively
		// (SoapServerProtocolFactory.CreateIfRequestCompatible) and
		// answers UnsupportedRequestProtocol(405).
		return methodNotAllowed(l, req.Method)
	}
	rep := req.Report
	if rep == nil {
		action, present := header(req.Header, "SOAPAction")
		rep = soap.Check(req.Body, soap.Head{SOAPActionPresent: present, SOAPAction: action, Lang: req.Lang})
	}
	v := rep.Verdict
	if v != nil && (v.Rule == soap.RowNoAction || v.Rule == soap.RowUnknownAction) {
		// Rows 2 and 3: SoapServerProtocol.Initialize routes on the
		// SOAPAction (Soap11ServerProtocolHelper.RouteRequest) before
		// anything reads the body or its media type.
		return verdictResponse(l, rep, req)
	}
	// Row 4: ReadParameters checks ContentType.IsSoap before it reads
	// the body. An absent field is the empty string there
	// (System.Web HttpRequest.ContentType), which is not a SOAP type.
	ct, _ := header(req.Header, "Content-Type")
	if !isSOAPMediaType(ct) {
		return unsupportedMediaType(l, ct, rep, false)
	}
	if v != nil && (v.Rule == soap.RowUnreadable || v.Rule == soap.RowVersion) {
		return verdictResponse(l, rep, req)
	}
	// Row 5b′: after CheckHelperVersion, a SOAP 1.1 envelope must come as
	// text/xml (ContentType.MatchesBase with helper.HttpContentType).
	if !matchesBase(ct, "text/xml") {
		return unsupportedMediaType(l, ct, rep, true)
	}
	if v != nil && v.Rule == soap.RowMustUnderstand {
		return s.mustUnderstand(l, rep, apply)
	}
	if v != nil {
		return verdictResponse(l, rep, req)
	}
	return s.dispatch(l, rep, apply)
}

// mustUnderstand is row 9: the operation runs (and its effect stands); only
// when it succeeded does WriteReturns call
// SoapHeaderHandling.EnsureHeadersUnderstood, which throws a
// SoapHeaderException (MustUnderstand, no <detail>).
func (s *Server) mustUnderstand(l words, rep *soap.Report, apply bool) Response {
	r := s.dispatch(l, rep, apply)
	if r.Status != 200 {
		r.Explain += l.tr("sim.server.msg")
		return r
	}
	h := rep.Verdict.Header
	return soapFault("MustUnderstand", "SOAP header "+h+" was not understood.", false,
		l.tr("sim.server.msg.8", rep.Operation, lowerFirst(r.Explain), h, rep.Operation.Response()))
}

// header returns the first field named name, ignoring case.
func header(hs []Header, name string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(strings.TrimSpace(h.Name), name) {
			return h.Value, true
		}
	}
	return "", false
}

// mediaBase is ContentType.GetBase: everything before the first ';', not
// trimmed (so "text/xml ;charset=utf-8" is not text/xml).
func mediaBase(ct string) string {
	base, _, _ := strings.Cut(ct, ";")
	return base
}

// matchesBase is ContentType.MatchesBase: the base compared without regard
// to case.
func matchesBase(ct, want string) bool { return strings.EqualFold(mediaBase(ct), want) }

// isSOAPMediaType is ContentType.IsSoap: text/xml or application/soap+xml.
func isSOAPMediaType(ct string) bool {
	return matchesBase(ct, "text/xml") || matchesBase(ct, "application/soap+xml")
}

// dispatch runs the operation of a request without a verdict.
func (s *Server) dispatch(l words, rep *soap.Report, apply bool) Response {
	switch rep.Operation {
	case soap.Disconnect:
		return s.disconnect(l, rep, apply)
	case soap.GetCallInfo:
		return s.getCallInfo(l, rep)
	case soap.PlayOnPhone, soap.PlayOnPhoneGreeting:
		return s.playOnPhone(l, rep, apply)
	}
	if rep.Operation.Settings() {
		return s.settings(l, rep, apply)
	}
	return serverFault(errors.New("umsim: the checker accepted a request for operation " + strconv.Quote(string(rep.Operation)) + ", which the simulator does not run"))
}

func value(rep *soap.Report, name string) string {
	v, _ := rep.Value(name)
	return v.Text
}

// callID is the request's CallId as the checker decoded it.
func callID(rep *soap.Report) (raw string, r callid.Result) {
	if v, ok := rep.Value("CallId"); ok && v.CallID != nil {
		return v.Text, *v.CallID
	}
	return "", callid.Result{}
}

// find returns the index of the call r identifies, or -1. A CallId is
// matched by what it decodes to, GUID and host both without regard to case
// (the server parses the GUID; the host routes to the server owning the
// call), so whitespace the server skips does not matter.
func (s *Server) find(r callid.Result) int {
	if !r.OK {
		return -1
	}
	for i, c := range s.calls {
		d := callid.Decode(c.ID)
		if strings.EqualFold(d.GUID, r.GUID) && strings.EqualFold(d.Host, r.Host) {
			return i
		}
	}
	return -1
}

func (s *Server) disconnect(l words, rep *soap.Report, apply bool) Response {
	raw, r := callID(rep)
	i := s.find(r)
	if i < 0 {
		return success(disconnectBody, l.tr("sim.server.msg.9", describeID(l, raw, r)))
	}
	c := s.eval(s.calls[i], s.cfg.Now())
	if c.State == StateDisconnected {
		return success(disconnectBody, l.tr("sim.server.msg.10", c.GUID))
	}
	if apply {
		s.calls[i].Ended = s.cfg.Now()
	}
	return success(disconnectBody, l.tr("sim.server.msg.11", c.GUID, c.State))
}

func (s *Server) getCallInfo(l words, rep *soap.Report) Response {
	raw, r := callID(rep)
	i := s.find(r)
	if i < 0 {
		return umFault(soap.GetCallInfo, exInvalidCallID, l.tr("sim.server.msg.12", describeID(l, raw, r)))
	}
	c := s.eval(s.calls[i], s.cfg.Now())
	var more string
	switch c.State {
	case StateConnecting:
		more = l.tr("sim.server.msg.2", c.DialString, s.cfg.RingTime)
	case StateConnected:
		more = l.tr("sim.server.msg.3")
	default:
		more = l.tr("sim.server.msg.4")
	}
	return success(getCallInfoBody(c.State, c.EventCause), l.tr("sim.server.msg.13", c.GUID, c.State, c.EventCause, more))
}

func (s *Server) playOnPhone(l words, rep *soap.Report, apply bool) Response {
	// The checker has vetted entryId and DialString (row 8 of the decision
	// order): a bad one never gets here.
	op := rep.Operation
	dial := value(rep, "DialString")
	id, err := s.nextID()
	if err != nil {
		return serverFault(err)
	}
	d := callid.Decode(id)
	if apply {
		s.next = ""
		s.calls = append(s.calls, Call{
			ID:         id,
			GUID:       d.GUID,
			Operation:  string(op),
			DialString: dial,
			Started:    s.cfg.Now(),
		})
	}
	what := l.tr("sim.server.msg.5")
	if op == soap.PlayOnPhoneGreeting {
		what = l.tr("sim.greeting", strings.TrimSpace(value(rep, "GreetingType")))
	}
	return success(playOnPhoneBody(op, id), l.tr("sim.server.msg.14", strings.TrimSpace(dial), what, d.Decoded, s.cfg.RingTime))
}

// nextID returns the pre-drawn CallId, drawing it first if needed. A failed
// draw is not kept, so the next request tries again.
func (s *Server) nextID() (string, error) {
	if s.next == "" {
		id, err := callid.New(s.cfg.Host, s.cfg.Rand)
		if err != nil {
			return "", msg.Wrap("umsim: new CallId: ", err)
		}
		s.next = id
	}
	return s.next, nil
}

// describeID names a CallId in an explanation: by what it decodes to when
// it does.
func describeID(l words, raw string, r callid.Result) string {
	if r.OK {
		return l.tr("sim.server.msg.6", r.Decoded)
	}
	return l.tr("sim.server.msg.7", strings.TrimSpace(raw))
}
