#!/usr/bin/env bash
# Executes every notebook of samples/notebooks/ headless with dotnet-repl (the repository's local tool, .config/dotnet-tools.json)
# against freshly packed Puma packages, and fails if a cell fails. The packages get a throw-away prerelease version in
# a temporary folder feed; each notebook runs from a temporary copy in which only its `#i "nuget: ../../artifacts"` source
# and the Puma package versions are rewritten to point there. The executed notebooks (with their outputs) are left in
# $NOTEBOOK_OUTPUT (default: TestResults/notebooks). TorchSharp is loaded by the kernel from NuGet's packages folder,
# unpatched: on an older libstdc++ this exercises Puma's run-time native fallback (PumaNative).
# train-offline-slice.ipynb reads the prepared offline benchmark: the CLI's `prepare` runs first (a no-op, under a second,
# when $PUMA_CACHE — default ~/.cache/puma — already holds it; about 90 s and the package downloads otherwise). Its
# restore also fetches the ResNet-18 ONNX package that notebook reads from NuGet's packages folder.
# Usage: scripts/run-notebooks.sh [NOTEBOOK.ipynb ...]   (default: all of samples/notebooks/)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
version="0.1.0-notebook.$(date +%Y%m%d%H%M%S).$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/puma-notebooks.XXXXXX")
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
output="${NOTEBOOK_OUTPUT:-$repo/TestResults/notebooks}"
cleanup() {
  rm -rf "$work"
  for id in puma.core puma.adapters puma.prompts; do rm -rf "${packages:?}/$id/$version"; done
}
trap cleanup EXIT

(cd "$repo" && dotnet tool restore > /dev/null)
dotnet pack "$repo/build/Puma.Packages.slnf" -c Release -o "$work/feed" -p:Version="$version" -nologo -v q
if ! (cd "$repo" && dotnet run --project samples/Puma.Cli -c Release -- prepare > "$work/prepare.log" 2>&1); then
  echo "FAIL: puma prepare (the offline benchmark the notebooks read); log below"; tail -40 "$work/prepare.log"; exit 1
fi
mkdir -p "$output"
status=0
if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$repo"/samples/notebooks/*.ipynb); fi
for notebook in "${notebooks[@]}"; do
  notebook=$(cd "$(dirname "$notebook")" && pwd)/$(basename "$notebook")
  name=$(basename "$notebook")
  sed -e "s|#i \\\\\"nuget: ../../artifacts\\\\\"|#i \\\\\"nuget: $work/feed\\\\\"|" \
      -e "s|\\(nuget: Puma\\.[A-Za-z]*\\), 0\\.1\\.0|\\1, $version|g" "$notebook" > "$work/$name"
  grep -q "$work/feed" "$work/$name" || { echo "FAIL: $name has no '#i \"nuget: ../../artifacts\"' source line"; status=1; continue; }
  started=$SECONDS
  if (cd "$repo" && PUMA_NATIVE_CACHE="$work/native" dotnet tool run dotnet-repl --run "$work/$name" --exit-after-run \
        --output-path "$output/$name" > "$work/$name.log" 2>&1) \
     && ! grep -q '"output_type": "error"' "$output/$name"; then
    echo "ok: $name ran headless in $((SECONDS - started)) s (outputs in ${output#"$repo"/}/$name)"
  else
    echo "FAIL: $name (log below; outputs in $output/$name)"; tail -40 "$work/$name.log"; status=1
  fi
done
exit $status
