package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// The list resources serve `terraform query` (Terraform 1.14 on): each
// object found is its identity { id }, a display name, and with
// include_resource its full state, the same model the resource's Read
// writes, its tags sorted as an import sorts them. Filters are optional
// attributes of the list block's config; one left out does not filter, and
// the engine's list functions apply them.

// inVPCListConfig holds the filters of a listing of objects that belong to
// a VPC: the VPC, and tags.
type inVPCListConfig struct {
	VPCID types.String `tfsdk:"vpc_id"`
	Tags  types.Map    `tfsdk:"tags"`
}

// newInVPCList is the list resource eni_<name> of what (plural, "subnets")
// belongs to a VPC, described so: its filters are inVPCListConfig's.
func newInVPCList(name, what, description string,
	find func(context.Context, *providerData, inVPCListConfig) ([]listedObject, error)) *engineList[inVPCListConfig] {
	return newEngineList(name, what, func() listschema.Schema {
		return listschema.Schema{
			MarkdownDescription: description,
			Attributes: map[string]listschema.Attribute{
				"vpc_id": listFilterAttribute("Only the " + what + " of this VPC."),
				"tags":   tagsListFilterAttribute(what),
			},
		}
	}, find)
}

// listedObject is one object found by a list resource.
type listedObject struct {
	id, name string
	// model is the resource's state model; called only when the request
	// includes resources, so that a plain listing reads nothing more.
	model func(context.Context) (any, error)
}

// listedObjects makes a listed object of each object found, with its ID
// and name; modelOf builds its state model only when the request includes
// resources, and its tags are sorted as an import sorts them.
func listedObjects[T, M any, PM interface {
	*M
	tagged
}](pd *providerData, found []T, idAndName func(T) (string, string), modelOf func(context.Context, T) (M, error)) []listedObject {
	objects := make([]listedObject, len(found))
	for i, o := range found {
		id, name := idAndName(o)
		objects[i] = listedObject{id: id, name: name, model: func(ctx context.Context) (any, error) {
			m, err := modelOf(ctx, o)
			pd.defaultTags.sortAsImported(PM(&m).tagPair())
			return m, err
		}}
	}
	return objects
}

// configuredList is embedded by every list resource: it names it and
// keeps what the provider's Configure handed over.
type configuredList struct {
	providerData
	name string // after the provider's name: "vpc" lists eni_vpc
}

func (l *configuredList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.name
}

func (l *configuredList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.configure(req.ProviderData, &resp.Diagnostics)
}

// engineList is a list resource that finds objects in the engine: its
// schema, the filters of its config C, what it lists in error messages
// ("VPCs"), and find, which finds the objects matching the filters.
type engineList[C any] struct {
	configuredList
	schema func() listschema.Schema
	what   string
	find   func(ctx context.Context, pd *providerData, filters C) ([]listedObject, error)
}

var _ list.ListResourceWithConfigure = &engineList[struct{}]{}

// newEngineList is the list resource eni_<name> listing what find finds.
func newEngineList[C any](name, what string, schema func() listschema.Schema,
	find func(context.Context, *providerData, C) ([]listedObject, error)) *engineList[C] {
	return &engineList[C]{configuredList: configuredList{name: name}, schema: schema, what: what, find: find}
}

func (l *engineList[C]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.schema()
}

// List reads the list block's config into the filters (a block without
// config leaves them null) and streams what find returns for them, at most
// req.Limit objects when it is set.
func (l *engineList[C]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var (
		filters C
		diags   diag.Diagnostics
	)
	if !req.Config.Raw.IsNull() {
		diags.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &filters)...)
	}
	if l.engine == nil {
		diags.AddError("Cannot list "+l.what, "The provider is not configured: the store is known only once the provider block is.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	objects, err := l.find(ctx, &l.providerData, filters)
	if err != nil {
		addEngineError(&diags, path.Empty(), "Cannot list "+l.what, err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, o := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(listResultOf(ctx, req, o)) {
				return
			}
		}
	}
}

// listResultOf is the list result of one object.
func listResultOf(ctx context.Context, req list.ListRequest, o listedObject) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = displayName(o.name, o.id)
	result.Identity.Raw = identityObject(ctx, result.Identity, o.id)
	if !req.IncludeResource {
		return result
	}
	model, err := o.model(ctx)
	if err != nil {
		addEngineError(&result.Diagnostics, path.Empty(), "Cannot read "+o.id, err)
		return result
	}
	if obj, ok := frameworkfix.ObjectOf(ctx, result.Resource.Schema.Type(), model); ok {
		result.Diagnostics.Append(result.Resource.Set(ctx, obj)...)
	} else {
		result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
	}
	return result
}

// displayName is how `terraform query` shows an object: its name (never
// empty) and ID.
func displayName(name, id string) string {
	return name + " (" + id + ")"
}
