package callid

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// maxMessage bounds a problem's message whatever the input: quoted input is
// cut (short) before it goes into a message.
const maxMessage = 600

// unlimited lists every problem, for comparing with the capped lists.
var unlimited = limits{1 << 30, 1 << 30}

// TestDecodeCapsFamilies decodes the hostile families of issue 7 at small
// sizes: at most MaxPerCode problems per code are listed, then one CodeMore
// problem counts the rest, by code.
func TestDecodeCapsFamilies(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		listed   map[string]int // problems listed per code, the summary excluded
		more     string         // the summary's count, "" for none
		severity string         // the summary's severity
		ok       bool
	}{
		{"bang", strings.Repeat("!", 250), map[string]int{CodeBase64Char: 100}, "and 150 more problems like these (150 base64-char)", Error, false},
		// 300 "Q\n": 300 whitespace runs; 300 Q are valid base64 of bytes
		// 0x41 0x04 0x10 …: 75 runs of unprintable bytes, and no '@'.
		{"q-newline", strings.Repeat("Q\n", 300), map[string]int{CodeWhitespace: 100, CodeNotASCII: 75, CodeFormat: 1}, "and 200 more problems like these (200 whitespace)", Warning, false},
		{"q-space", strings.Repeat("Q ", 1200), map[string]int{CodeWhitespace: 100, CodeNotASCII: 100, CodeFormat: 1}, "and 1,300 more problems like these (1,100 whitespace, 200 not-ascii)", Error, false},
		{"url-safe", strings.Repeat("-_", 60), map[string]int{CodeBase64Char: 100}, "and 20 more problems like these (20 base64-char)", Error, false},
		{"padding in the middle", strings.Repeat("QQ==", 150), map[string]int{CodeBase64Length: 100}, "and 50 more problems like these (50 base64-length)", Error, false},
		{"empty labels", enc(docGUID + "@a" + strings.Repeat(".", 130) + "b"), map[string]int{CodeHost: 100}, "and 29 more problems like these (29 host)", Warning, true},
		{"spaces in the host", enc(docGUID + "@a" + strings.Repeat(" a", 120)), map[string]int{CodeFormat: 100}, "and 20 more problems like these (20 format)", Error, false},
		{"under the caps", strings.Repeat("!", 100), map[string]int{CodeBase64Char: 100}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Decode(tt.in)
			checkResult(t, tt.in, r)
			listed := map[string]int{}
			var more *Problem
			for i, pr := range r.Problems {
				if pr.Code == CodeMore {
					more = &r.Problems[i]
					continue
				}
				listed[pr.Code]++
			}
			if fmt.Sprint(listed) != fmt.Sprint(tt.listed) {
				t.Errorf("Decode(%.40q…) lists %v, want %v\n%s", tt.in, listed, tt.listed, messages(r))
			}
			if r.OK != tt.ok {
				t.Errorf("Decode(%.40q…).OK = %v, want %v", tt.in, r.OK, tt.ok)
			}
			switch {
			case tt.more == "" && more != nil:
				t.Errorf("Decode(%.40q…) has a summary %q, want none", tt.in, more.Message)
			case tt.more != "" && more == nil:
				t.Errorf("Decode(%.40q…) has no summary, want %q", tt.in, tt.more)
			case more != nil:
				if !strings.HasPrefix(more.Message, tt.more) || more.Severity != tt.severity {
					t.Errorf("Decode(%.40q…) summary = %s %q, want %s %q…", tt.in, more.Severity, more.Message, tt.severity, tt.more)
				}
			}
			full := decode(tt.in, unlimited)
			if got := len(full.Problems); r.Errors+r.Warnings != got {
				t.Errorf("Decode(%.40q…) counts %d problems, an uncapped decode finds %d", tt.in, r.Errors+r.Warnings, got)
			}
		})
	}
}

// TestDecodeCapsSummaryRange: the summary covers the problems it stands
// for, from the first one's offset to the last one's end.
func TestDecodeCapsSummaryRange(t *testing.T) {
	in := "QUFB" + strings.Repeat("!", 150) + "QUFB"
	r := Decode(in)
	checkResult(t, in, r)
	last := r.Problems[len(r.Problems)-1]
	if last.Code != CodeMore || last.Offset != 104 || last.End != 154 || last.Severity != Error {
		t.Errorf("Decode(%q): summary = %s %s [%d,%d), want %s error [104,154)", in, last.Code, last.Severity, last.Offset, last.End, CodeMore)
	}
}

