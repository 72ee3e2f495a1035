package httpapi

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

// This file holds the pieces of the answers written by appending bytes
// (issue 15, item 1): a JSON string escaper that gives exactly what
// encoding/json gives, money and dates appended without MarshalText, and
// caches of the text that does not change from one answer to the next
// (citations, messages, the display of rates). The answers they write are
// byte-identical to writeJSON's (encode_test.go compares them over every
// case of testdata and over fuzzed requests).

const hexDigits = "0123456789abcdef"

// jsonSafe[b] is true for the ASCII bytes encoding/json copies as they are
// with SetEscapeHTML(false); jsonHTMLSafe[b] for those it copies with HTML
// escaping on (its default): the same less <, > and &.
var jsonSafe, jsonHTMLSafe = func() (safe, html [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\'
		html[b] = safe[b] && b != '<' && b != '>' && b != '&'
	}
	return
}()

// appendJSONString appends s as a JSON string, escaped exactly as
// encoding/json escapes it: \" \\ \b \f \n \r \t, other control characters
// as \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 always escaped, and
// <, > and & as \u003c, \u003e and \u0026 when html is true (json.Marshal)
// but not when it is false (an Encoder with SetEscapeHTML(false), as the
// answers are written).
func appendJSONString(b []byte, s string, html bool) []byte {
	safe := &jsonSafe
	if html {
		safe = &jsonHTMLSafe
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendStr appends s as the answers write a string (no HTML escaping).
func appendStr(b []byte, s string) []byte { return appendJSONString(b, s, false) }

// appendVND appends v as encoding/json writes a credit.VND: its text (the
// whole number of đồng) as a string.
func appendVND(b []byte, v credit.VND) []byte {
	b = append(b, '"')
	b = strconv.AppendInt(b, int64(v), 10)
	return append(b, '"')
}

// appendDate appends d as encoding/json writes a credit.Date: "YYYY-MM-DD",
// or "" for the zero Date.
func appendDate(b []byte, d credit.Date) []byte {
	b = append(b, '"')
	b, _ = d.AppendText(b)
	return append(b, '"')
}

// appendOptDate appends d, or null when d is zero (a *credit.Date from
// optDate).
func appendOptDate(b []byte, d credit.Date) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	return appendDate(b, d)
}

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// cowCache is a small cache read without locks: a map replaced whole
// (copied) on each store, so that readers load it with one atomic read. It
// holds at most maxCached entries; a store into a full cache starts it
// again, so that a cache filled by something unexpected (texts that change
// every request) costs memory within bounds and does not stay full of
// stale entries. Its entries are values checked on every hit (see the
// callers): a key is a way to find an entry fast, not a promise that the
// value behind it has not changed.
type cowCache[K comparable, V any] struct {
	mu sync.Mutex
	m  atomic.Pointer[map[K]V]
}

const maxCached = 512

func (c *cowCache[K, V]) load(k K) (V, bool) {
	if m := c.m.Load(); m != nil {
		v, ok := (*m)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

func (c *cowCache[K, V]) store(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n map[K]V
	if old := c.m.Load(); old != nil && len(*old) < maxCached {
		n = make(map[K]V, len(*old)+1)
		for k, v := range *old {
			n[k] = v
		}
	} else {
		n = make(map[K]V, 1)
	}
	n[k] = v
	c.m.Store(&n)
}

// encodedCitation is a citation's object as encoding/json writes a
// citationJSON, with the value it was written from.
type encodedCitation struct {
	c   credit.Citation
	enc []byte
}

// encodedText is a message's two fields, "message_vi":…,"message_en":…,
// with the value they were written from.
type encodedText struct {
	t   credit.Text
	enc []byte
}

// The caches are keyed by the address of the value (citations and messages
// are the book's and the rules' static data, shared by every answer) and
// hold a copy of the value with its encoding: a hit is used only when the
// value is still the same (comparing strings that share their bytes costs
// a pointer comparison). A book replaced through Options, or a value
// changed in place, is encoded again, never answered from the old text.
// Holding the key keeps its memory alive, so an address is not reused for
// another value while it is cached.
var (
	citationCache cowCache[*credit.Citation, *encodedCitation]
	textCache     cowCache[*credit.Text, *encodedText]
	rateCache     cowCache[credit.Rate, *rateText]
)

// appendCitation appends c as encoding/json writes citation(c).
func appendCitation(b []byte, c *credit.Citation) []byte {
	if e, ok := citationCache.load(c); ok && e.c == *c {
		return append(b, e.enc...)
	}
	e := &encodedCitation{c: *c}
	e.enc = encodeCitation(nil, &e.c)
	citationCache.store(c, e)
	return append(b, e.enc...)
}

func encodeCitation(b []byte, c *credit.Citation) []byte {
	b = append(b, `{"instrument":`...)
	b = appendStr(b, c.Instrument)
	if c.Year != 0 {
		b = append(b, `,"year":`...)
		b = appendInt(b, int64(c.Year))
	}
	if c.Article != 0 {
		b = append(b, `,"article":`...)
		b = appendInt(b, int64(c.Article))
	}
	if c.Clause != 0 {
		b = append(b, `,"clause":`...)
		b = appendInt(b, int64(c.Clause))
	}
	if c.Point != "" {
		b = append(b, `,"point":`...)
		b = appendStr(b, c.Point)
	}
	b = append(b, `,"text":`...)
	b = appendStr(b, c.Text)
	b = append(b, `,"text_en":`...)
	b = appendStr(b, c.TextEN)
	if c.Note != "" {
		b = append(b, `,"note":`...)
		b = appendStr(b, c.Note)
	}
	return append(b, '}')
}

// appendMessage appends "message_vi":…,"message_en":… for t.
func appendMessage(b []byte, t *credit.Text) []byte {
	if e, ok := textCache.load(t); ok && e.t == *t {
		return append(b, e.enc...)
	}
	e := &encodedText{t: *t}
	e.enc = append(e.enc, `"message_vi":`...)
	e.enc = appendStr(e.enc, t.VI)
	e.enc = append(e.enc, `,"message_en":`...)
	e.enc = appendStr(e.enc, t.EN)
	textCache.store(t, e)
	return append(b, e.enc...)
}

// rateText is the display of a rate as the answers write it
// (decimal.Decimal's String of its monthly and yearly percentages), each
// already a JSON string.
type rateText struct {
	monthly, yearly []byte
}

// rateOf returns r's display, computed once per rate value.
func rateOf(r credit.Rate) *rateText {
	if t, ok := rateCache.load(r); ok {
		return t
	}
	t := &rateText{
		monthly: appendStr(nil, r.MonthlyPct().String()),
		yearly:  appendStr(nil, r.YearlyPct().String()),
	}
	rateCache.store(r, t)
	return t
}

// answerBuffers recycles the buffers answers are written into.
var answerBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxPooledAnswer bounds the buffers kept for reuse: a larger one (a very
// long statement) is left to the collector.
const maxPooledAnswer = 256 << 10

// Header values of the JSON answers, shared by every answer and never
// modified (Header().Set would allocate a slice for each).
var (
	hdrJSON    = []string{"application/json; charset=utf-8"}
	hdrNoSniff = []string{"nosniff"}
)

// writeAnswer writes a 200 JSON answer built by fill into a pooled buffer.
// It sets the headers writeJSON sets and writes the body in one Write, as
// json.Encoder does, so that the framing (Content-Length or chunks) is the
// same too.
func writeAnswer(w http.ResponseWriter, fill func([]byte) []byte) {
	bp := answerBuffers.Get().(*[]byte)
	b := fill((*bp)[:0])
	h := w.Header()
	h["Content-Type"] = hdrJSON
	h["X-Content-Type-Options"] = hdrNoSniff
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	if cap(b) <= maxPooledAnswer {
		*bp = b
		answerBuffers.Put(bp)
	}
}
