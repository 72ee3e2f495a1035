package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestREADME runs the shell examples of the README as written, with bash
// and the real curl, against the real server (run, on a free port), from a
// temporary directory that links to the repository's files — so that
// repository-relative paths work and the files the examples write land
// there — and checks the answers the README shows.
//
// Each shell block is cut into commands. A command fails the test if it
// exits non-zero or if curl gets a status other than 2xx (curl runs with
// --fail-with-body), or if it sends a body without a Content-Type (curl -d
// alone sends a form, which the JSON routes refuse). An answer shown after
// a command — a comment that starts with "# {" and runs to its closing
// brace, or a ```json block that follows the shell block — is checked
// against the command's output: every value shown must be there ("..." and
// "…" leave parts out; a string ending with "…" is a prefix).
//
// The go lines are not run with go: "go run ./examples/server FLAGS" starts
// a server with those flags (run, in this process) that the rest of its
// block talks to, or with -print-rules writes the book where the line says;
// commands without such a line talk to a server with no flags. "go test" is
// the suite itself, and the million-loan generator ("go run
// ./examples/loanbook") is too slow for a unit test (its own tests check
// it): both are skipped, with every command that reads a file they write.
func TestREADME(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found: " + err.Error())
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not found: " + err.Error())
	}
	if v, err := exec.Command(curl, "--version").Output(); err != nil || !curlAtLeast(string(v), 7, 82) {
		t.Skipf("curl 7.82 or later needed (--json): %.40q, %v", v, err)
	}
	_, jqErr := exec.LookPath("jq")

	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(string(readme))
	work := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			if err := os.Symlink(filepath.Join(root, e.Name()), filepath.Join(work, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Chdir(work) // for the servers' -rules files and the commands' paths

	var defaultAddr string
	var stopDefault func() error
	defer func() {
		if stopDefault != nil {
			if err := stopDefault(); err != nil {
				t.Error(err)
			}
		}
	}()
	unavailable := map[string]string{} // files a skipped command would write → the command
	ran := 0
	for _, b := range blocks {
		addr := "" // the server of this block so far; "" until one is needed
		var stops []func() error
		for _, c := range b.commands {
			t.Run(fmt.Sprintf("README.md:%d", c.line), func(t *testing.T) {
				t.Logf("%s", c.text)
				switch kind, args, out := c.goCommand(); kind {
				case "server":
					if out != "" { // -print-rules > file
						f, err := os.Create(out)
						if err != nil {
							t.Fatal(err)
						}
						defer f.Close()
						if err := run(context.Background(), args, f, &bytes.Buffer{}); err != nil {
							t.Fatalf("server %s: %v", strings.Join(args, " "), err)
						}
						return
					}
					var stop func() error
					addr, stop = startServer(t, args)
					stops = append(stops, stop)
					return
				case "skip":
					if out != "" {
						unavailable[out] = c.text
					}
					t.Skip(args[0])
				case "unknown":
					t.Fatal("a go command TestREADME does not know: teach it to run or skip it")
				}
				for file, by := range unavailable {
					if strings.Contains(c.text, file) {
						t.Skipf("reads %s, which a skipped command writes (%s)", file, by)
					}
				}
				if jqErr != nil && regexp.MustCompile(`(^|\|)\s*jq\s`).MatchString(c.text) {
					t.Skip("jq not found: " + jqErr.Error())
				}
				if addr == "" {
					if defaultAddr == "" {
						defaultAddr, stopDefault = startServer(t, nil)
					}
					addr = defaultAddr
				}
				ran++
				stdout := runShell(t, bash, c.text, addr)
				if c.answer != "" {
					checkAnswer(t, c.answer, stdout)
				}
			})
		}
		for _, stop := range stops {
			if err := stop(); err != nil {
				t.Error(err)
			}
		}
	}
	if ran < 10 {
		t.Errorf("only %d commands of the README ran; is the parser lost?", ran)
	}
}

// curlAtLeast reports whether the first line of curl --version ("curl
// 7.88.1 (x86_64-pc-linux-gnu) …") names version major.minor or later.
func curlAtLeast(version string, major, minor int) bool {
	f := strings.Fields(version)
	if len(f) < 2 || f[0] != "curl" {
		return false
	}
	parts := strings.SplitN(f[1], ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	return err1 == nil && err2 == nil && (ma > major || ma == major && mi >= minor)
}

// startServer starts run with args on a free port and returns its address
// and a function that stops it and says whether it stopped cleanly.
func startServer(t *testing.T, args []string) (string, func() error) {
	t.Helper()
	var keep []string
	for i := 0; i < len(args); i++ {
		if args[i] == "-addr" || args[i] == "--addr" {
			i++ // the test chooses the address
			continue
		}
		keep = append(keep, args[i])
	}
	name := strings.Join(append([]string{"server"}, args...), " ")
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, append(keep, "-addr", "127.0.0.1:0"), &bytes.Buffer{}, &logs) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-done:
			cancel()
			t.Fatalf("%s did not start: %v\n%s", name, err, logs.String())
		default:
		}
		if addr := listening(&logs); addr != "" {
			return addr, func() error {
				cancel()
				select {
				case err := <-done:
					if err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
					return nil
				case <-time.After(15 * time.Second):
					return fmt.Errorf("%s did not shut down", name)
				}
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("%s did not start:\n%s", name, logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// listening returns the address of the server's "listening" log line, or "".
func listening(logs *syncBuffer) string {
	for _, line := range strings.Split(logs.String(), "\n") {
		var entry struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "listening" {
			return entry.Addr
		}
	}
	return ""
}

// curlWrapper replaces curl in the commands: it refuses a body without a
// Content-Type (curl -d alone sends application/x-www-form-urlencoded,
// which the JSON routes refuse with a 415), ignores any .curlrc (-q), fails
// on a status that is not 2xx (--fail-with-body) and reports each status
// on standard error.
const curlWrapper = `set -euo pipefail
curl() {
  local a prev= body= typed=
  for a in "$@"; do
    case $prev in -H|--header) case ${a,,} in content-type:*) typed=1;; esac;; esac
    case $a in
      -d|--data|--data-binary|--data-raw|--data-ascii|--data-urlencode) body=1;;
      --json|-F|--form) typed=1;;
    esac
    prev=$a
  done
  if [[ -n $body && -z $typed ]]; then
    echo "curl sends a body with no Content-Type (-d sends a form): use --json, or -H 'Content-Type: ...'" >&2
    return 64
  fi
  command curl -q --fail-with-body --show-error --write-out '%{stderr}readme-test-status: %{http_code}\n' "$@"
}
`

// runShell runs a command of the README with bash, localhost:8080 being
// addr, and returns its standard output.
func runShell(t *testing.T, bash, text, addr string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "-c", curlWrapper+strings.ReplaceAll(text, "localhost:8080", addr))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "NO_PROXY=*", "no_proxy=*", // the server is local
		"CREDIT_ADMIN_TOKEN="+testToken, "TOKEN="+testToken) // as the README's export lines say
	err := cmd.Run()
	statuses := regexp.MustCompile(`readme-test-status: (\d+)`).FindAllStringSubmatch(stderr.String(), -1)
	if err != nil {
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if strings.Contains(text, "curl ") && len(statuses) == 0 {
		t.Fatalf("curl reported no status\nstderr:\n%s", stderr.Bytes())
	}
	for _, s := range statuses {
		if code, _ := strconv.Atoi(s[1]); code < 200 || code > 299 {
			t.Fatalf("status %d\nstdout:\n%s", code, stdout.Bytes())
		}
	}
	return stdout.Bytes()
}

// checkAnswer checks that every value of each answer shown is in the
// output's answer in the same place: a block that shows two answers
// (two commands, each printing one) is checked against two.
func checkAnswer(t *testing.T, shown string, out []byte) {
	t.Helper()
	wants, err := parseShown(shown)
	if err != nil {
		t.Fatalf("the answer shown is not JSON once its \"...\" are left out: %v\n%s", err, shown)
	}
	var gots []any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	for {
		var got any
		err := dec.Decode(&got)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the output is not JSON: %v\n%s", err, out)
		}
		gots = append(gots, got)
	}
	if len(gots) != len(wants) {
		t.Fatalf("%d answers shown, %d given:\n%s", len(wants), len(gots), out)
	}
	for i, want := range wants {
		if msg := contains(gots[i], want, ""); msg != "" {
			t.Errorf("answer %d differs from the README's: %s\ngot: %s", i+1, msg, out)
		}
	}
}

// elided stands in a shown array for the elements left out.
const elided = "…"

// contains returns "" if got has every value of want, or what differs.
// Objects and arrays are compared as subsets (an array's elements in any
// order); an empty array shown must be empty; a string shown ending with
// "…" or "..." is a prefix.
func contains(got, want any, at string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %s, want an object", at, brief(got))
		}
		for _, k := range slices.Sorted(maps.Keys(w)) {
			gv, ok := g[k]
			if !ok {
				return fmt.Sprintf("%s/%s: missing", at, k)
			}
			if msg := contains(gv, w[k], at+"/"+k); msg != "" {
				return msg
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Sprintf("%s: got %s, want an array", at, brief(got))
		}
		if len(w) == 0 && len(g) != 0 {
			return fmt.Sprintf("%s: got %d elements, want none", at, len(g))
		}
	elements:
		for i, wv := range w {
			if wv == elided {
				continue
			}
			var closest string // the mismatch of the element most alike
			best := -1
			for j, gv := range g {
				msg := contains(gv, wv, at+"/"+strconv.Itoa(j))
				if msg == "" {
					continue elements
				}
				if n := alike(gv, wv); n > best {
					closest, best = msg, n
				}
			}
			return fmt.Sprintf("%s: no element matches the one shown at %d; the closest: %s", at, i, closest)
		}
	case string:
		g, ok := got.(string)
		prefix, cut := strings.CutSuffix(w, "…")
		if !cut {
			prefix, cut = strings.CutSuffix(w, "...")
		}
		switch {
		case !ok:
			return fmt.Sprintf("%s: got %s, want %q", at, brief(got), w)
		case cut && !strings.HasPrefix(g, strings.TrimRight(prefix, " ")):
			return fmt.Sprintf("%s: got %q, want it to start %q", at, g, prefix)
		case !cut && g != w:
			return fmt.Sprintf("%s: got %q, want %q", at, g, w)
		}
	default: // json.Number, bool, nil
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Sprintf("%s: got %s, want %s", at, brief(got), brief(want))
		}
	}
	return ""
}

