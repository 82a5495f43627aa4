package xmlpatch

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestPatchToolchain patches the toolchain's own xml.go: every edit found,
// no fmt left.
func TestPatchToolchain(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "encoding", "xml", "xml.go"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Patch(src)
	if err != nil {
		t.Fatalf("Patch(the toolchain's xml.go): %v", err)
	}
	if bytes.Contains(out, []byte(`"fmt"`)) || bytes.Contains(out, []byte("fmt.Errorf(")) || bytes.Contains(out, []byte("fmt.Sprintf(")) {
		t.Error("the patched xml.go still imports or calls fmt")
	}
}

func TestPatchRefuses(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "encoding", "xml", "xml.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, old, new, want string }{
		{"an edit's line gone", `only version 1.0 is supported", ver)`, `only 1.0", ver)`, "no copy of `d.err = fmt.Errorf(\"xml: unsupported version"},
		{"a line twice", "\t\"fmt\"\n", "\t\"fmt\"\n\t\"fmt\"\n", "several copies"},
		{"a new fmt call", "func (d *Decoder) Token() (Token, error) {", "func (d *Decoder) Token() (Token, error) {\n\t_ = fmt.Sprint()", "still calls fmt"},
	} {
		changed := bytes.Replace(src, []byte(tc.old), []byte(tc.new), 1)
		if bytes.Equal(changed, src) {
			t.Fatalf("%s: the test's edit did not apply", tc.name)
		}
		_, err := Patch(changed)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Patch error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

// TestSameErrors runs a program that makes each rewritten error, built
// with the standard library and with the overlay: the same text, and %w's
// unwrapping kept.
func TestSameErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program twice")
	}
	if runtime.GOOS == "js" {
		t.Skip("starts processes (go build): the native run of this test does it")
	}
	dir := t.TempDir()
	overlay, err := Write(runtime.GOROOT(), filepath.Join(dir, "overlay"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(extra ...string) string {
		t.Helper()
		bin := filepath.Join(dir, "prog")
		if len(extra) > 0 {
			bin += "-patched"
		}
		args := append(append([]string{"build"}, extra...), "-o", bin, "./testdata/prog")
		if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
		out, err := exec.Command(bin).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", bin, err, out)
		}
		return string(out)
	}
	plain, patched := run(), run("-overlay="+overlay)
	if patched != plain {
		t.Errorf("with the overlay:\n%s\nwith the standard library:\n%s", patched, plain)
	}
	for _, want := range []string{
		`"xml: unsupported version \"1.1\"; only version 1.0 is supported"`,
		`"xml: encoding \"latin9\" declared but Decoder.CharsetReader is nil"`,
		`"xml: opening charset \"windows-1252\": no such charset here" wraps the charset error: true`,
		`illegal character code U+0001`, `illegal character code U+001F`, `illegal character code U+FFFE`,
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("the program's output lacks %s (the test program does not make that error):\n%s", want, plain)
		}
	}
}

// TestWriteKeepsFiles: a second Write with the same toolchain rewrites
// nothing (the go command's cache keys on the overlay's file times too).
func TestWriteKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	p1, err := Write(runtime.GOROOT(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fi1, _ := os.Stat(filepath.Join(dir, "xml.go"))
	p2, err := Write(runtime.GOROOT(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fi2, _ := os.Stat(filepath.Join(dir, "xml.go"))
	if p1 != p2 || !filepath.IsAbs(p1) || !fi1.ModTime().Equal(fi2.ModTime()) {
		t.Errorf("Write twice: %s then %s, xml.go modified %v then %v", p1, p2, fi1.ModTime(), fi2.ModTime())
	}
	b, _ := os.ReadFile(p1)
	if !bytes.Contains(b, []byte(`"Replace"`)) || !bytes.Contains(b, []byte(filepath.Join(dir, "xml.go"))) {
		t.Errorf("overlay.json = %s", b)
	}
}
