package soap

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 in the given byte order, with its BOM.
func utf16Bytes(s string, le bool) []byte {
	var b []byte
	if le {
		b = []byte{0xFF, 0xFE}
	} else {
		b = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if le {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return b
}

func TestDecodeText(t *testing.T) {
	const doc = "<a>\r\n  é 😀 x</a>\n"
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantEnc Encoding
		wantErr string // part of the message; "" = no error
		wantOff int
		wantPos Pos
	}{
		{name: "empty", in: nil, want: "", wantEnc: UTF8},
		{name: "plain UTF-8", in: []byte(doc), want: doc, wantEnc: UTF8},
		{name: "UTF-8 BOM dropped", in: append([]byte{0xEF, 0xBB, 0xBF}, doc...), want: doc, wantEnc: UTF8BOM},
		{name: "only a BOM", in: []byte{0xEF, 0xBB, 0xBF}, want: "", wantEnc: UTF8BOM},
		{name: "UTF-16LE with non-BMP", in: utf16Bytes(doc, true), want: doc, wantEnc: UTF16LE},
		{name: "UTF-16BE with non-BMP", in: utf16Bytes(doc, false), want: doc, wantEnc: UTF16BE},
		{name: "UTF-16LE empty", in: []byte{0xFF, 0xFE}, want: "", wantEnc: UTF16LE},
		{name: "invalid UTF-8 first byte", in: []byte("\xFF<a/>"), wantEnc: UTF8,
			wantErr: "not UTF-8 text: byte 0xFF at offset 0", wantOff: 0, wantPos: Pos{Line: 1, Col: 1}},
		{name: "invalid UTF-8 mid-line", in: []byte("<a>é\xFFb</a>"), wantEnc: UTF8,
			wantErr: "not UTF-8 text: byte 0xFF at offset 5", wantOff: 5, wantPos: Pos{Line: 1, Col: 5}},
		{name: "invalid UTF-8 line 3", in: []byte("<a>\n\n  \xC3(</a>"), wantEnc: UTF8,
			wantErr: "byte 0xC3 at offset 7", wantOff: 7, wantPos: Pos{Line: 3, Col: 3}},
		{name: "truncated UTF-8 at the end", in: []byte("<a/>\xE2\x82"), wantEnc: UTF8,
			wantErr: "byte 0xE2 at offset 4", wantOff: 4, wantPos: Pos{Line: 1, Col: 5}},
		{name: "invalid UTF-8 after a BOM counts the BOM", in: []byte("\xEF\xBB\xBF<a>\x80"), wantEnc: UTF8BOM,
			wantErr: "byte 0x80 at offset 6", wantOff: 6, wantPos: Pos{Line: 1, Col: 4}},
		{name: "UTF-8 surrogate encoding", in: []byte("<a>\xED\xA0\x80</a>"), wantEnc: UTF8,
			wantErr: "byte 0xED at offset 3", wantOff: 3, wantPos: Pos{Line: 1, Col: 4}},
		{name: "NUL", in: []byte("<a>\n\x00</a>"), wantEnc: UTF8,
			wantErr: "not text: a NUL byte at offset 4; XML text cannot contain NUL", wantOff: 4, wantPos: Pos{Line: 2, Col: 1}},
		{name: "UTF-16LE without BOM", in: []byte("<\x00a\x00/\x00>\x00"), wantEnc: UTF8,
			wantErr: "NUL byte at offset 1; this looks like UTF-16 without a byte order mark", wantOff: 1, wantPos: Pos{Line: 1, Col: 2}},
		{name: "UTF-16BE without BOM", in: []byte("\x00<\x00a"), wantEnc: UTF8,
			wantErr: "looks like UTF-16", wantOff: 0, wantPos: Pos{Line: 1, Col: 1}},
		{name: "UTF-16 odd length", in: append(utf16Bytes("<a/>\n", true), '<'), wantEnc: UTF16LE,
			wantErr: "not UTF-16LE text: an odd number of bytes; the last byte, at offset 12", wantOff: 12, wantPos: Pos{Line: 2, Col: 1}},
		{name: "UTF-16LE lone high surrogate", in: append(utf16Bytes("ab", true), 0x00, 0xD8, 'c', 0), wantEnc: UTF16LE,
			wantErr: "unpaired surrogate 0xD800 at offset 6", wantOff: 6, wantPos: Pos{Line: 1, Col: 3}},
		{name: "UTF-16BE lone low surrogate", in: append(utf16Bytes("😀", false), 0xDC, 0x00), wantEnc: UTF16BE,
			wantErr: "not UTF-16BE text: unpaired surrogate 0xDC00 at offset 6", wantOff: 6, wantPos: Pos{Line: 1, Col: 2}},
		{name: "UTF-16 high surrogate at the end", in: append(utf16Bytes("a", true), 0x3D, 0xD8), wantEnc: UTF16LE,
			wantErr: "unpaired surrogate 0xD83D at offset 4", wantOff: 4, wantPos: Pos{Line: 1, Col: 2}},
		{name: "UTF-16 NUL", in: utf16Bytes("a\x00", false), wantEnc: UTF16BE,
			wantErr: "not UTF-16BE text: a NUL character at offset 4", wantOff: 4, wantPos: Pos{Line: 1, Col: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.in); got != tt.wantEnc {
				t.Errorf("Sniff(%q) = %v, want %v", tt.in, got, tt.wantEnc)
			}
			got, err := DecodeText(tt.in)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("DecodeText(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
				}
				if back := tt.wantEnc.Encode(got); !bytes.Equal(back, tt.in) && len(tt.in) > 0 {
					t.Errorf("%v.Encode(%q) = %q, want the input %q back", tt.wantEnc, got, back, tt.in)
				}
				return
			}
			if err == nil {
				t.Fatalf("DecodeText(%q) = %q, nil; want an error containing %q", tt.in, got, tt.wantErr)
			}
			if !strings.Contains(err.Msg, tt.wantErr) || err.Offset != tt.wantOff || lc(err.Pos) != tt.wantPos {
				t.Errorf("DecodeText(%q) error = %q at offset %d, %+v; want %q at offset %d, %+v",
					tt.in, err.Msg, err.Offset, err.Pos, tt.wantErr, tt.wantOff, tt.wantPos)
			}
			if !strings.HasPrefix(err.Error(), "soap: not ") {
				t.Errorf("Error() = %q, want the soap: prefix", err.Error())
			}
		})
	}
}

