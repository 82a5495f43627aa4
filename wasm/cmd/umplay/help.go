package main

import (
	"fmt"
	"io"
)

var helpCmd = &command{
	name:    "help",
	summary: "show this help, or a command's",
	usage:   "help [COMMAND]",
	help:    `Help prints the list of commands, or everything about COMMAND.`,
}

var serveCmd = &command{
	name:    "serve",
	summary: "serve the browser playground",
	usage:   "serve [flags]",
	full:    serveUsage,
	run:     func(e *env, args []string) int { return cmdServe(args, e.stdout, e.stderr) },
}

func init() { helpCmd.run = runHelp }

func runHelp(e *env, args []string) int {
	switch len(args) {
	case 0:
		printUsage(e.stdout)
		return exitOK
	case 1:
		c := lookup(args[0])
		if c == nil {
			fmt.Fprintf(e.stderr, "umplay: help: unknown command %q\n\n", args[0])
			printUsage(e.stderr)
			return exitUsage
		}
		printHelp(e.stdout, c)
		return exitOK
	}
	return e.usageError(helpCmd, "help: want at most one COMMAND, got %d", len(args))
}

// printUsage prints the command list.
func printUsage(w io.Writer) {
	fmt.Fprint(w, `umplay checks, builds, decodes and simulates requests to the Exchange
Unified Messaging web service (MS-OXWUMS), Disconnect first.

usage: umplay COMMAND [ARGS]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'umplay help COMMAND' (or 'umplay COMMAND -h') for a command's flags.
Flags are written --name VALUE or --name=VALUE and may come before or after
the other arguments; -- ends the flags; - as a FILE is standard input.
Exit status: 0 success, 1 an error was found in the input, 2 usage or I/O
error.
`)
}

// printHelp prints everything about c.
func printHelp(w io.Writer, c *command) {
	if c.full != "" {
		fmt.Fprint(w, c.full)
		return
	}
	fmt.Fprintf(w, "usage: umplay %s\n\n%s\n", c.usage, c.help)
}
