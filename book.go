package credit

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Key names one parameter of the policy in the Book. Keys are stable: they
// name parameters in rules files and in GET /v1/rules, so they are never
// renamed or reordered; new ones are appended.
type Key uint8

// The parameters of QĐ22 and of the rates it refers to (legal reference §3,
// §4, §10). Each one's citation and start date live in the Book.
const (
	// ReleaseWindowYears: a loan may be requested at most this many years
	// after completing the sentence (Art. 3 cl. 2 pt. a). 5.
	ReleaseWindowYears Key = iota
	// WorkerShareMinPct: qualifying ex-prisoner workers must be at least this
	// percent of an establishment's workers (Art. 3 cl. 3). 10.
	WorkerShareMinPct
	// CapTrainingPerMonth: vocational-training cap per month of the course,
	// per person (Art. 6). 4,000,000 đồng.
	CapTrainingPerMonth
	// CapIndividual: production/business cap per person (Art. 6). 100,000,000.
	CapIndividual
	// CapEstablishmentProject: establishment cap per project (Art. 6).
	// 2,000,000,000.
	CapEstablishmentProject
	// CapEstablishmentPerWorker: establishment cap per worker (Art. 6).
	// 100,000,000; which workers count is PerWorkerCapBase.
	CapEstablishmentPerWorker
	// TermProductionMaxMonths: longest term for production loans (Art. 8). 120.
	TermProductionMaxMonths
	// TrainingShortCourseMaxMonths: a course of at most this many months is
	// "short" for the repayment period (Art. 8). 12.
	TrainingShortCourseMaxMonths
	// TrainingRepaymentFactorShort: repayment period ≤ this × course length
	// for a short course (Art. 8). 2.
	TrainingRepaymentFactorShort
	// TrainingRepaymentFactorLong: repayment period ≤ this × course length
	// for a longer course (Art. 8). 1.
	TrainingRepaymentFactorLong
	// LendingRate: the VBSP poor-household lending rate, percent per year
	// (Art. 9; QĐ750, QĐ2553). 6.6 to 2025-11-30, 6.24 from 2025-12-01.
	LendingRate
	// OverdueRatePct: the overdue rate as a percent of the lending rate
	// (Art. 9). 130.
	OverdueRatePct
	// CollateralThreshold: an establishment must give security for an amount
	// above this (Art. 10). 100,000,000; exactly this needs none.
	CollateralThreshold
	// PerWorkerCapBase: which workers the per-worker cap counts (legal
	// reference §10): CapBaseAllWorkers (default, the literal reading) or
	// CapBaseQualifyingWorkers.
	PerWorkerCapBase
	// WindowEndsOnWorkingDay: whether the release window, when it ends on a
	// weekend day or public holiday, runs to the next working day (Civil
	// Code Art. 148 cl. 5; legal reference §10). Default false.
	WindowEndsOnWorkingDay
	// PaymentOrder: the order in which a payment settles what is owed
	// (QĐ22 Art. 12 leaves debt handling to VBSP; legal reference §4, §10):
	// PayInterestFirst (default: overdue interest, interest, overdue
	// principal, principal) or PayPrincipalFirst (overdue principal,
	// principal, overdue interest, interest).
	PaymentOrder
	// EarlyRepaymentOrder: which parts of principal not yet due an early
	// repayment covers (QĐ22 Art. 12 leaves it to VBSP; legal reference
	// §10): EarlyNextPartsFirst (default: the coming parts, so a payment
	// made a few days before its due date covers that installment and the
	// end date stays) or EarlyLastPartsFirst (the term shortens).
	EarlyRepaymentOrder
	// LendingRateCut: a cut of the lending rate, percent per year, where and
	// while a decision of the Prime Minister grants one. National value 0;
	// the built-in book carries the storm-relief cut of 2 %/year from
	// 2025-10-01 to 2025-12-31 in the provinces of QĐ2654 and QĐ2731 as
	// provincial spans (legal reference §1). The rate charged is
	// LendingRate − LendingRateCut, never below 0.
	LendingRateCut
	// CutLowersOverdueRate: whether a LendingRateCut also lowers the overdue
	// rate (130 % of the cut rate) or leaves it at 130 % of the uncut rate.
	// Legal reference §10 leaves it open; default false (the cut relieves
	// the lending rate; the overdue rate stays a sanction on the rate the
	// Prime Minister set).
	CutLowersOverdueRate

	numKeys
)

// Choices of PerWorkerCapBase.
const (
	CapBaseAllWorkers        int64 = 0
	CapBaseQualifyingWorkers int64 = 1
)

// Choices of PaymentOrder.
const (
	PayInterestFirst  int64 = 0
	PayPrincipalFirst int64 = 1
)

