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
		checkCmd, buildCmd, decodeCmd, simulateCmd, fmtCmd, exportCmd, serveCmd, lessonCmd, versionCmd, helpCmd,
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
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "umplay: unknown command %q\n\n", name)
		printUsage(stderr)
		return exitUsage
	}
	if c != serveCmd && c != helpCmd && wantsHelp(args[1:]) {
		printHelp(stdout, c)
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
	fmt.Fprintf(e.stderr, "usage: umplay %s\nRun 'umplay help %s' for details.\n", c.usage, c.name)
	return exitUsage
}

// errorf prints an error line and returns exitUsage (I/O and similar errors).
func (e *env) errorf(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "umplay: "+format+"\n", args...)
	return exitUsage
}
