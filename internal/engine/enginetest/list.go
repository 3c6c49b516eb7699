package enginetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/list.go and of tags: every object keeps its tags, the
// one tag check refuses bad ones, and lists filter by tags (every tag
// given must be held with its value) and by their other fields.

func ids[T any](list []T, id func(T) string) []string {
	out := []string{}
	for _, v := range list {
		out = append(out, id(v))
	}
	slices.Sort(out)
	return out
}

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

func tagsKeptAndFiltered(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	web := map[string]string{"role": "web", "env": "prod"}
	ctx := r.Ctx
	vpc := fixture.Must(r.Eng.CreateVPC(ctx, engine.VPCInput{Name: "tagged", CIDR: "172.16.0.0/16", Tags: web}))(t)
	s := fixture.Must(r.Eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "s", CIDR: "172.16.1.0/24", AvailabilityZone: "local-1a", Tags: web}))(t)
	g := fixture.Must(r.Eng.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: vpc.ID, Name: "g", Tags: web}))(t)
	srv := fixture.Must(r.Eng.CreateServer(ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: s.ID, Tags: web}))(t)
	plain := r.Server("c7.large.2", r.SubnetA)
	n := fixture.Must(r.Eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "n", Tags: web}))(t)
	eip := fixture.Must(r.Eng.CreateEIP(ctx, engine.EIPInput{BandwidthMbps: 5, Tags: web}))(t)
	vip := fixture.Must(r.Eng.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: s.ID, Tags: web}))(t)

	read := map[string]map[string]string{
		"VPC":            fixture.Must(r.Eng.GetVPC(ctx, vpc.ID))(t).Tags,
		"subnet":         fixture.Must(r.Eng.GetSubnet(ctx, s.ID))(t).Tags,
		"security group": fixture.Must(r.Eng.GetSecurityGroup(ctx, g.ID))(t).Tags,
		"server":         fixture.Must(r.Eng.GetServer(ctx, srv.ID))(t).Tags,
		"NIC":            fixture.Must(r.Eng.GetNetworkInterface(ctx, n.ID))(t).Tags,
		"EIP":            fixture.Must(r.Eng.GetEIP(ctx, eip.ID))(t).Tags,
		"virtual IP":     fixture.Must(r.Eng.GetVirtualIP(ctx, vip.ID))(t).Tags,
	}
	for what, tags := range read {
		if fmt.Sprint(tags) != fmt.Sprint(web) {
			t.Errorf("%s read back tags %v, want %v", what, tags, web)
		}
	}

	byID := func(v engine.Server) string { return v.ID }
	servers := func(f engine.ServerFilter) []string { return ids(fixture.Must(r.Eng.ListServers(ctx, f))(t), byID) }
	if got := servers(engine.ServerFilter{Tags: map[string]string{"role": "web"}}); !slices.Equal(got, []string{srv.ID}) {
		t.Errorf("servers tagged role=web: %v", got)
	}
	if got := servers(engine.ServerFilter{Tags: map[string]string{"role": "web", "env": "dev"}}); len(got) != 0 {
		t.Errorf("servers tagged role=web and env=dev: %v", got)
	}
	if got := servers(engine.ServerFilter{VPCID: r.VPC.ID}); !slices.Equal(got, []string{plain.ID}) {
		t.Errorf("servers of VPC %s: %v", r.VPC.ID, got)
	}
	if got := servers(engine.ServerFilter{}); !slices.Equal(got, sorted(srv.ID, plain.ID)) {
		t.Errorf("all servers: %v", got)
	}
	nics := fixture.Must(r.Eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{Tags: map[string]string{"env": "prod"}}))(t)
	if got := ids(nics, func(v engine.NetworkInterface) string { return v.ID }); !slices.Equal(got, []string{n.ID}) {
		t.Errorf("NICs tagged env=prod: %v", got)
	}
	nics = fixture.Must(r.Eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{VPCID: vpc.ID, Status: engine.StatusInUse}))(t)
	if got := ids(nics, func(v engine.NetworkInterface) string { return v.ID }); !slices.Equal(got, []string{srv.PrimaryNetworkInterfaceID}) {
		t.Errorf("NICs in use in VPC %s: %v", vpc.ID, got)
	}
	vpcs := fixture.Must(r.Eng.ListVPCs(ctx, engine.VPCFilter{Tags: map[string]string{"role": "web"}}))(t)
	if got := ids(vpcs, func(v engine.VPC) string { return v.ID }); !slices.Equal(got, []string{vpc.ID}) {
		t.Errorf("VPCs tagged role=web: %v", got)
	}
	subnets := fixture.Must(r.Eng.ListSubnets(ctx, engine.SubnetFilter{VPCID: r.VPC.ID}))(t)
	if got := ids(subnets, func(v engine.Subnet) string { return v.ID }); !slices.Equal(got, sorted(r.SubnetA.ID, r.SubnetA2.ID, r.SubnetB.ID)) {
		t.Errorf("subnets of VPC %s: %v", r.VPC.ID, got)
	}
	vips := fixture.Must(r.Eng.ListVirtualIPs(ctx, engine.VirtualIPFilter{Tags: map[string]string{"role": "web"}}))(t)
	if len(vips) != 1 || vips[0].ID != vip.ID {
		t.Errorf("virtual IPs tagged role=web: %+v", vips)
	}

	// Tags change in place and can be emptied.
	db := map[string]string{"role": "db"}
	fixture.Must(r.Eng.UpdateServer(ctx, srv.ID, engine.ServerUpdate{Tags: db}))(t)
	fixture.Must(r.Eng.UpdateNetworkInterface(ctx, n.ID, engine.NetworkInterfaceUpdate{Tags: map[string]string{}}))(t)
	if got := servers(engine.ServerFilter{Tags: db}); !slices.Equal(got, []string{srv.ID}) {
		t.Errorf("servers retagged role=db: %v", got)
	}
	if got := fixture.Must(r.Eng.GetNetworkInterface(ctx, n.ID))(t).Tags; len(got) != 0 {
		t.Errorf("emptied NIC tags read back %v", got)
	}
	r.CheckInvariants()
}

