package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"umplay/wasm/lesson"
)

var lessonCmd = &command{
	name:    "lesson",
	summary: "validate lesson files (web/lessons/)",
	usage:   "lesson check PATH...",
	help: `Lesson check validates lesson files (the format of web/lessons/README.md). A
PATH is a lesson file, an index.json, or a directory: its *.json files, with
index.json as the course's index (every entry's file must exist and hold that
lesson's id; every lesson file of the directory must be listed).

A lesson passes when it reads cleanly (schema, known check kinds, every text
in en and pt-BR) and the engine agrees with it: for every step, the start
state fails at least one check and the reference solution passes them all,
on a simulated server seeded as the page seeds it (seed 1 and one other).

Problems are printed as FILE:LINE:COL: message. Exit status: 0 no problem,
1 a problem was found, 2 usage error or a path that cannot be read.`,
}

func init() { lessonCmd.run = runLesson }

func runLesson(e *env, args []string) int {
	if len(args) == 0 || args[0] != "check" {
		return e.usageError(lessonCmd, "lesson: want the subcommand check")
	}
	paths := args[1:]
	if len(paths) > 0 && paths[0] == "--" {
		paths = paths[1:]
	}
	if len(paths) == 0 {
		return e.usageError(lessonCmd, "lesson check: want at least one PATH")
	}
	status, files, lessons := exitOK, 0, 0
	worse := func(s int) {
		if s > status {
			status = s
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			worse(e.errorf("lesson check: %v", err))
			continue
		}
		if !info.IsDir() {
			files++
			if filepath.Base(p) == "index.json" {
				worse(checkIndex(e, p, nil))
				continue
			}
			n, s := checkLessonFile(e, p)
			lessons += n
			worse(s)
			continue
		}
		names, err := filepath.Glob(filepath.Join(p, "*.json"))
		if err != nil {
			worse(e.errorf("lesson check: %v", err))
			continue
		}
		sort.Strings(names)
		ids := map[string]string{} // file base → lesson id
		hasIndex := false
		for _, f := range names {
			files++
			if filepath.Base(f) == "index.json" {
				hasIndex = true
				continue
			}
			n, s := checkLessonFile(e, f)
			lessons += n
			worse(s)
			ids[filepath.Base(f)] = ""
		}
		if hasIndex {
			worse(checkIndex(e, filepath.Join(p, "index.json"), ids))
		}
	}
	if status == exitOK {
		fmt.Fprintf(e.stderr, "umplay: lesson check: %d files, %d lessons, no problems\n", files, lessons)
	}
	return status
}

// checkLessonFile checks one lesson and prints its problems.
func checkLessonFile(e *env, path string) (int, int) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, e.errorf("lesson check: %v", err)
	}
	_, errs := lesson.CheckFile(data)
	for _, le := range errs {
		fmt.Fprintf(e.stdout, "%s:%d:%d: %s\n", path, le.Line, le.Column, le.Msg)
	}
	if len(errs) > 0 {
		return 0, exitFound
	}
	return 1, exitOK
}

// checkIndex checks an index and the files it names. inDir, when not nil,
// holds the lesson files of the index's directory, each of which must be
// listed.
func checkIndex(e *env, path string, inDir map[string]string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return e.errorf("lesson check: %v", err)
	}
	entries, errs := lesson.ParseIndex(data)
	status := exitOK
	report := func(off int, msg string) {
		line, col := lesson.Pos(data, off)
		fmt.Fprintf(e.stdout, "%s:%d:%d: %s\n", path, line, col, msg)
		status = exitFound
	}
	for _, le := range errs {
		report(le.Offset, le.Msg)
	}
	listed := map[string]bool{}
	for _, ent := range entries {
		listed[ent.File] = true
		if strings.ContainsAny(ent.File, `/\`) {
			continue // ParseIndex reported it
		}
		ld, err := os.ReadFile(filepath.Join(filepath.Dir(path), ent.File))
		if err != nil {
			report(ent.Offset, "lesson: index: "+err.Error())
			continue
		}
		l, _ := lesson.Parse(ld)
		if l != nil && l.ID != ent.ID {
			report(ent.Offset, fmt.Sprintf("lesson: index: %s holds lesson %q, not %q", ent.File, l.ID, ent.ID))
		}
	}
	var missing []string
	for f := range inDir {
		if !listed[f] {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	for _, f := range missing {
		report(0, fmt.Sprintf("lesson: index: %s is not listed (add it to the course, or move it out of the folder)", f))
	}
	return status
}
