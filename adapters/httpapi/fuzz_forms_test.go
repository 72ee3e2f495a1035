package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// fuzzForm01Seeds are the seeds of FuzzForm01Validate, fuzzForm02Seeds those
// of FuzzForm02Validate and fuzzImport01Seeds the text seeds of
// FuzzForm01Import. The same seeds are stored as files in
// testdata/fuzz/<FuzzName>/ (seed-01 … seed-NN, in this order), so that
// `go test` replays them even without -fuzz; TestFormFuzzSeedFiles checks
// that the files and the lists agree, and `go test -run TestFormFuzzSeedFiles
// -update-fuzz-seeds` rewrites them. FuzzForm01Import also has two seeds made
// by the server itself, an exported workbook and an exported CSV file
// (export-xlsx, export-csv: written by -update-fuzz-seeds, checked to exist).
var fuzzForm01Seeds = []string{
	// 01 the contract's example: valid.
	contractList01,
	// 02 three rows, one for training, one with a formula-like note: valid.
	`{"province":"Lai Châu","commune_code":"03424","commune_name":"Xã Bản Bo","period":"2026-11","prepared_on":"2026-11-05","prepared_by":"Trưởng Công an xã","certified_by":"Chủ tịch UBND xã","rows":[` + contractRow01 + `,` + trainingRow01 + `,` + formulaRow01 + `]}`,
	// 03 every rule broken at once: 422.
	`{"province":"","commune_code":"03199031990","commune_name":"Xã Bản Bo","period":"2026-13","prepared_on":"2026-11-05","rows":[{"full_name":"Lò Văn Hùng","date_of_birth":"1990-03-02","sex":"female","id_number":"012088004512","residence":"x","release_basis":"conditional_release","certificate_no":"1","certificate_date":"2026-12-01","completed_on":"2020-01-01","purpose":"production","amount":"100000001","course_months":3},{"full_name":"A","date_of_birth":"1988-02-30","sex":"male","id_number":"012088004512","residence":"x","release_basis":"completion","certificate_no":"1","certificate_date":"2022-01-01","completed_on":"2026-12-01","purpose":"vocational_training","amount":"-5"}]}`,
	// 04 wrong JSON types everywhere: 422.
	`{"province":1,"commune_code":true,"period":202611,"prepared_on":[],"rows":[5,"x",null,{"full_name":{},"date_of_birth":19880302,"sex":1,"id_number":12088004512,"amount":true,"course_months":"6","note":[]}]}`,
	// 05 rows as a string.
	`{"province":"Lai Châu","rows":"Lò Văn Hùng"}`,
	// 06 huge and odd numbers.
	`{"period":"2026-11","prepared_on":"2026-11-05","rows":[{"amount":1e400,"course_months":99999999999999999999999,"purpose":"vocational_training"},{"amount":-1e30,"course_months":-1.0},{"amount":"99999999999999999999999","course_months":1e1}]}`,
	// 07 unknown fields, one in capitals, one a name: 400.
	`{"Province":"Lai Châu","rows":[{"full_name":"A","nickname":"x","Lò Văn Hùng":1}],"workers":[]}`,
	// 08 trailing data: 400.
	contractList01 + ` {"x":1}`,
	// 09 escapes, a NUL, invalid UTF-8.
	"{\"province\":\"L\\u0061i Ch\\u00e2u\\u0000\",\"period\":\"2026\\u002d11\",\"rows\":[{\"full_name\":\"\xff\xfe\",\"id_number\":\"\\u0030\\u0031\\u0032088004512\"}]}",
	// 10 the empty object.
	`{}`,
	// 11 null.
	`null`,
	// 12 an array holding a list.
	`[` + contractList01 + `]`,
	// 13 dates at the ends of the calendar, a period at its end.
	`{"province":"a","commune_code":"1","commune_name":"b","period":"9999-12","prepared_on":"9999-12-31","prepared_by":"c","certified_by":"d","rows":[{"full_name":"e","date_of_birth":"0001-01-01","sex":"male","id_number":"001000000000","residence":"f","release_basis":"special_amnesty","certificate_no":"g","certificate_date":"0001-01-01","completed_on":"9999-12-31","purpose":"production","amount":"1"}]}`,
	// 14 deep nesting.
	`{"rows":[{"full_name":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]}`,
}

