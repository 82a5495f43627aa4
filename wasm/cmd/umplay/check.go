package main

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"umplay/wasm/doccheck"
	"umplay/wasm/report"
	"umplay/wasm/report/reportjson"
	"umplay/wasm/soap"
)

var checkCmd = &command{
	name:    "check",
	summary: "check requests, responses and documentation pages",
	usage:   "check [--fix] [--json | --format text|json|github] [--soapaction VALUE|auto | --no-soapaction] PATH...",
	help: `Check reads each PATH and reports every problem it finds, one per line,
sorted by position within each file:

	FILE:LINE:COL: SEVERITY: CODE: message

A PATH is a file, - for standard input (named <stdin>; read as XML), or a
directory, walked recursively for *.xml, *.md and *.markdown files in sorted
order (folders whose name starts with a dot are skipped). Files are read as
bytes: a UTF-8 byte order mark is dropped, UTF-16 with its byte order mark is
decoded, and bytes that are not text give one text-encoding error. At most
5 MiB of each file is read.

An .md or .markdown file is checked block by block: every fenced code block
whose info string starts with xml is one unit, and positions are the
Markdown file's. Outside those blocks, every namespace written
https://schemas.microsoft.com/exchange/services/2006/... (or .../2006/message
without the s) is a warning with a fix. Any other file is one XML unit.

Each unit is a request (an Envelope whose Body holds a request: everything
the server checks), a response or a fault (checked against the operation's
response shape and the service's fault shapes), or a fragment (no
Envelope: well-formedness and its namespaces). A Markdown request carries
the SOAPAction its operation element names. An XML file's request carries,
by default, the quoted Disconnect action
	"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"
Flags:

	--soapaction VALUE  the raw SOAPAction header value of XML files'
	                    requests, quotes included if any; auto: the action
	                    the operation element names
	--no-soapaction     XML files' requests carry no SOAPAction header
	--fix               apply every safe fix in place (namespace typos:
	                    https:// or .../message written for a real
	                    namespace), then report what remains; nothing else
	                    in the file changes, byte for byte; prints on
	                    standard error each file it changed
	--json              the same as --format json
	--format FORMAT     text (the default); json: an array with one object
	                    per unit (file, kind, block, valid, operation,
	                    diagnostics, callId, response, error); github: GitHub
	                    Actions workflow commands (::error file=...,line=...)

Flags may come before or after the paths. Exit status: 0 when no unit has
an error, 1 when one has (after --fix: one remains), 2 for usage errors or
a path that cannot be read (the others are still checked; in --json it is a
unit with an "error" field).`,
}

func init() { checkCmd.run = runCheck }

// Output formats of check.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github"
)

// maxFixRounds bounds the fix → check loop of --fix; one round fixes
// every typo the checks see, a second confirms.
const maxFixRounds = 4

func runCheck(e *env, args []string) int {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "")
	format := fs.String("format", formatText, "")
	fix := fs.Bool("fix", false, "")
	var hf headFlags
	hf.register(fs)
	paths, err := parse(fs, args)
	if err != nil {
		return e.usageError(checkCmd, "check: %v", err)
	}
	opt := doccheck.Options{Lang: e.lang}
	if isSet(fs, "soapaction") && hf.action == "auto" && !hf.noAction {
		opt.Auto = true
	} else if opt.Head, err = hf.head(fs); err != nil {
		return e.usageError(checkCmd, "check: %v", err)
	}
	switch {
	case *asJSON && isSet(fs, "format") && *format != formatJSON:
		return e.usageError(checkCmd, "check: --json and --format %s exclude each other", *format)
	case *asJSON:
		*format = formatJSON
	case *format != formatText && *format != formatJSON && *format != formatGitHub:
		return e.usageError(checkCmd, "check: --format is %q, want text, json or github", *format)
	}
	opt.Simulate = *format == formatJSON
	if len(paths) == 0 {
		return e.usageError(checkCmd, "check: no PATH given")
	}
	if *fix && slices.Contains(paths, "-") {
		return e.usageError(checkCmd, "check: --fix rewrites files in place; it cannot take standard input")
	}

	if os.Getenv("GOGC") == "" {
		// Each file's garbage is small and short-lived: collecting less
		// often saves a fifth of the CPU time on a docs tree, for a few
		// tens of MB.
		debug.SetGCPercent(400)
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	e = &env{stdin: e.stdin, stdout: out, stderr: e.stderr, lang: e.lang}

	inputs := e.expand(paths)
	results := make([]checked, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = e.checkInput(inputs[i], opt, *fix)
			}
		})
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()

	status := exitOK
	var all []doccheck.Unit
	for _, r := range results {
		if r.err != nil {
			e.errorf("check: %v", r.err)
			status = exitUsage
		}
		if r.fixes > 0 {
			fmt.Fprintf(e.stderr, "umplay: check: %s\n", e.t("cli.fixed", r.name, r.fixes, plural(r.fixes, e.t("cli.fix"), e.t("cli.fixes"))))
		}
		for _, u := range r.units {
			if !u.Valid && u.Error == "" && status == exitOK {
				status = exitFound
			}
		}
		switch *format {
		case formatJSON:
			all = append(all, r.units...)
		case formatGitHub:
			printGitHub(e, r)
		default:
			printDiagnostics(e, r.name, diagnosticsOf(r.units))
		}
	}
	if *format == formatJSON {
		if all == nil {
			all = []doccheck.Unit{}
		}
		b, err := reportjson.JSON(all)
		if err != nil {
			return e.errorf("check: %v", err)
		}
		e.stdout.Write(b)
	}
	return status
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// input is one file to check.
type input struct {
	path     string // to open; "-" for standard input
	name     string // to show
	markdown bool
	err      error // why the path could not be listed
}

