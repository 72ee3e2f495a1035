package reporting

import (
	"hash/maphash"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/vnreentry/credit"
)

// Comparison is how the loan book moved between two dates, as the plan's
// one-year (Q3/2024) and five-year (Q3/2028) reviews look at it (legal
// reference §7): in total and by commune, sorted by commune code.
type Comparison struct {
	Before, After credit.Date
	Totals        Change
	ByCommune     []ChangeGroup
}

// Change is how a set of loans moved between two dates.
type Change struct {
	// Before and After are the figures of the loan book on each date.
	Before, After Figures
	// Growth is After.Outstanding − Before.Outstanding: negative when less
	// is owed than before.
	Growth credit.VND
	// New are the loans in the later book that are not in the earlier one:
	// how many, and the Amount they disbursed.
	New Flow
	// Repaid are the loans with something outstanding in the earlier book
	// that are either gone from the later one or have nothing outstanding
	// there: how many, and the Amount they had outstanding in the earlier
	// book.
	Repaid Flow
}

// GrowthPct is Growth / Before.Outstanding as a percentage (RatioPct):
// "12.50", "-3.00", or "0" when nothing was outstanding before.
func (c Change) GrowthPct() string { return RatioPct(c.Growth, c.Before.Outstanding) }

// Flow is a number of loans and an amount of money they carry.
type Flow struct {
	Loans  int
	Amount credit.VND
}

func (f *Flow) add(v credit.VND) {
	f.Loans++
	f.Amount += v
}

// ChangeGroup is the change of the loans of one commune (Key is its code).
// A loan counts in the commune it names in each book: a new loan in its
// later commune, a repaid one in its earlier commune.
type ChangeGroup struct {
	Key string
	Change
}

// Snapshot is the loan book on a date, kept to be compared with a later
// one: its Report, and for each loan in it only a 64-bit hash of its
// loan_id, its outstanding amount and its commune (and the hash of each
// loan_id of the file that is not in the book, disbursed after its date).
// Its memory is proportional to the number of loans in it, 32 to 64 bytes a
// loan whatever the length of the loan_id: some 38 MB for 1,000,000 loans.
//
// Loans are matched by the hash of their loan_id (hash/maphash, with a
// seed chosen at random for each Snapshot, so that no input can be made to
// collide): two different loan_ids of the two books are taken for the same
// loan only if their hashes agree, about once in 4·10^19 pairs — for two
// books of 1,000,000 loans, a chance of about 1 in 20 million. The loan
// book's own check for a repeated loan_id takes the same chance. A Snapshot
// is not safe for concurrent use.
type Snapshot struct {
	report   Report
	seed     maphash.Seed
	loans    snapTable
	communes []string // commune codes, by the index of snapLoan.commune
	round    uint32   // the Compare call under way, to mark the loans it sees (fewer than 2^31)
	n        int      // loans in the book
	touched  credit.VND
}

// snapshotBook is a book p read with snapshot s: its touch also starts
// loading where s keeps the loan (see Portfolio.touch).
type snapshotBook struct {
	*Portfolio
	s *Snapshot
}

// (The books' loan_ids are kept with the snapshot's loans: see
// Portfolio.seen.)
func (b snapshotBook) touch(hs []uint64) {
	for _, h := range hs {
		b.s.touched += b.s.loans.peek(h)
	}
}

type snapLoan struct {
	outstanding credit.VND
	commune     int32 // -1: a loan_id of the file, not in the book
	// mark is 2×r, r the last Compare call whose book had the loan_id, or
	// 2×r + 1 if that call also matched it with a loan of its book.
	mark uint32
}

// seen and matched are the marks of a loan seen, and matched, by the
// Compare call under way.
func (s *Snapshot) seen() uint32    { return s.round << 1 }
func (s *Snapshot) matched() uint32 { return s.round<<1 | 1 }

