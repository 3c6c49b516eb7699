package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamingOfAcceptanceTests keeps one naming rule for the tests of
// this package: an acceptance test is a TestAcc function in a file ending
// in _acc_test.go, and such a file holds no other test, benchmark, fuzz
// test or example, so that a file's name tells whether it needs a CLI.
func TestNamingOfAcceptanceTests(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		for _, fn := range testFunctionsOf(t, name) {
			acc, inAccFile := strings.HasPrefix(fn, "TestAcc"), strings.HasSuffix(name, "_acc_test.go")
			switch {
			case acc && !inAccFile:
				t.Errorf("%s: acceptance test %s belongs in a file ending in _acc_test.go", name, fn)
			case !acc && inAccFile:
				t.Errorf("%s: %s is no acceptance test; it belongs in a file not ending in _acc_test.go", name, fn)
			}
		}
	}
}

// testFunctionsOf lists the functions of a test file that go test runs:
// tests, benchmarks, fuzz tests and examples.
func testFunctionsOf(t *testing.T, name string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv != nil {
			continue
		}
		for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
			if strings.HasPrefix(fn.Name.Name, prefix) {
				names = append(names, fn.Name.Name)
				break
			}
		}
	}
	return names
}
