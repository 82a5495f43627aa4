package msg

// Part is a piece of a page text whose {0}, {1}… name the element's own
// child elements (a <kbd>, a <code>): literal text, or the slot of a child.
type Part struct {
	Text string // the literal text when Slot < 0
	Slot int    // the child's index for {N}, or -1
}

// Parts splits a page text at its {0}…{9} slots, in order. Anything else in
// braces is literal text.
func Parts(text string) []Part {
	var parts []Part
	lit := 0 // start of the pending literal
	for i := 0; i+2 < len(text); i++ {
		if text[i] != '{' || text[i+2] != '}' || text[i+1] < '0' || text[i+1] > '9' {
			continue
		}
		if i > lit {
			parts = append(parts, Part{Text: text[lit:i], Slot: -1})
		}
		parts = append(parts, Part{Slot: int(text[i+1] - '0')})
		lit = i + 3
		i += 2
	}
	if lit < len(text) {
		parts = append(parts, Part{Text: text[lit:], Slot: -1})
	}
	return parts
}
