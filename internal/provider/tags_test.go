package provider

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func TestMergeTags(t *testing.T) {
	defaults := map[string]string{"env": "dev", "owner": "ops"}
	own := map[string]string{"env": "prod", "team": "net"}
	got := mergeTags(defaults, own)
	want := map[string]string{"env": "prod", "owner": "ops", "team": "net"}
	if !maps.Equal(got, want) {
		t.Errorf("merge = %v, want %v (own tag wins)", got, want)
	}
	if defaults["env"] != "dev" || len(defaults) != 2 || own["env"] != "prod" || len(own) != 2 {
		t.Errorf("merge changed its inputs: %v %v", defaults, own)
	}
	if got := mergeTags(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("merge of nothing = %#v, want an empty map", got)
	}
}

func TestTagDefaultsMerge(t *testing.T) {
	d := tagDefaults{tags: map[string]string{"env": "dev"}}
	if all, ok := d.merge(types.MapNull(types.StringType)); !ok || !maps.Equal(all, map[string]string{"env": "dev"}) {
		t.Errorf("null tags: %v %v, want the defaults", all, ok)
	}
	if _, ok := d.merge(types.MapUnknown(types.StringType)); ok {
		t.Error("unknown tags merged")
	}
	partly := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	if _, ok := d.merge(partly); ok {
		t.Error("tags with an unknown value merged")
	}
	if _, ok := (tagDefaults{unknown: true}).merge(tagsValue(nil)); ok {
		t.Error("unknown defaults merged")
	}
}

// TestOwnTags covers what Read reports as a resource's own tags.
func TestOwnTags(t *testing.T) {
	m := func(kv ...string) map[string]string {
		out := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	null := types.MapNull(types.StringType)
	for _, tc := range []struct {
		name            string
		defaults        map[string]string
		prior, priorAll types.Map
		stored, wantOwn map[string]string
	}{
		{"refresh, nothing changed", m("env", "dev"), tagsValue(m("team", "net")), tagsValue(m("env", "dev", "team", "net")),
			m("env", "dev", "team", "net"), m("team", "net")},
		{"own tag equal to a default stays own", m("env", "dev"), tagsValue(m("env", "dev")), tagsValue(m("env", "dev")),
			m("env", "dev"), m("env", "dev")},
		{"changed defaults do not move a default tag into tags", m("env", "prod"), tagsValue(m("team", "net")), tagsValue(m("env", "dev", "team", "net")),
			m("env", "dev", "team", "net"), m("team", "net")},
		{"own tag changed outside shows its new value", nil, tagsValue(m("team", "net")), tagsValue(m("team", "net")),
			m("team", "ops"), m("team", "ops")},
		{"own tag deleted outside is gone", nil, tagsValue(m("team", "net")), tagsValue(m("team", "net")),
			m(), m()},
		{"tag added outside is own", m("env", "dev"), tagsValue(m()), tagsValue(m("env", "dev")),
			m("env", "dev", "extra", "1"), m("extra", "1")},
		{"tag added outside equal to a new default is a default", m("site", "lab"), tagsValue(m()), tagsValue(m()),
			m("site", "lab"), m()},
		{"import drops defaults with their value", m("env", "dev", "owner", "ops"), null, null,
			m("env", "dev", "owner", "sre", "team", "net"), m("owner", "sre", "team", "net")},
		{"import of no tags", m("env", "dev"), null, null, nil, m()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tagDefaults{tags: tc.defaults}.ownTags(tc.prior, tc.priorAll, tc.stored)
			if !got.Equal(tagsValue(tc.wantOwn)) {
				t.Errorf("own tags %v, want %v", got, tc.wantOwn)
			}
			if got.IsNull() {
				t.Error("own tags null: no tags is {}")
			}
		})
	}
}

func TestEngineTags(t *testing.T) {
	if got := engineTags(types.MapNull(types.StringType)); got == nil || len(got) != 0 {
		t.Errorf("null: %#v, want an empty map (nil would leave the engine's tags alone)", got)
	}
	if got := engineTags(tagsValue(map[string]string{"a": "1"})); !maps.Equal(got, map[string]string{"a": "1"}) {
		t.Errorf("engineTags = %v", got)
	}
}

