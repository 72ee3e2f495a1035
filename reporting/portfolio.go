package reporting

import (
	"errors"
	"hash/maphash"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// BorrowerKind is who borrowed: a person or an establishment (QĐ22 Art. 2).
// The zero BorrowerKind is unknown.
type BorrowerKind uint8

// Borrower kinds. The values are stable; new ones are only appended.
const (
	BorrowerIndividual BorrowerKind = iota + 1
	BorrowerEstablishment
)

var borrowerKindNames = [...]string{"", "individual", "establishment"}

// String returns the contract's name of k ("individual", "establishment"),
// or "" for an unknown kind.
func (k BorrowerKind) String() string { return enumName(borrowerKindNames[:], int(k)) }

// ParseBorrowerKind returns the kind named s, and false if there is none.
func ParseBorrowerKind(s string) (BorrowerKind, bool) {
	switch s {
	case "individual":
		return BorrowerIndividual, true
	case "establishment":
		return BorrowerEstablishment, true
	}
	return 0, false
}

// CapitalSource is where the money lent came from: the central budget
// entrusted through VBSP, the province's own budget entrusted to VBSP
// (legal reference §7), or another source. The zero CapitalSource is
// unknown.
type CapitalSource uint8

// Capital sources. The values are stable; new ones are only appended.
const (
	SourceCentral CapitalSource = iota + 1
	SourceLocal
	SourceOther
)

var capitalSourceNames = [...]string{"", "central", "local", "other"}

// String returns the contract's name of c ("central", "local", "other"), or
// "" for an unknown source.
func (c CapitalSource) String() string { return enumName(capitalSourceNames[:], int(c)) }

// ParseCapitalSource returns the source named s, and false if there is none.
func ParseCapitalSource(s string) (CapitalSource, bool) {
	switch s {
	case "central":
		return SourceCentral, true
	case "local":
		return SourceLocal, true
	case "other":
		return SourceOther, true
	}
	return 0, false
}

// Channel is how the loan reached the borrower: entrusted through one of the
// socio-political organisations and its savings-and-loan group, or lent by
// VBSP directly (legal reference §7, roles). The zero Channel is unknown.
type Channel uint8

// Channels. The values are stable; new ones are only appended.
const (
	ChannelFarmersUnion Channel = iota + 1
	ChannelWomensUnion
	ChannelVeteransAssociation
	ChannelYouthUnion
	ChannelDirect
)

var channelNames = [...]string{"", "farmers_union", "womens_union", "veterans_association", "youth_union", "direct"}

// String returns the contract's name of c ("farmers_union", "womens_union",
// "veterans_association", "youth_union", "direct"), or "" for an unknown
// channel.
func (c Channel) String() string { return enumName(channelNames[:], int(c)) }

// ParseChannel returns the channel named s, and false if there is none.
func ParseChannel(s string) (Channel, bool) {
	switch s {
	case "farmers_union":
		return ChannelFarmersUnion, true
	case "womens_union":
		return ChannelWomensUnion, true
	case "veterans_association":
		return ChannelVeteransAssociation, true
	case "youth_union":
		return ChannelYouthUnion, true
	case "direct":
		return ChannelDirect, true
	}
	return 0, false
}

func enumName(names []string, i int) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return ""
}

// Loan is one loan of the loan book on a date, as the contract's
// POST /v1/reports/portfolio gives it (each field's JSON name is in
// LoanFields).
type Loan struct {
	ID            string // loan_id: unique in the book; at most MaxLoanIDLen bytes of text (credit.ValidText)
	CommuneCode   string // commune_code: at most MaxCommuneCodeLen bytes of text
	BorrowerKind  BorrowerKind
	Purpose       credit.Purpose
	CapitalSource CapitalSource
	Channel       Channel
	DisbursedOn   credit.Date
	// Amount is what was lent (at least 1 đồng); Outstanding what is still owed on the
	// report's date (at most Amount); Overdue the part of Outstanding past
	// its due date (at most Outstanding).
	Amount, Outstanding, Overdue credit.VND
	Jobs                         int // jobs the loan created or kept: 0 to MaxJobs
}

