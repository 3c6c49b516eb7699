package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// networkACLType is the eni_network_acl resource.
var networkACLType = &resourceType{name: "network_acl", what: "network ACL", idPrefix: engine.PrefixNetworkACL, schema: networkACLSchema}

type networkACLResource struct{ resourceBase }

// NewNetworkACLResource is the constructor registered with the provider.
func NewNetworkACLResource() resource.Resource {
	return newResource(&networkACLResource{}, networkACLType)
}

type networkACLModel struct {
	ID          types.String `tfsdk:"id"`
	VPCID       types.String `tfsdk:"vpc_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Ingress     types.List   `tfsdk:"ingress"`
	Egress      types.List   `tfsdk:"egress"`
	resourceTags
}

type networkACLRuleModel struct {
	Action       types.String `tfsdk:"action"`
	Protocol     types.String `tfsdk:"protocol"`
	PortRangeMin wholeNumber  `tfsdk:"port_range_min"`
	PortRangeMax wholeNumber  `tfsdk:"port_range_max"`
	RemoteCIDR   types.String `tfsdk:"remote_cidr"`
	Description  types.String `tfsdk:"description"`
}

// networkACLRuleType is the object type of one element of ingress and egress.
var networkACLRuleType = frameworkfix.ObjectTypeOf[networkACLRuleModel](context.Background())

func networkACLSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A network ACL: ordered ingress and egress rules that filter the traffic entering and leaving the subnets associated with it " +
			"(`eni_network_acl_association`), never traffic between two network interfaces of one subnet. The first rule that matches decides; " +
			"what no rule matches is denied. Stateless: a reply must be allowed in its own direction. Name, description and rules are updated in place.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("network ACL"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the VPC the network ACL belongs to. Changing it replaces the network ACL.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name":        nameAttribute("network ACL"),
			"description": descriptionAttribute(),
			"ingress":     networkACLRulesAttribute(engine.FieldIngress, "entering"),
			"egress":      networkACLRulesAttribute(engine.FieldEgress, "leaving"),
			"tags":        tagsAttribute("network ACL"),
			"tags_all":    tagsAllAttribute(),
		},
	}
}

// networkACLRulesAttribute is the list of rules of one direction, for the
// traffic entering or leaving the subnets.
func networkACLRulesAttribute(field engine.Field, traffic string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: fmt.Sprintf("The rules for traffic %s the associated subnets, in priority order: the first that matches decides, so order matters "+
			"and a reordered list is a change. At most %d. Defaults to none, which denies all such traffic. Updatable in place.", traffic, engine.MaxACLRulesPerDirection),
		Optional:   true,
		Computed:   true,
		Default:    listdefault.StaticValue(types.ListValueMust(networkACLRuleType, []attr.Value{})),
		Validators: []validator.List{networkACLRulesValidator{field: field}},
		NestedObject: schema.NestedAttributeObject{
			Attributes: withTrafficAttributes(map[string]schema.Attribute{
				"action": schema.StringAttribute{
					MarkdownDescription: "What the rule does with the traffic it matches: " + quotedList(engine.ACLActions) + ".",
					Required:            true,
				},
				"remote_cidr": schema.StringAttribute{
					MarkdownDescription: "The IPv4 CIDR block of the other end of the traffic, such as `0.0.0.0/0`.",
					Required:            true,
				},
				"description": schema.StringAttribute{
					MarkdownDescription: fmt.Sprintf("A free-form description of the rule, up to %d characters. Defaults to none.", engine.MaxDescriptionLength),
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(""),
				},
			}),
		},
	}
}

// planChecks checks at plan time that a new network ACL's VPC exists; its
// rules were judged by their validators.
func (r *networkACLResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.checkNewObjectsVPC(ctx, req, resp)
}

func (r *networkACLResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan networkACLModel, diags *diag.Diagnostics) (networkACLModel, error) {
		return r.apply(ctx, plan, diags, r.engine.CreateNetworkACL)
	})
}

func (r *networkACLResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetNetworkACL, func(d engine.NetworkACLDetails, _ networkACLModel) networkACLModel {
		return networkACLModelOf(ctx, d.NetworkACL, &resp.Diagnostics)
	})
}

func (r *networkACLResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, _ networkACLModel, diags *diag.Diagnostics) (networkACLModel, error) {
		return r.apply(ctx, plan, diags, func(ctx context.Context, in engine.NetworkACLInput) (engine.NetworkACL, error) {
			return r.engine.UpdateNetworkACL(ctx, plan.ID.ValueString(), in)
		})
	})
}

// apply creates or updates a network ACL as planned, with do, and returns
// its state.
func (r *networkACLResource) apply(ctx context.Context, plan networkACLModel, diags *diag.Diagnostics,
	do func(context.Context, engine.NetworkACLInput) (engine.NetworkACL, error)) (networkACLModel, error) {
	in := networkACLInputOf(ctx, plan, diags)
	if diags.HasError() {
		return plan, nil
	}
	a, err := do(ctx, in)
	if err != nil {
		return plan, err
	}
	tflog.Debug(ctx, "network ACL as planned", map[string]any{"id": a.ID, "vpc_id": a.VPCID, "ingress": len(a.Ingress), "egress": len(a.Egress)})
	return networkACLModelOf(ctx, a, diags), nil
}

func (r *networkACLResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteNetworkACL)
}

func networkACLInputOf(ctx context.Context, m networkACLModel, diags *diag.Diagnostics) engine.NetworkACLInput {
	return engine.NetworkACLInput{
		VPCID:       m.VPCID.ValueString(),
		Name:        m.Name.ValueString(),
		Description: m.Description.ValueString(),
		Ingress:     aclRulesOf(ctx, m.Ingress, diags),
		Egress:      aclRulesOf(ctx, m.Egress, diags),
		Tags:        engineTags(m.TagsAll),
	}
}

// aclRulesOf is the engine's rules of one direction, in their order.
func aclRulesOf(ctx context.Context, list types.List, diags *diag.Diagnostics) []engine.ACLRule {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	var models []networkACLRuleModel
	diags.Append(list.ElementsAs(ctx, &models, false)...)
	rules := make([]engine.ACLRule, len(models))
	for i, r := range models {
		rules[i] = engine.ACLRule{
			Action:       r.Action.ValueString(),
			Protocol:     r.Protocol.ValueString(),
			PortRangeMin: int(r.PortRangeMin.ValueInt64()),
			PortRangeMax: int(r.PortRangeMax.ValueInt64()),
			RemoteCIDR:   r.RemoteCIDR.ValueString(),
			Description:  r.Description.ValueString(),
		}
	}
	return rules
}

// aclRulesValue is rules as the list attribute of one direction.
func aclRulesValue(ctx context.Context, rules []engine.ACLRule, diags *diag.Diagnostics) types.List {
	models := make([]networkACLRuleModel, len(rules))
	for i, r := range rules {
		models[i] = networkACLRuleModel{
			Action:       types.StringValue(r.Action),
			Protocol:     types.StringValue(r.Protocol),
			PortRangeMin: wholeNumberOf(types.Int64Value(int64(r.PortRangeMin))),
			PortRangeMax: wholeNumberOf(types.Int64Value(int64(r.PortRangeMax))),
			RemoteCIDR:   types.StringValue(r.RemoteCIDR),
			Description:  types.StringValue(r.Description),
		}
	}
	list, d := types.ListValueFrom(ctx, networkACLRuleType, models)
	diags.Append(d...)
	return list
}

func networkACLModelOf(ctx context.Context, a engine.NetworkACL, diags *diag.Diagnostics) networkACLModel {
	return networkACLModel{
		ID:           types.StringValue(a.ID),
		VPCID:        types.StringValue(a.VPCID),
		Name:         types.StringValue(a.Name),
		Description:  types.StringValue(a.Description),
		Ingress:      aclRulesValue(ctx, a.Ingress, diags),
		Egress:       aclRulesValue(ctx, a.Egress, diags),
		resourceTags: storedTags(a.Tags),
	}
}
