package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// syncBuffer is a bytes.Buffer safe for the server's log writes and the
// test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeAndShutDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, &bytes.Buffer{}, &stderr) }()

	addr := waitForAddr(t, &stderr)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&health); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || health["rules_version"] != credit.DefaultVersion {
		t.Fatalf("healthz: %d %v", resp.StatusCode, health)
	}

	cancel() // as SIGINT would
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	logs := stderr.String()
	for _, want := range []string{`"msg":"request"`, `"route":"/healthz"`, `"status":200`, `"msg":"shutting down"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}

func waitForAddr(t *testing.T, logs *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(logs.String(), "\n") {
			var entry struct {
				Msg  string `json:"msg"`
				Addr string `json:"addr"`
			}
			if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "listening" {
				return entry.Addr
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("server did not start:\n%s", logs.String())
	return ""
}

// -print-rules writes a rules file that -rules reads back.
func TestPrintRulesRoundTrip(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-print-rules"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := run(context.Background(), []string{"-rules", path, "-print-rules"}, &again, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Errorf("rules file changed on a round trip")
	}
}

func TestBadStart(t *testing.T) {
	dir := t.TempDir()
	gap := filepath.Join(dir, "gap.json")
	if err := os.WriteFile(gap, []byte(`{"version": "x", "parameters": {"cap_individual": [
		{"from": "2023-10-10", "to": "2024-01-01", "value": "100000000", "citation": {"instrument": "22/2023/QĐ-TTg", "article": 6}},
		{"from": "2024-02-01", "value": "120000000", "citation": {"instrument": "22/2023/QĐ-TTg", "article": 6}}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing rules file", []string{"-rules", filepath.Join(dir, "nope.json")}, "no such file"},
		{"rules file with a gap", []string{"-rules", gap}, "/parameters/cap_individual/1/from: gap"},
		{"unknown flag", []string{"-port", "80"}, "flag provided but not defined"},
		{"bad address", []string{"-addr", "nowhere:xyz"}, "xyz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), tc.args, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one mentioning %q", err, tc.want)
			}
			if tc.name == "rules file with a gap" && !errors.Is(err, credit.ErrInvalid) {
				t.Errorf("errors.Is(err, credit.ErrInvalid) = false")
			}
		})
	}
}
