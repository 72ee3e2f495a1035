package places

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vnreentry/credit"
)

// Commune is a commune-level unit (xã, phường or đặc khu): its five-digit
// code in the national list of administrative units, its official name
// with its kind ("Xã Bản Bo") and the two-digit code of its province.
type Commune struct {
	Code         string // e.g. "03424"
	Name         string // e.g. "Xã Bản Bo"
	ProvinceCode string // e.g. "12"
}

// Catalogue is an administrative map: provinces and their communes, by
// code. It is built by Default or New and never changes afterwards; it is
// safe for concurrent use. The zero Catalogue is empty.
type Catalogue struct {
	provinces []credit.Province // code order
	communes  []Commune         // code order
	byCode    map[string]int32  // commune code → index in communes
	in        map[string][]Commune
	// names holds the communes' names folded, in code order, each followed
	// by a line feed (which no folded name holds): "xa ban bo\n". starts[i]
	// is where communes[i]'s begins, starts[len(communes)] the end; short[i]
	// is the length of its kind ("xa "), so that the name without it begins
	// at starts[i]+short[i]. One string, so that Search is one strings.Index
	// per match over it rather than a comparison per commune.
	names  string
	starts []int32
	short  []uint8
	// provinceNames[i] is provinces[i].Name folded, without its kind.
	provinceNames []string
}

//go:embed data/communes-2025.csv
var communes2025 []byte

// Default returns the map in force since 2025-07-01: the 34 provinces of
// credit.Provinces and the 3,321 communes of data/communes-2025.csv. It is
// read on first use and shared.
func Default() *Catalogue { return default2025() }

var default2025 = sync.OnceValue(func() *Catalogue {
	communes, err := readCSV(communes2025)
	if err != nil {
		panic("places: the embedded communes: " + err.Error())
	}
	c, err := New(credit.Provinces(), communes)
	if err != nil {
		panic("places: the embedded communes: " + err.Error())
	}
	return c
})

// communesHeader is the header of data/communes-2025.csv.
var communesHeader = []string{"code", "name", "province_code", "province_name"}

// readCSV reads communes in the layout of data/communes-2025.csv.
func readCSV(data []byte) ([]Commune, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(communesHeader)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	if !slices.Equal(head, communesHeader) {
		return nil, fmt.Errorf("header %q, want %q", head, communesHeader)
	}
	var out []Commune
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Commune{Code: rec[0], Name: rec[1], ProvinceCode: rec[2]})
	}
}

// Problem codes of New, beside those of package credit (a commune whose
// province is not among the provinces is credit.CodeUnknownProvince).
// Stable.
const (
	CodeInvalidCode   = "invalid_code"   // a province code not of two digits, a commune code not of five
	CodeDuplicateCode = "duplicate_code" // the same code twice in one list
)

var (
	msgProvinceCode = credit.Text{
		VI: "Mã tỉnh phải gồm đúng 2 chữ số (ví dụ \"12\").",
		EN: "A province code must be exactly 2 digits (for example \"12\").",
	}
	msgCommuneCode = credit.Text{
		VI: "Mã xã phải gồm đúng 5 chữ số (ví dụ \"03424\").",
		EN: "A commune code must be exactly 5 digits (for example \"03424\").",
	}
	msgUnknownProvince = credit.Text{
		VI: "Mã tỉnh của xã không có trong danh sách tỉnh.",
		EN: "The commune's province code is not in the list of provinces.",
	}
	msgNoProvinces = credit.Text{
		VI: "Danh mục phải có ít nhất một tỉnh.",
		EN: "The catalogue must hold at least one province.",
	}
	msgNoCommunes = credit.Text{
		VI: "Danh mục phải có ít nhất một xã.",
		EN: "The catalogue must hold at least one commune.",
	}
)

func msgDuplicateCode(first string) credit.Text {
	return credit.Text{
		VI: "Mã trùng với mục " + first + ".",
		EN: "The same code as " + first + ".",
	}
}

