package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCmd = &command{
	name:    "version",
	summary: "print umplay's version",
	usage:   "version",
	help: `Version prints the module version umplay was built from (or "(devel)"), the
VCS revision when the build recorded one, and the Go version.`,
}

func init() { versionCmd.run = runVersion }

func runVersion(e *env, args []string) int {
	if len(args) != 0 {
		return e.usageError(versionCmd, "version: unexpected argument %q", args[0])
	}
	fmt.Fprintf(e.stdout, "umplay %s %s\n", version(), runtime.Version())
	return exitOK
}

// version is the main module's version, with the VCS revision (and
// "+dirty" for a modified tree) when the build stamped one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + dirty
	}
	return v
}
