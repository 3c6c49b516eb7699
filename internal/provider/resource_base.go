package provider

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// Every resource has one shape: a resourceType that names it and builds its
// schema, a struct that embeds resourceBase, and its own CRUD methods, each a
// call of create, read, update or remove with the engine calls of the
// resource. The base holds what the provider's Configure handed over and
// supplies Metadata, Schema, Configure, IdentitySchema and ImportState (by ID,
// or by the parts that name the object) and ModifyPlan (tags_all, then the
// resource's own planChecks). The helpers read
// the plan and state, put an engine refusal on the argument it names, keep
// the resource's own tags, write the state and its identity.

// resourceType is what the base knows of a resource type; each resource
// file declares one.
type resourceType struct {
	name     string // after the provider's name: "vpc" is eni_vpc
	what     string // the object in messages: "VPC"
	idPrefix string // of the object's IDs, for the import advice
	schema   func(context.Context) schema.Schema
	// identity names the attributes that name an object, in the order its
	// ID joins them (identityPart); nil names it by its ID alone.
	identity []identityPart
	// fallback is the argument a refused create or update goes on when the
	// refusal names none of the resource's: the binding of an EIP, a
	// virtual IP or an attachment. "" puts it on the whole resource.
	fallback string

	once      sync.Once
	arguments []string // attributes a configuration sets
	replacing []string // attributes whose change replaces the object
}

// derive reads, once, the arguments and the attributes that force a
// replacement from the schema, so that neither list repeats its names.
func (t *resourceType) derive() *resourceType {
	t.once.Do(func() {
		for name, a := range t.schema(context.Background()).Attributes {
			if a.IsRequired() || a.IsOptional() {
				t.arguments = append(t.arguments, name)
			}
			if requiresReplace(a) {
				t.replacing = append(t.replacing, name)
			}
		}
		slices.Sort(t.arguments)
		slices.Sort(t.replacing)
	})
	return t
}

// requiresReplaceDescription tells a RequiresReplace plan modifier, of any
// attribute type: they all describe themselves alike.
var requiresReplaceDescription = stringplanmodifier.RequiresReplace().Description(context.Background())

// requiresReplace reports whether a change of attribute a replaces the
// object. Each attribute type of the framework keeps its modifiers in a
// PlanModifiers field of a type of its own, behind no public interface, so
// the field is read by name: one way for every type, nested ones included.
func requiresReplace(a schema.Attribute) bool {
	modifiers := reflect.Indirect(reflect.ValueOf(a)).FieldByName("PlanModifiers")
	if !modifiers.IsValid() || modifiers.Kind() != reflect.Slice {
		return false
	}
	for i := range modifiers.Len() {
		m, ok := modifiers.Index(i).Interface().(planmodifier.Describer)
		if ok && m.Description(context.Background()) == requiresReplaceDescription {
			return true
		}
	}
	return false
}

// errorPath is where an engine refusal of a create or an update goes: on
// the argument it names (argumentPath), else on the fallback argument, else
// on the whole resource.
func (t *resourceType) errorPath(err error) path.Path {
	fallback := path.Empty()
	if t.fallback != "" {
		fallback = path.Root(t.fallback)
	}
	return argumentPath(err, t.derive().arguments, fallback)
}

// deleteErrorPath is where a refused delete goes: on the argument it names,
// else on the whole resource, as a delete has no argument at fault.
func (t *resourceType) deleteErrorPath(err error) path.Path {
	return argumentPath(err, t.derive().arguments, path.Empty())
}

// replaced reports whether a plan replaces the object in state: an
// attribute whose schema requires replacement changes, or is not known
// yet, as the framework's RequiresReplace judges it.
func (t *resourceType) replaced(plan, state tftypes.Value) bool {
	var planned, held map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&held) != nil {
		return false
	}
	return slices.ContainsFunc(t.derive().replacing, func(a string) bool { return !planned[a].Equal(held[a]) })
}

// resourceBase is embedded by every resource.
type resourceBase struct {
	providerData // zero before Configure: engine is nil
	typ          *resourceType
	checks       planChecker // the resource's own plan checks; nil for none
}

