package credit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// The rules file: a parameter book as JSON, the same shape that WriteJSON
// writes, so that a province can start from the built-in book:
//
//	{
//	  "version": "laichau/2026-01-15",
//	  "in_force": "2023-10-10",
//	  "public_holidays": ["2026-09-02"],
//	  "parameters": {
//	    "lending_rate_yearly_pct": [
//	      {"from": "2015-06-05", "to": "2025-11-30", "value": "6.6",
//	       "citation": {"instrument": "750/QĐ-TTg"}},
//	      {"from": "2025-12-01", "value": "6.24",
//	       "citation": {"instrument": "2553/QĐ-TTg"}}
//	    ]
//	  }
//	}
//
// Values: counts and percents are JSON integers; money is a string of digits
// (an integer is accepted); rates are decimal strings, percent per year;
// flags are booleans; choices are their names.
type bookFile struct {
	Version        string                `json:"version"`
	InForce        string                `json:"in_force,omitempty"`
	PublicHolidays *[]string             `json:"public_holidays,omitempty"`
	Parameters     map[string][]spanFile `json:"parameters"`
}

type spanFile struct {
	From      string          `json:"from"`
	To        string          `json:"to,omitempty"`
	Value     json.RawMessage `json:"value"`
	Provinces []string        `json:"provinces,omitempty"`
	Enacted   string          `json:"enacted,omitempty"`
	Citation  citationFile    `json:"citation"`
}

type citationFile struct {
	Instrument string `json:"instrument"`
	Year       int    `json:"year,omitempty"`
	Article    int    `json:"article,omitempty"`
	Clause     int    `json:"clause,omitempty"`
	Point      string `json:"point,omitempty"`
	Text       string `json:"text,omitempty"`
	TextEN     string `json:"text_en,omitempty"`
	Note       string `json:"note,omitempty"`
}

// maxRulesFile bounds the size of a rules file.
const maxRulesFile = 4 << 20

// utf8BOM is the byte-order mark some Windows tools put at the start of a
// UTF-8 file; a rules file may begin with one.
const utf8BOM = "\ufeff"

// ErrRulesFile is returned for a rules file that is not JSON of the expected
// shape; problems with its values come as Problems.
var ErrRulesFile = errors.New("credit: rules file is not valid JSON of the expected shape")

// Override reads a rules file and returns a new book in which every
// parameter the file names takes the file's values in place of b's (a
// parameter's whole series is replaced, so copy the earlier spans you keep)
// — except that a parameter given only provincial spans (each with
// "provinces") keeps b's spans and adds the file's: that is how a province
// adds a value of its own. To change or drop a provincial span of b, give
// the parameter's whole series.
// The file must give a version; in_force and public_holidays, when present,
// replace b's too. The result is checked as a whole: gaps, overlaps,
// unordered spans, values out of range and missing citations are all
// reported at once, as Problems with JSON pointers into the file. A
// leading UTF-8 byte-order mark is skipped.
func (b *Book) Override(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxRulesFile+1))
	if err != nil {
		return nil, fmt.Errorf("credit: reading rules file: %w", err)
	}
	if len(data) > maxRulesFile {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrRulesFile, maxRulesFile)
	}
	// A byte-order mark, as Windows editors write, is not part of the JSON.
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	var f bookFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRulesFile, err)
	}
	if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrRulesFile)
	}

	nb := b.clone()
	nb.version = f.Version
	var p Problems
	if !ValidText(f.Version) {
		p.Add("/version", CodeInvalidText, MsgInvalidText, nil)
	}
	if f.InForce != "" {
		d, err := ParseDate(f.InForce)
		if err != nil {
			p.Add("/in_force", CodeInvalidDate, MsgInvalidDate, err)
		}
		nb.inForce = d
	}
	if f.PublicHolidays != nil {
		nb.holidays = nb.holidays[:0]
		for i, s := range *f.PublicHolidays {
			d, err := ParseDate(s)
			if err != nil {
				p.Add("/public_holidays/"+strconv.Itoa(i), CodeInvalidDate, MsgInvalidDate, err)
				continue
			}
			nb.holidays = append(nb.holidays, d)
		}
	}
	names := make([]string, 0, len(f.Parameters))
	for name := range f.Parameters {
		names = append(names, name)
	}
	slices.Sort(names)
	// kept[k] counts b's spans kept before the file's (their pointers are
	// not in the file); fromFile[k] says whether the file names k.
	var kept [numKeys]int
	var fromFile [numKeys]bool
	for _, name := range names {
		k, ok := KeyNamed(name)
		if !ok {
			p.Add("/parameters/"+PointerToken(name), CodeUnknownKey, Text{
				"Không có tham số tên này.",
				"There is no parameter of this name."}, nil)
			continue
		}
		spans := decodeSpans(&p, k, f.Parameters[name])
		fromFile[k] = true
		if !slices.ContainsFunc(spans, func(s Span) bool { return s.National() }) && len(spans) > 0 {
			kept[k] = len(nb.series[k])
			spans = append(nb.series[k], spans...)
		}
		nb.series[k] = spans
	}
	at := func(k Key, i int) (string, bool) {
		if !fromFile[k] || i < kept[k] {
			return "", false
		}
		return "/parameters/" + PointerToken(k.String()) + "/" + strconv.Itoa(i-kept[k]), true
	}
	if err := nb.buildAt(p, at); err != nil {
		return nil, err
	}
	return nb, nil
}

// LoadBook reads a rules file over the built-in book: DefaultBook().Override(r).
func LoadBook(r io.Reader) (*Book, error) { return DefaultBook().Override(r) }

