package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The security_group_ids of eni_network_interface and of eni_server, whose
// groups are its primary NIC's: one argument, one validator and one
// plan-time check for both.
func securityGroupIDsAttribute(what string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: fmt.Sprintf("The IDs of the security groups of the %s: 0 to %d groups of its own VPC. "+
			"Updatable in place. Omitted, it keeps whatever groups the %s has (none at creation).", what, engine.MaxSecurityGroups, what),
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Validators: []validator.Set{
			newSecurityGroupCountValidator(),
			setvalidator.NoNullValues(), // a null ID cannot be converted at apply
			setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
		},
		PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
	}
}

// checkGroupChange applies rule 10 at plan time to new security groups for
// a NIC (or a server's primary NIC) in subnetID.
func checkGroupChange(ctx context.Context, eng *engine.Engine, conflicts regionConflicts, subnetID types.String, current, planned types.Set, summary string, diags *diag.Diagnostics) {
	groups, ok := knownStrings(ctx, planned)
	if !ok || planned.Equal(current) {
		return
	}
	err := eng.CheckNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnetID.ValueString(), SecurityGroupIDs: groups})
	if err != nil {
		conflicts.addPlanRefusal(diags, networkInterfaceErrorPath(err, path.Root("security_group_ids")), summary, err)
	}
}
