#!/usr/bin/env bash
# 2-16-token [Int8Outliers] forward: DecodeOutliers vs the general activation side, skinny K splits, the pipelined
# skinny twin: checks, bench, ncu (cold kernels).
set -u
cd "$(dirname "$0")"
chmod +x app
R=$OUT/run; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv > $R/gpu.txt
timeout 140 ./app --filter mma/int8-gemm/ --out $R/mma > $R/mma.log 2>&1; echo "mma rc=$?" | tee -a $R/rc.txt
timeout 200 ./app --filter forward/ --out $R/forward > $R/forward.log 2>&1; echo "forward rc=$?" | tee -a $R/rc.txt
timeout 50 ./app --filter 5x1030x520 --out $R/fp4 > $R/fp4.log 2>&1; echo "fp4 rc=$?" | tee -a $R/rc.txt
timeout 120 ./app --bench --batches 1,16 --reps 30 --out $R/bench > $R/bench.log 2>&1; echo "bench rc=$?" | tee -a $R/rc.txt
NCU=/usr/local/cuda/bin/ncu
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,launch__registers_per_thread
K='regex:Kernel_(MarkDecodeOutliers|Code|QuantizeRowsInt8|Int8Gemm)'
timeout 60 $NCU --clock-control none -k "$K" -c 24 --metrics $M --csv ./app --bench --shapes 4096x4096 --batches 16 --reps 20 > $R/ncu-16.csv 2> $R/ncu-16.err; echo "ncu rc=$?" | tee -a $R/rc.txt
# The mma check's decode kernels at 16 x 4096^2, cold (ncu flushes caches between kernels): skinny, pipelined, splits.
timeout 60 $NCU --clock-control none -k 'regex:Kernel' -c 40 --metrics $M,l1tex__t_sectors_pipe_lsu_mem_local_op_ld.sum,l1tex__t_sectors_pipe_lsu_mem_local_op_st.sum --csv ./app --filter mma/int8-gemm/16x4096x4096 > $R/ncu-mma16.csv 2> $R/ncu-mma16.err; echo "ncu-mma rc=$?" | tee -a $R/rc.txt
grep -E "passed|failed" $R/*.log | tail -6
grep -E "skinny" $R/mma.log | cut -c1-600
grep -E "^[0-9]+x|layer-t6 |layer-t6-tile|layer-t6-decode|layer-t6-skinny-split|layer-t0|cublas-fp16" $R/bench.log | head -60
cd $OUT && tar czf run.tgz run && rm -rf run
