package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// securityGroupType is the eni_security_group resource.
var securityGroupType = &resourceType{name: "security_group", what: "security group", idPrefix: engine.PrefixSecurityGroup, schema: securityGroupSchema}

type securityGroupResource struct{ resourceBase }

type securityGroupResourceModel struct {
	ID          types.String `tfsdk:"id"`
	VPCID       types.String `tfsdk:"vpc_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Rules       types.List   `tfsdk:"rules"`
	resourceTags
}

type securityGroupRuleModel struct {
	Direction    types.String `tfsdk:"direction"`
	Protocol     types.String `tfsdk:"protocol"`
	PortRangeMin wholeNumber  `tfsdk:"port_range_min"`
	PortRangeMax wholeNumber  `tfsdk:"port_range_max"`
	RemoteCIDR   types.String `tfsdk:"remote_cidr"`
}

// securityGroupRuleType is the object type of one element of rules.
var securityGroupRuleType = frameworkfix.ObjectTypeOf[securityGroupRuleModel](context.Background())

// NewSecurityGroupResource is the constructor registered with the provider.
func NewSecurityGroupResource() resource.Resource {
	return newResource(&securityGroupResource{}, securityGroupType)
}

func securityGroupSchema(context.Context) schema.Schema {
	return schema.Schema{
		Version: 1, // 0 held rules as a set; see UpgradeState
		MarkdownDescription: fmt.Sprintf("A security group: a VPC-scoped set of ingress and egress rules. "+
			"A network interface takes 0 to %d groups of its own VPC. Name, description and rules are updated in place.", engine.MaxSecurityGroups),
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("security group"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the VPC the group belongs to. Changing it replaces the group.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name":        nameAttribute("security group"),
			"description": descriptionAttribute(),
			// A list, not a set: the framework finds a set's elements by
			// comparing each with the others, which made a plan's cost grow
			// with the square of the rules. Order still does not matter:
			// rulesKeepOrderOfState plans no change for the same rules in
			// another order.
			"rules": schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("The group's rules: order does not matter (the same rules in another order plan no change) and identical rules count once. "+
					"At most %d ingress and %d egress rules. Defaults to no rules. Updatable in place.", engine.MaxRulesPerDirection, engine.MaxRulesPerDirection),
				Optional: true,
				Computed: true,
				Default:  listdefault.StaticValue(types.ListValueMust(securityGroupRuleType, []attr.Value{})),
				// One validator judges every rule in one pass; see its comment.
				Validators:    []validator.List{newSecurityGroupRulesValidator()},
				PlanModifiers: []planmodifier.List{newRulesKeepOrderOfState()},
				NestedObject: schema.NestedAttributeObject{
					Attributes: withTrafficAttributes(map[string]schema.Attribute{
						"direction": schema.StringAttribute{
							MarkdownDescription: "Which traffic the rule admits: " + quotedList(engine.RuleDirections) + ".",
							Required:            true,
						},
						"remote_cidr": schema.StringAttribute{
							MarkdownDescription: "The IPv4 CIDR block of the peers the rule admits, such as `0.0.0.0/0`.",
							Required:            true,
						},
					}),
				},
			},
			"tags":     tagsAttribute("security group"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

// planChecks checks at plan time that a new group's VPC exists.
func (r *securityGroupResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.checkNewObjectsVPC(ctx, req, resp)
}

func (r *securityGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan securityGroupResourceModel, diags *diag.Diagnostics) (securityGroupResourceModel, error) {
		return r.apply(ctx, plan, diags, r.engine.CreateSecurityGroup)
	})
}

func (r *securityGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetSecurityGroup, func(g engine.SecurityGroup, prior securityGroupResourceModel) securityGroupResourceModel {
		m := securityGroupModelOf(ctx, g, &resp.Diagnostics)
		m.Rules = rulesInOrderOf(prior.Rules, m.Rules)
		return m
	})
}

func (r *securityGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, _ securityGroupResourceModel, diags *diag.Diagnostics) (securityGroupResourceModel, error) {
		return r.apply(ctx, plan, diags, func(ctx context.Context, in engine.SecurityGroupInput) (engine.SecurityGroup, error) {
			return r.engine.UpdateSecurityGroup(ctx, plan.ID.ValueString(), in)
		})
	})
}

// apply creates or updates a group as planned, with do, and returns its
// state, its rules in the plan's order.
func (r *securityGroupResource) apply(ctx context.Context, plan securityGroupResourceModel, diags *diag.Diagnostics,
	do func(context.Context, engine.SecurityGroupInput) (engine.SecurityGroup, error)) (securityGroupResourceModel, error) {
	in := securityGroupInputOf(ctx, plan, diags)
	if diags.HasError() {
		return plan, nil
	}
	g, err := do(ctx, in)
	if err != nil {
		return plan, err
	}
	tflog.Debug(ctx, "security group as planned", map[string]any{"id": g.ID, "vpc_id": g.VPCID, "rules": len(g.Rules)})
	m := securityGroupModelOf(ctx, g, diags)
	m.Rules = rulesInOrderOf(plan.Rules, m.Rules)
	return m, nil
}

func (r *securityGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteSecurityGroup)
}

func securityGroupInputOf(ctx context.Context, m securityGroupResourceModel, diags *diag.Diagnostics) engine.SecurityGroupInput {
	in := engine.SecurityGroupInput{
		VPCID:       m.VPCID.ValueString(),
		Name:        m.Name.ValueString(),
		Description: m.Description.ValueString(),
		Rules:       []engine.SecurityGroupRule{},
		Tags:        engineTags(m.TagsAll),
	}
	if m.Rules.IsNull() || m.Rules.IsUnknown() {
		return in
	}
	var rules []securityGroupRuleModel
	diags.Append(m.Rules.ElementsAs(ctx, &rules, false)...)
	seen := make(map[engine.SecurityGroupRule]bool, len(rules))
	for _, r := range rules {
		rule := engine.SecurityGroupRule{
			Direction:    r.Direction.ValueString(),
			Protocol:     r.Protocol.ValueString(),
			PortRangeMin: int(r.PortRangeMin.ValueInt64()),
			PortRangeMax: int(r.PortRangeMax.ValueInt64()),
			RemoteCIDR:   r.RemoteCIDR.ValueString(),
		}
		if !seen[rule] { // identical rules count once
			seen[rule] = true
			in.Rules = append(in.Rules, rule)
		}
	}
	return in
}

func securityGroupModelOf(ctx context.Context, g engine.SecurityGroup, diags *diag.Diagnostics) securityGroupResourceModel {
	rules := make([]securityGroupRuleModel, 0, len(g.Rules))
	for _, r := range g.Rules {
		rules = append(rules, securityGroupRuleModel{
			Direction:    types.StringValue(r.Direction),
			Protocol:     types.StringValue(r.Protocol),
			PortRangeMin: wholeNumberOf(types.Int64Value(int64(r.PortRangeMin))),
			PortRangeMax: wholeNumberOf(types.Int64Value(int64(r.PortRangeMax))),
			RemoteCIDR:   types.StringValue(r.RemoteCIDR),
		})
	}
	list, d := types.ListValueFrom(ctx, securityGroupRuleType, rules)
	diags.Append(d...)
	return securityGroupResourceModel{
		ID:           types.StringValue(g.ID),
		VPCID:        types.StringValue(g.VPCID),
		Name:         types.StringValue(g.Name),
		Description:  types.StringValue(g.Description),
		Rules:        list,
		resourceTags: storedTags(g.Tags),
	}
}

// securityGroupErrorPath puts an engine refusal about a group on its argument.
func securityGroupErrorPath(err error) path.Path { return securityGroupType.errorPath(err) }

// UpgradeState reads a state of version 0, whose rules were a set of the
// same objects: a set and a list are both a JSON array in state, so the
// version 0 JSON is read as it is, in its order.
func (r *securityGroupResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			var s resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &s)
			typ := s.Schema.Type().TerraformType(ctx)
			v, err := req.RawState.Unmarshal(typ)
			if err != nil {
				resp.Diagnostics.AddError("Cannot upgrade security group state", "The state of version 0 could not be read: "+err.Error())
				return
			}
			dv, err := tfprotov6.NewDynamicValue(typ, v)
			if err != nil {
				resp.Diagnostics.AddError("Cannot upgrade security group state", err.Error())
				return
			}
			resp.DynamicValue = &dv
		}},
	}
}
