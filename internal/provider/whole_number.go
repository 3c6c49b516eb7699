package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every integer argument (counts, device_index, bandwidth_mbps, ports) is
// of wholeNumberType. Terraform hands an integer argument any number, and
// the framework's Int64 type fails to convert 1.5 or 1e30 with an error
// that blames the provider, before any validator runs. This type converts
// such a number into a value that refuses itself on its attribute at
// validation, and is otherwise Int64: its validators, plan modifiers and
// state are Int64's.

// wholeNumberType is the framework's Int64 type with that conversion.
type wholeNumberType struct {
	basetypes.Int64Type
}

var (
	_ basetypes.Int64Typable      = wholeNumberType{}
	_ basetypes.Int64Valuable     = wholeNumber{}
	_ xattr.ValidateableAttribute = wholeNumber{}
)

func (t wholeNumberType) Equal(o attr.Type) bool {
	_, ok := o.(wholeNumberType)
	return ok
}

func (t wholeNumberType) String() string { return "provider.wholeNumberType" }

func (t wholeNumberType) ValueType(context.Context) attr.Value { return wholeNumber{} }

func (t wholeNumberType) ValueFromInt64(_ context.Context, v basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeNumber{Int64Value: v}, nil
}

// ValueFromTerraform converts like Int64, but a known number that is not a
// whole int64 becomes a value that is unknown to validators and plan
// modifiers and keeps the number for Terraform, so that validation, not the
// conversion, reports it.
func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if given := notWholeInt64(in); given != nil {
		return wholeNumber{Int64Value: basetypes.NewInt64Unknown(), notWhole: given}, nil
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	return wholeNumber{Int64Value: v.(basetypes.Int64Value)}, nil
}

// notWholeInt64 is a known number that no int64 holds, or nil.
func notWholeInt64(in tftypes.Value) *big.Float {
	if !in.IsKnown() || in.IsNull() {
		return nil
	}
	var f *big.Float
	if err := in.As(&f); err != nil || f == nil {
		return nil
	}
	if _, accuracy := f.Int64(); f.IsInt() && accuracy == big.Exact {
		return nil
	}
	return f
}

// wholeNumber is an Int64 value; notWhole is the number given when it was
// not a whole int64, which the value then stands in for as unknown.
type wholeNumber struct {
	basetypes.Int64Value
	notWhole *big.Float
}

// wholeNumberOf is v as the models hold it.
func wholeNumberOf(v basetypes.Int64Value) wholeNumber { return wholeNumber{Int64Value: v} }

func (v wholeNumber) Type(context.Context) attr.Type { return wholeNumberType{} }

func (v wholeNumber) Equal(o attr.Value) bool {
	other, ok := o.(wholeNumber)
	if !ok || (v.notWhole == nil) != (other.notWhole == nil) {
		return false
	}
	if v.notWhole != nil {
		return v.notWhole.Cmp(other.notWhole) == 0
	}
	return v.Int64Value.Equal(other.Int64Value)
}

// ToTerraformValue gives Terraform back the number it gave, so that the
// framework finds the element of a set that holds it (an element is
// addressed by its value) when it validates the element's attributes.
func (v wholeNumber) ToTerraformValue(ctx context.Context) (tftypes.Value, error) {
	if v.notWhole != nil {
		return tftypes.NewValue(tftypes.Number, v.notWhole), nil
	}
	return v.Int64Value.ToTerraformValue(ctx)
}

// ValidateAttribute refuses a number that is not a whole int64, on the
// attribute it was given for.
func (v wholeNumber) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.notWhole == nil {
		return
	}
	given := v.notWhole.Text('g', -1)
	problem := fmt.Sprintf("%s is not a whole number; %s takes only whole numbers.", given, argumentName(req.Path))
	if v.notWhole.IsInt() {
		problem = fmt.Sprintf("%s is far beyond any value %s takes; its documentation gives the range.", given, argumentName(req.Path))
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+argumentName(req.Path), problem)
}

// argumentName is the name of the attribute at p, without the set element
// a nested one is in (the framework writes out the element's whole value).
func argumentName(p path.Path) string {
	steps := p.Steps()
	for i := len(steps) - 1; i >= 0; i-- {
		if name, ok := steps[i].(path.PathStepAttributeName); ok {
			return string(name)
		}
	}
	return p.String()
}