// TestDecodeCapsTotal: with more codes than the total cap allows, the total
// cap holds and the summary counts each code.
func TestDecodeCapsTotal(t *testing.T) {
	in := enc(strings.Repeat("\x01a", 10)) + "\n" // not-ascii problems after a whitespace one
	in = strings.Repeat(" ", 1) + in
	r := decode(in, limits{perCode: 4, total: 6})
	if len(r.Problems) != 7 {
		t.Fatalf("decode(%q) lists %d problems, want 6 and a summary\n%s", in, len(r.Problems), messages(r))
	}
	if s := r.Problems[6]; s.Code != CodeMore || !strings.HasPrefix(s.Message, "and 7 more problems like these (6 not-ascii, 1 format)") {
		t.Errorf("decode(%q) summary = %q", in, s.Message)
	}
}

// checkCapped compares a decode under small caps with an uncapped one: the
// verdict, the counts and the first error are the same; the capped list is
// the uncapped one with problems left out, and the summary counts them.
// (The first error may be listed beyond the caps.)
func checkCapped(t *testing.T, raw string, lim limits) {
	t.Helper()
	c, full := decode(raw, lim), decode(raw, unlimited)
	if c.OK != full.OK || c.Errors != full.Errors || c.Warnings != full.Warnings || c.Decoded != full.Decoded || c.GUID != full.GUID || c.Host != full.Host {
		t.Fatalf("decode(%q) capped: ok %v, %d errors, %d warnings; uncapped: ok %v, %d errors, %d warnings", raw, c.OK, c.Errors, c.Warnings, full.OK, full.Errors, full.Warnings)
	}
	if fe, ce := firstError(full), firstError(c); !sameProblem(fe, ce) {
		t.Fatalf("decode(%q): first error capped %+v, uncapped %+v", raw, ce, fe)
	}
	listed := c.Problems
	if n := len(listed); n > 0 && listed[n-1].Code == CodeMore {
		listed = listed[:n-1]
		if !strings.HasPrefix(c.Problems[n-1].Message, "and "+group(len(full.Problems)-len(listed))+" more problems") {
			t.Fatalf("decode(%q): summary %q, want it to count %d", raw, c.Problems[n-1].Message, len(full.Problems)-len(listed))
		}
	} else if len(listed) != len(full.Problems) {
		t.Fatalf("decode(%q): %d listed without a summary, uncapped %d", raw, len(listed), len(full.Problems))
	}
	j := 0
	for _, p := range listed {
		for j < len(full.Problems) && !sameProblem(full.Problems[j], p) {
			j++
		}
		if j == len(full.Problems) {
			t.Fatalf("decode(%q): capped problem %+v is not in the uncapped list in that order", raw, p)
		}
		j++
	}
}

func firstError(r Result) Problem {
	for _, p := range r.Problems {
		if p.Severity == Error {
			return p
		}
	}
	return Problem{}
}

func TestDecodeCapsKeepVerdict(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("!", 30), strings.Repeat("Q\n", 40), strings.Repeat("Q ", 41), strings.Repeat("QQ==", 12),
		" " + strings.Repeat("-", 9) + " ", enc(docGUID + "@a" + strings.Repeat(" a.", 9) + "..."),
		enc(strings.Repeat("\x01@ ", 9)), "/+7dzLuqmYh3ZlVEMyIRAA==",
	} {
		for _, lim := range []limits{{1, 1}, {2, 3}, {3, 100}, {100, 2}} {
			checkCapped(t, in, lim)
		}
	}
}

// TestDecodeMemory: Decode allocates a small constant times the input on
// every hostile family (issue 7: 2 MiB of '!' took 742 MB).
func TestDecodeMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes megabytes")
	}
	for _, f := range hostileFamilies {
		raw := f.make(f.n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := Decode(raw)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		if limit := 12*uint64(len(raw)) + 1<<20; alloc > limit {
			t.Errorf("%s: Decode of %d bytes allocates %d bytes, want at most %d", f.name, len(raw), alloc, limit)
		}
		if len(r.Problems) > MaxProblems+1 {
			t.Errorf("%s: %d problems listed", f.name, len(r.Problems))
		}
		t.Logf("%s: %d bytes in, %d allocated (%.1f×), %d problems listed of %d", f.name, len(raw), alloc, float64(alloc)/float64(len(raw)), len(r.Problems), r.Errors+r.Warnings)
	}
}

// sameProblem compares what a reader sees of two problems.
func sameProblem(a, b Problem) bool {
	return a.Code == b.Code && a.Severity == b.Severity && a.Offset == b.Offset && a.End == b.End && a.Message == b.Message
}
