package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"umplay/wasm/soap"
)

// newFlags returns a silent flag set; parse reports its errors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args against fs, allowing flags before, between and after the
// positional arguments. A flag is -name or --name; a value is given as
// --name=value or --name value (booleans only take the = form). "--" ends the
// flags; a lone "-" is a positional argument (stdin).
func parse(fs *flag.FlagSet, args []string) (positional []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(positional, args[i+1:]...), nil
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		value, hasValue := "", false
		if k := strings.IndexByte(name, '='); k >= 0 {
			name, value, hasValue = name[:k], name[k+1:], true
		}
		f := fs.Lookup(name)
		if f == nil || name == "" {
			return nil, fmt.Errorf("unknown flag %s", a)
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 == len(args) {
				return nil, fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			value = args[i]
		}
		if err := fs.Set(name, value); err != nil {
			return nil, fmt.Errorf("invalid value %q for flag --%s: %v", value, name, err)
		}
	}
	return positional, nil
}

// isSet tells whether the flag name was given.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// headFlags are --soapaction VALUE and --no-soapaction.
type headFlags struct {
	action   string
	noAction bool
}

func (h *headFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&h.action, "soapaction", "", "")
	fs.BoolVar(&h.noAction, "no-soapaction", false, "")
}

// head is the request head the flags describe: by default the quoted
// Disconnect action (soap.DefaultHead).
func (h *headFlags) head(fs *flag.FlagSet) (soap.Head, error) {
	switch set := isSet(fs, "soapaction"); {
	case set && h.noAction:
		return soap.Head{}, errors.New("--soapaction and --no-soapaction exclude each other")
	case set:
		return soap.Head{SOAPActionPresent: true, SOAPAction: h.action}, nil
	case h.noAction:
		return soap.Head{}, nil
	}
	return soap.DefaultHead(), nil
}

// stdinName is how diagnostics name standard input ("-" on the command line).
const stdinName = "<stdin>"

// readBytes reads the file name, or standard input for "-": at most
// soap.MaxBytes+1 bytes, enough for the size check to refuse what is longer
// (umplay check /dev/zero ends).
func (e *env) readBytes(name string) ([]byte, error) {
	r := e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory", name)
		}
		if err == nil && fi.Mode().IsRegular() && fi.Size() <= soap.MaxBytes {
			// One read for the whole file, one to see its end.
			b := make([]byte, 0, fi.Size()+1)
			buf := bytes.NewBuffer(b)
			_, err := buf.ReadFrom(io.LimitReader(f, soap.MaxBytes+1))
			return buf.Bytes(), err
		}
		r = f
	}
	return io.ReadAll(io.LimitReader(r, soap.MaxBytes+1))
}

// readInput reads an input as readBytes does and decodes its text
// (soap.DecodeText). It returns the name to show the user; a *soap.TextError
// says the bytes are not text.
func (e *env) readInput(name string) (shown string, text string, enc soap.Encoding, err error) {
	shown = name
	if name == "-" {
		shown = stdinName
	}
	b, err := e.readBytes(name)
	if err != nil {
		return shown, "", soap.UTF8, err
	}
	text, terr := soap.DecodeText(b)
	if terr != nil {
		return shown, "", soap.UTF8, terr
	}
	return shown, text, soap.Sniff(b), nil
}

// writeBytes replaces the contents of name, keeping its permissions: it
// writes a temporary file beside it and renames it over, so that a failure
// leaves the file as it was.
func writeBytes(name string, b []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".umplay-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
