package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// Problem codes of CreateUser beside those of packages credit, places and
// forms. Stable.
const (
	// CodeNotForRole: a value the role does not take (communes for a role
	// scoped to a province, a province or communes for a role scoped to
	// the whole store).
	CodeNotForRole = "not_for_role"
)

// CodeCommuneInUse is the Code of the *records.ConflictError of
// ReplaceCommunes: communes still held by users would be dropped.
const CodeCommuneInUse = "commune_in_use"

// maxNameRunes bounds a user's name; maxUserCommunes the communes a user
// holds.
const (
	maxNameRunes    = 200
	maxUserCommunes = 5000
)

var (
	msgNameRequired = credit.Text{VI: "Cần có họ tên.", EN: "A name is required."}
	msgNameText     = credit.Text{
		VI: "Họ tên chứa ký tự không hợp lệ.",
		EN: "The name holds characters that are not allowed.",
	}
	msgNameLong = credit.Text{
		VI: "Họ tên dài quá " + strconv.Itoa(maxNameRunes) + " ký tự.",
		EN: "The name is longer than " + strconv.Itoa(maxNameRunes) + " characters.",
	}
	msgRoleRequired = credit.Text{VI: "Cần có vai trò.", EN: "A role is required."}
	msgRole         = credit.Text{
		VI: "Vai trò không có trong danh sách: admin, commune_police, commune_committee, vbsp_officer, provincial_police, province_viewer, auditor.",
		EN: "Not a role: admin, commune_police, commune_committee, vbsp_officer, provincial_police, province_viewer, auditor.",
	}
	msgCommunesRequired = credit.Text{
		VI: "Vai trò này cần ít nhất một xã.",
		EN: "This role needs at least one commune.",
	}
	msgTooManyCommunes = credit.Text{
		VI: "Quá nhiều xã.",
		EN: "Too many communes.",
	}
	msgUnknownCommune = credit.Text{
		VI: "Mã xã không có trong danh mục xã.",
		EN: "The commune code is not in the commune catalogue.",
	}
	msgCommuneOutside = credit.Text{
		VI: "Xã không thuộc tỉnh đã chọn.",
		EN: "The commune is not in the given province.",
	}
	msgDuplicateCommune = credit.Text{VI: "Mã xã bị lặp.", EN: "The same commune twice."}
	msgProvinceRequired = credit.Text{
		VI: "Vai trò này cần mã tỉnh.",
		EN: "This role needs a province code.",
	}
	msgUnknownProvince = credit.Text{
		VI: "Mã tỉnh không có trong danh sách tỉnh.",
		EN: "The province code is not a province.",
	}
	msgCommunesNotForRole = credit.Text{
		VI: "Vai trò này không gắn với xã.",
		EN: "This role is not scoped to communes.",
	}
	msgProvinceNotForRole = credit.Text{
		VI: "Vai trò này không gắn với tỉnh.",
		EN: "This role is not scoped to a province.",
	}
	msgExpired = credit.Text{
		VI: "Ngày hết hạn đã qua.",
		EN: "The expiry day has passed.",
	}
)

// placeholders returns "$from, $from+1, …" for n values.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}

// inChunk is the most values one IN (…) or multi-row INSERT carries.
const inChunk = 500