// alike counts the values of want's objects that got has, at the same
// place.
func alike(got, want any) int {
	w, ok := want.(map[string]any)
	if !ok {
		if contains(got, want, "") == "" {
			return 1
		}
		return 0
	}
	g, _ := got.(map[string]any)
	n := 0
	for k, wv := range w {
		if gv, ok := g[k]; ok {
			n += alike(gv, wv)
		}
	}
	return n
}

func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// parseShown reads the answers as the README shows them, one after
// another: JSON in which "..." or "…" outside strings stand for what is
// left out.
func parseShown(s string) ([]any, error) {
	toks, err := jsonTokens(s)
	if err != nil {
		return nil, err
	}
	var out []string
	var stack []string // the open brackets
	for _, tok := range toks {
		switch tok {
		case "...", "…":
			if len(stack) > 0 && stack[len(stack)-1] == "[" {
				if n := len(out); n > 0 && out[n-1] != "[" && out[n-1] != "," {
					out = append(out, ",")
				}
				out = append(out, strconv.Quote(elided))
			}
			continue
		case "{", "[":
			stack = append(stack, tok)
		case "}", "]":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if n := len(out); n > 0 && out[n-1] == "," {
				out = out[:n-1]
			}
		case ",":
			if n := len(out); n == 0 || out[n-1] == "{" || out[n-1] == "[" || out[n-1] == "," {
				continue
			}
		}
		out = append(out, tok)
	}
	var vs []any
	dec := json.NewDecoder(strings.NewReader(strings.Join(out, "")))
	dec.UseNumber()
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) && len(vs) > 0 {
			return vs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w in %s", err, strings.Join(out, ""))
		}
		vs = append(vs, v)
	}
}

