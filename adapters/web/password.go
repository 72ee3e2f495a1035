package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Passwords are kept as argon2id hashes (RFC 9106) in the PHC string
// format, "$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH": 19 MiB, two passes,
// one lane — OWASP's minimum for argon2id, about 21 ms on one core of the
// 2-vCPU reference machine; with MaxSignIns at once, a burst of sign-ins
// cannot take the server's memory.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Bounds of a password: at least MinPassword characters, at most
// MaxPassword bytes (argon2 takes any length; a bound keeps a sign-in
// cheap to refuse).
const (
	MinPassword = 10
	MaxPassword = 256
)

var (
	errPasswordShort = errors.New("web: a password has at least 10 characters")
	errPasswordLong  = errors.New("web: a password has at most 256 bytes")
)

// checkPassword says why pw cannot be a password, or nil.
func checkPassword(pw string) error {
	switch {
	case len(pw) > MaxPassword:
		return errPasswordLong
	case !utf8.ValidString(pw) || utf8.RuneCountInString(pw) < MinPassword:
		return errPasswordShort
	}
	return nil
}

// HashPassword returns the argon2id hash of pw, with a fresh random salt,
// as a PHC string.
func HashPassword(pw string) (string, error) {
	if err := checkPassword(pw); err != nil {
		return "", err
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw is the password hash was made from,
// with the parameters the hash names (so that hashes made with other
// parameters still verify). A hash not of the PHC argon2id form, or with
// parameters beyond what this server would make, never verifies.
func VerifyPassword(hash, pw string) bool {
	if len(pw) > MaxPassword {
		return false
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var m, t uint32
	var p uint8
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || n != 3 ||
		m < 8 || m > 256*1024 || t < 1 || t > 10 || p < 1 || p > 16 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// NewPassword returns a random password of 16 capital letters and digits
// (80 bits), for an admin to hand over: the user changes it at first
// sign-in.
func NewPassword() string { return rand.Text()[:16] }
