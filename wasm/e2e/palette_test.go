//go:build !js

package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cssVars returns the custom properties declared in the block of css that
// starts at the first occurrence of selector, in order.
func cssVars(t *testing.T, css, selector string) []string {
	t.Helper()
	i := strings.Index(css, selector)
	if i < 0 {
		t.Fatalf("no %q block", selector)
	}
	block := css[i:]
	block = block[:strings.Index(block, "}")]
	return regexp.MustCompile(`--[a-z0-9-]+:\s*[^;]+;`).FindAllString(block, -1)
}

// TestEmbedPaletteMatchesPage: embed.html?theme=dark uses the page's dark
// palette, repeated in embed.css (a media query cannot be forced on).
func TestEmbedPaletteMatchesPage(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(root, "web", "style.css"))
	embed := readFile(t, filepath.Join(root, "web", "embed.css"))
	want := cssVars(t, page, `:root:not([data-theme="light"]) {`)
	got := cssVars(t, embed, `:root[data-theme="dark"] {`)
	if len(want) < 20 {
		t.Fatalf("style.css's dark palette has %d properties; the test reads the wrong block", len(want))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("embed.css's dark palette differs from style.css's:\n got %q\nwant %q", got, want)
	}
}
