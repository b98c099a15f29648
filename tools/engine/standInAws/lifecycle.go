package main

import (
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// defaultsKey lists the inputs a provider filled itself, as Pulumi's bridged providers record them.
const defaultsKey = resource.PropertyKey("__defaults")

// check is the provider's Check: the program's inputs with the autoname and the defaults filled
// in (and listed in __defaults), or the reasons AWS would refuse them.
func (k *kind) check(
	urnName string, olds, news resource.PropertyMap, randomSeed []byte,
) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	checked := news.Copy()
	delete(checked, defaultsKey)
	var filled []string

	if k.autonamed != "" {
		key := resource.PropertyKey(k.autonamed)
		_, named := checked[key]
		_, prefixed := checked["namePrefix"]
		if !named && !prefixed {
			// An update keeps the name generated before, as the real provider does.
			if old, ok := olds[key]; ok && listsDefault(olds, k.autonamed) {
				checked[key] = old
			} else {
				name, err := resource.NewUniqueName(randomSeed, urnName+"-", 7, k.maxNameLength, nil)
				if err != nil {
					return nil, []*pulumirpc.CheckFailure{{Property: k.autonamed, Reason: err.Error()}}, nil
				}
				checked[key] = resource.NewStringProperty(name)
			}
			filled = append(filled, k.autonamed)
		}
	}
	for key, value := range k.defaults {
		if _, ok := checked[resource.PropertyKey(key)]; !ok {
			checked[resource.PropertyKey(key)] = value
			filled = append(filled, key)
		}
	}
	sort.Strings(filled)
	listed := make([]resource.PropertyValue, len(filled))
	for i, key := range filled {
		listed[i] = resource.NewStringProperty(key)
	}
	checked[defaultsKey] = resource.NewArrayProperty(listed)

	var failures []*pulumirpc.CheckFailure
	for _, key := range k.required {
		if _, ok := checked[resource.PropertyKey(key)]; !ok {
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: key,
				Reason:   "Missing required argument. The argument \"" + key + "\" is required, but no definition was found.",
			})
		}
	}
	failures = append(failures, k.validate(checked)...)
	return checked, failures, nil
}

// listsDefault tells whether checked inputs list `key` in __defaults.
func listsDefault(inputs resource.PropertyMap, key string) bool {
	listed, ok := inputs[defaultsKey]
	if !ok || !listed.IsArray() {
		return false
	}
	for _, value := range listed.ArrayValue() {
		if value.IsString() && value.StringValue() == key {
			return true
		}
	}
	return false
}

// diff is the provider's Diff of the old checked inputs against the new ones, property by property,
// with the provider's replacement rules.
func (k *kind) diff(olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
	keys := map[resource.PropertyKey]bool{}
	for key := range olds {
		keys[key] = true
	}
	for key := range news {
		keys[key] = true
	}
	delete(keys, defaultsKey)

	detailed := map[string]*pulumirpc.PropertyDiff{}
	var changed, replaced []string
	for key := range keys {
		old, hadOld := olds[key]
		value, hasNew := news[key]
		var diffKind pulumirpc.PropertyDiff_Kind
		switch {
		case !hadOld && hasNew:
			diffKind = pulumirpc.PropertyDiff_ADD
		case hadOld && !hasNew:
			diffKind = pulumirpc.PropertyDiff_DELETE
		case k.sameValue(string(key), old, value):
			continue
		default:
			diffKind = pulumirpc.PropertyDiff_UPDATE
		}
		name := string(key)
		if k.replaces(name) {
			diffKind = asReplace(diffKind)
			replaced = append(replaced, name)
		}
		detailed[name] = &pulumirpc.PropertyDiff{Kind: diffKind, InputDiff: true}
		changed = append(changed, name)
	}
	sort.Strings(changed)
	sort.Strings(replaced)

	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE, HasDetailedDiff: true}
	}
	// The real provider deletes first whenever the new resource could not exist beside the old one:
	// always for an attachment, and for a role or policy whose name the program gave.
	deleteFirst := len(replaced) > 0 &&
		(k.alwaysDeletesFirst || (k.autonamed != "" && hasExplicit(news, k.autonamed)))
	return &pulumirpc.DiffResponse{
		Changes:             pulumirpc.DiffResponse_DIFF_SOME,
		Replaces:            replaced,
		Diffs:               changed,
		DetailedDiff:        detailed,
		HasDetailedDiff:     true,
		DeleteBeforeReplace: deleteFirst,
	}
}

