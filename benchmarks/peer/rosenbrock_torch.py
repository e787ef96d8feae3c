#!/usr/bin/env python3
"""Peer comparison for Fluxion's reverse mode (issue 3): the gradient of the scalar Rosenbrock function with
1,000 inputs, written element by element, in PyTorch eager mode on the CPU.

Run from the repository root:

    python3 benchmarks/peer/rosenbrock_torch.py

It needs Debian's python3-torch package (PyTorch 1.13, CPU). The point and the function are the ones of the
BenchmarkDotNet benchmark `PeerRosenbrock.Gradient` (benchmarks/ReverseBenchmarks.cs): inputs
x_i = 1.5 sin(0.7 i + 0.3), f(x) = sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2. Each input is its own 0-d leaf
tensor, so autograd records one node per scalar operation, like Fluxion's scalar tape (indexing one 1,000-element
tensor instead would add a select node per access and a dense 1,000-element gradient per select in the backward
pass, which would make PyTorch look worse than it is).

The script checks the gradient against the analytic one, prints the time per gradient (best of several timeit
repeats), and, when a BenchmarkDotNet report for `PeerRosenbrock` exists in BenchmarkDotNet.Artifacts/results,
the ratio PyTorch time / Fluxion time.
"""

import csv
import glob
import math
import os
import sys
import timeit

try:
    import torch
except ImportError:
    # pyenv or a virtualenv may shadow the system interpreter that Debian's python3-torch is installed for.
    system_python = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system_python) and os.path.exists(system_python):
        print(f"torch is not importable from {sys.executable}; re-running with {system_python}", file=sys.stderr)
        os.execv(system_python, [system_python] + sys.argv)
    sys.exit("PyTorch is not installed: apt-get install -y python3-torch")

N = 1000


def point(n):
    return [1.5 * math.sin(0.7 * i + 0.3) for i in range(n)]


def rosenbrock(xs):
    total = torch.zeros((), dtype=torch.float64)
    for i in range(len(xs) - 1):
        a = xs[i + 1] - xs[i] * xs[i]
        b = 1.0 - xs[i]
        total = total + 100.0 * a * a + b * b
    return total


def gradient(values):
    xs = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    y = rosenbrock(xs)
    return torch.autograd.grad(y, xs)


def analytic_gradient(x):
    g = [0.0] * len(x)
    for i in range(len(x) - 1):
        a = x[i + 1] - x[i] * x[i]
        g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i])
        g[i + 1] += 200.0 * a
    return g


def fluxion_mean_ns():
    """Mean of PeerRosenbrock.Gradient in the newest BenchmarkDotNet CSV report, in nanoseconds, or None."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "BenchmarkDotNet.Artifacts", "results")
    reports = sorted(glob.glob(os.path.join(root, "*-report.csv")), key=os.path.getmtime, reverse=True)
    units = {"ns": 1.0, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}
    for report in reports:
        with open(report, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = row.get("Type", "") + "." + row.get("Method", "")
                if "PeerRosenbrock" in report + name and row.get("Method") == "Gradient":
                    value, unit = row["Mean"].replace(",", "").split()
                    return float(value) * units[unit], report
    return None, None


def main():
    torch.set_num_threads(2)
    x = point(N)
    g = gradient(x)
    expected = analytic_gradient(x)
    worst = max(abs(gi.item() - ei) / max(1.0, abs(ei)) for gi, ei in zip(g, expected))
    if worst > 1e-12:
        sys.exit(f"PyTorch gradient disagrees with the analytic gradient: worst relative error {worst:.3e}")

    number, repeat = 5, 5
    times = timeit.repeat(lambda: gradient(x), number=number, repeat=repeat)
    best = min(times) / number
    print(f"PyTorch {torch.__version__} eager, scalar Rosenbrock gradient, n = {N}")
    print(f"  time per gradient: {best * 1e3:.2f} ms (best of {repeat} x {number}; median {sorted(times)[repeat // 2] / number * 1e3:.2f} ms)")
    print(f"  gradient checked against the analytic one: worst relative error {worst:.1e}")
    fluxion_ns, report = fluxion_mean_ns()
    if fluxion_ns is None:
        print("  no BenchmarkDotNet report for PeerRosenbrock found; run `dotnet fsi build.fsx bench --filter *PeerRosenbrock*`")
    else:
        print(f"  Fluxion (BenchmarkDotNet, {os.path.basename(report)}): {fluxion_ns / 1e3:.2f} us per gradient")
        print(f"  ratio PyTorch / Fluxion: {best * 1e9 / fluxion_ns:.0f}x (target: at least 1000x)")


if __name__ == "__main__":
    main()
