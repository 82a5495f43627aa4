//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ObserveLongTasksJS starts two PerformanceObservers in a page: one for
// 'longtask' entries (any task over 50 ms, the browser's own work such as
// laying out a 1 MiB textarea included) and one for 'long-animation-frame'
// entries, whose scripts say which code ran (Long Animation Frames API):
// the scripts loaded from the page's own origin (wasm_exec.js, which runs
// main.wasm's callbacks, boot.js) are umplay's own code. Read them with
// LongTasks.
const ObserveLongTasksJS = `(function () {
	var own = location.origin + '/';
	var r = window.__umplayLong = {tasks: [], own: [], frames: 0};
	try {
		new PerformanceObserver(function (list) {
			list.getEntries().forEach(function (e) { r.tasks.push(e.duration); });
		}).observe({type: 'longtask'});
	} catch (e) {}
	new PerformanceObserver(function (list) {
		list.getEntries().forEach(function (f) {
			r.frames++;
			(f.scripts || []).forEach(function (s) {
				if (String(s.sourceURL).indexOf(own) === 0) {
					r.own.push({ms: s.duration, what: s.invoker + ' (' + s.sourceURL.slice(own.length - 1) + ', forced layout ' +
						Math.round(s.forcedStyleAndLayoutDuration || 0) + ' ms)'});
				}
			});
		});
	}).observe({type: 'long-animation-frame'});
	return true;
})()`

// OwnTask is one script run of the page's own code in a long animation frame.
type OwnTask struct {
	MS   float64 `json:"ms"`
	What string  `json:"what"` // invoker and script
}

// LongTaskLog is what the observers of ObserveLongTasksJS saw.
type LongTaskLog struct {
	Tasks  []float64 `json:"tasks"`  // every long task, ms
	Own    []OwnTask `json:"own"`    // the page's own scripts in long frames
	Frames int       `json:"frames"` // long animation frames seen
}

// Longest is the longest of the page's own script runs (zero if none).
func (l LongTaskLog) Longest() OwnTask {
	var m OwnTask
	for _, o := range l.Own {
		if o.MS > m.MS {
			m = o
		}
	}
	return m
}

// Over lists the page's own script runs longer than ms.
func (l LongTaskLog) Over(ms float64) string {
	var b strings.Builder
	for _, o := range l.Own {
		if o.MS > ms {
			fmt.Fprintf(&b, "%.0f ms %s\n", o.MS, o.What)
		}
	}
	return b.String()
}

// LongTasks reads (and clears) what ObserveLongTasksJS has collected.
func LongTasks(p *Page) (LongTaskLog, error) {
	var l LongTaskLog
	raw, err := Eval[[]byte](p, `(function () {
		var r = window.__umplayLong;
		if (!r) { return null; }
		var c = JSON.parse(JSON.stringify(r));
		r.tasks.length = 0; r.own.length = 0; r.frames = 0;
		return c;
	})()`)
	if err != nil {
		return l, err
	}
	if string(raw) == "null" {
		return l, fmt.Errorf("e2e: no long-task observer in the page (ObserveLongTasksJS)")
	}
	return l, json.Unmarshal(raw, &l)
}
