// Generates the Python SDK of a package schema with Pulumi's own Python generator
// (github.com/pulumi/pulumi/pkg/v3/codegen/python), the one pulumi-language-python runs for
// `pulumi package gen-sdk --language python`. The Go module proxy refuses that language host, not
// the generator. As gen-sdk does, it binds the schema first, resolving references to other packages
// (aws) through the resource plugins the engine finds, here the stand-in aws provider on PATH.
//
//	python-sdk <schema.json> <out dir>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/backend/diy/unauthenticatedregistry"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/packages"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/env"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: python-sdk <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "python-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaFile, out string) error {
	text, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s is not a package schema: %w", schemaFile, err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	// The plugin context `pulumi package gen-sdk` makes when no backend is logged in; the plugins
	// come from PATH, and the tests turn automatic plugin downloads off.
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	pctx, err := packages.NewPluginContext(cwd, unauthenticatedregistry.New(sink, env.Global()))
	if err != nil {
		return err
	}
	defer pctx.Close()
	loader := schema.NewPluginLoader(pctx)
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding %s: %w", schemaFile, diags)
	}
	files, err := python.GeneratePackage("pulumi-language-python", pkg, nil, loader)
	if err != nil {
		return err
	}
	for name, content := range files {
		file := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
