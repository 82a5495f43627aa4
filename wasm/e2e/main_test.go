//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// env is shared by the package's tests: one build, one server, one browser.
var env struct {
	root    string
	srv     *httptest.Server
	browser *Browser
	err     error // why the tests cannot run: every test fails with it

	cli    string // a built `umplay` binary
	cliErr error
}

func TestMain(m *testing.M) {
	code := func() int {
		start := time.Now()
		if err := setup(); err != nil {
			env.err = err
			fmt.Fprintln(os.Stderr, err)
		} else {
			fmt.Fprintf(os.Stderr, "e2e: built, serving %s, Chromium started in %v\n", env.srv.URL, time.Since(start).Round(time.Millisecond))
		}
		defer teardown()
		return m.Run()
	}()
	os.Exit(code)
}

func setup() error {
	chromium, err := FindChromium()
	if err != nil {
		return err
	}
	root, err := Root()
	if err != nil {
		return err
	}
	env.root = root
	var out bytes.Buffer
	if err := Build(root, &out); err != nil {
		return fmt.Errorf("%v\n%s", err, tail(out.String(), 4000))
	}
	env.srv = Serve(filepath.Join(root, "web"))
	env.browser, err = StartBrowser(chromium)
	if err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "umplay-e2e-cli-")
	if err != nil {
		return err
	}
	env.cli = filepath.Join(dir, "umplay")
	cmd := exec.Command("go", "build", "-o", env.cli, "./wasm/cmd/umplay")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		env.cliErr = fmt.Errorf("go build ./wasm/cmd/umplay: %v\n%s", err, b)
	}
	return nil
}

// statInputs stats every source of the page (the Go code under wasm/, web/,
// scripts/, go.mod, go.sum). The build runs in a subprocess, which go test's
// result cache cannot see; a Stat in this process during the tests (not in
// TestMain, which is not logged) can, so a cached pass is reused only while
// none of these files changed.
var statOnce sync.Once

func statInputs(root string) {
	for _, top := range []string{"wasm", "web", "scripts", "go.mod", "go.sum"} {
		filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Stat(p)
			}
			return nil
		})
	}
}

func teardown() {
	if env.browser != nil {
		env.browser.Close()
	}
	if env.srv != nil {
		env.srv.Close()
	}
	if env.cli != "" {
		os.RemoveAll(filepath.Dir(env.cli))
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// openPage opens the playground in a new tab and waits until it is ready.
// When the test ends it checks what every test must keep true: no console
// error or uncaught exception, no request off the test server's origin, no
// JavaScript dialog.
func openPage(t *testing.T) *Page {
	t.Helper()
	statOnce.Do(func() { statInputs(env.root) })
	if env.err != nil {
		t.Fatalf("browser tests cannot run: %v", env.err)
	}
	p, err := env.browser.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		checkClean(t, p)
		p.Close()
	})
	if err := p.Open(env.srv.URL+"/", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	return p
}

func checkClean(t *testing.T, p *Page) {
	t.Helper()
	for _, m := range p.Errors() {
		t.Errorf("console: %s", m)
	}
	for _, r := range p.Foreign(env.srv.URL) {
		t.Errorf("request left the origin %s: %s", env.srv.URL, r)
	}
	for _, d := range p.Dialogs() {
		t.Errorf("the page opened a dialog: %s", d)
	}
	if t.Failed() {
		for _, m := range p.Messages() {
			t.Logf("page log: %s", m)
		}
	}
}

// readFile reads a file of the repository or of testdata.
func readFile(t *testing.T, parts ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// eval evaluates expr in p or fails the test.
func eval[T any](t *testing.T, p *Page, expr string) T {
	t.Helper()
	v, err := Eval[T](p, expr)
	if err != nil {
		t.Fatalf("eval %s: %v", short(expr), err)
	}
	return v
}

// wait polls expr until it is truthy (30 s) or fails the test with what
// the page shows (the expression `why`, if given).
func wait[T any](t *testing.T, p *Page, expr string, why ...string) T {
	t.Helper()
	return waitFor[T](t, p, 30*time.Second, expr, why...)
}

func waitFor[T any](t *testing.T, p *Page, timeout time.Duration, expr string, why ...string) T {
	t.Helper()
	v, err := Wait[T](p, expr, timeout)
	if err != nil {
		var shown []string
		for _, w := range why {
			s, _ := Eval[string](p, `String(`+w+`)`)
			shown = append(shown, w+" = "+short(s))
		}
		t.Fatalf("waiting for %s: %v\n%s", short(expr), err, strings.Join(shown, "\n"))
	}
	return v
}

func short(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}