// New returns the catalogue of the given provinces and communes, in any
// order; it keeps copies. It checks that every province code is two
// digits and every commune code five, that no code is given twice, that
// every commune's province is among the provinces, and that every name is
// given and is acceptable text (credit.ValidText). It returns every
// problem at once, as credit.Problems with JSON pointers into the lists
// ("/provinces/0/code", "/communes/3/province_code") and codes
// CodeInvalidCode, CodeDuplicateCode, credit.CodeUnknownProvince,
// credit.CodeRequired and credit.CodeInvalidText; at most one problem per
// pointer. Both lists must be non-empty.
func New(provinces []credit.Province, communes []Commune) (*Catalogue, error) {
	var pr credit.Problems
	if len(provinces) == 0 {
		pr.Add("/provinces", credit.CodeRequired, msgNoProvinces, nil)
	}
	if len(communes) == 0 {
		pr.Add("/communes", credit.CodeRequired, msgNoCommunes, nil)
	}
	// Pointers are written only for problems: a good list costs no strings.
	at := func(list string, i int, field string) string {
		return "/" + list + "/" + strconv.Itoa(i) + "/" + field
	}
	provinceAt := make(map[string]int, len(provinces))
	for i, p := range provinces {
		if code, msg := checkCode(p.Code, 2); code != "" {
			pr.Add(at("provinces", i, "code"), code, msg, nil)
		} else if first, ok := provinceAt[p.Code]; ok {
			pr.Add(at("provinces", i, "code"), CodeDuplicateCode, msgDuplicateCode("/provinces/"+strconv.Itoa(first)), nil)
		} else {
			provinceAt[p.Code] = i
		}
		if code, msg := checkName(p.Name); code != "" {
			pr.Add(at("provinces", i, "name"), code, msg, nil)
		}
	}
	communeAt := make(map[string]int, len(communes))
	for i, c := range communes {
		if code, msg := checkCode(c.Code, 5); code != "" {
			pr.Add(at("communes", i, "code"), code, msg, nil)
		} else if first, ok := communeAt[c.Code]; ok {
			pr.Add(at("communes", i, "code"), CodeDuplicateCode, msgDuplicateCode("/communes/"+strconv.Itoa(first)), nil)
		} else {
			communeAt[c.Code] = i
		}
		if code, msg := checkName(c.Name); code != "" {
			pr.Add(at("communes", i, "name"), code, msg, nil)
		}
		if code, msg := checkCode(c.ProvinceCode, 2); code != "" {
			pr.Add(at("communes", i, "province_code"), code, msg, nil)
		} else if _, ok := provinceAt[c.ProvinceCode]; !ok {
			pr.Add(at("communes", i, "province_code"), credit.CodeUnknownProvince, msgUnknownProvince, nil)
		}
	}
	if len(pr) > 0 {
		return nil, pr
	}

	cat := &Catalogue{
		provinces: slices.Clone(provinces),
		communes:  slices.Clone(communes),
		byCode:    make(map[string]int32, len(communes)),
		in:        make(map[string][]Commune, len(provinces)),
		starts:    make([]int32, len(communes)+1),
		short:     make([]uint8, len(communes)),
	}
	slices.SortFunc(cat.provinces, func(a, b credit.Province) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(cat.communes, func(a, b Commune) int { return strings.Compare(a.Code, b.Code) })
	cat.provinceNames = make([]string, len(cat.provinces))
	for i, p := range cat.provinces {
		cat.provinceNames[i] = trimPrefix(Fold(p.Name), provincePrefixes)
	}
	var names strings.Builder
	for i, c := range cat.communes {
		cat.byCode[c.Code] = int32(i)
		cat.in[c.ProvinceCode] = append(cat.in[c.ProvinceCode], c)
		full := Fold(c.Name)
		cat.starts[i] = int32(names.Len())
		cat.short[i] = uint8(len(full) - len(trimPrefix(full, communePrefixes))) // at most 8
		names.WriteString(full)
		names.WriteByte('\n')
	}
	cat.starts[len(cat.communes)] = int32(names.Len())
	cat.names = names.String()
	return cat, nil
}

// checkCode checks that code is n ASCII digits (2: a province's, 5: a
// commune's); it returns the problem's code and message, or "".
func checkCode(code string, n int) (string, credit.Text) {
	if code == "" {
		return credit.CodeRequired, credit.MsgRequired
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' || len(code) != n {
			if n == 2 {
				return CodeInvalidCode, msgProvinceCode
			}
			return CodeInvalidCode, msgCommuneCode
		}
	}
	return "", credit.Text{}
}

// checkName checks that a unit's name is given and is acceptable text; it
// returns the problem's code and message, or "".
func checkName(name string) (string, credit.Text) {
	switch {
	case !credit.ValidText(name):
		return credit.CodeInvalidText, credit.MsgInvalidText
	case strings.TrimSpace(name) == "":
		return credit.CodeRequired, credit.MsgRequired
	}
	return "", credit.Text{}
}

