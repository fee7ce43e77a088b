#!/usr/bin/env bash
# One-token [Int8Outliers] forward in two launches (OneTokenOutliers + GEMV, outliers read in place): correctness, bench, ncu.
set -u
cd "$(dirname "$0")"
chmod +x app
R=$OUT/run; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv > $R/gpu.txt
./app --filter forward/ --out $R/forward > $R/forward.log 2>&1; echo "forward rc=$?" | tee -a $R/rc.txt
./app --bench --batches 1 --reps 30 --out $R/bench > $R/bench.log 2>&1; echo "bench rc=$?" | tee -a $R/rc.txt
NCU=/usr/local/cuda/bin/ncu
K='regex:Kernel_(PrepareOneToken|MarkOutlier|QuantizeRowsInt8ExcludingFlagged|GatherBoth|Int8Gemm)'
timeout 120 $NCU --clock-control none -k "$K" -c 12 --metrics gpu__time_duration.sum --csv ./app --bench --shapes 4096x4096 --batches 1 --reps 20 > $R/ncu-times-1.csv 2> $R/ncu-times-1.err; echo "ncu-times rc=$?" | tee -a $R/rc.txt
grep -E "passed|failed" $R/*.log | tail -4
grep -E "^[0-9]+x|layer-t6 |layer-t6-tile|layer-t0|cublas-fp16" $R/bench.log
cd $OUT && tar czf run.tgz run && rm -rf run
