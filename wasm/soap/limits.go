package soap

// Limits on what Check, Format and the parser accept.
const (
	MaxBytes = 5 << 20 // input size in bytes
	MaxDepth = 256     // element nesting
	MaxAttrs = 256     // attributes on one element
)
