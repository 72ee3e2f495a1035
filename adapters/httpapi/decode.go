package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

// Codes of the adapter's own problems.
const (
	codeUnknownField = "unknown_field"
	codeTrailingData = "trailing_data"
	codeSyntax       = "invalid_json"
	codeEmpty        = "empty_body"
)

var (
	msgEmpty = credit.Text{
		VI: "Yêu cầu không có nội dung; gửi một đối tượng JSON.",
		EN: "The request has no body; send a JSON object.",
	}
	msgSyntax = credit.Text{
		VI: "Nội dung không phải JSON hợp lệ.",
		EN: "The body is not valid JSON.",
	}
	msgTrailing = credit.Text{
		VI: "Sau đối tượng JSON còn dữ liệu thừa.",
		EN: "There is data after the JSON object.",
	}
	msgUnknownField = credit.Text{
		VI: "Trường này không có trong hợp đồng API (api-v1); kiểm tra tên trường (chữ thường, dấu gạch dưới).",
		EN: "This field is not in the API contract (api-v1); check its name (snake_case).",
	}
	msgUnknownFields = credit.Text{
		VI: "Yêu cầu có trường không có trong hợp đồng API; xem danh sách lỗi.",
		EN: "The request has fields that are not in the API contract; see the list of errors.",
	}
	msgExpectObject = credit.Text{
		VI: "Sai kiểu dữ liệu: cần một đối tượng JSON.",
		EN: "Wrong type: a JSON object is expected.",
	}
	msgExpectArray = credit.Text{
		VI: "Sai kiểu dữ liệu: cần một mảng JSON.",
		EN: "Wrong type: a JSON array is expected.",
	}
	msgExpectBool = credit.Text{
		VI: "Sai kiểu dữ liệu: cần true, false hoặc null (chưa rõ).",
		EN: "Wrong type: true, false or null (unknown) is expected.",
	}
	msgExpectString = credit.Text{
		VI: "Sai kiểu dữ liệu: cần một chuỗi ký tự.",
		EN: "Wrong type: a string is expected.",
	}
	msgExpectInteger = credit.Text{
		VI: "Cần một số nguyên.",
		EN: "A whole number is expected.",
	}
)

// decodeBody reads the request body (bounded by the server's limit), skips
// a leading UTF-8 byte-order mark, and decodes it strictly into v, whose
// leaves are json.RawMessage. Text that is
// not JSON, an empty body, trailing data and unknown fields are a 400
// (errBadJSON); field names match exactly, not case-insensitively as
// encoding/json would. JSON of the wrong shape where an object belongs
// (including a body that is an array or a number) breaks the contract: a
// 422. The slow diagnosis runs only when the fast path fails.
func decodeBody(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err // *http.MaxBytesError → 413
	}
	return decodeJSON(body, v)
}

// decodeJSON is decodeBody's decoding, of a body already read.
func decodeJSON(body []byte, v any) error {
	// A UTF-8 byte-order mark, as Windows tools write, is not part of the
	// JSON text (RFC 8259 §8.1 lets a parser ignore it).
	body = bytes.TrimPrefix(body, utf8BOM)
	if len(bytes.TrimSpace(body)) == 0 {
		return &requestError{sentinel: errBadJSON, msg: msgEmpty, items: credit.Problems{{Code: codeEmpty, Message: msgEmpty}}}
	}
	if jsonValues(body, MaxJSONValues) > MaxJSONValues {
		return errTooManyValues
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
			return &requestError{sentinel: errBadJSON, msg: msgTrailing, items: credit.Problems{{Code: codeTrailingData, Message: msgTrailing}}}
		}
		if keysExact(body, fieldNames(reflect.TypeOf(v))) {
			return nil
		}
	}
	return diagnose(body, reflect.TypeOf(v))
}

var utf8BOM = []byte("\ufeff")

// MaxJSONValues bounds the objects and list elements of a JSON body (413
// beyond): decoded, each costs a few hundred bytes, so that a body of
// "[{},{},…]" within the byte limit could otherwise cost gigabytes. A loan
// or a list row counts two (the object and the list element): a list of
// forms.MaxRows rows fits; a JSON loan book holds at most about 125,000
// loans — a larger one comes as the bank's CSV file, read as a stream.
const MaxJSONValues = 250_000

// errTooManyValues: a JSON body with more than MaxJSONValues values.
var errTooManyValues = errors.New("httpapi: too many values in the JSON body")

