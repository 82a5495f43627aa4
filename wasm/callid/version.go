package callid

import (
	"strconv"

	"umplay/wasm/msg"
)

// VersionText names the version of r's GUID for display in language l,
// "4 (random)": the versions of RFC 4122 §4.1.3 (1–5) and RFC 9562 §4.2
// (6–8), which obsoletes it, are named by the catalogs' "ui.guid.vN"; a
// version without a name is its number alone, and a result without a GUID
// gives "".
func VersionText(r Result, l msg.Lang) string {
	if r.GUID == "" {
		return ""
	}
	v := strconv.Itoa(r.Version)
	if r.Version >= 1 && r.Version <= 8 {
		return v + " (" + msg.Text(l, "ui.guid.v"+v) + ")"
	}
	return v
}
