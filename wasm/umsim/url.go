package umsim

import "strings"

// Endpoint is an absolute URL split the way net/url's Parse splits it, for
// the checks EndpointProblem makes and the request line of Send's history.
// It is written here because net/url (with net/netip and unique) would cost
// the browser program about 60 KB of code for these few fields.
type Endpoint struct {
	Scheme string // lower-cased
	User   bool   // a userinfo@ part before the host
	Host   string // host[:port], percent-decoded (only non-ASCII bytes and %25 may be encoded)
	Path   string // percent-decoded
	// EscapedPath is the path as a request line carries it: as written
	// when that is a valid encoding, else Path encoded (net/url's
	// URL.EscapedPath).
	EscapedPath string
}

// ParseEndpoint splits raw, a URL with a scheme and an authority
// ("scheme://[userinfo@]host[:port][/path][?query][#fragment]"), and says
// whether it is one. It decides as url.Parse does (control bytes, bad
// percent escapes, a bad port, a host character a host cannot have, more
// than one colon in an http(s) host: not a URL), except that an IPv6
// literal is only checked for its characters and a colon, not parsed.
func ParseEndpoint(raw string) (Endpoint, bool) {
	var e Endpoint
	raw, frag, _ := strings.Cut(raw, "#")
	for i := 0; i < len(raw); i++ { // (a fragment may hold control bytes)
		if raw[i] < ' ' || raw[i] == 0x7f {
			return e, false
		}
	}
	if _, ok := unescapeURL(frag, false); !ok {
		return e, false
	}
	scheme, rest, ok := cutScheme(raw)
	if !ok || !strings.HasPrefix(rest, "//") {
		return e, false
	}
	e.Scheme = strings.ToLower(scheme)
	rest, _, _ = strings.Cut(rest, "?")
	authority, path := rest[2:], ""
	if i := strings.IndexByte(authority, '/'); i >= 0 {
		authority, path = authority[:i], authority[i:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		user := authority[:i]
		for j := 0; j < len(user); j++ {
			if c := user[j]; !alnum(c) && strings.IndexByte("-._:~!$&'()*+,;=%@", c) < 0 {
				return e, false
			}
		}
		if _, ok := unescapeURL(user, false); !ok {
			return e, false
		}
		e.User, authority = true, authority[i+1:]
	}
	if e.Host, ok = parseHost(e.Scheme, authority); !ok {
		return e, false
	}
	if e.Path, ok = unescapeURL(path, false); !ok {
		return e, false
	}
	e.EscapedPath = path
	if !validEncodedPath(path) {
		e.EscapedPath = escapePath(e.Path)
	}
	return e, e.Host != ""
}

// cutScheme splits "scheme:rest" (a letter, then letters, digits, + - .).
func cutScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return "", "", false
			}
		case c == ':' && i > 0:
			return s[:i], s[i+1:], true
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// parseHost checks host[:port] (an IPv6 literal in brackets) and returns
// it percent-decoded.
func parseHost(scheme, h string) (string, bool) {
	host, port := h, ""
	switch open := strings.LastIndexByte(h, '['); {
	case open > 0:
		return "", false
	case open == 0:
		end := strings.LastIndexByte(h, ']')
		if end < 0 {
			return "", false
		}
		host, port = h[1:end], h[end+1:]
		addr, zone, _ := strings.Cut(host, "%25")
		if !strings.Contains(addr, ":") || strings.Trim(addr, "0123456789abcdefABCDEF:.") != "" {
			return "", false
		}
		if _, ok := unescapeURL(zone, false); !ok {
			return "", false
		}
		if !validPort(port) {
			return "", false
		}
		dec, _ := unescapeURL(host, false)
		return "[" + dec + "]" + port, true
	default:
		if i := strings.IndexByte(h, ':'); i >= 0 {
			if (scheme == "http" || scheme == "https") && strings.LastIndexByte(h, ':') != i {
				return "", false
			}
			i = strings.LastIndexByte(h, ':')
			host, port = h[:i], h[i:]
		}
	}
	if !validPort(port) {
		return "", false
	}
	dec, ok := unescapeURL(host, true)
	if !ok {
		return "", false
	}
	return dec + port, true
}

// validPort: "" or ":" followed by digits (none is fine, as in net/url).
func validPort(p string) bool {
	if p == "" {
		return true
	}
	return p[0] == ':' && strings.Trim(p[1:], "0123456789") == ""
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unescapeURL decodes %XX escapes; false for a bad one. In a host (host
// true) an ASCII byte may not be escaped (but %25) and may only be a
// letter, a digit or one of -._~!$&'()*+,;=:[]<>".
func unescapeURL(s string, host bool) (string, bool) {
	if strings.IndexByte(s, '%') < 0 && !host {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) {
				return "", false
			}
			hi, ok1 := hexVal(s[i+1])
			lo, ok2 := hexVal(s[i+2])
			if !ok1 || !ok2 || host && hi < 8 && s[i:i+3] != "%25" {
				return "", false
			}
			b.WriteByte(hi<<4 | lo)
			i += 2
			continue
		}
		if host && c < 0x80 && !alnum(c) && strings.IndexByte("-._~!$&'()*+,;=:[]<>\"", c) < 0 {
			return "", false
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// pathByte tells whether a path keeps c unescaped (net/url's encodePath).
func pathByte(c byte) bool {
	return alnum(c) || strings.IndexByte("-_.~$&+,/:;=@", c) >= 0
}

// validEncodedPath: p holds only bytes a path may carry as they are
// (escapes included).
func validEncodedPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; !pathByte(c) && strings.IndexByte("!'()*[]%", c) < 0 {
			return false
		}
	}
	return true
}

// escapePath percent-encodes every byte a path cannot carry.
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if c := p[i]; pathByte(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
