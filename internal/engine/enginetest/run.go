// Package enginetest is the conformance suite every Store must pass: the
// engine's rules, scenarios and invariants, run against a store a factory
// makes. The engine's own tests run it on SQLite, the PostgreSQL store's on
// PostgreSQL.
//
// Each file holds the tests of the engine file of the same name, and each
// test is named after the rule it exercises (the rules are numbered as the
// engine's comments number them); Run groups them by rule.
package enginetest

import (
	"slices"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/opsequence"
)

// Run runs the whole conformance suite against stores made by f.
func Run(t *testing.T, f fixture.Factory) {
	for _, g := range rules {
		t.Run(g.name, func(t *testing.T) { runTests(t, f, g.tests) })
	}
	t.Run("BadInput", func(t *testing.T) { badInput(t, f) })
	t.Run("Fields", func(t *testing.T) { fieldsNameTheArgumentAtFault(t, f) })
	t.Run("RegionConflict", func(t *testing.T) { regionConflictMarksWhatTheRegionHolds(t, f) })
	t.Run("IPReuse", func(t *testing.T) { runTests(t, f, ipReuse) })
	t.Run("Addresses", func(t *testing.T) { runTests(t, f, addresses) })
	t.Run("Routing", func(t *testing.T) { runTests(t, f, routing) })
	t.Run("Scenarios", func(t *testing.T) { runTests(t, f, scenarios) })
	t.Run("Lifecycle", func(t *testing.T) { lifecycle(t, f) })
	t.Run("Concurrency", func(t *testing.T) { concurrency(t, f) })
	t.Run("RandomOps", func(t *testing.T) { opsequence.RandomOps(t, f, 1, 400) })
}

// test is one test of the suite; it makes its own stores with f.
type test struct {
	name string
	run  func(t *testing.T, f fixture.Factory)
}

func runTests(t *testing.T, f fixture.Factory, tests []test) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, f) })
	}
}

