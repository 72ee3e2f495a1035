package forms_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// A list's table as CSV for Excel: a byte-order mark, one header row, one
// line per person, CRLF line ends. (The people are made up.)
func ExampleWriteCSV01() {
	l := &forms.List01{
		Province: "Lai Châu", CommuneCode: "03424", CommuneName: "Xã Bản Bo",
		Period: forms.Period{Year: 2026, Month: time.November}, PreparedOn: credit.MustDate(2026, time.November, 5),
		Rows: []forms.Row01{{
			FullName: "Lò Văn Hùng", DateOfBirth: credit.MustDate(1988, time.March, 2), Sex: forms.Male,
			IDNumber: "012088004512", Residence: "Bản Nà Bó, xã Bản Bo",
			ReleaseBasis: eligibility.Completion, CertificateNo: "45/GCN",
			CertificateDate: credit.MustDate(2022, time.March, 15), CompletedOn: credit.MustDate(2022, time.March, 15),
			Purpose: credit.Production, Amount: 50_000_000,
		}},
	}
	var b bytes.Buffer
	if err := forms.WriteCSV01(&b, l); err != nil {
		fmt.Println(err)
		return
	}
	text, bom := strings.CutPrefix(b.String(), "\ufeff")
	fmt.Println("byte-order mark:", bom, "CRLF:", strings.HasSuffix(text, "\r\n"))
	fmt.Print(strings.ReplaceAll(text, "\r\n", "\n"))
	// Output:
	// byte-order mark: true CRLF: true
	// STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận,Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú
	// 1,Lò Văn Hùng,02/03/1988,Nam,012088004512,"Bản Nà Bó, xã Bản Bo",Chấp hành xong án phạt tù,45/GCN,15/03/2022,15/03/2022,"Sản xuất, kinh doanh",50000000,,
}

// A table an officer saved from Excel: a title line, semicolons, money
// with dots, a totals row, an ID number that lost its leading zero and a
// date that does not exist. The bad cell is named by line and column.
func ExampleReadCSV01() {
	file := "DANH SÁCH THÁNG 11/2026;;;\r\n" +
		"STT;Họ và tên;Ngày sinh;Giới tính;Số định danh cá nhân;Số tiền cần vay (đồng);Mục đích vay;Nơi cư trú;Ngày chấp hành xong án phạt tù\r\n" +
		"1;Lò Văn Hùng;02/03/1988;Nam;12088004512;50.000.000;Sản xuất, kinh doanh;Bản Nà Bó;15/03/2022\r\n" +
		"2;Tòng Thị Mai;31/06/1995;Nữ;012195003318;24.000.000;Học nghề;Bản Bo;02/09/2024\r\n" +
		";Tổng cộng;;;;74.000.000;;;\r\n"
	rows, origin, err := forms.ReadCSV01(strings.NewReader(file), 0)
	var problems credit.Problems
	if err != nil && !errors.As(err, &problems) {
		fmt.Println("not read:", err)
		return
	}
	for i, r := range rows {
		fmt.Printf("line %d: %s %s %s %s\n", origin.Rows[i], r.FullName, r.IDNumber, r.Amount, r.Purpose)
	}
	for _, p := range problems {
		fmt.Printf("%s%d %s: %s\n", p.Column, p.Row, p.Pointer, p.Code)
	}
	// Output:
	// line 3: Lò Văn Hùng 012088004512 50000000 production
	// line 4: Tòng Thị Mai 012195003318 24000000 vocational_training
	// C4 /rows/1/date_of_birth: invalid_date
}