// jsonTokens splits JSON-like text into strings (as written), punctuation,
// literals and the ellipses "..." and "…".
func jsonTokens(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.ContainsRune("{}[],:", rune(c)):
			toks = append(toks, s[i:i+1])
			i++
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			toks = append(toks, s[i:j+1])
			i = j + 1
		case strings.HasPrefix(s[i:], "..."):
			toks = append(toks, "...")
			i += 3
		case strings.HasPrefix(s[i:], "…"):
			toks = append(toks, "…")
			i += len("…")
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n{}[],:\"", rune(s[j])) && !strings.HasPrefix(s[j:], "...") {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q at %d", s[i:], i)
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks, nil
}

// block is a shell block of the README, cut into commands.
type block struct {
	line     int
	commands []command
}

// command is one command of a shell block: its text (its lines joined as
// written), the README line it starts on, and the answer shown after it.
type command struct {
	line   int
	text   string
	answer string
}

// readmeBlocks returns the README's sh, bash and shell blocks, each cut
// into commands, with the answers they show: comments after a command that
// open with "{" and run until the braces close, and a json block that
// comes next after a shell block, for that block's last command.
func readmeBlocks(md string) []block {
	var blocks []block
	lines := strings.Split(md, "\n")
	lastShell := -1 // index in blocks of the code block just before, if a shell block
	for i := 0; i < len(lines); i++ {
		fence, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		lang := strings.TrimSpace(fence)
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		body := lines[start:i]
		switch lang {
		case "sh", "bash", "shell":
			blocks = append(blocks, block{line: start, commands: cutCommands(body, start+1)})
			lastShell = len(blocks) - 1
			continue
		case "json":
			if lastShell >= 0 {
				if cs := blocks[lastShell].commands; len(cs) > 0 && cs[len(cs)-1].answer == "" {
					cs[len(cs)-1].answer = strings.Join(body, "\n")
				}
			}
		}
		lastShell = -1
	}
	return blocks
}

