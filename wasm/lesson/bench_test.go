package lesson

import (
	"os"
	"path/filepath"
	"testing"

	"umplay/wasm/report"
)

// The cost of grading one attempt (live checking runs it on every edit),
// as a ratio to report.Check of the same request (the page's own check and
// preview, the baseline): lesson 7 step 3 has a setup PlayOnPhone and three
// checks.
func benchStep(b *testing.B) (*Step, Attempt) {
	data, err := os.ReadFile(filepath.Join("..", "..", "web", "lessons", "07-whole-call.json"))
	if err != nil {
		b.Fatal(err)
	}
	l, errs := Parse(data)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	return &l.Steps[2], l.SolutionState(2, DefaultSeed)
}

func BenchmarkBaselineReportCheck(b *testing.B) {
	_, a := benchStep(b)
	for b.Loop() {
		report.Check("", a.Request, a.Head())
	}
}

func BenchmarkEvaluate(b *testing.B) {
	st, a := benchStep(b)
	for b.Loop() {
		if !Evaluate(st, a, DefaultSeed).Passed() {
			b.Fatal("the solution fails")
		}
	}
}