// TestTagsValidator: the validator refuses what the engine refuses, with
// the engine's code, on the attribute; unknown values are judged once known.
func TestTagsValidator(t *testing.T) {
	validate := func(tags map[string]attr.Value) string {
		resp := &validator.MapResponse{}
		newTagsValidator().ValidateMap(context.Background(), validator.MapRequest{
			Path: path.Root("tags"), ConfigValue: types.MapValueMust(types.StringType, tags),
		}, resp)
		if !resp.Diagnostics.HasError() {
			return ""
		}
		d := resp.Diagnostics.Errors()[0]
		if wp, ok := d.(interface{ Path() path.Path }); !ok || !wp.Path().Equal(path.Root("tags")) {
			t.Errorf("diagnostic %v not on tags", d)
		}
		return d.Detail()
	}
	if msg := validate(map[string]attr.Value{"team": types.StringValue("net"), "x": types.StringUnknown()}); msg != "" {
		t.Errorf("valid tags refused: %s", msg)
	}
	for key, want := range map[string]string{
		"eni:x":                  `tag key "eni:x" starts with "eni:"`,
		"":                       "a tag key is empty",
		strings.Repeat("k", 129): "is 129 characters long; the limit is 128",
	} {
		msg := validate(map[string]attr.Value{key: types.StringValue("v")})
		if !strings.Contains(msg, "["+engine.CodeInvalidParameterValue+"]") || !strings.Contains(msg, want) {
			t.Errorf("key %.10q: %q, want the code and %q", key, msg, want)
		}
	}
}

// TestListResourcesTagsFilter: each list resource keeps only what holds
// every tag of its filter, with its value.
func TestListResourcesTagsFilter(t *testing.T) {
	w := newListWorld(t)
	ctx := context.Background()
	eng := w.engine
	tag := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	web := map[string]string{"role": "web", "env": "dev"}
	_, err := eng.UpdateVPC(ctx, w.vpcA.ID, engine.VPCUpdate{Tags: web})
	tag(err)
	_, err = eng.UpdateSubnet(ctx, w.a2.ID, engine.SubnetUpdate{Tags: web})
	tag(err)
	_, err = eng.UpdateServer(ctx, w.s3.ID, engine.ServerUpdate{Tags: web})
	tag(err)
	_, err = eng.UpdateNetworkInterface(ctx, w.n4.ID, engine.NetworkInterfaceUpdate{Tags: web})
	tag(err)
	_, err = eng.UpdateNetworkInterface(ctx, w.n5.ID, engine.NetworkInterfaceUpdate{Tags: map[string]string{"role": "web", "env": "prod"}})
	tag(err)

	tags := func(kv ...string) tftypes.Value {
		elems := map[string]tftypes.Value{}
		for i := 0; i < len(kv); i += 2 {
			elems[kv[i]] = str(kv[i+1])
		}
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
	}
	w.expectListed(t, []listCase{
		{"VPCs by tag", "eni_vpc", map[string]tftypes.Value{"tags": tags("role", "web")}, entries("alpha", w.vpcA.ID)},
		{"VPCs by an empty map", "eni_vpc", map[string]tftypes.Value{"tags": tags()}, entries("alpha", w.vpcA.ID, "beta", w.vpcB.ID)},
		{"subnets by tags", "eni_subnet", map[string]tftypes.Value{"tags": tags("role", "web", "env", "dev")}, entries("a2", w.a2.ID)},
		{"subnets by tag and another VPC", "eni_subnet", map[string]tftypes.Value{"tags": tags("role", "web"), "vpc_id": str(w.vpcB.ID)}, nil},
		{"servers by tag", "eni_server", map[string]tftypes.Value{"tags": tags("env", "dev")}, entries("s3", w.s3.ID)},
		{"servers by a value no one has", "eni_server", map[string]tftypes.Value{"tags": tags("env", "prod")}, nil},
		{"NICs by tag", "eni_network_interface", map[string]tftypes.Value{"tags": tags("role", "web")}, entries("n4", w.n4.ID, "n5", w.n5.ID)},
		{"NICs by tags and value", "eni_network_interface", map[string]tftypes.Value{"tags": tags("role", "web", "env", "prod")}, entries("n5", w.n5.ID)},
	})
}