// Commune returns the commune with the five-digit code, and false if there
// is none.
func (c *Catalogue) Commune(code string) (Commune, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Commune{}, false
	}
	return c.communes[i], true
}

// Province returns the province with the two-digit code, and false if
// there is none.
func (c *Catalogue) Province(code string) (credit.Province, bool) {
	i, ok := slices.BinarySearchFunc(c.provinces, code, func(p credit.Province, code string) int {
		return strings.Compare(p.Code, code)
	})
	if !ok {
		return credit.Province{}, false
	}
	return c.provinces[i], true
}

// ProvinceNamed returns the province that name names, as people write it:
// compared folded (Fold: no capitals, no diacritics), with or without the
// province's kind — "Lai Châu", "lai chau" and "Tỉnh Lai Châu" all name
// province 12, "Hồ Chí Minh", "Thành phố Hồ Chí Minh" and
// "TP. Hồ Chí Minh" province 79. It returns false when name names none.
func (c *Catalogue) ProvinceNamed(name string) (credit.Province, bool) {
	f := trimPrefix(Fold(name), provincePrefixes)
	for _, abbr := range []string{"tp. ", "tp.", "tp "} {
		if rest, ok := strings.CutPrefix(f, abbr); ok {
			f = rest
			break
		}
	}
	if f == "" {
		return credit.Province{}, false
	}
	for i, n := range c.provinceNames {
		if n == f {
			return c.provinces[i], true
		}
	}
	return credit.Province{}, false
}

// Provinces returns the provinces, in code order.
func (c *Catalogue) Provinces() []credit.Province { return slices.Clone(c.provinces) }

// Communes returns every commune, in code order.
func (c *Catalogue) Communes() []Commune { return slices.Clone(c.communes) }

// CommunesIn returns the communes of the province with the two-digit code,
// in code order; none for a province it does not know.
func (c *Catalogue) CommunesIn(province string) []Commune { return slices.Clone(c.in[province]) }

// Len returns the number of communes.
func (c *Catalogue) Len() int { return len(c.communes) }

// Search returns the communes whose name holds query, compared folded
// (Fold: no capitals, no diacritics, đ as d), best first: those whose name
// without its kind (Xã, Phường, Đặc khu) is the query ("ban bo" for Xã Bản
// Bo; the whole name, "xa ban bo", counts too), then those whose name
// begins with it, then those that hold it anywhere; in code order within
// each. It returns at most limit communes (all of them when limit ≤ 0),
// and none for a query that folds to nothing.
func (c *Catalogue) Search(query string, limit int) []Commune {
	q := Fold(query)
	if q == "" || len(c.communes) == 0 {
		return nil
	}
	// The matches of each rank, in code order; with a limit, no rank needs
	// more than limit of them.
	var exact, prefix, substring []int32
	keep := func(list *[]int32, i int32) {
		if limit <= 0 || len(*list) < limit {
			*list = append(*list, i)
		}
	}
	i := 0 // the commune whose name holds the match: matches come in order
	for pos := 0; pos < len(c.names) && (limit <= 0 || len(exact) < limit); {
		k := strings.Index(c.names[pos:], q)
		if k < 0 {
			break
		}
		at := int32(pos + k)
		for c.starts[i+1] <= at {
			i++
		}
		start, end := c.starts[i], c.starts[i+1]-1 // end: its line feed
		full, name := c.names[start:end], c.names[start+int32(c.short[i]):end]
		switch {
		case name == q || full == q:
			keep(&exact, int32(i))
		case strings.HasPrefix(name, q) || strings.HasPrefix(full, q):
			// The first match may be inside the kind ("a" in "xa an
			// khanh"): the name is still looked at from its start.
			keep(&prefix, int32(i))
		default:
			keep(&substring, int32(i))
		}
		i++
		pos = int(c.starts[i]) // one match per commune
	}
	n := len(exact) + len(prefix) + len(substring)
	if limit > 0 {
		n = min(n, limit)
	}
	if n == 0 {
		return nil
	}
	out := make([]Commune, 0, n)
	for _, list := range [...][]int32{exact, prefix, substring} {
		for _, i := range list {
			if len(out) == n {
				return out
			}
			out = append(out, c.communes[i])
		}
	}
	return out
}
