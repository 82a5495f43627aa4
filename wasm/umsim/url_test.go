package umsim

import (
	"net/url"
	"strings"
	"testing"
)

// endpointCases are URLs on which ParseEndpoint must decide as url.Parse.
var endpointCases = []string{
	"https://mail.contoso.com/EWS/UM2007Legacy.asmx",
	"HTTPS://Mail.Contoso.com:443/ews/um2007legacy.asmx?x=1#top",
	"https://cas01/UnifiedMessaging/Service.asmx",
	"http://mail.contoso.com/EWS/UM2007Legacy.asmx",
	"ftp://mail.contoso.com/EWS/UM2007Legacy.asmx",
	"mail.contoso.com/EWS/UM2007Legacy.asmx",
	"/EWS/UM2007Legacy.asmx",
	"//mail.contoso.com/EWS/UM2007Legacy.asmx",
	"https:mail.contoso.com/EWS",
	"https:///EWS/UM2007Legacy.asmx",
	"https://",
	"https://host",
	"https://host?q",
	"https://host#f",
	"https://host:/x",
	"https://host:8443/x",
	"https://host:84a3/x",
	"https://host:1:2/x",
	"https://a:b@host/x",
	"https://user@host/x",
	"https://us er@host/x",
	"https://u%zz@host/x",
	"https://p@ss@host/x",
	"https://[::1]/EWS/UM2007Legacy.asmx",
	"https://[::1]:8443/EWS/UM2007Legacy.asmx",
	"https://[fe80::1%25en0]/x",
	"https://[::1]x/x",
	"https://[::1/x",
	"https://h[::1]/x",
	"https://[127.0.0.1]/x",
	"https://ma il.contoso.com/x",
	"https://mail.contoso.com /x",
	"https://mail_contoso~x.com/x",
	"https://m%41il/x",
	"https://m%C3%A9il/x",
	"https://m%zz/x",
	"https://m!$&'()*+,;=/x",
	"https://m{x}/x",
	"https://host/a b",
	"https://host/a%20b",
	"https://host/a%2fb",
	"https://host/a%zzb",
	"https://host/a%",
	"https://host/%41",
	"https://host/a'b(c)*!",
	"https://host/a[b]",
	"https://host/a\"b<c>",
	"https://host/é",
	"https://host/a^b`c{d}|e\\",
	"https://host/x#%zz",
	"https://host/x#a b",
	"https://host/x\x01",
	"https://host/x\x7f",
	"https://host/x#\x01",
	"https://ho\x01st/x",
	"https://@/x",
	"https://a]b/x",
	"https://host:/x?",
	"https://host/a?b?c",
	"x-y.z+w://host/x",
	"https://us\xc3\xa9r@host/x",
	"https://h\xc3\xa9st/x",
	"1https://host/x",
	":https://host/x",
	"h.t-t+p://host/x",
	"https://host/x?a%zz",
	"*",
	"",
}

func TestParseEndpointAsNetURL(t *testing.T) {
	for _, in := range endpointCases {
		compareNetURL(t, in)
	}
}

// FuzzParseEndpoint: ParseEndpoint agrees with url.Parse on every input
// without a '[' (IPv6 literals are checked for their characters only).
func FuzzParseEndpoint(f *testing.F) {
	for _, in := range endpointCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, "[") {
			return
		}
		compareNetURL(t, in)
	})
}

func compareNetURL(t *testing.T, in string) {
	t.Helper()
	e, ok := ParseEndpoint(in)
	u, err := url.Parse(in)
	want := err == nil && u.Host != "" && u.Scheme != "" && u.Opaque == ""
	if ok != want {
		t.Errorf("ParseEndpoint(%q) ok = %v; url.Parse: %v, %+v", in, ok, err, u)
		return
	}
	if ok && (e.Scheme != u.Scheme || e.User != (u.User != nil) || e.Host != u.Host || e.Path != u.Path || e.EscapedPath != u.EscapedPath()) {
		t.Errorf("ParseEndpoint(%q) = %+v; url.Parse: scheme %q user %v host %q path %q escaped %q",
			in, e, u.Scheme, u.User != nil, u.Host, u.Path, u.EscapedPath())
	}
}