// Over MaxBytes the bytes are passed through for the size check: even
// NULs (umplay check /dev/zero) give limit-size, not an encoding error.
func TestDecodeTextOverLimit(t *testing.T) {
	b := make([]byte, MaxBytes+1)
	s, err := DecodeText(b)
	if err != nil || len(s) != len(b) {
		t.Fatalf("DecodeText(%d NULs) = %d bytes, %v; want them back, nil", len(b), len(s), err)
	}
	r := Check(s, DefaultHead())
	if len(r.Diagnostics) == 0 || r.Diagnostics[0].Code != "limit-size" {
		t.Errorf("Check of it: %+v, want limit-size", r.Diagnostics)
	}
}

func BenchmarkDecodeText(b *testing.B) {
	doc := []byte(strings.Repeat("<a>é text</a>\n", 4096))
	u16 := utf16Bytes(string(doc), true)
	b.Run("utf8", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			DecodeText(doc)
		}
	})
	b.Run("utf16", func(b *testing.B) {
		b.SetBytes(int64(len(u16)))
		for b.Loop() {
			DecodeText(u16)
		}
	})
}

// DecodeText never panics, and a text it returns re-encodes to the very
// bytes it came from (what umplay check --fix relies on).
func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("<a>é</a>"))
	f.Add([]byte("\xEF\xBB\xBF<a/>"))
	f.Add(utf16Bytes("<a>😀</a>", true))
	f.Add(utf16Bytes("<a/>", false))
	f.Add([]byte("\xFF\xFE\x00\xD8"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeText(b)
		if err != nil {
			if err.Offset < 0 || err.Offset >= len(b) || err.Pos.Line < 1 || err.Pos.Col < 1 {
				t.Fatalf("DecodeText(%q): error %+v outside the input", b, err)
			}
			return
		}
		if back := Sniff(b).Encode(s); !bytes.Equal(back, b) {
			t.Fatalf("DecodeText(%q) = %q, which encodes back to %q", b, s, back)
		}
	})
}

// codePoint writes what fmt's %U wrote in checkText's errors.
func TestCodePoint(t *testing.T) {
	for _, r := range []rune{0, 0x8, 0x1f, 0xfffe, 0xffff, 0xd800, 0x10000, 0x10ffff} {
		if got, want := codePoint(r), fmt.Sprintf("%U", r); got != want {
			t.Errorf("codePoint(%#x) = %q, want %q", r, got, want)
		}
	}
}
