// Package wasmpack rewrites the data section of a WebAssembly module that Go
// linked into fewer segments, so that it compresses better.
//
// Go's wasm linker (cmd/link/internal/wasm, writeDataSec) starts a new data
// segment at every run of more than 8 zero bytes, to keep the raw module
// small: the umplay playground has ~53,000 segments. Each one costs a few
// bytes of header (flags, an i32.const offset, a length: WebAssembly core
// spec §5.5.14) that differ from each other, and brotli cannot squeeze them:
// about 60 KB of the shipped module. Pack joins segments whose gap is at most
// MaxGap bytes, writing the gap's zeros, which brotli all but erases. Memory
// starts zeroed (spec §4.5.3.9) and no other segment writes into a gap, so
// the instantiated memory is byte for byte the same.
//
// Pack only accepts what Go emits: active segments of memory 0 with an
// i32.const offset that do not overlap; it writes them in address order. Anything else is
// an error, never a guess.
package wasmpack

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
)

// MaxGap is the longest run of zeros Pack writes to join two segments. Gaps
// between Go's segments are mostly 9–24 bytes; the few long ones (bss-like
// zero regions of hundreds of KB) stay gaps. Measured on the playground:
// 53,010 segments become 20, brotli 1,031,623 → 970,625 B, raw +10 %.
const MaxGap = 64

// Stats says what Pack did.
type Stats struct {
	SegmentsIn, SegmentsOut int
	ZerosWritten            int // gap bytes now written as zeros
}

var magic = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

const (
	sectionData      = 11
	sectionDataCount = 12
)

// Segment is one active data segment: Data is written at Offset.
type Segment struct {
	Offset uint32
	Data   []byte
}