// Choices of EarlyRepaymentOrder.
const (
	EarlyNextPartsFirst int64 = 0
	EarlyLastPartsFirst int64 = 1
)

// Kind is the type of a parameter's value.
type Kind uint8

// Kinds of parameter values. In a Span, Value holds: for KindCount and
// KindPercent the number; for KindMoney đồng; for KindRate billionths of a
// percent per year; for KindFlag 0 or 1; for KindChoice the choice's index.
const (
	KindCount Kind = iota
	KindPercent
	KindMoney
	KindRate
	KindFlag
	KindChoice
)

type keyInfo struct {
	name     string
	kind     Kind
	unit     string
	min, max int64
	choices  []string
	about    Text
}

var keys = [numKeys]keyInfo{
	ReleaseWindowYears: {"release_window_years", KindCount, "years", 1, 100, nil, Text{
		"Thời hạn tối đa (năm) từ ngày chấp hành xong án phạt tù đến ngày đề nghị vay.",
		"Longest time (years) from completing the sentence to requesting the loan."}},
	WorkerShareMinPct: {"worker_share_min_pct", KindPercent, "percent", 1, 100, nil, Text{
		"Tỷ lệ tối thiểu lao động là người chấp hành xong án phạt tù trên tổng số lao động của cơ sở.",
		"Smallest share of an establishment's workers who must be qualifying ex-prisoners."}},
	CapTrainingPerMonth: {"cap_training_per_month", KindMoney, "VND per course month", 1, int64(MaxVND), nil, Text{
		"Mức cho vay tối đa học nghề, mỗi tháng khóa học, mỗi người.",
		"Vocational-training cap per month of the course, per person."}},
	CapIndividual: {"cap_individual", KindMoney, "VND", 1, int64(MaxVND), nil, Text{
		"Mức cho vay tối đa sản xuất, kinh doanh, tạo việc làm đối với cá nhân.",
		"Production and business cap per person."}},
	CapEstablishmentProject: {"cap_establishment_project", KindMoney, "VND", 1, int64(MaxVND), nil, Text{
		"Mức cho vay tối đa đối với cơ sở, mỗi phương án.",
		"Establishment cap per project."}},
	CapEstablishmentPerWorker: {"cap_establishment_per_worker", KindMoney, "VND per worker", 1, int64(MaxVND), nil, Text{
		"Mức cho vay tối đa đối với cơ sở, tính trên mỗi lao động.",
		"Establishment cap per worker."}},
	TermProductionMaxMonths: {"term_production_max_months", KindCount, "months", 1, 1200, nil, Text{
		"Thời hạn cho vay tối đa (tháng) đối với vay sản xuất, kinh doanh.",
		"Longest term (months) of a production loan."}},
	TrainingShortCourseMaxMonths: {"training_short_course_max_months", KindCount, "months", 1, 1200, nil, Text{
		"Khóa học có thời gian không quá số tháng này được trả nợ tối đa theo hệ số khóa ngắn.",
		"A course of at most this many months repays under the short-course factor."}},
	TrainingRepaymentFactorShort: {"training_repayment_factor_short", KindCount, "times the course length", 0, 100, nil, Text{
		"Thời gian trả nợ tối đa bằng số lần thời gian phát tiền vay (khóa ngắn).",
		"Longest repayment period as a multiple of the disbursement period (short course)."}},
	TrainingRepaymentFactorLong: {"training_repayment_factor_long", KindCount, "times the course length", 0, 100, nil, Text{
		"Thời gian trả nợ tối đa bằng số lần thời gian phát tiền vay (khóa dài).",
		"Longest repayment period as a multiple of the disbursement period (longer course)."}},
	LendingRate: {"lending_rate_yearly_pct", KindRate, "percent per year", 0, 100 * nanoPerPct, nil, Text{
		"Lãi suất cho vay (bằng lãi suất cho vay hộ nghèo), %/năm; %/tháng bằng một phần mười hai.",
		"Lending rate (the poor-household rate), percent per year; the monthly rate is one twelfth."}},
	OverdueRatePct: {"overdue_rate_pct", KindPercent, "percent of the lending rate", 100, 1000, nil, Text{
		"Lãi suất nợ quá hạn tính bằng phần trăm lãi suất cho vay.",
		"Overdue rate as a percent of the lending rate."}},
	CollateralThreshold: {"collateral_threshold", KindMoney, "VND", 0, int64(MaxVND), nil, Text{
		"Cơ sở vay trên mức này phải có bảo đảm tiền vay.",
		"An establishment borrowing more than this must give security."}},
	PerWorkerCapBase: {"per_worker_cap_base", KindChoice, "", 0, 1, []string{"all_workers", "qualifying_workers"}, Text{
		"Lao động được tính khi áp mức cho vay theo lao động: toàn bộ lao động hay chỉ lao động là người chấp hành xong án phạt tù đủ điều kiện.",
		"Which workers the per-worker cap counts: all workers, or only qualifying ex-prisoner workers."}},
	WindowEndsOnWorkingDay: {"window_ends_on_working_day", KindFlag, "", 0, 1, nil, Text{
		"Nếu ngày cuối thời hạn 5 năm là ngày nghỉ cuối tuần hoặc ngày lễ thì thời hạn kết thúc vào ngày làm việc tiếp theo.",
		"When the release window's last day is a weekend day or public holiday, the window runs to the next working day."}},
	PaymentOrder: {"payment_order", KindChoice, "", 0, 1, []string{"interest_first", "principal_first"}, Text{
		"Thứ tự thu nợ khi người vay trả tiền: lãi trước (lãi quá hạn, lãi, gốc quá hạn, gốc đến hạn) hay gốc trước (gốc quá hạn, gốc đến hạn, lãi quá hạn, lãi).",
		"The order in which a payment settles what is owed: interest first (overdue interest, interest, overdue principal, principal due) or principal first (overdue principal, principal due, overdue interest, interest)."}},
	EarlyRepaymentOrder: {"early_repayment_order", KindChoice, "", 0, 1, []string{"next_parts_first", "last_parts_first"}, Text{
		"Khoản trả nợ gốc trước hạn được trừ vào các kỳ trả gốc sắp tới trước (giữ nguyên ngày kết thúc) hay vào các kỳ cuối cùng trước (rút ngắn thời hạn).",
		"Whether principal repaid before it falls due covers the coming parts first (the end date stays) or the last parts first (the term shortens)."}},
	LendingRateCut: {"lending_rate_cut_yearly_pct", KindRate, "percent per year", 0, 100 * nanoPerPct, nil, Text{
		"Mức giảm lãi suất cho vay (%/năm) theo quyết định của Thủ tướng, nơi và trong thời gian được giảm; lãi suất áp dụng bằng lãi suất cho vay trừ mức giảm.",
		"Cut of the lending rate (percent per year) granted by a decision of the Prime Minister, where and while it holds; the rate charged is the lending rate less the cut."}},
	CutLowersOverdueRate: {"rate_cut_lowers_overdue_rate", KindFlag, "", 0, 1, nil, Text{
		"Mức giảm lãi suất có làm giảm lãi suất nợ quá hạn hay không (nợ quá hạn bằng 130% lãi suất đã giảm, hay 130% lãi suất chưa giảm).",
		"Whether a rate cut also lowers the overdue rate (130 % of the cut rate) or not (130 % of the uncut rate)."}},
}