// Communes returns the commune catalogue. It is kept in memory and read
// again when another Store sharing the database has replaced it (checked
// at most every few seconds); a replace through this Store is seen at once.
func (s *Store) Communes(ctx context.Context) (*places.Catalogue, error) {
	c := s.cat.Load()
	if c != nil && int64(time.Since(s.started))-s.catChecked.Load() < int64(catalogueRecheck) {
		return c.c, nil
	}
	s.catMu.Lock()
	defer s.catMu.Unlock()
	c = s.cat.Load()
	checked := int64(time.Since(s.started))
	if c != nil && checked-s.catChecked.Load() < int64(catalogueRecheck) {
		return c.c, nil
	}
	version, err := s.catalogueVersion(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if c != nil && c.version == version {
		s.catChecked.Store(checked)
		return c.c, nil
	}
	for range 5 {
		list, err := s.readCommunes(ctx)
		if err != nil {
			return nil, err
		}
		again, err := s.catalogueVersion(ctx, s.db)
		if err != nil {
			return nil, err
		}
		if again != version { // replaced while read: read again
			version = again
			continue
		}
		cat, err := places.New(credit.Provinces(), list)
		if err != nil {
			return nil, fmt.Errorf("store: the stored communes: %w", err)
		}
		s.cat.Store(&catalogueCache{c: cat, version: version})
		s.catChecked.Store(checked)
		return cat, nil
	}
	return nil, errors.New("store: the commune catalogue keeps changing")
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) catalogueVersion(ctx context.Context, q querier) (int64, error) {
	var v int64
	if err := q.QueryRowContext(ctx, `SELECT version FROM catalogue WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: catalogue version: %w", err)
	}
	return v, nil
}

func (s *Store) readCommunes(ctx context.Context) ([]places.Commune, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, name, province_code FROM communes ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("store: communes: %w", err)
	}
	defer rows.Close()
	var list []places.Commune
	for rows.Next() {
		var c places.Commune
		if err := rows.Scan(&c.Code, &c.Name, &c.ProvinceCode); err != nil {
			return nil, fmt.Errorf("store: communes: %w", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: communes: %w", err)
	}
	return list, nil
}

// seedCommunes gives an empty store the communes of 2025.
func (s *Store) seedCommunes(ctx context.Context) error {
	var seeded *catalogueCache
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		seeded = nil
		version, err := s.catalogueVersion(ctx, tx)
		if err != nil || version > 0 {
			return nil, err
		}
		def := places.Default()
		if err := upsertCommunes(ctx, tx, s.d.marks, def.Communes()); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE catalogue SET version = 1 WHERE id = 1`); err != nil {
			return nil, fmt.Errorf("store: catalogue version: %w", err)
		}
		seeded = &catalogueCache{c: def, version: 1}
		return []records.Entry{s.entry(records.Actor{Role: SystemRole}, access.WriteCommunes, "communes", "1")}, nil
	})
	if err != nil {
		return err
	}
	if seeded != nil {
		s.cat.Store(seeded)
		s.catChecked.Store(int64(time.Since(s.started)))
	}
	return nil
}

func upsertCommunes(ctx context.Context, tx *sql.Tx, marks func(from, n int) string, list []places.Commune) error {
	const per = inChunk // rows of three values
	for start := 0; start < len(list); start += per {
		chunk := list[start:min(len(list), start+per)]
		var b strings.Builder
		b.WriteString(`INSERT INTO communes (code, name, province_code) VALUES `)
		args := make([]any, 0, 3*len(chunk))
		for i, c := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + marks(3*i+1, 3) + ")")
			args = append(args, c.Code, c.Name, c.ProvinceCode)
		}
		b.WriteString(` ON CONFLICT (code) DO UPDATE SET name = excluded.name, province_code = excluded.province_code`)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("store: write communes: %w", err)
		}
	}
	return nil
}

// entry is the audit entry of a business change by a.
func (s *Store) entry(a records.Actor, action access.Action, resource, id string) records.Entry {
	return records.Entry{
		At:         s.now(),
		UserID:     a.UserID,
		Role:       a.Role,
		Action:     string(action),
		Resource:   resource,
		ResourceID: id,
		Outcome:    records.OutcomeOK,
		RequestID:  a.RequestID,
	}
}

