package places_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
)

func TestDefaultCounts(t *testing.T) {
	c := places.Default()
	if got := len(c.Provinces()); got != 34 {
		t.Errorf("provinces: %d, want 34", got)
	}
	if got := c.Len(); got != 3321 {
		t.Errorf("communes: %d, want 3,321", got)
	}
	if got := len(c.Communes()); got != 3321 {
		t.Errorf("Communes(): %d, want 3,321", got)
	}
	kinds := map[string]int{}
	for _, m := range c.Communes() {
		kind, _, _ := strings.Cut(m.Name, " ")
		if strings.HasPrefix(m.Name, "Đặc khu ") {
			kind = "Đặc khu"
		}
		kinds[kind]++
	}
	want := map[string]int{"Xã": 2621, "Phường": 687, "Đặc khu": 13}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s: %d, want %d", k, kinds[k], n)
		}
	}
	if len(kinds) != len(want) {
		t.Errorf("kinds of unit: %v, want only %v", kinds, want)
	}
	tests := []struct {
		province string
		want     int
	}{
		{"12", 38}, // Lai Châu
		{"01", 126},
		{"79", 168},
		{"13", 0}, // not a 2025 code
		{"", 0},
	}
	for _, tc := range tests {
		if got := len(c.CommunesIn(tc.province)); got != tc.want {
			t.Errorf("CommunesIn(%q): %d communes, want %d", tc.province, got, tc.want)
		}
	}
}

// Default's provinces are credit.Provinces, and each of them has communes.
func TestDefaultProvinces(t *testing.T) {
	c := places.Default()
	if !slices.Equal(c.Provinces(), credit.Provinces()) {
		t.Errorf("Provinces() = %v, want credit.Provinces()", c.Provinces())
	}
	total := 0
	for _, p := range credit.Provinces() {
		got, ok := c.Province(p.Code)
		if !ok || got != p {
			t.Errorf("Province(%q) = %v, %v", p.Code, got, ok)
		}
		in := c.CommunesIn(p.Code)
		if len(in) == 0 {
			t.Errorf("province %s %s has no communes", p.Code, p.Name)
		}
		if !slices.IsSortedFunc(in, byCode) {
			t.Errorf("CommunesIn(%q) not in code order", p.Code)
		}
		for _, m := range in {
			if m.ProvinceCode != p.Code {
				t.Errorf("CommunesIn(%q) holds %v", p.Code, m)
			}
		}
		total += len(in)
	}
	if total != c.Len() {
		t.Errorf("the provinces' communes add up to %d, want %d", total, c.Len())
	}
	if !slices.IsSortedFunc(c.Communes(), byCode) {
		t.Error("Communes() not in code order")
	}
}

func byCode(a, b places.Commune) int { return strings.Compare(a.Code, b.Code) }

// The embedded file's province names are those of credit.Provinces: the two
// lists come from the same catalogue and must not drift apart.
func TestEmbeddedProvinceNames(t *testing.T) {
	data, err := os.ReadFile("data/communes-2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != "code,name,province_code,province_name" {
		t.Fatalf("header %q", lines[0])
	}
	for i, line := range lines[1:] {
		f := strings.Split(line, ",")
		if len(f) != 4 {
			t.Fatalf("line %d: %d fields", i+2, len(f))
		}
		p, ok := credit.ProvinceByCode(f[2])
		if !ok || p.Name != f[3] {
			t.Errorf("line %d: province %s %q, credit has %q", i+2, f[2], f[3], p.Name)
		}
	}
	if len(lines)-1 != places.Default().Len() {
		t.Errorf("%d lines, %d communes", len(lines)-1, places.Default().Len())
	}
}

