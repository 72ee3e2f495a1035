package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// crashEnv, when set to a dsn, makes the test binary the child of
// TestCrash: it writes to the store until it is killed.
const crashEnv = "CREDIT_STORE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(crashEnv); dsn != "" {
		crashChild(dsn)
		os.Exit(0)
	}
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

// crashChild appends from four goroutines and creates users from a fifth,
// printing each write once it is acknowledged ("ack REQUEST-ID", "user
// ID"), until it is killed.
func crashChild(dsn string) {
	s, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, format+"\n", args...)
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	for w := range 4 {
		go func() {
			for i := 0; ; i++ {
				rid := fmt.Sprintf("c%d-%d", w, i)
				if err := s.Append(context.Background(), calc(rid)); err != nil {
					fail(err)
				}
				say("ack %s", rid)
			}
		}()
	}
	for i := 0; ; i++ {
		u, err := s.CreateUser(context.Background(), records.Actor{UserID: 1, Role: "admin", RequestID: "u" + strconv.Itoa(i)},
			records.NewUser{Name: "Crash", Role: "commune_police", Communes: []string{"03424"}})
		if err != nil {
			fail(err)
		}
		say("user %d", u.ID)
	}
}

// A process killed with SIGKILL in the middle of concurrent writes loses
// nothing it acknowledged, and its trail still verifies.
func TestCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		for round := range 2 { // the second round writes on after a crash
			acked, users := crashRound(t, dsn, 600)
			s := open(t, dsn, store.Options{})
			v := mustVerify(t, s)
			all := allEntries(t, s)
			checkDense(t, all)
			have := map[string]bool{}
			for _, e := range all {
				have[e.RequestID] = true
			}
			for _, rid := range acked {
				if !have[rid] {
					t.Fatalf("round %d: acknowledged %s is not in the trail", round, rid)
				}
			}
			for _, id := range users {
				if _, err := s.User(context.Background(), id); err != nil {
					t.Fatalf("round %d: acknowledged user %d: %v", round, id, err)
				}
			}
			t.Logf("round %d: killed after %d acknowledged appends and %d users; %d entries verify", round, len(acked), len(users), v.Entries)
			s.Close()
		}
	})
}

// crashRound runs a child on dsn, kills it once it has acknowledged n
// appends, and returns what it acknowledged.
func crashRound(t *testing.T, dsn string, n int) (acked []string, users []int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dsn)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timeout := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timeout.Stop()
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "ack "):
			acked = append(acked, strings.TrimPrefix(line, "ack "))
		case strings.HasPrefix(line, "user "):
			id, err := strconv.ParseInt(strings.TrimPrefix(line, "user "), 10, 64)
			if err != nil {
				t.Fatalf("child said %q", line)
			}
			users = append(users, id)
		default:
			t.Fatalf("child said %q", line)
		}
		if !killed && len(acked) >= n {
			// SIGKILL: no deferred function, no Close, mid-transaction.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
		// Lines already in the pipe were acknowledged too: read them all.
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !killed || !errors.As(err, &exit) {
		t.Fatalf("child ended on its own (%v) after %d acknowledgements: %s", err, len(acked), stderr.String())
	}
	return acked, users
}
