package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestListenAddr(t *testing.T) {
	tests := []struct {
		name, addr, port, env string
		want                  string
		wantErr               bool
	}{
		{"default", "", "", "", "127.0.0.1:8080", false},
		{"port", "", "9000", "", "127.0.0.1:9000", false},
		{"env", "", "", "9100", "127.0.0.1:9100", false},
		{"port beats env", "", "9000", "9100", "127.0.0.1:9000", false},
		{"addr", "0.0.0.0:8081", "", "9100", "0.0.0.0:8081", false},
		{"both", "127.0.0.1:1", "2", "", "", true},
		{"bad port", "", "http", "", "", true},
		{"bad env", "", "", "99999", "", true},
		{"bad addr", "localhost", "", "", "", true},
	}
	for _, tt := range tests {
		got, err := listenAddr(tt.addr, tt.port, tt.env)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("%s: listenAddr(%q, %q, %q) = %q, %v; want %q, error %v", tt.name, tt.addr, tt.port, tt.env, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestServeMissingBuild(t *testing.T) {
	var out, errb bytes.Buffer
	code := serve(context.Background(), []string{"--dir", t.TempDir(), "--port", "0"}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "main.wasm is missing: run scripts/build.sh first") {
		t.Errorf("serve without main.wasm = %d, stderr %q; want 1 and a hint to run scripts/build.sh", code, errb.String())
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"extra"}, {"--port", "x"}, {"--addr", "127.0.0.1:1", "--port", "2"},
		{"--frame-ancestors", "*; script-src *"}, {"--frame-ancestors", ""}, {"--frame-ancestors", "'none' 'self'"}} {
		var out, errb bytes.Buffer
		if code := serve(context.Background(), args, &out, &errb); code != 2 {
			t.Errorf("serve %q = %d, want 2; stderr %q", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := serve(context.Background(), []string{"--help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "usage: umplay serve") {
		t.Errorf("serve --help = %d, %q; want 0 and the usage", code, out.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"main.wasm": "\x00asm", "index.html": "<!doctype html>", "embed.html": "<!doctype html>"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"--port", "0", "--dir", dir, "--frame-ancestors", "'self' https://docs.example.com"}, &out, &errb)
	}()

	re := regexp.MustCompile(`^umplay: serving (.*) on (http://127\.0\.0\.1:\d+/)\n`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			if m[1] != dir+"/" {
				t.Errorf("serving %q, want %q", m[1], dir+"/")
			}
			url = m[2]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d: %s%s", code, out.String(), errb.String())
		default:
		}
	}
	if url == "" {
		t.Fatalf("no URL printed: %q %q", out.String(), errb.String())
	}
	resp, err := http.Get(url + "main.wasm")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "\x00asm" || resp.Header.Get("Content-Type") != "application/wasm" ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "'wasm-unsafe-eval'") {
		t.Errorf("GET main.wasm = %d %q %q CSP %q", resp.StatusCode, body, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"))
	}
	for page, want := range map[string][2]string{
		"embed.html": {"; frame-ancestors 'self' https://docs.example.com", ""},
		"":           {"; frame-ancestors 'none'", "DENY"},
	} {
		resp, err := http.Get(url + page)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasSuffix(csp, want[0]) || resp.Header.Get("X-Frame-Options") != want[1] {
			t.Errorf("GET /%s: CSP %q, X-Frame-Options %q; want the CSP to end with %q and X-Frame-Options %q",
				page, csp, resp.Header.Get("X-Frame-Options"), want[0], want[1])
		}
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve after cancel = %d, want 0; stderr %q", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if _, err := http.Get(url); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}
