#!/usr/bin/env bash
# The main job: install, build, lint the bundled examples with the CLI, show what the fixes change, and
# write the runtime manifest preview of each example to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
npm run build

echo
echo "== Findings in examples/"
node dist/cli.js lint examples || true

echo
echo "== What 'bulkhead lint --fix --unsafe-fixes' changes (on a copy)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R examples "$work/examples"
node dist/cli.js lint "$work/examples" --fix --unsafe-fixes >/dev/null || true
diff -ru examples "$work/examples" | sed "s|$work/||" || true

echo
echo "== Runtime manifests"
mkdir -p out/demo
for f in examples/*/Dockerfile examples/*/Containerfile; do
  [ -f "$f" ] || continue
  name=$(basename "$(dirname "$f")")
  node dist/cli.js manifest "$f" --format yaml > "out/demo/$name.manifest.yaml"
  node dist/cli.js manifest "$f" --format json > "out/demo/$name.manifest.json"
  node scripts/preview-html.mjs "out/demo/$name.manifest.json" "$f" > "out/demo/$name.preview.html"
  echo "wrote out/demo/$name.manifest.yaml, .manifest.json and .preview.html"
done
echo
cat out/demo/node-app.manifest.yaml
