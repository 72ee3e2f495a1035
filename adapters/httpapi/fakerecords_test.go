package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// fakeRecords is an in-memory Records with a real hash chain
// (records.HashEntry). Like the store, it appends the entry of a business
// change itself, made from the Actor.
type fakeRecords struct {
	mu        sync.Mutex
	now       func() time.Time
	tokens    map[string]int64 // token → token id
	tokenRows map[int64]*records.Token
	users     []records.User
	entries   []records.Entry
	cat       *places.Catalogue
	inUse     map[string]bool       // commune codes a record refers to, beside users'
	docs      map[string][]*fakeDoc // by kind; id = index + 1
	idem      map[fakeIdemKey]fakeIdem
	lend      fakeLending // applications, loans, payments (fakelending_test.go)
	plan      fakePlan    // the provincial plan's completions (fakereports_test.go)
	book      fakeBook    // VBSP's loan book (fakeloanbook_test.go)

	appendErr error       // Append fails with it
	onAppend  func()      // called at each Append, before it appends
	appendCtx func(error) // given ctx.Err() at each Append
	noSigner  bool        // Checkpoint: no key configured
	fixedAuth *fixedAuth  // for the benchmark: one token, no lock
	nopAppend bool        // for the benchmark: Append does nothing
}

type fixedAuth struct {
	token string
	p     access.Principal
}

func newFakeRecords() *fakeRecords {
	return &fakeRecords{
		now:       func() time.Time { return time.Date(2026, 1, 5, 3, 4, 5, 123456000, time.UTC) },
		tokens:    map[string]int64{},
		tokenRows: map[int64]*records.Token{},
		cat:       places.Default(),
		inUse:     map[string]bool{},
	}
}

// addUser adds a user with a token of its own, and returns the token.
func (f *fakeRecords) addUser(role access.Role, communes []string, province string) (records.User, string) {
	return f.addNamedUser("Officer "+string(role), role, communes, province)
}

func (f *fakeRecords) addNamedUser(name string, role access.Role, communes []string, province string) (records.User, string) {
	u, err := f.CreateUser(context.Background(), records.Actor{}, records.NewUser{Name: name, Role: string(role), Communes: communes, Province: province})
	if err != nil {
		panic(err)
	}
	_, token, err := f.CreateToken(context.Background(), records.Actor{}, u.ID, credit.Date{})
	if err != nil {
		panic(err)
	}
	return u, token
}

// seedUser adds a user and a token of its own without an audit entry, as
// a store's history before the part a test looks at; it returns the
// token.
func (f *fakeRecords) seedUser(name string, role access.Role, communes []string, province string) string {
	f.mu.Lock()
	n := len(f.entries)
	f.mu.Unlock()
	_, tok := f.addNamedUser(name, role, communes, province)
	f.mu.Lock()
	f.entries = f.entries[:n]
	f.mu.Unlock()
	return tok
}

// roleToken makes a user of the role, scoped to Bản Bo (03424) or Lai
// Châu (12) as the role needs, and returns its token.
func (f *fakeRecords) roleToken(role access.Role) string {
	switch role.Scope() {
	case access.ScopeCommunes:
		_, tok := f.addUser(role, []string{"03424"}, "")
		return tok
	case access.ScopeProvince:
		_, tok := f.addUser(role, nil, "12")
		return tok
	}
	_, tok := f.addUser(role, nil, "")
	return tok
}