var fuzzForm02Seeds = []string{
	// 01 the example plan: valid.
	examplePlan02,
	// 02 every rule broken at once: 422.
	`{"province":"Lai Châu","commune_code":"03424","commune_name":"Xã Bản Bo","prepared_on":"2026-10-20","name":"HTX","kind":"cooperative","registration_no":"1","address":"x","legal_representative":"y","total_workers":1,"workers":[{"full_name":"A","date_of_birth":"1990-01-01","sex":"female","id_number":"012088004512","release_basis":"completion","certificate_no":"1","completed_on":"2026-11-01","on_commune_list":true,"contract_no":"1","contract_date":"2026-11-01"},{"full_name":"B","date_of_birth":"1988-01-01","sex":"male","id_number":"012088004512","release_basis":"pardon","certificate_no":"2","completed_on":"2022-01-01","on_commune_list":"yes","contract_no":"2","contract_date":"2022-01-01"}],"purpose":"vocational_training","capital_need":"100","own_capital":"200","amount_requested":"3000000000","term_months":121,"repayment_plan":"z","confirmed_on":"2026-10-19"}`,
	// 03 wrong JSON types everywhere: 422.
	`{"province":1,"kind":true,"total_workers":"25","workers":[1,"x",null,{"on_commune_list":1,"full_name":[]}],"capital_need":true,"term_months":60.5}`,
	// 04 huge numbers.
	`{"total_workers":1e400,"capital_need":1e400,"own_capital":-1e400,"amount_requested":"99999999999999999999999","term_months":-99999999999999999999}`,
	// 05 unknown fields: 400.
	`{"name":"x","workers":[{"residence":"y"}],"rows":[]}`,
	// 06 the empty object.
	`{}`,
	// 07 a JSON scalar.
	`"plan"`,
}

var fuzzImport01Seeds = []string{
	// 01 a CSV list as the export writes it: valid with the header query.
	"\ufeffSTT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận,Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú\r\n" +
		"1,Lò Văn Hùng,02/03/1988,Nam,012088004512,\"Bản Nà Bó, xã Bản Bo\",Chấp hành xong án phạt tù,45/GCN,15/03/2022,15/03/2022,\"Sản xuất, kinh doanh\",50000000,,\r\n",
	// 02 as an officer keeps it: semicolons, a title and header fields
	// above, column numbers, English headings, 11-digit ID, grouped money,
	// ISO dates, the API's names, a totals line.
	"DANH SÁCH NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ CÓ NHU CẦU VAY VỐN;;;\nTỉnh: Lai Châu;;;\n\n" +
		"No.;Full name;Date of birth;Sex;Personal ID number;Place of residence;Release certificate;Certificate no.;Certificate date;Sentence completed on;Loan purpose;Amount needed (VND);Course months;Note\n" +
		"(1);(2);(3);(4);(5);(6);(7);(8);(9);(10);(11);(12);(13);(14)\n" +
		"1;Tòng Thị Mai;1990-09-03;female;12190001234;Bản Cốc Phát;special_amnesty;08/GCN;2025-09-02;2025-09-01;vocational_training;12.000.000;3;'=1+1\n" +
		";;;;;;;;;;;;;\nTổng cộng;1;;;;;;;;;;12.000.000;;\n",
	// 03 bad cells everywhere.
	"STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận,Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú\n" +
		"1,A,31/02/1988,Trai,01208800451X,x,Tha bổng,1,hôm qua,45231.5,Nhà ở,50tr,-3,\n2,B,45231,Nữ,012190001234,y,Đặc xá,2,1/1/2024,2024-01-01,Học nghề,1e400,999999999,\"multi\nline\"\n",
	// 04 a header row only.
	"STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận\n",
	// 05 a broken quote.
	"STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận\n1,\"A,\"\"B\n",
	// 06 UTF-16.
	"\xff\xfeS\x00T\x00T\x00",
	// 07 a zip header and garbage.
	"PK\x03\x04\x14\x00\x00\x00garbage",
	// 08 a PNG header.
	"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	// 09 empty.
	"",
	// 10 invalid UTF-8 in a row.
	"STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận\n1,\xc3\x28,,,,,,\n",
}

