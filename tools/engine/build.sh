#!/usr/bin/env bash
# Builds the Pulumi CLI at the version of our @pulumi/pulumi from the Go module proxy, pinned by
# go.mod and go.sum beside this script, and the YAML language host beside it, pinned by
# yamlHost/go.mod and go.sum, into a cache folder outside the repository; then the engine tests'
# stand-in aws provider (standInAws/), apart:
#
#   bash tools/engine/build.sh        # prints the folder to put on PATH, and how long the build took
#
# The CLI goes to bin/pulumi (the layout @pulumi/pulumi's Automation API expects of a Pulumi install),
# the YAML host to bin/pulumi-language-yaml, under $PINPOINT_EXPORT_ENGINE_DIR, else
# ${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export/engine/<version>. What is already there at the
# pinned versions is kept. `npm run test:engine` looks in the same folder.
#
# The YAML host has a wrapper module of its own because in one module Go would build it against the
# CLI's pkg/v3 v3.248.0, and no pulumi-yaml release the proxy serves compiles against that (v1.25.0,
# v1.30.0 and v1.32.0 call schema.NewPluginLoader with a plugin.Host; v3.248.0 takes a
# *plugin.Context). So it is built at pulumi-yaml's own pins (pkg/v3 v3.230.0 for v1.32.0), as
# Pulumi's releases build it; it talks to the CLI over gRPC only. Both share the module cache.
#
# The stand-in goes to stand-in/pulumi-resource-aws, a folder of its own that only the engine tests
# put on PATH: it is not AWS, and a user who puts bin/ on PATH must never deploy to it by mistake. It
# is built at every run (Go's build cache makes that a second when nothing changed), and so is
# tools/python-sdk, Pulumi's Python SDK generator without the Python host (pythonSdk/). The venv
# python/ holds what python/requirements.txt pins from PyPI (pulumi, pulumi_aws, mypy), for the
# tests' check of the generated Python SDK; it is made again when that file changes.
#
# Pulumi's other language hosts (pulumi-language-nodejs, -python, -go) are Go modules of their own,
# and the Go module proxy this project reaches refuses them (403, "This module version is not
# available"), so they cannot be required here: see CONTRIBUTING.md, "The real Pulumi CLI".
set -euo pipefail

VERSION=v3.248.0
MODULE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
YAML_VERSION="$(sed -n 's|^[[:space:]]*github.com/pulumi/pulumi-yaml \(v[^ ]*\).*|\1|p' "$MODULE_DIR/yamlHost/go.mod")"
ENGINE_DIR="${PINPOINT_EXPORT_ENGINE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export/engine/$VERSION}"
CLI="$ENGINE_DIR/bin/pulumi"
YAML_HOST="$ENGINE_DIR/bin/pulumi-language-yaml"
# The YAML host has no --version; the version it was built at is kept beside it.
YAML_STAMP="$ENGINE_DIR/bin/.pulumi-language-yaml.version"
STAND_IN="$ENGINE_DIR/stand-in/pulumi-resource-aws"
PYTHON_SDK_TOOL="$ENGINE_DIR/tools/python-sdk"
PYTHON_ENV="$ENGINE_DIR/python"

fail() {
    printf 'tools/engine/build.sh: %s\n' "$1" >&2
    exit 1
}

[[ -n "$YAML_VERSION" ]] || fail "tools/engine/yamlHost/go.mod does not require github.com/pulumi/pulumi-yaml."

command -v go >/dev/null 2>&1 ||
    fail "Go is not on PATH. Install Go 1.25.11 or newer (the CLI's go.mod needs it), then run this again."

build_cli=yes
if [[ -x "$CLI" ]] && [[ "$("$CLI" version 2>/dev/null)" == "$VERSION" ]]; then
    build_cli=
fi
build_yaml=yes
if [[ -x "$YAML_HOST" ]] && [[ "$(cat "$YAML_STAMP" 2>/dev/null)" == "$YAML_VERSION" ]]; then
    build_yaml=
fi

cd "$MODULE_DIR"
started=$(date +%s)
if [[ -z "$build_cli$build_yaml" ]]; then
    echo "The Pulumi CLI $VERSION and pulumi-language-yaml $YAML_VERSION are already built in $ENGINE_DIR/bin (delete it to rebuild)."
