package main

import (
	"errors"
	"io"
	"strings"

	"umplay/wasm/soap"
)

var fmtCmd = &command{
	name:    "fmt",
	summary: "re-indent an XML request",
	usage:   "fmt [--indent N] [-w] FILE",
	help: `Fmt re-indents the XML document FILE (- for standard input) and prints it:
every element whose content is only elements goes on its own line, indented
N spaces per level. Nothing else changes: tags, attributes, comments, text
and the XML declaration are copied as written.

	--indent N  spaces per level (default 2); 0 puts the root element on
	            one line
	-w          write the result back to FILE instead of printing it, in
	            FILE's encoding (a UTF-8 or UTF-16 byte order mark stays)

Exit status: 0 on success, 1 when FILE is not well-formed XML (the message
says FILE:LINE:COL and what is wrong; -w leaves the file alone), 2 for usage
errors and I/O errors.`,
}

func init() { fmtCmd.run = runFmt }

func runFmt(e *env, args []string) int {
	fs := newFlags("fmt")
	n := fs.Int("indent", len(soap.DefaultIndent), "")
	write := fs.Bool("w", false, "")
	files, err := parse(fs, args)
	if err != nil {
		return e.usageError(fmtCmd, "fmt: %v", err)
	}
	if len(files) != 1 {
		return e.usageError(fmtCmd, "fmt: want exactly one FILE, got %d", len(files))
	}
	if *n < 0 || *n > 16 {
		return e.usageError(fmtCmd, "fmt: --indent is %d, want 0 to 16", *n)
	}
	if *write && files[0] == "-" {
		return e.usageError(fmtCmd, "fmt: -w needs a file, not standard input")
	}
	name, src, enc, err := e.readInput(files[0])
	var te *soap.TextError
	if errors.As(err, &te) {
		e.errorf("fmt: %s:%d:%d: %s", name, te.Pos.Line, te.Pos.Col, te.Msg)
		return exitFound
	}
	if err != nil {
		return e.errorf("fmt: %v", err)
	}
	out, err := soap.Format(src, strings.Repeat(" ", *n))
	if err != nil {
		var fe *soap.FormatError
		if errors.As(err, &fe) {
			e.errorf("fmt: %s:%d:%d: %s", name, fe.Line, fe.Col, fe.Msg)
		} else {
			e.errorf("fmt: %s: %v", name, err)
		}
		return exitFound
	}
	if !*write {
		io.WriteString(e.stdout, out)
		return exitOK
	}
	if out == src {
		return exitOK
	}
	if err := writeBytes(name, enc.Encode(out)); err != nil {
		return e.errorf("fmt: %v", err)
	}
	return exitOK
}
