package main

import (
	"io"
	"strings"

	"umplay/wasm/endpoint"
	"umplay/wasm/export"
)

// defaultExportEndpoint is where `umplay serve` answers with its defaults.
const defaultExportEndpoint = "http://127.0.0.1:8080" + endpoint.Path

var exportCmd = &command{
	name:    "export",
	summary: "write a request as curl, PowerShell, C#, Go, Python or raw HTTP",
	usage:   "export --lang LANG [--endpoint URL] [--soapaction VALUE | --no-soapaction] FILE",
}

func init() {
	exportCmd.help = `Export prints code that POSTs FILE (- for standard input) to the UM web
service, for pasting into a program of your own. The body is sent byte for
byte (CRLF, non-ASCII text and a missing final newline kept; never
re-encoded), with Content-Type: text/xml; charset=utf-8 and the SOAPAction
as given; the code prints the status and the body whatever the status, so
a SOAP fault is shown.

	--lang LANG         one of ` + export.IDs() + `
	--endpoint URL      the service URL (default ` + defaultExportEndpoint + `,
	                    where 'umplay serve' answers)
	--soapaction VALUE  the raw SOAPAction header value, quotes included if
	                    any (default: the quoted Disconnect action)
	--no-soapaction     send no SOAPAction header

Exit status: 0, or 2 for usage errors (an unknown language, an endpoint that
is not an http(s) URL, a SOAPAction a header cannot hold) or an unreadable
file.`
	exportCmd.run = runExport
}

func runExport(e *env, args []string) int {
	fs := newFlags("export")
	var hf headFlags
	hf.register(fs)
	lang := fs.String("lang", "", "")
	url := fs.String("endpoint", defaultExportEndpoint, "")
	files, err := parse(fs, args)
	if err != nil {
		return e.usageError(exportCmd, "export: %v", err)
	}
	head, err := hf.head(fs)
	if err != nil {
		return e.usageError(exportCmd, "export: %v", err)
	}
	if *lang == "" {
		return e.usageError(exportCmd, "export: --lang is required (one of %s)", export.IDs())
	}
	if len(files) != 1 {
		return e.usageError(exportCmd, "export: want exactly one FILE, got %d", len(files))
	}
	_, body, _, err := e.readInput(files[0])
	if err != nil {
		return e.errorf("export: %v", err)
	}
	code, err := export.Snippet(*lang, export.Request{
		Endpoint:          *url,
		SOAPActionPresent: head.SOAPActionPresent,
		SOAPAction:        head.SOAPAction,
		Body:              body,
	})
	if err != nil {
		return e.usageError(exportCmd, "%s", strings.TrimPrefix(err.Error(), "export: "))
	}
	io.WriteString(e.stdout, code)
	return exitOK
}
