package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLessonCourse runs `umplay lesson check` over the shipped course, as
// CI does: every lesson must read cleanly and agree with the engine.
func TestLessonCourse(t *testing.T) {
	out, errOut, code := umplay(t, "", "lesson", "check", filepath.Join("..", "..", "..", "web", "lessons"))
	if code != exitOK || out != "" {
		t.Fatalf("lesson check web/lessons = %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "9 files, 8 lessons, no problems") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestLessonCheckErrors(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "..", "web", "lessons", "01-reading-disconnect.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `"kind": "status"`, `"kind": "httpStatus"`, 1)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", string(good))
	write("b.json", bad)
	write("index.json", `{"lessons": [{"id": "reading-disconnect", "file": "a.json"}, {"id": "other", "file": "missing.json"}]}`)
	out, _, code := umplay(t, "", "lesson", "check", dir)
	if code != exitFound {
		t.Errorf("exit %d, want %d", code, exitFound)
	}
	for _, want := range []string{
		filepath.Join(dir, "b.json") + ":", `: lesson: step 1 check 2: unknown check kind "httpStatus"`,
		filepath.Join(dir, "index.json") + ":1:62: lesson: index: open ",
		filepath.Join(dir, "index.json") + ":1:1: lesson: index: b.json is not listed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := umplay(t, "", "lesson", "check", filepath.Join(dir, "nope.json")); code != exitUsage {
		t.Errorf("missing file: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := umplay(t, "", "lesson"); code != exitUsage {
		t.Errorf("no subcommand: exit %d, want %d", code, exitUsage)
	}
}