// ReplaceCommunes replaces the commune catalogue with communes (validated
// by places.New against the 34 provinces of credit.Provinces: a
// credit.Problems error, 422, with pointers /communes/N/…). Dropping a
// commune that a user still holds is refused with a *records.ConflictError
// (errors.Is records.ErrConflict, 409) of Code CodeCommuneInUse listing
// those communes' codes. The change and its audit entry (action
// communes.write, resource "communes", id the catalogue's new version)
// commit together.
func (s *Store) ReplaceCommunes(ctx context.Context, a records.Actor, communes []places.Commune) error {
	cat, err := places.New(credit.Provinces(), communes)
	if err != nil {
		return err
	}
	var version int64
	err = s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		held, err := queryStrings(ctx, tx, `SELECT DISTINCT commune_code FROM user_communes ORDER BY commune_code`)
		if err != nil {
			return nil, fmt.Errorf("store: communes in use: %w", err)
		}
		var dropped []string
		for _, code := range held {
			if _, ok := cat.Commune(code); !ok {
				dropped = append(dropped, code)
			}
		}
		if len(dropped) > 0 {
			return nil, &records.ConflictError{Code: CodeCommuneInUse, Codes: dropped}
		}
		rows, err := tx.QueryContext(ctx, `SELECT code, name, province_code FROM communes`)
		if err != nil {
			return nil, fmt.Errorf("store: communes: %w", err)
		}
		have := map[string]places.Commune{}
		var gone []string
		for rows.Next() {
			var c places.Commune
			if err := rows.Scan(&c.Code, &c.Name, &c.ProvinceCode); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: communes: %w", err)
			}
			have[c.Code] = c
			if _, ok := cat.Commune(c.Code); !ok {
				gone = append(gone, c.Code)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: communes: %w", err)
		}
		for start := 0; start < len(gone); start += inChunk {
			chunk := gone[start:min(len(gone), start+inChunk)]
			args := make([]any, len(chunk))
			for i, c := range chunk {
				args[i] = c
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM communes WHERE code IN (`+s.d.marks(1, len(chunk))+`)`, args...); err != nil {
				return nil, fmt.Errorf("store: drop communes: %w", err)
			}
		}
		var changed []places.Commune
		for _, c := range cat.Communes() {
			if have[c.Code] != c {
				changed = append(changed, c)
			}
		}
		if err := upsertCommunes(ctx, tx, s.d.marks, changed); err != nil {
			return nil, err
		}
		if err := tx.QueryRowContext(ctx, `UPDATE catalogue SET version = version + 1 WHERE id = 1 RETURNING version`).Scan(&version); err != nil {
			return nil, fmt.Errorf("store: catalogue version: %w", err)
		}
		return []records.Entry{s.entry(a, access.WriteCommunes, "communes", strconv.FormatInt(version, 10))}, nil
	})
	if err != nil {
		return err
	}
	s.catMu.Lock()
	if c := s.cat.Load(); c == nil || c.version < version {
		s.cat.Store(&catalogueCache{c: cat, version: version})
	}
	s.catMu.Unlock()
	return nil
}

func queryStrings(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateUser adds a user. Every problem is reported at once, as
// credit.Problems (422): /name (required, invalid_text, out_of_range), /role
// (required, invalid_enum), /communes and /communes/N (required for the
// roles scoped to communes; unknown_commune when not in the stored
// catalogue, or not in /province when one is given; duplicate_code),
// /province (required and unknown_province for the roles scoped to a
// province; optional for those scoped to communes), and CodeNotForRole for
// what the role does not take. The user and its audit entry (action
// users.manage, resource "user", id the new user's — never the name)
// commit together.
func (s *Store) CreateUser(ctx context.Context, a records.Actor, u records.NewUser) (records.User, error) {
	var pr credit.Problems
	switch {
	case strings.TrimSpace(u.Name) == "":
		pr.Add("/name", credit.CodeRequired, msgNameRequired, nil)
	case !credit.ValidText(u.Name):
		pr.Add("/name", credit.CodeInvalidText, msgNameText, nil)
	case utf8.RuneCountInString(u.Name) > maxNameRunes:
		pr.Add("/name", credit.CodeOutOfRange, msgNameLong, nil)
	}
	role, roleOK := access.ParseRole(u.Role)
	switch {
	case u.Role == "":
		pr.Add("/role", credit.CodeRequired, msgRoleRequired, nil)
	case !roleOK:
		pr.Add("/role", credit.CodeInvalidEnum, msgRole, nil)
	}
	scope := access.ScopeKind(0)
	if roleOK {
		scope = role.Scope()
	}
	var province credit.Province
	provinceOK := false
	if u.Province != "" {
		province, provinceOK = credit.ProvinceByCode(u.Province)
		switch {
		case roleOK && scope == access.ScopeStore:
			pr.Add("/province", CodeNotForRole, msgProvinceNotForRole, nil)
		case !provinceOK:
			pr.Add("/province", credit.CodeUnknownProvince, msgUnknownProvince, nil)
		}
	} else if roleOK && scope == access.ScopeProvince {
		pr.Add("/province", credit.CodeRequired, msgProvinceRequired, nil)
	}
	// checkCommunes: the communes to look up in the catalogue, by index.
	checkCommunes := map[int]string{}
	switch {
	case roleOK && scope != access.ScopeCommunes && len(u.Communes) > 0:
		pr.Add("/communes", CodeNotForRole, msgCommunesNotForRole, nil)
	case roleOK && scope == access.ScopeCommunes && len(u.Communes) == 0:
		pr.Add("/communes", credit.CodeRequired, msgCommunesRequired, nil)
	case len(u.Communes) > maxUserCommunes:
		pr.Add("/communes", credit.CodeOutOfRange, msgTooManyCommunes, nil)
	default:
		seen := make(map[string]bool, len(u.Communes))
		for i, c := range u.Communes {
			if seen[c] {
				pr.Add("/communes/"+strconv.Itoa(i), places.CodeDuplicateCode, msgDuplicateCommune, nil)
				continue
			}
			seen[c] = true
			checkCommunes[i] = c
		}
	}
	var user records.User
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		pr := slices.Clone(pr)
		if len(checkCommunes) > 0 {
			where, err := communeProvinces(ctx, tx, checkCommunes)
			if err != nil {
				return nil, err
			}
			for i := range u.Communes {
				c, ok := checkCommunes[i]
				if !ok {
					continue
				}
				p, known := where[c]
				switch {
				case !known:
					pr.Add("/communes/"+strconv.Itoa(i), forms.CodeUnknownCommune, msgUnknownCommune, nil)
				case provinceOK && p != province.Code:
					pr.Add("/communes/"+strconv.Itoa(i), forms.CodeUnknownCommune, msgCommuneOutside, nil)
				}
			}
		}
		if len(pr) > 0 {
			return nil, pr
		}
		user = records.User{Name: u.Name, Role: string(role), Province: u.Province, CreatedAt: micro(s.now())}
		if scope == access.ScopeCommunes {
			user.Communes = slices.Sorted(func(yield func(string) bool) {
				for _, c := range checkCommunes {
					if !yield(c) {
						return
					}
				}
			})
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (name, role, province, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			user.Name, user.Role, user.Province, s.d.timeArg(user.CreatedAt)).Scan(&user.ID); err != nil {
			return nil, fmt.Errorf("store: create user: %w", err)
		}
		for _, c := range user.Communes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_communes (user_id, commune_code) VALUES ($1, $2)`, user.ID, c); err != nil {
				return nil, fmt.Errorf("store: create user: %w", err)
			}
		}
		return []records.Entry{s.entry(a, access.ManageUsers, "user", strconv.FormatInt(user.ID, 10))}, nil
	})
	if err != nil {
		return records.User{}, err
	}
	return user, nil
}

