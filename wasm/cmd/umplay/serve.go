package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"umplay/wasm/webserve"
)

const serveUsage = `usage: umplay serve [--addr HOST:PORT | --port N] [--dir DIR]

Serves the playground (DIR, default web) on http://127.0.0.1:8080/ with the
precompressed .br/.gz copies, application/wasm and the Content-Security-Policy
of package webserve. --port N listens on 127.0.0.1:N; the environment variable
PORT does the same when neither flag is given. Run scripts/build.sh first (or
scripts/serve.sh, which does both). Stops cleanly on Ctrl+C (SIGINT/SIGTERM).
`

// cmdServe serves the playground until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve is cmdServe until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	addr := fl.String("addr", "", "address to listen on, HOST:PORT")
	port := fl.String("port", "", "port to listen on, at 127.0.0.1")
	dir := fl.String("dir", "web", "directory to serve")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, serveUsage)
			return 0
		}
		fmt.Fprintf(stderr, "umplay serve: %v\n%s", err, serveUsage)
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "umplay serve: unexpected argument %q\n%s", fl.Arg(0), serveUsage)
		return 2
	}
	listen, err := listenAddr(*addr, *port, os.Getenv("PORT"))
	if err != nil {
		fmt.Fprintf(stderr, "umplay serve: %v\n", err)
		return 2
	}
	if err := webserve.CheckBuilt(*dir); err != nil {
		fmt.Fprintf(stderr, "umplay serve: %s\n", strings.TrimPrefix(err.Error(), "webserve: "))
		return 1
	}

	ln, err := net.Listen("tcp", listen)
	if err != nil {
		fmt.Fprintf(stderr, "umplay serve: %v\n", err)
		return 1
	}
	srv := &http.Server{
		Handler:           webserve.Handler(*dir),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	shown := strings.TrimSuffix(*dir, "/") + "/"
	fmt.Fprintf(stdout, "umplay: serving %s on %s\n", shown, siteURL(ln.Addr()))

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "umplay serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "umplay: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "umplay serve: %v\n", err)
		return 1
	}
	return 0
}

// listenAddr picks the address: --addr, else --port, else $PORT, else
// 127.0.0.1:8080. A port alone always means the loopback interface.
func listenAddr(addr, port, envPort string) (string, error) {
	if addr != "" && port != "" {
		return "", errors.New("give --addr or --port, not both")
	}
	if addr != "" {
		if _, p, err := net.SplitHostPort(addr); err != nil {
			return "", fmt.Errorf("invalid --addr %q: %v", addr, err)
		} else if err := checkPort(p); err != nil {
			return "", fmt.Errorf("invalid --addr %q: %v", addr, err)
		}
		return addr, nil
	}
	from := "--port"
	if port == "" {
		port, from = envPort, "PORT"
	}
	if port == "" {
		return "127.0.0.1:8080", nil
	}
	if err := checkPort(port); err != nil {
		return "", fmt.Errorf("invalid %s %q: %v", from, port, err)
	}
	return net.JoinHostPort("127.0.0.1", port), nil
}

func checkPort(p string) error {
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 || n > 65535 {
		return errors.New("port must be a number from 0 to 65535")
	}
	return nil
}

// siteURL is the address a person on this machine opens.
func siteURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