// Bounds of a loan's values.
const (
	MaxLoanIDLen      = 64        // bytes of a loan_id
	MaxCommuneCodeLen = 10        // bytes of a commune_code (as forms.List01's)
	MaxJobs           = 1_000_000 // jobs of one loan
	// MaxTotal bounds every sum of a report: 1,000 times credit.MaxVND
	// (10^18 đồng), so that sums stay exact in int64. A loan that would
	// take the book's disbursed total beyond it is a problem (out_of_range
	// at its amount), not a wrong sum.
	MaxTotal credit.VND = credit.MaxVND * 1000
)

// Problem codes of the loan book, beside the shared ones of package credit
// (required, invalid_enum, invalid_date, not_integer, negative,
// out_of_range) and forms.CodeTooLong. Codes are stable.
const (
	CodeExceedsOutstanding = "exceeds_outstanding" // overdue greater than outstanding
	CodeExceedsAmount      = "exceeds_amount"      // outstanding greater than amount
	CodeDuplicateLoanID    = "duplicate_loan_id"   // the same loan_id as an earlier loan
	// CodeInvalidLine is a CSV line that cannot be read as a loan at all
	// (the wrong number of cells, broken quoting, not UTF-8, too long);
	// the problem's pointer is the loan ("/loans/3") and Row its line.
	CodeInvalidLine = "invalid_line"
	// CodeTooManyProblems ends a list of problems cut at MaxProblems; its
	// pointer is the list of loans ("/loans") or of lists ("/lists"). It is
	// forms.CodeTooManyProblems.
	CodeTooManyProblems = forms.CodeTooManyProblems
)

// MaxProblems is the most problems Build, PortfolioCSV and ReadLoansCSV list.
// Beyond it they list one more, CodeTooManyProblems at "/loans", saying how
// many were left off; reading goes on, so that a file over its line limit
// is still ErrTooManyLines. MonthlyRound and DemandReview list as many and
// then CodeTooManyProblems at "/lists", but stop checking at the cut, so
// they cannot say how many were left off. It is forms.MaxProblems, the
// most problems one list of forms.Validate01 has.
const MaxProblems = forms.MaxProblems

// ErrPortfolio is the cause (FieldError.Err) of a problem with a loan that
// has no more specific cause, such as credit.ErrNegativeAmount.
var ErrPortfolio = errors.New("reporting: a loan breaks a rule of the loan book or contradicts itself")

// loanField is a value of a loan, in the order of LoanFields.
type loanField uint8

const (
	fLoanID loanField = iota
	fCommuneCode
	fBorrowerKind
	fPurpose
	fCapitalSource
	fChannel
	fDisbursedOn
	fAmount
	fOutstanding
	fOverdue
	fJobs
	numLoanFields
)

var loanFieldNames = [numLoanFields]string{"loan_id", "commune_code", "borrower_kind", "purpose",
	"capital_source", "channel", "disbursed_on", "amount", "outstanding", "overdue", "jobs"}

// LoanFields returns the contract's names of a loan's values, in the order
// of Loan's fields: loan_id, commune_code, borrower_kind, purpose,
// capital_source, channel, disbursed_on, amount, outstanding, overdue, jobs.
// They are the JSON fields of a loan and the columns of a CSV file.
func LoanFields() []string { return slices.Clone(loanFieldNames[:]) }

func loanFieldNamed(s string) (loanField, bool) {
	for f, n := range loanFieldNames {
		if n == s {
			return loanField(f), true
		}
	}
	return 0, false
}

// loanFieldSet is a set of fields, one bit each.
type loanFieldSet uint16

func (s loanFieldSet) has(f loanField) bool { return s&(1<<f) != 0 }

// Figures are the totals of a set of loans.
type Figures struct {
	Loans       int
	Disbursed   credit.VND // sum of Amount
	Outstanding credit.VND
	Overdue     credit.VND
	Jobs        int
}

