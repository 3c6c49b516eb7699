// Package reliability holds the provider's reliability suite: Go tests that
// drive real Terraform or OpenTofu processes against one shared store and
// then judge the result through the engine.
//
//   - Race: eight applies in separate working directories compete for the
//     last NIC slots of a few servers and the last addresses of a small
//     subnet. Losers must get AttachmentLimitExceeded or
//     InsufficientFreeAddressesInSubnet and nothing else; the engine's
//     invariants must hold and every server must end exactly full.
//   - Crash: kill -9 of the CLI and its provider plugin at random points of
//     an apply. The store must stay sound, objects created but never
//     recorded in state must be discoverable and adoptable with import,
//     and a fresh apply must converge.
//   - Lifetime: kill -9 of the CLI alone while its provider waits for the
//     store's write lock. The orphaned provider must be gone within 10 s,
//     the lock still held; then the store must be sound and the next apply
//     must work.
//   - Load: sixteen applies at once on one PostgreSQL store, each making
//     servers and NICs attached to them in one of four VPCs and racing the
//     applies of its VPC for the last slot of a shared server. Every write
//     an apply reported must be in the store and every object of the store
//     in a state, no address held twice, no server over its flavor, every
//     refusal coded. TestLoadThroughput measures the same work in 16 VPCs,
//     in one and on the single-lock store (scripts/bench-load.sh).
//   - Store faults: a store of a newer schema, a store directory that is
//     read-only or cannot be created, an unreachable PostgreSQL server; each
//     must give a diagnostic, never a panic or a password.
//
// The suite runs only with ENI_RELIABILITY=1 (scripts/reliability.sh sets
// it); see harness_test.go for the other variables it reads.
package reliability