// sameValue compares one input's old and new values: policy documents as JSON documents, an
// unknown value as a change, anything else as it is.
func (k *kind) sameValue(key string, old, value resource.PropertyValue) bool {
	if value.ContainsUnknowns() || old.ContainsUnknowns() {
		return false
	}
	if k.policyDocuments[key] && old.IsString() && value.IsString() {
		return samePolicyDocument(old.StringValue(), value.StringValue())
	}
	return old.DeepEquals(value)
}

func asReplace(diffKind pulumirpc.PropertyDiff_Kind) pulumirpc.PropertyDiff_Kind {
	switch diffKind {
	case pulumirpc.PropertyDiff_ADD:
		return pulumirpc.PropertyDiff_ADD_REPLACE
	case pulumirpc.PropertyDiff_DELETE:
		return pulumirpc.PropertyDiff_DELETE_REPLACE
	default:
		return pulumirpc.PropertyDiff_UPDATE_REPLACE
	}
}

// hasExplicit tells whether checked inputs hold `key` as given by the program, not filled by the provider.
func hasExplicit(inputs resource.PropertyMap, key string) bool {
	_, ok := inputs[resource.PropertyKey(key)]
	return ok && !listsDefault(inputs, key)
}

// create is the provider's Create: the id and outputs AWS would give the resource. In a preview
// the computed outputs are unknown, as they are until AWS answers.
func (k *kind) create(inputs resource.PropertyMap, preview bool) (string, resource.PropertyMap) {
	outputs := inputs.Copy()
	delete(outputs, defaultsKey)
	if k.autonamed != "" {
		if prefix, ok := outputs["namePrefix"]; ok && prefix.IsString() {
			if _, named := outputs[resource.PropertyKey(k.autonamed)]; !named {
				outputs[resource.PropertyKey(k.autonamed)] = resource.NewStringProperty(prefixedUniqueID(prefix.StringValue()))
			}
		}
	}
	if preview {
		for _, key := range k.computedKeys {
			outputs[resource.PropertyKey(key)] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		return "", outputs
	}
	id, computed := k.computed(outputs)
	for key, value := range computed {
		outputs[key] = value
	}
	if k.hasTags() {
		outputs["tagsAll"] = tagsAllOf(outputs)
	}
	return id, outputs
}

// update is the provider's Update in place: the new inputs, with what AWS computed at creation kept.
func (k *kind) update(olds, news resource.PropertyMap) resource.PropertyMap {
	outputs := news.Copy()
	delete(outputs, defaultsKey)
	for _, key := range k.computedKeys {
		if value, ok := olds[resource.PropertyKey(key)]; ok {
			outputs[resource.PropertyKey(key)] = value
		}
	}
	if k.hasTags() {
		outputs["tagsAll"] = tagsAllOf(outputs)
	}
	return outputs
}

func (k *kind) hasTags() bool {
	for _, input := range k.inputs {
		if input == "tags" {
			return true
		}
	}
	return false
}

// tagsAllOf is the resource's tags with the provider's default tags, of which the stand-in has none.
func tagsAllOf(outputs resource.PropertyMap) resource.PropertyValue {
	if tags, ok := outputs["tags"]; ok {
		return tags
	}
	return resource.NewObjectProperty(resource.PropertyMap{})
}
