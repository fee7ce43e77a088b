#!/usr/bin/env bash
# Quad marking + vector compaction + mma.sync tile for <= 16 rows: correctness, bench, ncu of the 4096^2 forward's kernels.
set -u
cd "$(dirname "$0")"
chmod +x app
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv | tee $OUT/gpu.txt
./app --filter forward/ --out $OUT/forward > $OUT/forward.log 2>&1; echo "forward rc=$?" | tee -a $OUT/rc.txt
./app --filter fp4/ --out $OUT/fp4 > $OUT/fp4.log 2>&1; echo "fp4 rc=$?" | tee -a $OUT/rc.txt
./app --bench --out $OUT/bench > $OUT/bench.log 2>&1; echo "bench rc=$?" | tee -a $OUT/rc.txt
# Kernel times of one forward (cold caches: ncu flushes them), then the quantizer and the marking in detail.
NCU=/usr/local/cuda/bin/ncu
K='regex:Kernel_(MarkOutlier|QuantizeRowsInt8ExcludingFlagged|GatherBoth|Int8Gemm|Fp4Gemm)'
for M in 1 4096; do
  timeout 120 $NCU --clock-control none -k "$K" -c 24 --metrics gpu__time_duration.sum --csv ./app --bench --shapes 4096x4096 --batches $M --reps 20 > $OUT/ncu-times-$M.csv 2> $OUT/ncu-times-$M.err; echo "ncu-times $M rc=$?" | tee -a $OUT/rc.txt
done
timeout 150 $NCU --clock-control none -k 'regex:Kernel_(QuantizeRowsInt8ExcludingFlagged|MarkOutlierColumns)' -s 8 -c 2 --section SpeedOfLight --section Occupancy --section LaunchStats --section WarpStateStats --section MemoryWorkloadAnalysis ./app --bench --shapes 4096x4096 --batches 4096 --reps 20 > $OUT/ncu-detail.txt 2>&1; echo "ncu-detail rc=$?" | tee -a $OUT/rc.txt
timeout 100 $NCU --clock-control none -k 'regex:Kernel_Int8GemmGemv' -s 4 -c 1 --section SpeedOfLight --section LaunchStats --section Occupancy --section WarpStateStats --metrics l1tex__t_bytes_pipe_lsu_mem_local_op_ld.sum,l1tex__t_bytes_pipe_lsu_mem_local_op_st.sum,dram__bytes_read.sum ./app --bench --shapes 4096x4096 --batches 1 --reps 20 > $OUT/ncu-gemv.txt 2>&1; echo "ncu-gemv rc=$?" | tee -a $OUT/rc.txt
grep -E "passed|failed" $OUT/*.log | tail -8
