package main

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pinpoint.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func checked(t *testing.T, k *kind, olds, news resource.PropertyMap) resource.PropertyMap {
	t.Helper()
	inputs, failures, err := k.check("pinpoint-export-role", olds, news, []byte("seed"))
	if err != nil || len(failures) > 0 {
		t.Fatalf("check: %v %v", err, failures)
	}
	return inputs
}

func TestCheckFillsTheAutonameAndDefaultsAndKeepsTheAutonameOnUpdate(t *testing.T) {
	news := resource.PropertyMap{"assumeRolePolicy": resource.NewStringProperty(trust)}
	first := checked(t, roleKind, nil, news)
	name := first["name"].StringValue()
	if !regexp.MustCompile(`^pinpoint-export-role-[0-9a-f]{7}$`).MatchString(name) {
		t.Fatalf("autoname %q", name)
	}
	if got := first["__defaults"].ArrayValue(); len(got) != 4 || got[2].StringValue() != "name" {
		t.Fatalf("__defaults %v", got)
	}
	again := checked(t, roleKind, first, news)
	if again["name"].StringValue() != name {
		t.Fatalf("an update renamed %q to %q", name, again["name"].StringValue())
	}
}

func TestDiffFollowsTheProviderReplacementRules(t *testing.T) {
	base := resource.PropertyMap{
		"assumeRolePolicy": resource.NewStringProperty(trust),
		"description":      resource.NewStringProperty("one"),
	}
	olds := checked(t, roleKind, nil, base)

	changedDescription := olds.Copy()
	changedDescription["description"] = resource.NewStringProperty("two")
	diff := roleKind.diff(olds, changedDescription)
	if diff.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(diff.Replaces) != 0 ||
		diff.DetailedDiff["description"].Kind != pulumirpc.PropertyDiff_UPDATE {
		t.Fatalf("a role's description is updated in place: %v", diff)
	}

	newPath := olds.Copy()
	newPath["path"] = resource.NewStringProperty("/service-role/")
	diff = roleKind.diff(olds, newPath)
	if len(diff.Replaces) != 1 || diff.Replaces[0] != "path" || diff.DeleteBeforeReplace {
		t.Fatalf("a new path replaces an autonamed role, creating first: %v", diff)
	}

	named := checked(t, roleKind, nil, resource.PropertyMap{
		"assumeRolePolicy": resource.NewStringProperty(trust),
		"name":             resource.NewStringProperty("given"),
	})
	renamed := named.Copy()
	renamed["name"] = resource.NewStringProperty("other")
	if diff = roleKind.diff(named, renamed); !diff.DeleteBeforeReplace ||
		diff.DetailedDiff["name"].Kind != pulumirpc.PropertyDiff_UPDATE_REPLACE {
		t.Fatalf("a role with an explicit name is deleted before it is replaced: %v", diff)
	}

	policy := checked(t, policyKind, nil, resource.PropertyMap{
		"policy":      resource.NewStringProperty(trust),
		"description": resource.NewStringProperty("one"),
	})
	described := policy.Copy()
	described["description"] = resource.NewStringProperty("two")
	if diff = policyKind.diff(policy, described); len(diff.Replaces) != 1 || diff.Replaces[0] != "description" {
		t.Fatalf("a policy's description replaces it: %v", diff)
	}

	attachment := resource.PropertyMap{
		"role":      resource.NewStringProperty("r"),
		"policyArn": resource.NewStringProperty("arn:aws:iam::123456789012:policy/p"),
	}
	moved := attachment.Copy()
	moved["policyArn"] = resource.NewStringProperty("arn:aws:iam::123456789012:policy/q")
	if diff = attachmentKind.diff(attachment, moved); !diff.DeleteBeforeReplace || len(diff.Replaces) != 1 {
		t.Fatalf("an attachment is replaced, deleting first: %v", diff)
	}
}

func TestPolicyDocumentsAreComparedAsDocuments(t *testing.T) {
	reordered := `{"Statement":[{"Action":["sts:AssumeRole"],"Principal":{"Service":"pinpoint.amazonaws.com"},"Effect":"Allow"}],"Version":"2012-10-17"}`
	if !samePolicyDocument(trust, reordered) {
		t.Fatal("the same document, keys reordered and one action as a list, is no change")
	}
	if samePolicyDocument(trust, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"Service":"pinpoint.amazonaws.com"},"Action":"sts:AssumeRole"}]}`) {
		t.Fatal("another effect is a change")
	}
	olds := resource.PropertyMap{"policy": resource.NewStringProperty(trust)}
	news := resource.PropertyMap{"policy": resource.NewStringProperty(reordered)}
	if diff := policyKind.diff(olds, news); diff.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("reordered policy JSON: %v", diff)
	}
}

func TestCheckRefusesWhatAWSWould(t *testing.T) {
	_, failures, _ := roleKind.check("r", nil, resource.PropertyMap{
		"assumeRolePolicy":   resource.NewStringProperty("not json"),
		"path":               resource.NewStringProperty("no-slashes"),
		"maxSessionDuration": resource.NewNumberProperty(60),
	}, nil)
	refused := map[string]bool{}
	for _, failure := range failures {
		refused[failure.Property] = true
	}
	for _, key := range []string{"assumeRolePolicy", "path", "maxSessionDuration"} {
		if !refused[key] {
			t.Errorf("%s is not refused: %v", key, failures)
		}
	}
}

func TestShapes(t *testing.T) {
	if got := iamArn("role", "/service-role/", "r"); got != "arn:aws:iam::123456789012:role/service-role/r" {
		t.Errorf("role ARN %q", got)
	}
	if got := prefixedUniqueID("r-"); !regexp.MustCompile(`^r-\d{18}[0-9a-f]{8}$`).MatchString(got) {
		t.Errorf("attachment id %q", got)
	}
	if got := uniqueID("AROA"); !regexp.MustCompile(`^AROA[A-Z2-7]{17}$`).MatchString(got) {
		t.Errorf("unique id %q", got)
	}
}
