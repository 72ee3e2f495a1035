package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/records"
)

// Reasons of a Verification that does not hold. Stable.
const (
	ReasonSeqGap       = "seq_gap"       // an entry is missing: FirstBadSeq is the first missing seq
	ReasonPrevMismatch = "prev_mismatch" // an entry does not follow the one before it (reordered, or one before it replaced)
	ReasonHashMismatch = "hash_mismatch" // an entry's content is not what was hashed (changed)
	ReasonHeadMismatch = "head_mismatch" // the head row names another hash than the newest entry's
)

// SystemRole is the role of the entries the store makes by itself, with
// user 0: the first catalogue of an empty store and the bootstrap admin.
const SystemRole = "system"

// maxEntryField bounds each text field of an entry, in bytes.
const maxEntryField = 256

// checkEntry refuses an entry the trail cannot keep: Action and Outcome
// are required, and every text must be valid (credit.ValidText) and short.
// These are mistakes of the caller, not of its users.
func checkEntry(e *records.Entry) error {
	if e.Action == "" || e.Outcome == "" {
		return errors.New("store: an audit entry needs an action and an outcome")
	}
	if e.UserID < 0 {
		return errors.New("store: an audit entry's user id is negative")
	}
	if y := e.At.Year(); !e.At.IsZero() && (y < 2000 || y > 9999) {
		return errors.New("store: an audit entry's time is not of this era")
	}
	for i, v := range [...]string{e.Role, e.Action, e.Resource, e.ResourceID, e.Outcome, e.RequestID} {
		if len(v) > maxEntryField || !credit.ValidText(v) {
			return fmt.Errorf("store: an audit entry's %s is not short valid text", entryFields[i])
		}
	}
	return nil
}

var entryFields = [...]string{"role", "action", "resource", "resource_id", "outcome", "request_id"}

// head is the chain's newest entry: its seq and hash (0 and empty before
// the first).
type head struct {
	seq  int64
	hash []byte
}

// write runs fn in a transaction that holds the audit head from its start,
// appends the entries fn returns to the chain and commits: a business
// change and its entries are kept together or not at all. On SQLite the
// transaction is immediate (it holds the write lock from BEGIN) and this
// process's writers queue in Go; on PostgreSQL the head row is locked
// (SELECT … FOR UPDATE), which makes every writer of every process take
// its turn. A transaction that fails for a lock (busy, deadlock) is tried
// again, twice at most.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) ([]records.Entry, error)) error {
	if s.writeSem != nil {
		select {
		case s.writeSem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		defer func() { <-s.writeSem }()
	}
	var err error
	for range 3 {
		err = s.writeOnce(ctx, fn)
		if err == nil || s.d.class(err) != errBusy {
			return err
		}
	}
	return err
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *sql.Tx) ([]records.Entry, error)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	var h head
	headStmt, err := s.stmt(ctx, tx, `SELECT seq, hash FROM audit_head WHERE id = 1`+s.d.forUpdate)
	if err != nil {
		return err
	}
	if err := headStmt.QueryRowContext(ctx).Scan(&h.seq, &h.hash); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	entries, err := fn(tx)
	if err != nil {
		return err
	}
	if err := s.appendTx(ctx, tx, h, entries); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// insertChunk is the most entries one INSERT writes.
const insertChunk = 64

// insertAudit[n] inserts n entries.
var insertAudit = func() (q [insertChunk + 1]string) {
	for n := 1; n <= insertChunk; n++ {
		var b strings.Builder
		b.WriteString(`INSERT INTO audit (seq, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash) VALUES `)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(")
			for j := range 11 {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("$" + strconv.Itoa(i*11+j+1))
			}
			b.WriteString(")")
		}
		q[n] = b.String()
	}
	return q
}()

// stmt returns the statement q of tx, prepared once for the store (the
// connection keeps it; database/sql prepares it again only on a connection
// that has not seen it).
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	st, ok := s.stmts[q]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, q); err != nil {
			return nil, fmt.Errorf("store: prepare: %w", err)
		}
		if s.stmts == nil {
			s.stmts = map[string]*sql.Stmt{}
		}
		s.stmts[q] = st
	}
	return tx.StmtContext(ctx, st), nil
}

