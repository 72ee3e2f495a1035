package reporting

import (
	"math/bits"

	"github.com/vnreentry/credit"
)

// snapTable is a Snapshot's loans, by the hash of their loan_id: as idSet,
// in idSegments tables chosen by the hash's top bits, each with open
// addressing and linear probing, at most three quarters full, growing one
// at a time (32 to 64 bytes a loan). A hash's first slot in its table is
// its other bits' position scaled to the table. A slot with h 0 is empty; a
// hash of 0 is stored as 1.
type snapTable struct {
	segs []snapSegment // made at the first put
	n    int
}

type snapSegment struct {
	slots []snapSlot
	n     int
}

type snapSlot struct {
	h uint64
	snapLoan
}

func snapKey(h uint64) uint64 { return max(h, 1) }

// reserve makes room for about n loans at once (see idSet.reserve).
func (t *snapTable) reserve(n int) {
	if n <= 0 {
		return
	}
	if t.segs == nil {
		t.segs = make([]snapSegment, idSegments)
	}
	size := reserveSize(n)
	for j := range t.segs {
		if seg := &t.segs[j]; len(seg.slots) < size && seg.n == 0 {
			seg.slots = make([]snapSlot, size)
		}
	}
}

// find returns the loan of hash h, or nil.
func (t *snapTable) find(h uint64) *snapLoan {
	if t.segs == nil {
		return nil
	}
	h = snapKey(h)
	seg := &t.segs[h>>(64-idSegBits)]
	size := uint64(len(seg.slots))
	if size == 0 {
		return nil
	}
	j, _ := bits.Mul64(h<<idSegBits, size)
	for {
		switch seg.slots[j].h {
		case 0:
			return nil
		case h:
			return &seg.slots[j].snapLoan
		}
		if j++; j == size {
			j = 0
		}
	}
}

// add adds loan l of hash h if there is none, and reports false if there
// was. It returns where the loan of h is, until the next add.
func (t *snapTable) add(h uint64, l snapLoan) (*snapLoan, bool) {
	h = snapKey(h)
	if t.segs == nil {
		t.segs = make([]snapSegment, idSegments)
	}
	seg := &t.segs[h>>(64-idSegBits)]
	if 4*(seg.n+1) > 3*len(seg.slots) {
		seg.grow()
	}
	size := uint64(len(seg.slots))
	j, _ := bits.Mul64(h<<idSegBits, size)
	for {
		switch seg.slots[j].h {
		case 0:
			seg.slots[j] = snapSlot{h: h, snapLoan: l}
			seg.n++
			t.n++
			return &seg.slots[j].snapLoan, true
		case h:
			return &seg.slots[j].snapLoan, false
		}
		if j++; j == size {
			j = 0
		}
	}
}

// peek returns something of the first slot of h, so that loading it
// starts (see Portfolio.touch).
func (t *snapTable) peek(h uint64) credit.VND {
	if t.segs == nil {
		return 0
	}
	h = snapKey(h)
	seg := &t.segs[h>>(64-idSegBits)]
	if len(seg.slots) == 0 {
		return 0
	}
	j, _ := bits.Mul64(h<<idSegBits, uint64(len(seg.slots)))
	return seg.slots[j].outstanding
}

// all calls f with each loan.
func (t *snapTable) all(f func(l *snapLoan)) {
	for s := range t.segs {
		for j := range t.segs[s].slots {
			if sl := &t.segs[s].slots[j]; sl.h != 0 {
				f(&sl.snapLoan)
			}
		}
	}
}

func (seg *snapSegment) grow() {
	old := seg.slots
	seg.slots = make([]snapSlot, max(6, 2*len(old)))
	size := uint64(len(seg.slots))
	for _, sl := range old {
		if sl.h == 0 {
			continue
		}
		j, _ := bits.Mul64(sl.h<<idSegBits, size)
		for seg.slots[j].h != 0 {
			if j++; j == size {
				j = 0
			}
		}
		seg.slots[j] = sl
	}
}

// shortTable is a Portfolio's index of the communes whose code is at most 7
// bytes, by shortKey: open addressing, linear probing, a power of 2 of
// slots at most half full. A key is stored with its top bit set (shortKey
// never sets it), so that 0 marks an empty slot.
type shortTable struct {
	keys []uint64
	idx  []int32
	n    int
}

const shortMark = 1 << 63

func (t *shortTable) slot(k uint64) int {
	return int((k * 0x9e3779b97f4a7c15) >> (64 - bits.Len(uint(len(t.keys)-1))))
}

// get returns the index of key k, and whether it is there.
func (t *shortTable) get(k uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	k |= shortMark
	mask := len(t.keys) - 1
	for j := t.slot(k); ; j = (j + 1) & mask {
		switch t.keys[j] {
		case k:
			return t.idx[j], true
		case 0:
			return 0, false
		}
	}
}

// set sets the index of key k, not there yet.
func (t *shortTable) set(k uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		old, oldIdx := t.keys, t.idx
		size := max(64, 2*len(old))
		t.keys, t.idx, t.n = make([]uint64, size), make([]int32, size), 0
		for j, ok := range old {
			if ok != 0 {
				t.set(ok&^shortMark, oldIdx[j])
			}
		}
	}
	k |= shortMark
	mask := len(t.keys) - 1
	j := t.slot(k)
	for t.keys[j] != 0 {
		j = (j + 1) & mask
	}
	t.keys[j], t.idx[j] = k, v
	t.n++
}
