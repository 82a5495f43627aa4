package callid_test

import (
	"bytes"
	"fmt"

	"umplay/wasm/callid"
)

func ExampleDecode() {
	r := callid.Decode("MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=")
	fmt.Println(r.OK, r.GUID, r.Host)
	fmt.Printf("version %d, variant %s\n", r.Version, r.Variant)
	// Output:
	// true 09df9edc-4e23-4709-bdaf-7be20cb0ae56 df-eum-01.exchange.corp.microsoft.com
	// version 4, variant RFC 4122
}

// A CallId copied without its padding: the problem is an insertion point.
func ExampleDecode_problems() {
	r := callid.Decode(" MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20")
	fmt.Println(r.OK)
	for _, p := range r.Problems {
		fmt.Printf("%s %s [%d,%d): %s\n", p.Severity, p.Code, p.Offset, p.End, p.Message)
	}
	// Output:
	// false
	// warning whitespace [0,1): whitespace " " before the CallId at offset 0; the server skips it, but remove it
	// error base64-padding [100,100): the CallId lacks its '=' padding: add = at offset 100
}

func ExampleEncode() {
	id, err := callid.Encode("413B136C-E16F-452E-B7C7-48D117017B9F", "df-eum-01.exchange.corp.microsoft.com")
	fmt.Println(id, err)
	// Output:
	// NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20= <nil>
}

func ExampleNew() {
	// Tests and the simulator fix the randomness; the page passes crypto/rand.Reader.
	random := bytes.NewReader([]byte{0x20, 0x81, 0x49, 0x2b, 0x10, 0xfd, 0x0d, 0xaf, 0x0b, 0x31, 0x49, 0xe4, 0x2c, 0x3f, 0x72, 0x21})
	id, err := callid.New("um01.contoso.com", random)
	fmt.Println(id, err)
	fmt.Println(callid.Decode(id).Decoded)
	// Output:
	// MjA4MTQ5MmItMTBmZC00ZGFmLThiMzEtNDllNDJjM2Y3MjIxQHVtMDEuY29udG9zby5jb20= <nil>
	// 2081492b-10fd-4daf-8b31-49e42c3f7221@um01.contoso.com
}

func ExampleNewGUID() {
	g, err := callid.NewGUID(bytes.NewReader(make([]byte, 16)))
	fmt.Println(g, err)
	// Output:
	// 00000000-0000-4000-8000-000000000000 <nil>
}

func ExampleRepair() {
	fixed, ok := callid.Repair("MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBh\n  ZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20")
	fmt.Println(fixed, ok)
	// Output:
	// MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20= true
}
