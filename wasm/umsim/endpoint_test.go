package umsim

import (
	"strings"
	"testing"
	"umplay/wasm/msg"
)

func TestEndpointProblem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://mail.contoso.com/EWS/UM2007Legacy.asmx", ""},
		{" https://cas01.corp.example/ews/um2007legacy.asmx ", ""},
		{"https://cas01/UnifiedMessaging/Service.asmx", ""},
		{"", "empty"},
		{"mail.contoso.com/EWS/UM2007Legacy.asmx", "not an absolute URL"},
		{"ftp://mail.contoso.com/EWS/UM2007Legacy.asmx", "not an absolute URL"},
		{"http://mail.contoso.com/EWS/UM2007Legacy.asmx", "HTTPS"},
		{"https://user:pw@mail.contoso.com/EWS/UM2007Legacy.asmx", "password"},
		{"https://mail.contoso.com/EWS/Exchange.asmx", "not the UM web service's"},
	} {
		got := EndpointProblem(tt.in, msg.EN)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("EndpointProblem(%q, msg.EN) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
