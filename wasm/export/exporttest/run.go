// Package exporttest runs the snippets of package export for real, for the
// tests that check what they send and print: curl through sh, Go through
// `go run`, Python through python3 (requests through Debian's
// /usr/bin/python3, which has it as a dependency of python3-zeep).
package exporttest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Result is what a snippet printed: the response's status and body.
type Result struct {
	Status int
	Body   string
}

// ErrUnavailable says that the tool a language needs is not installed.
var ErrUnavailable = errors.New("exporttest: tool not installed")

// Languages are the languages Run can run.
var Languages = []string{"curl", "go", "python", "python-requests"}

// Run writes code (a snippet of language lang) to a file in dir, runs it and
// parses what it printed.
func Run(ctx context.Context, dir, lang, code string) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	var cmd *exec.Cmd
	switch lang {
	case "curl":
		if _, err := exec.LookPath("curl"); err != nil {
			return Result{}, fmt.Errorf("%w: curl (apt-get install curl)", ErrUnavailable)
		}
		cmd = exec.CommandContext(ctx, "sh", write(dir, "snippet.sh", code))
	case "go":
		cmd = exec.CommandContext(ctx, "go", "run", write(dir, "main.go", code))
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=")
	case "python":
		py, err := exec.LookPath("python3")
		if err != nil {
			return Result{}, fmt.Errorf("%w: python3", ErrUnavailable)
		}
		cmd = exec.CommandContext(ctx, py, write(dir, "snippet.py", code))
	case "python-requests":
		const py = "/usr/bin/python3"
		if exec.Command(py, "-c", "import requests").Run() != nil {
			return Result{}, fmt.Errorf("%w: %s with requests (apt-get install python3-requests)", ErrUnavailable, py)
		}
		cmd = exec.CommandContext(ctx, py, write(dir, "snippet_requests.py", code))
	default:
		return Result{}, fmt.Errorf("exporttest: cannot run %q", lang)
	}
	// A proxy from the environment must not take loopback requests.
	cmd.Env = append(cmd.Environ(), "NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return Result{}, fmt.Errorf("exporttest: %s snippet: %v\nstderr: %s\nstdout: %q", lang, err, errb.String(), out.String())
	}
	return parse(lang, out.String())
}

func write(dir, name, code string) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
		panic(err) // a test's temporary directory
	}
	return p
}

// parse reads the status and body from a snippet's output.
func parse(lang, out string) (Result, error) {
	if lang == "curl" {
		// curl -i: status line, headers, blank line, body; interim 1xx
		// answers (100 Continue) come first with their own blank line.
		for {
			head, body, ok := strings.Cut(out, "\r\n\r\n")
			if !ok {
				return Result{}, fmt.Errorf("exporttest: curl printed no header block: %q", out)
			}
			st, err := statusOf(strings.SplitN(head, "\r\n", 2)[0], 1)
			if err != nil {
				return Result{}, err
			}
			if st >= 200 {
				return Result{st, body}, nil
			}
			out = body
		}
	}
	line, body, ok := strings.Cut(out, "\n")
	if !ok {
		return Result{}, fmt.Errorf("exporttest: %s printed no status line: %q", lang, out)
	}
	field := 0 // Python: "200 OK"
	if lang == "go" {
		field = 1 // "HTTP/1.1 200 OK"
	}
	st, err := statusOf(line, field)
	return Result{st, body}, err
}

func statusOf(line string, field int) (int, error) {
	f := strings.Fields(line)
	if len(f) <= field {
		return 0, fmt.Errorf("exporttest: no status in %q", line)
	}
	n, err := strconv.Atoi(f[field])
	if err != nil {
		return 0, fmt.Errorf("exporttest: no status in %q", line)
	}
	return n, nil
}
