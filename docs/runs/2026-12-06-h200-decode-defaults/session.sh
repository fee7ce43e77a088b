#!/usr/bin/env bash
# The new decode defaults (DecodeOutliers on, layers on the pipelined skinny kernel): checks, bench, ncu of a 16-token layer.
set -u
cd "$(dirname "$0")"
chmod +x app
R=$OUT/run; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv > $R/gpu.txt
timeout 150 ./app --filter forward/ --out $R/forward > $R/forward.log 2>&1; echo "forward rc=$?" | tee -a $R/rc.txt
timeout 50 ./app --filter 5x1030x520 --out $R/fp4 > $R/fp4.log 2>&1; echo "fp4 rc=$?" | tee -a $R/rc.txt
timeout 120 ./app --bench --batches 1,16 --reps 30 --out $R/bench > $R/bench.log 2>&1; echo "bench rc=$?" | tee -a $R/rc.txt
NCU=/usr/local/cuda/bin/ncu
K='regex:Kernel_(MarkDecodeOutliers|Code|QuantizeRowsInt8|Int8Gemm)'
timeout 50 $NCU --clock-control none -k "$K" -c 16 --metrics gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,launch__registers_per_thread --csv ./app --bench --shapes 4096x4096 --batches 16 --reps 20 > $R/ncu-16.csv 2> $R/ncu-16.err; echo "ncu rc=$?" | tee -a $R/rc.txt
grep -E "passed|failed" $R/*.log | tail -6
grep -E "^[0-9]+x|layer-t6 |layer-t6-general|layer-t0|cublas-fp16" $R/bench.log | head -60
cd $OUT && tar czf run.tgz run && rm -rf run
