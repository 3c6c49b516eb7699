package frameworkfix

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// CopyFromState, CopyFromPlan, CopyFromConfig and CopyToState copy a model
// struct from and to a state, plan or config as the framework's Get and Set
// do, with the model's tfsdk tags read once per model type.
//
// Works around https://github.com/hashicorp/terraform-plugin-framework/issues/725:
// the framework's Get and Set read a model's tags on every call and
// isValidFieldName (internal/reflect/helpers.go) compiles a regular
// expression for each tag it checks, so a read or a plan of a resource with
// a dozen attributes spends more on its model than on the engine. Every
// resource and data source reads and writes its model through these. A
// model they do not understand (a field that is not an attr.Value, a tag
// the schema does not have) goes to the framework's own Get and Set.
// TestCopyMatchesTheFramework holds them equal to Get and Set.

// modelField is one attribute of a model: its tfsdk tag and where the
// field is, through any struct embedded by value (a data source's model
// embeds the resource's).
type modelField struct {
	tag   string
	index []int
}

// modelFields maps a model struct type to its fields.
var modelFields sync.Map // reflect.Type → []modelField (nil for an unusable model)

func fieldsOf(t reflect.Type) []modelField {
	if fields, ok := modelFields.Load(t); ok {
		return fields.([]modelField)
	}
	fields, ok := collectFields(t, nil, map[string]bool{})
	if !ok {
		fields = nil
	}
	modelFields.Store(t, fields)
	return fields
}

// collectFields lists the attributes of t, a struct found at index; ok is
// false for a model the framework alone understands.
func collectFields(t reflect.Type, index []int, seen map[string]bool) (fields []modelField, ok bool) {
	attrValue := reflect.TypeFor[attr.Value]()
	for i := range t.NumField() {
		f := t.Field(i)
		at := append(append([]int{}, index...), i)
		tag := f.Tag.Get("tfsdk")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			embedded, ok := collectFields(f.Type, at, seen)
			if !ok {
				return nil, false
			}
			fields = append(fields, embedded...)
			continue
		}
		if tag == "" || tag == "-" || seen[tag] || !f.IsExported() || !f.Type.Implements(attrValue) {
			return nil, false
		}
		seen[tag] = true
		fields = append(fields, modelField{tag, at})
	}
	return fields, true
}

// ObjectTypeOf is the object type of T, a model of a nested object whose
// attributes are all of primitive types (a set's or list's element type
// cannot be read from a zero value), so that the type and the model cannot
// disagree.
func ObjectTypeOf[T any](ctx context.Context) types.ObjectType {
	t := reflect.TypeFor[T]()
	fields := fieldsOf(t)
	if fields == nil {
		panic(fmt.Sprintf("%s is not a model", t))
	}
	attrTypes := make(map[string]attr.Type, len(fields))
	for _, f := range fields {
		attrTypes[f.tag] = reflect.Zero(t.FieldByIndex(f.index).Type).Interface().(attr.Value).Type(ctx)
	}
	return types.ObjectType{AttrTypes: attrTypes}
}

// ModelOf fills the struct target points to from raw, an object of typ, as
// the framework's Get would; false when it cannot (the model does not match
// typ, or raw is null or unknown), target untouched.
func ModelOf(ctx context.Context, raw tftypes.Value, typ attr.Type, target any) bool {
	rv := reflect.ValueOf(target)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct || !raw.IsKnown() || raw.IsNull() {
		return false
	}
	fields := fieldsOf(rv.Elem().Type())
	if fields == nil {
		return false
	}
	v, err := typ.ValueFromTerraform(ctx, raw)
	if err != nil {
		return false
	}
	obj, ok := v.(basetypes.ObjectValuable)
	if !ok {
		return false
	}
	o, diags := obj.ToObjectValue(ctx)
	if diags.HasError() {
		return false
	}
	attrs := o.Attributes()
	if len(attrs) != len(fields) {
		return false
	}
	out := reflect.New(rv.Elem().Type()).Elem()
	for _, f := range fields {
		a, ok := attrs[f.tag]
		if !ok {
			return false
		}
		av, field := reflect.ValueOf(a), out.FieldByIndex(f.index)
		if !av.Type().AssignableTo(field.Type()) {
			return false
		}
		field.Set(av)
	}
	rv.Elem().Set(out)
	return true
}

// ObjectOf turns a model struct into an object of typ, as the framework's
// Set would before writing it; false when the model does not match typ.
func ObjectOf(ctx context.Context, typ attr.Type, model any) (types.Object, bool) {
	rv := reflect.ValueOf(model)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	ot, ok := typ.(attr.TypeWithAttributeTypes)
	if !ok || rv.Kind() != reflect.Struct {
		return types.Object{}, false
	}
	fields := fieldsOf(rv.Type())
	if fields == nil {
		return types.Object{}, false
	}
	attrs := make(map[string]attr.Value, len(fields))
	for _, f := range fields {
		attrs[f.tag] = rv.FieldByIndex(f.index).Interface().(attr.Value)
	}
	obj, diags := types.ObjectValue(ot.AttributeTypes(), attrs)
	return obj, !diags.HasError()
}

// CopyFromState is s.Get(ctx, target).
func CopyFromState(ctx context.Context, s tfsdk.State, target any) diag.Diagnostics {
	if ModelOf(ctx, s.Raw, s.Schema.Type(), target) {
		return nil
	}
	return s.Get(ctx, target)
}

// CopyFromPlan is p.Get(ctx, target).
func CopyFromPlan(ctx context.Context, p tfsdk.Plan, target any) diag.Diagnostics {
	if ModelOf(ctx, p.Raw, p.Schema.Type(), target) {
		return nil
	}
	return p.Get(ctx, target)
}

// CopyFromConfig is c.Get(ctx, target).
func CopyFromConfig(ctx context.Context, c tfsdk.Config, target any) diag.Diagnostics {
	if ModelOf(ctx, c.Raw, c.Schema.Type(), target) {
		return nil
	}
	return c.Get(ctx, target)
}

// CopyToState is s.Set(ctx, model).
func CopyToState(ctx context.Context, s *tfsdk.State, model any) diag.Diagnostics {
	if obj, ok := ObjectOf(ctx, s.Schema.Type(), model); ok {
		return s.Set(ctx, obj)
	}
	return s.Set(ctx, model)
}
