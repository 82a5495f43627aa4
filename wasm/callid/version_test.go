package callid

import (
	"testing"

	"umplay/wasm/msg"
)

func TestVersionText(t *testing.T) {
	tests := []struct {
		name string
		in   Result
		want string
	}{
		{"no GUID", Result{Version: 4}, ""},
		{"random", Result{GUID: "09df9edc-4e23-4709-bdaf-7be20cb0ae56", Version: 4}, "4 (random)"},
		{"time-based", Result{GUID: "x", Version: 1}, "1 (time-based)"},
		{"SHA-1", Result{GUID: "x", Version: 5}, "5 (name-based, SHA-1)"},
		{"custom", Result{GUID: "x", Version: 8}, "8 (custom)"},
		{"zero", Result{GUID: "x", Version: 0}, "0"},
		{"unnamed", Result{GUID: "x", Version: 15}, "15"},
	}
	for _, tt := range tests {
		if got := VersionText(tt.in, msg.EN); got != tt.want {
			t.Errorf("%s: VersionText(%+v) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	// Through Decode, as the CallId panel gets it.
	r := Decode("MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=")
	if got := VersionText(r, msg.EN); got != "4 (random)" {
		t.Errorf("VersionText(Decode(doc sample)) = %q, want %q", got, "4 (random)")
	}
	if got := VersionText(r, msg.PTBR); got != "4 (aleatório)" {
		t.Errorf("VersionText(Decode(doc sample), pt-BR) = %q, want %q", got, "4 (aleatório)")
	}
}
