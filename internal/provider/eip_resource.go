package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// eipType is the eni_eip resource: a refusal naming no argument is about
// the interface it binds to.
var eipType = &resourceType{name: "eip", what: "EIP", idPrefix: engine.PrefixEIP, schema: eipSchema, fallback: "network_interface_id"}

type eipResource struct{ resourceBase }

type eipResourceModel struct {
	ID                 types.String `tfsdk:"id"`
	BandwidthMbps      wholeNumber  `tfsdk:"bandwidth_mbps"`
	NetworkInterfaceID types.String `tfsdk:"network_interface_id"`
	PublicIP           types.String `tfsdk:"public_ip"`
	resourceTags
}

// NewEIPResource is the constructor registered with the provider.
func NewEIPResource() resource.Resource { return newResource(&eipResource{}, eipType) }

func eipSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: fmt.Sprintf("An elastic IP: a public address from the region's pool (%s), bound to at most one network interface. "+
			"It follows its interface across detach, attach and moves between servers.", engine.PublicPool),
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("EIP"),
			"bandwidth_mbps": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Bandwidth in Mbit/s, from %d to %d. Defaults to %d. Updatable in place.",
					engine.MinBandwidthMbps, engine.MaxBandwidthMbps, engine.DefaultBandwidthMbps),
				CustomType: wholeNumberType{},
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(engine.DefaultBandwidthMbps),
				Validators: []validator.Int64{int64validator.Between(engine.MinBandwidthMbps, engine.MaxBandwidthMbps)},
			},
			"network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The network interface the EIP is bound to. Updatable in place: set it to bind, change it to rebind, remove it to unbind. " +
					"An interface holds at most one EIP.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"public_ip": schema.StringAttribute{
				MarkdownDescription: "The public IPv4 address.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"tags":     tagsAttribute("EIP"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

func (r *eipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan eipResourceModel, _ *diag.Diagnostics) (eipResourceModel, error) {
		eip, err := r.engine.CreateEIP(ctx, eipInputOf(plan))
		logDone(ctx, err, "created EIP", map[string]any{"id": eip.ID, "public_ip": eip.PublicIP, "network_interface_id": eip.NetworkInterfaceID})
		return eipModelOf(eip), err
	})
}

func (r *eipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetEIP, func(eip engine.EIP, _ eipResourceModel) eipResourceModel { return eipModelOf(eip) })
}

func (r *eipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, _ eipResourceModel, _ *diag.Diagnostics) (eipResourceModel, error) {
		eip, err := r.engine.UpdateEIP(ctx, plan.ID.ValueString(), eipInputOf(plan))
		return eipModelOf(eip), err
	})
}

func (r *eipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteEIP)
}

func eipInputOf(m eipResourceModel) engine.EIPInput {
	return engine.EIPInput{BandwidthMbps: int(m.BandwidthMbps.ValueInt64()), NetworkInterfaceID: m.NetworkInterfaceID.ValueString(), Tags: engineTags(m.TagsAll)}
}

func eipModelOf(e engine.EIP) eipResourceModel {
	m := eipResourceModel{
		ID:                 types.StringValue(e.ID),
		BandwidthMbps:      wholeNumberOf(types.Int64Value(int64(e.BandwidthMbps))),
		NetworkInterfaceID: types.StringNull(),
		PublicIP:           types.StringValue(e.PublicIP),
		resourceTags:       storedTags(e.Tags),
	}
	if e.NetworkInterfaceID != "" {
		m.NetworkInterfaceID = types.StringValue(e.NetworkInterfaceID)
	}
	return m
}