// planChecker is a resource with checks at plan, run after tags_all is planned.
type planChecker interface {
	planChecks(context.Context, resource.ModifyPlanRequest, *resource.ModifyPlanResponse)
}

// baseResource is what every resource is, through its base and its own CRUD.
type baseResource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithImportState
	resource.ResourceWithIdentity
	resource.ResourceWithModifyPlan
	base() *resourceBase
}

// newResource makes r, a new resource struct, one of type t.
func newResource[R baseResource](r R, t *resourceType) resource.Resource {
	b := r.base()
	b.typ = t
	b.checks, _ = any(r).(planChecker)
	return r
}

func (b *resourceBase) base() *resourceBase { return b }

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.typ.name
}

func (b *resourceBase) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = b.typ.schema(ctx)
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

func (b *resourceBase) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if b.typ.identity != nil {
		resp.IdentitySchema = partsIdentitySchema(b.typ.identity)
		return
	}
	resp.IdentitySchema = idIdentitySchema(b.typ.what)
}

func (b *resourceBase) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if b.typ.identity != nil {
		importByParts(ctx, b.typ.identity, req, resp)
		return
	}
	importByID(ctx, b.typ.idPrefix, req, resp)
}

// ModifyPlan plans tags_all for a tagged resource, then runs the resource's
// own checks.
func (b *resourceBase) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if _, tagged := req.Plan.Schema.GetAttributes()["tags_all"]; tagged {
		planTagsAll(ctx, b.defaultTags, req, resp)
	}
	if b.checks != nil {
		b.checks.planChecks(ctx, req, resp)
	}
}

// checkNewObjectsVPC is the plan check of a resource whose object belongs
// to the VPC its vpc_id names: a new object's VPC exists.
func (b *resourceBase) checkNewObjectsVPC(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if b.engine == nil || req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return // not configured yet, a destroy, or an update
	}
	var vpcID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("vpc_id"), &vpcID)...)
	if resp.Diagnostics.HasError() || vpcID.IsUnknown() || vpcID.IsNull() {
		return
	}
	if _, err := b.engine.GetVPC(ctx, vpcID.ValueString()); err != nil {
		b.regionConflicts.addPlanRefusal(&resp.Diagnostics, path.Root("vpc_id"), "Cannot create "+b.typ.what, err)
	}
}

// refusal is an engine error with what the resource's default does not
// fit: the summary of the operation it stopped, advice, or the attribute.
type refusal struct {
	error
	summary string
	advice  []string
	on      *path.Path
}

func (r refusal) Unwrap() error { return r.error }

// refused gives err the summary and advice of a refusal; nil stays nil.
func refused(err error, summary string, advice ...string) error {
	if err == nil {
		return nil
	}
	return refusal{error: err, summary: summary, advice: advice}
}

// refusedOn puts err on attr rather than where errorPath would; nil stays nil.
func refusedOn(err error, attr path.Path) error {
	if err == nil {
		return nil
	}
	return refusal{error: err, on: &attr}
}

// addRefusal reports err on attr under summary, or as its refusal says.
func addRefusal(diags *diag.Diagnostics, attr path.Path, summary string, err error) {
	var r refusal
	if errors.As(err, &r) {
		err = r.error
		if r.summary != "" {
			summary = r.summary
		}
		if r.on != nil {
			attr = *r.on
		}
	}
	addEngineError(diags, attr, summary, err, r.advice...)
}

// create is a resource's Create: build turns the plan into the engine's
// object and returns its state, which keeps the plan's own tags.
func create[M any](ctx context.Context, b *resourceBase, req resource.CreateRequest, resp *resource.CreateResponse,
	build func(ctx context.Context, plan M, diags *diag.Diagnostics) (M, error)) {
	var plan M
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := build(ctx, plan, &resp.Diagnostics)
	saveState(ctx, b, "Cannot create "+b.typ.what, m, plan, err, &resp.State, resp.Identity, &resp.Diagnostics)
}

