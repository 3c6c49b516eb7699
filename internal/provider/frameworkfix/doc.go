// Package frameworkfix holds the provider's workarounds for costs of
// terraform-plugin-framework and terraform-plugin-go that show in every
// plan: each does what a framework call does, more cheaply, names the
// upstream issue (or says that none tracks it), and has a test that holds
// it equal to the framework call it replaces. When upstream fixes a cost,
// the workaround goes and its callers use the framework again.
package frameworkfix
