package umsim

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"umplay/wasm/soap"
)

// TestHandleReport: answering with the caller's report is answering the
// request, on every golden request and on the lifecycle.
func TestHandleReport(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	n := 0
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, secs := parseGolden(string(b))
		for _, sec := range secs {
			if sec.name != "request" {
				continue
			}
			n++
			req := parseRequest(t, sec.data)
			action, present := header(req.Header, "SOAPAction")
			rep := soap.Check(req.Body, soap.Head{SOAPActionPresent: present, SOAPAction: action})
			a, _ := newTestServer()
			b, _ := newTestServer()
			if got, want := a.HandleReport(req, rep), b.Handle(req); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: HandleReport = %+v, Handle = %+v", name, got, want)
			}
			if got, want := a.PreviewReport(req, rep), b.Preview(req); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: PreviewReport = %+v, Preview = %+v", name, got, want)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d golden requests", n)
	}
}