// String returns the key's stable name, as used in rules files.
func (k Key) String() string {
	if k < numKeys {
		return keys[k].name
	}
	return "key(" + strconv.Itoa(int(k)) + ")"
}

// Kind returns the type of the key's value.
func (k Key) Kind() Kind { return keys[k].kind }

// Unit returns the unit of the key's value, in English ("years", "VND", …).
func (k Key) Unit() string { return keys[k].unit }

// About returns what the parameter means, in Vietnamese and English.
func (k Key) About() Text { return keys[k].about }

// Choices returns the names of a KindChoice key's choices, by index.
func (k Key) Choices() []string { return slices.Clone(keys[k].choices) }

// Keys returns every parameter key, in order.
func Keys() []Key {
	ks := make([]Key, numKeys)
	for i := range ks {
		ks[i] = Key(i)
	}
	return ks
}

// KeyNamed returns the key with the given name.
func KeyNamed(name string) (Key, bool) {
	for i := range keys {
		if keys[i].name == name {
			return Key(i), true
		}
	}
	return 0, false
}

// Format writes a raw value of the key as text: digits for counts, percents
// and money, a decimal yearly percentage for rates, "true"/"false" for flags,
// the choice's name for choices.
func (k Key) Format(v int64) string {
	switch keys[k].kind {
	case KindRate:
		return Rate{nanoPctYear: v}.YearlyPct().String()
	case KindFlag:
		return strconv.FormatBool(v != 0)
	case KindChoice:
		if v >= 0 && int(v) < len(keys[k].choices) {
			return keys[k].choices[v]
		}
	}
	return strconv.FormatInt(v, 10)
}

// Span is one value of a parameter over a span of days: from From to To,
// both inclusive. A zero To means the value holds until further notice.
//
// A span is national unless it lists Provinces: then it holds in those
// provinces only, over the national value, for its days. The national spans
// of a parameter cover every day from the policy's force without gap or
// overlap; the provincial spans of one province never overlap each other.
type Span struct {
	From     Date
	To       Date
	Value    int64 // raw value; its meaning depends on the key's Kind
	Citation Citation
	// Provinces lists the two-digit codes (2025) of the provinces where the
	// span holds, in increasing order; empty for a national span.
	Provinces []string
	// Enacted is the day the instrument that sets the value was signed
	// (QĐ2654: 2025-12-04, for days from 2025-10-01); zero when not
	// recorded. A Query whose KnownOn is earlier leaves the span out.
	Enacted Date
}

