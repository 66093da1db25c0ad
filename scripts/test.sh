#!/usr/bin/env bash
# Runs every check CI runs: formatting, vet, unit and integration tests
# (real embedded NATS, real HTTP, the OpenAI-compatible stub server, headless
# Chromium for the web page) and OpenAPI validation. Every fuzz target runs
# its seed corpus and the saved findings under testdata/fuzz as plain tests;
# set FUZZTIME (e.g. FUZZTIME=60s) to also fuzz each target for that long.
# Open-ended fuzzing is kept out of the default run so that CI stays
# deterministic: a new finding is fixed and saved as a regression input. On a fresh Debian machine it installs Chromium and the
# Bengali fonts the browser tests need (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans Bengali" || need_pkgs+=(fonts-noto-core fontconfig)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	echo "==> installing ${need_pkgs[*]} (for the browser tests)"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

echo "==> gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "not gofmt-ed: $unformatted"; exit 1; fi

echo "==> go vet"
go vet ./...

echo "==> go test"
go test -count=1 -timeout 20m ./...

if [ -z "${FUZZTIME:-}" ]; then
	echo "all checks passed (set FUZZTIME=60s to fuzz every target as well)"
	exit 0
fi
echo "==> fuzz ($FUZZTIME per target)"
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/func //' | sort -u); do
		echo "--- $pkg $target"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg" >/tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; exit 1; }
	done
done
echo "all checks passed"
