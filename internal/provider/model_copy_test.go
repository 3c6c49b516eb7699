package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// modelCase is a schema and a constructor of the model its code reads.
type modelCase struct {
	name   string
	schema tfsdk.State // carries the schema only
	model  func() any
}

// modelCases lists the model of every resource, every data source and the
// provider, so that none of them falls back to the framework unnoticed.
func modelCases(ctx context.Context) []modelCase {
	var cases []modelCase
	for _, c := range []struct {
		res   resource.Resource
		model func() any
	}{
		{NewVPCResource(), func() any { return &vpcResourceModel{} }},
		{NewSubnetResource(), func() any { return &subnetModel{} }},
		{NewSecurityGroupResource(), func() any { return &securityGroupResourceModel{} }},
		{NewServerResource(), func() any { return &serverModel{} }},
		{NewNetworkInterfaceResource(), func() any { return &networkInterfaceModel{} }},
		{NewNetworkInterfaceAttachmentResource(), func() any { return &networkInterfaceAttachmentModel{} }},
		{NewEIPResource(), func() any { return &eipResourceModel{} }},
		{NewNetworkACLResource(), func() any { return &networkACLModel{} }},
		{NewNetworkACLAssociationResource(), func() any { return &networkACLAssociationModel{} }},
	} {
		var sr resource.SchemaResponse
		c.res.Schema(ctx, resource.SchemaRequest{}, &sr)
		cases = append(cases, modelCase{fmt.Sprintf("%T", c.res), tfsdk.State{Schema: sr.Schema}, c.model})
	}
	for _, c := range []struct {
		ds    datasource.DataSource
		model func() any
	}{
		{NewAvailabilityZonesDataSource(), func() any { return &availabilityZonesDataSourceModel{} }},
		{NewFlavorsDataSource(), func() any { return &flavorsDataSourceModel{} }},
		{NewSubnetDataSource(), func() any { return &subnetDataSourceModel{} }},
		{NewServerDataSource(), func() any { return &serverDataSourceModel{} }},
		{NewNetworkInterfaceDataSource(), func() any { return &networkInterfaceModel{} }},
		{NewNetworkInterfacesDataSource(), func() any { return &networkInterfacesDataSourceModel{} }},
		{NewRouteTableDataSource(), func() any { return &routeTableDataSourceModel{} }},
		{NewNetworkACLDataSource(), func() any { return &networkACLDataSourceModel{} }},
	} {
		var sr datasource.SchemaResponse
		c.ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
		cases = append(cases, modelCase{fmt.Sprintf("%T", c.ds), tfsdk.State{Schema: sr.Schema}, c.model})
	}
	var pr provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &pr)
	return append(cases, modelCase{"provider", tfsdk.State{Schema: pr.Schema}, func() any { return &eniProviderModel{} }})
}

// TestModelAccessMatchesTheFramework checks frameworkfix's copies against
// the framework's Get and Set on every model, with known, null and unknown
// values, and that none of them falls back to the framework.
func TestModelAccessMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	for _, c := range modelCases(ctx) {
		for _, d := range frameworkfix.CopyDifferences(ctx, c.schema, c.model) {
			t.Errorf("%s %s", c.name, d)
		}
	}
}

// TestObjectTypeOfMatchesTheSchema checks the element types read from the
// nested models against the schemas they are used with.
func TestObjectTypeOfMatchesTheSchema(t *testing.T) {
	ctx := context.Background()
	var sg resource.SchemaResponse
	NewSecurityGroupResource().Schema(ctx, resource.SchemaRequest{}, &sg)
	rules := sg.Schema.Attributes["rules"].GetType().(types.ListType).ElemType
	if !securityGroupRuleType.Equal(rules) {
		t.Errorf("securityGroupRuleType is %s, the schema's rules hold %s", securityGroupRuleType, rules)
	}
	var acl resource.SchemaResponse
	NewNetworkACLResource().Schema(ctx, resource.SchemaRequest{}, &acl)
	for _, direction := range []string{"ingress", "egress"} {
		if rules := acl.Schema.Attributes[direction].GetType().(types.ListType).ElemType; !networkACLRuleType.Equal(rules) {
			t.Errorf("networkACLRuleType is %s, the schema's %s hold %s", networkACLRuleType, direction, rules)
		}
	}
	var rt datasource.SchemaResponse
	NewRouteTableDataSource().Schema(ctx, datasource.SchemaRequest{}, &rt)
	if routes := rt.Schema.Attributes["routes"].GetType().(types.ListType).ElemType; !readRouteType.Equal(routes) {
		t.Errorf("readRouteType is %s, the schema's routes hold %s", readRouteType, routes)
	}
	var aclData datasource.SchemaResponse
	NewNetworkACLDataSource().Schema(ctx, datasource.SchemaRequest{}, &aclData)
	for _, direction := range []string{"ingress", "egress"} {
		if rules := aclData.Schema.Attributes[direction].GetType().(types.ListType).ElemType; !networkACLRuleType.Equal(rules) {
			t.Errorf("networkACLRuleType is %s, the data source's %s hold %s", networkACLRuleType, direction, rules)
		}
	}
	var fl datasource.SchemaResponse
	NewFlavorsDataSource().Schema(ctx, datasource.SchemaRequest{}, &fl)
	flavors := fl.Schema.Attributes["flavors"].GetType().(types.ListType).ElemType
	if !flavorType.Equal(flavors) {
		t.Errorf("flavorType is %s, the schema's flavors hold %s", flavorType, flavors)
	}
}
