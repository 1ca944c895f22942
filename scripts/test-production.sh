#!/usr/bin/env bash
# yarn test:production: the production profile tested for real
# (test/production): Debian's PostgreSQL (installed when missing) in a
# throwaway cluster on a free port, two backend replicas on it behind a
# loopback load balancer, 20 tasks at once, the permission policy, a bounded
# preview load (50 connections x 60 s, IACFORGE_LOAD_SECONDS and
# IACFORGE_LOAD_CONNECTIONS change it) and a SIGKILL of the replica running
# a task. Prints the figures and writes test-results/production/. Extra
# arguments go to jest (scripts/test.sh adds --json --outputFile=...).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/env.sh
. "$ROOT/scripts/env.sh"
"$ROOT/scripts/ensure-debian-packages.sh"
exec yarn workspace @iacforge/production-tests test:production "$@"
