package main

import (
	"flag"
	"log"

	"github.com/eni/terraform-provider-eni/internal/pluginserver"
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

	// pluginserver.Serve is providerserver.Serve without the framework's
	// retention of every request it served, quiet when no one reads logs,
	// and gone soon after its CLI, closing the stores it opened.
	err := pluginserver.Serve("registry.terraform.io/eni/eni", provider.New(version), debug, closeStores)
	// The CLI is done with the provider: checkpoint and close the stores,
	// so that a SQLite store is one file again.
	closeStores()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// closeStores closes the stores the provider opened, logging what failed:
// the provider is on its way out and has no one else to tell.
func closeStores() {
	if err := provider.CloseStores(); err != nil {
		log.Print(err.Error())
	}
}