func (f *fakeRecords) Authenticate(_ context.Context, token string) (access.Principal, error) {
	if fa := f.fixedAuth; fa != nil {
		if token == fa.token {
			return fa.p, nil
		}
		return access.Principal{}, records.ErrUnauthenticated
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.tokens[token]
	if !ok {
		return access.Principal{}, records.ErrUnauthenticated
	}
	t := f.tokenRows[id]
	if t.RevokedAt != nil {
		return access.Principal{}, records.ErrUnauthenticated
	}
	for _, u := range f.users {
		if u.ID == t.UserID {
			return access.Principal{UserID: u.ID, Role: access.Role(u.Role), Communes: u.Communes, Province: u.Province}, nil
		}
	}
	return access.Principal{}, records.ErrUnauthenticated
}

func (f *fakeRecords) Append(ctx context.Context, e records.Entry) error {
	if f.nopAppend {
		return nil
	}
	if f.onAppend != nil {
		f.onAppend()
	}
	if f.appendCtx != nil {
		f.appendCtx(ctx.Err())
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.appendErr != nil {
		return f.appendErr
	}
	f.appendLocked(e)
	return nil
}

func (f *fakeRecords) appendLocked(e records.Entry) {
	var prev []byte
	if n := len(f.entries); n > 0 {
		prev = f.entries[n-1].Hash
	}
	e.Seq = int64(len(f.entries) + 1)
	if e.At.IsZero() {
		e.At = f.now()
	}
	e.PrevHash = prev
	e.Hash = records.HashEntry(prev, &e)
	f.entries = append(f.entries, e)
}

// change appends the entry of a business change, as the store does in the
// change's transaction.
func (f *fakeRecords) change(a records.Actor, action access.Action, resource string, id int64) {
	f.appendLocked(records.Entry{UserID: a.UserID, Role: a.Role, Action: string(action), Resource: resource,
		ResourceID: strconv.FormatInt(id, 10), Outcome: records.OutcomeOK, RequestID: a.RequestID})
}

func (f *fakeRecords) Communes(context.Context) (*places.Catalogue, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cat, nil
}

func (f *fakeRecords) ReplaceCommunes(_ context.Context, a records.Actor, communes []places.Commune) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	cat, err := places.New(credit.Provinces(), communes)
	if err != nil {
		return err
	}
	var inUse []string
	for code := range f.inUse {
		if _, ok := cat.Commune(code); !ok {
			inUse = append(inUse, code)
		}
	}
	for _, u := range f.users {
		for _, code := range u.Communes {
			if _, ok := cat.Commune(code); !ok && !slices.Contains(inUse, code) {
				inUse = append(inUse, code)
			}
		}
	}
	if len(inUse) > 0 {
		slices.Sort(inUse)
		return &records.ConflictError{Code: "commune_in_use", Codes: inUse}
	}
	f.cat = cat
	f.change(a, access.WriteCommunes, "communes", 0)
	return nil
}

func (f *fakeRecords) CreateUser(_ context.Context, a records.Actor, nu records.NewUser) (records.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ps credit.Problems
	for i, c := range nu.Communes {
		if _, ok := f.cat.Commune(c); !ok {
			ps.Add("/communes/"+strconv.Itoa(i), "unknown_commune", credit.Text{VI: "không có", EN: "no such commune"}, nil)
		}
	}
	if len(ps) > 0 {
		return records.User{}, ps
	}
	u := records.User{ID: int64(len(f.users) + 1), Name: nu.Name, Role: nu.Role, Communes: slices.Clone(nu.Communes),
		Province: nu.Province, CreatedAt: f.now()}
	f.users = append(f.users, u)
	f.change(a, access.ManageUsers, "user", u.ID)
	return u, nil
}

func (f *fakeRecords) User(_ context.Context, id int64) (records.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range f.users {
		if u.ID == id {
			return u, nil
		}
	}
	return records.User{}, records.ErrNotFound
}

func (f *fakeRecords) Users(context.Context) ([]records.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.users), nil
}

func (f *fakeRecords) CreateToken(_ context.Context, a records.Actor, userID int64, expiresOn credit.Date) (records.Token, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if userID < 1 || userID > int64(len(f.users)) {
		return records.Token{}, "", records.ErrNotFound
	}
	t := &records.Token{ID: int64(len(f.tokenRows) + 1), UserID: userID, ExpiresOn: expiresOn, CreatedAt: f.now()}
	sum := sha256.Sum256([]byte("fake token " + strconv.FormatInt(t.ID, 10)))
	token := "crd_" + base64.RawURLEncoding.EncodeToString(sum[:])
	f.tokenRows[t.ID] = t
	f.tokens[token] = t.ID
	f.change(a, access.ManageTokens, "token", t.ID)
	return *t, token, nil
}

func (f *fakeRecords) RevokeToken(_ context.Context, a records.Actor, tokenID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tokenRows[tokenID]
	if !ok {
		return records.ErrNotFound
	}
	now := f.now()
	t.RevokedAt = &now
	f.change(a, access.ManageTokens, "token", t.ID)
	return nil
}

func (f *fakeRecords) Audit(_ context.Context, after int64, limit int) ([]records.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []records.Entry
	for _, e := range f.entries {
		if e.Seq > after && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeRecords) Verify(context.Context) (records.Verification, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var prev []byte
	for i := range f.entries {
		e := &f.entries[i]
		switch {
		case e.Seq != int64(i+1):
			return records.Verification{Entries: int64(i), FirstBadSeq: int64(i + 1), Reason: "seq_gap"}, nil
		case !bytes.Equal(e.PrevHash, prev):
			return records.Verification{Entries: int64(i), FirstBadSeq: e.Seq, Reason: "prev_mismatch"}, nil
		case !bytes.Equal(e.Hash, records.HashEntry(prev, e)):
			return records.Verification{Entries: int64(i), FirstBadSeq: e.Seq, Reason: "hash_mismatch"}, nil
		}
		prev = e.Hash
	}
	return records.Verification{Valid: true, Entries: int64(len(f.entries)), Head: prev}, nil
}

func (f *fakeRecords) Checkpoint(context.Context) ([]byte, error) {
	if f.noSigner {
		return nil, fmt.Errorf("store: no checkpoint key configured: %w", errors.ErrUnsupported)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var head []byte
	if n := len(f.entries); n > 0 {
		head = f.entries[n-1].Hash
	}
	text := fmt.Sprintf("vnreentry/credit audit\n%d\n%s\n", len(f.entries), base64.StdEncoding.EncodeToString(head))
	return note.Sign(&note.Note{Text: text}, fakeSigner)
}

// fakeSigner signs checkpoints with a fixed Ed25519 key (Ed25519
// signatures are deterministic), so that they can be examples.
var fakeSigner = func() note.Signer {
	skey, _, err := note.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{7}, 64)), "vnreentry-credit-audit")
	if err != nil {
		panic(err)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		panic(err)
	}
	return s
}()

// snapshot returns the entries appended so far.
func (f *fakeRecords) snapshot() []records.Entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.entries)
}

var _ Records = (*fakeRecords)(nil)
