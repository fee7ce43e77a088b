#!/usr/bin/env bash
# Builds the GPU harness as one self-contained Linux binary, .gpu/app (the GPU machine has no .NET), and
# checks that it stays well under the 64 MiB a device call can carry. Run from anywhere in the repo:
#   tests/QuantDsl.Gpu/publish.sh
# then, on the GPU machine:  chmod +x .gpu/app && ./.gpu/app --all --out $OUT
# and here, to verify the same binary first:  .gpu/app --device cpu --quick ; .gpu/app --device ilgpu-cpu --quick
set -euo pipefail
cd "$(dirname "$0")/../.."

rm -rf .gpu
dotnet publish tests/QuantDsl.Gpu -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
  -o .gpu/
mv .gpu/QuantDsl.Gpu .gpu/app
chmod +x .gpu/app

# The call that carries .gpu also carries the working tree, 64 MiB in all: keep the harness far below.
limit_bytes=$((48 * 1024 * 1024))
total_bytes=$(du -sb .gpu | cut -f1)
echo "published .gpu/: $(ls .gpu | tr '\n' ' ')"
echo "size of .gpu/: $((total_bytes / 1024 / 1024)) MiB ($total_bytes bytes; limit here $((limit_bytes / 1024 / 1024)) MiB)"
if [ "$total_bytes" -gt "$limit_bytes" ]; then
  echo "error: .gpu/ is larger than $((limit_bytes / 1024 / 1024)) MiB; it must stay well under the 64 MiB a device call carries." >&2
  exit 1
fi
