package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runFunction calls a provider function's Run with one string argument, as
// the framework's server would, and returns its number or its error.
func runFunction(t *testing.T, f function.Function, arg string) (int64, *function.FuncError) {
	t.Helper()
	req := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(arg)})}
	resp := function.RunResponse{Result: function.NewResultData(types.Int64Unknown())}
	f.Run(context.Background(), req, &resp)
	if resp.Error != nil {
		return 0, resp.Error
	}
	n, ok := resp.Result.Value().(types.Int64)
	if !ok || n.IsUnknown() || n.IsNull() {
		t.Fatalf("%q: result %v is not a known number", arg, resp.Result.Value())
	}
	return n.ValueInt64(), nil
}

// wantResults runs f, named name in messages, on each argument and
// expects the number want gives for it.
func wantResults(t *testing.T, f function.Function, name string, want map[string]int64) {
	t.Helper()
	for arg, n := range want {
		got, err := runFunction(t, f, arg)
		if err != nil || got != n {
			t.Errorf("%s(%q) = %d, %v; want %d", name, arg, got, err, n)
		}
	}
}

// wantArgumentError checks that a function refused its first argument with
// a message containing want.
func wantArgumentError(t *testing.T, err *function.FuncError, want string) {
	t.Helper()
	switch {
	case err == nil:
		t.Fatalf("no error; want one on argument 0 containing %q", want)
	case err.FunctionArgument == nil || *err.FunctionArgument != 0:
		t.Fatalf("error %q is not on argument 0", err.Text)
	case !strings.Contains(err.Text, want):
		t.Fatalf("error %q does not contain %q", err.Text, want)
	}
}
