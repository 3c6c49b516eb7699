package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// codeHome is the one file that tells engine refusals apart by their code.
const codeHome = "diagnostics.go"

// TestCodesComparedInDiagnosticsOnly: no provider file but diagnostics.go
// compares engine codes (==, != or a switch), so what a refusal means to
// the provider is decided in one place, under a name that says it.
func TestCodesComparedInDiagnosticsOnly(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || name == codeHome {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pos := range codeComparisons(f) {
			t.Errorf("%s compares engine codes; name the case in a helper of %s", fset.Position(pos), codeHome)
		}
	}
}

// TestCodeComparisonsFound: the finder sees each way of comparing a code.
func TestCodeComparisonsFound(t *testing.T) {
	src := `package p
func a(err error) bool { return engine.CodeOf(err) == engine.CodeSubnetNotFound }
func b(err error) bool { return engine.CodeOf(err) != "" }
func c(err error) bool { code := engine.CodeOf(err); return code != "" }
func d(err error) bool { return x == engine.CodeFlavorNotFound }
func e(err error) {
	switch engine.CodeOf(err) {
	}
}
func f(err error) {
	switch {
	case y == 1:
	}
	switch z {
	case engine.CodeIncorrectState:
	}
}
func fine(err error) bool { return engine.IsNotFound(err) || len(engine.CodeOf(err)) > 0 && w == "x" }
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(codeComparisons(f)); got != 6 {
		t.Errorf("found %d comparisons of engine codes, want 6", got)
	}
}

// codeComparisons are the places in f that compare an engine code: an
// engine.Code* constant, engine.CodeOf(…), or a variable set from it, as an
// operand of == or !=, as a switch's tag, or in a case list.
func codeComparisons(f *ast.File) []token.Pos {
	var found []token.Pos
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isEngineCode(n.X) || isEngineCode(n.Y)) {
				found = append(found, n.Pos())
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && isEngineCode(n.Tag) {
				found = append(found, n.Pos())
			}
		case *ast.CaseClause:
			for _, e := range n.List {
				if isEngineCode(e) {
					found = append(found, e.Pos())
				}
			}
		}
		return true
	})
	return found
}

// isEngineCode reports whether e is an engine code: a constant, a call of
// engine.CodeOf, or a variable declared from one.
func isEngineCode(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		return isEngineName(e, "Code") && e.Sel.Name != "CodeOf"
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		return ok && isEngineName(sel, "CodeOf")
	case *ast.Ident:
		return declaredFromCode(e)
	case *ast.ParenExpr:
		return isEngineCode(e.X)
	}
	return false
}

func isEngineName(sel *ast.SelectorExpr, prefix string) bool {
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "engine" && strings.HasPrefix(sel.Sel.Name, prefix)
}

// declaredFromCode reports whether id names a variable declared (:= or
// var) from an engine code in the same file.
func declaredFromCode(id *ast.Ident) bool {
	if id.Obj == nil || id.Obj.Kind != ast.Var {
		return false
	}
	var values []ast.Expr
	var names []*ast.Ident
	switch d := id.Obj.Decl.(type) {
	case *ast.AssignStmt:
		values = d.Rhs
		for _, l := range d.Lhs {
			name, _ := l.(*ast.Ident)
			names = append(names, name)
		}
	case *ast.ValueSpec:
		values, names = d.Values, d.Names
	}
	if len(values) != len(names) {
		return false
	}
	for i, name := range names {
		if name != nil && name.Name == id.Name && isEngineCode(values[i]) {
			return true
		}
	}
	return false
}