// update is a resource's Update: change applies the plan to the object in
// state and returns its new state, which keeps the plan's own tags. The
// object is kept, so the mark its plan left for a replacement goes.
func update[M any](ctx context.Context, b *resourceBase, req resource.UpdateRequest, resp *resource.UpdateResponse,
	change func(ctx context.Context, plan, state M, diags *diag.Diagnostics) (M, error)) {
	var plan, state M
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := change(ctx, plan, state, &resp.Diagnostics)
	if saveState(ctx, b, "Cannot update "+b.typ.what, m, plan, err, &resp.State, resp.Identity, &resp.Diagnostics) {
		clearReplaceable(ctx, resp.Private, &resp.Diagnostics)
	}
}

// saveState ends a create or an update: m, the object made of plan, goes to
// state with the plan's own tags, and its identity with it; err, or any
// error before, stops it, err reported under summary. It says whether the
// state was written.
func saveState[M any](ctx context.Context, b *resourceBase, summary string, m, plan M, err error,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) bool {
	if err != nil {
		addRefusal(diags, b.typ.errorPath(err), summary, err)
	}
	if diags.HasError() {
		return false
	}
	keepPlannedTags(&m, &plan)
	diags.Append(frameworkfix.CopyToState(ctx, state, m)...)
	setIdentityFromState(ctx, *state, identity)
	return true
}

// read is a resource's Read: get fetches the object the state's ID names
// and modelOf makes its state, given the prior one; the resource's own
// tags are sorted from the stored ones (ownTags). An object gone is
// dropped from state.
func read[M, T any](ctx context.Context, b *resourceBase, req resource.ReadRequest, resp *resource.ReadResponse,
	get func(context.Context, string) (T, error), modelOf func(obj T, prior M) M) {
	var prior M
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	obj, ok := readFromEngine(ctx, resp, b.typ.what, get, frameworkfix.IDOf(req.State.Raw))
	if !ok {
		return
	}
	m := modelOf(obj, prior)
	if resp.Diagnostics.HasError() {
		return
	}
	b.defaultTags.sortReadTags(&m, &prior)
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
}

// remove is a resource's Delete: del deletes the object in state. An
// object already gone is no error.
func remove[M any](ctx context.Context, b *resourceBase, req resource.DeleteRequest, resp *resource.DeleteResponse,
	del func(ctx context.Context, state M, diags *diag.Diagnostics) error) {
	var state M
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	b.reportDelete(resp, del(ctx, state, &resp.Diagnostics))
}

// removeByID is the Delete of a resource whose object the engine deletes
// by its ID alone: del is that engine call.
func removeByID(ctx context.Context, b *resourceBase, req resource.DeleteRequest, resp *resource.DeleteResponse,
	del func(ctx context.Context, id string) error) {
	id := frameworkfix.IDOf(req.State.Raw)
	err := del(ctx, id)
	logDone(ctx, err, "deleted "+b.typ.what, map[string]any{"id": id})
	b.reportDelete(resp, err)
}

// reportDelete reports a delete's error; an object already gone is none.
func (b *resourceBase) reportDelete(resp *resource.DeleteResponse, err error) {
	if err != nil && !isGone(err) {
		addRefusal(&resp.Diagnostics, b.typ.deleteErrorPath(err), "Cannot delete "+b.typ.what, err)
	}
}

// logDone logs what an operation did, once it did: when err is nil.
func logDone(ctx context.Context, err error, msg string, fields map[string]any) {
	if err == nil {
		tflog.Debug(ctx, msg, fields)
	}
}

// timedContext bounds ctx by the timeout the configuration sets for an
// operation (timeout is one of a timeouts.Value's Create, Update or
// Delete), fallback when it sets none, and names fields, key and value
// pairs, in its log lines. The caller defers cancel, and stops when diags
// has an error.
func timedContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), fallback time.Duration,
	diags *diag.Diagnostics, fields ...string) (context.Context, context.CancelFunc) {
	d, tdiags := timeout(ctx, fallback)
	diags.Append(tdiags...)
	for i := 0; i+1 < len(fields); i += 2 {
		ctx = tflog.SetField(ctx, fields[i], fields[i+1])
	}
	return context.WithTimeout(ctx, d)
}
