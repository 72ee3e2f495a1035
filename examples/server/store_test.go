package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// childEnv, when set, makes the test binary the server itself (TestMain
// runs run with the arguments in childArgsEnv): the crash test kills it
// with SIGKILL.
const (
	childEnv     = "CREDIT_SERVER_TEST_CHILD"
	childArgsEnv = "CREDIT_SERVER_TEST_CHILD_ARGS"
)

// serveChild runs the server as a child process of the tests.
func serveChild() {
	args := strings.Split(os.Getenv(childArgsEnv), "\x1f")
	if err := run(context.Background(), args, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// client talks to one server with a token.
type client struct {
	t     testing.TB
	base  string
	token string
}

// do sends a request and decodes a JSON answer into out (when not nil),
// returning the status.
func (c client) do(method, path, body string, out any) int {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0 // the server is gone (the crash test)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Errorf("%s %s: %v\n%s", method, path, err, data)
		}
	}
	return resp.StatusCode
}

// newUser makes a user and a token for it, as the admin.
func (c client) newUser(role, communes string) client {
	c.t.Helper()
	var u struct{ ID int64 }
	body := fmt.Sprintf(`{"name": "Người dùng thử", "role": %q%s}`, role, communes)
	if st := c.do("POST", "/v1/users", body, &u); st != http.StatusCreated {
		c.t.Fatalf("POST /v1/users: %d", st)
	}
	var tok struct{ Token string }
	if st := c.do("POST", fmt.Sprintf("/v1/users/%d/tokens", u.ID), `{}`, &tok); st != http.StatusCreated {
		c.t.Fatalf("POST tokens: %d", st)
	}
	return client{t: c.t, base: c.base, token: tok.Token}
}

// verify checks the audit chain as an auditor.
func (c client) verify() (valid bool, entries int64) {
	c.t.Helper()
	var v struct {
		Valid   bool  `json:"valid"`
		Entries int64 `json:"entries"`
	}
	if st := c.do("GET", "/v1/audit/verify", "", &v); st != http.StatusOK {
		c.t.Fatalf("GET /v1/audit/verify: %d", st)
	}
	return v.Valid, v.Entries
}

// startOn starts run in this process on db and returns a client of it as
// the admin.
func startOn(t *testing.T, db string) client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	key := filepath.Join(t.TempDir(), "checkpoint.key")
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", db, "-checkpoint-key", key,
			"-person-key", filepath.Join(testDir, "person.key")}, &bytes.Buffer{}, &logs)
	}()
	addr := waitForAddr(t, &logs)
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return client{t: t, base: "http://" + addr, token: testToken}
}

// TestTwoServersOneStore: two server processes on one database behave as
// one — here two servers in this process, each with its own connections —
// and the audit chain does not fork when their requests interleave. On
// SQLite always; on PostgreSQL when CREDIT_TEST_POSTGRES names a database
// (CI starts one), which is how a province scales out.
func TestTwoServersOneStore(t *testing.T) {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "shared.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	} else {
		t.Log("CREDIT_TEST_POSTGRES not set: two servers on PostgreSQL skipped")
	}
	for engine, db := range dbs {
		t.Run(engine, func(t *testing.T) {
			a, b := startOn(t, db), startOn(t, db)
			police := a.newUser("commune_police", `, "communes": ["03424"]`)
			auditor := b.newUser("auditor", "")
			_, before := auditor.verify()
			servers := []client{a, b}
			var wg sync.WaitGroup
			const workers, each = 8, 25
			var mu sync.Mutex
			ok := 0
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						s := servers[(w+i)%2]
						s.token = police.token // one user's token, checked by both servers
						st := s.do("POST", "/v1/schedules", `{"amount": "100000000", "disbursed_on": "2026-01-05", "term_months": 12, "principal_every_months": 12, "province": "12"}`, nil)
						if st == http.StatusOK {
							mu.Lock()
							ok++
							mu.Unlock()
						} else {
							t.Errorf("POST /v1/schedules: %d", st)
						}
					}
				}()
			}
			wg.Wait()
			for _, s := range servers {
				s.token = auditor.token
				valid, n := s.verify()
				if !valid {
					t.Fatalf("%s: the chain does not verify after concurrent writers on two servers", s.base)
				}
				// Every calculation is one entry; the verify calls add theirs.
				if n < before+int64(ok) {
					t.Errorf("%d entries after %d calculations on top of %d", n, ok, before)
				}
			}
		})
	}
}

// TestCrashKeepsAcknowledged: a server process killed with SIGKILL in the
// middle of concurrent writes loses none that got a 2xx, and its audit
// chain still verifies after the restart.
func TestCrashKeepsAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	key := filepath.Join(t.TempDir(), "checkpoint.key")
	start := func() (*exec.Cmd, client) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=1",
			childArgsEnv+"="+strings.Join([]string{"-addr", "127.0.0.1:0", "-db", db, "-checkpoint-key", key}, "\x1f"))
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		addr := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				var e struct{ Msg, Addr string }
				if json.Unmarshal(sc.Bytes(), &e) == nil && e.Msg == "listening" {
					addr <- e.Addr
				}
			}
		}()
		select {
		case a := <-addr:
			return cmd, client{t: t, base: "http://" + a, token: testToken}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the child server did not start")
		}
		return nil, client{}
	}

	cmd, admin := start()
	var mu sync.Mutex
	var acked []int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var u struct{ ID int64 }
				body := fmt.Sprintf(`{"name": "Cán bộ %d-%d", "role": "commune_police", "communes": ["03424"]}`, w, i)
				if admin.do("POST", "/v1/users", body, &u) == http.StatusCreated {
					mu.Lock()
					acked = append(acked, u.ID)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(700 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}

	cmd, admin = start()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	for _, id := range acked {
		if st := admin.do("GET", fmt.Sprintf("/v1/users/%d", id), "", nil); st != http.StatusOK {
			t.Errorf("user %d was acknowledged (201) before the kill, and is gone after it: %d", id, st)
		}
	}
	if valid, n := admin.newUser("auditor", "").verify(); !valid {
		t.Errorf("the audit chain of %d entries does not verify after the kill", n)
	}
	t.Logf("%d writes acknowledged before the kill, all there after the restart", len(acked))
}