// fuzzImportQuery is the header of the contract's list, as the query of a
// CSV import, so that an imported CSV file can be valid.
const fuzzImportQuery = "?province=Lai+Ch%C3%A2u&commune_code=03424&commune_name=X%C3%A3+B%E1%BA%A3n+Bo&period=2026-11&prepared_on=2026-11-05&prepared_by=Tr%C6%B0%E1%BB%9Fng+C%C3%B4ng+an+x%C3%A3&certified_by=Ch%E1%BB%A7+t%E1%BB%8Bch+UBND+x%C3%A3"

// generatedImportSeeds are the seeds of FuzzForm01Import the server makes:
// the contract's list (three rows) exported as a workbook and as CSV.
func generatedImportSeeds(t testing.TB) map[string][]byte {
	h := httpapi.New(httpapi.Options{})
	return map[string][]byte{
		"export-xlsx": exported(t, h, "01", "xlsx", fuzzForm01Seeds[1]),
		"export-csv":  exported(t, h, "01", "csv", fuzzForm01Seeds[1]),
	}
}

func fuzzSeedFile(b []byte) string { return fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b) }

// TestFormFuzzSeedFiles checks that the seed files of the form fuzzers are
// the seed lists, in the `go test fuzz v1` format.
func TestFormFuzzSeedFiles(t *testing.T) {
	for name, seeds := range map[string][]string{
		"FuzzForm01Validate": fuzzForm01Seeds,
		"FuzzForm02Validate": fuzzForm02Seeds,
		"FuzzForm01Import":   fuzzImport01Seeds,
	} {
		dir := filepath.Join("testdata", "fuzz", name)
		for i, s := range seeds {
			file := filepath.Join(dir, fmt.Sprintf("seed-%02d", i+1))
			want := fuzzSeedFile([]byte(s))
			if *updateFuzzSeeds {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(file)
			if err != nil {
				t.Errorf("%s: %v (run with -update-fuzz-seeds)", file, err)
				continue
			}
			if string(got) != want {
				t.Errorf("%s differs from seed %d of %s (run with -update-fuzz-seeds)", file, i+1, name)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("seed-%02d", len(seeds)+1))); err == nil {
			t.Errorf("%s has more seed files than %s has seeds", dir, name)
		}
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzForm01Import")
	for name, b := range generatedImportSeeds(t) {
		file := filepath.Join(dir, name)
		if *updateFuzzSeeds {
			if err := os.WriteFile(file, []byte(fuzzSeedFile(b)), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (run with -update-fuzz-seeds)", file, err)
			continue
		}
		if !strings.HasPrefix(string(got), "go test fuzz v1\n[]byte(\"") {
			t.Errorf("%s is not a []byte seed", file)
		}
	}
}

// FuzzForm01Validate posts arbitrary bytes to POST /v1/forms/01/validate:
// never a 500 or a panic, a problem that is complete, and a 200 that is
// exactly {"valid": true, "rows": N}, N the rows sent.
func FuzzForm01Validate(f *testing.F) {
	for _, s := range fuzzForm01Seeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := fuzzPost(t, h, "/v1/forms/01/validate", body)
		if rec.Code != http.StatusOK {
			return
		}
		var out struct {
			Valid bool `json:"valid"`
			Rows  *int `json:"rows"`
		}
		strictJSON(t, rec.Body.Bytes(), &out)
		var req struct {
			Rows []json.RawMessage `json:"rows"`
		}
		if err := json.Unmarshal(jsonText(body), &req); err != nil {
			t.Fatalf("200 for a body encoding/json cannot read: %v: %q", err, body)
		}
		if !out.Valid || out.Rows == nil || *out.Rows != len(req.Rows) || *out.Rows < 1 {
			t.Fatalf("200 %s for %d rows", rec.Body, len(req.Rows))
		}
	})
}

// FuzzForm02Validate is FuzzForm01Validate for POST /v1/forms/02/validate.
func FuzzForm02Validate(f *testing.F) {
	for _, s := range fuzzForm02Seeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := fuzzPost(t, h, "/v1/forms/02/validate", body)
		if rec.Code != http.StatusOK {
			return
		}
		var out struct {
			Valid   bool `json:"valid"`
			Workers *int `json:"workers"`
		}
		strictJSON(t, rec.Body.Bytes(), &out)
		var req struct {
			Workers []json.RawMessage `json:"workers"`
		}
		if err := json.Unmarshal(jsonText(body), &req); err != nil {
			t.Fatalf("200 for a body encoding/json cannot read: %v: %q", err, body)
		}
		if !out.Valid || out.Workers == nil || *out.Workers != len(req.Workers) || *out.Workers < 1 {
			t.Fatalf("200 %s for %d workers", rec.Body, len(req.Workers))
		}
	})
}

