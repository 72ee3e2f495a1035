package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
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
		{"no heavy request at all", []string{"-max-heavy", "0"}, "-max-heavy: from 1 to 1024"},
		{"too many heavy requests", []string{"-max-heavy", "1025"}, "-max-heavy: from 1 to 1024"},
		{"heavy requests not a number", []string{"-max-heavy", "four"}, "invalid value"},
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

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string // part of the error; "" when none
	}{
		// the least allowed, 64 KiB, and one byte less
		{"65536", 64 << 10, ""},
		{"65535", 0, "less than the least allowed, 64KiB"},
		{"64KiB", 64 << 10, ""},
		{"63KiB", 0, "less than"},
		{"1KiB", 0, "less than"},
		{"0", 0, "less than"},
		// the most allowed, 4 GiB, and one byte (or unit) more
		{"4294967296", 4 << 30, ""},
		{"4294967297", 0, "more than the most allowed, 4GiB"},
		{"4GiB", 4 << 30, ""},
		{"4096MiB", 4 << 30, ""},
		{"4097MiB", 0, "more than"},
		{"4194305KiB", 0, "more than"},
		{"5GiB", 0, "more than"},
		// numbers too large for int64, before and after the shift
		{"9223372036854775808", 0, "more than"},
		{"17179869184GiB", 0, "more than"},
		// ordinary values; the suffix in any case
		{"20MiB", 20 << 20, ""},
		{"128MiB", 128 << 20, ""},
		{"128mib", 128 << 20, ""},
		{"512KIB", 512 << 10, ""},
		{"1GiB", 1 << 30, ""},
		{"00131072", 128 << 10, ""},
		// not sizes
		{"", 0, "not a size"},
		{"MiB", 0, "not a size"},
		{"-1", 0, "not a size"},
		{"-128MiB", 0, "not a size"},
		{"+128MiB", 0, "not a size"},
		{"1.5MiB", 0, "not a size"},
		{"128 MiB", 0, "not a size"},
		{" 128MiB", 0, "not a size"},
		{"128MB", 0, "not a size"},
		{"128M", 0, "not a size"},
		{"128B", 0, "not a size"},
		{"1TiB", 0, "not a size"},
		{"0x10000", 0, "not a size"},
		{"1e6", 0, "not a size"},
		{"128MiBMiB", 0, "not a size"},
		{"١٢٨MiB", 0, "not a size"}, // Arabic-Indic digits
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("parseSize(%q): %v", tc.in, err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("parseSize(%q) = %d, %v; want an error mentioning %q", tc.in, got, err, tc.err)
			case got != tc.want:
				t.Fatalf("parseSize(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{
		20 << 20: "20MiB", 64 << 10: "64KiB", 4 << 30: "4GiB", 1536: "1536",
		65537: "65537", 3 << 29: "1536MiB", 0: "0",
	} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
		if n >= minUpload && n <= maxUpload {
			if back, err := parseSize(formatSize(n)); err != nil || back != n {
				t.Errorf("parseSize(formatSize(%d)) = %d, %v", n, back, err)
			}
		}
	}
}

// -max-upload sets the limit of the forms and reports routes: a body of
// exactly the limit is read, one byte more is a 413; without the flag the
// limit is 20 MiB. A bad value stops the server with the flag's message.
func TestMaxUpload(t *testing.T) {
	list, err := os.ReadFile(filepath.Join("..", "data", "list-01.json"))
	if err != nil {
		t.Fatal(err)
	}
	body := func(size int) []byte { // the list, padded with spaces to size bytes
		return append(bytes.Clone(list), bytes.Repeat([]byte(" "), size-len(list))...)
	}
	post := func(t *testing.T, addr string, b []byte) int {
		t.Helper()
		resp, err := authPost("http://"+addr+"/v1/forms/01/validate", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tests := []struct {
		name  string
		args  []string
		sizes map[int]int // body size → status
	}{
		{"64KiB", []string{"-max-upload", "64KiB"}, map[int]int{64 << 10: 200, 64<<10 + 1: 413}},
		{"65537 bytes", []string{"-max-upload", "65537"}, map[int]int{64<<10 + 1: 200, 64<<10 + 2: 413}},
		{"default", nil, map[int]int{64<<10 + 1: 200, 1 << 20: 200}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr, stop := startServer(t, tc.args)
			defer func() {
				if err := stop(); err != nil {
					t.Error(err)
				}
			}()
			for size, want := range tc.sizes {
				if got := post(t, addr, body(size)); got != want {
					t.Errorf("a body of %d bytes: status %d, want %d", size, got, want)
				}
			}
		})
	}

	var stderr bytes.Buffer
	err = run(context.Background(), []string{"-max-upload", "128MB"}, &bytes.Buffer{}, &stderr)
	var usage usageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), `invalid value "128MB" for flag -max-upload: not a size`) {
		t.Errorf("-max-upload 128MB: %v, want a usage error saying it is not a size", err)
	}
	if !strings.Contains(stderr.String(), "-max-upload") {
		t.Errorf("-max-upload 128MB: the usage does not show the flag:\n%s", stderr.String())
	}
}

// -max-heavy sets how many requests of the forms and reports routes run at
// once: with 1, a second waits its 2 s, then is a 503 with Retry-After,
// while the first still reads its body. 1024 is the most.
func TestMaxHeavy(t *testing.T) {
	for _, n := range []string{"1", "1024"} {
		t.Run(n, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stderr syncBuffer
			done := make(chan error, 1)
			go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-max-heavy", n}, &bytes.Buffer{}, &stderr) }()
			addr := waitForAddr(t, &stderr)
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// A list whose body comes slowly holds a turn.
			fmt.Fprintf(conn, "POST /v1/forms/01/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{", testToken)
			time.Sleep(100 * time.Millisecond)
			resp, err := authPost("http://"+addr+"/v1/reports/plan", "application/json", strings.NewReader(`{"on": "2026-11-25"}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := http.StatusOK
			if n == "1" {
				want = http.StatusServiceUnavailable
			}
			if resp.StatusCode != want || want == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
				t.Errorf("with -max-heavy %s and one request reading its body: %d %v, want %d", n, resp.StatusCode, resp.Header, want)
			}
			conn.Close()
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}
