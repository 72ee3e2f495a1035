package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// Bounds of a bearer token Authenticate will look up.
const (
	minTokenLen = 32
	maxTokenLen = 512
	// madeTokenLen is the length of the tokens CreateToken makes.
	madeTokenLen = len(TokenPrefix) + 43
)

// tokenByte marks the bytes of a token68 (RFC 9110 §11.2) before its
// padding: letters, digits and - . _ ~ + /.
var tokenByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "-._~+/" {
		t[c] = true
	}
	return t
}()

// base64URL marks the bytes of unpadded base64url and, for the last
// character of 32 encoded bytes (whose two low bits are zero), the
// characters that can end one: A E I M Q U Y c g k o s w 0 4 8.
var base64URL, base64URLLast = func() (all, last [256]bool) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := range len(alphabet) {
		all[alphabet[i]] = true
		last[alphabet[i]] = i&3 == 0
	}
	return all, last
}()

// parseToken reports whether s is a bearer token Authenticate would look
// up. A token that begins with TokenPrefix must be one CreateToken could
// have made: the prefix and 32 bytes in unpadded, canonical base64url.
// Any other (an admin token chosen by the operator) is a token68 of
// minTokenLen to maxTokenLen bytes. It reads s once and allocates nothing.
func parseToken(s string) bool {
	if len(s) < minTokenLen || len(s) > maxTokenLen {
		return false
	}
	if len(s) >= len(TokenPrefix) && s[:len(TokenPrefix)] == TokenPrefix {
		if len(s) != madeTokenLen {
			return false
		}
		for i := len(TokenPrefix); i < len(s)-1; i++ {
			if !base64URL[s[i]] {
				return false
			}
		}
		return base64URLLast[s[len(s)-1]]
	}
	i := 0
	for i < len(s) && tokenByte[s[i]] {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) && s[i] == '=' {
		i++
	}
	return i == len(s)
}

// authCache keeps what Authenticate read about valid tokens, by hash.
type authCache struct {
	mu  sync.RWMutex
	m   map[[32]byte]*authEntry
	gen atomic.Uint64 // grows with every revocation
}

type authEntry struct {
	p         access.Principal
	tokenID   int64
	expiresOn credit.Date
	until     int64        // nanoseconds since the Store started
	touched   atomic.Int64 // Unix microseconds of the last use written (or being written)
}

// maxAuthCache bounds the cache; when full it starts again empty.
const maxAuthCache = 10000

func (c *authCache) get(h *[32]byte) *authEntry {
	c.mu.RLock()
	e := c.m[*h]
	c.mu.RUnlock()
	return e
}

// put caches e unless a revocation happened since gen was read.
func (c *authCache) put(h [32]byte, e *authEntry, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() != gen {
		return
	}
	if len(c.m) >= maxAuthCache {
		clear(c.m)
	}
	c.m[h] = e
}

// forget drops the token from the cache and keeps Authenticate calls
// already reading the database from caching what they read.
func (c *authCache) forget(tokenID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen.Add(1)
	for h, e := range c.m {
		if e.tokenID == tokenID {
			delete(c.m, h)
		}
	}
}

// touch is a use of a token to write to last_used_at.
type touch struct {
	tokenID int64
	at      time.Time
}

// touchEvery is how often a token's last use is written, at most.
const touchEvery = time.Minute

// Authenticate returns who holds the bearer token (the text after
// "Bearer "). It returns records.ErrUnauthenticated, saying no more, when
// the token is malformed (parsed before the database is asked: length,
// characters), unknown, revoked, or expired: a token works through its
// ExpiresOn, a day in Vietnam's time (UTC+7) by Options.Now, and is
// refused from the day after. What it read is kept for
// Options.AuthCacheTTL, by the token's SHA-256; a revocation through this
// Store drops it at once. The token's last use is written at most once a
// minute, after Authenticate has returned.
//
// The principal's Communes are shared with the cache: read them, never
// change them.
func (s *Store) Authenticate(ctx context.Context, token string) (access.Principal, error) {
	if !parseToken(token) {
		return access.Principal{}, records.ErrUnauthenticated
	}
	var buf [maxTokenLen]byte
	h := sha256.Sum256(buf[:copy(buf[:], token)])
	now := s.now()
	day := today(now)
	if s.authTTL > 0 {
		if e := s.auth.get(&h); e != nil && int64(time.Since(s.started)) < e.until {
			if !e.expiresOn.IsZero() && day.After(e.expiresOn) {
				return access.Principal{}, records.ErrUnauthenticated
			}
			s.touch(e, now)
			return e.p, nil
		}
	}
	return s.lookup(ctx, h, now, day)
}