// badTags is what tags may get wrong, on every kind of object.
func badTags(r *fixture.Region) []refusal {
	many := map[string]string{}
	for i := range engine.MaxTags + 1 {
		many[fmt.Sprintf("k%d", i)] = "v"
	}
	bad := []struct {
		name string
		tags map[string]string
		word string
	}{
		{"too many tags", many, "51 tags were given; an object has at most 50"},
		{"empty key", map[string]string{"": "v"}, "a tag key is empty"},
		{"long key", map[string]string{strings.Repeat("k", 129): "v"}, "129 characters long; the limit is 128"},
		{"reserved key", map[string]string{"ENI:owner": "v"}, `starts with "eni:"`},
		{"long value", map[string]string{"k": strings.Repeat("v", 257)}, "257 characters long; the limit is 256"},
	}
	var out []refusal
	for _, b := range bad {
		tags := b.tags
		out = append(out,
			refusal{"VPC " + b.name, func() error {
				_, err := r.Eng.CreateVPC(r.Ctx, engine.VPCInput{Name: "v", CIDR: "10.1.0.0/16", Tags: tags})
				return err
			}, engine.CodeInvalidParameterValue, b.word},
			refusal{"NIC " + b.name, func() error {
				_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", Tags: tags})
				return err
			}, engine.CodeInvalidParameterValue, b.word},
			refusal{"tag check " + b.name, func() error { return engine.ValidateTags(tags) }, engine.CodeInvalidParameterValue, b.word},
		)
	}
	return append(out,
		refusal{"subnet tags", func() error {
			_, err := r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: "10.0.70.0/24", AvailabilityZone: "local-1a", Tags: many})
			return err
		}, engine.CodeInvalidParameterValue, "at most 50"},
		refusal{"server tags", func() error {
			_, err := r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID, Tags: many})
			return err
		}, engine.CodeInvalidParameterValue, "at most 50"},
		refusal{"group tags", func() error {
			_, err := r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "g", Tags: many})
			return err
		}, engine.CodeInvalidParameterValue, "at most 50"},
		refusal{"EIP tags", func() error {
			_, err := r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, Tags: many})
			return err
		}, engine.CodeInvalidParameterValue, "at most 50"},
		refusal{"virtual IP tags", func() error {
			_, err := r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, Tags: many})
			return err
		}, engine.CodeInvalidParameterValue, "at most 50"},
	)
}

func tagRefusalsNameTheTags(t *testing.T, _ fixture.Factory) {
	err := engine.ValidateTags(map[string]string{"eni:x": ""})
	if got := engine.FieldOf(err); got != engine.FieldTags {
		t.Fatalf("refusal on %q, want %q", got, engine.FieldTags)
	}
	if err := engine.ValidateTags(map[string]string{"eni": "", "k": strings.Repeat("v", 256)}); err != nil {
		t.Fatalf("good tags refused: %v", err)
	}
}
