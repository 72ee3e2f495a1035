package xlsx_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// A commune's list (synthetic) written as a workbook and read back.
func Example() {
	list := forms.List01{
		Province: "Lai Châu", CommuneCode: "03424", CommuneName: "Xã Bản Bo",
		Period:     forms.Period{Year: 2026, Month: time.November},
		PreparedOn: credit.MustDate(2026, time.November, 4),
		PreparedBy: "Hoàng Văn Dũng", CertifiedBy: "Lường Thị Hoa",
		Rows: []forms.Row01{{
			FullName: "Lò Văn Hùng", DateOfBirth: credit.MustDate(1988, time.April, 12), Sex: forms.Male,
			IDNumber: "012088004512", Residence: "Bản Nà Luồng, xã Bản Bo",
			ReleaseBasis: eligibility.Completion, CertificateNo: "125/GCN-THA",
			CertificateDate: credit.MustDate(2024, time.February, 20), CompletedOn: credit.MustDate(2024, time.February, 15),
			Purpose: credit.Production, Amount: 100_000_000,
		}},
	}
	var file bytes.Buffer
	if err := xlsx.Write01(&file, &list); err != nil {
		fmt.Println(err)
		return
	}
	got, origin, err := xlsx.Read01(context.Background(), &file, xlsx.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.CommuneName, got.Period, got.PreparedOn)
	for i, r := range got.Rows {
		fmt.Printf("sheet %s row %d: %s, ID %s, %s đồng\n", origin.Sheet, origin.Rows[i], r.FullName, r.IDNumber, r.Amount)
	}
	// A rule broken on the list is located in the sheet.
	got.Rows[0].Amount = 150_000_000
	var ps credit.Problems
	if errors.As(forms.Validate01(credit.DefaultBook(), &got), &ps) {
		origin.Locate(ps)
		for _, p := range ps {
			fmt.Printf("cell %s%d: %s\n", p.Column, p.Row, p.Code)
		}
	}
	// Output:
	// Xã Bản Bo 2026-11 2026-11-04
	// sheet Mau01 row 17: Lò Văn Hùng, ID 012088004512, 100000000 đồng
	// cell L17: above_cap
}
