#!/usr/bin/env python3
"""Peer comparison for Fluxion's GPU benchmark (issue 10, benchmarks/gpu): the same cases in PyTorch eager mode on CUDA.

Run on the GPU machine, usually through benchmarks/gpu/run.sh (which runs Fluxion's published benchmark and this
script in one go):

    python3 benchmarks/peer/gpu_torch.py [--bandwidth GB/s] [--smoke]

Cases, as in benchmarks/gpu/Program.cs:
- elementwise JVP and VJP of tanh over 10^8 float32 and float64 elements (torch.func.jvp / torch.func.vjp), with the
  same roofline (x and v read, value and tangent written: 4 n sizeof bytes) and the same measured streaming baseline
  (a negation: n read, n written);
- one SGD step (learning rate 0.01, momentum 0.9) of a 784-256-256-10 tanh perceptron on a batch of 256 in float32,
  Xavier-uniform weights and zero biases, cross-entropy from logits (as benchmarks/peer/mlp_torch.py, on CUDA);
- the JVP of tanh at sizes 10^2 ... 10^7 in float32 on the CPU and on CUDA (where the CPU is faster).

Every figure is the best and the median of repeated runs after warm-ups; CUDA work is timed up to
torch.cuda.synchronize(). --smoke uses tiny sizes and runs on the CPU when there is no CUDA device (for trying the
script; its figures mean nothing).
"""

import argparse
import sys
import time

try:
    import torch
except ImportError:
    sys.exit("PyTorch is missing")
try:
    from torch.func import jvp, vjp
except ImportError:  # PyTorch 1.13 (Debian's python3-torch, for trying --smoke without a GPU)
    from functorch import jvp, vjp


def timed(run, sync, warmups, repeats):
    for _ in range(warmups):
        run()
    sync()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        sync()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2], repeats


def ms(seconds):
    return f"{seconds * 1e3:.3f}"


def elementwise(device, sync, dtype, n, peak, warmups, repeats):
    size = torch.tensor([], dtype=dtype).element_size()
    generator = torch.Generator(device="cpu").manual_seed(10)
    x = torch.randn(n, generator=generator, dtype=dtype).to(device)
    v = torch.randn(n, generator=generator, dtype=dtype).to(device)
    negate = timed(lambda: torch.neg(x), sync, warmups, repeats)
    jvp_t = timed(lambda: jvp(torch.tanh, (x,), (v,)), sync, warmups, repeats)

    def value_and_vjp():
        value, pullback = vjp(torch.tanh, x)
        return value, pullback(v)

    vjp_t = timed(value_and_vjp, sync, warmups, repeats)
    streaming = 2.0 * n * size / negate[0]
    name = "float64" if dtype == torch.float64 else "float32"
    line = f"elementwise {name}, n = {n:,}: negation (streaming baseline) best {ms(negate[0])} ms = {streaming / 1e9:.1f} GB/s"
    if peak:
        line += f" = {100 * streaming / peak:.1f} % of peak"
    print(line)
    for label, t in (("JVP tanh", jvp_t), ("VJP tanh", vjp_t)):
        rate = 4.0 * n * size / t[0]
        line = f"  {label}: best {ms(t[0])} ms, median {ms(t[1])} ms ({t[2]} runs); {rate / 1e9:.1f} GB/s effective = "
        if peak:
            line += f"{100 * rate / peak:.1f} % of the roofline, "
        print(line + f"{100 * rate / streaming:.1f} % of the measured streaming baseline")


def training_step(device, sync, layers, batch, warmups, repeats):
    torch.manual_seed(5)
    modules = []
    for k, (fan_in, fan_out) in enumerate(zip(layers[:-1], layers[1:])):
        linear = torch.nn.Linear(fan_in, fan_out)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        modules.append(linear)
        if k < len(layers) - 2:
            modules.append(torch.nn.Tanh())
    net = torch.nn.Sequential(*modules).to(device)
    x = torch.randn(batch, layers[0]).to(device)
    labels = torch.randint(0, layers[-1], (batch,)).to(device)
    sgd = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        sgd.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), labels)
        loss.backward()
        sgd.step()

    return timed(step, sync, warmups, repeats)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bandwidth", type=float, default=None, help="peak memory bandwidth in GB/s")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    cuda = torch.cuda.is_available()
    if not cuda and not args.smoke:
        sys.exit("No CUDA device: this peer measures a GPU (use --smoke to try it on the CPU)")
    device = torch.device("cuda:0" if cuda else "cpu")
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    peak = args.bandwidth * 1e9 if args.bandwidth else None
    name = torch.cuda.get_device_name(0) if cuda else "cpu"
    print(f"PyTorch {torch.__version__} peer{' (--smoke: tiny sizes, figures mean nothing)' if args.smoke else ''}, "
          f"device: {name}, {torch.get_num_threads()} CPU threads; peak bandwidth: "
          + (f"{args.bandwidth:.0f} GB/s (--bandwidth)" if peak else "not given"))
    n = 4096 if args.smoke else 100_000_000
    warmups, repeats = (1, 3) if args.smoke else (3, 10)
    for dtype in (torch.float32, torch.float64):
        elementwise(device, sync, dtype, n, peak, warmups, repeats)
    layers, batch = ([32, 16, 16, 10], 8) if args.smoke else ([784, 256, 256, 10], 256)
    on_device = training_step(device, sync, layers, batch, warmups, 3 if args.smoke else 20)
    on_cpu = training_step(torch.device("cpu"), lambda: None, layers, batch, warmups, 3 if args.smoke else 20)
    print(f"training step {'-'.join(map(str, layers))} tanh, batch {batch}, float32, SGD momentum:")
    print(f"  {name}: best {ms(on_device[0])} ms, median {ms(on_device[1])} ms; CPU: best {ms(on_cpu[0])} ms, "
          f"median {ms(on_cpu[1])} ms; device / CPU = {on_device[0] / on_cpu[0]:.2f}")
    print("small tensors, JVP of tanh, float32 (best of the repeats; device / CPU < 1: the device is faster):")
    for size in ([100, 1000] if args.smoke else [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]):
        generator = torch.Generator(device="cpu").manual_seed(3)
        xc, vc = torch.randn(size, generator=generator), torch.randn(size, generator=generator)
        xd, vd = xc.to(device), vc.to(device)
        gpu = timed(lambda: jvp(torch.tanh, (xd,), (vd,)), sync, warmups, repeats)[0]
        cpu = timed(lambda: jvp(torch.tanh, (xc,), (vc,)), lambda: None, warmups, repeats)[0]
        print(f"  n = {size:>12,}: {name} {ms(gpu)} ms, CPU {ms(cpu)} ms, device / CPU = {gpu / cpu:.2f} "
              f"({'device' if gpu < cpu else 'CPU'} faster)")


if __name__ == "__main__":
    main()
