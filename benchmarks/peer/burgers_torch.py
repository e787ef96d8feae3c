#!/usr/bin/env python3
"""Peer comparison for Fluxion's physics-informed networks (issue 11): one Adam iteration of the Burgers PINN in the
configuration of Raissi et al. (2 inputs, 8 hidden layers of 20 tanh units, 10,000 collocation points and 256 wall
and initial points), in float32 and float64, in PyTorch eager mode on the CPU with two threads.

Run from the repository root, after the BenchmarkDotNet run of `BurgersAdamIteration` (so that its report exists):

    /usr/bin/python3 benchmarks/peer/burgers_torch.py [threads]

It needs Debian's python3-torch package (CPU). The iteration is the one of benchmarks/PinnBenchmarks.cs: the loss is
the mean square of u_t + u*u_x - nu*u_xx at the collocation points, with u_t and u_x from one
torch.autograd.grad(create_graph=True) and u_xx from a second one, plus the mean squares of u at the walls x = +-1
and of u(x, 0) + sin(pi x); then backward and Adam (lr 1e-3). The script prints the best and median time per
iteration over timeit repeats and, where BenchmarkDotNet's CSV report has the Fluxion figure, the ratio
Fluxion / PyTorch.
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
    sys.exit("PyTorch is missing: apt-get install python3-torch")

COLLOCATION, WALLS, INITIAL = 10_000, 128, 128
SIZES = [2] + [20] * 8 + [1]
NU = 0.01 / math.pi


def build(dtype):
    torch.manual_seed(11)
    modules = []
    for k, (fan_in, fan_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        modules.append(torch.nn.Linear(fan_in, fan_out, dtype=dtype))
        if k < len(SIZES) - 2:
            modules.append(torch.nn.Tanh())
    return torch.nn.Sequential(*modules)


def fluxion_mean_ms(type_name):
    """The mean of BurgersAdamIteration<type_name>.AdamIteration from the newest report that has it, in ms, or None."""
    reports = glob.glob(os.path.join("BenchmarkDotNet.Artifacts", "results", "*-report.csv"))
    for report in sorted(reports, key=os.path.getmtime, reverse=True):
        with open(report, newline="") as f:
            for row in csv.DictReader(f):
                if row.get("Method") == "AdamIteration" and row.get("Type", "") == f"BurgersAdamIteration<{type_name}>":
                    value, unit = row["Mean"].replace(",", "").split()
                    return float(value) * {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1e3}[unit]
    return None


def measure(dtype):
    net = build(dtype)
    g = torch.Generator().manual_seed(11)
    interior = torch.cat([-1 + 2 * torch.rand(COLLOCATION, 1, generator=g, dtype=dtype),
                          torch.rand(COLLOCATION, 1, generator=g, dtype=dtype)], 1)
    walls = torch.cat([torch.tensor([[-1.0], [1.0]], dtype=dtype).repeat(WALLS // 2, 1),
                       torch.rand(WALLS, 1, generator=g, dtype=dtype)], 1)
    x0 = -1 + 2 * torch.rand(INITIAL, 1, generator=g, dtype=dtype)
    initial = torch.cat([x0, torch.zeros(INITIAL, 1, dtype=dtype)], 1)
    target = -torch.sin(math.pi * x0)
    adam = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)

    def iteration():
        adam.zero_grad(set_to_none=True)
        xt = interior.clone().requires_grad_(True)
        u = net(xt)
        du = torch.autograd.grad(u.sum(), xt, create_graph=True)[0]
        u_x, u_t = du[:, 0:1], du[:, 1:2]
        u_xx = torch.autograd.grad(u_x.sum(), xt, create_graph=True)[0][:, 0:1]
        residual = u_t + u * u_x - NU * u_xx
        loss = residual.square().mean() + (net(walls).square().mean() + (net(initial) - target).square().mean())
        loss.backward()
        adam.step()
        return loss

    first = iteration().item()
    for _ in range(5):
        iteration()
    number = 5
    times = sorted(t / number * 1e3 for t in timeit.repeat(iteration, number=number, repeat=8))
    return first, times[0], times[len(times) // 2]


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads; Burgers PINN {'-'.join(map(str, SIZES))} tanh, "
          f"{COLLOCATION} collocation + {WALLS + INITIAL} wall/initial points, one Adam iteration")
    for dtype, name in [(torch.float32, "Single"), (torch.float64, "Double")]:
        first, best, median = measure(dtype)
        line = f"{str(dtype):14s} first loss {first:.4f}: best {best:.2f} ms, median {median:.2f} ms per iteration"
        fluxion = fluxion_mean_ms(name)
        if fluxion is not None:
            line += f"; Fluxion mean {fluxion:.2f} ms: Fluxion / PyTorch = {fluxion / best:.2f} (best), {fluxion / median:.2f} (median)"
        print(line)


if __name__ == "__main__":
    main()
