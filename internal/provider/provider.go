// Package provider maps Terraform resources and data sources onto the ENI engine.
package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// StoreEnvVar names the store when the provider block does not.
const StoreEnvVar = "ENI_STORE"

var (
	_ provider.Provider                  = &eniProvider{}
	_ provider.ProviderWithFunctions     = &eniProvider{}
	_ provider.ProviderWithListResources = &eniProvider{}
)

type eniProvider struct {
	version string
}

type eniProviderModel struct {
	Store                types.String `tfsdk:"store"`
	AttachmentSubnetRule types.String `tfsdk:"attachment_subnet_rule"`
	RegionConflicts      types.String `tfsdk:"region_conflicts_at_plan"`
	DefaultTags          types.Object `tfsdk:"default_tags"`
}

// New returns a constructor for the provider at a version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &eniProvider{version: version} }
}

func (p *eniProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "eni"
	resp.Version = p.version
}

func (p *eniProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Elastic network interfaces on an embedded ENI engine that enforces a cloud's rules: " +
			"the primary NIC stays put, extension NICs match their server's zone, VPC and subnet, and each flavor caps its NICs.",
		Attributes: map[string]schema.Attribute{
			"store": schema.StringAttribute{
				MarkdownDescription: "Where the engine keeps its state: a SQLite file (`sqlite:///abs/path.db` or a bare path) or a " +
					"PostgreSQL database shared by a team (`postgres://user@host/db`, or a keyword/value string such as `host=db dbname=eni`); " +
					"any other scheme is refused. A PostgreSQL string may name several servers (`postgres://h1:5432,h2:5433/eni?target_session_attrs=read-write`: " +
					"the store uses the one that takes writes) and carry the store's own parameters: `eni_max_conns` (1–64, default 4) bounds this provider's connections, " +
					"and `eni_pooler=transaction` says PgBouncer in transaction mode stands in front. Defaults to the `" + StoreEnvVar + "` environment variable, " +
					"else `$XDG_DATA_HOME/eni/engine.db` (`~/.local/share/eni/engine.db`).",
				Optional:  true,
				Sensitive: false,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
				},
			},
			"attachment_subnet_rule": schema.StringAttribute{
				MarkdownDescription: "How strictly an extension NIC must match its server's network: " + quotedList(engine.AttachmentSubnetRules) +
					". `same_subnet` (the default) follows the cloud's restriction; `same_vpc` lets a server take NICs from other subnets of its VPC.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(engine.AttachmentSubnetRules...)},
			},
			"region_conflicts_at_plan": schema.StringAttribute{
				MarkdownDescription: "How plan reports a refusal that comes only from what the region holds (a full server, an address held " +
					"elsewhere, an object someone deleted): " + quotedList(regionConflictSettings) + ". `error` is the default; " +
					"see [Region conflicts and destroy](#region-conflicts-and-destroy). Defaults to the `" + RegionConflictsEnvVar + "` environment variable.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(regionConflictSettings...)},
			},
		},
		Blocks: map[string]schema.Block{
			"default_tags": defaultTagsBlock(),
		},
	}
}

func (p *eniProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg eniProviderModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Store.IsUnknown() || cfg.AttachmentSubnetRule.IsUnknown() || cfg.RegionConflicts.IsUnknown() {
		resp.Diagnostics.AddError("Cannot configure the eni provider",
			"store, attachment_subnet_rule and region_conflicts_at_plan must be known before planning; set them from literals or variables, not from other resources.")
		return
	}
	conflicts := regionConflictsOf(cfg.RegionConflicts.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	location, err := storeLocation(cfg.Store.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("store"), "Cannot configure the eni provider", err.Error())
		return
	}
	eng, err := openEngine(ctx, location, engine.Options{AttachmentSubnetRule: cfg.AttachmentSubnetRule.ValueString()})
	if err != nil {
		// Not on the store attribute: the CLI would quote that line of the
		// configuration, and a PostgreSQL URL may hold a password.
		resp.Diagnostics.AddError("Cannot open the ENI engine's store", err.Error())
		return
	}
	tflog.Debug(ctx, "ENI engine ready", map[string]any{"store": redactStore(location), "attachment_subnet_rule": eng.Options().AttachmentSubnetRule})
	// A fresh ledger per configuration: Terraform configures the provider
	// once for each plan or apply it serves.
	data := &providerData{engine: eng, ledger: engine.NewPlanLedger(), defaultTags: defaultTagsOfConfig(cfg.DefaultTags), regionConflicts: conflicts}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// storeLocation resolves the store from the configuration, the environment
// or the default path, in that order.
func storeLocation(configured string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	if env := os.Getenv(StoreEnvVar); env != "" {
		return env, nil
	}
	return defaultStorePath()
}

func defaultStorePath() (string, error) {
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "eni", "engine.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "eni", "engine.db"), nil
}

func (p *eniProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewVPCResource,
		NewSubnetResource,
		NewSecurityGroupResource,
		NewServerResource,
		NewNetworkInterfaceResource,
		NewNetworkInterfaceAttachmentResource,
		NewEIPResource,
		NewVirtualIPResource,
		NewRouteTableResource,
		NewRouteResource,
		NewRouteTableAssociationResource,
		NewNetworkACLResource,
		NewNetworkACLAssociationResource,
	}
}

func (p *eniProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAvailabilityZonesDataSource,
		NewFlavorsDataSource,
		NewSubnetDataSource,
		NewServerDataSource,
		NewNetworkInterfaceDataSource,
		NewNetworkInterfacesDataSource,
		NewVirtualIPDataSource,
		NewServersDataSource,
		NewRouteTableDataSource,
		NewNetworkACLDataSource,
		NewReachabilityDataSource,
	}
}

func (p *eniProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewVPCListResource,
		NewSubnetListResource,
		NewServerListResource,
		NewNetworkInterfaceListResource,
		NewNetworkACLListResource,
		NewRouteTableListResource,
	}
}

func (p *eniProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewMaxNetworkInterfacesFunction,
		NewMaxPrivateIPsFunction,
		NewSubnetCapacityFunction,
	}
}

// quotedList renders allowed values for descriptions, from the same slice the validators use.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}
