package soap

import "sort"

// SafeFix tells whether d's quick fix only repairs — a namespace, a name's
// case, the CallId's base64, the SOAPAction, a declaration — without
// removing anything the author wrote (an element, a header, an attribute,
// what follows the Envelope) or inserting a placeholder the author must
// still fill in (an empty <CallId>): the fixes "Fix all" applies.
func SafeFix(d Diagnostic) bool {
	if d.Fix == nil {
		return false
	}
	switch d.Code {
	case "envelope-namespace", "operation-namespace", "operation-case", "operation-ews", "operation-mismatch",
		"child-unqualified", "child-namespace", "child-nil", "child-type", "greetingtype-invalid",
		"callid-base64-char", "callid-base64-padding", "callid-whitespace",
		"soapaction-missing", "soapaction-unknown", "soapaction-unquoted", "soapaction-encoded",
		"xml-declaration-missing", "xml-encoding":
		return true
	case "child-unknown":
		// Only the rename of a wrong-case child; removing one is not safe.
		return d.Fix.Text != ""
	}
	return false
}

// FixAll applies every safe fix (SafeFix) of body and head, re-checking
// after each round (a repair can reveal the next problem), at most four
// rounds. It returns the new body, the new head and how many fixes it
// applied; body and head are unchanged when none applies.
func FixAll(body string, head Head) (string, Head, int) {
	n := 0
	for round := 0; round < 4; round++ {
		rep := Check(body, head)
		var fixes []Fix
		var action *Fix
		for _, d := range rep.Diagnostics {
			if !SafeFix(d) {
				continue
			}
			if d.Fix.Field == FieldSOAPAction {
				if action == nil {
					action = d.Fix
				}
				continue
			}
			fixes = append(fixes, *d.Fix)
		}
		if len(fixes) == 0 && action == nil {
			break
		}
		lines := NewLines(body)
		var edits []edit
		for _, f := range fixes {
			s, ok1 := lines.Offset(f.Start)
			e, ok2 := lines.Offset(f.End)
			if ok1 && ok2 && s <= e {
				edits = append(edits, edit{s, e, f.Text})
			}
		}
		// Non-overlapping, first come first kept, applied from the end.
		sort.Stable(editsByStart(edits))
		kept := edits[:0]
		last := -1
		for _, e := range edits {
			if e.start >= last && !(e.start == e.end && e.start == last) {
				kept = append(kept, e)
				last = e.end
			}
		}
		for i := len(kept) - 1; i >= 0; i-- {
			e := kept[i]
			body = body[:e.start] + e.text + body[e.end:]
			n++
		}
		if action != nil {
			head.SOAPActionPresent = true
			head.SOAPAction = action.Text
			n++
		}
	}
	return body, head, n
}

// edit is a Fix as byte offsets into the body.
type edit struct {
	start, end int
	text       string
}

// editsByStart orders edits by start for sort.Stable (see candsByStart).
type editsByStart []edit

func (s editsByStart) Len() int           { return len(s) }
func (s editsByStart) Less(i, j int) bool { return s[i].start < s[j].start }
func (s editsByStart) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