func TestCommune(t *testing.T) {
	c := places.Default()
	tests := []struct {
		code string
		want places.Commune
		ok   bool
	}{
		{"03424", places.Commune{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"}, true},
		{"03388", places.Commune{Code: "03388", Name: "Phường Đoàn Kết", ProvinceCode: "12"}, true}, // Lai Châu's first
		{"03640", places.Commune{Code: "03640", Name: "Xã Khoen On", ProvinceCode: "12"}, true},     // and its last
		{"00004", places.Commune{Code: "00004", Name: "Phường Ba Đình", ProvinceCode: "01"}, true},  // the first code
		{"03199", places.Commune{Code: "03199", Name: "Xã Si Pa Phìn", ProvinceCode: "11"}, true},   // the old examples' code: Điện Biên
		{"03423", places.Commune{}, false}, // just below Bản Bo
		{"03425", places.Commune{}, false}, // just above
		{"3424", places.Commune{}, false},
		{"034240", places.Commune{}, false},
		{" 03424", places.Commune{}, false},
		{"", places.Commune{}, false},
	}
	for _, tc := range tests {
		got, ok := c.Commune(tc.code)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Commune(%q) = %v, %v; want %v, %v", tc.code, got, ok, tc.want, tc.ok)
		}
	}
}

func TestProvince(t *testing.T) {
	c := places.Default()
	tests := []struct {
		code string
		name string
		ok   bool
	}{
		{"01", "Thành phố Hà Nội", true},
		{"12", "Tỉnh Lai Châu", true},
		{"96", "Tỉnh Cà Mau", true},
		{"11", "Tỉnh Điện Biên", true},
		{"13", "", false}, // Yên Bái's code before 2025
		{"00", "", false},
		{"97", "", false},
		{"1", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := c.Province(tc.code)
		if got.Name != tc.name || ok != tc.ok || (ok && got.Code != tc.code) {
			t.Errorf("Province(%q) = %v, %v; want %q, %v", tc.code, got, ok, tc.name, tc.ok)
		}
	}
}

func TestProvinceNamed(t *testing.T) {
	c := places.Default()
	tests := []struct {
		name string
		want string // code; "" for none
	}{
		{"Tỉnh Lai Châu", "12"},
		{"Lai Châu", "12"},
		{"lai chau", "12"},
		{"  LAI   CHÂU ", "12"},
		{"Tinh Lai Chau", "12"},
		{"Thành phố Hồ Chí Minh", "79"},
		{"Hồ Chí Minh", "79"},
		{"TP. Hồ Chí Minh", "79"},
		{"TP Hồ Chí Minh", "79"},
		{"tp.hồ chí minh", "79"},
		{"Thành phố Huế", "46"},
		{"Huế", "46"},
		{"Đà Nẵng", "48"},
		{"Da Nang", "48"},
		{"Đắk Lắk", "66"},
		{"Điện Biên", "11"},
		{"Lai", ""},        // a part of a name is not a name
		{"Lai Châu 2", ""}, // nor more than one
		{"Yên Bái", ""},    // merged into Lào Cai in 2025
		{"Tỉnh", ""},       // the kind alone
		{"Thành phố", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, ok := c.ProvinceNamed(tc.name)
		if ok != (tc.want != "") || got.Code != tc.want {
			t.Errorf("ProvinceNamed(%q) = %v, %v; want code %q", tc.name, got, ok, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Xã Bản Bo", "xa ban bo"},
		{"Đặc khu Phú Quốc", "dac khu phu quoc"},
		{"đ Đ", "d d"},
		{"  Tân   Uyên\t", "tan uyen"},
		{"Phường Ngọc Hà", "phuong ngoc ha"},
		{"ĂÂÊÔƠƯ ăâêôơư", "aaeoou aaeoou"},
		{"ỳýỷỹỵ ỲÝỶỸỴ", "yyyyy yyyyy"},
		{"Thành phố Hồ Chí Minh", "thanh pho ho chi minh"},
		{"Mường Tè", "muong te"},
		{"Bum Tở", "bum to"},
		{"Xa\u0303 Ba\u0309n Bo", "xa ban bo"}, // decomposed (NFD)
		{"Bản\u00a0Bo", "ban bo"},              // no-break space
		{"ban bo", "ban bo"},                   // already folded
		{"Ñandú", "ñandu"},                     // not Vietnamese: only lower-cased, its marks kept
		{"", ""},
		{"   ", ""},
		{"03424", "03424"},
	}
	for _, tc := range tests {
		if got := places.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Every name of the catalogue folds to ASCII: the table knows every
// Vietnamese letter the names use.
func TestFoldEveryName(t *testing.T) {
	c := places.Default()
	for _, m := range c.Communes() {
		f := places.Fold(m.Name)
		for i := 0; i < len(f); i++ {
			if f[i] >= 0x80 {
				t.Errorf("Fold(%q) = %q: not ASCII", m.Name, f)
				break
			}
		}
	}
}

func TestSearch(t *testing.T) {
	c := places.Default()
	tests := []struct {
		name  string
		query string
		limit int
		want  []string // codes, in order
	}{
		{"exact without diacritics", "ban bo", 0, []string{"03424"}},
		{"exact with diacritics", "Bản Bo", 0, []string{"03424"}},
		{"whole name", "xa ban bo", 0, []string{"03424"}},
		{"capitals and spaces", "  BẢN  BO ", 0, []string{"03424"}},
		{"tan uyen", "tan uyen", 0, []string{"03598", "25888", "25906"}}, // Xã and Phường Tân Uyên, then Xã Bắc Tân Uyên
		{"đ as d", "doan ket", 0, []string{"03388", "04000", "06001"}},   // a phường in Lai Châu, two xã elsewhere
		{"Đ typed", "Đoàn Kết", 2, []string{"03388", "04000"}},
		{"nothing", "zzz", 0, nil},
		{"empty", "", 0, nil},
		{"only spaces", "   ", 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := codes(c.Search(tc.query, tc.limit))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Search(%q, %d) = %v, want %v", tc.query, tc.limit, got, tc.want)
			}
		})
	}

	all := c.Search("muong", 0)
	one := c.Search("muong", 1)
	if len(all) < 2 || len(one) != 1 || one[0] != all[0] {
		t.Errorf("Search(muong, 1) = %v; Search(muong, 0) begins %v", one, all[:min(2, len(all))])
	}
	checkRanked(t, "muong", all)
	checkRanked(t, "a", c.Search("a", 0))
	checkRanked(t, "o", c.Search("o", 0))
	for _, limit := range []int{-1, 0} {
		if n := len(c.Search("muong", limit)); n != len(all) {
			t.Errorf("Search(muong, %d): %d, want all %d", limit, n, len(all))
		}
	}
	if n := len(c.Search("muong", len(all)+1)); n != len(all) {
		t.Errorf("limit above the matches: %d, want %d", n, len(all))
	}
}

// The ranking on both sides of each boundary: a name that is the query, one
// that begins with it, one that holds it; ties by code.
func TestSearchRanking(t *testing.T) {
	c, err := places.New([]credit.Province{{Code: "12", Name: "Tỉnh Lai Châu"}}, []places.Commune{
		{Code: "00009", Name: "Xã Nà Tân Uyên", ProvinceCode: "12"},  // holds it
		{Code: "00008", Name: "Xã Tân Uyên Mới", ProvinceCode: "12"}, // begins with it
		{Code: "00007", Name: "Phường Tân Uyên", ProvinceCode: "12"}, // is it
		{Code: "00005", Name: "Xã Tân Uyên", ProvinceCode: "12"},     // is it, smaller code
		{Code: "00006", Name: "Xã Tân Uyê", ProvinceCode: "12"},      // one letter short: no match
		{Code: "00004", Name: "Xã Than Uyên", ProvinceCode: "12"},    // another name
		{Code: "00010", Name: "Phường An Uyên", ProvinceCode: "12"},  // begins with "a", which "xa" holds first
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"tan uyen", []string{"00005", "00007", "00008", "00009"}},
		{"Tân Uyên", []string{"00005", "00007", "00008", "00009"}},
		{"xa tan uyen", []string{"00005", "00008"}}, // the whole name is it; begins with it
		{"tan uye", []string{"00006", "00005", "00007", "00008", "00009"}},
		{"uyen", []string{"00004", "00005", "00007", "00008", "00009", "00010"}},
		{"xa", []string{"00004", "00005", "00006", "00008", "00009"}}, // the kind: a prefix of the whole name
		{"a", []string{"00010", "00004", "00005", "00006", "00007", "00008", "00009"}},
		{"an uyen", []string{"00010", "00004", "00005", "00007", "00008", "00009"}}, // than uyen, tan uyen hold it
		{"ong an", []string{"00010"}},                                               // across the kind and the name
	}
	for _, tc := range tests {
		if got := codes(c.Search(tc.query, 0)); !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
}

// checkRanked checks that the results for query are ranked: exact, then
// prefix, then substring, each in code order.
func checkRanked(t *testing.T, query string, got []places.Commune) {
	t.Helper()
	q := places.Fold(query)
	rank := func(m places.Commune) int {
		full := places.Fold(m.Name)
		short := full
		for _, p := range []string{"xa ", "phuong ", "dac khu "} {
			if rest, ok := strings.CutPrefix(full, p); ok {
				short = rest
				break
			}
		}
		switch {
		case short == q || full == q:
			return 0
		case strings.HasPrefix(short, q) || strings.HasPrefix(full, q):
			return 1
		case strings.Contains(full, q):
			return 2
		}
		t.Errorf("Search(%q) returned %v, which does not match", query, m)
		return 3
	}
	for i := 1; i < len(got); i++ {
		a, b := rank(got[i-1]), rank(got[i])
		if a > b || a == b && got[i-1].Code >= got[i].Code {
			t.Errorf("Search(%q): %v (rank %d) before %v (rank %d)", query, got[i-1], a, got[i], b)
		}
	}
}

func codes(cs []places.Commune) []string {
	if cs == nil {
		return nil
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

func TestNew(t *testing.T) {
	lc := credit.Province{Code: "12", Name: "Tỉnh Lai Châu"}
	db := credit.Province{Code: "11", Name: "Tỉnh Điện Biên"}
	bo := places.Commune{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"}
	kh := places.Commune{Code: "03430", Name: "Xã Khun Há", ProvinceCode: "12"}

	c, err := places.New([]credit.Province{lc, db}, []places.Commune{kh, bo})
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(c.CommunesIn("12")); !slices.Equal(got, []string{"03424", "03430"}) {
		t.Errorf("CommunesIn(12) = %v: not sorted by code", got)
	}
	if got := c.Provinces(); !slices.Equal(got, []credit.Province{db, lc}) {
		t.Errorf("Provinces() = %v: not sorted by code", got)
	}
	if m, ok := c.Commune("03424"); !ok || m != bo {
		t.Errorf("Commune(03424) = %v, %v", m, ok)
	}
	if len(c.CommunesIn("11")) != 0 {
		t.Error("a province with no communes has some")
	}

	type problem struct{ pointer, code string }
	tests := []struct {
		name      string
		provinces []credit.Province
		communes  []places.Commune
		want      []problem
	}{
		{"empty", nil, nil, []problem{{"/provinces", credit.CodeRequired}, {"/communes", credit.CodeRequired}}},
		{"province code of one digit", []credit.Province{{Code: "1", Name: "Tỉnh A"}}, []places.Commune{bo},
			[]problem{{"/provinces/0/code", places.CodeInvalidCode}, {"/communes/0/province_code", credit.CodeUnknownProvince}}},
		{"province code of three digits", []credit.Province{lc, {Code: "012", Name: "Tỉnh A"}}, []places.Commune{bo},
			[]problem{{"/provinces/1/code", places.CodeInvalidCode}}},
		{"province code not digits", []credit.Province{lc, {Code: "1a", Name: "Tỉnh A"}}, []places.Commune{bo},
			[]problem{{"/provinces/1/code", places.CodeInvalidCode}}},
		{"province code missing, name missing", []credit.Province{lc, {}}, []places.Commune{bo},
			[]problem{{"/provinces/1/code", credit.CodeRequired}, {"/provinces/1/name", credit.CodeRequired}}},
		{"province twice", []credit.Province{lc, db, lc}, []places.Commune{bo},
			[]problem{{"/provinces/2/code", places.CodeDuplicateCode}}},
		{"commune code of four digits", []credit.Province{lc}, []places.Commune{bo, {Code: "3430", Name: "Xã Khun Há", ProvinceCode: "12"}},
			[]problem{{"/communes/1/code", places.CodeInvalidCode}}},
		{"commune code of six digits", []credit.Province{lc}, []places.Commune{{Code: "034300", Name: "Xã Khun Há", ProvinceCode: "12"}},
			[]problem{{"/communes/0/code", places.CodeInvalidCode}}},
		{"commune code with a space", []credit.Province{lc}, []places.Commune{{Code: "0343 ", Name: "Xã Khun Há", ProvinceCode: "12"}},
			[]problem{{"/communes/0/code", places.CodeInvalidCode}}},
		{"commune code of fullwidth digits", []credit.Province{lc}, []places.Commune{{Code: "０３４３０", Name: "Xã Khun Há", ProvinceCode: "12"}},
			[]problem{{"/communes/0/code", places.CodeInvalidCode}}},
		{"commune twice", []credit.Province{lc}, []places.Commune{bo, kh, bo},
			[]problem{{"/communes/2/code", places.CodeDuplicateCode}}},
		{"province unknown", []credit.Province{lc}, []places.Commune{bo, {Code: "03199", Name: "Xã Si Pa Phìn", ProvinceCode: "11"}},
			[]problem{{"/communes/1/province_code", credit.CodeUnknownProvince}}},
		{"province code malformed", []credit.Province{lc}, []places.Commune{{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "120"}},
			[]problem{{"/communes/0/province_code", places.CodeInvalidCode}}},
		{"name blank", []credit.Province{lc}, []places.Commune{{Code: "03424", Name: " ", ProvinceCode: "12"}},
			[]problem{{"/communes/0/name", credit.CodeRequired}}},
		{"name damaged", []credit.Province{{Code: "12", Name: "Tỉnh Lai Ch\xe2u"}}, []places.Commune{{Code: "03424", Name: "Xã\x00Bản Bo", ProvinceCode: "12"}},
			[]problem{{"/provinces/0/name", credit.CodeInvalidText}, {"/communes/0/name", credit.CodeInvalidText}}},
		{"every problem at once", []credit.Province{lc, {Code: "12", Name: ""}}, []places.Commune{
			{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"},
			{Code: "03424", Name: "", ProvinceCode: "13"},
			{Code: "x", Name: "Xã Khun Há", ProvinceCode: ""},
		}, []problem{
			{"/provinces/1/code", places.CodeDuplicateCode},
			{"/provinces/1/name", credit.CodeRequired},
			{"/communes/1/code", places.CodeDuplicateCode},
			{"/communes/1/name", credit.CodeRequired},
			{"/communes/1/province_code", credit.CodeUnknownProvince},
			{"/communes/2/code", places.CodeInvalidCode},
			{"/communes/2/province_code", credit.CodeRequired},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := places.New(tc.provinces, tc.communes)
			if c != nil {
				t.Error("a catalogue with an error")
			}
			var pr credit.Problems
			if !errors.As(err, &pr) || !errors.Is(err, credit.ErrInvalid) {
				t.Fatalf("error %v (%T), want credit.Problems", err, err)
			}
			var got []problem
			for _, p := range pr {
				got = append(got, problem{p.Pointer, p.Code})
				if p.Message.VI == "" || p.Message.EN == "" {
					t.Errorf("%s: message %+v", p.Pointer, p.Message)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems\n%v\nwant\n%v", got, tc.want)
			}
		})
	}
}

// New keeps copies: changing the lists it was given afterwards changes
// nothing, nor does changing what its methods return.
func TestNewCopies(t *testing.T) {
	ps := []credit.Province{{Code: "12", Name: "Tỉnh Lai Châu"}}
	cs := []places.Commune{{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"}}
	c, err := places.New(ps, cs)
	if err != nil {
		t.Fatal(err)
	}
	ps[0].Name, cs[0].Name = "x", "y"
	c.Provinces()[0].Name = "x"
	c.CommunesIn("12")[0].Name = "y"
	c.Communes()[0].Name = "y"
	if m, _ := c.Commune("03424"); m.Name != "Xã Bản Bo" {
		t.Errorf("commune changed to %q", m.Name)
	}
	if p, _ := c.Province("12"); p.Name != "Tỉnh Lai Châu" {
		t.Errorf("province changed to %q", p.Name)
	}
	if got := c.Search("ban bo", 0); len(got) != 1 {
		t.Errorf("search after changes: %v", got)
	}
}

// Default is one value, read once, and safe for concurrent use (go test
// -race).
func TestDefaultConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*places.Catalogue, 8)
	for i := range got {
		wg.Go(func() {
			got[i] = places.Default()
			got[i].Search("bo", 3)
			got[i].Commune("03424")
		})
	}
	wg.Wait()
	for _, c := range got[1:] {
		if c != got[0] {
			t.Fatal("Default returned two catalogues")
		}
	}
}

// The zero Catalogue is empty, not broken.
func TestZeroCatalogue(t *testing.T) {
	var c places.Catalogue
	if _, ok := c.Commune("03424"); ok {
		t.Error("zero catalogue has a commune")
	}
	if _, ok := c.Province("12"); ok {
		t.Error("zero catalogue has a province")
	}
	if c.Len() != 0 || len(c.Provinces()) != 0 || len(c.CommunesIn("12")) != 0 || c.Search("bo", 0) != nil {
		t.Error("zero catalogue is not empty")
	}
}

// Search agrees with the plain reading of its contract — fold, compare every
// name, rank, sort — over single letters and pieces of real names.
func TestSearchAgreesWithScan(t *testing.T) {
	c := places.Default()
	all := c.Communes()
	folded := make([][2]string, len(all)) // full, short
	for i, m := range all {
		full := places.Fold(m.Name)
		short := full
		for _, p := range []string{"xa ", "phuong ", "dac khu "} {
			if rest, ok := strings.CutPrefix(full, p); ok {
				short = rest
				break
			}
		}
		folded[i] = [2]string{full, short}
	}
	scan := func(query string, limit int) []string {
		q := places.Fold(query)
		if q == "" {
			return nil
		}
		var ranked [3][]string
		for i, m := range all {
			full, short := folded[i][0], folded[i][1]
			switch {
			case short == q || full == q:
				ranked[0] = append(ranked[0], m.Code)
			case strings.HasPrefix(short, q) || strings.HasPrefix(full, q):
				ranked[1] = append(ranked[1], m.Code)
			case strings.Contains(full, q):
				ranked[2] = append(ranked[2], m.Code)
			}
		}
		out := slices.Concat(ranked[:]...)
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	var queries []string
	for r := 'a'; r <= 'z'; r++ {
		queries = append(queries, string(r))
	}
	for _, m := range c.CommunesIn("12") {
		f := places.Fold(m.Name)
		for i := 0; i < len(f); i += 3 {
			queries = append(queries, f[i:], f[:len(f)-i], f[i:min(i+4, len(f))])
		}
		queries = append(queries, m.Name)
	}
	queries = append(queries, "xa", "phuong", "dac khu", "g x", "o\n", "xa ban bo\nxa")
	for _, q := range queries {
		for _, limit := range []int{0, 1, 7} {
			if got, want := codes(c.Search(q, limit)), scan(q, limit); !slices.Equal(got, want) {
				t.Errorf("Search(%q, %d) = %v, want %v", q, limit, got, want)
			}
		}
	}
}
