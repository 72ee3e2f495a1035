package httpapi_test

import (
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/xlsx/xlsxtest"
	"github.com/vnreentry/credit/forms"
)

// recipeWorkbook builds a workbook from a recipe: the contract's list
// exported, its sheet replaced by the headings of Mẫu 01 and then a piece
// for each 3 bytes of the recipe — a kind and a count of up to 2^20 — some
// of them large, in the way the hostile workbooks are (nested elements,
// attributes, long texts, many rows or cells, shared strings, comments,
// rows and columns out of range), so that the fuzzer explores the bounds
// of the reader rather than the zip format. A kind of 15 puts its two
// bytes in the sheet as they are.
func recipeWorkbook(t testing.TB, valid []byte, recipe []byte) []byte {
	pieces := []xlsxtest.Piece{xlsxtest.Once(xlsxtest.SheetOpen + xlsxtest.Headings01())}
	var sst []xlsxtest.Piece
	for i := 0; i+2 < len(recipe) && len(pieces) < 64; i += 3 {
		kind := recipe[i] % 16
		n := int(binary.LittleEndian.Uint16(recipe[i+1:]))
		big := (n & 0x8000) << 5 // up to 2^20 when the top bit is set
		n = n&0x7fff + big
		cell := `<c t="inlineStr"><is><t>x</t></is></c>`
		switch kind {
		case 0: // rows of 13 cells
			pieces = append(pieces, xlsxtest.Rep(`<row>`+strings.Repeat(cell, 13)+`</row>`, n))
		case 1: // nesting
			pieces = append(pieces, xlsxtest.Rep("<a>", n))
		case 2: // closing
			pieces = append(pieces, xlsxtest.Rep("</a>", n))
		case 3: // a cell of many attributes
			pieces = append(pieces, xlsxtest.Once(`<row><c`), xlsxtest.Rep(` x="1"`, n), xlsxtest.Once(`/></row>`))
		case 4: // a long text
			pieces = append(pieces, xlsxtest.Once(`<row><c t="inlineStr"><is><t>`), xlsxtest.Rep("y", n), xlsxtest.Once(`</t></is></c></row>`))
		case 5: // a wide row
			pieces = append(pieces, xlsxtest.Once(`<row>`), xlsxtest.Rep(cell, n), xlsxtest.Once(`</row>`))
		case 6: // shared strings, and a cell using the last
			sst = append(sst, xlsxtest.Rep(`<si><t>z</t></si>`, n))
			pieces = append(pieces, xlsxtest.Once(`<row><c t="s"><v>`+strconv.Itoa(n)+`</v></c></row>`))
		case 7: // empty elements
			pieces = append(pieces, xlsxtest.Rep("<e/>", n))
		case 8: // a comment
			pieces = append(pieces, xlsxtest.Once("<!--"), xlsxtest.Rep("-", n/2), xlsxtest.Once("-->"))
		case 9: // a numbered row
			pieces = append(pieces, xlsxtest.Once(`<row r="`+strconv.Itoa(n*64)+`">`+cell+`</row>`))
		case 10: // a cell in a column
			pieces = append(pieces, xlsxtest.Once(`<row><c r="`+forms.ColumnLetters(n)+`9"><v>1</v></c></row>`))
		case 11: // text between elements
			pieces = append(pieces, xlsxtest.Rep(" ", n))
		case 12: // a valid row of the list, many times
			pieces = append(pieces, xlsxtest.Rep(`<row><c t="inlineStr"><is><t>1</t></is></c><c t="inlineStr"><is><t>Lò Văn Hùng</t></is></c>`+
				`<c><v>32204</v></c><c t="inlineStr"><is><t>Nam</t></is></c><c t="inlineStr"><is><t>012088004512</t></is></c></row>`, n))
		case 13: // CDATA
			pieces = append(pieces, xlsxtest.Once(`<row><c t="inlineStr"><is><t><![CDATA[`), xlsxtest.Rep("]", n), xlsxtest.Once(`]]></t></is></c></row>`))
		case 14: // entities
			pieces = append(pieces, xlsxtest.Once(`<row><c t="inlineStr"><is><t>`), xlsxtest.Rep("&amp;&#x1EA1;", n), xlsxtest.Once(`</t></is></c></row>`))
		case 15:
			pieces = append(pieces, xlsxtest.Once(string(recipe[i+1:i+3])))
		}
	}
	pieces = append(pieces, xlsxtest.Once(xlsxtest.SheetClose))
	data, err := xlsxtest.Replace(valid, xlsxtest.SheetPart, pieces...)
	if err != nil {
		t.Fatal(err)
	}
	if sst != nil {
		sst = append([]xlsxtest.Piece{xlsxtest.Once(`<sst>`)}, append(sst, xlsxtest.Once(`</sst>`))...)
		if data, err = xlsxtest.Replace(data, xlsxtest.SharedStringsPart, sst...); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// FuzzImportWorkbook posts generated workbooks (recipeWorkbook) to
// POST /v1/forms/01/import: every answer is a 200, 413 or 422, never a
// 500, with a heap of at most 100 MiB above where it started, and within 5
// seconds (each input alone takes at most about one: the bound is loose
// because the fuzzer's workers share two cores here; it is there to catch
// a cost that grows faster than the input).
func FuzzImportWorkbook(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{0, 10, 0},                 // ten rows of junk
		{12, 100, 0},               // a hundred rows of a person
		{1, 0xff, 0xff},            // nested a million deep
		{3, 0, 0x80},               // a cell of 2^20 attributes
		{4, 0xff, 0xff},            // a text of a million bytes
		{5, 0x20, 0x80},            // a row of a million cells
		{6, 0xff, 0xff},            // a million shared strings
		{7, 0xff, 0xff},            // a million empty elements
		{9, 0xff, 0x7f, 9, 1, 0},   // rows out of order
		{10, 0x40, 0, 10, 0, 0},    // columns out of range
		{0, 0xff, 0xff, 8, 4, 0},   // many rows, then a comment
		{15, '<', '!', 1, 2, 0},    // a document type
		{13, 0x10, 0, 14, 0x10, 0}, // CDATA, entities
	} {
		f.Add(seed)
	}
	h := httpapi.New(httpapi.Options{})
	valid := exportedWorkbook(f)
	f.Fuzz(func(t *testing.T, recipe []byte) {
		data := recipeWorkbook(t, valid, recipe)
		var rec *httptest.ResponseRecorder
		cpu0 := xlsxtest.CPUTime()
		took, _, peak := xlsxtest.PeakHeap(func() { rec = postFile(h, "/v1/forms/01/import", mediaTypes["xlsx"], data) })
		if cpu := xlsxtest.CPUTime() - cpu0; cpu > 0 {
			took = min(took, cpu) // other processes on a busy machine do not count
		}
		switch rec.Code {
		case http.StatusOK, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if raceEnabled {
			return // time and memory are not measured under the race detector
		}
		if took > 5*time.Second || peak > 100<<20 {
			t.Fatalf("%d bytes took %v and a heap of +%d MiB (status %d)", len(data), took, peak>>20, rec.Code)
		}
	})
}
