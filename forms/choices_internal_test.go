package forms

import (
	"strings"
	"testing"
)

// slowNormal is normal without its fast path.
func slowNormal(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, ",", " ")
	return strings.Join(strings.Fields(s), " ")
}

// normal's fast path (isNormal: the text is already normal) changes
// nothing: it answers as the slow way does.
func TestNormalFastPath(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "male", "vocational_training", "a b", "a  b", " a", "a ", "A", "a,b", "a\tb", "a\nb",
		"học nghề", "Học nghề", "Sản xuất, kinh doanh", "true", "x y z", "1 2", "a\vb", "a\fb", "a\rb",
	} {
		if got, want := normal(s), slowNormal(s); got != want {
			t.Errorf("normal(%q) = %q, want %q", s, got, want)
		}
		if isNormal(s) && slowNormal(s) != s {
			t.Errorf("isNormal(%q), but it normalises to %q", s, slowNormal(s))
		}
	}
}

func FuzzNormal(f *testing.F) {
	f.Add("Sản xuất, kinh doanh")
	f.Add("a  b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normal(s), slowNormal(s); got != want {
			t.Fatalf("normal(%q) = %q, want %q", s, got, want)
		}
	})
}

// A choice is found by its label however it is typed, or by its API name,
// and not otherwise.
func TestChoicesFind(t *testing.T) {
	for _, tc := range []struct {
		c    *choices
		s    string
		want int
		ok   bool
	}{
		{sexChoices, "Nam", 1, true},
		{sexChoices, "  NỮ ", 2, true},
		{sexChoices, "female", 2, true},
		{sexChoices, "Female", 2, true},
		{sexChoices, "", 0, false},
		{sexChoices, "x", 0, false},
		{purposeChoices, "Sản xuất kinh doanh", 1, true},
		{purposeChoices, "sản xuất,  kinh doanh", 1, true},
		{purposeChoices, "vocational_training", 2, true},
		{factChoices, "Có", 1, true},
		{factChoices, "false", 2, true},
		{kindChoices, "Hộ kinh doanh", 4, true},
	} {
		i, ok := tc.c.find(tc.s)
		if i != tc.want || ok != tc.ok {
			t.Errorf("find(%q) = %d, %v; want %d, %v", tc.s, i, ok, tc.want, tc.ok)
		}
	}
}