// expand turns the command line's paths into files: directories are walked
// (sorted, hidden folders skipped) for *.xml, *.md and *.markdown; a file
// named twice is checked once.
func (e *env) expand(paths []string) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		key := filepath.Clean(in.path)
		if in.err == nil && in.path != "-" && seen[key] {
			return
		}
		seen[key] = true
		out = append(out, in)
	}
	for _, p := range paths {
		if p == "-" {
			add(input{path: "-", name: stdinName})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			add(input{path: p, name: p, err: err})
			continue
		}
		if !fi.IsDir() {
			add(input{path: p, name: p, markdown: isMarkdown(p)})
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				add(input{path: path, name: path, err: err})
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(path)); ext == ".xml" || ext == ".md" || ext == ".markdown" {
				found++
				add(input{path: path, name: path, markdown: ext != ".xml"})
			}
			return nil
		})
		if err == nil && found == 0 {
			err = errors.New("no .xml, .md or .markdown file in it")
		}
		if err != nil {
			add(input{path: p, name: p, err: fmt.Errorf("%s: %w", p, err)})
		}
	}
	return out
}

func isMarkdown(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".md" || ext == ".markdown"
}

// checked is what checking one input gave.
type checked struct {
	name  string
	units []doccheck.Unit
	fixes int   // fixes --fix applied and wrote
	err   error // I/O error
}

// checkInput reads, checks and, with fix, repairs one input.
func (e *env) checkInput(in input, opt doccheck.Options, fix bool) (r checked) {
	r.name = in.name
	defer func() {
		// The checks never panic (they are fuzzed); if one did, that file
		// is reported and the others are still checked.
		if p := recover(); p != nil {
			r.err = fmt.Errorf("%s: internal error: %v", in.name, p)
			r.units = []doccheck.Unit{doccheck.IOError(in.name, r.err)}
		}
	}()
	if in.err != nil {
		r.err = in.err
		r.units = []doccheck.Unit{doccheck.IOError(in.name, in.err)}
		return r
	}
	raw, err := e.readBytes(in.path)
	if err != nil {
		r.err = err
		r.units = []doccheck.Unit{doccheck.IOError(in.name, err)}
		return r
	}
	if in.markdown && len(raw) > soap.MaxBytes {
		r.units = []doccheck.Unit{doccheck.TooBig(in.name, opt.Lang)}
		return r
	}
	text, terr := soap.DecodeText(raw)
	if terr != nil {
		if in.markdown {
			r.units = []doccheck.Unit{doccheck.MarkdownTextError(in.name, terr, opt.Lang)}
		} else {
			r.units = []doccheck.Unit{doccheck.TextError(in.name, terr, opt)}
		}
		return r
	}
	check := func(text string) []doccheck.Unit {
		if in.markdown {
			return doccheck.Markdown(in.name, text, opt)
		}
		return []doccheck.Unit{doccheck.XML(in.name, text, opt)}
	}
	r.units = check(text)
	if !fix || len(raw) > soap.MaxBytes {
		return r
	}
	fixed, total := text, 0
	for range maxFixRounds {
		next, n := doccheck.Fix(fixed, r.units)
		if n == 0 {
			break
		}
		fixed, total = next, total+n
		r.units = check(fixed)
	}
	if total == 0 {
		return r
	}
	out := soap.Sniff(raw).Encode(fixed)
	if bytes.Equal(out, raw) {
		return r
	}
	if err := writeBytes(in.path, out); err != nil {
		r.err = err
		return r
	}
	r.fixes = total
	return r
}

// diagnosticsOf gathers the diagnostics of one file's units, sorted by
// position (ties keep unit order).
func diagnosticsOf(units []doccheck.Unit) []report.Diagnostic {
	var ds []report.Diagnostic
	for _, u := range units {
		ds = append(ds, u.Diagnostics...)
	}
	return ds
}

// printDiagnostics prints ds of file name as FILE:LINE:COL lines sorted by
// position (ties keep document order).
func printDiagnostics(e *env, name string, ds []report.Diagnostic) {
	ds = slices.Clone(ds)
	sortDiagnostics(ds)
	for _, d := range ds {
		fmt.Fprintf(e.stdout, "%s:%d:%d: %s: %s: %s\n", name, d.Line, d.Column, d.Severity, d.Code, d.Message)
	}
}

func sortDiagnostics(ds []report.Diagnostic) {
	slices.SortStableFunc(ds, func(a, b report.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// printGitHub prints one file's results as GitHub Actions workflow commands
// (docs.github.com: "Workflow commands for GitHub Actions"), which the
// runner turns into annotations on the pull request's lines.
func printGitHub(e *env, r checked) {
	if r.err != nil {
		fmt.Fprintf(e.stdout, "::error file=%s,title=io-error::%s\n", ghProperty(r.name), ghData(r.err.Error()))
	}
	ds := diagnosticsOf(r.units)
	sortDiagnostics(ds)
	for _, d := range ds {
		level := "error"
		switch d.Severity {
		case soap.Warning:
			level = "warning"
		case soap.Info:
			level = "notice"
		}
		fmt.Fprintf(e.stdout, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, ghProperty(r.name), d.Line, d.Column, d.EndLine, d.EndColumn, ghProperty(d.Code), ghData(d.Message))
	}
}

// ghData escapes a workflow command's message: %, CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value: as ghData, and
// also : and , (which separate properties).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
