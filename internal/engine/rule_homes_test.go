package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"
	"testing"
)

// engineSource parses the package's non-test files.
func engineSource(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// refusingFunctions maps each rule variable to the functions that build its
// error (call its refuse method).
func refusingFunctions(files []*ast.File) map[string][]string {
	homes := map[string][]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "refuse" {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && strings.HasPrefix(id.Name, "Rule") && !slices.Contains(homes[id.Name], fn.Name.Name) {
					homes[id.Name] = append(homes[id.Name], fn.Name.Name)
				}
				return true
			})
		}
	}
	return homes
}

// TestEachRuleHasOneHome: a rule's error and message are built in one
// function, which every operation, plan check and the invariant checker call.
func TestEachRuleHasOneHome(t *testing.T) {
	_, files := engineSource(t)
	for rule, funcs := range refusingFunctions(files) {
		if len(funcs) > 1 {
			t.Errorf("%s is refused in %d functions (%s); give it one", rule, len(funcs), strings.Join(funcs, ", "))
		}
	}
}

// TestErrorsComeFromRules: no code builds an Error but a rule.
func TestErrorsComeFromRules(t *testing.T) {
	fset, files := engineSource(t)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "Error" && fset.Position(lit.Pos()).Filename != "rules.go" {
				t.Errorf("%s builds an Error outside Rule.refuse", fset.Position(lit.Pos()))
			}
			return true
		})
	}
}

func TestRulesTable(t *testing.T) {
	seen := map[*Rule]bool{}
	for i, r := range Rules() {
		if seen[r] {
			t.Errorf("rule %d (%s) is listed twice", i, r.Statement)
		}
		seen[r] = true
		if r.Statement == "" {
			t.Errorf("rule %d (%s) says nothing", i, r.Code)
		}
		if r.Code != "" && r.Remedy == "" {
			t.Errorf("rule %d (%s) has no remedy", i, r.Code)
		}
		if i > 0 && r.Number != 0 && r.Number < Rules()[i-1].Number {
			t.Errorf("rule %d (%s) is out of order", i, r.Code)
		}
	}
}

// TestEveryRuleIsChecked: each coded rule of the table is used outside it.
func TestEveryRuleIsChecked(t *testing.T) {
	_, files := engineSource(t)
	used := map[string]bool{}
	declared := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.Name == "Rules" || d.Body == nil {
					continue
				}
				ast.Inspect(d.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "Rule") {
						used[id.Name] = true
					}
					return true
				})
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, name := range vs.Names {
							if strings.HasPrefix(name.Name, "Rule") && vs.Values != nil {
								if u, isRule := vs.Values[0].(*ast.UnaryExpr); isRule {
									declared[name.Name] = hasKey(u.X.(*ast.CompositeLit), "Code")
								}
							}
						}
					}
				}
			}
		}
	}
	if len(declared) != len(Rules()) {
		t.Errorf("%d rule variables are declared but Rules lists %d", len(declared), len(Rules()))
	}
	for name, coded := range declared {
		if coded && !used[name] {
			t.Errorf("%s is in the table but no check uses it", name)
		}
	}
}

func hasKey(lit *ast.CompositeLit, key string) bool {
	return slices.ContainsFunc(lit.Elts, func(e ast.Expr) bool {
		kv, ok := e.(*ast.KeyValueExpr)
		return ok && kv.Key.(*ast.Ident).Name == key
	})
}
