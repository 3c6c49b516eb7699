package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Tags, as in the AWS provider: a resource's `tags` are its own, the
// provider's `default_tags` merge under them into the computed `tags_all`
// (a resource's own tag wins), and `tags_all` is what the engine stores.
// A resource opts in with two things: its model embeds resourceTags, and
// its schema has "tags": tagsAttribute(what) and "tags_all":
// tagsAllAttribute(). Its model-of-engine-object function sets the pair
// with storedTags. The base does the rest: ModifyPlan plans tags_all
// (planTagsAll), create and update keep the plan's own tags in state, and
// read sorts the stored tags into own and default ones (ownTags).
//
// Both attributes are never null in state: no tags is {}, so that
// `tags = {}` and leaving tags out plan the same and never differ.

var (
	tagsPath    = path.Root("tags")
	tagsAllPath = path.Root("tags_all")
)

// tagDefaults are the provider's default_tags, handed to each resource by
// Configure. unknown is set while the provider block's tags are not known
// yet (they come from something planned): tags_all is unknown then.
type tagDefaults struct {
	tags    map[string]string
	unknown bool
}

// resourceTags is the pair a tagged resource's model embeds.
type resourceTags struct {
	Tags    types.Map `tfsdk:"tags"`
	TagsAll types.Map `tfsdk:"tags_all"`
}

// storedTags is the pair for an object holding stored: all its own until
// create, update or read sorts them.
func storedTags(stored map[string]string) resourceTags {
	v := tagsValue(stored)
	return resourceTags{Tags: v, TagsAll: v}
}

func (t *resourceTags) tagPair() *resourceTags { return t }

// tagged is a model that embeds resourceTags.
type tagged interface{ tagPair() *resourceTags }

// keepPlannedTags gives the state of a created or updated object the
// plan's own tags.
func keepPlannedTags[M any](m, plan *M) {
	if t, ok := any(m).(tagged); ok {
		t.tagPair().Tags = any(plan).(tagged).tagPair().Tags
	}
}

// sortReadTags sorts the tags of an object read into its own and the
// defaults, by the prior state (ownTags).
func (d tagDefaults) sortReadTags(m, prior any) {
	t, ok := m.(tagged)
	if !ok {
		return
	}
	p := prior.(tagged).tagPair()
	stored, _ := knownTags(t.tagPair().TagsAll)
	t.tagPair().Tags = d.ownTags(p.Tags, p.TagsAll, stored)
}

// merge is tags_all for own tags: the defaults with own on top. ok is false
// while either is not known.
func (d tagDefaults) merge(own types.Map) (all map[string]string, ok bool) {
	ownTags, ok := knownTags(own)
	if !ok || d.unknown {
		return nil, false
	}
	return mergeTags(d.tags, ownTags), true
}

// mergeTags is defaults overridden by own, a new map.
func mergeTags(defaults, own map[string]string) map[string]string {
	all := make(map[string]string, len(defaults)+len(own))
	maps.Copy(all, defaults)
	maps.Copy(all, own)
	return all
}

// ownTags is the tags attribute Read reports for an object the engine holds
// with stored tags, given the prior state's tags and tags_all. A tag the
// resource set stays its own (even when a default has the same value, so
// that the overlap never shows as a diff); a tag that came from the
// defaults at the last apply stays a default, whatever the defaults say
// now, so that changing default_tags changes only tags_all; a tag added
// outside Terraform is the resource's own unless it is one of today's
// defaults with its value. With no prior state (an import) that last case
// sorts every tag.
func (d tagDefaults) ownTags(prior, priorAll types.Map, stored map[string]string) types.Map {
	priorOwn, _ := knownTags(prior)
	priorDefaults, _ := knownTags(priorAll)
	own := make(map[string]string, len(stored))
	for k, v := range stored {
		_, wasOwn := priorOwn[k]
		_, wasDefault := priorDefaults[k]
		defaultValue, isDefault := d.tags[k]
		if wasOwn || (!wasDefault && !(isDefault && defaultValue == v)) {
			own[k] = v
		}
	}
	return tagsValue(own)
}

// importedTags is ownTags for an object read with no prior state: an
// import, or a list resource's result.
func (d tagDefaults) importedTags(stored map[string]string) types.Map {
	null := types.MapNull(types.StringType)
	return d.ownTags(null, null, stored)
}

// sortAsImported sorts the tags of an object read with no prior state, all
// of them in tags_all, as an import sorts them.
func (d tagDefaults) sortAsImported(t *resourceTags) {
	stored, _ := knownTags(t.TagsAll)
	t.Tags = d.importedTags(stored)
}

