package lesson

import (
	"strconv"
	"strings"

	"umplay/wasm/jsonv"
)

// DefaultSeed is the grading server's seed when no instructor link sets one.
const DefaultSeed = 1

// CheckFile parses a lesson file and, when it reads cleanly, validates it
// against the engine (see Validate).
func CheckFile(data []byte) (*Lesson, ErrorList) {
	l, errs := Parse(data)
	if len(errs) > 0 || l == nil {
		return l, errs
	}
	return l, Validate(l, data)
}

// Validate runs every step with DefaultSeed and another seed: the step's
// start state must fail at least one of its checks, and its reference
// solution must pass them all. data is the file, for positions.
func Validate(l *Lesson, data []byte) ErrorList {
	r := &reader{data: data}
	for _, seed := range []uint64{DefaultSeed, 0x5eed} {
		for i := range l.Steps {
			st := &l.Steps[i]
			name := "step " + strconv.Itoa(i+1)
			if run := Evaluate(st, l.StartState(i, seed), seed); run.Passed() {
				r.errorf(st.Offset, name+": the start state already passes every check (seed "+strconv.FormatUint(seed, 10)+"); a step must ask for a change")
			}
			run := Evaluate(st, l.SolutionState(i, seed), seed)
			for j, res := range run.Results {
				if !res.Pass {
					r.errorf(res.Check.Offset, name+": the reference solution fails check "+strconv.Itoa(j+1)+" ("+res.Desc.EN+") with seed "+
						strconv.FormatUint(seed, 10)+": the engine saw "+res.Saw.EN)
				}
			}
		}
		if len(r.errs) > 0 {
			break
		}
	}
	return r.errs
}

// IndexEntry is one lesson of the course.
type IndexEntry struct {
	ID, File string
	Offset   int
}

// ParseIndex reads web/lessons/index.json: {"lessons": [{"id", "file"}, …]}
// in course order, ids unique, files plain names ending in .json.
func ParseIndex(data []byte) ([]IndexEntry, ErrorList) {
	r := &reader{data: data}
	v, err := jsonv.Parse(data)
	if err != nil {
		if je, ok := err.(*jsonv.Error); ok {
			return nil, ErrorList{{Offset: je.Offset, Line: je.Line, Column: je.Column, Msg: "lesson: index: " + je.Msg}}
		}
		r.errorf(0, "index: "+err.Error())
		return nil, r.errs
	}
	if !r.object(v, "the index", []string{"lessons"}) {
		return nil, r.errs
	}
	var out []IndexEntry
	seen := map[string]bool{}
	for i, ev := range r.array(v.Get("lessons"), "lessons", 1, 100) {
		what := "index entry " + strconv.Itoa(i+1)
		if !r.object(ev, what, []string{"id", "file"}) {
			continue
		}
		e := IndexEntry{ID: r.str(ev.Get("id"), what+" id", 64), File: r.str(ev.Get("file"), what+" file", 128), Offset: ev.Offset}
		if !ValidID(e.ID) {
			r.errorf(ev.Offset, what+": id "+strconv.Quote(e.ID)+" must be lower-case letters, digits and hyphens")
		}
		if seen[e.ID] {
			r.errorf(ev.Offset, what+": id "+strconv.Quote(e.ID)+" is listed twice")
		}
		seen[e.ID] = true
		if !ValidID(strings.TrimSuffix(e.File, ".json")) || !strings.HasSuffix(e.File, ".json") {
			r.errorf(ev.Offset, what+": file "+strconv.Quote(e.File)+" must be a plain name ending in .json")
		}
		out = append(out, e)
	}
	return out, r.errs
}