// OverdueRatioPct is Overdue / Outstanding as a percentage (RatioPct):
// "3.51", or "0" when nothing is outstanding.
func (f Figures) OverdueRatioPct() string { return RatioPct(f.Overdue, f.Outstanding) }

func (f *Figures) add(l *Loan) {
	f.Loans++
	f.Disbursed += l.Amount
	f.Outstanding += l.Outstanding
	f.Overdue += l.Overdue
	f.Jobs += l.Jobs
}

// Group is the figures of the loans that share a key: a commune code, or
// the name of a purpose, borrower kind, capital source or channel.
type Group struct {
	Key string
	Figures
}

// Report is the loan book on a date (POST /v1/reports/portfolio): the
// totals of the loans disbursed on or before AsOf, and the same broken down
// by commune, purpose, borrower kind, capital source and channel. Each
// breakdown lists only the keys that have loans, sorted by key ascending,
// and its groups add up to Totals.
type Report struct {
	AsOf            credit.Date
	Totals          Figures
	ByCommune       []Group
	ByPurpose       []Group
	ByBorrowerKind  []Group
	ByCapitalSource []Group
	ByChannel       []Group
}

// Portfolio adds up loans one at a time into a Report, without keeping
// them: what it holds is the figures of each group and, to find a loan_id
// given twice, a set of 64-bit hashes of the IDs seen (8 to 16 bytes a loan:
// 12 MiB for 1,000,000 loans), plus one group for each distinct commune.
//
// A loan_id whose hash equals an earlier one's is reported as a duplicate
// without comparing the IDs themselves. The hashes are hash/maphash's, with
// a seed chosen at random for each Portfolio, so that no input can be made
// to collide on purpose; the chance that some two of n different IDs share
// a hash is below n²/2⁶⁵: about 3·10⁻⁸ for 1,000,000 loans, 3·10⁻⁶ for
// 10,000,000.
//
// The zero Portfolio is not ready for use; call NewPortfolio. A Portfolio is
// not safe for concurrent use.
type Portfolio struct {
	asOf credit.Date
	base string // JSON pointer of the list of loans: "/loans"
	ids  idSet
	seed maphash.Seed

	touched uint64 // what touch loaded, kept so that the load stays
	// lastCommune is the index in communes of the last loan included.
	lastCommune int32
	// seen, if not nil, does what ids.insert does instead of it: add the
	// hash of a loan_id, and report false if it was there (a Snapshot's
	// books keep theirs with the snapshot's loans).
	seen       func(h uint64) bool
	totals     Figures
	communeIdx map[string]int32 // index in communes of a code longer than 7 bytes
	shortIdx   shortTable       // … of a code of at most 7 bytes, by shortKey
	communes   []Group
	kinds      [len(borrowerKindNames)]Figures
	purposes   []Figures // indexed by credit.Purpose
	sources    [len(capitalSourceNames)]Figures
	channels   [len(channelNames)]Figures
}

// NewPortfolio returns an empty loan book on asOf. A zero asOf leaves every
// loan out (Build and PortfolioCSV report it as a problem at "/as_of").
func NewPortfolio(asOf credit.Date) *Portfolio {
	return &Portfolio{asOf: asOf, base: "/loans", seed: maphash.MakeSeed(), communeIdx: map[string]int32{},
		purposes: make([]Figures, len(credit.Purposes())+1)}
}

