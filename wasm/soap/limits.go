package soap

// Limits on what Check, Format and the parser accept.
const (
	MaxBytes = 5 << 20 // input size in bytes
	MaxDepth = 256     // element nesting
	MaxAttrs = 256     // attributes on one element
	// MaxKids is how many element children of one element are built into
	// the tree; the rest are checked for well-formedness and counted only
	// (a request needs a handful).
	MaxKids = 1000
)
