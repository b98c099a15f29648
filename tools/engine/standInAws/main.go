// The stand-in aws provider: a Pulumi resource provider plugin named
// `pulumi-resource-aws` for the engine tests (`npm run test:engine`). It is not
// AWS and calls no AWS API. It serves the three IAM types ExportRole registers
// (aws:iam/policy:Policy, aws:iam/role:Role,
// aws:iam/rolePolicyAttachment:RolePolicyAttachment) with the real provider's
// replacement rules, defaults and the shapes of AWS's ids, names and ARNs, and
// keeps nothing of its own: every resource lives only in the state the engine
// keeps (the tests' local file backend). tools/engine/build.sh builds it into
// a folder of its own, which only the tests put on PATH.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/resource/provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// standInVersion is the version of @pulumi/aws this repository uses: the version the engine asks for.
const standInVersion = "7.48.0"

//go:embed schema.json
var standInSchema string

func main() {
	if err := provider.Main("aws", func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &standIn{host: host}, nil
	}); err != nil {
		fmt.Fprintf(os.Stderr, "stand-in pulumi-resource-aws: %v\n", err)
		os.Exit(1)
	}
}

// standIn serves the provider protocol. Its only state is the provider config the engine configured it with.
type standIn struct {
	pulumirpc.UnimplementedResourceProviderServer
	host *provider.HostClient

	mu     sync.Mutex
	region string
}

// Every value as the engine sends it: unknowns and secrets kept, nulls dropped.
var wire = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}

func (p *standIn) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: standInVersion}, nil
}

func (p *standIn) GetSchema(_ context.Context, req *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	if req.GetVersion() != 0 {
		return nil, fmt.Errorf("stand-in aws provider: unsupported schema version %d", req.GetVersion())
	}
	return &pulumirpc.GetSchemaResponse{Schema: standInSchema}, nil
}

func (p *standIn) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *standIn) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := plugin.UnmarshalProperties(req.GetOldInputs(), wire)
	if err != nil {
		return nil, err
	}
	news, err := plugin.UnmarshalProperties(req.GetNews(), wire)
	if err != nil {
		return nil, err
	}
	// A provider's config changes no IAM resource: IAM is global.
	if olds.DeepEquals(news) {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME}, nil
}

func (p *standIn) Configure(
	ctx context.Context, req *pulumirpc.ConfigureRequest,
) (*pulumirpc.ConfigureResponse, error) {
	region := req.GetVariables()["aws:region"]
	if args := req.GetArgs(); args != nil {
		if value, ok := args.GetFields()["region"]; ok && value.GetStringValue() != "" {
			region = value.GetStringValue()
		}
	}
	p.mu.Lock()
	p.region = region
	p.mu.Unlock()
	partition.Store(partitionOf(region))
	if p.host != nil {
		_ = p.host.Log(ctx, diag.Info, "",
			"pulumi-resource-aws is pinpoint-export's test stand-in: it calls no AWS API, and its resources exist only in this stack's state")
	}
	return &pulumirpc.ConfigureResponse{
		AcceptSecrets:   true,
		AcceptResources: true,
		SupportsPreview: true,
	}, nil
}

func (p *standIn) configuredRegion() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.region
}

func (p *standIn) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	var result map[string]any
	switch req.GetTok() {
	case "aws:index/getCallerIdentity:getCallerIdentity":
		result = map[string]any{
			"accountId": standInAccount,
			"arn":       fmt.Sprintf("arn:aws:iam::%s:user/stand-in", standInAccount),
			"id":        standInAccount,
			"userId":    "AIDA" + strings.Repeat("STANDIN", 3)[:17],
		}
	case "aws:index/getRegion:getRegion":
		region := p.configuredRegion()
		if region == "" {
			return nil, fmt.Errorf("stand-in aws provider: no region: set aws:region")
		}
		result = map[string]any{
			"id":          region,
			"region":      region,
			"name":        region,
			"endpoint":    fmt.Sprintf("ec2.%s.amazonaws.com", region),
			"description": "",
		}
	default:
		return nil, fmt.Errorf("stand-in aws provider: %s is not one of the functions it serves "+
			"(aws:index/getCallerIdentity:getCallerIdentity, aws:index/getRegion:getRegion)", req.GetTok())
	}
	out, err := structpb.NewStruct(result)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: out}, nil
}

// kindAndProperties is the kind of a request's resource, and the request's old and new properties as the engine sent them.
func kindAndProperties(typ, urn string, olds, news *structpb.Struct) (*kind, resource.PropertyMap, resource.PropertyMap, error) {
	kind, err := kindOf(typ, urn)
	if err != nil {
		return nil, nil, nil, err
	}
	before, err := plugin.UnmarshalProperties(olds, wire)
	if err != nil {
		return nil, nil, nil, err
	}
	after, err := plugin.UnmarshalProperties(news, wire)
	if err != nil {
		return nil, nil, nil, err
	}
	return kind, before, after, nil
}

func (p *standIn) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	kind, olds, news, err := kindAndProperties(req.GetType(), req.GetUrn(), req.GetOlds(), req.GetNews())
	if err != nil {
		return nil, err
	}
	checked, failures, err := kind.check(resource.URN(req.GetUrn()).Name(), olds, news, req.GetRandomSeed())
	if err != nil {
		return nil, err
	}
	inputs, err := plugin.MarshalProperties(checked, wire)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: failures}, nil
}

func (p *standIn) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	kind, oldInputs, news, err := kindAndProperties(req.GetType(), req.GetUrn(), req.GetOldInputs(), req.GetNews())
	if err != nil {
		return nil, err
	}
	return kind.diff(oldInputs, news), nil
}

func (p *standIn) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	kind, err := kindOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	inputs, err := plugin.UnmarshalProperties(req.GetProperties(), wire)
	if err != nil {
		return nil, err
	}
	id, outputs := kind.create(inputs, req.GetPreview())
	properties, err := plugin.MarshalProperties(outputs, wire)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: properties}, nil
}

func (p *standIn) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	kind, olds, news, err := kindAndProperties(req.GetType(), req.GetUrn(), req.GetOlds(), req.GetNews())
	if err != nil {
		return nil, err
	}
	properties, err := plugin.MarshalProperties(kind.update(olds, news), wire)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: properties}, nil
}

// Read gives back what the engine's state holds: the stand-in has nothing else to read, so a refresh changes nothing.
func (p *standIn) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if _, err := kindOf(req.GetType(), req.GetUrn()); err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

// Delete forgets nothing, as it keeps nothing: the engine removes the resource from its state.
func (p *standIn) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	if _, err := kindOf(req.GetType(), req.GetUrn()); err != nil {
		return nil, err
	}
	return &emptypb.Empty{}, nil
}

func (p *standIn) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
