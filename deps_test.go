package credit_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/vnreentry/credit"

// depsPolicy says what each package of the module may import, like the
// standard library's go/build/deps_test.go. Imports point one way:
// credit ← eligibility ← lending ← forms, reporting ← adapters/* ← examples/*,
// and credit ← places ← forms.
// Domain packages import the standard library (but never net/http), credit,
// shopspring/decimal and (forms) validator; nothing else.
var depsPolicy = map[string][]string{
	".":           {"std", "github.com/shopspring/decimal"},
	"eligibility": {"std", module, "github.com/shopspring/decimal"},
	"lending":     {"std", module, module + "/eligibility", "github.com/shopspring/decimal"},
	"places":      {"std", module},
	"forms": {"std", module, module + "/eligibility", module + "/lending", module + "/places",
		"github.com/shopspring/decimal", "github.com/go-playground/validator/v10"},
	"reporting": {"std", module, module + "/eligibility", module + "/lending", module + "/forms",
		"github.com/shopspring/decimal"},
	"access":    {"std", module},
	"records":   {"std", module, module + "/access", module + "/places"},
	"workflow":  {"std", module, module + "/access"},
	"adapters/": {"*"},
	"examples/": {"*"},
}

// domain packages may use the standard library except these.
var domainDenied = []string{"net/http", "net/http/httptest", "database/sql", "os/exec"}

func TestImportsPointOneWay(t *testing.T) {
	pkgs := map[string][]string{} // directory → imports of its non-test files
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			pkgs[dir] = append(pkgs[dir], p)
		}
		if _, ok := pkgs[dir]; !ok {
			pkgs[dir] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 5 {
		t.Fatalf("found only %d packages; is the test running at the module root?", len(pkgs))
	}
	for dir, imports := range pkgs {
		allowed, ok := policyFor(dir)
		if !ok {
			t.Errorf("package %s has no import policy: add it to depsPolicy", dir)
			continue
		}
		if slices.Contains(allowed, "*") {
			for _, im := range imports {
				if strings.HasPrefix(dir, "adapters/") && strings.HasPrefix(im, module+"/examples") {
					t.Errorf("%s imports %s: adapters never import examples", dir, im)
				}
			}
			continue
		}
		for _, im := range imports {
			std := !strings.Contains(strings.SplitN(im, "/", 2)[0], ".")
			switch {
			case std && slices.Contains(domainDenied, im):
				t.Errorf("%s imports %s: domain packages do not do I/O over the network or a database", dir, im)
			case std && slices.Contains(allowed, "std"):
			case slices.Contains(allowed, im):
			default:
				t.Errorf("%s imports %s, which its policy does not allow (allowed: %v)", dir, im, allowed)
			}
		}
	}
}

func policyFor(dir string) ([]string, bool) {
	if p, ok := depsPolicy[dir]; ok {
		return p, true
	}
	for prefix, p := range depsPolicy {
		if strings.HasSuffix(prefix, "/") && strings.HasPrefix(dir, prefix) {
			return p, true
		}
	}
	return nil, false
}

// The policy test must be able to fail: a domain package that imported chi
// would be caught.
func TestImportPolicyCatchesViolations(t *testing.T) {
	allowed, _ := policyFor("eligibility")
	for _, bad := range []string{"github.com/go-chi/chi/v5", module + "/adapters/httpapi", module + "/lending"} {
		if slices.Contains(allowed, bad) {
			t.Errorf("eligibility may import %s", bad)
		}
	}
	if _, ok := policyFor("somethingnew"); ok {
		t.Error("an unknown package has a policy")
	}
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatal("test must run at the module root")
	}
}
