#!/usr/bin/env bash
# Builds the Pulumi CLI at the version of our @pulumi/pulumi from the Go module proxy, pinned by
# go.mod and go.sum beside this script, into a cache folder outside the repository:
#
#   bash tools/engine/build.sh        # prints the folder to put on PATH, and how long the build took
#
# The CLI goes to bin/pulumi (the layout @pulumi/pulumi's Automation API expects of a Pulumi install)
# under $PINPOINT_EXPORT_ENGINE_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export/engine/<version>.
# A build that is already there is kept. `npm run test:engine` looks in the same folder.
#
# Only the CLI is built. Pulumi's language hosts (pulumi-language-nodejs, -python, -go) are Go
# modules of their own, and the Go module proxy this project reaches refuses them (403, "This module
# version is not available"), so they cannot be required here: see CONTRIBUTING.md, "The real Pulumi CLI".
set -euo pipefail

VERSION=v3.248.0
MODULE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENGINE_DIR="${PINPOINT_EXPORT_ENGINE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export/engine/$VERSION}"
CLI="$ENGINE_DIR/bin/pulumi"

fail() {
    printf 'tools/engine/build.sh: %s\n' "$1" >&2
    exit 1
}

if [[ -x "$CLI" ]] && [[ "$("$CLI" version 2>/dev/null)" == "$VERSION" ]]; then
    echo "The Pulumi CLI $VERSION is already built: $CLI (delete $ENGINE_DIR to rebuild)."
    exit 0
fi

command -v go >/dev/null 2>&1 ||
    fail "Go is not on PATH. Install Go 1.25.11 or newer (the CLI's go.mod needs it), then run this again."
[[ "$(go env GOPROXY)" != "off" ]] ||
    fail "GOPROXY is off, so Go cannot download the CLI's modules. Set GOPROXY to a Go module proxy, e.g. GOPROXY=https://proxy.golang.org."

cd "$MODULE_DIR"
started=$(date +%s)
echo "Downloading the modules of github.com/pulumi/pulumi/pkg/v3@$VERSION (GOPROXY=$(go env GOPROXY))..."
if ! download_errors=$(go mod download 2>&1); then
    printf '%s\n' "$download_errors" | head -20 >&2
    fail "the Go module proxy did not serve the modules go.sum pins (above). Check GOPROXY and the network, then run this again."
fi
downloaded=$(date +%s)
echo "Modules downloaded in $((downloaded - started)) s. Compiling the CLI (nice -n 10; several minutes on 2 cores)..."

mkdir -p "$ENGINE_DIR/bin"
# Built beside the final name and moved into place, so an interrupted build leaves no binary behind.
nice -n 10 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$CLI.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
mv "$CLI.partial" "$CLI"
finished=$(date +%s)

echo "Built $CLI ($("$CLI" version)) in $((finished - started)) s: $((downloaded - started)) s downloading, $((finished - downloaded)) s compiling."
echo "Not built: pulumi-language-nodejs, which the Go module proxy refuses; the CLI's own pulumi preview and"
echo "pulumi package get-schema of this repository stop where they would start it."
echo "Use it: PATH=\"$ENGINE_DIR/bin:\$PATH\" pulumi version; or run npm run test:engine."
