package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/eni/terraform-provider-eni/internal/provider"
)

// Render docs/ from templates/, examples/ and the provider's schema with the
// pinned tfplugindocs (tools/docs): `make docs` or `go generate ./...`.
//go:generate ./tools/docs/generate.sh

// version is set by the release build through -ldflags "-X main.version=…".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/eni/eni",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