// jsonValues counts the objects and the list elements of body, a JSON text
// or not, stopping once the count passes limit. Strings are skipped, so
// that a brace inside a name is not counted.
func jsonValues(body []byte, limit int) int {
	n := 0
	var arrays []bool // for each open container: whether it is an array
	inString, escaped := false, false
	for i := 0; i < len(body) && n <= limit; i++ {
		c := body[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{':
			n++
			arrays = append(arrays, false)
		case '[':
			arrays = append(arrays, true)
			if j := skipSpace(body, i+1); j < len(body) && body[j] != ']' {
				n++ // the first element
			}
		case '}', ']':
			if len(arrays) > 0 {
				arrays = arrays[:len(arrays)-1]
			}
		case ',':
			if len(arrays) > 0 && arrays[len(arrays)-1] {
				n++
			}
		}
	}
	return n
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// fieldNames returns the JSON names of every field of t and of the structs
// it holds, computed once per type.
func fieldNames(t reflect.Type) map[string]bool {
	if names, ok := fieldNameCache.Load(t); ok {
		return names.(map[string]bool)
	}
	names := map[string]bool{}
	var collect func(t reflect.Type)
	collect = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t != rawType {
			t = t.Elem()
		}
		if t == rawType || t.Kind() != reflect.Struct {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if promoted(f) {
				collect(f.Type)
				continue
			}
			if name := jsonName(f); name != "" {
				names[name] = true
				collect(f.Type)
			}
		}
	}
	collect(t)
	fieldNameCache.Store(t, names)
	return names
}

var fieldNameCache sync.Map // reflect.Type → map[string]bool

// keysExact reports whether every object key in body, a valid JSON text, is
// exactly one of names. encoding/json has already matched each key to a
// field of the right object, ignoring case; since the names are all lower
// case, an exact match anywhere means an exact match in its place. A key
// written with escapes ("requested\u005fon") is compared once unescaped.
func keysExact(body []byte, names map[string]bool) bool {
	for i := 0; i < len(body); i++ {
		if body[i] != '"' {
			continue
		}
		start := i + 1
		escaped := false
		for i = start; i < len(body) && body[i] != '"'; i++ {
			if body[i] == '\\' {
				escaped = true
				i++
			}
		}
		end := i
		j := i + 1
		for j < len(body) && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r') {
			j++
		}
		if j >= len(body) || body[j] != ':' {
			continue // a string value, not a key
		}
		if !escaped {
			// A map read with string(bytes) as the key does not allocate.
			if !names[string(body[start:end])] {
				return false
			}
			continue
		}
		var key string
		if json.Unmarshal(body[start-1:end+1], &key) != nil || !names[key] {
			return false
		}
	}
	return true
}

// diagnose explains why body does not decode: a syntax error (400), unknown
// fields (400, every one), or values of the wrong JSON type where an object
// belongs (422, every one).
func diagnose(body []byte, t reflect.Type) error {
	var tree any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		msg := msgSyntax
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at := strconv.FormatInt(se.Offset, 10)
			msg = credit.Text{VI: msgSyntax.VI + " Lỗi ở byte " + at + ".", EN: msgSyntax.EN + " Error at byte " + at + "."}
		}
		return &requestError{sentinel: errBadJSON, msg: msg, items: credit.Problems{{Code: codeSyntax, Message: msg}}}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return &requestError{sentinel: errBadJSON, msg: msgTrailing, items: credit.Problems{{Code: codeTrailingData, Message: msgTrailing}}}
	}
	var unknown, wrong credit.Problems
	walk(tree, t, "", &unknown, &wrong)
	if len(unknown) > 0 {
		return &requestError{sentinel: errBadJSON, msg: msgUnknownFields, items: unknown}
	}
	if len(wrong) > 0 {
		return wrong
	}
	// Should not happen: the strict decoder failed for a reason the walk
	// did not find. Still the client's body, so still a 400.
	return &requestError{sentinel: errBadJSON, msg: msgSyntax, items: credit.Problems{{Code: codeSyntax, Message: msgSyntax}}}
}

var rawType = reflect.TypeFor[json.RawMessage]()