// rules are the engine's rules with the tests of each, from every engine
// file that applies it.
var rules = []struct {
	name  string
	tests []test
}{
	{"Rule1_OperationNotPermitted", []test{
		{"a primary NIC is not detached, moved or attached elsewhere", rule1PrimaryNICStaysOnItsServer},
		{"a primary NIC is deleted only with its server", rule1PrimaryNICIsDeletedWithItsServer},
		{"a plan does not attach a primary NIC elsewhere", rule1PlanKeepsAPrimaryNIC},
	}},
	{"Rule2_NetworkInterfaceInUse", []test{
		{"an attached NIC is not attached elsewhere or again", rule2AttachedNICIsNotAttachedAgain},
		{"an attached NIC is not deleted", rule2AttachedNICIsNotDeleted},
		{"a plan attaches an attached NIC only by moving it", rule2PlanMovesAnAttachedNICOnly},
		{"a plan attaches a NIC once", rule2PlanAttachesANICOnce},
	}},
	{"Rule3_AvailabilityZoneMismatch", []test{
		{"a NIC is attached in its server's zone", rule3AttachInTheServersZone},
		{"a server is in its subnet's zone", rule3ServerInItsSubnetsZone},
		{"a plan attaches in the server's zone", rule3PlanInTheServersZone},
	}},
	{"Rule4_VpcMismatch", []test{
		{"a NIC is attached in its server's VPC", rule4AttachInTheServersVPC},
	}},
	{"Rule5_SubnetMismatch", []test{
		{"same subnet by default", rule5SameSubnetByDefault},
		{"same VPC when asked", rule5SameVPCWhenAsked},
		{"a plan attaches in the server's subnet", rule5PlanInTheServersSubnet},
		{"a virtual IP is bound in its own subnet", rule5VirtualIPStaysInItsSubnet},
	}},
	{"Rule6_AttachmentLimitExceeded", []test{
		{"the flavor caps a server's NICs", rule6AttachWithinTheFlavor},
		{"a resize leaves room for the NICs attached", rule6ResizeLeavesRoomForItsNICs},
		{"the ledger counts a plan's attachments against the flavor", rule6PlanCountsItsAttachments},
		{"unnamed NICs of the plan fill slots too", rule6PlanCountsNICsItCreates},
		{"a slot freed earlier in the plan is reused; otherwise the error names depends_on", rule6PlanReusesAFreedSlot},
		{"a resize planned first gives the attachments its room", rule6PlanResizesFirst},
		{"replanning during apply does not double count", rule6PlanCountsAnApplyOnce},
	}},
	{"Rule7_DeviceIndex", []test{
		{"device index free and below max NICs", rule7DeviceIndexFreeAndBelowMax},
		{"a plan gives a device index of a server once", rule7PlanGivesAnIndexOnce},
		{"a replanned attachment gives up the index it asked for before", rule7PlanReplanFreesAnIndex},
	}},
	{"Rule8_RequestedIP", []test{
		{"requested IP inside the subnet, not reserved, not in use", rule8RequestedIPInsideFreeAndNotReserved},
		{"each secondary IP likewise, held by no NIC or virtual IP", rule8EachSecondaryIP},
		{"a NIC's own primary IP is no secondary IP of it", rule8NotTheNICsOwnPrimary},
		{"a requested virtual IP likewise", rule8RequestedVirtualIP},
		{"what a plan destroys is free for the checks planned after", rule8PlanFreesWhatItDestroys},
	}},
	{"Rule9_InsufficientFreeAddresses", []test{
		{"a full subnet says so", rule9FullSubnetSaysSo},
		{"secondary and virtual IPs fill a subnet too", rule9SecondaryIPsFillASubnet},
	}},
	{"Rule10_SecurityGroups", []test{
		{"security groups exist, are in the VPC, at most 5", rule10GroupsExistInTheVPCAtMostFive},
		{"a group holds at most 100 rules of each direction", rulesPerGroupAtMostTheLimit},
	}},
	{"Rule11_DependencyViolation", []test{
		{"a VPC with subnets and groups is not deleted", rule11VPCInUseStays},
		{"a subnet with a NIC is not deleted", rule11SubnetInUseStays},
		{"a group a NIC uses is not deleted until the NIC is", rule11GroupInUseStays},
		{"a deleted NIC's EIP is unbound first and kept", rule11DeletedNICUnbindsItsEIP},
		{"a bound virtual IP keeps its NIC, server and subnet", rule11BoundVirtualIPKeepsItsNIC},
		{"deleting a NIC moves the virtual IPs its plan moves away", rule11DeletionMovesPlannedVirtualIPs},
		{"a NIC's destroy plan waits for its virtual IPs' plans", planOfANICDeletionWaitsForItsVirtualIPs},
		{"a move made by a NIC's deletion meets rule 15", rule15DeletionMovesOnlyWhereThereIsRoom},
	}},
	{"Rule12_NotFound", []test{
		{"unknown IDs", rule12UnknownIDs},
		{"unknown IDs at plan", rule12PlanNamesWhatIsMissing},
		{"unknown virtual IP", rule12UnknownVirtualIP},
	}},
	{"Rule13_ServerDeleteDetaches", []test{
		{"deleting a server detaches its extension NICs", rule13DeletingAServerDetachesItsNICs},
	}},
	{"Rule14_MoveIsOneTransaction", []test{
		{"a move is one transaction", rule14MoveIsOneTransaction},
	}},
	{"Rule15_PrivateIpAddressLimitExceeded", []test{
		{"assigning secondary IPs stays within the cap", rule15AssignWithinTheCap},
		{"attach and move stay within the cap", rule15AttachAndMoveWithinTheCap},
		{"a resize leaves room for the IPs", rule15ResizeLeavesRoomForTheIPs},
		{"binding a virtual IP stays within the cap", rule15BindWithinTheCap},
		{"the invariant checker reports an overfull NIC", rule15InvariantCheckerReportsAnOverfullNIC},
		{"the ledger counts the plan's secondary and virtual IPs", rule15PlanCountsSecondaryAndVirtualIPs},
		{"a virtual IP the plan moves away frees room", rule15PlanMovesAVirtualIPAway},
		{"a virtual IP the apply created counts once", rule15PlanCountsACreatedVirtualIPOnce},
		{"a planned attachment counts the plan's secondary IPs", rule15PlanAttachCountsPlannedSecondaries},
		{"a planned resize counts the IPs", rule15PlanResizeCountsTheIPs},
		{"a planned resize counts the NICs the plan brings", rule15PlanResizeCountsArrivals},
		{"a NIC the plan creates is judged on its own addresses", rule15PlanJudgesANewNICAlone},
	}},
	{"Rule16_RouteTableAndRouteLimits", []test{
		{"5 route tables per VPC, 200 routes per table", rule16RouteTablesAndRoutesWithinLimits},
		{"the ledger counts the plan's tables and routes", rule16PlanCountsTablesAndRoutes},
	}},
	{"Rule17_RouteDestination", []test{
		{"destinations outside the VPC, once per table", rule17DestinationsOutsideTheVPCOncePerTable},
		{"a plan adds a destination to a table once", rule17PlanAddsADestinationOnce},
	}},
	{"Rule18_OneVPCOneAssociation", []test{
		{"next hops and associations in one VPC, one association per subnet", rule18OneVPCAndOneAssociation},
		{"a planned association is checked like a made one", rule18PlanChecksAssociations},
	}},
	{"Rule19_SourceDestCheckEnabled", []test{
		{"next hops forward", rule19NextHopsForward},
		{"a server's primary NIC forwards as its server says", rule19ServerPrimaryForwards},
		{"a plan turns no check on under a route", rule19PlanKeepsNextHopsForwarding},
		{"the invariant checker reports a next hop that drops", rule19InvariantCheckerReportsADroppingNextHop},
	}},
	{"Rule20_DependencyViolation", []test{
		{"what routes and associations name stays", rule20WhatRoutesAndAssociationsNameStays},
	}},
	{"Rule21_NetworkACLRules", []test{
		{"at most 100 well-formed rules per direction", rule21ACLRulesWithinTheLimitAndWellFormed},
	}},
}

