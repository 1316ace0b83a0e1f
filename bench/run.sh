#!/usr/bin/env bash
# npm run bench: installs what is missing, type-checks the benchmark and runs it. It builds and installs
# orgplane into bench/.work, ensures the Pulumi CLI, and writes bench/results.md (about 30 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/tsc ]; then
  echo "bench: installing npm dependencies..."
  npm ci --no-audit --no-fund
fi
node scripts/gen-types.js
npx tsc -p bench/tsconfig.json
exec node bench/load-ts.js
