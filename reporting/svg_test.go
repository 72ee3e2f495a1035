package reporting_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// The golden files of this package are rewritten with
//
//	go test ./reporting -update
//
// The flag is registered here unless another test file of the package
// already did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func goldenUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenCompare compares got with the file testdata/name, or rewrites the
// file under -update.
func goldenCompare(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	if goldenUpdating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change):\n%s", path, got)
	}
}

var svgCharts = []struct {
	file  string
	chart reporting.BarChart
}{
	{"demand_by_commune.svg", reporting.BarChart{
		Title: "Nhu cầu vốn theo xã, tháng 11/2026",
		Unit:  "đồng",
		Bars: []reporting.Bar{
			{Label: "Xã Bản Bo", Value: 74_000_000},
			{Label: "Xã Nậm Tăm", Value: 30_000_000},
			{Label: "Phường Tân Phong", Value: 100_000_000},
			{Label: "Xã Sì Lở Lầu", Value: 0},
		},
	}},
	{"outstanding_overdue.svg", reporting.BarChart{
		Title:         "Dư nợ và nợ quá hạn theo xã, ngày 30/9/2026",
		Unit:          "đồng",
		PrimaryName:   "Dư nợ",
		SecondaryName: "Nợ quá hạn",
		Bars: []reporting.Bar{
			{Label: "Xã Bản Bo", Value: 480_000_000, Secondary: 20_000_000},
			{Label: "Xã Nậm Tăm", Value: 90_000_000},
			{Label: "Phường Đoàn Kết", Value: 1_250_000_000, Secondary: 75_500_000},
		},
	}},
	{"capital_demand.svg", reporting.BarChart{
		Title: "Nguồn vốn và nhu cầu, 2024-2026",
		Bars: []reporting.Bar{
			{Label: "2024", Value: 2_000_000_000, Secondary: 1_500_000_000},
			{Label: "2025", Value: 2_400_000_000, Secondary: 2_600_000_000},
			{Label: "2026", Value: 3_000_000_000, Secondary: 3_100_000_000},
		},
	}},
	{"empty.svg", reporting.BarChart{Title: "Dư nợ theo xã", Unit: "đồng"}},
	{"zeros.svg", reporting.BarChart{
		Title: "Nợ quá hạn theo xã",
		Unit:  "đồng",
		Bars:  []reporting.Bar{{Label: "Xã Bản Bo"}, {Label: "Xã Nậm Tăm"}},
	}},
	{"escaping.svg", reporting.BarChart{
		Title: `Thôn <A> & "B"`,
		Unit:  "<đồng>",
		Bars: []reporting.Bar{
			{Label: `Xã <Nà> & "Bó"`, Value: 5},
			{Label: "Khu dân cư số 1 thuộc xã Bản Bo huyện Tam Đường tỉnh Lai Châu", Value: 1_000_000_000_000_000},
			{Label: "</text><script>alert(1)</script>", Value: 999},
		},
	}},
}

func svgRender(t *testing.T, c reporting.BarChart) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reporting.BarChartSVG(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// svgParse checks that doc is well-formed XML with one svg root element
// and returns the root's attributes and the text of its text elements.
func svgParse(t *testing.T, doc []byte) (root map[string]string, texts []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	depth, roots := 0, 0
	var inText bool
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root element %v", tok.Name)
				}
				root = map[string]string{}
				for _, a := range tok.Attr {
					root[a.Name.Local] = a.Value
				}
			}
			if tok.Name.Local == "text" {
				inText = true
				cur.Reset()
			}
			depth++
		case xml.EndElement:
			depth--
			if tok.Name.Local == "text" {
				inText = false
				texts = append(texts, cur.String())
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
	if roots != 1 || depth != 0 {
		t.Errorf("%d root elements, depth %d at the end", roots, depth)
	}
	return root, texts
}

func TestBarChartSVGGolden(t *testing.T) {
	for _, tc := range svgCharts {
		t.Run(tc.file, func(t *testing.T) {
			got := svgRender(t, tc.chart)
			goldenCompare(t, "svg/"+tc.file, got)
			if again := svgRender(t, tc.chart); !bytes.Equal(got, again) {
				t.Error("two renderings differ")
			}
			root, _ := svgParse(t, got)
			for _, a := range []string{"width", "height", "viewBox", "version", "font-family"} {
				if root[a] == "" {
					t.Errorf("svg element has no %s", a)
				}
			}
			if root["version"] != "1.1" || root["font-family"] != "sans-serif" || root["viewBox"] != "0 0 "+root["width"]+" "+root["height"] {
				t.Errorf("svg attributes %v", root)
			}
		})
	}
}

