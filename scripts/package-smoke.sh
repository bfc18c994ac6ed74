#!/usr/bin/env bash
# Packs the Puma libraries (build/Puma.Packages.slnf) into artifacts/ (a throw-away prerelease version), then builds a
# fresh console project outside the repository (scripts/package-smoke/) that references them from that local folder
# source plus the machine's own NuGet sources, and runs it (a tiny model embeds one PNG) twice:
#   1. built normally: Puma.Core's buildTransitive target must patch libLibTorchSharp.so in the consumer's output;
#   2. built with -p:PumaWeakenLibTorchSharpGlibcxx=false: the output keeps TorchSharp's pristine library, and only
#      Puma's run-time fallback (PumaNative) can load it on an older libstdc++ (it writes a patched copy).
# Exit 0 when both runs embed; prints one line per check. Takes about a minute and a half on 2 cores.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
version="0.1.0-smoke.$(date +%Y%m%d%H%M%S).$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/puma-package-smoke.XXXXXX")
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  rm -f "$repo"/artifacts/Puma.*."$version".*nupkg
  for id in puma.core puma.adapters puma.prompts; do rm -rf "${packages:?}/$id/$version"; done
}
trap cleanup EXIT

central() { sed -nE "s/.*PackageVersion Include=\"$1\" Version=\"([^\"]+)\".*/\1/p" "$repo/Directory.Packages.props"; }
libtorch=$(central libtorch-cpu-linux-x64)
skia=$(central SkiaSharp.NativeAssets.Linux.NoDependencies)

dotnet pack "$repo/build/Puma.Packages.slnf" -c Release -o "$repo/artifacts" -p:Version="$version" -nologo -v q
echo "packed Puma.Core, Puma.Adapters, Puma.Prompts, Puma.Extensions $version into artifacts/"

mkdir -p "$work/consumer"
cp "$repo/scripts/package-smoke/Program.cs" "$work/consumer/"
sed -e "s/@PUMA_VERSION@/$version/g" -e "s/@LIBTORCH_VERSION@/$libtorch/g" -e "s/@SKIA_VERSION@/$skia/g" \
  "$repo/scripts/package-smoke/PumaSmoke.csproj.in" > "$work/consumer/PumaSmoke.csproj"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="puma-artifacts" value="$repo/artifacts" />
  </packageSources>
  <config>
    <add key="signatureValidationMode" value="accept" />
  </config>
</configuration>
XML

cd "$work/consumer"
dotnet restore -nologo -v q
pristine="$packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so"
lib=runtimes/linux-x64/native/libLibTorchSharp.so

dotnet build --no-restore -c Release -nologo -o "$work/out-build" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
grep -q "Weakened GLIBCXX_3.4.32 requirement" "$work/build.log" || { echo "FAIL: the buildTransitive target did not patch the consumer's output"; exit 1; }
if cmp -s "$pristine" "$work/out-build/$lib"; then echo "FAIL: $lib in the build output is not patched"; exit 1; fi
echo "ok: the consumer's build patched $lib (Puma.Core buildTransitive target)"
PUMA_NATIVE_CACHE="$work/patched-build" dotnet "$work/out-build/PumaSmoke.dll"
[ ! -e "$work/patched-build" ] || { echo "FAIL: the run-time fallback ran although the build had patched the library"; exit 1; }
echo "ok: the built consumer embedded an image"

dotnet build --no-restore -c Release -nologo -o "$work/out-runtime" -p:PumaWeakenLibTorchSharpGlibcxx=false > "$work/build-runtime.log" \
  || { cat "$work/build-runtime.log"; exit 1; }
cmp -s "$pristine" "$work/out-runtime/$lib" || { echo "FAIL: $lib was patched although the target was switched off"; exit 1; }
PUMA_NATIVE_CACHE="$work/patched-runtime" dotnet "$work/out-runtime/PumaSmoke.dll"
if strings /usr/lib/x86_64-linux-gnu/libstdc++.so.6 2>/dev/null | grep -q GLIBCXX_3.4.32; then
  echo "ok: the unpatched consumer embedded an image (this libstdc++ has GLIBCXX_3.4.32: no fallback needed)"
else
  ls "$work"/patched-runtime/*/libLibTorchSharp.so > /dev/null || { echo "FAIL: no patched copy from the run-time fallback"; exit 1; }
  echo "ok: the unpatched consumer embedded an image through PumaNative's run-time fallback (patched copy in its folder)"
fi
