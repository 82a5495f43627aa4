package main

import (
	"errors"
	"io"

	"umplay/wasm/doccheck"
	"umplay/wasm/report"
	"umplay/wasm/soap"
)

var simulateCmd = &command{
	name:    "simulate",
	summary: "print the simulated server's HTTP response to a request",
	usage:   "simulate [--soapaction VALUE | --no-soapaction] FILE",
	help: `Simulate sends FILE (- for standard input) as the body of a POST request
with Content-Type text/xml; charset=utf-8 to a fresh simulated UM server and
prints its HTTP response as raw HTTP: status line, headers, blank line, body.
The server is the one check --json uses: its clock is fixed at
2026-01-01T00:00:00Z and its randomness is seeded, so the same request always
gets the same answer.

	--soapaction VALUE  the raw SOAPAction header value, quotes included if
	                    any (default: the quoted Disconnect action)
	--no-soapaction     send no SOAPAction header

Simulate is not a checker: it exits 0 whatever the server answers, and 2 for
usage errors or an unreadable file.`,
}

func init() { simulateCmd.run = runSimulate }

func runSimulate(e *env, args []string) int {
	fs := newFlags("simulate")
	var hf headFlags
	hf.register(fs)
	files, err := parse(fs, args)
	if err != nil {
		return e.usageError(simulateCmd, "simulate: %v", err)
	}
	head, err := hf.head(fs)
	if err != nil {
		return e.usageError(simulateCmd, "simulate: %v", err)
	}
	if len(files) != 1 {
		return e.usageError(simulateCmd, "simulate: want exactly one FILE, got %d", len(files))
	}
	_, body, _, err := e.readInput(files[0])
	var te *soap.TextError
	if errors.As(err, &te) {
		io.WriteString(e.stdout, doccheck.TextErrorResponse(te).Raw())
		return exitOK
	}
	if err != nil {
		return e.errorf("simulate: %v", err)
	}
	io.WriteString(e.stdout, report.Simulate(body, head).Raw())
	return exitOK
}
