// Package clock writes the times the page shows — the history's and the
// call table's "15:04:05" and the <time> element's RFC 3339 dateTime
// (RFC 3339 §5.6) — byte for byte as time.Time.Format writes them, without
// linking Format: its layout interpreter costs the browser program about
// 60 KB of code for two fixed layouts.
package clock

import (
	"strconv"
	"time"
)

// HMS is t.Format("15:04:05"): the hour, minute and second of t in its
// location.
func HMS(t time.Time) string {
	h, m, s := t.Clock()
	return string(appendHMS(make([]byte, 0, 8), h, m, s))
}

// RFC3339 is t.Format(time.RFC3339): "2006-01-02T15:04:05Z07:00", with "Z"
// for a zero offset, the offset's seconds dropped, and the year written with
// at least four digits (a sign before a negative one) as Format writes it.
func RFC3339(t time.Time) string {
	b := make([]byte, 0, 25)
	year, month, day := t.Date()
	b = appendInt(b, year, 4)
	b = append(b, '-')
	b = appendInt(b, int(month), 2)
	b = append(b, '-')
	b = appendInt(b, day, 2)
	b = append(b, 'T')
	h, m, s := t.Clock()
	b = appendHMS(b, h, m, s)
	_, offset := t.Zone()
	if offset == 0 {
		return string(append(b, 'Z'))
	}
	zone := offset / 60 // minutes, truncated toward zero as Format does
	if zone < 0 {
		b = append(b, '-')
		zone = -zone
	} else {
		b = append(b, '+')
	}
	b = appendInt(b, zone/60, 2)
	b = append(b, ':')
	b = appendInt(b, zone%60, 2)
	return string(b)
}

func appendHMS(b []byte, h, m, s int) []byte {
	b = appendInt(b, h, 2)
	b = append(b, ':')
	b = appendInt(b, m, 2)
	b = append(b, ':')
	return appendInt(b, s, 2)
}

// appendInt writes n in decimal with at least width digits, zero-padded
// after the sign, as the time package's own appendInt does.
func appendInt(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	d := strconv.Itoa(n)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}
