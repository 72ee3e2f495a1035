package places_test

import (
	"fmt"

	"github.com/vnreentry/credit/places"
)

// A commune by its code, its province, and communes found by name as an
// officer types it, without diacritics.
func Example() {
	c := places.Default()
	fmt.Println(len(c.Provinces()), "provinces,", c.Len(), "communes")

	bo, _ := c.Commune("03424")
	lc, _ := c.Province(bo.ProvinceCode)
	fmt.Printf("%s: %s, %s (%d communes)\n", bo.Code, bo.Name, lc.Name, len(c.CommunesIn(lc.Code)))

	for _, m := range c.Search("tan uyen", 5) {
		p, _ := c.Province(m.ProvinceCode)
		fmt.Printf("%s %s, %s\n", m.Code, m.Name, p.Name)
	}
	// Output:
	// 34 provinces, 3321 communes
	// 03424: Xã Bản Bo, Tỉnh Lai Châu (38 communes)
	// 03598 Xã Tân Uyên, Tỉnh Lai Châu
	// 25888 Phường Tân Uyên, Thành phố Hồ Chí Minh
	// 25906 Xã Bắc Tân Uyên, Thành phố Hồ Chí Minh
}

// Names compare folded: "Lai Châu", "lai chau" and "Tỉnh Lai Châu" name the
// same province.
func ExampleCatalogue_ProvinceNamed() {
	c := places.Default()
	for _, name := range []string{"Lai Châu", "tinh lai chau", "TP. Hồ Chí Minh", "Yên Bái"} {
		if p, ok := c.ProvinceNamed(name); ok {
			fmt.Printf("%q: %s %s\n", name, p.Code, p.Name)
		} else {
			fmt.Printf("%q: none\n", name)
		}
	}
	fmt.Println(places.Fold("  Đặc khu   Phú Quốc"))
	// Output:
	// "Lai Châu": 12 Tỉnh Lai Châu
	// "tinh lai chau": 12 Tỉnh Lai Châu
	// "TP. Hồ Chí Minh": 79 Thành phố Hồ Chí Minh
	// "Yên Bái": none
	// dac khu phu quoc
}
