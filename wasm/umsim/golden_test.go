package umsim

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// A golden file is txtar-like: a free comment, then sections that start
// with a line "-- name --". The inputs are
//
//	request   an HTTP request: "METHOD target HTTP/1.1", header fields, a
//	          blank line, the body; "$CALLID" stands for the CallId of the
//	          last call started
//	advance   a duration (time.ParseDuration) to move the clock by
//
// and after each request come its outputs, which -update rewrites:
//
//	response  Raw(), CRLF shown as LF (TestGolden checks the CRLFs itself)
//	fault     the Fault as JSON, or null
//	explain   the explanation
//
// A file runs against one fresh server (fake clock at epoch, fixed
// randomness). Every request is previewed first: the preview must equal
// the answer and must not change Calls().
type section struct{ name, data string }

func parseGolden(text string) (comment string, secs []section) {
	lines := strings.SplitAfter(text, "\n")
	cur := -1
	var b strings.Builder
	flush := func() {
		if cur < 0 {
			comment = b.String()
		} else {
			secs[cur].data = b.String()
		}
		b.Reset()
	}
	for _, l := range lines {
		trimmed := strings.TrimRight(l, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			secs = append(secs, section{name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			cur = len(secs) - 1
			continue
		}
		b.WriteString(l)
	}
	flush()
	return comment, secs
}

func formatGolden(comment string, secs []section) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, s := range secs {
		b.WriteString("-- " + s.name + " --\n")
		b.WriteString(withNL(s.data))
	}
	return b.String()
}

func withNL(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

// parseRequest reads a request section.
func parseRequest(t *testing.T, data string) Request {
	t.Helper()
	head, body, ok := strings.Cut(data, "\n\n")
	if !ok {
		head, body = strings.TrimSuffix(data, "\n"), ""
	}
	lines := strings.Split(head, "\n")
	req := Request{Method: strings.Fields(lines[0])[0], Body: body}
	for _, l := range lines[1:] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("request header line %q has no colon", l)
		}
		req.Header = append(req.Header, Header{Name: name, Value: strings.TrimLeft(value, " ")})
	}
	return req
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			comment, secs := parseGolden(string(raw))
			s, clk := newTestServer()
			var out []section
			requests := 0
			for i := 0; i < len(secs); i++ {
				sec := secs[i]
				switch sec.name {
				case "advance":
					d, err := time.ParseDuration(strings.TrimSpace(sec.data))
					if err != nil {
						t.Fatalf("advance: %v", err)
					}
					clk.Advance(d)
					out = append(out, sec)
					continue
				case "request":
				default:
					t.Fatalf("section %d is %q; want request or advance (outputs follow their request)", i, sec.name)
				}
				requests++
				data := sec.data
				if strings.Contains(data, "$CALLID") {
					calls := s.Calls()
					if len(calls) == 0 {
						t.Fatalf("request %d uses $CALLID, but no call was started", requests)
					}
					data = strings.ReplaceAll(data, "$CALLID", calls[len(calls)-1].ID)
				}
				req := parseRequest(t, data)

				before := s.Calls()
				preview := s.Preview(req)
				if after := s.Calls(); !reflect.DeepEqual(before, after) {
					t.Errorf("request %d: Preview changed Calls() from %+v to %+v", requests, before, after)
				}
				got := s.Handle(req)
				if !reflect.DeepEqual(preview, got) {
					t.Errorf("request %d: Preview\n%+v\ndiffers from Handle\n%+v", requests, preview, got)
				}
				checkWire(t, got)

				var fault strings.Builder
				enc := json.NewEncoder(&fault)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(got.Fault); err != nil {
					t.Fatal(err)
				}
				outputs := []section{
					{"response", withNL(strings.ReplaceAll(got.Raw(), "\r\n", "\n"))},
					{"fault", fault.String()},
					{"explain", got.Explain + "\n"},
				}
				out = append(out, sec)
				out = append(out, outputs...)
				// Compare with the outputs the file holds after this request.
				for _, want := range outputs {
					if i+1 < len(secs) && secs[i+1].name == want.name {
						i++
						if !*update && secs[i].data != want.data {
							t.Errorf("request %d: %s =\n%s\nwant\n%s", requests, want.name, want.data, secs[i].data)
						}
						continue
					}
					if !*update {
						t.Errorf("request %d: no %s section (run go test -update)", requests, want.name)
					}
				}
			}
			if requests == 0 {
				t.Fatal("no request section")
			}
			if *update {
				if err := os.WriteFile(file, []byte(formatGolden(comment, out)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestParseGolden(t *testing.T) {
	comment, secs := parseGolden("about\n-- request --\nPOST / HTTP/1.1\n\nbody\n-- x --\n-- advance --\n2s\n")
	want := []section{{"request", "POST / HTTP/1.1\n\nbody\n"}, {"x", ""}, {"advance", "2s\n"}}
	if comment != "about\n" || !reflect.DeepEqual(secs, want) {
		t.Errorf("parseGolden = %q, %q; want %q, %q", comment, secs, "about\n", want)
	}
	if got := formatGolden(comment, secs); got != "about\n-- request --\nPOST / HTTP/1.1\n\nbody\n-- x --\n-- advance --\n2s\n" {
		t.Errorf("formatGolden round trip = %q", got)
	}
}
