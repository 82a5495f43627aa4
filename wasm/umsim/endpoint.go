package umsim

import (
	"fmt"
	"strings"
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
func EndpointProblem(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "The endpoint is empty; a client needs the server's URL, e.g. https://mail.contoso.com" + Path2010 + "."
	}
	u, ok := ParseEndpoint(s)
	if !ok || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Sprintf("%q is not an absolute URL; write it as https://<server>%s.", clip(s, 80), Path2010)
	}
	if u.User {
		return "The endpoint holds a user name or password; the UM web service authenticates through the web server (MS-OXWUMS 1.7), never in the URL."
	}
	if u.Scheme != "https" {
		return "The endpoint uses http://; Exchange serves the UM web service over HTTPS (MS-OXWUMS 1.4)."
	}
	switch strings.ToLower(u.Path) {
	case strings.ToLower(Path2010), strings.ToLower(Path2007):
		return ""
	}
	return fmt.Sprintf("The path %q is not the UM web service's: Exchange 2010 and later serve it at %s, Exchange 2007 at %s.", clip(u.Path, 80), Path2010, Path2007)
}
