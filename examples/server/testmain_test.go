package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// testToken is the admin token of the servers the tests start: they run
// with CREDIT_ADMIN_TOKEN set to it, and their store in a temporary
// directory (CREDIT_DB), never in the repository.
const testToken = "readme-and-tests-admin-token-0123456789abcdef"

// testDir is TestMain's temporary directory: the store of CREDIT_DB, and
// the person key the servers startOn starts share (so that servers on one
// database key people alike, and no key lands in the repository).
var testDir string

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		serveChild() // the crash test's server; never returns
	}
	dir, err := os.MkdirTemp("", "credit-server-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	testDir = dir
	os.Setenv("CREDIT_DB", filepath.Join(dir, "credit.db"))
	os.Setenv("CREDIT_ADMIN_TOKEN", testToken)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// authPost is http.Post with the tests' bearer token.
func authPost(url, contentType string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+testToken)
	return http.DefaultClient.Do(req)
}
