#!/usr/bin/env bash
# The GPU benchmark of issue 10 (benchmarks/README.md, "GPU").
#
#   benchmarks/gpu/run.sh publish          # here (with the .NET SDK): self-contained single-file build for linux-x64
#                                          #   into benchmarks/gpu/publish (about 40 MB, no SDK needed to run it)
#   benchmarks/gpu/run.sh smoke            # here: publish, then the published binary and the PyTorch peer with
#                                          #   --smoke (tiny sizes, ILGPU's CPU accelerator / PyTorch on the CPU)
#   benchmarks/gpu/run.sh run [RESULTS] [--bandwidth GB/s]
#                                          # on the GPU machine (CUDA and PyTorch, no SDK): the published binary,
#                                          #   then benchmarks/peer/gpu_torch.py, in one go; everything they print
#                                          #   goes to RESULTS (default: $OUT/gpu-results.txt when $OUT is set,
#                                          #   else benchmarks/gpu/gpu-results.txt) and to the terminal.
#
# Run from anywhere; paths are relative to the repository root. PYTHON picks the interpreter (default python3).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
publish="$root/benchmarks/gpu/publish"
binary="$publish/Fluxion.GpuBenchmarks"
python="${PYTHON:-python3}"

do_publish() {
    dotnet publish "$root/benchmarks/gpu/Fluxion.GpuBenchmarks.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -o "$publish"
    echo "published: $(du -h "$binary" | cut -f1) $binary"
}

mode="${1:-}"
case "$mode" in
    publish)
        do_publish
        ;;
    smoke)
        do_publish
        "$binary" --smoke
        "$python" "$root/benchmarks/peer/gpu_torch.py" --smoke
        ;;
    run)
        shift
        results="${OUT:+$OUT/gpu-results.txt}"
        results="${results:-$root/benchmarks/gpu/gpu-results.txt}"
        if [[ $# -gt 0 && "$1" != --* ]]; then results="$1"; shift; fi
        [[ -x "$binary" ]] || { echo "no published binary at $binary: run 'benchmarks/gpu/run.sh publish' where the .NET SDK is" >&2; exit 2; }
        {
            echo "# Fluxion GPU benchmark and PyTorch peer, $(date -u '+%Y-%m-%d %H:%M') UTC, $(uname -n)"
            if command -v nvidia-smi > /dev/null; then
                nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv,noheader || true
            fi
            echo "## Fluxion"
            "$binary" "$@" || echo "Fluxion benchmark failed with exit code $?"
            echo "## PyTorch"
            "$python" "$root/benchmarks/peer/gpu_torch.py" "$@" || echo "PyTorch peer failed with exit code $?"
        } 2>&1 | tee "$results"
        echo "results written to $results"
        ;;
    *)
        sed -n '2,14p' "$0" >&2
        exit 2
        ;;
esac
