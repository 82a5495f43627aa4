package main

import (
	"crypto/rand"
	"io"
	"slices"
	"strings"

	"umplay/wasm/callid"
	"umplay/wasm/soap"
	"umplay/wasm/umsim"
)

var buildCmd = &command{
	name:    "build",
	summary: "print a correct request envelope",
	usage: "build (--call-id ID | --guid G --host H | --new [--host H]) [--op OP]\n" +
		"             [--entry-id X] [--dial S] [--greeting T] [--status B] [--folder-id F]\n" +
		"             [--prefix] [--no-decl] [--indent N]",
	help: `Build prints a SOAP 1.1 request envelope for the UM web service.

	--op OP        the operation: Disconnect (default), GetCallInfo,
	               PlayOnPhone, PlayOnPhoneGreeting, or one of the mailbox
	               settings operations GetUMProperties, IsUMEnabled,
	               ResetPIN, SetMissedCallNotificationEnabled, SetOofStatus,
	               SetPlayOnPhoneDialString, SetTelephoneAccessFolderEmail

Disconnect and GetCallInfo take a CallId, given in one of three ways:

	--call-id ID   this CallId, as is
	--guid G --host H
	               the CallId the server makes of GUID G and host H:
	               base64 of "G@H"
	--new          a fresh CallId: a random version 4 GUID (crypto/rand) at
	               --host H (default ` + umsim.DefaultHost + `, the
	               simulated server)

PlayOnPhone takes --entry-id X (the base64 EntryID of the message) and
--dial S (the number to call); PlayOnPhoneGreeting takes --greeting T
(NormalCustom or OofCustom) and --dial S. SetOofStatus and
SetMissedCallNotificationEnabled take --status B (true or false),
SetPlayOnPhoneDialString --dial S, SetTelephoneAccessFolderEmail
--folder-id F (a base64 folder id). A flag the operation does not take is
a usage error.

	--prefix       put the operation in a prefixed namespace (m:Disconnect)
	               instead of a default namespace
	--no-decl      leave out the XML declaration
	--indent N     indent N spaces per level (default 2); 0 writes the
	               envelope on one line

Exit status: 0, or 2 for usage errors and options Build refuses.`,
}

func init() { buildCmd.run = runBuild }

func runBuild(e *env, args []string) int {
	fs := newFlags("build")
	op := fs.String("op", string(soap.Disconnect), "")
	id := fs.String("call-id", "", "")
	guid := fs.String("guid", "", "")
	host := fs.String("host", "", "")
	fresh := fs.Bool("new", false, "")
	entry := fs.String("entry-id", "", "")
	dial := fs.String("dial", "", "")
	greeting := fs.String("greeting", "", "")
	status := fs.String("status", "", "")
	folder := fs.String("folder-id", "", "")
	prefix := fs.Bool("prefix", false, "")
	noDecl := fs.Bool("no-decl", false, "")
	indent := fs.Int("indent", len(soap.DefaultIndent), "")
	rest, err := parse(fs, args)
	if err != nil {
		return e.usageError(buildCmd, "build: %v", err)
	}
	if len(rest) != 0 {
		return e.usageError(buildCmd, "build: unexpected argument %q", rest[0])
	}
	operation, ok := soap.ParseOperation(*op)
	if !ok {
		return e.usageError(buildCmd, "build: unknown operation %q, want one of %s", *op, opList())
	}
	if *indent < 0 || *indent > 16 {
		return e.usageError(buildCmd, "build: --indent is %d, want 0 to 16", *indent)
	}

	// Which flags the operation takes follows from its children.
	children := operation.Children()
	takes := map[string][]string{ // flag → the child elements it fills
		"call-id": {"CallId"}, "guid": {"CallId"}, "host": {"CallId"}, "new": {"CallId"},
		"entry-id": {"entryId"}, "dial": {"DialString", "dialString"}, "greeting": {"GreetingType"},
		"status": {"status"}, "folder-id": {"base64FolderID"},
	}
	for _, name := range []string{"call-id", "guid", "host", "new", "entry-id", "dial", "greeting", "status", "folder-id"} {
		if isSet(fs, name) && !slices.ContainsFunc(takes[name], func(c string) bool { return slices.Contains(children, c) }) {
			return e.usageError(buildCmd, "build: %s takes no --%s", operation, name)
		}
	}

	opts := soap.BuildOptions{
		Operation:    operation,
		EntryID:      *entry,
		DialString:   *dial,
		GreetingType: *greeting,
		Status:       *status,
		FolderID:     *folder,
		Prefix:       *prefix,
		OmitDecl:     *noDecl,
		Indent:       strings.Repeat(" ", *indent),
	}
	if slices.Contains(children, "CallId") {
		modes := 0
		for _, given := range []bool{isSet(fs, "call-id"), isSet(fs, "guid"), *fresh} {
			if given {
				modes++
			}
		}
		switch {
		case modes == 0:
			return e.usageError(buildCmd, "build: %s needs a CallId: give --call-id, --guid and --host, or --new", operation)
		case modes > 1:
			return e.usageError(buildCmd, "build: --call-id, --guid and --new exclude each other")
		}
		switch {
		case isSet(fs, "call-id"):
			if isSet(fs, "host") {
				return e.usageError(buildCmd, "build: --host goes with --guid or --new, not --call-id")
			}
			opts.CallID = *id
		case isSet(fs, "guid"):
			if !isSet(fs, "host") {
				return e.usageError(buildCmd, "build: --guid needs --host")
			}
			opts.GUID, opts.Host = *guid, *host
		case *fresh:
			h := *host
			if !isSet(fs, "host") {
				h = umsim.DefaultHost
			}
			id, err := callid.New(h, rand.Reader)
			if err != nil {
				return e.errorf("build: %v", err)
			}
			opts.CallID = id
		}
	}
	out, err := soap.Build(opts)
	if err != nil {
		return e.errorf("build: %v", err)
	}
	io.WriteString(e.stdout, out)
	return exitOK
}

func opList() string {
	names := make([]string, len(soap.Operations))
	for i, op := range soap.Operations {
		names[i] = string(op)
	}
	return strings.Join(names, ", ")
}
