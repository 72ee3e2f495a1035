package credit_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

func TestMaxVND(t *testing.T) {
	if credit.MaxVND != 1_000_000_000_000_000 {
		t.Fatalf("MaxVND = %d, want 10^15", credit.MaxVND)
	}
}

func TestParseVND(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    credit.VND
		wantErr error
	}{
		{name: "digits", in: "100000000", want: 100_000_000},
		{name: "zero", in: "0", want: 0},
		{name: "one", in: "1", want: 1},
		{name: "leading zeros", in: "000100", want: 100},
		{name: "all zeros", in: "0000", want: 0},
		{name: "MaxVND - 1", in: "999999999999999", want: credit.MaxVND - 1},
		{name: "MaxVND", in: "1000000000000000", want: credit.MaxVND},
		{name: "MaxVND with leading zeros", in: "0001000000000000000", want: credit.MaxVND},
		{name: "MaxVND + 1", in: "1000000000000001", wantErr: credit.ErrAmountTooLarge},
		{name: "ten times MaxVND", in: "10000000000000000", wantErr: credit.ErrAmountTooLarge},
		{name: "beyond int64", in: "99999999999999999999", wantErr: credit.ErrAmountTooLarge},
		{name: "30 digits", in: strings.Repeat("9", 30), wantErr: credit.ErrAmountTooLarge},
		{name: "negative", in: "-5", wantErr: credit.ErrNegativeAmount},
		{name: "negative and huge", in: "-" + strings.Repeat("9", 30), wantErr: credit.ErrNegativeAmount},
		{name: "minus alone", in: "-", wantErr: credit.ErrNotAmount},
		{name: "negative fraction", in: "-1.5", wantErr: credit.ErrNotAmount},
		{name: "double minus", in: "--5", wantErr: credit.ErrNotAmount},
		{name: "fraction", in: "1.5", wantErr: credit.ErrNotAmount},
		{name: "trailing decimal point", in: "100.", wantErr: credit.ErrNotAmount},
		{name: "zero fraction", in: "100.0", wantErr: credit.ErrNotAmount},
		{name: "exponent", in: "1e8", wantErr: credit.ErrNotAmount},
		{name: "empty", in: "", wantErr: credit.ErrNotAmount},
		{name: "leading space", in: " 5", wantErr: credit.ErrNotAmount},
		{name: "trailing space", in: "5 ", wantErr: credit.ErrNotAmount},
		{name: "plus sign", in: "+5", wantErr: credit.ErrNotAmount},
		{name: "thousands separators", in: "100,000,000", wantErr: credit.ErrNotAmount},
		{name: "Vietnamese separators", in: "100.000.000", wantErr: credit.ErrNotAmount},
		{name: "underscores", in: "100_000", wantErr: credit.ErrNotAmount},
		{name: "currency suffix", in: "100000đ", wantErr: credit.ErrNotAmount},
		{name: "hex", in: "0x10", wantErr: credit.ErrNotAmount},
		{name: "full-width digits", in: "１００", wantErr: credit.ErrNotAmount},
		{name: "letters after too many digits", in: strings.Repeat("9", 30) + "x", wantErr: credit.ErrNotAmount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := credit.ParseVND(tc.in)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("ParseVND(%q) error = %v, want %v", tc.in, err, tc.wantErr)
				}
				if got != 0 {
					t.Errorf("ParseVND(%q) = %d on error, want 0", tc.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseVND(%q) error = %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseVND(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestVNDFromDecimal(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    credit.VND
		wantErr error
	}{
		{name: "zero", in: "0", want: 0},
		{name: "negative zero", in: "-0", want: 0},
		{name: "whole", in: "100000000", want: 100_000_000},
		{name: "whole with zero fraction", in: "550000.000", want: 550_000},
		{name: "exponent form", in: "1e8", want: 100_000_000},
		{name: "MaxVND", in: "1000000000000000", want: credit.MaxVND},
		{name: "MaxVND + 1", in: "1000000000000001", wantErr: credit.ErrAmountTooLarge},
		{name: "just above MaxVND is a fraction", in: "1000000000000000.5", wantErr: credit.ErrNotAmount},
		{name: "far beyond int64", in: "1e30", wantErr: credit.ErrAmountTooLarge},
		{name: "fraction", in: "1.5", wantErr: credit.ErrNotAmount},
		{name: "tiny fraction", in: "100000000.000000001", wantErr: credit.ErrNotAmount},
		{name: "half", in: "0.5", wantErr: credit.ErrNotAmount},
		{name: "minus one", in: "-1", wantErr: credit.ErrNegativeAmount},
		{name: "negative fraction is a fraction first", in: "-1.5", wantErr: credit.ErrNotAmount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := credit.VNDFromDecimal(decimal.RequireFromString(tc.in))
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("VNDFromDecimal(%s) error = %v, want %v", tc.in, err, tc.wantErr)
				}
				if got != 0 {
					t.Errorf("VNDFromDecimal(%s) = %d on error, want 0", tc.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("VNDFromDecimal(%s) error = %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("VNDFromDecimal(%s) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestRoundDong(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want credit.VND
	}{
		{name: "zero", in: "0", want: 0},
		{name: "whole", in: "550000", want: 550_000},
		{name: "just under a half", in: "0.4999999999", want: 0},
		{name: "0.49", in: "0.49", want: 0},
		{name: "a half rounds up", in: "0.5", want: 1},
		{name: "just over a half", in: "0.5000000001", want: 1},
		{name: "1.49", in: "1.49", want: 1},
		{name: "1.5", in: "1.5", want: 2},
		{name: "2.5 rounds away from zero, not to even", in: "2.5", want: 3},
		{name: "3.5", in: "3.5", want: 4},
		{name: "long fraction below the half", in: "1.4999999999999999999999", want: 1},
		{name: "one day on 100,000,000 at 0.55 %/month", in: "18333.3333333333", want: 18_333},
		{name: "half a dong on a big amount", in: "999999999999999.5", want: credit.MaxVND},
		{name: "negative zero point four nine", in: "-0.49", want: 0},
		{name: "minus a half rounds away from zero", in: "-0.5", want: -1},
		{name: "-1.49", in: "-1.49", want: -1},
		{name: "-1.5", in: "-1.5", want: -2},
		{name: "-2.5", in: "-2.5", want: -3},
		{name: "negative just under a half", in: "-0.4999999999", want: 0},
		{name: "negative just over a half", in: "-0.5000000001", want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.RoundDong(decimal.RequireFromString(tc.in)); got != tc.want {
				t.Errorf("RoundDong(%s) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestVNDText(t *testing.T) {
	tests := []struct {
		name string
		in   credit.VND
		want string
	}{
		{name: "zero", in: 0, want: "0"},
		{name: "cap", in: 100_000_000, want: "100000000"},
		{name: "MaxVND", in: credit.MaxVND, want: "1000000000000000"},
		{name: "negative", in: -5, want: "-5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			b, err := tc.in.MarshalText()
			if err != nil || string(b) != tc.want {
				t.Errorf("MarshalText() = %q, %v, want %q", b, err, tc.want)
			}
			b, err = tc.in.AppendText([]byte("v="))
			if err != nil || string(b) != "v="+tc.want {
				t.Errorf("AppendText() = %q, %v", b, err)
			}
			if !tc.in.Decimal().Equal(decimal.RequireFromString(tc.want)) {
				t.Errorf("Decimal() = %s, want %s", tc.in.Decimal(), tc.want)
			}
			if tc.in >= 0 {
				back, err := credit.ParseVND(tc.want)
				if err != nil || back != tc.in {
					t.Errorf("ParseVND(String()) = %d, %v, want %d", back, err, tc.in)
				}
			}
		})
	}
}

func TestMinVND(t *testing.T) {
	tests := []struct {
		name    string
		a, b    credit.VND
		wantMin credit.VND
	}{
		{name: "first smaller", a: 1, b: 2, wantMin: 1},
		{name: "second smaller", a: 150_000_000, b: 100_000_000, wantMin: 100_000_000},
		{name: "equal", a: 7, b: 7, wantMin: 7},
		{name: "negative", a: -1, b: 0, wantMin: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.MinVND(tc.a, tc.b); got != tc.wantMin {
				t.Errorf("MinVND(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.wantMin)
			}
		})
	}
}
