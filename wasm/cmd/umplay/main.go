// Command umplay checks, builds, decodes, formats and simulates requests to
// the Exchange Unified Messaging web service (MS-OXWUMS), Disconnect first
// (MS-OXWUMS 3.1.4.1), and serves the browser playground.
//
// Run `umplay help` for the commands and their flags.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"umplay/wasm/msg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0 // success; for checkers: no error found
	exitFound = 1 // a checker found an error
	exitUsage = 2 // usage or I/O error
)

// env is what a command may touch.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// lang is the language of the human output: --lang, else LC_ALL,
	// LC_MESSAGES, LANG.
	lang msg.Lang
}

// t is the catalog entry key in e's language.
func (e *env) t(key string, args ...any) string { return msg.Format(e.lang, key, args...) }

// langFlag takes the interface-language flag out of args: --lang L or
// --lang=L before the command, or among a command's flags (before "--") for
// every command but export, whose --lang is the code's language. It reports
// whether one was given.
func langFlag(args []string) (lang msg.Lang, rest []string, given bool, err error) {
	rest = make([]string, 0, len(args))
	cmd := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(a, "=")
		if (name == "--lang" || name == "-lang") && (cmd == "" || cmd != "export") {
			if !hasVal {
				if i+1 >= len(args) {
					return 0, nil, false, fmt.Errorf("--lang needs a value: en or pt-BR")
				}
				i++
				val = args[i]
			}
			l, ok := msg.Parse(val)
			if !ok {
				return 0, nil, false, fmt.Errorf("--lang is %q, want en or pt-BR", val)
			}
			lang, given = l, true
			continue
		}
		if cmd == "" && !strings.HasPrefix(a, "-") {
			cmd = a
		}
		rest = append(rest, a)
	}
	return lang, rest, given, nil
}

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for the command list
	usage   string // the synopsis after "umplay "
	help    string // the rest of `umplay help NAME`
	full    string // when set, all of `umplay help NAME` instead of usage and help
	run     func(e *env, args []string) int
}

// commands lists the subcommands in the order help shows them. It is filled
// in init because the help command refers to it.
var commands []*command

func init() {
	commands = []*command{
		checkCmd, buildCmd, decodeCmd, simulateCmd, fmtCmd, exportCmd, shareCmd, serveCmd, lessonCmd, versionCmd, helpCmd,
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// run runs the command line args (without the program name) and returns the
// exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, lang: msg.FromEnv(os.Getenv)}
	lang, args, given, err := langFlag(args)
	if err != nil {
		fmt.Fprintf(stderr, "umplay: %v\n", err)
		return exitUsage
	}
	if given {
		e.lang = lang
	}
	if len(args) == 0 {
		printUsage(stderr, e.lang)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "umplay: %s\n\n", e.t("cli.unknown-command", name))
		printUsage(stderr, e.lang)
		return exitUsage
	}
	if c != serveCmd && c != helpCmd && wantsHelp(args[1:]) {
		printHelp(stdout, c, e.lang)
		return exitOK
	}
	return c.run(e, args[1:])
}

// wantsHelp tells whether args ask for help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// usageError reports a usage problem of c and returns exitUsage.
func (e *env) usageError(c *command, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "umplay: "+format+"\n", args...)
	fmt.Fprint(e.stderr, e.t("cli.usage-hint", c.usage, c.name))
	return exitUsage
}

// errorf prints an error line and returns exitUsage (I/O and similar errors).
func (e *env) errorf(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "umplay: "+format+"\n", args...)
	return exitUsage
}
