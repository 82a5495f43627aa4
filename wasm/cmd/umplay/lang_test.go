package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/msg"
)

// TestMain runs the tests in the C locale, so that the English golden files
// do not depend on the developer's LANG; the tests of the Portuguese output
// set it themselves.
func TestMain(m *testing.M) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(v)
	}
	os.Exit(m.Run())
}

// portuguese sets the environment of a Brazilian shell.
func portuguese(t *testing.T) {
	t.Helper()
	t.Setenv("LANG", "pt_BR.UTF-8")
}

// TestCheckPortuguese: under LANG=pt_BR.UTF-8 the human output of check
// (text and github) is in Portuguese, with the same codes and positions as
// the English; --json keeps its codes and translates the messages.
func TestCheckPortuguese(t *testing.T) {
	inputs := []string{
		filepath.Join("testdata", "disconnect-docs-pt-br.xml"),
		filepath.Join("testdata", "disconnect-docs-exchange2007-archive.xml"),
		filepath.Join("testdata", "docs", "pt-br.md"),
	}
	en, _, enCode := umplay(t, "", append([]string{"check"}, inputs...)...)
	enJSON, _, _ := umplay(t, "", append([]string{"check", "--json"}, inputs...)...)
	portuguese(t)
	out, errOut, code := umplay(t, "", append([]string{"check"}, inputs...)...)
	if code != enCode || errOut != "" {
		t.Fatalf("check under LANG=pt_BR.UTF-8 = exit %d, stderr %q; English exit %d", code, errOut, enCode)
	}
	golden(t, "check.pt-BR.txt", out)
	if out == en {
		t.Fatal("check under LANG=pt_BR.UTF-8 printed the English output")
	}
	for _, w := range []string{"o servidor responde", "namespace"} {
		if !strings.Contains(out, w) {
			t.Errorf("Portuguese output has no %q:\n%s", w, out)
		}
	}
	// Same lines up to the message: FILE:LINE:COL: SEVERITY: CODE.
	el, pl := strings.Split(en, "\n"), strings.Split(out, "\n")
	if len(el) != len(pl) {
		t.Fatalf("English has %d lines, Portuguese %d", len(el), len(pl))
	}
	for i := range el {
		if head(el[i]) != head(pl[i]) {
			t.Errorf("line %d: English %q, Portuguese %q", i+1, head(el[i]), head(pl[i]))
		}
	}

	gh, _, _ := umplay(t, "", append([]string{"check", "--format", "github"}, inputs...)...)
	golden(t, "check.pt-BR.github", gh)

	js, _, _ := umplay(t, "", append([]string{"check", "--json"}, inputs...)...)
	if js == enJSON {
		t.Error("check --json under LANG=pt_BR.UTF-8 has the English messages")
	}
	if a, b := codes(enJSON), codes(js); a != b {
		t.Errorf("--json codes differ with the language:\nen    %s\npt-BR %s", a, b)
	}

	// --lang wins over LANG; LC_ALL=C over LANG.
	if o, _, _ := umplay(t, "", append([]string{"check", "--lang", "en"}, inputs...)...); o != en {
		t.Errorf("check --lang en under LANG=pt_BR.UTF-8 is not the English output:\n%s", o)
	}
	t.Setenv("LC_ALL", "C")
	if o, _, _ := umplay(t, "", append([]string{"check"}, inputs...)...); o != en {
		t.Errorf("check under LC_ALL=C LANG=pt_BR.UTF-8 is not the English output:\n%s", o)
	}
}

// head is a text diagnostic line up to its message.
func head(line string) string {
	parts := strings.SplitN(line, ": ", 4)
	if len(parts) < 4 {
		return line
	}
	return strings.Join(parts[:3], ": ")
}

// codes lists the "code" values of a JSON output, in order.
func codes(js string) string {
	var out []string
	for _, part := range strings.Split(js, `"code":`)[1:] {
		v, _, _ := strings.Cut(part, ",")
		out = append(out, v)
	}
	return strings.Join(out, " ")
}

func TestLangFlag(t *testing.T) {
	portuguese(t)
	out, _, code := umplay(t, "", "help")
	if code != exitOK || !strings.Contains(out, "Comandos:") || !strings.Contains(out, "verifica requisições") {
		t.Errorf("help under LANG=pt_BR.UTF-8 = exit %d:\n%s", code, out)
	}
	out, _, _ = umplay(t, "", "--lang", "en", "help")
	if !strings.Contains(out, "Commands:") {
		t.Errorf("umplay --lang en help:\n%s", out)
	}
	out, _, _ = umplay(t, "", "help", "--lang=en")
	if !strings.Contains(out, "Commands:") {
		t.Errorf("umplay help --lang=en:\n%s", out)
	}
	_, errOut, code := umplay(t, "", "--lang", "fr", "help")
	if code != exitUsage || !strings.Contains(errOut, `--lang is "fr"`) {
		t.Errorf("--lang fr = exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = umplay(t, "", "check")
	if code != exitUsage || !strings.Contains(errOut, "uso: umplay check") {
		t.Errorf("check without PATH under LANG=pt_BR.UTF-8 = exit %d, stderr %q", code, errOut)
	}
	// export's --lang stays the code's language.
	out, _, code = umplay(t, "<a/>", "export", "--lang", "curl", "-")
	if code != exitOK || !strings.Contains(out, "curl") {
		t.Errorf("export --lang curl = exit %d:\n%s", code, out)
	}
}

// Every command has its summary in both catalogs.
func TestSummaries(t *testing.T) {
	for _, c := range commands {
		for _, l := range msg.Langs {
			if !msg.Has(l, "cli.summary."+c.name) {
				t.Errorf("no %s summary of %s", l, c.name)
			}
		}
		if msg.Text(msg.EN, "cli.summary."+c.name) != c.summary {
			t.Errorf("%s: the English summary differs from the command's", c.name)
		}
	}
}

// decode's problems follow the language too.
func TestDecodePortuguese(t *testing.T) {
	portuguese(t)
	out, _, code := umplay(t, "", "decode", "MDlkZjllZGMtNGUy")
	if code != exitFound || !strings.Contains(out, "o texto decodificado") {
		t.Errorf("decode under LANG=pt_BR.UTF-8 = exit %d:\n%s", code, out)
	}
}
