//go:build !js

package linkcheck

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// "from -> to <UsedInIface>"
var depLine = regexp.MustCompile(`^(.+?) -> (.+?)( <[A-Za-z]+>)*$`)

// parents reads -dumpdep's output: the symbol the linker came from into
// each reachable symbol ("_" for a root).
func parents(out []byte) map[string]string {
	parent := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if m := depLine.FindStringSubmatch(sc.Text()); m != nil {
			from := m[1]
			if i := strings.Index(from, " <"); i >= 0 {
				from = from[:i]
			}
			if _, seen := parent[m[2]]; !seen {
				parent[m[2]] = from
			}
		}
	}
	return parent
}

// chain is the linker's path to sym from main.main, or from a root.
func chain(parent map[string]string, sym string) string {
	var c []string
	for s := sym; s != "_" && s != "" && len(c) < 200; s = parent[s] {
		c = append(c, s)
		if s == "main.main" {
			break
		}
	}
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
	return strings.Join(c, " -> ")
}

// linked lists the chains to the reachable symbols whose names begin with
// one of prefixes ("fmt." for a package's).
func linked(parent map[string]string, prefixes ...string) []string {
	var out []string
	for sym := range parent {
		for _, p := range prefixes {
			if strings.HasPrefix(sym, p) {
				out = append(out, chain(parent, sym))
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// page is the page's reachability tree, built once for the tests.
var page struct {
	once   sync.Once
	parent map[string]string
	err    error
}

// pageDeps builds the page with scripts/build.sh's flags and -dumpdep and
// reads the linker's tree.
func pageDeps(t *testing.T) map[string]string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the page")
	}
	page.once.Do(func() { page.parent, page.err = buildPage() })
	if page.err != nil {
		t.Fatal(page.err)
	}
	return page.parent
}

func buildPage() (map[string]string, error) {
	root := filepath.Join("..", "..")
	fl, err := exec.Command("bash", filepath.Join(root, "scripts", "build.sh"), "--print-flags").Output()
	if err != nil {
		return nil, fmt.Errorf("scripts/build.sh --print-flags: %v", err)
	}
	args := []string{"build"}
	for _, f := range strings.Split(strings.TrimSpace(string(fl)), "\n") {
		if strings.HasPrefix(f, "-ldflags=") {
			f += " -dumpdep"
		}
		args = append(args, f)
	}
	dir, err := os.MkdirTemp("", "linkcheck")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	args = append(args, "-o", filepath.Join(dir, "main.wasm"), "./wasm/app")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go %v: %v\n%s", args, err, lastLines(out, 30))
	}
	parent := parents(out)
	if parent["main.main"] == "" || len(parent) < 1000 {
		return nil, fmt.Errorf("read %d reachable symbols, main.main's parent %q, from %d bytes of go build output: did -dumpdep's format change?",
			len(parent), parent["main.main"], len(out))
	}
	return parent, nil
}

func TestPageLinksNoFmt(t *testing.T) {
	found := linked(pageDeps(t), "fmt.")
	for i, c := range found {
		if i == 5 {
			t.Errorf("… and %d more fmt symbols", len(found)-5)
			break
		}
		t.Errorf("the page links fmt (use strconv or msg.Format; a new fmt call in encoding/xml needs wasm/xmlpatch): %s", c)
	}
}

// The page's sorts share sort.Stable's one non-generic copy: each element
// type given to slices.Sort, SortFunc or SortStableFunc (or sort.Strings,
// sort.Ints, which call slices.Sort) links a pdqsort or an insertion sort
// and symMerge of its own, 7-21 KB of code.
func TestPageLinksNoGenericSort(t *testing.T) {
	for _, c := range linked(pageDeps(t), "slices.pdqsort", "slices.stableCmpFunc") {
		if strings.Contains(c[strings.LastIndex(c, " -> ")+1:], "].arginfo") {
			// Argument metadata, not code: the linker dedups it by
			// content, so it may carry a sort's name for another's.
			continue
		}
		t.Errorf("the page links a generic sort (use sort.Stable with sort.StringSlice, sort.IntSlice or a Len/Less/Swap type): %s", c)
	}
}

// TestChains: parents keeps the first edge into a symbol; linked finds a
// package's symbols however deep, with the way there.
func TestChains(t *testing.T) {
	out := []byte(strings.Join([]string{
		"# umplay/wasm/app",
		"_ -> main.main",
		"main.main -> umplay/wasm/soap.Check",
		"umplay/wasm/soap.Check -> umplay/wasm/soap.explain",
		"umplay/wasm/soap.explain <ReflectMethod> -> fmt.Sprintf",
		"main.main -> fmt.Sprintf",
		"main.main -> main.showTime <UsedInIface>",
		"main.showTime -> time.Time.Format",
		"main.main -> fmtx.Other",
	}, "\n"))
	got := linked(parents(out), "fmt.")
	want := []string{"main.main -> umplay/wasm/soap.Check -> umplay/wasm/soap.explain -> fmt.Sprintf"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("linked(…, fmt) = %q, want %q", got, want)
	}
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
