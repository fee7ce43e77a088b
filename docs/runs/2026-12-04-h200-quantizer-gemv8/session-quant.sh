#!/usr/bin/env bash
# GEMV with 8 vectors per step + bias-rounding quantizer: correctness, bench at M = 1 and 4096, ncu of both kernels.
set -u
cd "$(dirname "$0")"
chmod +x app
R=$OUT/run; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,temperature.gpu --format=csv > $R/gpu.txt
./app --filter forward/ --out $R/forward > $R/forward.log 2>&1; echo "forward rc=$?" | tee -a $R/rc.txt
./app --filter fp4/ --out $R/fp4 > $R/fp4.log 2>&1; echo "fp4 rc=$?" | tee -a $R/rc.txt
./app --filter mma/int8-gemm/1x --out $R/mma > $R/mma.log 2>&1; echo "mma rc=$?" | tee -a $R/rc.txt
./app --bench --batches 1,16,4096 --out $R/bench > $R/bench.log 2>&1; echo "bench rc=$?" | tee -a $R/rc.txt
NCU=/usr/local/cuda/bin/ncu
timeout 100 $NCU --clock-control none -k 'regex:Kernel_Int8GemmGemv' -s 4 -c 1 --section SpeedOfLight --section LaunchStats --section Occupancy --section WarpStateStats --metrics l1tex__t_bytes_pipe_lsu_mem_local_op_ld.sum,dram__bytes_read.sum ./app --bench --shapes 4096x4096 --batches 1 --reps 20 > $R/ncu-gemv-4096.txt 2>&1; echo "ncu-gemv rc=$?" | tee -a $R/rc.txt
timeout 100 $NCU --clock-control none -k 'regex:Kernel_Int8GemmGemv' -s 4 -c 1 --section SpeedOfLight --metrics dram__bytes_read.sum ./app --bench --shapes 8192x8192 --batches 1 --reps 20 > $R/ncu-gemv-8192.txt 2>&1; echo "ncu-gemv8192 rc=$?" | tee -a $R/rc.txt
timeout 120 $NCU --clock-control none -k 'regex:Kernel_QuantizeRowsInt8ExcludingFlagged' -s 4 -c 1 --section SpeedOfLight --section LaunchStats --section Occupancy --section WarpStateStats ./app --bench --shapes 4096x4096 --batches 4096 --reps 20 > $R/ncu-quantize.txt 2>&1; echo "ncu-quantize rc=$?" | tee -a $R/rc.txt
grep -E "passed|failed" $R/*.log | tail -8
grep -E "Duration|DRAM Throughput|Compute \(SM\)|dram__bytes|local_op" $R/ncu-*.txt
cd $OUT && tar czf run.tgz run && rm -rf run