// Add checks loan l, the i-th of the input (0-based; the problems are at
// /loans/i/...), and adds it to the book when it has no problem and was
// disbursed on or before the book's date (a loan disbursed later is left
// out, which is not an error; it is still checked, and its loan_id still
// counts for duplicates).
//
// The error is nil or a credit.Problems listing every problem of l, in the
// order of its fields: a missing value (loan_id, commune_code, an enum or
// disbursed_on; required), a loan_id or commune_code that is not acceptable
// text (invalid_text: credit.ValidText), an unknown enum value
// (invalid_enum), a negative amount (negative) or one above credit.MaxVND
// (out_of_range), an amount of 0 (out_of_range: a loan lends at least 1
// đồng; outstanding and overdue may be 0), outstanding
// greater than amount (exceeds_amount, at /loans/i/outstanding), overdue
// greater than outstanding (exceeds_outstanding, at /loans/i/overdue), jobs
// outside 0..MaxJobs (out_of_range), a loan_id or commune_code too long
// (too_long), the loan_id of an earlier loan (duplicate_loan_id, at
// /loans/i/loan_id), and an amount that would take the book's disbursed
// total beyond MaxTotal (out_of_range, at /loans/i/amount). A nil l is
// required at /loans/i. Go on adding after a problem to find them all; the
// Report is the book only if every Add returned nil.
func (p *Portfolio) Add(i int, l *Loan) error { return p.add(i, l, nil).Err() }

// AddRead is Add for a loan some of whose values could not be read (from
// JSON or a file): read lists those problems, with pointers
// /loans/i/<field>. The fields they name are taken as unknown: no more
// problems are reported at them and no rule comparing them with another
// value is applied (an unreadable amount is not also "exceeds_amount"). A
// problem at /loans/i itself (the whole loan unreadable) means nothing of l
// is checked. The error lists read's problems, then l's others; a loan with
// any problem is not added to the book.
func (p *Portfolio) AddRead(i int, l *Loan, read credit.Problems) error {
	return p.add(i, l, read).Err()
}

func (p *Portfolio) add(i int, l *Loan, read credit.Problems) credit.Problems {
	return p.addHashed(i, l, read, 0)
}

