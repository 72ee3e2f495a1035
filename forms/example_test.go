package forms_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/lending"
	"github.com/vnreentry/credit/places"
)

// exampleRow is the row of the HTTP contract's example list.
func exampleRow() forms.Row01 {
	return forms.Row01{
		FullName:        "Lò Văn Hùng",
		DateOfBirth:     credit.MustDate(1988, time.March, 2),
		Sex:             forms.Male,
		IDNumber:        "012088004512",
		Residence:       "Bản Nà Bó, xã Bản Bo",
		ReleaseBasis:    eligibility.Completion,
		CertificateNo:   "45/GCN",
		CertificateDate: credit.MustDate(2022, time.March, 15),
		CompletedOn:     credit.MustDate(2022, time.March, 15),
		Purpose:         credit.Production,
		Amount:          50_000_000,
	}
}

// A commune list with two mistakes: an amount above the cap, and a second
// person entered with the first one's ID number. Every problem comes back
// at once, with a pointer, a stable code and a message that quotes neither
// names nor numbers.
func ExampleValidate01() {
	second := exampleRow()
	second.FullName = "Lò Văn Hưng"
	first := exampleRow()
	first.Amount = 150_000_000

	l := &forms.List01{
		Province:    "Lai Châu",
		CommuneCode: "03424",
		CommuneName: "Xã Bản Bo",
		Period:      forms.Period{Year: 2026, Month: time.November},
		PreparedOn:  credit.MustDate(2026, time.November, 5),
		PreparedBy:  "Trưởng Công an xã",
		CertifiedBy: "Chủ tịch UBND xã",
		Rows:        []forms.Row01{first, second},
	}
	err := forms.Validate01(credit.DefaultBook(), l)
	var problems credit.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Printf("%s %s\n  %s\n", p.Pointer, p.Code, p.Message.VI)
		}
	}
	// Output:
	// /rows/0/amount above_cap
	//   Vượt mức cho vay tối đa 100.000.000 đồng (Điều 6 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg).
	// /rows/1/id_number duplicate_id_number
	//   Số định danh trùng với dòng số 1 của danh sách.
}

