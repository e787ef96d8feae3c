#!/usr/bin/env python3
"""Peer comparison for Fluxion's tensors (issue 9): the vectorised Rosenbrock function of 10^6 float64 elements,
f(x) = sum 100 (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2, evaluated alone and evaluated with its gradient by
reverse mode, in PyTorch eager mode on the CPU.

Run from the repository root, right after the BenchmarkDotNet run of `TensorRosenbrock` (so both see the same load):

    /usr/bin/python3 benchmarks/peer/rosenbrock_vector_torch.py [threads]

(threads: 2 by default). It needs Debian's python3-torch package. The inputs are uniform in [-1, 1) like the
benchmark's (another generator, so other numbers; the cost does not depend on them). The gradient is checked against
the analytic one. The script prints the best and median time per call of both and, when a BenchmarkDotNet report for
`TensorRosenbrock` exists in BenchmarkDotNet.Artifacts/results, the ratios Fluxion / PyTorch.
"""

import csv
import glob
import os
import sys
import timeit

try:
    import torch
except ImportError:
    sys.exit("PyTorch is missing: apt-get install python3-torch")

N = 1_000_000


def rosenbrock(x):
    a, b = x[:-1], x[1:]
    return torch.sum(100.0 * (b - a * a) ** 2 + (1.0 - a) ** 2)


def fluxion_means_ms():
    """Method -> mean in ms from the newest BenchmarkDotNet CSV report of TensorRosenbrock, or {}."""
    reports = glob.glob(os.path.join("BenchmarkDotNet.Artifacts", "results", "*TensorRosenbrock*-report.csv"))
    for report in sorted(reports, key=os.path.getmtime, reverse=True):
        means = {}
        with open(report, newline="") as f:
            for row in csv.DictReader(f):
                value, unit = row["Mean"].replace(",", "").split()
                means[row["Method"]] = float(value) * {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1e3}[unit]
        return means
    return {}


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    torch.manual_seed(1)
    x0 = torch.rand(N, dtype=torch.float64) * 2 - 1

    def evaluate():
        with torch.no_grad():
            return rosenbrock(x0).item()

    def value_and_gradient():
        x = x0.clone().requires_grad_(True)
        y = rosenbrock(x)
        y.backward()
        return y.item(), x.grad

    _, g = value_and_gradient()
    a, b = x0[:-1], x0[1:]
    expected = torch.zeros(N, dtype=torch.float64)
    expected[:-1] = -400.0 * a * (b - a * a) - 2.0 * (1.0 - a)
    expected[1:] += 200.0 * (b - a * a)
    worst = ((g - expected).abs() / expected.abs().clamp(min=1.0)).max().item()

    results = {}
    for name, fn in [("evaluate", evaluate), ("value and gradient", value_and_gradient)]:
        for _ in range(3):
            fn()
        times = sorted(t / 5 * 1e3 for t in timeit.repeat(fn, number=5, repeat=7))
        results[name] = (times[0], times[len(times) // 2])
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, vectorised Rosenbrock n = {N}, float64")
    for name, (best, median) in results.items():
        print(f"  {name}: best {best:.2f} ms, median {median:.2f} ms")
    print(f"  gradient checked against the analytic one: worst relative error {worst:.1e}")
    means = fluxion_means_ms()
    if means:
        pairs = [("Evaluate", "evaluate"), ("ValueAndGradientScoped", "value and gradient"), ("Gradient", "value and gradient")]
        for method, peer in pairs:
            if method in means:
                print(f"  Fluxion {method} mean {means[method]:.2f} ms: Fluxion / PyTorch {peer} = {means[method] / results[peer][0]:.2f} (best)")


if __name__ == "__main__":
    main()
