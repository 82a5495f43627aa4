package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"umplay/wasm/endpoint"
	"umplay/wasm/umsim"
	"umplay/wasm/webserve"
)

const serveUsage = `usage: umplay serve [--addr HOST:PORT | --port N] [--dir DIR] [--read-timeout D] [--frame-ancestors SOURCES]

Serves the playground (DIR, default web) on http://127.0.0.1:8080/ with the
precompressed .br/.gz copies, application/wasm and the Content-Security-Policy
of package webserve, and a local endpoint that answers like Exchange:

  POST /EWS/UM2007Legacy.asmx, POST /UnifiedMessaging/Service.asmx
        one stateful simulated UM server for the whole process (calls and
        mailbox settings carry across requests), the playground's decision
        order, real status codes and bodies
  GET  /EWS/UM2007Legacy.asmx?wsdl (and the 2007 path)
        the service's WSDL, for SoapUI, zeep, dotnet-svcutil, node-soap

--port N listens on 127.0.0.1:N; the environment variable PORT does the same
when neither flag is given; --addr HOST:PORT listens elsewhere (0.0.0.0:8080
for every interface: only on a network you trust). Request bodies are capped
at 5 MiB (413 beyond); headers must arrive within 10s and the whole request
within --read-timeout (default 60s), or the connection is dropped. Every
request is logged to standard error: method, path, SOAPAction, status.

--frame-ancestors SOURCES is who may frame the embed page (embed.html):
the CSP frame-ancestors source list, default * (any page); for example
"'self' https://docs.example.com". Every other page is sent with
frame-ancestors 'none' and X-Frame-Options: DENY.

Run scripts/build.sh first (or scripts/serve.sh, which does both). Stops
cleanly on Ctrl+C (SIGINT/SIGTERM).
`

// cmdServe serves the playground until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// Timeouts of the server: the request head must arrive within
// headerTimeout, the whole request (body included) within the read timeout.
const (
	headerTimeout      = 10 * time.Second
	defaultReadTimeout = 60 * time.Second
)

// serve is cmdServe until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return serveWith(ctx, args, stdout, stderr, umsim.Config{})
}

// serveWith is serve with the simulated server's configuration (tests fix
// its ring time).
func serveWith(ctx context.Context, args []string, stdout, stderr io.Writer, sim umsim.Config) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	addr := fl.String("addr", "", "address to listen on, HOST:PORT")
	port := fl.String("port", "", "port to listen on, at 127.0.0.1")
	dir := fl.String("dir", "web", "directory to serve")
	readTimeout := fl.Duration("read-timeout", defaultReadTimeout, "time to read a whole request")
	frameAncestors := fl.String("frame-ancestors", "*", "CSP frame-ancestors sources of embed.html")
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
	if *readTimeout <= 0 {
		fmt.Fprintf(stderr, "umplay serve: --read-timeout must be positive, got %v\n%s", *readTimeout, serveUsage)
		return 2
	}
	if strings.TrimSpace(*frameAncestors) == "" {
		fmt.Fprintf(stderr, "umplay serve: --frame-ancestors: empty source list (use \"'none'\" to forbid framing)\n%s", serveUsage)
		return 2
	}
	static, err := webserve.HandlerWith(*dir, webserve.Options{FrameAncestors: *frameAncestors})
	if err != nil {
		fmt.Fprintf(stderr, "umplay serve: --frame-ancestors: %s\n%s", strings.TrimPrefix(err.Error(), "webserve: frame-ancestors: "), serveUsage)
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
		Handler: &endpoint.Site{
			Sim:    umsim.New(sim),
			Static: static,
			Log:    stderr,
		},
		ReadHeaderTimeout: min(headerTimeout, *readTimeout),
		ReadTimeout:       *readTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(stderr, "umplay serve: ", 0),
	}
	shown := strings.TrimSuffix(*dir, "/") + "/"
	site := siteURL(ln.Addr())
	fmt.Fprintf(stdout, "umplay: serving %s on %s\n", shown, site)
	fmt.Fprintf(stdout, "umplay: UM web service at %s (WSDL: ?wsdl)\n", strings.TrimSuffix(site, "/")+endpoint.Path)

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