// walk compares a decoded JSON tree with the request type t.
func walk(node any, t reflect.Type, ptr string, unknown, wrong *credit.Problems) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if node == nil {
		return // null: absent
	}
	if t.Kind() == reflect.Slice && t != rawType {
		list, ok := node.([]any)
		if !ok {
			addCapped(wrong, ptr, credit.CodeInvalidType, msgExpectArray, nil)
			return
		}
		for i, el := range list {
			walk(el, t.Elem(), ptr+"/"+strconv.Itoa(i), unknown, wrong)
		}
		return
	}
	if t == rawType || t.Kind() != reflect.Struct {
		return // leaves are checked by the reader
	}
	obj, ok := node.(map[string]any)
	if !ok {
		addCapped(wrong, ptr, credit.CodeInvalidType, msgExpectObject, nil)
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f, ok := fieldByJSONName(t, k)
		if !ok {
			at := ptr
			if safeKey(k) {
				at = ptr + "/" + credit.PointerToken(k)
			}
			addCapped(unknown, at, codeUnknownField, msgUnknownField, nil)
			continue
		}
		walk(obj[k], f.Type, ptr+"/"+credit.PointerToken(k), unknown, wrong)
	}
}

// fieldByJSONName finds the field named exactly k (the contract's names are
// case-sensitive).
func fieldByJSONName(t reflect.Type, k string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if promoted(f) {
			if pf, ok := fieldByJSONName(f.Type, k); ok {
				return pf, true
			}
			continue
		}
		if jsonName(f) == k {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// promoted reports whether f is an embedded struct without a JSON name,
// whose fields encoding/json treats as the outer struct's.
func promoted(f reflect.StructField) bool {
	return f.Anonymous && f.Tag.Get("json") == "" && f.Type.Kind() == reflect.Struct
}

// jsonName is the name encoding/json gives a field, or "" if it has none.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		name = f.Name
	}
	return name
}

// safeKey reports whether an unknown key may be echoed in a pointer: only
// plain field-like names, so that a value sent as a key (a name, an ID
// number) is never repeated back or logged.
func safeKey(k string) bool {
	if len(k) == 0 || len(k) > 64 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

// reader turns raw JSON leaves into domain values, recording a problem with
// its pointer for every leaf that is wrong, so that all are reported at once
// — up to maxItems+2 of them: an answer lists no more, and a hostile body
// must not cost memory in proportion to its mistakes.
type reader struct {
	problems credit.Problems
	// decoded are the pointers of the values the decoder found of the wrong
	// shape (a list element that is not an object), reported once by it.
	decoded map[string]bool
}

// newReader returns a reader holding the decoder's problems.
func newReader(decoded credit.Problems) *reader {
	rd := &reader{problems: decoded}
	if len(decoded) > 0 {
		rd.decoded = make(map[string]bool, len(decoded))
		for _, e := range decoded {
			rd.decoded[e.Pointer] = true
		}
	}
	return rd
}

// unreadable reports whether the decoder found the value at ptr of the
// wrong shape: the reader skips it, since the decoder has reported it.
func (rd *reader) unreadable(ptr string) bool { return rd.decoded[ptr] }

// overflowing reports whether reading found more problems than an answer
// lists: checking the values further would only add to what is cut.
func (rd *reader) overflowing() bool { return len(rd.problems) > maxItems+1 }

func absent(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

func (rd *reader) add(ptr, code string, msg credit.Text, cause error) {
	addCapped(&rd.problems, ptr, code, msg, cause)
}

// addCapped adds a problem to ps unless ps already holds more than an
// answer lists (maxItems+2: enough for the answer to cut them and say so,
// see items).
func addCapped(ps *credit.Problems, ptr, code string, msg credit.Text, cause error) {
	if len(*ps) <= maxItems+1 {
		ps.Add(ptr, code, msg, cause)
	}
}

// str reads an optional string. Text that is not acceptable
// (credit.ValidText) is invalid_text and reads as absent: invalid UTF-8 is
// looked for in the raw token, before encoding/json would replace it with
// U+FFFD without a word, and control characters once escapes such as
// "\u0000" are undone.
func (rd *reader) str(raw json.RawMessage, ptr string) (string, bool) {
	if absent(raw) {
		return "", false
	}
	if raw[0] != '"' {
		rd.add(ptr, credit.CodeInvalidType, msgExpectString, nil)
		return "", false
	}
	s, ok := plainString(raw)
	if !ok {
		if !utf8.Valid(raw) {
			rd.add(ptr, credit.CodeInvalidText, credit.MsgInvalidText, nil)
			return "", false
		}
		var u string // not s: its address would move s to the heap on every call
		if json.Unmarshal(raw, &u) != nil {
			rd.add(ptr, credit.CodeInvalidType, msgExpectString, nil)
			return "", false
		}
		s = u
	}
	if !credit.ValidText(s) {
		rd.add(ptr, credit.CodeInvalidText, credit.MsgInvalidText, nil)
		return "", false
	}
	return s, true
}

// plainString returns the content of a JSON string token that has no
// escapes and no control characters, which is most of them, without the
// decoder; ok is false for anything else. The content may still be invalid
// UTF-8: str checks it with credit.ValidText, in the same pass as the rest.
func plainString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	return string(body), true
}

// date reads a YYYY-MM-DD date; a required one that is absent is a problem.
func (rd *reader) date(raw json.RawMessage, ptr string, required bool) credit.Date {
	if absent(raw) {
		if required {
			rd.add(ptr, credit.CodeRequired, credit.MsgRequired, nil)
		}
		return credit.Date{}
	}
	s, ok := rd.str(raw, ptr)
	if !ok {
		return credit.Date{}
	}
	d, err := credit.ParseDate(s)
	if err != nil {
		rd.add(ptr, credit.CodeInvalidDate, credit.MsgInvalidDate, err)
	}
	return d
}

// fact reads true, false or null/absent (unknown).
func (rd *reader) fact(raw json.RawMessage, ptr string) (value, known bool) {
	if absent(raw) {
		return false, false
	}
	switch string(raw) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	rd.add(ptr, credit.CodeInvalidType, msgExpectBool, nil)
	return false, false
}

// maxNumberLen bounds the text of a JSON number the reader parses: longer
// ones are out of range anyway, and parsing a megabyte of digits costs time.
const maxNumberLen = 40

// money reads an amount written as a string of digits or a JSON integer.
func (rd *reader) money(raw json.RawMessage, ptr string) (credit.VND, bool) {
	if absent(raw) {
		return 0, false
	}
	var v credit.VND
	var err error
	switch c := raw[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			err = credit.ErrNotAmount
			break
		}
		v, err = credit.ParseVND(s)
	case c == '-' && len(raw) > maxNumberLen:
		err = credit.ErrNegativeAmount
	case len(raw) > maxNumberLen:
		err = credit.ErrAmountTooLarge
	case c == '-' || c >= '0' && c <= '9':
		var d decimal.Decimal
		if d, err = decimal.NewFromString(string(raw)); err != nil {
			err = credit.ErrNotAmount
			break
		}
		v, err = credit.VNDFromDecimal(d)
	default:
		err = credit.ErrNotAmount
	}
	switch {
	case err == nil:
		return v, true
	case errors.Is(err, credit.ErrNegativeAmount):
		rd.add(ptr, credit.CodeNegative, credit.MsgNegativeAmount, err)
	case errors.Is(err, credit.ErrAmountTooLarge):
		rd.add(ptr, credit.CodeOutOfRange, credit.MsgAmountTooLarge, err)
	default:
		rd.add(ptr, credit.CodeNotInteger, credit.MsgNotAmount, err)
	}
	return 0, false
}

