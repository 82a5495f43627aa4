package umsim

import (
	"strings"
	"umplay/wasm/msg"
)

// The paths the UM web service is served at (umws-protocol.md §1):
// Exchange 2010 and later, and Exchange 2007.
const (
	Path2010 = "/EWS/UM2007Legacy.asmx"
	Path2007 = "/UnifiedMessaging/Service.asmx"
)

// EndpointProblem says what is odd about an endpoint URL a client would
// POST to, or "" when it is an absolute https URL of one of the service's
// paths. The page shows it as a warning: the simulator answers whatever
// the URL.
func EndpointProblem(raw string, lang msg.Lang) string {
	l := words(lang)
	s := strings.TrimSpace(raw)
	if s == "" {
		return l.tr("sim.endpoint.msg", Path2010)
	}
	u, ok := ParseEndpoint(s)
	if !ok || (u.Scheme != "http" && u.Scheme != "https") {
		return l.tr("sim.endpoint.msg.2", clip(s, 80), Path2010)
	}
	if u.User {
		return l.tr("sim.endpoint.msg.3")
	}
	if u.Scheme != "https" {
		return l.tr("sim.endpoint.msg.4")
	}
	switch strings.ToLower(u.Path) {
	case strings.ToLower(Path2010), strings.ToLower(Path2007):
		return ""
	}
	return l.tr("sim.endpoint.msg.5", clip(u.Path, 80), Path2010, Path2007)
}
