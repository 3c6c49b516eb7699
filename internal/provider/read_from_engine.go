package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// errGone marks an object the engine still holds but the resource no
// longer manages (an attachment detached outside Terraform): Read drops it
// from state as it drops an object the engine no longer has.
var errGone = errors.New("no longer managed by this resource")

// isGone reports whether err says the object is gone: the engine does not
// have it, or it is errGone.
func isGone(err error) bool {
	return engine.IsNotFound(err) || errors.Is(err, errGone)
}

// readFromEngine gets what a resource's Read refreshes, the object id
// names, with get. ok is false when there is nothing to write back: the
// object is gone (isGone), which is dropped from state so that the next
// plan recreates it instead of failing, or the engine failed, which is
// reported as "Cannot read <what>" (or the summary of a refusal). It first
// sets the response's identity from the state, before anything can return:
// a state written before identity existed has none, and the framework
// refuses a Read that leaves it null even when the object is dropped.
func readFromEngine[T any](ctx context.Context, resp *resource.ReadResponse, what string, get func(context.Context, string) (T, error), id string) (v T, ok bool) {
	setIdentityFromState(ctx, resp.State, resp.Identity)
	v, err := get(ctx, id)
	if isGone(err) {
		tflog.Warn(ctx, "object removed outside Terraform; dropping it from state", map[string]any{"error": err.Error()})
		resp.State.RemoveResource(ctx)
		return v, false
	}
	if err != nil {
		addRefusal(&resp.Diagnostics, path.Empty(), "Cannot read "+what, err)
		return v, false
	}
	return v, true
}