// TestListResourcesIncludeResourceTags: a listed resource's tags are sorted
// as an import sorts them: the provider's defaults, with their value, go to
// tags_all only.
func TestListResourcesIncludeResourceTags(t *testing.T) {
	w := newListWorld(t)
	ctx := context.Background()
	if _, err := w.engine.UpdateNetworkInterface(ctx, w.n4.ID, engine.NetworkInterfaceUpdate{Tags: map[string]string{"env": "dev", "role": "web", "owner": "me"}}); err != nil {
		t.Fatal(err)
	}
	tagsType := tftypes.Map{ElementType: tftypes.String}
	defaults := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tags": tagsType}}, map[string]tftypes.Value{
		"tags": tftypes.NewValue(tagsType, map[string]tftypes.Value{"env": str("dev"), "owner": str("ops")}),
	})
	w.s = newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(w.store), "default_tags": defaults})
	results := w.list(t, "eni_network_interface", map[string]tftypes.Value{
		"tags": tftypes.NewValue(tagsType, map[string]tftypes.Value{"role": str("web")}),
	}, true, 0)
	if len(results) != 1 {
		t.Fatalf("%d results, want n4 alone", len(results))
	}
	v, err := results[0].Resource.Unmarshal(w.s.schemas["eni_network_interface"].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	want := func(kv ...string) tftypes.Value {
		elems := map[string]tftypes.Value{}
		for i := 0; i < len(kv); i += 2 {
			elems[kv[i]] = str(kv[i+1])
		}
		return tftypes.NewValue(tagsType, elems)
	}
	// env has the default's value: a default. owner differs from it: the NIC's own.
	if own := want("role", "web", "owner", "me"); !attrs["tags"].Equal(own) {
		t.Errorf("tags %v, want %v", attrs["tags"], own)
	}
	if all := want("env", "dev", "role", "web", "owner", "me"); !attrs["tags_all"].Equal(all) {
		t.Errorf("tags_all %v, want %v", attrs["tags_all"], all)
	}
}

// TestDefaultTagsOfConfig: default_tags not known yet leave tags_all unknown
// rather than planning it without them.
func TestDefaultTagsOfConfig(t *testing.T) {
	blockType := map[string]attr.Type{"tags": types.MapType{ElemType: types.StringType}}
	block := func(tags types.Map) types.Object {
		return types.ObjectValueMust(blockType, map[string]attr.Value{"tags": tags})
	}
	if d := defaultTagsOfConfig(types.ObjectNull(blockType)); d.unknown || len(d.tags) != 0 {
		t.Errorf("no block: %+v", d)
	}
	if d := defaultTagsOfConfig(block(types.MapNull(types.StringType))); d.unknown || len(d.tags) != 0 {
		t.Errorf("block without tags: %+v", d)
	}
	if d := defaultTagsOfConfig(block(tagsValue(map[string]string{"env": "dev"}))); d.unknown || !maps.Equal(d.tags, map[string]string{"env": "dev"}) {
		t.Errorf("tags: %+v", d)
	}
	for name, o := range map[string]types.Object{
		"unknown block":       types.ObjectUnknown(blockType),
		"unknown tags":        block(types.MapUnknown(types.StringType)),
		"a tag value unknown": block(types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringUnknown()})),
	} {
		d := defaultTagsOfConfig(o)
		if !d.unknown {
			t.Errorf("%s: %+v, want unknown", name, d)
		}
		if _, ok := d.merge(tagsValue(nil)); ok {
			t.Errorf("%s: tags_all merged", name)
		}
	}
}
