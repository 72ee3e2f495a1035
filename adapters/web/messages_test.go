package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// Every text key the templates name is in messages, in both languages,
// and none is empty: a missing text would show as its key.
func TestMessagesComplete(t *testing.T) {
	key := regexp.MustCompile(`\bt \$?\.Lang "([^"]+)"`)
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, n := range names {
		b, err := fs.ReadFile(templateFiles, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			seen++
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s: no message %q", n, m[1])
			}
		}
	}
	if seen < 50 {
		t.Fatalf("only %d keys found in the templates: the pattern no longer matches them", seen)
	}
	for k, v := range messages {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("message %q lacks a language: %q", k, v)
		}
	}
}
