package main

import (
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// standInAccount is the account the stand-in answers sts:GetCallerIdentity with, and owns its
// roles and policies: AWS's own example account id, which belongs to no one.
const standInAccount = "123456789012"

// partition is the AWS partition of the configured region: aws, aws-cn or aws-us-gov.
var partition atomic.Value

func init() {
	partition.Store("aws")
}

// partitionOf is the partition a region belongs to.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	default:
		return "aws"
	}
}

// iamArn is the ARN of an IAM role or policy, e.g. arn:aws:iam::123456789012:role/service-role/name.
func iamArn(resourceType, path, name string) string {
	if path == "" {
		path = "/"
	}
	return fmt.Sprintf("arn:%s:iam::%s:%s%s%s", partition.Load(), standInAccount, resourceType, path, name)
}

// uniqueID is an IAM unique id: a four-letter prefix naming its kind (AROA for a role, ANPA for a
// managed policy) and 17 random upper-case letters and digits.
func uniqueID(prefix string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	random := make([]byte, 17)
	if _, err := rand.Read(random); err != nil {
		panic(err)
	}
	for i, b := range random {
		random[i] = alphabet[int(b)%len(alphabet)]
	}
	return prefix + string(random)
}

var (
	idMutex   sync.Mutex
	idCounter uint32
)

// prefixedUniqueID is the Terraform AWS provider's id.PrefixedUniqueId: the prefix, a UTC
// timestamp to the ten-thousandth of a second, and an 8-digit hex counter (26 characters after
// the prefix). An attachment's id is `<role>-` with one.
func prefixedUniqueID(prefix string) string {
	idMutex.Lock()
	defer idMutex.Unlock()
	idCounter++
	timestamp := strings.Replace(time.Now().UTC().Format("20060102150405.0000"), ".", "", 1)
	return fmt.Sprintf("%s%s%08x", prefix, timestamp, idCounter)
}

// nowRFC3339 is a creation date as IAM gives it.
func nowRFC3339() string {
	return time.Now().UTC().Format(time.RFC3339)
}
