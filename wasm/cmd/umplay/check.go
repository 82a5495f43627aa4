package main

import (
	"cmp"
	"fmt"
	"slices"

	"umplay/wasm/report"
)

var checkCmd = &command{
	name:    "check",
	summary: "check requests and show what the server would answer",
	usage:   "check [--json] [--soapaction VALUE | --no-soapaction] FILE...",
	help: `Check reads each FILE (- for standard input) as the XML body of a request
to the UM web service and reports every problem it finds, in the order of
their position, one per line:

	FILE:LINE:COL: SEVERITY: CODE: message

Standard input is named <stdin>. A clean file prints nothing. Severities are
error (the server would reject the request), warning and info. Lines and
columns are 1-based; columns count characters.

The request is assumed to carry the SOAPAction header of a correct
Disconnect request,
	"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"
(quotes included). Flags:

	--soapaction VALUE  send VALUE as the SOAPAction header instead; VALUE is
	                    the raw header value, quotes included if any
	--no-soapaction     send no SOAPAction header at all
	--json              print, per file, the JSON object the playground
	                    shows: file, valid, operation, diagnostics, callId
	                    and the simulated server's response; several files
	                    give a JSON array

Flags may come before or after the files. Exit status: 0 when no file has an
error, 1 when one has, 2 for usage errors or an unreadable file (the other
files are still checked).`,
}

func init() { checkCmd.run = runCheck }

func runCheck(e *env, args []string) int {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "")
	var hf headFlags
	hf.register(fs)
	files, err := parse(fs, args)
	if err != nil {
		return e.usageError(checkCmd, "check: %v", err)
	}
	head, err := hf.head(fs)
	if err != nil {
		return e.usageError(checkCmd, "check: %v", err)
	}
	if len(files) == 0 {
		return e.usageError(checkCmd, "check: no FILE given")
	}

	status := exitOK
	results := make([]report.Result, 0, len(files))
	for _, f := range files {
		name, body, err := e.readInput(f)
		if err != nil {
			e.errorf("check: %v", err)
			status = exitUsage
			continue
		}
		r := report.Check(name, body, head)
		if !r.Valid && status == exitOK {
			status = exitFound
		}
		if *asJSON {
			results = append(results, r)
			continue
		}
		printDiagnostics(e, name, r.Diagnostics)
	}
	if *asJSON {
		var v any = results
		if len(files) == 1 {
			if len(results) == 0 {
				return status
			}
			v = results[0]
		}
		b, err := report.JSON(v)
		if err != nil {
			return e.errorf("check: %v", err)
		}
		e.stdout.Write(b)
	}
	return status
}

// printDiagnostics prints ds of file name as FILE:LINE:COL lines sorted by
// position (ties keep document order).
func printDiagnostics(e *env, name string, ds []report.Diagnostic) {
	ds = slices.Clone(ds)
	slices.SortStableFunc(ds, func(a, b report.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	for _, d := range ds {
		fmt.Fprintf(e.stdout, "%s:%d:%d: %s: %s: %s\n", name, d.Line, d.Column, d.Severity, d.Code, d.Message)
	}
}