// Pack returns module with its data segments joined across gaps of at most
// maxGap zero bytes, and what it did. A module without a data section comes
// back unchanged.
func Pack(module []byte, maxGap int) ([]byte, Stats, error) {
	var st Stats
	if maxGap < 0 {
		return nil, st, errors.New("wasmpack: maxGap " + strconv.Itoa(maxGap) + " is negative")
	}
	secs, err := sections(module)
	if err != nil {
		return nil, st, err
	}
	var joined []Segment
	for _, s := range secs {
		if s.id != sectionData {
			continue
		}
		segs, err := parseData(module[s.start:s.end], s.start)
		if err != nil {
			return nil, st, err
		}
		st.SegmentsIn = len(segs)
		joined, st.ZerosWritten = join(segs, maxGap)
		st.SegmentsOut = len(joined)
	}
	out := append([]byte(nil), module[:len(magic)]...)
	for _, s := range secs {
		body := module[s.start:s.end]
		switch s.id {
		case sectionData:
			body = encodeData(joined)
		case sectionDataCount: // before the data section: its count follows the join
			n, k, err := uleb(body, 0)
			if err != nil || k != len(body) || n != uint64(st.SegmentsIn) {
				return nil, st, errors.New("wasmpack: data count section at byte " + strconv.Itoa(s.start) +
					" does not give the data section's number of segments")
			}
			body = appendULEB(nil, uint64(st.SegmentsOut))
		}
		out = append(out, s.id)
		out = appendULEB(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, st, nil
}

// Segments returns the data segments of module, in address order.
func Segments(module []byte) ([]Segment, error) {
	secs, err := sections(module)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		if s.id == sectionData {
			return parseData(module[s.start:s.end], s.start)
		}
	}
	return nil, nil
}

type section struct {
	id         byte
	start, end int // the body's bytes in the module
}

// sections splits module into its sections (spec §5.5.2).
func sections(module []byte) ([]section, error) {
	if !bytes.HasPrefix(module, magic) {
		return nil, errors.New("wasmpack: not a WebAssembly version 1 module (no \\0asm 1 header)")
	}
	var secs []section
	for i := len(magic); i < len(module); {
		id := module[i]
		n, k, err := uleb(module, i+1)
		if err != nil {
			return nil, errors.New("wasmpack: section header at byte " + strconv.Itoa(i) + ": " + err.Error())
		}
		start := i + 1 + k
		if n > uint64(len(module)-start) {
			return nil, errors.New("wasmpack: section " + strconv.Itoa(int(id)) + " at byte " + strconv.Itoa(i) +
				" is " + strconv.FormatUint(n, 10) + " bytes, past the module's end")
		}
		secs = append(secs, section{id: id, start: start, end: start + int(n)})
		i = start + int(n)
	}
	return secs, nil
}

// parseData reads a data section's body (spec §5.5.14), accepting only
// active segments of memory 0 with an i32.const offset, in order and not
// overlapping. at is the body's position in the module, for messages.
func parseData(b []byte, at int) ([]Segment, error) {
	bad := func(i int, what string) error {
		return errors.New("wasmpack: data section: " + what + " at byte " + strconv.Itoa(at+i))
	}
	count, i, err := uleb(b, 0)
	if err != nil {
		return nil, bad(0, "bad segment count")
	}
	if count > uint64(len(b)) {
		return nil, bad(0, "segment count "+strconv.FormatUint(count, 10)+" is more than the section's bytes")
	}
	segs := make([]Segment, 0, count)
	for range count {
		if i+2 > len(b) || b[i] != 0x00 || b[i+1] != 0x41 { // flags 0 (active, memory 0), i32.const
			return nil, bad(i, "a segment that is not active with an i32.const offset (not what Go links)")
		}
		off, k, err := sleb32(b, i+2)
		if err != nil {
			return nil, bad(i+2, "bad offset: "+err.Error())
		}
		i += 2 + k
		if i >= len(b) || b[i] != 0x0b {
			return nil, bad(i, "an offset expression longer than one i32.const")
		}
		i++
		n, k, err := uleb(b, i)
		if err != nil || n > uint64(len(b)-i-k) {
			return nil, bad(i, "a segment length past the section's end")
		}
		i += k
		if off < 0 || uint64(off)+n > 1<<32 {
			return nil, bad(i, "segment at offset "+strconv.FormatInt(int64(off), 10)+" of "+strconv.FormatUint(n, 10)+" bytes, outside 32-bit memory")
		}
		segs = append(segs, Segment{Offset: uint32(off), Data: b[i : i+int(n)]})
		i += int(n)
	}
	if i != len(b) {
		return nil, bad(i, strconv.Itoa(len(b)-i)+" bytes after the last segment")
	}
	// Go writes its sections' segments in section order, not address
	// order; active segments that do not overlap may go in any order.
	sort.SliceStable(segs, func(x, y int) bool { return segs[x].Offset < segs[y].Offset })
	for k := 1; k < len(segs); k++ {
		if prev := segs[k-1]; uint64(prev.Offset)+uint64(len(prev.Data)) > uint64(segs[k].Offset) {
			return nil, errors.New("wasmpack: data section at byte " + strconv.Itoa(at) + ": segments at offsets " +
				strconv.FormatUint(uint64(prev.Offset), 10) + " and " + strconv.FormatUint(uint64(segs[k].Offset), 10) + " overlap")
		}
	}
	return segs, nil
}

// join merges segments whose gap is at most maxGap, writing zeros in the
// gaps; it returns the segments and how many zeros it wrote.
func join(segs []Segment, maxGap int) ([]Segment, int) {
	var out []Segment
	zeros := 0
	for _, s := range segs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			gap := int(s.Offset) - (int(last.Offset) + len(last.Data))
			if gap <= maxGap {
				last.Data = append(append(last.Data, make([]byte, gap)...), s.Data...)
				zeros += gap
				continue
			}
		}
		out = append(out, Segment{Offset: s.Offset, Data: append([]byte(nil), s.Data...)})
	}
	return out, zeros
}

func encodeData(segs []Segment) []byte {
	b := appendULEB(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0x00, 0x41)
		b = appendSLEB(b, int64(int32(s.Offset)))
		b = append(b, 0x0b)
		b = appendULEB(b, uint64(len(s.Data)))
		b = append(b, s.Data...)
	}
	return b
}

// uleb reads an unsigned LEB128 of at most 64 bits at b[i:], returning the
// value and its length.
func uleb(b []byte, i int) (uint64, int, error) {
	var v uint64
	for k := 0; k < 10; k++ {
		if i+k >= len(b) {
			return 0, 0, errors.New("LEB128 number cut off by the end")
		}
		c := b[i+k]
		v |= uint64(c&0x7f) << (7 * k)
		if c < 0x80 {
			return v, k + 1, nil
		}
	}
	return 0, 0, errors.New("LEB128 number longer than 10 bytes")
}

// sleb32 reads a signed LEB128 of at most 32 bits (i32.const's immediate).
func sleb32(b []byte, i int) (int32, int, error) {
	var v int64
	for k := 0; k < 5; k++ {
		if i+k >= len(b) {
			return 0, 0, errors.New("LEB128 number cut off by the end")
		}
		c := b[i+k]
		v |= int64(c&0x7f) << (7 * k)
		if c < 0x80 {
			if shift := 7 * (k + 1); shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			if v < -1<<31 || v > 1<<31-1 {
				return 0, 0, errors.New("i32 offset out of range")
			}
			return int32(v), k + 1, nil
		}
	}
	return 0, 0, errors.New("LEB128 number longer than 5 bytes")
}

func appendULEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