// lookup is Authenticate without the cache: it reads the token and its
// user and caches them. (Apart, so that the cache's path allocates
// nothing.)
func (s *Store) lookup(ctx context.Context, h [32]byte, now time.Time, day credit.Date) (access.Principal, error) {
	gen := s.auth.gen.Load()
	var (
		e        authEntry
		role     string
		province string
		revoked  *time.Time
		lastUsed *time.Time
	)
	err := s.db.QueryRowContext(ctx, `SELECT t.id, t.expires_on, t.revoked_at, t.last_used_at, u.id, u.role, u.province
		FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`, h[:]).
		Scan(&e.tokenID, dayScan{&e.expiresOn}, nullTimeScan{&revoked}, nullTimeScan{&lastUsed}, &e.p.UserID, &role, &province)
	if errors.Is(err, sql.ErrNoRows) {
		return access.Principal{}, records.ErrUnauthenticated
	}
	if err != nil {
		return access.Principal{}, fmt.Errorf("store: authenticate: %w", err)
	}
	if revoked != nil || (!e.expiresOn.IsZero() && day.After(e.expiresOn)) {
		return access.Principal{}, records.ErrUnauthenticated
	}
	r, ok := access.ParseRole(role)
	if !ok { // the database holds a role this version does not know
		return access.Principal{}, records.ErrUnauthenticated
	}
	e.p.Role = r
	switch r.Scope() {
	case access.ScopeCommunes:
		byUser, err := s.userCommunes(ctx, `WHERE user_id = $1`, e.p.UserID)
		if err != nil {
			return access.Principal{}, err
		}
		e.p.Communes = byUser[e.p.UserID]
	case access.ScopeProvince:
		e.p.Province = province
	}
	ent := &authEntry{p: e.p, tokenID: e.tokenID, expiresOn: e.expiresOn,
		until: int64(time.Since(s.started) + s.authTTL)}
	if lastUsed != nil {
		ent.touched.Store(lastUsed.UnixMicro())
	}
	if s.authTTL > 0 {
		s.auth.put(h, ent, gen)
	}
	s.touch(ent, now)
	return e.p, nil
}

// touch queues a write of the token's last use if the last one is a minute
// old. A full queue drops it: last use is a hint, not a record.
func (s *Store) touch(e *authEntry, now time.Time) {
	last, at := e.touched.Load(), now.UnixMicro()
	if at-last < int64(touchEvery/time.Microsecond) || !e.touched.CompareAndSwap(last, at) {
		return
	}
	s.closeMu.RLock()
	defer s.closeMu.RUnlock()
	if s.closed {
		return
	}
	select {
	case s.touches <- touch{tokenID: e.tokenID, at: now}:
	default:
	}
}

// touchLoop writes the tokens' last uses until Close.
func (s *Store) touchLoop() {
	defer close(s.touchDone)
	for t := range s.touches {
		at := s.d.timeArg(micro(t.at))
		s.plainWrite(context.Background(), `UPDATE tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)`,
			at, t.tokenID)
	}
}

// plainWrite runs one statement that is no business change (nothing to
// audit), taking its turn among this process's writers on SQLite.
func (s *Store) plainWrite(ctx context.Context, q string, args ...any) error {
	if s.writeSem != nil {
		select {
		case s.writeSem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		defer func() { <-s.writeSem }()
	}
	_, err := s.db.ExecContext(ctx, q, args...)
	return err
}