func TestBarChartSVGContent(t *testing.T) {
	_, texts := svgParse(t, svgRender(t, svgCharts[0].chart))
	for _, want := range []string{
		"Nhu cầu vốn theo xã, tháng 11/2026", "Đơn vị: đồng",
		"Xã Bản Bo", "74.000.000", "30.000.000", "100.000.000",
		"0", "20.000.000", "40.000.000", "60.000.000", "80.000.000", // the ticks
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	// One series: no legend.
	if slices.Contains(texts, "Chuỗi 1") {
		t.Errorf("legend drawn for one series")
	}

	_, texts = svgParse(t, svgRender(t, svgCharts[1].chart))
	for _, want := range []string{"Dư nợ", "Nợ quá hạn", "1.250.000.000", "75.500.000", "0"} {
		if !slices.Contains(texts, want) {
			t.Errorf("two series: no text %q in %q", want, texts)
		}
	}
	_, texts = svgParse(t, svgRender(t, svgCharts[2].chart))
	if !slices.Contains(texts, "Chuỗi 1") || !slices.Contains(texts, "Chuỗi 2") {
		t.Errorf("default series names missing: %q", texts)
	}

	_, texts = svgParse(t, svgRender(t, reporting.BarChart{}))
	if !slices.Equal(texts, []string{"Không có dữ liệu"}) {
		t.Errorf("empty chart: texts %q", texts)
	}
	_, texts = svgParse(t, svgRender(t, svgCharts[4].chart))
	if n := strings.Count(strings.Join(texts, "|"), "0"); n != 3 { // two values and the one tick
		t.Errorf("all-zero chart: texts %q", texts)
	}
}

func TestBarChartSVGEscaping(t *testing.T) {
	doc := svgRender(t, svgCharts[5].chart)
	for _, raw := range []string{"<Nà>", "<A>", "<script>", "& \"", "<đồng>"} {
		if bytes.Contains(doc, []byte(raw)) {
			t.Errorf("%q written unescaped", raw)
		}
	}
	_, texts := svgParse(t, doc)
	for _, want := range []string{
		`Thôn <A> & "B"`, "Đơn vị: <đồng>", `Xã <Nà> & "Bó"`,
		"Khu dân cư số 1 thuộc xã Bản Bo…", // cut after 31 characters and "…"
		"1.000.000.000.000.000",
		"</text><script>alert(1)</script>",
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	// Characters XML cannot hold become U+FFFD.
	_, texts = svgParse(t, svgRender(t, reporting.BarChart{Title: "a\x00b", Bars: []reporting.Bar{{Label: "c\x1bd\ufffee", Value: 1}}}))
	if !slices.Contains(texts, "a\ufffdb") || !slices.Contains(texts, "c\ufffdd\ufffde") {
		t.Errorf("control characters: texts %q", texts)
	}
	// The whole label stays in the bar's tooltip.
	if !bytes.Contains(doc, []byte("<title>Khu dân cư số 1 thuộc xã Bản Bo huyện Tam Đường tỉnh Lai Châu: ")) {
		t.Error("the long label is not whole in its tooltip")
	}
}

func TestBarChartSVGProblems(t *testing.T) {
	var b bytes.Buffer
	err := reporting.BarChartSVG(&b, reporting.BarChart{Bars: []reporting.Bar{
		{Label: "a", Value: 1},
		{Label: "b", Value: -1},
		{Label: "c", Value: reporting.MaxTotal + 1, Secondary: -5},
		{Label: "d", Value: reporting.MaxTotal},
	}})
	want := []plnProblem{
		{"/bars/1/value", credit.CodeNegative},
		{"/bars/2/value", credit.CodeOutOfRange},
		{"/bars/2/secondary", credit.CodeNegative},
	}
	if got := plnProblems(t, err); !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	if !errors.Is(err, credit.ErrNegativeAmount) || !errors.Is(err, credit.ErrAmountTooLarge) {
		t.Errorf("causes missing: %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written with the error", b.Len())
	}
}

type svgFailWriter struct{}

var errSVGWrite = errors.New("disk full")

func (svgFailWriter) Write([]byte) (int, error) { return 0, errSVGWrite }

func TestBarChartSVGWriteError(t *testing.T) {
	if err := reporting.BarChartSVG(svgFailWriter{}, svgCharts[0].chart); !errors.Is(err, errSVGWrite) {
		t.Errorf("error %v, want the writer's", err)
	}
}

func TestBarChartSVGTicks(t *testing.T) {
	// The axis ends on the first round number at or above the largest value.
	for _, tc := range []struct {
		top  credit.VND
		want []string
	}{
		{1, []string{"0", "1"}},
		{7, []string{"0", "2", "4", "6", "8"}},
		{10, []string{"0", "2", "4", "6", "8", "10"}},
		{74_000_000, []string{"0", "20.000.000", "40.000.000", "60.000.000", "80.000.000"}},
		{100_000_000, []string{"0", "20.000.000", "40.000.000", "60.000.000", "80.000.000", "100.000.000"}},
		{101_000_000, []string{"0", "25.000.000", "50.000.000", "75.000.000", "100.000.000", "125.000.000"}},
		{3, []string{"0", "1", "2", "3"}},
		{1_250_000_000, []string{"0", "250.000.000", "500.000.000", "750.000.000", "1.000.000.000", "1.250.000.000"}},
	} {
		_, texts := svgParse(t, svgRender(t, reporting.BarChart{Bars: []reporting.Bar{{Label: "x", Value: tc.top}}}))
		// texts: the ticks, then the label and the value.
		if got := texts[:len(texts)-2]; !slices.Equal(got, tc.want) {
			t.Errorf("top %d: ticks %q, want %q", tc.top, got, tc.want)
		}
	}
}
