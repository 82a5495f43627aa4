package lesson

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: no input makes Parse or Evaluate panic, and every error has a
// position inside the input. (Validate runs every step twice per seed: too
// slow per input; TestCourseParses covers it.)
func FuzzParse(f *testing.F) {
	f.Add([]byte(okLesson))
	names, _ := filepath.Glob(filepath.Join("..", "..", "web", "lessons", "*.json"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, errs := Parse(data)
		for _, e := range errs {
			if e.Line < 1 || e.Column < 1 || e.Offset < 0 || e.Offset > len(data) {
				t.Fatalf("error outside the input: %+v", e)
			}
		}
		if l == nil || len(errs) > 0 {
			return
		}
		Evaluate(&l.Steps[0], l.StartState(0, 3), 3)
	})
}

// TestCourseParses: every shipped lesson reads cleanly and passes Validate
// (the same as `umplay lesson check`, without the CLI).
func TestCourseParses(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "..", "web", "lessons", "[0-9]*.json"))
	if err != nil || len(names) < 8 {
		t.Fatalf("lessons: %v, %d files", err, len(names))
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		l, errs := CheckFile(b)
		if len(errs) > 0 {
			t.Errorf("%s: %v", n, errs)
			continue
		}
		if l.Minutes < 1 || len(l.Steps) < 2 {
			t.Errorf("%s: %d minutes, %d steps", n, l.Minutes, len(l.Steps))
		}
	}
}
