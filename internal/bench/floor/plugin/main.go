// Command plugin is the plugin floor of the benchmark: the floor provider
// (internal/bench/floor), with twins of every eni resource, served the same
// way as terraform-provider-eni (internal/pluginserver).
// What a CLI spends on its resources is the protocol's cost per resource,
// which no real provider can beat.
//
// It is built by the benchmark into a temporary directory and never shipped.
package main

import (
	"context"
	"log"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/eni/terraform-provider-eni/internal/bench/floor"
	"github.com/eni/terraform-provider-eni/internal/pluginserver"
	"github.com/eni/terraform-provider-eni/internal/provider"
)

// Address is where the benchmark's dev_overrides point.
const Address = "registry.terraform.io/bench/floor"

func main() {
	twinsOf := provider.New("floor")().Resources(context.Background())
	err := pluginserver.Serve(Address, func() fwprovider.Provider { return floor.New(twinsOf...) }, false, nil)
	if err != nil {
		log.Fatal(err.Error())
	}
}
