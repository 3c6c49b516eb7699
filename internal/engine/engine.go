// Package engine models the ENI control plane of one cloud region: VPCs,
// subnets, security groups, servers, network interfaces and EIPs, with the
// rules a cloud enforces on them. It talks to a Store and knows nothing of
// Terraform.
package engine

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Attachment subnet rules (rule 5).
const (
	SameSubnet = "same_subnet"
	SameVPC    = "same_vpc"
)

// AttachmentSubnetRules lists the accepted values, for validators and docs.
var AttachmentSubnetRules = []string{SameSubnet, SameVPC}

// Options tune an Engine.
type Options struct {
	// AttachmentSubnetRule is SameSubnet (default) or SameVPC.
	AttachmentSubnetRule string
	// Observe, when set, hears of every operation once it ends.
	Observe Observer
}

// Observer is told each operation's name, duration and outcome, so a caller
// can log them without the engine knowing how.
type Observer func(ctx context.Context, op string, elapsed time.Duration, err error)

// Engine applies the region's rules to the state in its Store.
type Engine struct {
	store Store
	opts  Options
}

// New returns an engine over store.
func New(store Store, opts Options) (*Engine, error) {
	if opts.AttachmentSubnetRule == "" {
		opts.AttachmentSubnetRule = SameSubnet
	}
	if err := checkSubnetRuleOption(opts.AttachmentSubnetRule); err != nil {
		return nil, err
	}
	return &Engine{store: store, opts: opts}, nil
}

// Options returns the engine's options.
func (e *Engine) Options() Options { return e.opts }

// Close closes the store.
func (e *Engine) Close() error { return e.store.Close() }

func (e *Engine) update(ctx context.Context, op string, fn func(Tx) error) error {
	return e.observed(ctx, op, e.store.Update, fn)
}

func (e *Engine) view(ctx context.Context, op string, fn func(Tx) error) error {
	return e.observed(ctx, op, e.store.View, fn)
}

func (e *Engine) observed(ctx context.Context, op string, run func(context.Context, func(Tx) error) error, fn func(Tx) error) error {
	if e.opts.Observe == nil {
		return run(ctx, fn)
	}
	start := time.Now()
	err := run(ctx, fn)
	e.opts.Observe(ctx, op, time.Since(start), err)
	return err
}

// notFound turns a store's ErrNotFound into the refusal of rule, the one
// that says objects of its kind (what) exist. A missing object is a fact
// of the region, like a taken slot: someone may have deleted it.
func notFound(err error, rule *Rule, what, id string) error {
	if errors.Is(err, ErrNotFound) {
		return rule.refuse("%s %s does not exist", what, id).asRegionConflict()
	}
	return err
}

func getVPC(tx Tx, id string) (VPC, error) {
	v, err := tx.GetVPC(id)
	return v, notFound(err, RuleVPCExists, "VPC", id)
}

func getSubnet(tx Tx, id string) (Subnet, error) {
	s, err := tx.GetSubnet(id)
	return s, notFound(err, RuleSubnetExists, "subnet", id)
}

func getSecurityGroup(tx Tx, id string) (SecurityGroup, error) {
	g, err := tx.GetSecurityGroup(id)
	return g, notFound(err, RuleGroupExists, "security group", id)
}

func getServer(tx Tx, id string) (Server, error) {
	s, err := tx.GetServer(id)
	return s, notFound(err, RuleServerExists, "server", id)
}

func getNetworkInterface(tx Tx, id string) (NetworkInterface, error) {
	n, err := tx.GetNetworkInterface(id)
	return n, notFound(err, RuleNetworkInterfaceExists, "network interface", id)
}

func getEIP(tx Tx, id string) (EIP, error) {
	e, err := tx.GetEIP(id)
	return e, notFound(err, RuleEIPExists, "EIP", id)
}

// conflict turns a unique-constraint refusal into the refusal of the rule
// the constraint enforces; with serialized writers it only fires if a check
// was missed.
func conflict(err error, refusal func() error) error {
	if errors.Is(err, ErrConflict) {
		return refusal()
	}
	return err
}

// checkSubnetRuleOption checks the engine's attachment subnet rule option.
func checkSubnetRuleOption(rule string) error {
	if rule == SameSubnet || rule == SameVPC {
		return nil
	}
	return RuleSubnetRuleOption.refuse("attachment subnet rule %q is not one of %s, %s", rule, SameSubnet, SameVPC)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// isNotFound reports whether a store said a row does not exist.
func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
