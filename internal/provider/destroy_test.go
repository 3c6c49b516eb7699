package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The CLIs run a normal plan of the whole configuration before every
// destroy. These configurations hold something the region no longer has
// room for; plan -destroy (the Destroy step) and destroy (after the last
// step) must still go through.

func TestAccDestroy_notBlockedByAFullServer(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	host := f.server("host", "c7.large.2") // 2 extension slots
	nic := nicArgs{Subnet: f.subnet.ID}.hcl()
	attachment := hclResource("eni_network_interface_attachment", "test",
		hclArg{"network_interface_id", "eni_network_interface.test.id"},
		hclArg{"server_id", quoted(host.ID)})
	fillHost := func() {
		for i := 1; i <= 2; i++ {
			if err := f.attach(f.nic(f.subnet.ID, "").ID, host.ID, i); err != nil {
				t.Fatal(err)
			}
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", nic)},
			{PreConfig: fillHost, Config: env.config("", nic+attachment), Destroy: true},
			{Config: env.config("", nic)},
			{Config: env.config("", nic+attachment), ExpectError: matchCode("AttachmentLimitExceeded")},
		},
	})
}

func TestAccDestroy_notBlockedByAnAddressTakenElsewhere(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const ip = "10.0.1.50"
	first := nicArgs{Name: "first", Subnet: f.subnet.ID}.hcl()
	wanted := hclResource("eni_network_interface", "wanted",
		hclArg{"name", quoted("wanted")}, hclArg{"subnet_id", quoted(f.subnet.ID)}, hclArg{"private_ip", quoted(ip)})
	takeAddress := func() { f.nic(f.subnet.ID, ip) }
	env.test(resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return nil }, // the seeded NIC stays
		Steps: []resource.TestStep{
			{Config: env.config("", first)},
			{PreConfig: takeAddress, Config: env.config("", first+wanted), Destroy: true},
			{Config: env.config("", first)},
			{Config: env.config("", first+wanted), ExpectError: atAttr("private_ip", codePattern("InvalidIPAddress.InUse"))},
		},
	})
}
