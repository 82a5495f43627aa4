package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"umplay/wasm/share"
	"umplay/wasm/share/payload"
	"umplay/wasm/state"
)

var shareCmd = &command{
	name:    "share",
	summary: "make a share link's fragment for a request, or read one",
	usage:   "share [--no-redact] [--soapaction VALUE | --no-soapaction] [--url BASE] FILE | share --decode [--json] FRAGMENT|URL",
	help: `Share prints the fragment of a share link (see "Share links" in the README):
s=1.<base64url of deflate-raw of the state's JSON, as a diff from the page's
defaults>. FILE (- for standard input) is a request, sent with the flags'
SOAPAction; a FILE ending in .json is a state file saved by the page's
"Copy link" dialog. Append the fragment to the page's URL after '#'.

The endpoint's host and every CallId are redacted first, as the page does by
default: the host becomes mail.contoso.com, a CallId that decodes is
re-encoded with the sample GUID and a sample host of the same shape (the
server's verdict does not change); what was done is printed on standard
error, and a CallId that cannot be re-encoded is kept and said "not
redacted".

	--no-redact         keep the endpoint and the CallIds as they are
	--soapaction VALUE  the raw SOAPAction header value (default: the quoted
	                    Disconnect action)
	--no-soapaction     no SOAPAction header
	--url BASE          print BASE#fragment, a whole link

	--decode            read FRAGMENT (s=1.…, #s=1.… or a whole URL) and print
	                    the request it holds
	--json              with --decode: print the whole state as JSON

Exit status: 0 on success, 1 when a link cannot be read (the message says
why), 2 for usage errors or an unreadable file.`,
}

func init() { shareCmd.run = runShare }

func runShare(e *env, args []string) int {
	fs := newFlags("share")
	noRedact := fs.Bool("no-redact", false, "")
	decode := fs.Bool("decode", false, "")
	asJSON := fs.Bool("json", false, "")
	base := fs.String("url", "", "")
	var hf headFlags
	hf.register(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return e.usageError(shareCmd, "share: %v", err)
	}
	if len(rest) != 1 {
		return e.usageError(shareCmd, "share: want exactly one %s, got %d", map[bool]string{true: "FRAGMENT", false: "FILE"}[*decode], len(rest))
	}
	if *decode {
		if *noRedact || isSet(fs, "url") || isSet(fs, "soapaction") || hf.noAction {
			return e.usageError(shareCmd, "share: --decode takes only --json")
		}
		s, _, err := share.Decode(rest[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "umplay: %v\n", err)
			return exitFound
		}
		if *asJSON {
			e.stdout.Write(append(s.JSON(), '\n'))
		} else {
			io.WriteString(e.stdout, s.Request)
		}
		return exitOK
	}
	if *asJSON {
		return e.usageError(shareCmd, "share: --json goes with --decode")
	}
	head, err := hf.head(fs)
	if err != nil {
		return e.usageError(shareCmd, "share: %v", err)
	}
	name := rest[0]
	var s state.State
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		if isSet(fs, "soapaction") || hf.noAction {
			return e.usageError(shareCmd, "share: a state file has its own SOAPAction")
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return e.errorf("share: %v", err)
		}
		if s, _, err = payload.OpenFile(b); err != nil {
			return e.errorf("share: %s: %v", name, strings.TrimPrefix(err.Error(), "share: "))
		}
	} else {
		_, text, _, err := e.readInput(name)
		if err != nil {
			return e.errorf("share: %v", err)
		}
		s = state.Default()
		s.Request = text
		s.SOAPActionPresent, s.SOAPAction = head.SOAPActionPresent, head.SOAPAction
		if !head.SOAPActionPresent {
			s.SOAPAction = state.Default().SOAPAction // the field keeps a value to re-enable
		}
	}
	l, err := share.Encode(s, share.Options{NoRedact: *noRedact})
	if err != nil {
		return e.errorf("%v", err)
	}
	for _, r := range l.Redactions {
		fmt.Fprintf(e.stderr, "umplay: share: %s\n", r)
	}
	if *base != "" {
		fmt.Fprintf(e.stdout, "%s#%s\n", strings.SplitN(*base, "#", 2)[0], l.Fragment)
	} else {
		fmt.Fprintln(e.stdout, l.Fragment)
	}
	if n := len(l.Fragment) + len(*base) + 1; n > 2000 {
		fmt.Fprintf(e.stderr, "umplay: share: the link is about %d characters; chat tools cut links over 2,000: share a state file instead\n", n)
	}
	return exitOK
}
