package wasmpack

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// module is a WebAssembly module of a memory and one data section holding
// segs (as Go links them: active, memory 0, i32.const offsets).
func module(segs ...Segment) []byte {
	b := append([]byte(nil), magic...)
	b = append(b, 5, 3, 1, 0, 2) // memory section: one memory, min 2 pages
	data := encodeData(segs)
	b = append(b, sectionData)
	b = appendULEB(b, uint64(len(data)))
	return append(b, data...)
}

// image is the memory a module's segments write, from 0 to the last byte.
func image(t *testing.T, m []byte) []byte {
	t.Helper()
	segs, err := Segments(m)
	if err != nil {
		t.Fatalf("Segments: %v", err)
	}
	var mem []byte
	for _, s := range segs {
		if end := int(s.Offset) + len(s.Data); end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.Offset:], s.Data)
	}
	return mem
}

func TestPack(t *testing.T) {
	seg := func(off uint32, s string) Segment { return Segment{off, []byte(s)} }
	for _, tc := range []struct {
		name   string
		in     []Segment
		maxGap int
		want   []Segment
	}{
		{"none", nil, 64, nil},
		{"one", []Segment{seg(8, "abc")}, 64, []Segment{seg(8, "abc")}},
		{"adjacent", []Segment{seg(0, "ab"), seg(2, "cd")}, 0, []Segment{seg(0, "abcd")}},
		{"small gap", []Segment{seg(0, "ab"), seg(5, "cd")}, 3, []Segment{seg(0, "ab\x00\x00\x00cd")}},
		{"gap too long", []Segment{seg(0, "ab"), seg(6, "cd")}, 3, []Segment{seg(0, "ab"), seg(6, "cd")}},
		{"out of order", []Segment{seg(10, "b"), seg(0, "a")}, 64, []Segment{seg(0, "a\x00\x00\x00\x00\x00\x00\x00\x00\x00b")}},
		{"chain", []Segment{seg(100, "a"), seg(102, "b"), seg(104, "c"), seg(1000, "d"), seg(1001, "e")}, 1,
			[]Segment{seg(100, "a\x00b\x00c"), seg(1000, "de")}},
		{"high offset", []Segment{seg(1<<30, "x"), seg(1<<30+9, "y")}, 8, []Segment{seg(1<<30, "x\x00\x00\x00\x00\x00\x00\x00\x00y")}},
	} {
		in := module(tc.in...)
		out, st, err := Pack(in, tc.maxGap)
		if err != nil {
			t.Errorf("%s: Pack: %v", tc.name, err)
			continue
		}
		if want := module(tc.want...); !bytes.Equal(out, want) {
			got, _ := Segments(out)
			t.Errorf("%s: Pack gave segments %v, want %v", tc.name, got, tc.want)
		}
		if !bytes.Equal(image(t, in), image(t, out)) {
			t.Errorf("%s: the memory image changed", tc.name)
		}
		if st.SegmentsIn != len(tc.in) || st.SegmentsOut != len(tc.want) {
			t.Errorf("%s: stats %+v, want %d → %d segments", tc.name, st, len(tc.in), len(tc.want))
		}
	}
}

func TestPackRefuses(t *testing.T) {
	good := module(Segment{16, []byte("ab")}, Segment{32, []byte("cd")})
	for _, tc := range []struct {
		name, want string
		m          []byte
	}{
		{"not wasm", "not a WebAssembly", []byte("\x00asm\x02\x00\x00\x00")},
		{"cut section", "past the module's end", good[:len(good)-1]},
		{"passive segment", "not active", replace(good, []byte{0x00, 0x41, 16}, []byte{0x01, 0x41, 16})},
		{"global offset", "not active", replace(good, []byte{0x00, 0x41, 32}, []byte{0x00, 0x23, 32})},
		{"overlap", "overlap", module(Segment{16, []byte("abcd")}, Segment{18, []byte("x")})},
		{"overlap out of order", "overlap", module(Segment{18, []byte("x")}, Segment{16, []byte("abcd")})},
		{"negative offset", "outside 32-bit memory", module(Segment{0xffffff00, []byte("a")})},
		{"long offset expression", "longer than one i32.const", replace(good, []byte{0x41, 16, 0x0b}, []byte{0x41, 16, 0x01})},
	} {
		if tc.m == nil {
			t.Fatalf("%s: the test's module was not built", tc.name)
		}
		_, _, err := Pack(tc.m, 64)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Pack error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

// replace is b with the first old replaced by new, or nil without one.
func replace(b, old, new []byte) []byte {
	i := bytes.Index(b, old)
	if i < 0 {
		return nil
	}
	return append(append(append([]byte(nil), b[:i]...), new...), b[i+len(old):]...)
}

// TestPackGoProgram packs a real Go js/wasm build and runs both under node:
// the same output, the same memory image, far fewer segments.
func TestPackGoProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program for js/wasm")
	}
	if runtime.GOOS == "js" {
		t.Skip("starts processes (go build, node): the native run of this test does it")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed (scripts/test.sh installs it before the Go tests)")
		}
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "prog.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", plain, "./testdata/prog")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	out, st, err := Pack(in, MaxGap)
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	if st.SegmentsIn < 1000 || st.SegmentsOut*20 > st.SegmentsIn {
		t.Errorf("segments %d → %d; want Go's thousands joined into a few", st.SegmentsIn, st.SegmentsOut)
	}
	if !bytes.Equal(image(t, in), image(t, out)) {
		t.Error("the packed module's memory image differs from Go's")
	}
	packed := filepath.Join(dir, "packed.wasm")
	if err := os.WriteFile(packed, out, 0o644); err != nil {
		t.Fatal(err)
	}
	runner := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js")
	run := func(f string) string {
		t.Helper()
		cmd := exec.Command(node, runner, f)
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node %s: %v\n%s", filepath.Base(f), err, b)
		}
		return string(b)
	}
	want := "AÇÃO ÜNÏCÖDÉ\n\"é\\x01\\u2028\"\ntrue true\nTue, 14 Nov 2023 22:13:20 UTC\nsum 23978\n"
	if got := run(plain); got != want {
		t.Fatalf("the unpacked program printed %q, want %q", got, want)
	}
	if got := run(packed); got != want {
		t.Errorf("the packed program printed %q, want %q", got, want)
	}
}
