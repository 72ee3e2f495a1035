package httpapi

import "testing"

// safeName keeps a file name to letters, digits and '-', whatever the
// commune code holds (validation refuses such codes before; this is the
// second line).
func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"03424", "03424"},
		{"../x/..", "x"},
		{"Lò \"Hùng\"", "LHng"},
		{"a;b=c", "abc"},
		{"Hồ", "H"},
		{"ồ", "x"},
		{"", "x"},
		{"2026-11", "2026-11"},
	} {
		if got := safeName(tc.in); got != tc.want {
			t.Errorf("safeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