// communeProvinces returns the province of each of the codes that is in
// the stored catalogue.
func communeProvinces(ctx context.Context, tx *sql.Tx, codes map[int]string) (map[string]string, error) {
	list := make([]any, 0, len(codes))
	for _, c := range codes {
		list = append(list, c)
	}
	out := make(map[string]string, len(list))
	for start := 0; start < len(list); start += inChunk {
		chunk := list[start:min(len(list), start+inChunk)]
		rows, err := tx.QueryContext(ctx, `SELECT code, province_code FROM communes WHERE code IN (`+placeholders(1, len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("store: communes: %w", err)
		}
		for rows.Next() {
			var c, p string
			if err := rows.Scan(&c, &p); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: communes: %w", err)
			}
			out[c] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: communes: %w", err)
		}
	}
	return out, nil
}

// User returns the user with the id, or records.ErrNotFound.
func (s *Store) User(ctx context.Context, id int64) (records.User, error) {
	var u records.User
	err := s.db.QueryRowContext(ctx, `SELECT id, name, role, province, created_at FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Name, &u.Role, &u.Province, timeScan{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return records.User{}, records.ErrNotFound
	}
	if err != nil {
		return records.User{}, fmt.Errorf("store: user: %w", err)
	}
	byUser, err := s.userCommunes(ctx, `WHERE user_id = $1`, id)
	if err != nil {
		return records.User{}, err
	}
	u.Communes = byUser[u.ID]
	return u, nil
}

// Users returns every user, by id.
func (s *Store) Users(ctx context.Context) ([]records.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, role, province, created_at FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	out := []records.User{}
	for rows.Next() {
		var u records.User
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, &u.Province, timeScan{&u.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	byUser, err := s.userCommunes(ctx, ``)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Communes = byUser[out[i].ID]
	}
	return out, nil
}

// userCommunes returns the sorted communes of the users matched by where.
func (s *Store) userCommunes(ctx context.Context, where string, args ...any) (map[int64][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT user_id, commune_code FROM user_communes `+where+` ORDER BY user_id, commune_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: users' communes: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, fmt.Errorf("store: users' communes: %w", err)
		}
		out[id] = append(out[id], c)
	}
	return out, rows.Err()
}

// TokenPrefix begins every token CreateToken makes.
const TokenPrefix = "crd_"

// newToken returns a fresh token: TokenPrefix and 32 random bytes in
// unpadded base64url (47 characters).
func newToken() string {
	var b [32]byte
	rand.Read(b[:])
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// vietnam is the zone in which a token's last day is counted.
var vietnam = time.FixedZone("UTC+7", 7*60*60)

// today is the civil day in Vietnam at t.
func today(t time.Time) credit.Date { return credit.DateOf(t.In(vietnam)) }

// CreateToken makes a bearer token for the user: 32 random bytes, shown
// once (TokenPrefix and unpadded base64url: the second result) and kept
// only as its SHA-256. It works through expiresOn, a day in Vietnam's time
// (the zero Date: no expiry); a day already past is a credit.Problems error
// at /expires_on. records.ErrNotFound if there is no such user. The token
// and its audit entry (action tokens.manage, resource "token", id the
// token's) commit together.
func (s *Store) CreateToken(ctx context.Context, a records.Actor, userID int64, expiresOn credit.Date) (records.Token, string, error) {
	now := s.now()
	if !expiresOn.IsZero() && expiresOn.Before(today(now)) {
		var pr credit.Problems
		pr.Add("/expires_on", credit.CodeOutOfRange, msgExpired, nil)
		return records.Token{}, "", pr
	}
	token := newToken()
	t, err := s.insertToken(ctx, a, userID, token, expiresOn)
	if err != nil {
		return records.Token{}, "", err
	}
	return t, token, nil
}

func (s *Store) insertToken(ctx context.Context, a records.Actor, userID int64, token string, expiresOn credit.Date) (records.Token, error) {
	var t records.Token
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		var err error
		t, err = s.insertTokenTx(ctx, tx, userID, token, expiresOn)
		if err != nil {
			return nil, err
		}
		return []records.Entry{s.entry(a, access.ManageTokens, "token", strconv.FormatInt(t.ID, 10))}, nil
	})
	return t, err
}

func (s *Store) insertTokenTx(ctx context.Context, tx *sql.Tx, userID int64, token string, expiresOn credit.Date) (records.Token, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = $1`, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Token{}, records.ErrNotFound
	}
	if err != nil {
		return records.Token{}, fmt.Errorf("store: create token: %w", err)
	}
	h := sha256.Sum256([]byte(token))
	t := records.Token{UserID: userID, ExpiresOn: expiresOn, CreatedAt: micro(s.now())}
	err = tx.QueryRowContext(ctx, `INSERT INTO tokens (user_id, hash, expires_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		userID, h[:], s.dayArg(expiresOn), s.d.timeArg(t.CreatedAt)).Scan(&t.ID)
	if err != nil {
		return records.Token{}, fmt.Errorf("store: create token: %w", err)
	}
	return t, nil
}

// RevokeToken revokes a token: from now on Authenticate refuses it (at once
// in this process; within Options.AuthCacheTTL in others sharing the
// database). Revoking a revoked token changes nothing but is recorded.
// records.ErrNotFound if there is no such token. The revocation and its
// audit entry (action tokens.manage, resource "token") commit together.
func (s *Store) RevokeToken(ctx context.Context, a records.Actor, tokenID int64) error {
	s.auth.forget(tokenID) // from here on, nothing read before the revocation is cached
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		var revoked *time.Time
		err := tx.QueryRowContext(ctx, `SELECT revoked_at FROM tokens WHERE id = $1`+s.d.forUpdate, tokenID).Scan(nullTimeScan{&revoked})
		if errors.Is(err, sql.ErrNoRows) {
			return nil, records.ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("store: revoke token: %w", err)
		}
		if revoked == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = $1 WHERE id = $2`, s.d.timeArg(micro(s.now())), tokenID); err != nil {
				return nil, fmt.Errorf("store: revoke token: %w", err)
			}
		}
		return []records.Entry{s.entry(a, access.ManageTokens, "token", strconv.FormatInt(tokenID, 10))}, nil
	})
	s.auth.forget(tokenID) // and nothing read while it was being revoked
	return err
}

