package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/adapters/web"
	"github.com/vnreentry/credit/records"
)

// checkpointKeyName names the key that signs the audit trail's
// checkpoints, in the note format of golang.org/x/mod/sumdb/note.
const checkpointKeyName = "vnreentry-credit-audit"

// openRecords opens (and migrates) the store named by dsn, with the
// checkpoint key at keyPath — made on the first start, kept beside the
// database, never inside it, so that whoever can change the database
// cannot sign a checkpoint of the changed trail — and bootstraps the admin:
// CREDIT_ADMIN_TOKEN when it is set, or a token printed once on stderr on
// the first start of an empty store.
func openRecords(ctx context.Context, dsn, keyPath, adminToken, adminPassword string, stderr io.Writer) (*store.Store, string, error) {
	signer, verifier, err := checkpointKey(keyPath)
	if err != nil {
		return nil, "", err
	}
	st, err := store.Open(ctx, dsn, store.Options{CheckpointSigner: signer})
	if err != nil {
		return nil, "", err
	}
	printed, err := st.Bootstrap(ctx, adminToken)
	if err != nil {
		st.Close()
		return nil, "", fmt.Errorf("bootstrap: %w", err)
	}
	if printed != "" {
		fmt.Fprintf(stderr, "\nThe store was empty: an admin user was created. Its token, shown only this once:\n\n    %s\n\n"+
			"Keep it safe; use it as: Authorization: Bearer <token>. (Set CREDIT_ADMIN_TOKEN to choose it instead.)\n\n", printed)
	}
	password, err := bootstrapPassword(ctx, st, adminPassword)
	if err != nil {
		st.Close()
		return nil, "", fmt.Errorf("bootstrap: %w", err)
	}
	if password != "" {
		fmt.Fprintf(stderr, "The admin signs in to the pages as %q with this password, shown only this once (it must be\n"+
			"changed at the first sign-in; set CREDIT_ADMIN_PASSWORD to choose it instead):\n\n    %s\n\n", adminLogin, password)
	}
	return st, verifier, nil
}

// adminLogin is the login of the first admin on the pages.
const adminLogin = "admin"

// bootstrapPassword gives the first admin a login and a password for the
// pages when it has none: adminPassword when set (kept as chosen), or a
// random one that it returns to be printed once, to be changed at the
// first sign-in.
func bootstrapPassword(ctx context.Context, st *store.Store, adminPassword string) (printed string, err error) {
	id, err := st.FirstAdmin(ctx)
	if err != nil {
		return "", err
	}
	login, err := st.Login(ctx, id)
	if err != nil || login != "" {
		return "", err
	}
	pw, must := adminPassword, false
	if pw == "" {
		pw, must = web.NewPassword(), true
	}
	hash, err := web.HashPassword(pw)
	if err != nil {
		return "", fmt.Errorf("CREDIT_ADMIN_PASSWORD: %w", err)
	}
	if err := st.SetPassword(ctx, records.Actor{Role: store.SystemRole}, id, adminLogin, hash, must); err != nil {
		return "", err
	}
	if must {
		return pw, nil
	}
	return "", nil
}

// checkpointKey reads the signer key at path, or makes one there (mode
// 0600) with its verifier key beside it (path + ".pub"). It returns the
// signer and the verifier key's text.
func checkpointKey(path string) (note.Signer, string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		skey, vkey, err := note.GenerateKey(rand.Reader, checkpointKeyName)
		if err != nil {
			return nil, "", err
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, "", err
			}
		}
		if err := os.WriteFile(path, []byte(skey+"\n"), 0o600); err != nil {
			return nil, "", fmt.Errorf("checkpoint key: %w", err)
		}
		if err := os.WriteFile(path+".pub", []byte(vkey+"\n"), 0o644); err != nil {
			return nil, "", fmt.Errorf("checkpoint key: %w", err)
		}
		data = []byte(skey)
	} else if err != nil {
		return nil, "", fmt.Errorf("checkpoint key: %w", err)
	}
	signer, err := note.NewSigner(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, "", fmt.Errorf("checkpoint key %s: %w", path, err)
	}
	vkey, _ := os.ReadFile(path + ".pub")
	return signer, strings.TrimSpace(string(vkey)), nil
}

// personKeySecret reads the secret that keys the person keys of the
// screening (HMAC-SHA-256 of an ID number: the store can tell that two
// communes listed the same person in a period without ever holding the
// number), or makes it at path (32 random bytes, mode 0600). Kept beside
// the checkpoint key, off the database: with the database alone, a key
// cannot be turned back into a number by trying every one.
func personKeySecret(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		data = make([]byte, 32)
		if _, err := rand.Read(data); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, fmt.Errorf("person key secret: %w", err)
		}
		return data, nil
	}
	if err != nil {
		return nil, fmt.Errorf("person key secret: %w", err)
	}
	if len(data) < 32 {
		return nil, fmt.Errorf("person key secret %s: shorter than 32 bytes", path)
	}
	return data, nil
}
