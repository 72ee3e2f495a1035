package lending

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

// roundByDecimal is the convention computed the slow, obvious way: the exact
// sum as a decimal fraction, then credit.RoundDong, the module's one
// rounding rule.
func roundByDecimal(terms [][3]int64) credit.VND {
	num := decimal.Zero
	for _, t := range terms {
		num = num.Add(decimal.NewFromInt(t[0]).Mul(decimal.NewFromInt(t[1])).Mul(decimal.NewFromInt(t[2])))
	}
	_, den := credit.Rate{}.InterestFraction()
	return credit.RoundDong(num.DivRound(decimal.NewFromInt(den), 12))
}

// TestAccrualRoundsLikeRoundDong checks the 128-bit accumulator against
// decimal arithmetic and RoundDong, at the half and on both sides of it, and
// at the largest inputs the engine can give it.
func TestAccrualRoundsLikeRoundDong(t *testing.T) {
	rate := func(pct string) credit.Rate {
		r, err := credit.ParseMonthlyPct(pct)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	type term struct {
		balance credit.VND
		rate    credit.Rate
		days    int
	}
	tests := []struct {
		name  string
		terms []term
		want  credit.VND
	}{
		{"30 days at 0.55 %", []term{{100_000_000, rate("0.55"), 30}}, 550_000},
		{"31 days at 0.52 %: 537,333.33 rounds down", []term{{100_000_000, rate("0.52"), 31}}, 537_333},
		{"1 day at 0.52 % on 100,000,000: 17,333.33", []term{{100_000_000, rate("0.52"), 1}}, 17_333},
		{"2 days at 0.52 % on 100,000,000: 34,666.67 rounds up", []term{{100_000_000, rate("0.52"), 2}}, 34_667},
		// 75 × 0.6 %/30 = 0.015 per day; ×100 days = 1.5 → 2 (the half, away from zero)
		{"exactly half rounds up", []term{{75, rate("0.6"), 100}}, 2},
		// 74 × 0.6 %/30 × 100 = 1.48 → 1
		{"just below half rounds down", []term{{74, rate("0.6"), 100}}, 1},
		// 76 × 0.6 %/30 × 100 = 1.52 → 2
		{"just above half rounds up", []term{{76, rate("0.6"), 100}}, 2},
		{"split period: 16 days at 0.55 %, 14 at 0.52 %", []term{
			{30_000_000, rate("0.55"), 16}, {30_000_000, rate("0.52"), 14}}, 160_800},
		{"nothing", nil, 0},
		{"zero balance", []term{{0, rate("0.55"), 31}}, 0},
		{"largest: 10^15 at 1000 %/year for 31 days", []term{{credit.MaxVND, rate("8.333333333").Scale(1000), 31}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a accrual
			var raw [][3]int64
			for _, x := range tc.terms {
				a.add(x.balance, x.rate, x.days)
				num, _ := x.rate.InterestFraction()
				raw = append(raw, [3]int64{int64(x.balance), num, int64(x.days)})
			}
			want := roundByDecimal(raw)
			if tc.want != 0 && want != tc.want {
				t.Fatalf("the decimal reference gives %d, the table says %d: fix the table", want, tc.want)
			}
			if got := a.round(); got != want {
				t.Errorf("accrual.round() = %d, want %d", got, want)
			}
		})
	}
}

// TestAccrualMatchesDecimalAtRandom compares the accumulator with decimal
// arithmetic over many random periods of one to four segments.
func TestAccrualMatchesDecimalAtRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 2023))
	for i := range 20_000 {
		var a accrual
		var raw [][3]int64
		days := 31
		for range 1 + rng.IntN(4) {
			balance := credit.VND(rng.Int64N(int64(credit.MaxVND) + 1))
			if rng.IntN(2) == 0 {
				balance = credit.VND(rng.Int64N(1_000_000_000))
			}
			r, err := credit.ParseYearlyPct(decimal.New(rng.Int64N(100_000_000_001), -9).String())
			if err != nil {
				t.Fatal(err)
			}
			if rng.IntN(2) == 0 {
				r = r.Scale(100 + rng.Int64N(901)) // an overdue rate: up to 1000 % of it
			}
			d := rng.IntN(days + 1)
			days -= d
			a.add(balance, r, d)
			num, _ := r.InterestFraction()
			raw = append(raw, [3]int64{int64(balance), num, int64(d)})
		}
		if got, want := a.round(), roundByDecimal(raw); got != want {
			t.Fatalf("case %d %v: accrual.round() = %d, decimal gives %d", i, raw, got, want)
		}
	}
}