// routing is route tables, routes, network ACLs and their associations.
var routing = []test{
	{"a route table is made, routed, associated and deleted", routeTableLifecycle},
	{"a network ACL is made, associated, reordered and deleted", networkACLLifecycle},
	{"either kind of association through the calls that take its kind", associationsOfEitherKind},
}

// addresses are the NIC's addresses beyond its primary one, virtual IPs,
// IPv6 and tags.
var addresses = []test{
	{"secondary IPs are counted or named, and update in place", secondaryIPsCountedOrNamed},
	{"secondary IPs stay with the NIC and are freed with it", secondaryIPsStayWithTheNIC},
	{"a secondary IP finds its NIC", secondaryIPFindsItsNIC},
	{"source/dest check is on unless turned off", sourceDestCheckIsOnUnlessTurnedOff},
	{"a virtual IP is created, bound, moved, unbound and deleted", virtualIPLifecycle},
	{"IPv6 ranges nest and differ", ipv6RangesNestAndDiffer},
	{"IPv6 needs the level above", ipv6NeedsTheLevelAbove},
	{"IPv6 is planned with the level above as the plan leaves it", ipv6PlannedWithTheLevelAbove},
	{"IPv6 addresses are counted or named, unique, at most 10", ipv6AddressesCountedOrNamed},
	{"tags are kept and filter lists", tagsKeptAndFiltered},
	{"tag refusals name the tags", tagRefusalsNameTheTags},
}

// ipReuse is how a subnet hands out addresses once some are given back.
var ipReuse = []test{
	{"fresh addresses first, then released ones lowest first", reuseFreshFirstThenReleasedLowestFirst},
	{"a released address asked for by name is not handed out again", reuseSkipsAnAddressAskedForByName},
	{"a deleted server gives its primary address back", reuseADeletedServersPrimaryAddress},
	{"a subnet with released addresses can be deleted", reuseLeavesTheSubnetDeletable},
}

var scenarios = []test{
	{"flexible migration keeps IP, MAC, groups and EIP", flexibleMigration},
	{"independent traffic management", independentTrafficManagement},
}

// refusal is a call the engine must refuse with code, in a message that
// mentions word ("" mentions anything).
type refusal struct {
	name string
	call func() error
	code string
	word string
}

// expectRefusals runs each refusal as a subtest, then checks that none of
// them changed the region.
func expectRefusals(t *testing.T, r *fixture.Region, cases []refusal) {
	t.Helper()
	named := make([]namedRefusal, len(cases))
	for i, c := range cases {
		named[i] = namedRefusal{c.name, c.call, c.code, []string{c.word}}
	}
	expectNamedRefusals(t, r, named)
}

// namedRefusal is a refusal whose message mentions every one of words.
type namedRefusal struct {
	name  string
	call  func() error
	code  string
	words []string
}

// expectNamedRefusals is expectRefusals for refusals that name several things.
func expectNamedRefusals(t *testing.T, r *fixture.Region, cases []namedRefusal) {
	t.Helper()
	before := r.Snapshot()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { fixture.ExpectCode(t, c.call(), c.code, c.words...) })
	}
	r.Unchanged(before)
}

// badInput is every argument the engine refuses on its face, from the
// files that check each.
func badInput(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	expectRefusals(t, r, slices.Concat(badNamesAndValues(r), badCIDRs(r), badSubnetInput(r), badServerInput(r), badEngineOptions(), badTags(r)))
}