// Covers reports whether d falls within the span.
func (s *Span) Covers(d Date) bool {
	return !d.Before(s.From) && (s.To.IsZero() || !d.After(s.To))
}

// National reports whether the span holds everywhere (lists no province).
func (s *Span) National() bool { return len(s.Provinces) == 0 }

// In reports whether the span holds in the province with the given code:
// every province for a national span.
func (s *Span) In(province string) bool {
	if s.National() {
		return true
	}
	_, found := slices.BinarySearch(s.Provinces, province)
	return found
}

// overlaps reports whether s and t share a day.
func (s *Span) overlaps(t *Span) bool {
	return (s.To.IsZero() || !t.From.After(s.To)) && (t.To.IsZero() || !s.From.After(t.To))
}

// ErrBeforePolicy is returned for a date before QĐ22 came into force: the
// policy does not apply, so the Book has nothing to say.
var ErrBeforePolicy = errors.New("credit: date is before the policy came into force")

// ErrUnknownProvince is returned for a Query whose Province is not the
// two-digit code of a province of 2025 (Provinces).
var ErrUnknownProvince = errors.New("credit: no province has this code")

// ErrNotYetEnacted is returned for a Query whose KnownOn is before the
// instruments that set some parameter were signed: nothing was known then.
var ErrNotYetEnacted = errors.New("credit: the parameters were not yet enacted on the known-on date")

// Book is the parameter book: every number of the policy as effective-dated
// values, each with its citation, nationally and, where a province has its
// own value for a while, in that province. It answers "what holds on date D
// in province P, as the law was known on day K" (At) and carries a version
// string that every result built from it names.
//
// A Book is immutable once built and safe for concurrent use. Build one with
// DefaultBook, then derive others with With or Override.
type Book struct {
	version     string
	inForce     Date
	inForceCite Citation
	series      [numKeys][]Span
	holidays    []Date // sorted
	editions    []Params
	// local holds the editions of each province that has provincial spans.
	local map[string][]Params
	// enacted are the distinct Enacted days of the spans, in order, and
	// views[i] the book as known before enacted[i] (nil when some parameter
	// had no value yet).
	enacted []Date
	views   []*Book
}

// Version returns the book's version string (rules_version in results),
// e.g. "qd22/2025-12-01".
func (b *Book) Version() string { return b.version }

// InForce returns the day the policy came into force (2023-10-10); On
// refuses earlier days.
func (b *Book) InForce() Date { return b.inForce }

// InForceCitation returns the citation of the policy's date of force.
func (b *Book) InForceCitation() Citation { return b.inForceCite }

// Series returns a copy of the dated values of k, national and provincial,
// in order.
func (b *Book) Series(k Key) []Span { return slices.Clone(b.series[k]) }

// Holidays returns the public holidays the book knows (used only when
// WindowEndsOnWorkingDay is on).
func (b *Book) Holidays() []Date { return slices.Clone(b.holidays) }

// On returns the national parameters in force on day d: At(Query{On: d}).
// The result is shared: do not modify it.
func (b *Book) On(d Date) (*Params, error) { return b.At(Query{On: d}) }

// Query says which parameters to read: those in force On a day, in a
// Province (its two-digit code of 2025; empty for the national values), as
// the law was known on KnownOn (zero: as the book knows it now).
type Query struct {
	On       Date
	Province string
	KnownOn  Date
}

// At returns the parameters the query asks for. It refuses a zero day
// (ErrInvalidDate), a day before the policy came into force
// (ErrBeforePolicy), a province that does not exist (ErrUnknownProvince) and
// a KnownOn before the parameters were enacted (ErrNotYetEnacted). In a
// province without values of its own, the national parameters answer. The
// result is shared: do not modify it.
func (b *Book) At(q Query) (*Params, error) {
	if q.On.IsZero() {
		return nil, ErrInvalidDate
	}
	if q.Province != "" {
		if _, ok := ProvinceByCode(q.Province); !ok {
			return nil, ErrUnknownProvince
		}
	}
	if !q.KnownOn.IsZero() {
		if i := b.knownBefore(q.KnownOn); i < len(b.views) {
			if b.views[i] == nil {
				return nil, ErrNotYetEnacted
			}
			b = b.views[i]
		}
	}
	if q.On.Before(b.inForce) {
		return nil, ErrBeforePolicy
	}
	eds := b.editions
	if l, ok := b.local[q.Province]; ok {
		eds = l
	}
	// eds[0].from == inForce, so the answer exists.
	lo, hi := 0, len(eds)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if eds[mid].from.After(q.On) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return &eds[lo], nil
}