// appendTx chains entries after h, in order, writing their Seq, At
// (microseconds, UTC), PrevHash and Hash, inserts them and moves the head.
func (s *Store) appendTx(ctx context.Context, tx *sql.Tx, h head, entries []records.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	prev := h.hash
	if prev == nil {
		prev = []byte{}
	}
	seq := h.seq
	args := make([]any, 0, 11*min(len(entries), insertChunk))
	for start := 0; start < len(entries); start += insertChunk {
		chunk := entries[start:min(len(entries), start+insertChunk)]
		args = args[:0]
		for i := range chunk {
			e := &chunk[i]
			seq++
			e.Seq = seq
			e.At = micro(e.At)
			e.PrevHash = prev
			e.Hash = records.HashEntry(prev, e)
			prev = e.Hash
			args = append(args, e.Seq, s.d.timeArg(e.At), e.UserID, e.Role, e.Action, e.Resource,
				e.ResourceID, e.Outcome, e.RequestID, e.PrevHash, e.Hash)
		}
		ins, err := s.stmt(ctx, tx, insertAudit[len(chunk)])
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: append audit entries: %w", err)
		}
	}
	upd, err := s.stmt(ctx, tx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`)
	if err != nil {
		return err
	}
	if _, err := upd.ExecContext(ctx, seq, prev); err != nil {
		return fmt.Errorf("store: move audit head: %w", err)
	}
	return nil
}

// appendReq is one caller of Append waiting for its batch.
type appendReq struct {
	e    records.Entry
	done chan error
}

// Append appends an entry that carries no business change (a calculation,
// a read, a refused attempt) to the audit trail. Entries from concurrent
// callers are written together, one transaction per batch (Options'
// AuditMaxBatch and AuditMaxDelay), and Append returns once its batch has
// committed: an answer given after Append returns nil never outlives its
// entry. A zero At is the time of the call; Seq, PrevHash and Hash are the
// store's to set. If ctx ends first, Append returns ctx.Err() and the entry
// may or may not be written.
func (s *Store) Append(ctx context.Context, e records.Entry) error {
	if err := checkEntry(&e); err != nil {
		return err
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	r := &appendReq{e: e, done: make(chan error, 1)}
	s.closeMu.RLock()
	if s.closed {
		s.closeMu.RUnlock()
		return ErrClosed
	}
	s.incoming.Add(1)
	select {
	case s.queue <- r:
	case <-ctx.Done():
		s.incoming.Add(-1)
		s.closeMu.RUnlock()
		return ctx.Err()
	}
	s.closeMu.RUnlock()
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// writeLoop is the group commit: it takes the queued entries, waits a
// little for those whose callers are on their way, writes them in one
// transaction and answers each caller. A lone caller never waits: the
// last batch held one entry and nobody else is inside Append. It ends
// when Close has closed the queue and every queued entry is written.
func (s *Store) writeLoop() {
	defer close(s.writerDone)
	batch := make([]*appendReq, 0, s.maxBatch)
	entries := make([]records.Entry, 0, s.maxBatch)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	last := 0 // the size of the last batch
	for {
		r, ok := <-s.queue
		if !ok {
			return
		}
		s.incoming.Add(-1)
		batch = append(batch[:0], r)
		open := true
		var deadline time.Time
	fill:
		for len(batch) < s.maxBatch {
			select {
			case r, ok := <-s.queue:
				if !ok {
					open = false
					break fill
				}
				s.incoming.Add(-1)
				batch = append(batch, r)
				continue
			default:
			}
			// Nothing queued. Wait, at most maxDelay, for callers
			// already inside Append, or for as many as the last batch
			// had: the writers it answered are likely on their way back.
			if s.maxDelay < 0 || (s.incoming.Load() <= 0 && len(batch) >= last) {
				break
			}
			if deadline.IsZero() {
				deadline = time.Now().Add(s.maxDelay)
			}
			wait := time.Until(deadline)
			if wait <= 0 {
				break
			}
			timer.Reset(wait)
			select {
			case r, ok := <-s.queue:
				timer.Stop()
				if !ok {
					open = false
					break fill
				}
				s.incoming.Add(-1)
				batch = append(batch, r)
			case <-timer.C:
				break fill
			}
		}
		last = len(batch)
		entries = entries[:0]
		for _, r := range batch {
			entries = append(entries, r.e)
		}
		err := s.write(context.Background(), func(*sql.Tx) ([]records.Entry, error) { return entries, nil })
		for _, r := range batch {
			r.done <- err
		}
		clear(batch)
		if !open {
			return
		}
	}
}

// auditColumns are the columns of an entry, in the order scanEntry reads.
const auditColumns = `seq, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash`

func scanEntry(rows *sql.Rows, e *records.Entry) error {
	return rows.Scan(&e.Seq, timeScan{&e.At}, &e.UserID, &e.Role, &e.Action, &e.Resource,
		&e.ResourceID, &e.Outcome, &e.RequestID, &e.PrevHash, &e.Hash)
}

// MaxAuditPage is the most entries Audit returns at once.
const MaxAuditPage = 1000

// Audit returns the entries after seq after, in order, at most limit of
// them (limit ≤ 0: 100; at most MaxAuditPage).
func (s *Store) Audit(ctx context.Context, after int64, limit int) ([]records.Entry, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, MaxAuditPage)
	after = max(after, 0)
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	out := []records.Entry{}
	for rows.Next() {
		var e records.Entry
		if err := scanEntry(rows, &e); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

func (s *Store) readHead(ctx context.Context) (head, error) {
	var h head
	err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&h.seq, &h.hash)
	if err != nil {
		return head{}, fmt.Errorf("store: audit head: %w", err)
	}
	return h, nil
}

// Verify walks the audit trail from its first entry to the head, computing
// each hash again (records.HashEntry). It finds an entry changed
// (ReasonHashMismatch at it), deleted (ReasonSeqGap at the first missing
// seq, also at the end of the trail), or moved or replaced
// (ReasonPrevMismatch or ReasonHashMismatch), and names the first entry
// that does not hold. Entries appended while it walks are left for the next
// walk. A chain rewritten from some entry on with correct hashes verifies:
// keep Checkpoints outside the database to catch that.
func (s *Store) Verify(ctx context.Context) (records.Verification, error) {
	h, err := s.readHead(ctx)
	if err != nil {
		return records.Verification{}, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit WHERE seq <= $1 ORDER BY seq`, h.seq)
	if err != nil {
		return records.Verification{}, fmt.Errorf("store: verify: %w", err)
	}
	defer rows.Close()
	var v records.Verification
	bad := func(seq int64, reason string) (records.Verification, error) {
		v.FirstBadSeq, v.Reason = seq, reason
		return v, nil
	}
	prev := []byte{}
	want := int64(1)
	var e records.Entry
	for rows.Next() {
		if err := scanEntry(rows, &e); err != nil {
			return records.Verification{}, fmt.Errorf("store: verify: %w", err)
		}
		switch {
		case e.Seq != want:
			return bad(want, ReasonSeqGap)
		case !bytes.Equal(e.PrevHash, prev):
			return bad(e.Seq, ReasonPrevMismatch)
		case !bytes.Equal(records.HashEntry(prev, &e), e.Hash):
			return bad(e.Seq, ReasonHashMismatch)
		}
		v.Entries++
		prev = e.Hash
		want++
	}
	if err := rows.Err(); err != nil {
		return records.Verification{}, fmt.Errorf("store: verify: %w", err)
	}
	if want <= h.seq {
		return bad(want, ReasonSeqGap)
	}
	if !bytes.Equal(prev, h.hash) {
		return bad(max(h.seq, 1), ReasonHeadMismatch)
	}
	v.Valid = true
	v.Head = prev
	return v, nil
}