// NewSnapshot checks and adds up the loans of the book on asOf, as Build
// does, and keeps what a comparison needs of each loan disbursed on or
// before asOf. The error is Build's.
func NewSnapshot(asOf credit.Date, loans iter.Seq2[int, *Loan]) (*Snapshot, error) {
	s, pl := newSnapshot(asOf, loans)
	if err := pl.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// NewSnapshotCSV is NewSnapshot for the loans of a CSV file, read as
// PortfolioCSV reads them (a stream; maxLines and the errors are
// PortfolioCSV's). What is held is the Snapshot.
func NewSnapshotCSV(r io.Reader, asOf credit.Date, maxLines int) (*Snapshot, error) {
	s, pl, err := newSnapshotFrom(asOf, csvSource(r, maxLines), loansHint(r, maxLines))
	if err == nil {
		err = pl.err()
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

func newSnapshot(asOf credit.Date, loans iter.Seq2[int, *Loan]) (*Snapshot, *cappedProblems) {
	s, pl, _ := newSnapshotFrom(asOf, seqSource(loans), 0) // a sequence never fails
	return s, pl
}

// loanSource passes the loans of a book to add, one at a time, with the
// problems found reading each, and puts the problems add returns, and any
// of its own, in pl. book is what readLoansCSV hashes the loan_ids with
// (a Portfolio, or a snapshotBook). Its error ends reading.
// add is also given the hash of the loan's loan_id (Portfolio.hash), or
// 0 when the source did not work it out.
type loanSource func(book idToucher, pl *cappedProblems, add func(i int, l *Loan, read credit.Problems, h uint64) credit.Problems) error

func seqSource(loans iter.Seq2[int, *Loan]) loanSource {
	return func(_ idToucher, pl *cappedProblems, add func(int, *Loan, credit.Problems, uint64) credit.Problems) error {
		for i, l := range loans {
			pl.add(add(i, l, nil, 0))
		}
		return nil
	}
}

func csvSource(r io.Reader, maxLines int) loanSource {
	return func(book idToucher, pl *cappedProblems, add func(int, *Loan, credit.Problems, uint64) credit.Problems) error {
		return readLoansCSV(r, maxLines, pl, book, func(i int, l *Loan, _ int, read credit.Problems, h uint64) (credit.Problems, error) {
			return add(i, l, read, h), nil
		})
	}
}

// newSnapshotFrom reads the book of src; hint is about how many loans it
// has, or 0 if that is not known.
func newSnapshotFrom(asOf credit.Date, src loanSource, hint int) (*Snapshot, *cappedProblems, error) {
	pl := &cappedProblems{at: "/loans"}
	if asOf.IsZero() {
		pl.add(credit.Problems{{Pointer: "/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired}})
	}
	p := NewPortfolio(asOf)
	// The book's set of IDs and the snapshot's loans share the seed, so
	// that each loan_id is hashed once.
	s := &Snapshot{seed: p.seed}
	s.loans.reserve(hint)
	// Every loan_id is kept with the snapshot's loans, at first as not in
	// the book (commune -1).
	// (A loan without problems was seen, and nothing was added since: e
	// is where it is kept.)
	var e *snapLoan
	p.seen = func(h uint64) (ok bool) {
		e, ok = s.loans.add(h, snapLoan{commune: -1})
		return ok
	}
	err := src(snapshotBook{p, s}, pl, func(i int, l *Loan, read credit.Problems, h uint64) credit.Problems {
		if ps := p.addHashed(i, l, read, h); len(ps) > 0 {
			return ps
		}
		if !l.DisbursedOn.After(asOf) {
			e.outstanding, e.commune = l.Outstanding, p.lastCommune
			s.n++
		}
		return nil
	})
	if err != nil {
		return nil, pl, err
	}
	s.report = p.Report()
	s.communes = make([]string, len(p.communes))
	for j, g := range p.communes {
		s.communes[j] = g.Key
	}
	return s, pl, nil
}

// Report returns the report of the snapshot's book.
func (s *Snapshot) Report() Report { return s.report }

// Len returns the number of loans in the snapshot's book.
func (s *Snapshot) Len() int { return s.n }

// Compare compares the snapshot's book with the book on asOf, a date on or
// after the snapshot's, made of loans (checked and added up as Build does;
// read once, as a stream). Loans are matched by loan_id. Compare may be
// called again, with other loans.
//
// The error is nil or a credit.Problems with Build's problems of loans, and
// asOf at "/as_of" when it is zero (required) or before the snapshot's date
// (out_of_range).
func (s *Snapshot) Compare(asOf credit.Date, loans iter.Seq2[int, *Loan]) (Comparison, error) {
	c, pl := s.compare(asOf, loans)
	if err := pl.err(); err != nil {
		return Comparison{}, err
	}
	return c, nil
}

// CompareCSV is Compare for the loans of a CSV file, read as PortfolioCSV
// reads them (a stream; maxLines and the errors are PortfolioCSV's, with
// Compare's problem of asOf).
func (s *Snapshot) CompareCSV(r io.Reader, asOf credit.Date, maxLines int) (Comparison, error) {
	c, pl, err := s.compareFrom(asOf, csvSource(r, maxLines))
	if err == nil {
		err = pl.err()
	}
	if err != nil {
		return Comparison{}, err
	}
	return c, nil
}

func (s *Snapshot) compare(asOf credit.Date, loans iter.Seq2[int, *Loan]) (Comparison, *cappedProblems) {
	c, pl, _ := s.compareFrom(asOf, seqSource(loans)) // a sequence never fails
	return c, pl
}

func (s *Snapshot) compareFrom(asOf credit.Date, src loanSource) (Comparison, *cappedProblems, error) {
	pl := &cappedProblems{at: "/loans"}
	switch {
	case asOf.IsZero():
		pl.add(credit.Problems{{Pointer: "/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired}})
	case asOf.Before(s.report.AsOf):
		pl.add(credit.Problems{{Pointer: "/as_of", Code: credit.CodeOutOfRange, Message: msgCompareDates, Err: ErrPortfolio}})
	}
	s.round++
	p := NewPortfolio(asOf)
	p.seed = s.seed // (so that each loan_id is hashed once)
	// A loan_id of the snapshot's file is marked seen in its loan; others
	// are kept in p's set.
	// (A loan without problems was seen: e is its loan in the snapshot,
	// or nil.)
	var e *snapLoan
	p.seen = func(h uint64) bool {
		if e = s.loans.find(h); e != nil {
			if e.mark>>1 == s.round {
				return false
			}
			e.mark = s.seen()
			return true
		}
		return p.ids.insert(h)
	}
	var total struct{ New, Repaid Flow }
	flows := map[string]*struct{ New, Repaid Flow }{}
	flowsOf := func(commune string) *struct{ New, Repaid Flow } {
		f := flows[commune]
		if f == nil {
			f = new(struct{ New, Repaid Flow })
			flows[strings.Clone(commune)] = f
		}
		return f
	}
	err := src(snapshotBook{p, s}, pl, func(i int, l *Loan, read credit.Problems, h uint64) credit.Problems {
		if ps := p.addHashed(i, l, read, h); len(ps) > 0 {
			return ps
		}
		if l.DisbursedOn.After(asOf) {
			return nil
		}
		if e == nil || e.commune < 0 {
			total.New.add(l.Amount)
			flowsOf(l.CommuneCode).New.add(l.Amount)
			return nil
		}
		e.mark = s.matched()
		if e.outstanding > 0 && l.Outstanding == 0 {
			total.Repaid.add(e.outstanding)
			flowsOf(s.communes[e.commune]).Repaid.add(e.outstanding)
		}
		return nil
	})
	if err != nil {
		return Comparison{}, pl, err
	}
	if len(pl.list) > 0 {
		return Comparison{}, pl, nil
	}
	s.loans.all(func(e *snapLoan) {
		if e.commune >= 0 && e.mark != s.matched() && e.outstanding > 0 {
			total.Repaid.add(e.outstanding)
			flowsOf(s.communes[e.commune]).Repaid.add(e.outstanding)
		}
	})

	after := p.Report()
	c := Comparison{
		Before: s.report.AsOf,
		After:  asOf,
		Totals: newChange(s.report.Totals, after.Totals),
	}
	c.Totals.New, c.Totals.Repaid = total.New, total.Repaid
	byKey := map[string]*ChangeGroup{}
	group := func(key string) *ChangeGroup {
		g := byKey[key]
		if g == nil {
			g = &ChangeGroup{Key: key}
			byKey[key] = g
		}
		return g
	}
	for _, g := range s.report.ByCommune {
		group(g.Key).Before = g.Figures
	}
	for _, g := range after.ByCommune {
		group(g.Key).After = g.Figures
	}
	for key, f := range flows {
		g := group(key)
		g.New, g.Repaid = f.New, f.Repaid
	}
	c.ByCommune = make([]ChangeGroup, 0, len(byKey))
	for _, g := range byKey {
		g.Growth = g.After.Outstanding - g.Before.Outstanding
		c.ByCommune = append(c.ByCommune, *g)
	}
	slices.SortFunc(c.ByCommune, func(a, b ChangeGroup) int { return strings.Compare(a.Key, b.Key) })
	return c, pl, nil
}

func newChange(before, after Figures) Change {
	return Change{Before: before, After: after, Growth: after.Outstanding - before.Outstanding}
}

// CompareSnapshots compares the loan book on date before, made of
// beforeLoans, with the book on date after, made of afterLoans: a Snapshot
// of the first, compared with the second. Each list is read once, as a
// stream; what is held is the earlier book's Snapshot (its memory is
// proportional to the loans in it) and a Portfolio of the later one.
//
// The error is nil or a credit.Problems with every problem of both, their
// pointers under "/before" and "/after" ("/before/loans/3/overdue",
// "/after/as_of"); each side lists at most MaxProblems, then one
// too_many_problems.
func CompareSnapshots(before credit.Date, beforeLoans iter.Seq2[int, *Loan],
	after credit.Date, afterLoans iter.Seq2[int, *Loan]) (Comparison, error) {
	s, plBefore := newSnapshot(before, beforeLoans)
	c, plAfter := s.compare(after, afterLoans)
	var all credit.Problems
	for _, side := range []struct {
		prefix string
		pl     *cappedProblems
	}{{"/before", plBefore}, {"/after", plAfter}} {
		if ps, ok := side.pl.err().(credit.Problems); ok {
			for _, e := range ps {
				e.Pointer = side.prefix + e.Pointer
			}
			all = append(all, ps...)
		}
	}
	if err := all.Err(); err != nil {
		return Comparison{}, err
	}
	return c, nil
}

// CheckCompareDates returns the problems CompareSnapshots finds with the
// two dates alone, nil when there is none: before or after missing
// (required, at "/before/as_of" or "/after/as_of"), after before before
// (out_of_range at "/after/as_of"). It lets a caller that already knows the
// books' problems report the dates' with them.
func CheckCompareDates(before, after credit.Date) error {
	var ps credit.Problems
	if before.IsZero() {
		ps = append(ps, &credit.FieldError{Pointer: "/before/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired})
	}
	switch {
	case after.IsZero():
		ps = append(ps, &credit.FieldError{Pointer: "/after/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired})
	case after.Before(before):
		ps = append(ps, &credit.FieldError{Pointer: "/after/as_of", Code: credit.CodeOutOfRange, Message: msgCompareDates,
			Err: ErrPortfolio})
	}
	return ps.Err()
}

var msgCompareDates = credit.Text{
	VI: "Ngày của kỳ sau không được trước ngày của kỳ trước.",
	EN: "The later date must not be before the earlier one.",
}