else
    [[ "$(go env GOPROXY)" != "off" ]] ||
        fail "GOPROXY is off, so Go cannot download the CLI's modules. Set GOPROXY to a Go module proxy, e.g. GOPROXY=https://proxy.golang.org."
    echo "Downloading the modules of github.com/pulumi/pulumi/pkg/v3@$VERSION and github.com/pulumi/pulumi-yaml@$YAML_VERSION (GOPROXY=$(go env GOPROXY))..."
    if ! download_errors=$(go mod download 2>&1 && (cd yamlHost && go mod download) 2>&1); then
        printf '%s\n' "$download_errors" | head -20 >&2
        fail "the Go module proxy did not serve the modules go.sum pins (above). Check GOPROXY and the network, then run this again."
    fi
    downloaded=$(date +%s)
    echo "Modules downloaded in $((downloaded - started)) s."
    mkdir -p "$ENGINE_DIR/bin"
    # Each binary is built beside its final name and moved into place, so an interrupted build leaves none behind.
    if [[ -n "$build_cli" ]]; then
        echo "Compiling the CLI (nice -n 10; several minutes on 2 cores)..."
        nice -n 10 go build -trimpath \
            -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
            -o "$CLI.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
        mv "$CLI.partial" "$CLI"
    fi
    compiled_cli=$(date +%s)
    if [[ -n "$build_yaml" ]]; then
        echo "Compiling pulumi-language-yaml (nice -n 10; about 2 minutes on 2 cores)..."
        (cd yamlHost && nice -n 10 go build -trimpath \
            -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION" \
            -o "$YAML_HOST.partial" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
        mv "$YAML_HOST.partial" "$YAML_HOST"
        printf '%s\n' "$YAML_VERSION" >"$YAML_STAMP"
    fi
    finished=$(date +%s)
    echo "Built in $ENGINE_DIR/bin ($("$CLI" version), pulumi-language-yaml $YAML_VERSION) in $((finished - started)) s:" \
        "$((downloaded - started)) s downloading, $((compiled_cli - downloaded)) s compiling the CLI," \
        "$((finished - compiled_cli)) s compiling the YAML host."
fi

stand_in_started=$(date +%s)
mkdir -p "$(dirname "$STAND_IN")" "$(dirname "$PYTHON_SDK_TOOL")"
nice -n 10 go build -trimpath -o "$STAND_IN" ./standInAws
# Pulumi's Python SDK generator, which `pulumi package gen-sdk --language python` hands to the
# Python host (refused by the proxy); pythonSdk/ runs it without the host.
nice -n 10 go build -trimpath -o "$PYTHON_SDK_TOOL" ./pythonSdk
echo "The stand-in aws provider (not AWS; for npm run test:engine only): $STAND_IN, and $PYTHON_SDK_TOOL ($(($(date +%s) - stand_in_started)) s)."

# The Python packages the SDK check needs, from PyPI, in a venv of their own; mypy analyses pulumi
# and pulumi_aws once here, into a cache the tests reuse.
if ! cmp -s python/requirements.txt "$PYTHON_ENV/requirements.txt"; then
    command -v python3 >/dev/null 2>&1 ||
        fail "python3 is not on PATH. Install Python 3.9 or newer, then run this again (the engine tests type-check the Python SDK)."
    python_started=$(date +%s)
    echo "Installing pulumi, pulumi_aws and mypy from PyPI into $PYTHON_ENV..."
    rm -rf "$PYTHON_ENV"
    python3 -m venv "$PYTHON_ENV"
    "$PYTHON_ENV/bin/pip" install --quiet --disable-pip-version-check -r python/requirements.txt ||
        fail "pip could not install tools/engine/python/requirements.txt (above). Check the network and PyPI, then run this again."
    printf 'import pulumi\nimport pulumi_aws.iam\n' >"$PYTHON_ENV/warm_cache.py"
    "$PYTHON_ENV/bin/mypy" --config-file python/mypy.ini --cache-dir "$PYTHON_ENV/mypy-cache" \
        --python-executable "$PYTHON_ENV/bin/python" "$PYTHON_ENV/warm_cache.py" >/dev/null ||
        fail "mypy could not analyse pulumi and pulumi_aws in $PYTHON_ENV (run it on $PYTHON_ENV/warm_cache.py to see why)."
    cp python/requirements.txt "$PYTHON_ENV/requirements.txt"
    echo "Installed in $(($(date +%s) - python_started)) s."
fi
echo "Not built: pulumi-language-nodejs, -python and -go, which the Go module proxy refuses; the CLI's own"
echo "pulumi preview of this repository's TypeScript program stops where it would start the Node.js host."
echo "Use it: PATH=\"$ENGINE_DIR/bin:\$PATH\" pulumi version; or run npm run test:engine."