// knownBefore is the index of the first enactment after day k: the view of
// the book as known on k (len(b.views) when everything was known).
func (b *Book) knownBefore(k Date) int {
	i, _ := slices.BinarySearchFunc(b.enacted, k, func(e, k Date) int {
		if e.After(k) {
			return 1
		}
		return -1
	})
	return i
}

// Editions returns every distinct national parameter set of the book from
// the day the policy came into force, in date order: the days on which any
// national parameter changes split the time line. The results are shared:
// do not modify them.
func (b *Book) Editions() []*Params {
	ps := make([]*Params, len(b.editions))
	for i := range b.editions {
		ps[i] = &b.editions[i]
	}
	return ps
}

// ProvincesWithOwnValues returns the codes of the provinces in which some
// parameter has a provincial value on some day from from to to (inclusive;
// a zero to means open-ended), as the law was known on knownOn (zero: as
// the book knows it now), in order: where an answer given with the
// national values may differ.
func (b *Book) ProvincesWithOwnValues(from, to, knownOn Date) []string {
	if !knownOn.IsZero() {
		if i := b.knownBefore(knownOn); i < len(b.views) {
			if b.views[i] == nil {
				return nil
			}
			b = b.views[i]
		}
	}
	var out []string
	window := Span{From: from, To: to}
	for k := range b.series {
		for i := range b.series[k] {
			if sp := &b.series[k][i]; !sp.National() && sp.overlaps(&window) {
				out = append(out, sp.Provinces...)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// With returns a copy of the book in which k has the given values, under a
// new version string. The spans are checked like a rules file's.
func (b *Book) With(version string, k Key, spans []Span) (*Book, error) {
	if k >= numKeys {
		return nil, fmt.Errorf("credit: unknown parameter key %d", k)
	}
	nb := b.clone()
	nb.version = version
	nb.series[k] = cloneSpans(spans)
	if err := nb.build(nil); err != nil {
		return nil, err
	}
	return nb, nil
}

func (b *Book) clone() *Book {
	nb := &Book{version: b.version, inForce: b.inForce, inForceCite: b.inForceCite, holidays: slices.Clone(b.holidays)}
	for k := range b.series {
		nb.series[k] = cloneSpans(b.series[k])
	}
	return nb
}

func cloneSpans(spans []Span) []Span {
	out := slices.Clone(spans)
	for i := range out {
		out[i].Provinces = slices.Clone(out[i].Provinces)
	}
	return out
}

// build checks the book and computes its editions and views. It returns a
// Problems error listing everything wrong (after the problems already
// found, p), with pointers into the rules-file shape; one problem per
// pointer. at, when not nil, gives the pointer of each key's span (spans
// that did not come from the file have none: ok false).
func (b *Book) build(p Problems) error {
	return b.buildAt(p, nil)
}

func (b *Book) buildAt(p Problems, at func(k Key, i int) (string, bool)) error {
	if b.version == "" {
		p.Add("/version", CodeRequired, MsgRequired, nil)
	}
	if b.inForce.IsZero() {
		p.Add("/in_force", CodeRequired, MsgRequired, nil)
	}
	for k := range b.series {
		b.series[k] = fillCitations(b.series[k])
		ptr := func(i int) (string, bool) {
			return "/parameters/" + PointerToken(Key(k).String()) + "/" + strconv.Itoa(i), true
		}
		if at != nil {
			ptr = func(i int) (string, bool) { return at(Key(k), i) }
		}
		checkSeries(&p, Key(k), b.series[k], b.inForce, ptr)
	}
	slices.SortFunc(b.holidays, Date.Compare)
	b.holidays = slices.Compact(b.holidays)
	if len(p) > 0 {
		return fmt.Errorf("credit: parameter book: %w", p.firstPerPointer())
	}
	b.inForceCite.fill()
	b.computeEditions()
	b.computeViews()
	return nil
}

func fillCitations(spans []Span) []Span {
	for i := range spans {
		spans[i].Citation.fill()
	}
	return spans
}

// Codes of problems with a parameter book.
const (
	CodeEmpty        = "empty"          // a parameter has no values
	CodeGap          = "gap"            // days with no value
	CodeOverlap      = "overlap"        // days with two values
	CodeUnordered    = "unordered"      // spans not in date order
	CodeToBeforeFrom = "to_before_from" // a span that ends before it starts
	CodeUnknownKey   = "unknown_parameter"
	CodeInvalidValue = "invalid_value"
)

func checkSeries(p *Problems, k Key, spans []Span, inForce Date, ptr func(i int) (string, bool)) {
	base := "/parameters/" + PointerToken(k.String())
	// where is the pointer of span i, or of the first span from the file
	// when span i did not come from it.
	where := func(i int) string {
		if at, ok := ptr(i); ok {
			return at
		}
		for j := range spans {
			if at, ok := ptr(j); ok {
				return at
			}
		}
		return base
	}
	// unreadable: a span whose dates could not be read (a problem reported
	// before these checks) is not compared with its neighbours, so that one
	// mistake is reported once.
	read := (*p)[:len(*p):len(*p)]
	unreadable := func(i int) bool {
		at := where(i)
		return read.Has(at+"/from") || read.Has(at+"/to")
	}
	info := &keys[k]
	var national []int
	for i := range spans {
		if spans[i].National() {
			national = append(national, i)
		}
	}
	if len(national) == 0 {
		p.Add(base, CodeEmpty, Text{
			"Tham số không có giá trị nào áp dụng trên cả nước.",
			"The parameter has no national value."}, nil)
	}
	for i := range spans {
		s := &spans[i]
		at := where(i)
		if s.From.IsZero() {
			p.Add(at+"/from", CodeRequired, MsgRequired, nil)
		}
		if !s.To.IsZero() && s.To.Before(s.From) {
			p.Add(at+"/to", CodeToBeforeFrom, Text{
				"Ngày kết thúc (to) trước ngày bắt đầu (from).",
				"The end date (to) is before the start date (from)."}, nil)
		}
		if s.Value < info.min || s.Value > info.max {
			p.Add(at+"/value", CodeOutOfRange, Text{
				fmt.Sprintf("Giá trị phải từ %s đến %s.", k.Format(info.min), k.Format(info.max)),
				fmt.Sprintf("The value must be from %s to %s.", k.Format(info.min), k.Format(info.max))}, nil)
		}
		if s.Citation.Instrument == "" {
			p.Add(at+"/citation/instrument", CodeRequired, Text{
				"Mỗi giá trị phải ghi căn cứ pháp lý (văn bản, điều, khoản, điểm).",
				"Every value needs its citation (instrument, article, clause, point)."}, nil)
		}
		for j, code := range s.Provinces {
			switch _, ok := ProvinceByCode(code); {
			case !ok:
				p.Add(at+"/provinces/"+strconv.Itoa(j), CodeUnknownProvince, MsgUnknownProvince, nil)
			case j > 0 && code <= s.Provinces[j-1]:
				p.Add(at+"/provinces/"+strconv.Itoa(j), CodeUnordered, Text{
					"Mã tỉnh phải xếp tăng dần, mỗi mã một lần.",
					"Province codes must be listed in increasing order, each once."}, nil)
			}
		}
	}
	for n, i := range national {
		s := &spans[i]
		at := where(i)
		if n == 0 {
			if !s.From.IsZero() && !inForce.IsZero() && s.From.After(inForce) {
				p.Add(at+"/from", CodeGap, Text{
					fmt.Sprintf("Không có giá trị từ ngày chính sách có hiệu lực (%s) đến %s.", inForce, s.From.AddDays(-1)),
					fmt.Sprintf("No value from the day the policy came into force (%s) to %s.", inForce, s.From.AddDays(-1))}, nil)
			}
			continue
		}
		prev := &spans[national[n-1]]
		switch {
		case s.From.IsZero() || prev.From.IsZero() || unreadable(national[n-1]):
		case !s.From.After(prev.From):
			p.Add(at+"/from", CodeUnordered, Text{
				"Các khoảng thời gian phải xếp theo thứ tự ngày tăng dần.",
				"Spans must be listed in increasing date order."}, nil)
		case prev.To.IsZero():
			p.Add(at+"/from", CodeOverlap, Text{
				fmt.Sprintf("Khoảng trước không có ngày kết thúc nên trùng với khoảng này từ %s.", s.From),
				fmt.Sprintf("The previous span has no end date, so it overlaps this one from %s.", s.From)}, nil)
		case s.From.DaysSince(prev.To) > 1:
			p.Add(at+"/from", CodeGap, Text{
				fmt.Sprintf("Không có giá trị từ %s đến %s.", prev.To.AddDays(1), s.From.AddDays(-1)),
				fmt.Sprintf("No value from %s to %s.", prev.To.AddDays(1), s.From.AddDays(-1))}, nil)
		case s.From.DaysSince(prev.To) < 1:
			p.Add(at+"/from", CodeOverlap, Text{
				fmt.Sprintf("Trùng với khoảng trước từ %s đến %s.", s.From, prev.To),
				fmt.Sprintf("Overlaps the previous span from %s to %s.", s.From, prev.To)}, nil)
		}
	}
	if len(national) > 0 {
		if i := national[len(national)-1]; !spans[i].To.IsZero() && !unreadable(i) {
			p.Add(where(i)+"/to", CodeGap, Text{
				fmt.Sprintf("Không có giá trị sau %s: khoảng cuối cùng không được có ngày kết thúc.", spans[i].To),
				fmt.Sprintf("No value after %s: the last span must be open-ended (no \"to\").", spans[i].To)}, nil)
		}
	}
	checkProvincial(p, spans, where, unreadable, ptr)
}

// checkProvincial reports provincial spans that overlap another for the
// same province: per province, each day has at most one provincial value
// (over the national one, so there are no gaps to find). The overlap is
// reported at the later span, or at the one that came from the file.
func checkProvincial(p *Problems, spans []Span, where func(int) string, unreadable func(int) bool, ptr func(int) (string, bool)) {
	for i := range spans {
		a := &spans[i]
		if a.National() || a.From.IsZero() || unreadable(i) {
			continue
		}
		for j := i + 1; j < len(spans); j++ {
			b := &spans[j]
			if b.National() || b.From.IsZero() || unreadable(j) || !a.overlaps(b) {
				continue
			}
			code, shared := "", false
			for _, c := range b.Provinces {
				if a.In(c) {
					code, shared = c, true
					break
				}
			}
			if !shared {
				continue
			}
			at := where(j)
			if _, fromFile := ptr(j); !fromFile {
				at = where(i)
			}
			p.Add(at+"/from", CodeOverlap, Text{
				fmt.Sprintf("Ở tỉnh mã %s, khoảng này trùng với một khoảng khác của tỉnh từ %s.", code, laterOf(a.From, b.From)),
				fmt.Sprintf("In province %s this span overlaps another of the province from %s.", code, laterOf(a.From, b.From))}, nil)
		}
	}
}

func laterOf(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

// computeEditions splits the time line at every day on which a value
// changes: nationally, and in each province with values of its own.
func (b *Book) computeEditions() {
	b.editions = b.editionsIn("")
	b.local = nil
	for k := range b.series {
		for i := range b.series[k] {
			for _, code := range b.series[k][i].Provinces {
				if _, done := b.local[code]; !done {
					if b.local == nil {
						b.local = map[string][]Params{}
					}
					b.local[code] = b.editionsIn(code)
				}
			}
		}
	}
}

// editionsIn computes the editions of a province ("" for the national
// ones).
func (b *Book) editionsIn(province string) []Params {
	cuts := []Date{b.inForce}
	for k := range b.series {
		for _, s := range b.series[k] {
			if !s.National() && (province == "" || !s.In(province)) {
				continue
			}
			if s.From.After(b.inForce) {
				cuts = append(cuts, s.From)
			}
			if !s.To.IsZero() && s.To.Before(maxDate) && s.To.AddDays(1).After(b.inForce) {
				cuts = append(cuts, s.To.AddDays(1))
			}
		}
	}
	slices.SortFunc(cuts, Date.Compare)
	cuts = slices.Compact(cuts)
	eds := make([]Params, len(cuts))
	for i, from := range cuts {
		e := &eds[i]
		e.version = b.version
		e.province = province
		e.from = from
		if i+1 < len(cuts) {
			e.to = cuts[i+1].AddDays(-1)
		}
		e.holidays = b.holidays
		for k := range b.series {
			var national, local *Span
			for j := range b.series[k] {
				s := &b.series[k][j]
				if !s.Covers(from) {
					continue
				}
				if s.National() {
					national = s
				} else if province != "" && s.In(province) {
					local = s
				}
			}
			if local != nil {
				national = local
			}
			e.values[k] = national.Value
			e.spans[k] = national
		}
		base := Rate{nanoPctYear: e.values[LendingRate]}
		e.rate = Rate{nanoPctYear: max(0, e.values[LendingRate]-e.values[LendingRateCut])}
		overdueOf := base
		if e.values[CutLowersOverdueRate] != 0 {
			overdueOf = e.rate
		}
		e.overdue = overdueOf.Scale(e.values[OverdueRatePct])
	}
	if province != "" {
		// A province's editions name it only where it has values of its
		// own; elsewhere they are the national ones.
		for i := range eds {
			own := false
			for k := range eds[i].spans {
				own = own || !eds[i].spans[k].National()
			}
			if !own {
				eds[i].province = ""
			}
		}
	}
	return eds
}

// computeViews builds the book as it was known before each day on which a
// span was enacted, so that At can answer for a KnownOn.
func (b *Book) computeViews() {
	b.enacted, b.views = nil, nil
	for k := range b.series {
		for _, s := range b.series[k] {
			if !s.Enacted.IsZero() {
				b.enacted = append(b.enacted, s.Enacted)
			}
		}
	}
	slices.SortFunc(b.enacted, Date.Compare)
	b.enacted = slices.Compact(b.enacted)
	b.views = make([]*Book, len(b.enacted))
	for i, day := range b.enacted {
		b.views[i] = b.knownUntil(day.AddDays(-1))
	}
}

// knownUntil is the book without the spans enacted after day: a national
// value left out is replaced by the one before it, which held until further
// notice as far as anyone knew then. It is nil when some parameter had no
// national value yet.
func (b *Book) knownUntil(day Date) *Book {
	v := &Book{version: b.version, inForce: b.inForce, inForceCite: b.inForceCite, holidays: b.holidays}
	for k := range b.series {
		for _, s := range b.series[k] {
			if s.Enacted.IsZero() || !s.Enacted.After(day) {
				v.series[k] = append(v.series[k], s)
			}
		}
		var last *Span
		for i := range v.series[k] {
			if s := &v.series[k][i]; s.National() {
				if last != nil {
					last.To = s.From.AddDays(-1)
				}
				last = s
			}
		}
		if last == nil {
			return nil
		}
		last.To = Date{}
	}
	if first := v.firstNationalFrom(); first.After(v.inForce) {
		return nil
	}
	v.computeEditions()
	return v
}

// firstNationalFrom is the latest first day of a national series: from it
// on, every parameter has a value.
func (b *Book) firstNationalFrom() Date {
	var latest Date
	for k := range b.series {
		for _, s := range b.series[k] {
			if s.National() {
				if s.From.After(latest) {
					latest = s.From
				}
				break
			}
		}
	}
	return latest
}

// Params is the parameter set in force over a span of days: what Book.On
// returns. Read it through its methods; it is shared and must not be
// modified.
type Params struct {
	version  string
	province string
	from, to Date
	values   [numKeys]int64
	spans    [numKeys]*Span
	rate     Rate
	overdue  Rate
	holidays []Date
}

// Version returns the version of the book the parameters come from.
func (p *Params) Version() string { return p.version }

// Province returns the code of the province whose own values these
// parameters include, or "" when they are the national values (also in a
// province that has no values of its own on these days).
func (p *Params) Province() string { return p.province }

// From returns the first day on which exactly these parameters hold.
func (p *Params) From() Date { return p.from }

// To returns the last day on which exactly these parameters hold, or the zero
// Date if they hold until further notice.
func (p *Params) To() Date { return p.to }

// Int returns the raw value of k (see Kind for its meaning).
func (p *Params) Int(k Key) int64 { return p.values[k] }

// VND returns a money parameter.
func (p *Params) VND(k Key) VND { return VND(p.values[k]) }

// Flag returns a flag parameter.
func (p *Params) Flag(k Key) bool { return p.values[k] != 0 }

// Span returns the dated value of k that holds, with its citation.
func (p *Params) Span(k Key) *Span { return p.spans[k] }

// Citation returns the citation of the value of k that holds.
func (p *Params) Citation(k Key) *Citation { return &p.spans[k].Citation }

// LendingRate returns the lending rate charged (Art. 9): the LendingRate
// parameter less any LendingRateCut in force, never below 0.
func (p *Params) LendingRate() Rate { return p.rate }

// OverdueRate returns the overdue rate in force: OverdueRatePct percent of the
// lending rate (Art. 9) — of the uncut rate unless CutLowersOverdueRate.
func (p *Params) OverdueRate() Rate { return p.overdue }

// RateCitation returns the citation of the rate charged: the cut's when a
// LendingRateCut is in force, else the lending rate's.
func (p *Params) RateCitation() *Citation {
	if p.values[LendingRateCut] != 0 {
		return &p.spans[LendingRateCut].Citation
	}
	return &p.spans[LendingRate].Citation
}

// WindowLastDay returns the last day on which a person who completed the
// sentence on completed may request a loan: the Civil Code period of
// ReleaseWindowYears years after completion (PeriodLastDay), moved past
// weekend days and the book's public holidays when WindowEndsOnWorkingDay is
// set.
func (p *Params) WindowLastDay(completed Date) Date {
	last := PeriodLastDay(completed, 12*int(p.values[ReleaseWindowYears]))
	if p.values[WindowEndsOnWorkingDay] != 0 {
		for i := 0; i < 366 && !p.isWorkingDay(last); i++ {
			last = last.AddDays(1)
		}
	}
	return last
}

func (p *Params) isWorkingDay(d Date) bool {
	if wd := d.Weekday(); wd == 0 || wd == 6 {
		return false
	}
	_, found := slices.BinarySearchFunc(p.holidays, d, Date.Compare)
	return !found
}