// FuzzForm01Import posts arbitrary bytes (CSV text, workbooks) as the file
// of POST /v1/forms/01/import: never a 500 or a panic; a file that is not
// the form is a 422; a 200 is a well-formed answer (valid exactly when there
// are no errors, every error with a pointer and a consistent cell, as many
// rows as the list has) whose list is a body POST /v1/forms/01/validate
// accepts as JSON (never a 400), and finds valid when the import did. (An
// invalid import may validate: a cell that cannot be read is blank in the
// list, and a blank optional cell is no problem.)
func FuzzForm01Import(f *testing.F) {
	for _, s := range fuzzImport01Seeds {
		f.Add([]byte(s))
	}
	for _, b := range generatedImportSeeds(f) {
		f.Add(b)
	}
	h := httpapi.New(httpapi.Options{MaxUploadBytes: 1 << 20, MaxBodyBytes: 64 << 20})
	f.Fuzz(func(t *testing.T, file []byte) {
		rec := fuzzPost(t, h, "/v1/forms/01/import"+fuzzImportQuery, file)
		if rec.Code == http.StatusBadRequest {
			t.Fatalf("400 from an import: %s", rec.Body)
		}
		if rec.Code != http.StatusOK {
			return
		}
		var out import01Out
		strictJSON(t, rec.Body.Bytes(), &out)
		if out.Valid != (len(out.Errors) == 0) {
			t.Fatalf("valid %v with %d errors: %s", out.Valid, len(out.Errors), rec.Body)
		}
		switch {
		case out.Format == "csv" && out.Sheet == "":
		case out.Format == "xlsx" && out.Sheet != "":
		default:
			t.Fatalf("format %q, sheet %q", out.Format, out.Sheet)
		}
		for _, e := range out.Errors {
			if e.Pointer == nil || *e.Pointer != "" && (*e.Pointer)[0] != '/' || e.Code == "" || e.Detail == "" || e.DetailEN == "" {
				t.Fatalf("incomplete problem item: %s", rec.Body)
			}
			if (e.Row > 0 && e.Column != "") != (e.Cell != "") || e.Cell != "" && e.Cell != e.Column+fmt.Sprint(e.Row) {
				t.Fatalf("cell %q, column %q, row %d: %s", e.Cell, e.Column, e.Row, rec.Body)
			}
			if e.Row < 0 {
				t.Fatalf("row %d: %s", e.Row, rec.Body)
			}
		}
		var list struct {
			Rows []json.RawMessage `json:"rows"`
		}
		if err := json.Unmarshal(out.List, &list); err != nil || len(list.Rows) != out.Rows {
			t.Fatalf("list of %d rows, rows %d (%v): %s", len(list.Rows), out.Rows, err, rec.Body)
		}

		// The list goes back to validate as it is.
		back := httptest.NewRecorder()
		h.ServeHTTP(back, httptest.NewRequest(http.MethodPost, "/v1/forms/01/validate", bytes.NewReader(out.List)))
		switch {
		case back.Code == http.StatusOK, back.Code == http.StatusUnprocessableEntity && !out.Valid:
		default:
			t.Fatalf("import valid %v, validate of its list %d: %s\nimport: %s", out.Valid, back.Code, back.Body, rec.Body)
		}
	})
}
