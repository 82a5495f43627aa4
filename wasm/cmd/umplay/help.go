package main

import (
	"fmt"
	"io"

	"umplay/wasm/msg"
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
		printUsage(e.stdout, e.lang)
		return exitOK
	case 1:
		c := lookup(args[0])
		if c == nil {
			fmt.Fprintf(e.stderr, "umplay: help: %s\n\n", e.t("cli.unknown-command", args[0]))
			printUsage(e.stderr, e.lang)
			return exitUsage
		}
		printHelp(e.stdout, c, e.lang)
		return exitOK
	}
	return e.usageError(helpCmd, "help: want at most one COMMAND, got %d", len(args))
}

// printUsage prints the command list in l.
func printUsage(w io.Writer, l msg.Lang) {
	fmt.Fprint(w, msg.Text(l, "cli.usage.head"))
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, msg.Text(l, "cli.summary."+c.name))
	}
	fmt.Fprint(w, msg.Text(l, "cli.usage.tail"))
}

// printHelp prints everything about c. The long help of a command is
// English; its first line says so in another language.
func printHelp(w io.Writer, c *command, l msg.Lang) {
	if l != msg.EN {
		fmt.Fprintf(w, "%s\n\n", msg.Format(l, "cli.help.summary", c.name, msg.Text(l, "cli.summary."+c.name)))
	}
	if c.full != "" {
		fmt.Fprint(w, c.full)
		return
	}
	fmt.Fprintf(w, "%s %s\n\n%s\n", msg.Text(l, "cli.usage"), c.usage, c.help)
}
