package callid

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"umplay/wasm/msg"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		name       string
		guid, host string
		want       string
		wantErr    string
	}{
		{"published", docGUID, "df-eum-01.exchange.corp.microsoft.com", docID, ""},
		{"upper case GUID is written in lower case", strings.ToUpper(docGUID), "df-eum-01.exchange.corp.microsoft.com", docID, ""},
		{"implausible host is still encoded", docGUID, "localhost", enc(docGUID + "@localhost"), ""},
		{"GUID too short", "09df9edc", "um.contoso.com", "", `callid: "09df9edc" is not a GUID (8-4-4-4-12 hex digits)`},
		{"GUID in braces", "{" + docGUID + "}", "um.contoso.com", "", "is not a GUID"},
		{"empty GUID", "", "um.contoso.com", "", `callid: "" is not a GUID`},
		{"empty host", docGUID, "", "", "callid: the host is empty"},
		{"host with a space", docGUID, "a b", "", `callid: host "a b" has " " at offset 1; use an ASCII FQDN`},
		{"host with a tab", docGUID, "a.b\t", "", `has "\t" at offset 3`},
		{"host with '@'", docGUID, "a@b.c", "", `has "@" at offset 1`},
		{"host not ASCII", docGUID, "ümlaut.example", "", `has "\xc3" at offset 0`},
		{"host with DEL", docGUID, "a.b\x7f", "", `has "\x7f" at offset 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Encode(tt.guid, tt.host)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Encode(%q, %q) = %q, %v, want error %q", tt.guid, tt.host, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Encode(%q, %q) = %q, %v, want %q", tt.guid, tt.host, got, err, tt.want)
			}
		})
	}
}

func TestNewGUID(t *testing.T) {
	seq := make([]byte, 16)
	for i := range seq {
		seq[i] = byte(i)
	}
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr error
	}{
		{"counting bytes", seq, "00010203-0405-4607-8809-0a0b0c0d0e0f", nil},
		{"all ones", bytes.Repeat([]byte{0xff}, 16), "ffffffff-ffff-4fff-bfff-ffffffffffff", nil},
		{"all zeros", make([]byte, 16), "00000000-0000-4000-8000-000000000000", nil},
		{"only the first 16 bytes are read", append(bytes.Repeat([]byte{0xab}, 16), 1, 2, 3), "abababab-abab-4bab-abab-abababababab", nil},
		{"short reader", seq[:15], "", io.ErrUnexpectedEOF},
		{"empty reader", nil, "", io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewGUID(bytes.NewReader(tt.in))
			if got != tt.want || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("NewGUID(% x) = %q, %v, want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "callid: ") {
				t.Errorf("NewGUID(% x) error %q, want the package prefix", tt.in, err)
			}
			if err == nil {
				if r := Decode(enc(got + "@um.contoso.com")); r.GUID != got || r.Version != 4 || r.Variant != "RFC 4122" || len(r.Problems) != 0 {
					t.Errorf("Decode of NewGUID's %q = version %d, variant %q, problems %v, want a clean version 4 GUID", got, r.Version, r.Variant, r.Problems)
				}
			}
		})
	}
}

func TestNew(t *testing.T) {
	seq := make([]byte, 16)
	for i := range seq {
		seq[i] = byte(i)
	}
	tests := []struct {
		name    string
		host    string
		in      []byte
		want    string
		wantErr string
	}{
		// base64 of "00010203-0405-4607-8809-0a0b0c0d0e0f@um01.contoso.com"
		{"fixed reader", "um01.contoso.com", seq, "MDAwMTAyMDMtMDQwNS00NjA3LTg4MDktMGEwYjBjMGQwZTBmQHVtMDEuY29udG9zby5jb20=", ""},
		{"bad host", "um 01", seq, "", "callid: host"},
		{"no randomness", "um01.contoso.com", nil, "", "callid: reading 16 random bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := New(tt.host, bytes.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("New(%q, % x) = %q, %v, want error %q", tt.host, tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("New(%q, % x) = %q, %v, want %q", tt.host, tt.in, got, err, tt.want)
			}
		})
	}
}

func TestRepair(t *testing.T) {
	// Real CallIds never hold '+' or '/' (their text is ASCII letters, digits
	// and '-', '.', '@'); a '~' in the host makes one.
	plus := "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QHV+bS5jb250b3NvLmNvbQ=="  // …@u~m.contoso.com
	slash := "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QHU/bS5jb250b3NvLmNvbQ==" // …@u?m.contoso.com
	tests := []struct {
		name   string
		in     string
		want   string
		wantOK bool
	}{
		{"already fine", docID, docID, false},
		{"missing padding", strings.TrimSuffix(docID, "="), docID, true},
		{"missing two '='", strings.TrimSuffix(plus, "=="), plus, true},
		{"missing one of two '='", strings.TrimSuffix(plus, "="), plus, true},
		{"whitespace", " " + docID[:40] + "\r\n\t" + docID[40:] + "\n", docID, true},
		{"URL-safe '-'", strings.ReplaceAll(plus, "+", "-"), plus, true},
		{"URL-safe '_' without padding", strings.TrimRight(strings.ReplaceAll(slash, "/", "_"), "="), slash, true},
		{"all three", " " + strings.TrimRight(strings.ReplaceAll(plus, "+", "-"), "=") + " ", plus, true},
		{"4n+1 characters", "QUFBQ", "QUFBQ", false},
		{"foreign character", docID[:10] + "*" + docID[10:], docID[:10] + "*" + docID[10:], false},
		{"valid base64, not a CallId", "aGVsbG8", "aGVsbG8", false},
		{"'=' in the middle", "QQ==QQ==", "QQ==QQ==", false},
		{"too many '='", docID + "==", docID + "==", false},
		{"empty", "", "", false},
		{"only whitespace", " \n", " \n", false},
		{"warnings only stay", enc(docGUID + "@localhost"), enc(docGUID + "@localhost"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Repair(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Repair(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
			if ok && !Decode(got).OK {
				t.Errorf("Repair(%q) = %q, which Decode rejects", tt.in, got)
			}
		})
	}
}

// Encode's refusals are worded by the catalogs: English by Error, any
// language through the message.
func TestEncodeErrorLanguages(t *testing.T) {
	_, err := Encode("not-a-guid", "um01.contoso.com")
	e, ok := err.(*EncodeError)
	if !ok {
		t.Fatalf("Encode(bad GUID) error = %T %v, want *EncodeError", err, err)
	}
	if got, want := err.Error(), `callid: "not-a-guid" is not a GUID (8-4-4-4-12 hex digits)`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.M.In(msg.PTBR), `"not-a-guid" não é um GUID (8-4-4-4-12 dígitos hexadecimais)`; got != want {
		t.Errorf("pt-BR = %q, want %q", got, want)
	}
}