// integer reads a JSON integer within [min, max].
func (rd *reader) integer(raw json.RawMessage, ptr string, min, max int64, rangeMsg credit.Text) (int, bool) {
	if absent(raw) {
		return 0, false
	}
	if c := raw[0]; c != '-' && (c < '0' || c > '9') {
		rd.add(ptr, credit.CodeNotInteger, msgExpectInteger, nil)
		return 0, false
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		if n < min || n > max {
			rd.add(ptr, credit.CodeOutOfRange, rangeMsg, nil)
			return 0, false
		}
		return int(n), true
	}
	if len(raw) > maxNumberLen {
		rd.add(ptr, credit.CodeOutOfRange, rangeMsg, nil)
		return 0, false
	}
	d, err := decimal.NewFromString(string(raw))
	if err != nil || !d.IsInteger() {
		rd.add(ptr, credit.CodeNotInteger, msgExpectInteger, nil)
		return 0, false
	}
	if d.LessThan(decimal.NewFromInt(min)) || d.GreaterThan(decimal.NewFromInt(max)) {
		rd.add(ptr, credit.CodeOutOfRange, rangeMsg, nil)
		return 0, false
	}
	return int(d.IntPart()), true
}

// enum reads one of a fixed set of names.
func enum[T any](rd *reader, raw json.RawMessage, ptr string, parse func(string) (T, bool), msg credit.Text) (T, bool) {
	var zero T
	s, ok := rd.str(raw, ptr)
	if !ok {
		return zero, false
	}
	v, ok := parse(s)
	if !ok {
		rd.add(ptr, credit.CodeInvalidEnum, msg, nil)
	}
	return v, ok
}
