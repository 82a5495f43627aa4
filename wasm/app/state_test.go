//go:build js && wasm

package main

import "testing"

func TestStateRoundTrip(t *testing.T) {
	s := DefaultState()
	s.Request = "<x/>"
	s.SOAPActionPresent = false
	s.Builder.Prefix = true
	b := s.JSON()
	got, err := ParseState(b)
	if err != nil {
		t.Fatalf("ParseState(%s): %v", b, err)
	}
	if got != s {
		t.Errorf("ParseState(%s) = %+v, want %+v", b, got, s)
	}
	if _, err := ParseState([]byte(`{"builder":{"operation":"Hangup"}}`)); err == nil {
		t.Errorf("ParseState(unknown operation) = nil error, want one")
	}
}
