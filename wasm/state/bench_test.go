package state

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// benchState is the state of the page with the pt-BR docs sample.
func benchState(b *testing.B) []byte {
	b.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "web", "examples", "disconnect-docs-pt-br.xml"))
	if err != nil {
		b.Fatal(err)
	}
	s := Default()
	s.Request, s.Example = string(text), "disconnect-docs-pt-br.xml"
	return s.JSON()
}

// BenchmarkParse is state.Parse; BenchmarkParseEncodingJSON the baseline,
// encoding/json into the same fields: compare the two (ns/op, allocs/op).
func BenchmarkParse(b *testing.B) {
	data := benchState(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseEncodingJSON(b *testing.B) {
	data := benchState(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	type builder struct {
		Operation, CallID, GUID, Host                       string
		Prefix, Decl                                        bool
		EntryID, DialString, GreetingType, Status, FolderID string
	}
	var v struct {
		Request, SOAPAction            string
		SOAPActionPresent              bool
		ContentType, Endpoint, Example string
		Builder                        builder
	}
	for b.Loop() {
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	s, err := Parse(benchState(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.JSON()
	}
}
