package callid

import "strconv"

// versionNames are the GUID versions of RFC 4122 §4.1.3 (1–5) and RFC 9562
// §4.2 (6–8), which obsoletes it.
var versionNames = [...]string{1: "time-based", 2: "DCE security", 3: "name-based, MD5", 4: "random",
	5: "name-based, SHA-1", 6: "reordered time", 7: "Unix time", 8: "custom"}

// VersionText names the version of r's GUID for display, "4 (random)"; a
// version without a name is its number alone, and a result without a GUID
// gives "".
func VersionText(r Result) string {
	if r.GUID == "" {
		return ""
	}
	v := strconv.Itoa(r.Version)
	if r.Version > 0 && r.Version < len(versionNames) {
		return v + " (" + versionNames[r.Version] + ")"
	}
	return v
}
