// Package callid decodes, checks, builds and repairs the CallId of the
// Exchange Unified Messaging web service: the call identifier that
// PlayOnPhone (MS-OXWUMS 3.1.4.8) and PlayOnPhoneGreeting (3.1.4.9) return
// and that Disconnect takes (MS-OXWUMS 3.1.4.1.2.1).
//
// The specification treats a CallId as an opaque xs:string. Every published
// example is base64 (RFC 4648 §4: standard alphabet, '=' padding) of the
// ASCII text "<GUID>@<UM server FQDN>", where the GUID is an RFC 4122
// version 4 GUID written 8-4-4-4-12 in lower case:
//
//	MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=
//	09df9edc-4e23-4709-bdaf-7be20cb0ae56@df-eum-01.exchange.corp.microsoft.com
//
// The server decodes with the rules of .NET Convert.FromBase64String: space,
// tab, CR and LF are skipped anywhere; the length without them must be a
// multiple of 4; '=' may only end the text, at most two of them; the
// URL-safe alphabet ('-', '_') is not accepted. Unused trailing bits that
// are not zero ("QR==" for "A") are accepted, as the .NET Framework that
// Exchange runs on accepts them (.NET 9 rejects them: dotnet/runtime#105262).
//
// Decode reports every problem it finds, each with a stable code, a severity
// and a half-open byte range [Offset, End) in the raw CallId. Problems about
// decoded bytes point at the base64 characters that carry those bytes: byte i
// of the decoded text is made of characters 4*(i/3)+i%3 and the one after it,
// counted without whitespace. An "error" means the server answers with the
// InvalidCallIdException fault; a "warning" means it accepts the CallId but a
// careful developer should look.
//
//	code            severity  meaning
//	empty           error     nothing but whitespace
//	whitespace      warning   a run of whitespace inside or around the CallId (the server skips it)
//	base64-char     error     a character outside the standard base64 alphabet, URL-safe '-'/'_' included
//	base64-padding  error     '=' padding is missing: Offset == End is where it goes
//	base64-length   error     the length cannot be fixed by padding (4n+1 characters), '=' in the
//	                          middle, or more '=' than the length needs
//	not-ascii       error     decoded bytes that are not printable ASCII
//	format          error     the decoded text is not <GUID>@<host>: no '@', more than one, nothing
//	                          before or after it, a space in it
//	guid            error     the part before '@' is not a GUID in 8-4-4-4-12 hex form (any case)
//	guid-version    warning   the GUID is not RFC 4122 version 4, variant 10xx
//	host            warning   the host is not a plausible FQDN (RFC 1035 labels, at least one dot)
//	more            either    the last problem, when more were found than listed: how many of each code
//	                          were left out; severity of the worst of them, range from the first to the last
//
// Decode lists at most MaxPerCode (100) problems of one code and MaxProblems
// (1,000) in all, in the order it finds them, then the "more" summary; the
// first error in offset order is always listed. OK and Result.Errors and
// Result.Warnings count every problem. Time and memory are linear in the
// input (about 5 bytes per base64 character, plus the decoded text), and no
// message quotes more than 60 bytes of it.
//
// Preview and Marks bound what a page shows of a huge CallId: the start of
// the decoded text with control and format characters escaped, and the start
// of the raw text cut into pieces by the problems over them.
//
// Problems after a base64 error are not looked for: the decoded text exists
// only once the base64 is valid. Repair applies the mechanical fixes
// (whitespace, URL-safe alphabet, missing padding) so the page can offer them.
//
// Encode, New and NewGUID build CallIds the way the server does; randomness
// comes from an io.Reader so that tests and the simulator are deterministic.
package callid