// CheckpointOrigin is the first line of a checkpoint's text.
const CheckpointOrigin = "vnreentry/credit audit"

// Checkpoint returns the head of the audit trail (its seq and hash) as a
// note signed by Options.CheckpointSigner (golang.org/x/mod/sumdb/note,
// Ed25519), to keep outside the database. Without a signer it returns an
// error wrapping errors.ErrUnsupported. Its text is three lines:
//
//	vnreentry/credit audit
//	<seq>
//	<hash, standard base64>
//
// A later Verify whose entry at that seq has another hash, or a trail
// shorter than it, shows the trail was rewritten. ParseCheckpoint reads it
// back.
func (s *Store) Checkpoint(ctx context.Context) ([]byte, error) {
	if s.signer == nil {
		return nil, fmt.Errorf("store: no checkpoint key is configured (Options.CheckpointSigner): %w", errors.ErrUnsupported)
	}
	h, err := s.readHead(ctx)
	if err != nil {
		return nil, err
	}
	text := CheckpointOrigin + "\n" + strconv.FormatInt(h.seq, 10) + "\n" + base64.StdEncoding.EncodeToString(h.hash) + "\n"
	msg, err := note.Sign(&note.Note{Text: text}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("store: checkpoint: %w", err)
	}
	return msg, nil
}

// ParseCheckpoint checks a checkpoint's signature with verifier and returns
// the seq and hash it holds.
func ParseCheckpoint(msg []byte, verifier note.Verifier) (seq int64, hash []byte, err error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return 0, nil, fmt.Errorf("store: checkpoint: %w", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) != 4 || lines[0] != CheckpointOrigin || lines[3] != "" {
		return 0, nil, errors.New("store: checkpoint: not a checkpoint of the audit trail")
	}
	seq, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || seq < 0 {
		return 0, nil, errors.New("store: checkpoint: bad seq")
	}
	hash, err = base64.StdEncoding.DecodeString(lines[2])
	if err != nil {
		return 0, nil, errors.New("store: checkpoint: bad hash")
	}
	return seq, hash, nil
}