// A row of a certified list becomes an application on the list's date; the
// caller adds what the form does not say (debt to VBSP for the same
// purpose, a capable adult in the household) and lending.Assess decides it
// and works out the terms, at the rate of the commune's province.
func ExampleList01_Application() {
	l := &forms.List01{
		Province:    "Lai Châu",
		CommuneCode: "03424",
		CommuneName: "Xã Bản Bo",
		Period:      forms.Period{Year: 2024, Month: time.June},
		PreparedOn:  credit.MustDate(2024, time.June, 1),
		PreparedBy:  "Trưởng Công an xã",
		CertifiedBy: "Chủ tịch UBND xã",
		Rows:        []forms.Row01{exampleRow()},
	}
	book := credit.DefaultBook()
	if err := forms.Validate01(book, l); err != nil {
		fmt.Println(err)
		return
	}
	a := l.Application(0)
	a.SamePurposeDebt = eligibility.No                      // checked in VBSP's records
	a.Individual.HouseholdHasCapableAdult = eligibility.Yes // and with the household
	as, err := lending.Assess(book, a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(as.Decision.Verdict)
	for _, f := range as.Decision.Findings {
		fmt.Printf("  %-30s %s\n", f.Rule, f.Outcome)
	}
	t := as.Terms
	fmt.Printf("cap %s, amount %s, at most %d months, %s, %s via the %s\n",
		t.Cap, t.Amount, t.MaxTermMonths, t.Rate, t.Method, t.BorrowerOfRecord)
	// Output:
	// eligible
	//   individual.release_document    met
	//   individual.release_window      met
	//   individual.commune_list        met
	//   borrower.no_same_purpose_debt  met
	//   purpose.allowed                met
	// cap 100000000, amount 50000000, at most 120 months, 0.55%/month, entrusted via the household
}

// An establishment's share of qualifying ex-prisoner workers is counted
// from its worker list: only workers who themselves meet the conditions
// count (here one of two: the other is not on the commune list).
func ExamplePlan02_Application() {
	worker := func(name, id string, onList eligibility.Fact) forms.Worker02 {
		return forms.Worker02{
			FullName:      name,
			DateOfBirth:   credit.MustDate(1990, time.May, 20),
			Sex:           forms.Male,
			IDNumber:      id,
			ReleaseBasis:  eligibility.Completion,
			CertificateNo: "12/GCN",
			CompletedOn:   credit.MustDate(2023, time.May, 20),
			OnCommuneList: onList,
			ContractNo:    "01/2026/HĐLĐ",
			ContractDate:  credit.MustDate(2026, time.October, 1),
		}
	}
	pl := &forms.Plan02{
		Province:            "Lai Châu",
		CommuneCode:         "03424",
		CommuneName:         "Xã Bản Bo",
		PreparedOn:          credit.MustDate(2026, time.November, 5),
		Name:                "Hộ kinh doanh đồ gỗ Bản Bo",
		Kind:                eligibility.HouseholdBusiness,
		RegistrationNo:      "12H8001234",
		Address:             "Bản Nà Bó, xã Bản Bo",
		LegalRepresentative: "Tòng Văn Khánh",
		Workers: []forms.Worker02{
			worker("Lường Văn Sáng", "012090001234", eligibility.Yes),
			worker("Lò Văn Pấng", "012090005678", eligibility.No),
		},
		Purpose:         credit.Production,
		CapitalNeed:     300_000_000,
		OwnCapital:      100_000_000,
		AmountRequested: 100_000_000,
		TermMonths:      36,
		RepaymentPlan:   "Trả gốc 6 tháng một lần.",
		ConfirmedOn:     credit.MustDate(2026, time.November, 10),
		ConfirmedBy:     "Chủ tịch UBND xã",
	}
	book := credit.DefaultBook()
	for _, total := range []int{10, 11} {
		pl.TotalWorkers = total
		if err := forms.Validate02(book, pl); err != nil {
			fmt.Println(err)
			return
		}
		a, err := pl.Application(book)
		if err != nil {
			fmt.Println(err)
			return
		}
		// Not on the form: the caller checked the registration and VBSP's
		// records.
		a.Establishment.Lawful = eligibility.Yes
		a.SamePurposeDebt = eligibility.No
		d, err := eligibility.Decide(book, a)
		if err != nil {
			fmt.Println(err)
			return
		}
		q, _ := a.Establishment.QualifyingWorkers.Get()
		f, _ := d.Finding(eligibility.WorkerShare)
		fmt.Printf("%d of %d workers qualify (at least %d %%): %s, %s\n", q, total, f.MinSharePct, f.Outcome, d.Verdict)
	}
	// Output:
	// 1 of 10 workers qualify (at least 10 %): met, eligible
	// 1 of 11 workers qualify (at least 10 %): not_met, ineligible
}

// A store that keeps its own map of communes (here the 2025 map and one
// commune more) checks forms against it. The province is the commune's:
// left empty, it is filled in.
func ExampleChecker() {
	communes, err := places.New(credit.Provinces(), append(places.Default().Communes(),
		places.Commune{Code: "99001", Name: "Xã Thử Nghiệm", ProvinceCode: "12"}))
	if err != nil {
		fmt.Println(err)
		return
	}
	l := &forms.List01{
		CommuneCode: "99001",
		CommuneName: "Xã Thử Nghiệm",
		Period:      forms.Period{Year: 2026, Month: time.November},
		PreparedOn:  credit.MustDate(2026, time.November, 5),
		PreparedBy:  "Trưởng Công an xã",
		CertifiedBy: "Chủ tịch UBND xã",
		Rows:        []forms.Row01{exampleRow()},
	}
	book := credit.DefaultBook()
	err = forms.Checker{Book: book, Communes: communes}.Validate01(l)
	fmt.Printf("own map: %v; province %q, code %s\n", err, l.Province, l.ProvinceCode(communes))

	var problems credit.Problems
	if errors.As(forms.Validate01(book, l), &problems) {
		fmt.Println("2025 map:", problems[0].Pointer, problems[0].Code)
	}
	// Output:
	// own map: <nil>; province "Tỉnh Lai Châu", code 12
	// 2025 map: /commune_code unknown_commune
}
