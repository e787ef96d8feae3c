#!/usr/bin/env bash
# MPI benchmarks (see benchmarks/README.md, "MPI"): runs each C / .NET pair back to back on this machine and prints
# the ratios. Needs Open MPI (openmpi-bin libopenmpi-dev) and, for its half, MPICH (mpich libmpich-dev).
#   benchmarks/mpi/run.sh            all-reduce of 10^6 doubles (Open MPI and MPICH) and weak scaling 1 -> 2 ranks
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
# Without a terminal type .NET writes no terminal set-up sequences into the output.
unset TERM
out="$root/artifacts/mpi-bench"
mkdir -p "$out"

as_root=""
[ "$(id -u)" = "0" ] && as_root="--allow-run-as-root"
openmpi="mpirun $as_root --oversubscribe --bind-to core"
# One thread per rank: .NET's Environment.ProcessorCount (the tensor kernels' parallelism) and OpenBLAS.
one_thread="-x DOTNET_PROCESSOR_COUNT=1 -x OPENBLAS_NUM_THREADS=1"

echo "load before: $(uptime)"
mpicc.openmpi -O2 -o "$out/allreduce_openmpi" allreduce.c
if command -v mpicc.mpich >/dev/null; then mpicc.mpich -O2 -o "$out/allreduce_mpich" allreduce.c; fi
dotnet build -c Release MpiBenchmark.fsproj -o "$out/dotnet" >/dev/null
dll="$out/dotnet/Fluxion.MpiBenchmark.dll"

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Three alternating rounds each, so that a burst of load hits both sides alike. Reported: the median of the rounds'
# medians, and the best single repetition of all rounds (on a shared machine the least disturbed figure).
middle() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
lowest() { printf '%s\n' "$@" | sort -g | sed -n 1p; }
allreduce_pair() {   # name, C command, .NET command
    local name=$1 c=() d=() cb=() db=()
    for round in 1 2 3; do
        local cl dl
        cl=$(eval "$2"); echo "  $cl"; c+=("$(echo "$cl" | field median_ms)"); cb+=("$(echo "$cl" | field best_ms)")
        dl=$(eval "$3"); echo "  $dl"; d+=("$(echo "$dl" | field median_ms)"); db+=("$(echo "$dl" | field best_ms)")
    done
    local cm dm cbest dbest
    cm=$(middle "${c[@]}"); dm=$(middle "${d[@]}"); cbest=$(lowest "${cb[@]}"); dbest=$(lowest "${db[@]}")
    echo "$name: median C ${cm} ms, .NET ${dm} ms, ratio .NET/C $(ratio "$dm" "$cm"); best C ${cbest} ms, .NET ${dbest} ms, ratio $(ratio "$dbest" "$cbest")"
}

echo "== all-reduce of 10^6 doubles, 2 ranks"
allreduce_pair "Open MPI" "$openmpi -np 2 $out/allreduce_openmpi" "$openmpi -np 2 dotnet $dll allreduce"
if [ -x "$out/allreduce_mpich" ]; then
    allreduce_pair "MPICH" "mpiexec.mpich -n 2 $out/allreduce_mpich" "mpiexec.mpich -n 2 dotnet $dll allreduce"
fi

echo "== weak scaling: 784-256-256-10 tanh SGD step, batch 256 per rank, one thread per rank (Open MPI)"
t1=() t2=() b1=() b2=()
for round in 1 2 3; do
    l1=$($openmpi $one_thread -np 1 dotnet "$dll" train 256 30); echo "  $l1"; t1+=("$(echo "$l1" | field median_ms)"); b1+=("$(echo "$l1" | field best_ms)")
    l2=$($openmpi $one_thread -np 2 dotnet "$dll" train 256 30); echo "  $l2"; t2+=("$(echo "$l2" | field median_ms)"); b2+=("$(echo "$l2" | field best_ms)")
done
efficiency() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
m1=$(middle "${t1[@]}"); m2=$(middle "${t2[@]}"); best1=$(lowest "${b1[@]}"); best2=$(lowest "${b2[@]}")
echo "weak scaling: median 1 rank ${m1} ms, 2 ranks ${m2} ms per step, efficiency $(efficiency "$m1" "$m2"); best ${best1} ms and ${best2} ms, efficiency $(efficiency "$best1" "$best2")"
echo "load after: $(uptime)"