// cutCommands cuts the lines of a shell block (the first being README line
// first) into commands: a command runs on while a quote is open or a line
// ends with \ or |.
func cutCommands(lines []string, first int) []command {
	var cs []command
	var cur []string
	var quote byte // the open quote, or 0
	answerOpen := 0
	inAnswer := false // the comment line before was (the end of) an answer
	for k, line := range lines {
		trimmed := strings.TrimSpace(line)
		if len(cur) == 0 && quote == 0 {
			if c, ok := strings.CutPrefix(trimmed, "#"); ok {
				c = strings.TrimSpace(c)
				n := len(cs)
				switch {
				case answerOpen > 0, inAnswer && strings.HasPrefix(c, "{"): // more of it, or the next answer
					cs[n-1].answer += "\n" + c
				case n > 0 && strings.HasPrefix(c, "{") && cs[n-1].answer == "" && lastWasCommand(lines[:k]):
					cs[n-1].answer = c
				default:
					inAnswer = false
					continue // a description
				}
				answerOpen = depth(cs[n-1].answer)
				inAnswer = true
				continue
			}
			if trimmed == "" {
				continue
			}
		}
		answerOpen, inAnswer = 0, false
		cur = append(cur, line)
		quote = openQuote(line, quote)
		if quote == 0 && !strings.HasSuffix(trimmed, "\\") && !strings.HasSuffix(trimmed, "|") {
			cs = append(cs, command{line: first + k - len(cur) + 1, text: strings.Join(cur, "\n")})
			cur = nil
		}
	}
	return cs
}

// lastWasCommand reports whether the last line that is not blank is not a
// comment: an answer comes right after its command.
func lastWasCommand(lines []string) bool {
	for i := len(lines) - 1; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i]); t != "" {
			return !strings.HasPrefix(t, "#")
		}
	}
	return false
}

// depth returns how many brackets are open at the end of s (strings
// skipped).
func depth(s string) int {
	d := 0
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && (c == '{' || c == '['):
			d++
		case !in && (c == '}' || c == ']'):
			d--
		}
	}
	return d
}

// openQuote returns the shell quote open at the end of line, given the one
// open at its start.
func openQuote(line string, q byte) byte {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case q == '\'':
			if c == '\'' {
				q = 0
			}
		case c == '\\':
			i++
		case q == '"':
			if c == '"' {
				q = 0
			}
		case c == '\'' || c == '"':
			q = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return q // a comment
		}
	}
	return q
}

// goCommand says what the test does with a go command: "server" (run with
// args; out is the file -print-rules writes to), "skip" (args[0] is why;
// out the file it would write), "unknown", or "" for a command that is
// not go's.
func (c command) goCommand() (kind string, args []string, out string) {
	text := c.text
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	fields := strings.Fields(text)
	if len(fields) < 2 || fields[0] != "go" {
		return "", nil, ""
	}
	for i, f := range fields {
		if f == ">" && i+1 < len(fields) {
			out = fields[i+1]
			fields = fields[:i]
			break
		}
	}
	switch {
	case fields[1] == "test":
		return "skip", []string{"the test suite itself"}, ""
	case len(fields) >= 3 && fields[1] == "run" && fields[2] == "./examples/server":
		return "server", fields[3:], out
	case len(fields) >= 3 && fields[1] == "run" && fields[2] == "./examples/loanbook":
		return "skip", []string{"the million-loan generator is too slow for a unit test; examples/loanbook's tests check what it writes"}, out
	}
	return "unknown", nil, out
}

func TestCurlAtLeast(t *testing.T) {
	for v, want := range map[string]bool{
		"curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1": true,
		"curl 7.82.0 (x86_64-pc-linux-gnu)":                true,
		"curl 7.81.0 (x86_64-pc-linux-gnu)":                false,
		"curl 8.5.0":                                       true,
		"curl 6.99.9":                                      false,
		"curl 10.0":                                        true,
		"curl x.y":                                         false,
		"wget 1.21":                                        false,
		"":                                                 false,
	} {
		if got := curlAtLeast(v, 7, 82); got != want {
			t.Errorf("curlAtLeast(%q, 7, 82) = %v, want %v", v, got, want)
		}
	}
}
