#!/usr/bin/env bash
# Prints the folder holding a working Pulumi CLI for this project: `pulumi`, `pulumi-language-nodejs` and the
# dynamic-provider plugin `pulumi-resource-pulumi-nodejs`. Pulumi's installers download binaries, which these
# machines cannot do, so the CLI and the Node.js language host are built from Pulumi's published Go modules through
# the Go module proxy, pinned by the wrapper modules in scripts/pulumi-cli/ (go.mod + go.sum: `go` verifies every
# checksum). The build is cached outside the repository, keyed by the wrapper modules, the Go version and this
# script, so only the first run on a machine pays for it (about 6 minutes on 2 cores).
#
#   INTUNE_PLAN_PULUMI_BIN=DIR   use an existing install instead (an ordinary Pulumi install: ~/.pulumi/bin)
#   INTUNE_PLAN_CACHE=DIR        where builds are cached (default ${XDG_CACHE_HOME:-~/.cache}/intune-plan)
#
# Why two wrapper modules: `go install …/pkg/v3/cmd/pulumi@v` fails on the replace directives in Pulumi's go.mod,
# and the language host's own module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the proxy these
# machines reach. Pulumi v3.68.0 still shipped the Node.js language host inside the sdk/v3 module, so it is built
# from there; the CLI and the language host talk a versioned gRPC protocol built for such skew, and the program's
# own @pulumi/pulumi (package.json) runs the program and the dynamic-provider host.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
shim="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

complete() { [ -x "$1/pulumi" ] && [ -x "$1/pulumi-language-nodejs" ] && [ -x "$1/pulumi-resource-pulumi-nodejs" ]; }

if [ -n "${INTUNE_PLAN_PULUMI_BIN:-}" ]; then
  complete "$INTUNE_PLAN_PULUMI_BIN" || { echo "pulumi-cli: $INTUNE_PLAN_PULUMI_BIN lacks pulumi, pulumi-language-nodejs or pulumi-resource-pulumi-nodejs" >&2; exit 1; }
  echo "$INTUNE_PLAN_PULUMI_BIN"
  exit 0
fi

command -v go >/dev/null || { echo "pulumi-cli: Go is needed to build the Pulumi CLI (or set INTUNE_PLAN_PULUMI_BIN to an installed one)" >&2; exit 1; }
[ -f "$shim" ] || { echo "pulumi-cli: run npm ci first ($shim is missing)" >&2; exit 1; }

cli_version=v3.259.0
lang_version=v3.68.0
key="$( (cat "$0" "$root"/scripts/pulumi-cli/*/go.mod "$root"/scripts/pulumi-cli/*/go.sum; go version) | sha256sum | cut -c1-16)"
cache="${INTUNE_PLAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/intune-plan}/pulumi-cli"
dir="$cache/$cli_version-$key"

if ! complete "$dir"; then
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/.build.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  echo "pulumi-cli: building Pulumi $cli_version and its Node.js language host ($lang_version) into $dir (once per machine)" >&2
  export CGO_ENABLED=0 GOFLAGS=-mod=readonly
  flags=(-trimpath -tags osusergo,grpcnotrace)
  (cd "$root/scripts/pulumi-cli/cli" && go build "${flags[@]}" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$cli_version" \
    -o "$tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2
  (cd "$root/scripts/pulumi-cli/language-nodejs" && go build "${flags[@]}" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$lang_version" \
    -o "$tmp/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs) >&2
  # The engine forwards the host's output as diagnostics only for a plugin of exactly this name.
  install -m 0755 "$shim" "$tmp/pulumi-resource-pulumi-nodejs"
  [ "$("$tmp/pulumi" version)" = "$cli_version" ] || { echo "pulumi-cli: the built CLI does not report $cli_version" >&2; exit 1; }
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
fi
echo "$dir"
