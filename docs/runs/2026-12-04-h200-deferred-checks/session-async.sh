#!/usr/bin/env bash
# Deferred NaN checks + flags kept zero: correctness, then the bench (layers queued back to back).
set -u
cd "$(dirname "$0")"
chmod +x app
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv | tee $OUT/gpu.txt
./app --filter nonfinite --out $OUT/nonfinite > $OUT/nonfinite.log 2>&1; echo "nonfinite rc=$?" | tee -a $OUT/rc.txt
./app --filter forward/ --out $OUT/forward > $OUT/forward.log 2>&1; echo "forward rc=$?" | tee -a $OUT/rc.txt
./app --filter fp4/ --out $OUT/fp4 > $OUT/fp4.log 2>&1; echo "fp4 rc=$?" | tee -a $OUT/rc.txt
./app --bench --out $OUT/bench > $OUT/bench.log 2>&1; echo "bench rc=$?" | tee -a $OUT/rc.txt
grep -E "passed|failed" $OUT/*.log | tail -8
grep -E "layer-t6|cublas-fp16" $OUT/bench.log | head -80