// addHashed is add with h the hash of l.ID (p.hash) as readLoansCSV
// worked it out, or 0 to have it worked out. A loan with h read from a
// file by loanColumns.read, which found its loan_id and commune_code text
// (credit.ValidText) or did not set them, so they are not checked again.
func (p *Portfolio) addHashed(i int, l *Loan, read credit.Problems, h uint64) credit.Problems {
	var bad loanFieldSet
	for _, e := range read {
		f, whole, ok := p.loanFieldOf(e.Pointer, i)
		switch {
		case whole:
			return read
		case ok:
			bad |= 1 << f
		}
	}
	ps := read[:len(read):len(read)] // appending never writes into read
	if l == nil {
		return append(ps, p.problem(i, -1, credit.CodeRequired, credit.MsgRequired, nil))
	}
	put := func(f loanField, code string, msg credit.Text, cause error) {
		ps = append(ps, p.problem(i, int(f), code, msg, cause))
	}

	if !bad.has(fLoanID) {
		switch {
		case l.ID == "":
			put(fLoanID, credit.CodeRequired, credit.MsgRequired, nil)
		case h == 0 && !credit.ValidText(l.ID):
			put(fLoanID, credit.CodeInvalidText, credit.MsgInvalidText, ErrPortfolio)
		case len(l.ID) > MaxLoanIDLen:
			put(fLoanID, forms.CodeTooLong, msgIDTooLong, ErrPortfolio)
		case !p.insertID(p.hashOr(h, l.ID)):
			put(fLoanID, CodeDuplicateLoanID, msgDuplicateID, ErrPortfolio)
		}
	}
	if !bad.has(fCommuneCode) {
		switch {
		case l.CommuneCode == "":
			put(fCommuneCode, credit.CodeRequired, credit.MsgRequired, nil)
		case h == 0 && !credit.ValidText(l.CommuneCode):
			put(fCommuneCode, credit.CodeInvalidText, credit.MsgInvalidText, ErrPortfolio)
		case len(l.CommuneCode) > MaxCommuneCodeLen:
			put(fCommuneCode, forms.CodeTooLong, msgCommuneTooLong, ErrPortfolio)
		}
	}
	enum := func(f loanField, v, n int) {
		if bad.has(f) {
			return
		}
		switch {
		case v == 0:
			put(f, credit.CodeRequired, credit.MsgRequired, nil)
		case v >= n:
			put(f, credit.CodeInvalidEnum, enumMsgs[f], ErrPortfolio)
		}
	}
	enum(fBorrowerKind, int(l.BorrowerKind), len(borrowerKindNames))
	enum(fPurpose, int(l.Purpose), len(p.purposes))
	enum(fCapitalSource, int(l.CapitalSource), len(capitalSourceNames))
	enum(fChannel, int(l.Channel), len(channelNames))
	if !bad.has(fDisbursedOn) && l.DisbursedOn.IsZero() {
		put(fDisbursedOn, credit.CodeRequired, credit.MsgRequired, nil)
	}
	money := func(f loanField, v credit.VND) bool {
		switch {
		case bad.has(f):
			return false
		case v < 0:
			put(f, credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
			return false
		case v == 0 && f == fAmount: // a loan lends something; what is owed may be 0
			put(f, credit.CodeOutOfRange, credit.MsgAmountPositive, ErrPortfolio)
			return false
		case v > credit.MaxVND:
			put(f, credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
			return false
		}
		return true
	}
	amountOK := money(fAmount, l.Amount)
	outstandingOK := money(fOutstanding, l.Outstanding)
	if outstandingOK && amountOK && l.Outstanding > l.Amount {
		put(fOutstanding, CodeExceedsAmount, msgExceedsAmount, ErrPortfolio)
	}
	if money(fOverdue, l.Overdue) && outstandingOK && l.Overdue > l.Outstanding {
		put(fOverdue, CodeExceedsOutstanding, msgExceedsOutstanding, ErrPortfolio)
	}
	if !bad.has(fJobs) && (l.Jobs < 0 || l.Jobs > MaxJobs) {
		put(fJobs, credit.CodeOutOfRange, msgJobsRange, ErrPortfolio)
	}
	if len(ps) > 0 || l.DisbursedOn.After(p.asOf) {
		return ps
	}
	// Every amount is at most MaxVND, so these sums cannot overflow int64
	// before they are checked.
	if p.totals.Disbursed+l.Amount > MaxTotal {
		put(fAmount, credit.CodeOutOfRange, msgTotalRange, ErrPortfolio)
		return ps
	}
	if p.totals.Jobs > math.MaxInt-l.Jobs {
		put(fJobs, credit.CodeOutOfRange, msgJobsTotalRange, ErrPortfolio)
		return ps
	}
	p.include(l)
	return nil
}

// touch starts loading the memory where Add will look for loan_id id: a
// random place in a table of megabytes, seldom in the cache, so that each
// look costs a wait for memory (about 100 ns). Touching the IDs of a batch
// of loans one after another, before adding them, makes those waits
// overlap (PortfolioCSV). The load is kept in touched, so that the compiler
// keeps it.
// touch is given the hashes of the IDs (p.hash) of a batch, worked out
// once for both.
func (p *Portfolio) touch(hs []uint64) {
	for _, h := range hs {
		p.touched += p.ids.peek(h)
	}
}

// idToucher is what readLoansCSV hashes each loan_id with and tells to
// start loading where the loans of a batch will be looked for, given their
// hashes: a Portfolio, or a Snapshot's book.
type idToucher interface {
	hash(id string) uint64
	touch(hs []uint64)
}

// insertID adds h, the hash of a loan_id, to the IDs seen, and reports
// false if it was there.
func (p *Portfolio) insertID(h uint64) bool {
	if p.seen != nil {
		return p.seen(h)
	}
	return p.ids.insert(h)
}

// hash is the hash of loan_id id in the set of IDs seen.
func (p *Portfolio) hash(id string) uint64 { return maphash.String(p.seed, id) }

// hashOr is h, or the hash of id if h is 0.
func (p *Portfolio) hashOr(h uint64, id string) uint64 {
	if h == 0 {
		return p.hash(id)
	}
	return h
}

// include adds a checked loan to the figures.
func (p *Portfolio) include(l *Loan) {
	p.totals.add(l)
	p.kinds[l.BorrowerKind].add(l)
	p.purposes[l.Purpose].add(l)
	p.sources[l.CapitalSource].add(l)
	p.channels[l.Channel].add(l)
	p.lastCommune = p.communeIndex(l.CommuneCode, true)
	p.communes[p.lastCommune].Figures.add(l)
}

// commune returns the group of commune code c, making it if it is new.
func (p *Portfolio) commune(c string) *Group {
	return &p.communes[p.communeIndex(c, true)]
}

// communeIndex returns the index in p.communes of commune code c, making
// its group if it is new and create is set (or returning -1).
func (p *Portfolio) communeIndex(c string, create bool) int32 {
	// A code of at most 7 bytes (as they are: "03424") is looked up by a
	// number, which is quicker than by a string.
	if k, ok := shortKey(c); ok {
		j, found := p.shortIdx.get(k)
		if !found {
			if !create {
				return -1
			}
			j = p.newCommune(c)
			p.shortIdx.set(k, j)
		}
		return j
	}
	j, found := p.communeIdx[c]
	if !found {
		if !create {
			return -1
		}
		j = p.newCommune(c)
		p.communeIdx[p.communes[j].Key] = j
	}
	return j
}

func (p *Portfolio) newCommune(c string) int32 {
	j := int32(len(p.communes))
	// c may be part of a larger string, such as a CSV line: keep a copy.
	p.communes = append(p.communes, Group{Key: strings.Clone(c)})
	return j
}

// shortKey packs a string of at most 7 bytes, and its length, into a
// number.
func shortKey(s string) (uint64, bool) {
	if len(s) > 7 {
		return 0, false
	}
	k := uint64(len(s)) << 56
	for i := 0; i < len(s); i++ {
		k |= uint64(s[i]) << (8 * i)
	}
	return k, true
}

// problem makes the problem of field f (or of the whole loan, f < 0) of
// loan i.
func (p *Portfolio) problem(i, f int, code string, msg credit.Text, cause error) *credit.FieldError {
	ptr := loanPointer(p.base, i, f)
	return &credit.FieldError{Pointer: ptr, Code: code, Message: msg, Err: cause}
}

// loanPointer is base/i, or base/i/<field f> for f ≥ 0.
func loanPointer(base string, i, f int) string {
	b := make([]byte, 0, len(base)+24)
	b = append(b, base...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(i), 10)
	if f >= 0 {
		b = append(b, '/')
		b = append(b, loanFieldNames[f]...)
	}
	return string(b)
}

// loanFieldOf says what pointer ptr names among the values of loan i: a field
// (ok), or the whole loan (whole).
func (p *Portfolio) loanFieldOf(ptr string, i int) (f loanField, whole, ok bool) {
	rest, found := strings.CutPrefix(ptr, p.base+"/"+strconv.Itoa(i))
	switch {
	case !found:
		return 0, false, false
	case rest == "":
		return 0, true, false
	}
	name, found := strings.CutPrefix(rest, "/")
	if !found {
		return 0, false, false
	}
	f, ok = loanFieldNamed(name)
	return f, false, ok
}

// Report returns the book so far. It may be called at any time, and again
// after more loans are added.
func (p *Portfolio) Report() Report {
	r := Report{
		AsOf:            p.asOf,
		Totals:          p.totals,
		ByCommune:       slices.Clone(p.communes),
		ByPurpose:       enumGroups(p.purposes, func(i int) string { return credit.Purpose(i).String() }),
		ByBorrowerKind:  enumGroups(p.kinds[:], func(i int) string { return borrowerKindNames[i] }),
		ByCapitalSource: enumGroups(p.sources[:], func(i int) string { return capitalSourceNames[i] }),
		ByChannel:       enumGroups(p.channels[:], func(i int) string { return channelNames[i] }),
	}
	if r.ByCommune == nil {
		r.ByCommune = []Group{}
	}
	sortGroups(r.ByCommune)
	return r
}

func enumGroups(figs []Figures, name func(int) string) []Group {
	out := []Group{}
	for i, f := range figs {
		if f.Loans > 0 {
			out = append(out, Group{Key: name(i), Figures: f})
		}
	}
	sortGroups(out)
	return out
}

func sortGroups(g []Group) {
	slices.SortFunc(g, func(a, b Group) int { return strings.Compare(a.Key, b.Key) })
}

// Build checks and adds up every loan of loans (index and loan) into the
// book on asOf, as a Portfolio does, and returns its report. The loans are
// read once, as a stream, and none is kept: the loan passed for each index
// may be the same value, overwritten.
//
// The error is nil or a credit.Problems with every problem of every loan
// (see Portfolio.Add), at most MaxProblems of them and then one
// too_many_problems; a zero asOf is required at "/as_of".
func Build(asOf credit.Date, loans iter.Seq2[int, *Loan]) (Report, error) {
	pl := cappedProblems{at: "/loans"}
	if asOf.IsZero() {
		pl.add(credit.Problems{{Pointer: "/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired}})
	}
	p := NewPortfolio(asOf)
	for i, l := range loans {
		pl.add(p.add(i, l, nil))
	}
	if err := pl.err(); err != nil {
		return Report{}, err
	}
	return p.Report(), nil
}

// cappedProblems collects problems up to MaxProblems and counts the rest.
type cappedProblems struct {
	list credit.Problems
	more int    // problems left off
	at   string // pointer of the too_many_problems problem
}

func (pl *cappedProblems) add(ps credit.Problems) {
	for _, e := range ps {
		if len(pl.list) < MaxProblems {
			pl.list = append(pl.list, e)
		} else {
			pl.more++
		}
	}
}

func (pl *cappedProblems) err() error {
	if pl.more == 0 {
		return pl.list.Err()
	}
	n := strconv.Itoa(pl.more)
	return append(pl.list, &credit.FieldError{Pointer: pl.at, Code: CodeTooManyProblems, Err: ErrPortfolio,
		Message: credit.Text{
			VI: "Có quá nhiều lỗi: chỉ liệt kê " + strconv.Itoa(MaxProblems) + " lỗi đầu tiên, còn " + n + " lỗi nữa không liệt kê.",
			EN: "Too many problems: only the first " + strconv.Itoa(MaxProblems) + " are listed; " + n + " more are not.",
		}})
}

// idSet is a set of 64-bit hashes, in idSegments tables chosen by the
// hash's top bits, each with open addressing and linear probing, at most
// three quarters full, of 3×2^k uint64 (8 to 16 bytes an element: 12 MiB
// for 1,000,000). A hash's first slot in its table is its other bits'
// position scaled to the table (the high bits of (h << idSegBits) × size).
// Tables grow one at a time and stay small, so that growing never clears
// or copies a large block. 0 marks an empty slot; a hash of 0 is stored
// as 1.
type idSet struct {
	segs []idSegment // made at the first insert
}

type idSegment struct {
	slots []uint64
	n     int
}

const (
	idSegBits  = 9
	idSegments = 1 << idSegBits
)

// insert adds h, and reports false if it was already there.
func (s *idSet) insert(h uint64) bool {
	if h == 0 {
		h = 1
	}
	if s.segs == nil {
		s.segs = make([]idSegment, idSegments)
	}
	seg := &s.segs[h>>(64-idSegBits)]
	if 4*(seg.n+1) > 3*len(seg.slots) {
		seg.grow()
	}
	size := uint64(len(seg.slots))
	j, _ := bits.Mul64(h<<idSegBits, size)
	for {
		switch seg.slots[j] {
		case 0:
			seg.slots[j] = h
			seg.n++
			return true
		case h:
			return false
		}
		if j++; j == size {
			j = 0
		}
	}
}

// reserve makes room for about n hashes at once, so that the tables need
// not grow one by one while they are added.
func (s *idSet) reserve(n int) {
	if n <= 0 {
		return
	}
	if s.segs == nil {
		s.segs = make([]idSegment, idSegments)
	}
	size := reserveSize(n)
	for j := range s.segs {
		if seg := &s.segs[j]; len(seg.slots) < size && seg.n == 0 {
			seg.slots = make([]uint64, size)
		}
	}
}

// reserveSize is the size of a segment's table that takes its share of n
// elements without growing: 3×2^k, as the tables grow. (A table that gets
// more grows on its own; a larger size for all would make the set larger
// than the cache sooner.)
func reserveSize(n int) int {
	per := n/idSegments + 1
	size := 6
	for 4*per > 3*size {
		size *= 2
	}
	return size
}

// peek returns the first slot of h (or 0).
func (s *idSet) peek(h uint64) uint64 {
	if s.segs == nil {
		return 0
	}
	seg := &s.segs[h>>(64-idSegBits)]
	if len(seg.slots) == 0 {
		return 0
	}
	j, _ := bits.Mul64(h<<idSegBits, uint64(len(seg.slots)))
	return seg.slots[j]
}

func (seg *idSegment) grow() {
	old := seg.slots
	seg.slots = make([]uint64, max(6, 2*len(old)))
	size := uint64(len(seg.slots))
	for _, h := range old {
		if h == 0 {
			continue
		}
		j, _ := bits.Mul64(h<<idSegBits, size)
		for seg.slots[j] != 0 {
			if j++; j == size {
				j = 0
			}
		}
		seg.slots[j] = h
	}
}

// Messages of the loan book's problems.
var (
	msgDuplicateID = credit.Text{
		VI: "Mã khoản vay (loan_id) trùng với mã của một khoản vay trước.",
		EN: "This loan_id is the same as an earlier loan's.",
	}
	msgIDTooLong = credit.Text{
		VI: "Mã khoản vay dài quá " + strconv.Itoa(MaxLoanIDLen) + " byte.",
		EN: "The loan_id is longer than " + strconv.Itoa(MaxLoanIDLen) + " bytes.",
	}
	msgCommuneTooLong = credit.Text{
		VI: "Mã xã dài quá " + strconv.Itoa(MaxCommuneCodeLen) + " ký tự.",
		EN: "The commune code is longer than " + strconv.Itoa(MaxCommuneCodeLen) + " characters.",
	}
	msgExceedsAmount = credit.Text{
		VI: "Dư nợ lớn hơn số tiền cho vay.",
		EN: "The outstanding amount is greater than the amount lent.",
	}
	msgExceedsOutstanding = credit.Text{
		VI: "Nợ quá hạn lớn hơn dư nợ.",
		EN: "The overdue amount is greater than the outstanding amount.",
	}
	msgJobsRange = credit.Text{
		VI: "Số lao động có việc làm phải từ 0 đến " + strconv.Itoa(MaxJobs) + ".",
		EN: "Jobs must be from 0 to " + strconv.Itoa(MaxJobs) + ".",
	}
	msgJobsNotInteger = credit.Text{
		VI: "Số lao động có việc làm phải là số nguyên, chỉ gồm chữ số (ví dụ \"2\").",
		EN: "Jobs must be a whole number written in digits (for example \"2\").",
	}
	msgTotalRange = credit.Text{
		VI: "Tổng số tiền cho vay của danh mục vượt quá 10^18 đồng; không thể cộng chính xác.",
		EN: "The book's total amount lent would exceed 10^18 đồng and could not be added up exactly.",
	}
	msgJobsTotalRange = credit.Text{
		VI: "Tổng số lao động có việc làm của danh mục quá lớn.",
		EN: "The book's total of jobs is too large.",
	}
	enumMsgs = [numLoanFields]credit.Text{
		fBorrowerKind:  enumMsg(borrowerKindNames[1:]),
		fPurpose:       enumMsg(purposeNames()),
		fCapitalSource: enumMsg(capitalSourceNames[1:]),
		fChannel:       enumMsg(channelNames[1:]),
	}
)

func purposeNames() []string {
	var out []string
	for _, p := range credit.Purposes() {
		out = append(out, p.String())
	}
	return out
}

func enumMsg(names []string) credit.Text {
	list := strings.Join(names, ", ")
	return credit.Text{
		VI: "Giá trị không hợp lệ; dùng một trong: " + list + ".",
		EN: "Not a valid value; use one of: " + list + ".",
	}
}
