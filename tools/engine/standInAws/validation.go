package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The names IAM accepts: letters, digits and +=,.@_- (the provider's own check).
var (
	roleNamePattern   = regexp.MustCompile(`^[\w+=,.@-]+$`)
	policyNamePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)
	arnPattern        = regexp.MustCompile(`^arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12})?:.+$`)
)

func joinFailures(lists ...[]*pulumirpc.CheckFailure) []*pulumirpc.CheckFailure {
	var all []*pulumirpc.CheckFailure
	for _, list := range lists {
		all = append(all, list...)
	}
	return all
}

// known is the string value of `key`, if it is set and known now.
func known(inputs resource.PropertyMap, key string) (string, bool) {
	value, ok := inputs[resource.PropertyKey(key)]
	if ok && value.IsSecret() {
		value = value.SecretValue().Element
	}
	if !ok || !value.IsString() {
		return "", false
	}
	return value.StringValue(), true
}

// stringOf is the string value of `key`, or "" when it is unset or not a string.
func stringOf(inputs resource.PropertyMap, key string) string {
	value, _ := known(inputs, key)
	return value
}

func failure(key, format string, args ...any) []*pulumirpc.CheckFailure {
	return []*pulumirpc.CheckFailure{{Property: key, Reason: fmt.Sprintf(format, args...)}}
}

func validateName(inputs resource.PropertyMap, maxLength int, pattern *regexp.Regexp) []*pulumirpc.CheckFailure {
	name, ok := known(inputs, "name")
	if !ok {
		return nil
	}
	if len(name) > maxLength {
		return failure("name", "expected length of name to be in the range (1 - %d), got %s", maxLength, name)
	}
	if !pattern.MatchString(name) {
		return failure("name", "must match [\\w+=,.@-], got %q", name)
	}
	return nil
}

func validatePath(inputs resource.PropertyMap) []*pulumirpc.CheckFailure {
	path, ok := known(inputs, "path")
	if !ok {
		return nil
	}
	if len(path) > 512 || !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		return failure("path", "must begin and end with / and be at most 512 characters, got %q", path)
	}
	return nil
}

func validateSessionDuration(inputs resource.PropertyMap) []*pulumirpc.CheckFailure {
	value, ok := inputs["maxSessionDuration"]
	if !ok || !value.IsNumber() {
		return nil
	}
	if seconds := value.NumberValue(); seconds < 3600 || seconds > 43200 {
		return failure("maxSessionDuration", "expected max_session_duration to be in the range (3600 - 43200), got %v", seconds)
	}
	return nil
}

func validateArn(inputs resource.PropertyMap, key string) []*pulumirpc.CheckFailure {
	arn, ok := known(inputs, key)
	if ok && !arnPattern.MatchString(arn) {
		return failure(key, "%q is an invalid ARN", arn)
	}
	return nil
}

func validatePolicyDocument(inputs resource.PropertyMap, key string) []*pulumirpc.CheckFailure {
	text, ok := known(inputs, key)
	if !ok {
		return nil
	}
	var document map[string]any
	if err := json.Unmarshal([]byte(text), &document); err != nil {
		return failure(key, "%q contains an invalid JSON policy: %v", key, err)
	}
	return nil
}

// samePolicyDocument tells whether two policy texts are the same document, as the provider
// compares them: whatever the layout, the order of keys, of statements and of list entries, and
// whether a single entry is written as a list.
func samePolicyDocument(a, b string) bool {
	if a == b {
		return true
	}
	var left, right any
	if json.Unmarshal([]byte(a), &left) != nil || json.Unmarshal([]byte(b), &right) != nil {
		return false
	}
	return canonical(left) == canonical(right)
}

func canonical(value any) string {
	switch v := value.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for key := range v {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, key := range keys {
			name, _ := json.Marshal(key)
			parts[i] = string(name) + ":" + canonical(v[key])
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		if len(v) == 1 {
			return canonical(v[0])
		}
		parts := make([]string, len(v))
		for i, item := range v {
			parts[i] = canonical(item)
		}
		sort.Strings(parts)
		return "[" + strings.Join(parts, ",") + "]"
	default:
		text, _ := json.Marshal(v)
		return string(text)
	}
}
