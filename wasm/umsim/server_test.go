package umsim

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"umplay/wasm/soap"
)

// TestRequestReport: answering with the caller's report (Request.Report)
// is answering the request, on every golden request.
func TestRequestReport(t *testing.T) {
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
			withRep := req
			withRep.Report = rep
			a, _ := newTestServer()
			b, _ := newTestServer()
			if got, want := a.Handle(withRep), b.Handle(req); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Handle with the report = %+v, without = %+v", name, got, want)
			}
			if got, want := a.Preview(withRep), b.Preview(req); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Preview with the report = %+v, without = %+v", name, got, want)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d golden requests", n)
	}
}