// Tokens returns the user's tokens, by id (records.ErrNotFound if there is
// no such user).
func (s *Store) Tokens(ctx context.Context, userID int64) ([]records.Token, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = $1`, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, records.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, user_id, expires_on, created_at, revoked_at, last_used_at FROM tokens WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	out := []records.Token{}
	for rows.Next() {
		var t records.Token
		if err := rows.Scan(&t.ID, &t.UserID, dayScan{&t.ExpiresOn}, timeScan{&t.CreatedAt},
			nullTimeScan{&t.RevokedAt}, nullTimeScan{&t.LastUsedAt}); err != nil {
			return nil, fmt.Errorf("store: tokens: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	return out, nil
}

// bootstrapName is the name of the admin that Bootstrap creates.
const bootstrapName = "admin"

// Bootstrap makes sure an admin can act.
//
// With adminToken (CREDIT_ADMIN_TOKEN; at least 32 characters, of the
// letters, digits and - . _ ~ + / of a bearer token, at most 512): after
// Bootstrap an admin user holds exactly that token, with no expiry. If no
// user holds it yet, it is given to the first admin (created if there is
// none). A token held by a user who is not an admin, revoked or expired is
// an error: the store never brings back a revoked token. Earlier admin
// tokens keep working until revoked.
//
// Without: if the store has no user, an admin and a token are created and
// the token is returned, for the caller to print once; otherwise "".
//
// What Bootstrap creates is recorded in the audit trail as done by user 0
// with role SystemRole.
func (s *Store) Bootstrap(ctx context.Context, adminToken string) (printed string, err error) {
	system := records.Actor{Role: SystemRole}
	if adminToken != "" {
		if len(adminToken) < minTokenLen {
			return "", fmt.Errorf("store: the admin token must be at least %d characters", minTokenLen)
		}
		if !parseToken(adminToken) {
			return "", fmt.Errorf("store: the admin token may hold only letters, digits and - . _ ~ + / (then = at the end), at most %d characters", maxTokenLen)
		}
		h := sha256.Sum256([]byte(adminToken))
		return "", s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
			var (
				role      string
				revoked   *time.Time
				expiresOn credit.Date
			)
			err := tx.QueryRowContext(ctx, `SELECT u.role, t.revoked_at, t.expires_on FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`, h[:]).
				Scan(&role, nullTimeScan{&revoked}, dayScan{&expiresOn})
			switch {
			case err == nil && role != string(access.Admin):
				return nil, errors.New("store: the admin token is held by a user who is not an admin")
			case err == nil && revoked != nil:
				return nil, errors.New("store: the admin token has been revoked; choose another")
			case err == nil && !expiresOn.IsZero() && today(s.now()).After(expiresOn):
				return nil, errors.New("store: the admin token has expired; choose another")
			case err == nil:
				return nil, nil
			case !errors.Is(err, sql.ErrNoRows):
				return nil, fmt.Errorf("store: bootstrap: %w", err)
			}
			var entries []records.Entry
			var admin sql.NullInt64
			if err := tx.QueryRowContext(ctx, `SELECT min(id) FROM users WHERE role = $1`, string(access.Admin)).Scan(&admin); err != nil {
				return nil, fmt.Errorf("store: bootstrap: %w", err)
			}
			if !admin.Valid {
				id, err := s.insertAdmin(ctx, tx)
				if err != nil {
					return nil, err
				}
				admin = sql.NullInt64{Int64: id, Valid: true}
				entries = append(entries, s.entry(system, access.ManageUsers, "user", strconv.FormatInt(id, 10)))
			}
			t, err := s.insertTokenTx(ctx, tx, admin.Int64, adminToken, credit.Date{})
			if err != nil {
				return nil, err
			}
			return append(entries, s.entry(system, access.ManageTokens, "token", strconv.FormatInt(t.ID, 10))), nil
		})
	}
	err = s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		printed = ""
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: bootstrap: %w", err)
		}
		if n > 0 {
			return nil, nil
		}
		id, err := s.insertAdmin(ctx, tx)
		if err != nil {
			return nil, err
		}
		token := newToken()
		t, err := s.insertTokenTx(ctx, tx, id, token, credit.Date{})
		if err != nil {
			return nil, err
		}
		printed = token
		return []records.Entry{
			s.entry(system, access.ManageUsers, "user", strconv.FormatInt(id, 10)),
			s.entry(system, access.ManageTokens, "token", strconv.FormatInt(t.ID, 10)),
		}, nil
	})
	if err != nil {
		return "", err
	}
	return printed, nil
}

func (s *Store) insertAdmin(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (name, role, province, created_at) VALUES ($1, $2, '', $3) RETURNING id`,
		bootstrapName, string(access.Admin), s.d.timeArg(micro(s.now()))).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: bootstrap: %w", err)
	}
	return id, nil
}
