package forms

import (
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
)

// Checker validates forms against a parameter book and an administrative
// map: Validate01 and Validate02 are Checker{Book: b}.Validate01 and
// .Validate02, with the map of 2025. A store that keeps its own map of
// communes (one an operator updates) checks with it:
//
//	err := forms.Checker{Book: book, Communes: communes}.Validate01(&list)
//
// A Checker is a small value, safe to copy and to share between goroutines.
type Checker struct {
	// Book gives the parameters in force on the form's date. Required.
	Book *credit.Book
	// Communes are the communes a form may name; nil is places.Default(),
	// the 3,321 units in force since 2025-07-01.
	Communes *places.Catalogue
}

// communes returns the catalogue to check against.
func (c Checker) communes() *places.Catalogue {
	if c.Communes == nil {
		return places.Default()
	}
	return c.Communes
}

var (
	msgProvinceNotInBook = credit.Text{
		VI: "Tỉnh của xã có mã này không có trong bộ tham số của chính sách (danh mục xã và bộ tham số không khớp nhau); báo cho người quản trị hệ thống.",
		EN: "The province of this commune is not in the policy's parameter book (the list of communes and the book disagree); tell the system's administrator.",
	}
	msgUnknownCommune = credit.Text{
		VI: "Mã xã không có trong danh mục đơn vị hành chính cấp xã: ghi mã 5 chữ số của xã, phường, đặc khu theo danh mục từ ngày 01/7/2025 (Quyết định 19/2025/QĐ-TTg; ví dụ 03424 là Xã Bản Bo, tỉnh Lai Châu).",
		EN: "The commune code is not in the list of commune-level units: write the 5-digit code of the commune, ward or special zone in the list in force since 1 July 2025 (Decision 19/2025/QĐ-TTg; for example 03424 is Xã Bản Bo, Lai Châu).",
	}
)

// msgProvinceMismatch names the province the commune belongs to (a place
// of the catalogue, not what was written on the form).
func msgProvinceMismatch(p credit.Province) credit.Text {
	return credit.Text{
		VI: "Tỉnh không khớp với mã xã: xã có mã này thuộc " + p.Name + ". Sửa tên tỉnh, hoặc để trống để lấy theo mã xã.",
		EN: "The province does not match the commune code: that commune is in " + p.Name + ". Correct the province, or leave it empty to take it from the commune code.",
	}
}

// checkPlace checks a form's commune and province against the catalogue c:
// the commune code must be one of its communes (else CodeUnknownCommune);
// an empty province is filled with the name of the commune's province, and
// a given one must name it, with or without its kind, compared folded
// (places.Catalogue.ProvinceNamed: "Lai Châu" and "Tỉnh Lai Châu" both
// name province 12; else CodeProvinceMismatch). A field the field rules
// already found wrong (missing, damaged, too long) is not checked again. It
// returns the two-digit code of the commune's province, "" when unknown.
func checkPlace(pr *credit.Problems, c *places.Catalogue, province *string, communeCode string) string {
	if pr.Has("/commune_code") {
		return ""
	}
	m, ok := c.Commune(communeCode)
	if !ok {
		pr.Add("/commune_code", CodeUnknownCommune, msgUnknownCommune, ErrForm)
		return ""
	}
	p, ok := c.Province(m.ProvinceCode)
	if !ok { // not for a catalogue built by places.New
		return ""
	}
	switch {
	case pr.Has("/province"):
	case strings.TrimSpace(*province) == "":
		*province = p.Name
	default:
		if named, ok := c.ProvinceNamed(*province); !ok || named.Code != p.Code {
			pr.Add("/province", CodeProvinceMismatch, msgProvinceMismatch(p), ErrForm)
		}
	}
	return p.Code
}

// provinceCode is the two-digit code of the province of the commune with
// the code in c (nil: places.Default()), "" when c has no such commune.
func provinceCode(c *places.Catalogue, commune string) string {
	if c == nil {
		c = places.Default()
	}
	m, _ := c.Commune(commune)
	return m.ProvinceCode
}

// ProvinceCode returns the two-digit code (2025) of the province of the
// list's commune in the catalogue c (nil: places.Default()), or "" when the
// commune is not in it. The province is taken from the commune code, not
// from the Province text.
func (l *List01) ProvinceCode(c *places.Catalogue) string { return provinceCode(c, l.CommuneCode) }

// ProvinceCode returns the two-digit code (2025) of the province of the
// plan's commune in the catalogue c (nil: places.Default()), or "" when the
// commune is not in it.
func (pl *Plan02) ProvinceCode(c *places.Catalogue) string { return provinceCode(c, pl.CommuneCode) }