func decodeSpans(p *Problems, k Key, in []spanFile) []Span {
	out := make([]Span, len(in))
	base := "/parameters/" + k.String() + "/"
	for i, sf := range in {
		at := base + strconv.Itoa(i)
		s := &out[i]
		var err error
		if sf.From == "" {
			p.Add(at+"/from", CodeRequired, MsgRequired, nil)
		} else if s.From, err = ParseDate(sf.From); err != nil {
			p.Add(at+"/from", CodeInvalidDate, MsgInvalidDate, err)
		}
		if sf.To != "" {
			if s.To, err = ParseDate(sf.To); err != nil {
				p.Add(at+"/to", CodeInvalidDate, MsgInvalidDate, err)
			}
		}
		v, ok := decodeValue(k, sf.Value)
		switch {
		case len(sf.Value) == 0 || string(sf.Value) == "null":
			p.Add(at+"/value", CodeRequired, MsgRequired, nil)
		case !ok:
			p.Add(at+"/value", CodeInvalidValue, valueMessage(k), nil)
		}
		s.Value = v
		if len(sf.Provinces) > 0 {
			s.Provinces = slices.Clone(sf.Provinces)
		}
		if sf.Enacted != "" {
			if s.Enacted, err = ParseDate(sf.Enacted); err != nil {
				p.Add(at+"/enacted", CodeInvalidDate, MsgInvalidDate, err)
			}
		}
		for j, code := range sf.Provinces {
			if !ValidText(code) {
				p.Add(at+"/provinces/"+strconv.Itoa(j), CodeInvalidText, MsgInvalidText, nil)
			}
		}
		c := sf.Citation
		for _, t := range [...]struct{ name, s string }{{"instrument", c.Instrument}, {"point", c.Point},
			{"text", c.Text}, {"text_en", c.TextEN}, {"note", c.Note}} {
			if !ValidText(t.s) {
				p.Add(at+"/citation/"+t.name, CodeInvalidText, MsgInvalidText, nil)
			}
		}
		s.Citation = Citation{Instrument: c.Instrument, Year: c.Year, Article: c.Article, Clause: c.Clause, Point: c.Point,
			Text: c.Text, TextEN: c.TextEN, Note: c.Note}
	}
	return out
}

func valueMessage(k Key) Text {
	switch k.Kind() {
	case KindMoney:
		return Text{"Giá trị phải là số tiền nguyên đồng (chuỗi chữ số).", "The value must be whole đồng (a string of digits)."}
	case KindRate:
		return Text{"Giá trị phải là lãi suất %/năm dạng chuỗi số thập phân, ví dụ \"6.24\".", "The value must be a yearly percentage as a decimal string, e.g. \"6.24\"."}
	case KindFlag:
		return Text{"Giá trị phải là true hoặc false.", "The value must be true or false."}
	case KindChoice:
		return Text{"Giá trị phải là một trong: " + fmt.Sprint(keys[k].choices) + ".", "The value must be one of: " + fmt.Sprint(keys[k].choices) + "."}
	}
	return Text{"Giá trị phải là số nguyên.", "The value must be a whole number."}
}

func decodeValue(k Key, raw json.RawMessage) (int64, bool) {
	switch k.Kind() {
	case KindMoney:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = string(raw) // a JSON integer
		}
		v, err := ParseVND(s)
		return int64(v), err == nil
	case KindRate:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		r, err := ParseYearlyPct(s)
		return r.nanoPctYear, err == nil
	case KindFlag:
		var v bool
		if json.Unmarshal(raw, &v) != nil {
			return 0, false
		}
		if v {
			return 1, true
		}
		return 0, true
	case KindChoice:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		i := slices.Index(keys[k].choices, s)
		return int64(i), i >= 0
	}
	// Counts and percents: a JSON integer, nothing else ("7", 7.0 and 7e0
	// are refused).
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil
}

// WriteJSON writes the book as a rules file, which Override reads back.
func (b *Book) WriteJSON(w io.Writer) error {
	f := bookFile{Version: b.version, InForce: b.inForce.String(), Parameters: map[string][]spanFile{}}
	hs := make([]string, len(b.holidays))
	for i, h := range b.holidays {
		hs[i] = h.String()
	}
	f.PublicHolidays = &hs
	for k := range b.series {
		key := Key(k)
		spans := make([]spanFile, len(b.series[k]))
		for i, s := range b.series[k] {
			c := s.Citation
			cf := citationFile{Instrument: c.Instrument, Article: c.Article, Clause: c.Clause, Point: c.Point, Note: c.Note}
			gen := Citation{Instrument: c.Instrument, Article: c.Article, Clause: c.Clause, Point: c.Point}
			gen.fill()
			if c.Year != gen.Year {
				cf.Year = c.Year
			}
			// Text that is not the generated text was written by someone:
			// keep it.
			gen = Citation{Instrument: c.Instrument, Year: c.Year, Article: c.Article, Clause: c.Clause, Point: c.Point}
			gen.fill()
			if c.Text != gen.Text || c.TextEN != gen.TextEN {
				cf.Text, cf.TextEN = c.Text, c.TextEN
			}
			spans[i] = spanFile{From: s.From.String(), To: s.To.String(), Value: encodeValue(key, s.Value),
				Provinces: s.Provinces, Enacted: s.Enacted.String(), Citation: cf}
		}
		f.Parameters[key.String()] = spans
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}

func encodeValue(k Key, v int64) json.RawMessage {
	switch k.Kind() {
	case KindMoney, KindRate, KindChoice:
		return json.RawMessage(strconv.Quote(k.Format(v)))
	}
	return json.RawMessage(k.Format(v))
}
