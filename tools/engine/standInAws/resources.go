package main

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// kind is what the stand-in knows of one resource type: the real provider's inputs, defaults and
// replacement rules (from the Terraform AWS provider, which Pulumi's AWS provider bridges), and
// the outputs AWS would compute.
type kind struct {
	token string
	// inputs are the type's input properties, as the schema lists them.
	inputs []string
	// required are the inputs without which the provider refuses the resource.
	required []string
	// defaults are the values the provider fills for inputs left unset (listed in __defaults).
	defaults map[string]resource.PropertyValue
	// autonamed is the input Pulumi fills with a unique name when the program leaves it unset.
	autonamed string
	// maxNameLength is the longest name AWS accepts for this type.
	maxNameLength int
	// replacedBy are the inputs whose change replaces the resource (ForceNew); every input when all is set.
	replacedBy    map[string]bool
	replacedByAll bool
	// alwaysDeletesFirst: a replacement deletes the old resource before creating the new one.
	alwaysDeletesFirst bool
	// policyDocuments are the inputs holding IAM policy JSON, compared as documents, not as text.
	policyDocuments map[string]bool
	// validate refuses values AWS would refuse, as the provider's Check does.
	validate func(inputs resource.PropertyMap) []*pulumirpc.CheckFailure
	// computed are the outputs AWS computes on create, from the checked inputs.
	computed func(inputs resource.PropertyMap) (id string, outputs resource.PropertyMap)
	// computedKeys are the outputs computed on create, unknown in the preview of a create.
	computedKeys []string
}

var kinds = map[string]*kind{
	policyKind.token:     policyKind,
	roleKind.token:       roleKind,
	attachmentKind.token: attachmentKind,
}

// kindOf is the kind of a resource, by its type or else its URN's type; an error for any other type.
func kindOf(typ, urn string) (*kind, error) {
	if typ == "" {
		typ = string(resource.URN(urn).Type())
	}
	if k, ok := kinds[typ]; ok {
		return k, nil
	}
	tokens := make([]string, 0, len(kinds))
	for token := range kinds {
		tokens = append(tokens, token)
	}
	sort.Strings(tokens)
	return nil, fmt.Errorf("the stand-in aws provider serves only %v, not %s", tokens, typ)
}

var policyKind = &kind{
	token:         "aws:iam/policy:Policy",
	inputs:        []string{"description", "name", "namePrefix", "path", "policy", "tags"},
	required:      []string{"policy"},
	defaults:      map[string]resource.PropertyValue{"path": resource.NewStringProperty("/")},
	autonamed:     "name",
	maxNameLength: 128,
	// IAM has no API to rename a policy, move it or change its description.
	replacedBy:      map[string]bool{"name": true, "namePrefix": true, "path": true, "description": true},
	policyDocuments: map[string]bool{"policy": true},
	validate: func(inputs resource.PropertyMap) []*pulumirpc.CheckFailure {
		return joinFailures(
			validatePath(inputs),
			validatePolicyDocument(inputs, "policy"),
			validateName(inputs, 128, policyNamePattern),
		)
	},
	computed: func(inputs resource.PropertyMap) (string, resource.PropertyMap) {
		name := stringOf(inputs, "name")
		arn := iamArn("policy", stringOf(inputs, "path"), name)
		return arn, resource.PropertyMap{
			"arn":             resource.NewStringProperty(arn),
			"policyId":        resource.NewStringProperty(uniqueID("ANPA")),
			"attachmentCount": resource.NewNumberProperty(0),
		}
	},
	computedKeys: []string{"arn", "policyId", "attachmentCount", "tagsAll"},
}

var roleKind = &kind{
	token: "aws:iam/role:Role",
	inputs: []string{
		"assumeRolePolicy", "description", "forceDetachPolicies", "inlinePolicies", "managedPolicyArns",
		"maxSessionDuration", "name", "namePrefix", "path", "permissionsBoundary", "tags",
	},
	required: []string{"assumeRolePolicy"},
	defaults: map[string]resource.PropertyValue{
		"path":                resource.NewStringProperty("/"),
		"maxSessionDuration":  resource.NewNumberProperty(3600),
		"forceDetachPolicies": resource.NewBoolProperty(false),
	},
	autonamed:       "name",
	maxNameLength:   64,
	replacedBy:      map[string]bool{"name": true, "namePrefix": true, "path": true},
	policyDocuments: map[string]bool{"assumeRolePolicy": true},
	validate: func(inputs resource.PropertyMap) []*pulumirpc.CheckFailure {
		return joinFailures(
			validatePath(inputs),
			validatePolicyDocument(inputs, "assumeRolePolicy"),
			validateName(inputs, 64, roleNamePattern),
			validateSessionDuration(inputs),
		)
	},
	computed: func(inputs resource.PropertyMap) (string, resource.PropertyMap) {
		name := stringOf(inputs, "name")
		arn := iamArn("role", stringOf(inputs, "path"), name)
		return name, resource.PropertyMap{
			"arn":        resource.NewStringProperty(arn),
			"uniqueId":   resource.NewStringProperty(uniqueID("AROA")),
			"createDate": resource.NewStringProperty(nowRFC3339()),
		}
	},
	computedKeys: []string{"arn", "uniqueId", "createDate", "tagsAll"},
}

var attachmentKind = &kind{
	token:    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
	inputs:   []string{"policyArn", "role"},
	required: []string{"policyArn", "role"},
	defaults: map[string]resource.PropertyValue{},
	// An attachment has no update: any change detaches and attaches again.
	replacedByAll:      true,
	alwaysDeletesFirst: true,
	validate: func(inputs resource.PropertyMap) []*pulumirpc.CheckFailure {
		return validateArn(inputs, "policyArn")
	},
	computed: func(inputs resource.PropertyMap) (string, resource.PropertyMap) {
		return prefixedUniqueID(stringOf(inputs, "role") + "-"), resource.PropertyMap{}
	},
}

// replaces tells whether a change to input `key` replaces the resource.
func (k *kind) replaces(key string) bool {
	return k.replacedByAll || k.replacedBy[key]
}
