//go:build !js

package linkcheck

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// forbidden tells whether the page's own code may not refer to sym.
func forbidden(sym string) bool {
	return strings.HasPrefix(sym, "fmt.") ||
		strings.HasPrefix(sym, "time.Time.Format") || // and the method value Format-fm
		strings.HasPrefix(sym, "time.Time.AppendFormat") ||
		strings.HasPrefix(sym, "time.Time.String")
}

// ours tells whether sym is a symbol of the page's own packages (package
// main is wasm/app).
func ours(sym string) bool {
	return strings.HasPrefix(sym, "umplay/") || strings.HasPrefix(sym, "main.")
}

var (
	// "umplay/wasm/soap.Check STEXT size=…", "main..inittask SNOPTRDATA size=16"
	symHeader = regexp.MustCompile(`^(\S.*?) S[A-Z]+( |$)`)
	// "\trel 12+4 t=R_CALL fmt.Sprintf+0"
	relLine = regexp.MustCompile(`^\trel \S+ t=\S+ (.+)\+-?\d+$`)
	// "from -> to <UsedInIface>"
	depLine = regexp.MustCompile(`^(.+?) -> (.+?)( <[A-Za-z]+>)*$`)
)

// graph is what one build printed: the symbols each of ours refers to
// (from -S) and the first edge the linker followed into each reachable
// symbol (from -dumpdep; "_" for a root).
type graph struct {
	refs   map[string][]string
	parent map[string]string
}

func parse(out []byte) graph {
	g := graph{refs: map[string][]string{}, parent: map[string]string{}}
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\t") {
			if m := relLine.FindStringSubmatch(line); m != nil && ours(cur) {
				g.refs[cur] = append(g.refs[cur], m[1])
			}
			continue
		}
		if m := symHeader.FindStringSubmatch(line); m != nil {
			cur = m[1]
			continue
		}
		if m := depLine.FindStringSubmatch(line); m != nil {
			from, to := stripFlags(m[1]), m[2]
			if _, seen := g.parent[to]; !seen {
				g.parent[to] = from
			}
		}
	}
	return g
}

func stripFlags(s string) string {
	for strings.HasSuffix(s, ">") {
		i := strings.LastIndex(s, " <")
		if i < 0 {
			break
		}
		s = s[:i]
	}
	return s
}

// chain is the linker's path to sym, from main.main (the runtime's start
// before it left out) or from a root.
func (g graph) chain(sym string) []string {
	var c []string
	for s := sym; s != "_" && s != "" && len(c) < 200; s = g.parent[s] {
		c = append(c, s)
		if s == "main.main" {
			break
		}
	}
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
	return c
}

// problems lists, for each reachable symbol of ours that refers to a
// forbidden symbol, the chain that reaches it.
func (g graph) problems() []string {
	var out []string
	for sym, refs := range g.refs {
		if _, reachable := g.parent[sym]; !reachable {
			continue // in a page package, but not linked into the page
		}
		for _, r := range refs {
			if forbidden(r) {
				out = append(out, strings.Join(g.chain(sym), " -> ")+" -> "+r)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestPageCallsNoFmt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the page")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(goTool, "build", "-trimpath",
		"-gcflags=umplay/...=-S", "-ldflags=-s -w -dumpdep",
		"-o", filepath.Join(t.TempDir(), "main.wasm"), "./wasm/app")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, lastLines(out, 30))
	}
	g := parse(out)
	if len(g.refs) < 100 || g.parent["main.main"] == "" {
		t.Fatalf("read %d of our symbols and main.main's parent %q from %d bytes of build output: the -S or -dumpdep format changed",
			len(g.refs), g.parent["main.main"], len(out))
	}
	for _, p := range g.problems() {
		t.Errorf("the page's code calls fmt or time.Time formatting (use strconv, msg.Format or package clock): %s", p)
	}
	// What still links them, for the record (see the package doc).
	for _, s := range []string{"fmt.Sprintf", "fmt.errorf", "time.Time.Format"} {
		if _, ok := g.parent[s]; ok {
			t.Logf("%s is linked through: %s", s, strings.Join(g.chain(s), " -> "))
		}
	}
}

// The check finds a call of ours, however deep, and ignores what is not
// linked or not ours.
func TestProblems(t *testing.T) {
	out := []byte(strings.Join([]string{
		"# umplay/wasm/soap",
		"umplay/wasm/soap.Check STEXT size=10 args=0x0",
		"\t0x0000 00 01 02",
		"\trel 0+0 t=R_CALL umplay/wasm/soap.explain+0",
		"umplay/wasm/soap.explain STEXT size=10",
		"\trel 4+4 t=R_CALL fmt.Sprintf+0",
		"umplay/wasm/soap.unused STEXT size=10",
		"\trel 4+4 t=R_CALL fmt.Errorf+0",
		"main.showTime STEXT size=10",
		"\trel 4+4 t=R_CALL time.Time.Format+0",
		"encoding/xml.(*Decoder).text STEXT size=10",
		"\trel 4+4 t=R_CALL fmt.Sprintf+0",
		"_ -> main.main",
		"main.main -> umplay/wasm/soap.Check",
		"umplay/wasm/soap.Check -> umplay/wasm/soap.explain",
		"umplay/wasm/soap.explain -> fmt.Sprintf",
		"main.main -> main.showTime <UsedInIface>",
		"main.showTime -> time.Time.Format",
		"main.main -> encoding/xml.(*Decoder).text",
	}, "\n"))
	got := parse(out).problems()
	want := []string{
		"main.main -> main.showTime -> time.Time.Format",
		"main.main -> umplay/wasm/soap.Check -> umplay/wasm/soap.explain -> fmt.Sprintf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems() = %q, want %q", got, want)
	}
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
