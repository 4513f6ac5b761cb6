#!/usr/bin/env bash
# The README's test command: typecheck, then every bun test. Installs the Debian tools the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-debian-tools.sh
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/bun test "$@"
