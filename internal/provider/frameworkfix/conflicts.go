package frameworkfix

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// CheckConflictingPair refuses a configuration that sets both a and b, top-level
// attributes named aName and bName, with an error on each, as the
// validators' ConflictsWith(path.MatchRoot(bName)) on a and
// ConflictsWith(path.MatchRoot(aName)) on b would: same summary, detail
// and path. A value not known yet conflicts with nothing.
//
// A resource's ValidateConfig calls it with the config it has already read.
// Each ConflictsWith validator calls (tfsdk.Config).PathMatches, which
// walks the whole configuration and converts the path of every attribute
// it meets, then reads the other attribute with GetAttribute: on a NIC's
// two address pairs that made validating its configuration cost nine
// times as much. No terraform-plugin-framework-validators issue tracks
// this cost; resourcevalidator.Conflicting, the one-pass alternative,
// reports one error in other words, so it cannot stand in without
// changing what users read. TestCheckConflictingPairMatchesConflictsWith holds
// it equal to the validators. It is generic so that the values are not
// boxed into interfaces, which would allocate on every validation.
func CheckConflictingPair[A, B attr.Value](diags *diag.Diagnostics, a A, b B, aName, bName string) {
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return // not both set, or not known yet
	}
	for _, pair := range [][2]string{{aName, bName}, {bName, aName}} {
		diags.AddAttributeError(path.Root(pair[0]), "Invalid Attribute Combination",
			fmt.Sprintf("Attribute %q cannot be specified when %q is specified", pair[1], pair[0]))
	}
}
