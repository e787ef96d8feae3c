#!/usr/bin/env python3
"""Peer comparison for Fluxion's tensors (issue 5): one SGD training step of a 784-256-256-10 tanh perceptron on a
batch of 256 in float32, in PyTorch eager mode on the CPU with two threads.

Run from the repository root:

    /usr/bin/python3 benchmarks/peer/mlp_torch.py [threads]

(threads: 2 by default, as issue 5 asks; 1 shows how much of the time is OpenMP synchronisation on a busy machine).

It needs Debian's python3-torch package (CPU), which installs into the system Python (/usr/bin/python3). The step is the one of the BenchmarkDotNet benchmark
`TrainingStep.SgdStep` (benchmarks/TensorBenchmarks.cs): Xavier/Glorot-uniform weights and zero biases, standard
normal inputs, uniform random labels, forward pass, cross-entropy from logits (mean over the batch), backward
pass, SGD with learning rate 0.01 and momentum 0.9. The script prints the time per step (the best of several
timeit repeats, like BenchmarkDotNet's minimum) and the median, and, when a BenchmarkDotNet report for
`TrainingStep` exists in BenchmarkDotNet.Artifacts/results, the ratio Fluxion time / PyTorch time.
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

BATCH, SIZES = 256, [784, 256, 256, 10]


def build():
    torch.manual_seed(5)
    layers = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        linear = torch.nn.Linear(fan_in, fan_out)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
    modules = []
    for k, linear in enumerate(layers):
        modules.append(linear)
        if k < len(layers) - 1:
            modules.append(torch.nn.Tanh())
    return torch.nn.Sequential(*modules)


def fluxion_mean_ms():
    """The mean of TrainingStep.SgdStep from the newest BenchmarkDotNet CSV report that has it, in ms, or None."""
    reports = glob.glob(os.path.join("BenchmarkDotNet.Artifacts", "results", "*-report.csv"))
    for report in sorted(reports, key=os.path.getmtime, reverse=True):
        with open(report, newline="") as f:
            for row in csv.DictReader(f):
                if row.get("Method") == "SgdStep" and row.get("Type", "TrainingStep") == "TrainingStep":
                    value, unit = row["Mean"].replace(",", "").split()
                    return float(value) * {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1e3}[unit]
    return None


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    net = build()
    x = torch.randn(BATCH, SIZES[0])
    labels = torch.randint(0, SIZES[-1], (BATCH,))
    sgd = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        sgd.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), labels)
        loss.backward()
        sgd.step()
        return loss

    first = step().item()
    for _ in range(20):
        step()
    number = 20
    times = [t / number * 1e3 for t in timeit.repeat(step, number=number, repeat=10)]
    times.sort()
    best, median = times[0], times[len(times) // 2]
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads: first loss {first:.4f}")
    print(f"SGD step 784-256-256-10 tanh, batch {BATCH}, float32: best {best:.3f} ms, median {median:.3f} ms per step")
    fluxion = fluxion_mean_ms()
    if fluxion is not None:
        print(f"Fluxion TrainingStep.SgdStep mean {fluxion:.3f} ms: Fluxion / PyTorch = {fluxion / best:.2f} (best), {fluxion / median:.2f} (median)")


if __name__ == "__main__":
    main()