// tagsValue is tags as an attribute value: {} for none, never null.
func tagsValue(tags map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(tags))
	for k, v := range tags {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// knownTags is a map of strings as Go, nil for null; ok is false when the
// map or one of its values is unknown.
func knownTags(m types.Map) (tags map[string]string, ok bool) {
	if m.IsUnknown() {
		return nil, false
	}
	if m.IsNull() {
		return nil, true
	}
	tags = make(map[string]string, len(m.Elements()))
	for k, v := range m.Elements() {
		s, isString := v.(types.String)
		if !isString || s.IsUnknown() {
			return nil, false
		}
		tags[k] = s.ValueString()
	}
	return tags, true
}

// engineTags is what the engine stores for a planned tags_all: never nil,
// since an update takes nil for "leave the tags alone" and an empty map
// for "no tags".
func engineTags(all types.Map) map[string]string {
	tags, _ := knownTags(all)
	if tags == nil {
		return map[string]string{}
	}
	return tags
}

// planTagsAll plans tags_all: the provider's default_tags merged with the
// planned tags, judged by the engine's tag rules as a whole (own tags alone
// are judged by their validator), or unknown until both are known. The
// base's ModifyPlan calls it for every tagged resource.
func planTagsAll(ctx context.Context, defaults tagDefaults, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var own types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, tagsPath, &own)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, ok := defaults.merge(own)
	if !ok {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, tagsAllPath, types.MapUnknown(types.StringType))...)
		return
	}
	if err := engine.ValidateTags(all); err != nil {
		ownTags, _ := knownTags(own)
		if engine.ValidateTags(ownTags) == nil { // else the tags validator has said so already
			addEngineError(&resp.Diagnostics, tagsPath, "Invalid tags", err,
				fmt.Sprintf("tags_all merges the provider's %d default_tags with these %d tags.", len(defaults.tags), len(ownTags)))
		}
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, tagsAllPath, tagsValue(all))...)
}

// tagsRuleText says what the engine accepts, for descriptions.
var tagsRuleText = fmt.Sprintf("At most %d tags; a key has 1 to %d characters and does not start with `%s`, a value at most %d characters.",
	engine.MaxTags, engine.MaxTagKeyLength, engine.ReservedTagPrefix, engine.MaxTagValueLength)

// tagsAttribute is a resource's own tags.
func tagsAttribute(what string) schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: fmt.Sprintf("The %s's own tags, merged over the provider's `default_tags` into `tags_all` (a tag here wins over a default of the same key). "+
			"%s Updatable in place. Leaving it out and `{}` are the same: no tags of its own.", what, tagsRuleText),
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Default:     mapdefault.StaticValue(tagsValue(nil)),
		Validators:  []validator.Map{newTagsValidator()},
	}
}

// tagsAllAttribute is the tags a resource's object holds in the engine.
func tagsAllAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "Every tag of the object: the provider's `default_tags` with `tags` over them. " +
			"Changing `default_tags` changes this in place and leaves `tags` as it is.",
		ElementType: types.StringType,
		Computed:    true,
	}
}

// tagsDataSourceAttribute and tagsAllDataSourceAttribute are the tags a data
// source reads: every tag the object holds, in both, as a data source knows
// nothing of what set them.
func tagsDataSourceAttribute(what string) datasourceschema.MapAttribute {
	return datasourceschema.MapAttribute{
		MarkdownDescription: fmt.Sprintf("The %s's tags, the provider's default tags included.", what),
		ElementType:         types.StringType,
		Computed:            true,
	}
}

func tagsAllDataSourceAttribute() datasourceschema.MapAttribute {
	return datasourceschema.MapAttribute{
		MarkdownDescription: "The same tags as `tags`, under the name the resource gives them.",
		ElementType:         types.StringType,
		Computed:            true,
	}
}

// tagsFilterDescription says how a tags filter matches.
func tagsFilterDescription(what string) string {
	return fmt.Sprintf("Only the %s holding every one of these tags with its value (they may hold others). Tags set by the provider's `default_tags` count.", what)
}

// tagsFilterAttribute is a data source's tags filter.
func tagsFilterAttribute(what string) datasourceschema.MapAttribute {
	return datasourceschema.MapAttribute{
		MarkdownDescription: tagsFilterDescription(what),
		ElementType:         types.StringType,
		Optional:            true,
	}
}

// tagsListFilterAttribute is a list resource's tags filter.
func tagsListFilterAttribute(what string) listschema.MapAttribute {
	return listschema.MapAttribute{
		MarkdownDescription: tagsFilterDescription(what),
		ElementType:         types.StringType,
		Optional:            true,
	}
}

// tagsFilter is a tags filter as the engine takes it; nil matches everything.
func tagsFilter(m types.Map) map[string]string {
	tags, _ := knownTags(m)
	return tags
}

// defaultTagsBlock is the provider block's default_tags { tags = {...} }.
func defaultTagsBlock() providerschema.SingleNestedBlock {
	return providerschema.SingleNestedBlock{
		MarkdownDescription: "Tags every tagged resource of this provider gets, under its own `tags`: they appear in its `tags_all`. " +
			"Changing them updates `tags_all` in place and never shows a change of `tags`.",
		Attributes: map[string]providerschema.Attribute{
			"tags": providerschema.MapAttribute{
				MarkdownDescription: "The default tags. " + tagsRuleText,
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Map{newTagsValidator()},
			},
		},
	}
}

// defaultTagsOfConfig reads the provider block's default_tags.
func defaultTagsOfConfig(block types.Object) tagDefaults {
	if block.IsNull() {
		return tagDefaults{}
	}
	if block.IsUnknown() {
		return tagDefaults{unknown: true}
	}
	tags, _ := block.Attributes()["tags"].(types.Map) // null when the block leaves it out
	known, ok := knownTags(tags)
	return tagDefaults{tags: known, unknown: !ok}
}
