package lesson

import (
	"errors"
	"sort"
	"strconv"

	"umplay/wasm/jsonv"
)

// Progress is what the page keeps in localStorage: the lesson last opened
// and, per lesson, its version, the current step and the steps passed.
type Progress struct {
	Current string
	Lessons []LessonProgress
}

// LessonProgress is one lesson's progress.
type LessonProgress struct {
	ID      string
	Version int
	Step    int   // 0-based current step
	Done    []int // 0-based steps passed, ascending
}

// ProgressFormat is the version of the stored progress's shape.
const ProgressFormat = 1

// MaxProgressBytes caps what ParseProgress reads (localStorage is data the
// page did not necessarily write).
const MaxProgressBytes = 64 << 10

// ParseProgress reads stored progress. Anything unreadable gives an empty
// Progress and an error saying why; entries that are not well-formed are
// dropped.
func ParseProgress(data []byte) (Progress, error) {
	var p Progress
	if len(data) == 0 {
		return p, nil
	}
	if len(data) > MaxProgressBytes {
		return p, errors.New("lesson: stored progress is " + strconv.Itoa(len(data)) + " bytes, limit is " + strconv.Itoa(MaxProgressBytes))
	}
	v, err := jsonv.Parse(data)
	if err != nil {
		return p, err
	}
	if v.Kind != jsonv.Object {
		return p, errors.New("lesson: stored progress is not an object")
	}
	if f := v.Get("format"); f == nil || f.Num != strconv.Itoa(ProgressFormat) {
		return p, errors.New("lesson: stored progress has another format")
	}
	if c := v.Get("current"); c != nil && c.Kind == jsonv.String && ValidID(c.Str) {
		p.Current = c.Str
	}
	ls := v.Get("lessons")
	if ls == nil || ls.Kind != jsonv.Array {
		return p, nil
	}
	for _, e := range ls.Elems {
		if len(p.Lessons) >= 200 || e.Kind != jsonv.Object {
			continue
		}
		id, ver, step := e.Get("id"), e.Get("version"), e.Get("step")
		if id == nil || id.Kind != jsonv.String || !ValidID(id.Str) || ver == nil || step == nil || p.find(id.Str) != nil {
			continue
		}
		vn, ok1 := ver.Int()
		sn, ok2 := step.Int()
		if !ok1 || !ok2 || vn < 1 || vn > 1<<31-1 || sn < 0 || sn >= MaxSteps {
			continue
		}
		lp := LessonProgress{ID: id.Str, Version: int(vn), Step: int(sn)}
		if d := e.Get("done"); d != nil && d.Kind == jsonv.Array {
			for _, x := range d.Elems {
				if n, ok := x.Int(); ok && n >= 0 && n < MaxSteps {
					lp.mark(int(n), true)
				}
			}
		}
		p.Lessons = append(p.Lessons, lp)
	}
	return p, nil
}

func (p *Progress) find(id string) *LessonProgress {
	for i := range p.Lessons {
		if p.Lessons[i].ID == id {
			return &p.Lessons[i]
		}
	}
	return nil
}

// Lesson returns the progress of lesson id at version, adding it if there
// is none. When the stored version differs the lesson changed: its progress
// starts again and old is the version it had (0 otherwise).
func (p *Progress) Lesson(id string, version int) (lp *LessonProgress, old int) {
	if lp = p.find(id); lp != nil {
		if lp.Version == version {
			return lp, 0
		}
		old = lp.Version
		*lp = LessonProgress{ID: id, Version: version}
		return lp, old
	}
	p.Lessons = append(p.Lessons, LessonProgress{ID: id, Version: version})
	return &p.Lessons[len(p.Lessons)-1], 0
}

// Forget drops lesson id's progress.
func (p *Progress) Forget(id string) {
	for i := range p.Lessons {
		if p.Lessons[i].ID == id {
			p.Lessons = append(p.Lessons[:i], p.Lessons[i+1:]...)
			return
		}
	}
}

// IsDone tells whether step i was passed.
func (lp *LessonProgress) IsDone(i int) bool {
	for _, d := range lp.Done {
		if d == i {
			return true
		}
	}
	return false
}

// Mark records step i as passed or not.
func (lp *LessonProgress) Mark(i int, done bool) { lp.mark(i, done) }

func (lp *LessonProgress) mark(i int, done bool) {
	if lp.IsDone(i) == done {
		return
	}
	if done {
		lp.Done = append(lp.Done, i)
		// Not sort.Ints: that links a generic pdqsort of its own; the
		// page's sorts share sort.Stable's one copy.
		sort.Stable(sort.IntSlice(lp.Done))
		return
	}
	for j, d := range lp.Done {
		if d == i {
			lp.Done = append(lp.Done[:j], lp.Done[j+1:]...)
			return
		}
	}
}

// JSON writes p compactly: {"format":1,"current":…,"lessons":[{"id","version","step","done":[…]}]}.
func (p Progress) JSON() []byte {
	var ls jsonv.ArrayWriter
	for _, lp := range p.Lessons {
		var o jsonv.ObjectWriter
		o.String("id", lp.ID)
		o.Int("version", int64(lp.Version))
		o.Int("step", int64(lp.Step))
		var d jsonv.ArrayWriter
		for _, n := range lp.Done {
			d.Int(int64(n))
		}
		o.Raw("done", d.Bytes())
		ls.Raw(o.Bytes())
	}
	var o jsonv.ObjectWriter
	o.Int("format", ProgressFormat)
	o.String("current", p.Current)
	o.Raw("lessons", ls.Bytes())
	return o.Bytes()
}

// ParseSeed reads a seed from a URL: a decimal integer from 0 to 2^53-1
// (what a JS number holds exactly).
func ParseSeed(s string) (uint64, error) {
	if s == "" || len(s) > 16 {
		return 0, errors.New("lesson: seed must be a whole number from 0 to 9007199254740991")
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > 1<<53-1 {
		return 0, errors.New("lesson: seed must be a whole number from 0 to 9007199254740991")
	}
	return n, nil
}
