(**
---
title: Distributed training (MPI)
category: Guides
categoryindex: 2
index: 6
---
*)
(*** hide ***)
#r "../src/Distributed/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/Distributed/bin/Release/net10.0/Fluxion.Tensors.dll"
#r "../src/Distributed/bin/Release/net10.0/Fluxion.Networks.dll"
#r "../src/Distributed/bin/Release/net10.0/MathNet.Numerics.dll"
#r "../src/Distributed/bin/Release/net10.0/System.Numerics.Tensors.dll"
#r "../src/Distributed/bin/Release/net10.0/Fluxion.Distributed.dll"
(**
# Beyond one machine: data-parallel gradients and ensembles over MPI

`Fluxion.Distributed` runs Fluxion on many processes, on one machine or across a cluster, through the system's MPI
library: the engine that Slurm launches and that uses the cluster's interconnect (InfiniBand, Omni-Path) and tuned
collectives. It offers three things:

- **`MpiWorld`**: the processes (ranks) of the job, with barrier, broadcast, all-reduce (sum, mean, max, min) and
  all-gather on spans of float32, float64 and int32.
- **`DataParallel<T>`**: data-parallel training, the pattern of PyTorch's DistributedDataParallel and Horovod.
  Every rank holds the same model and computes the gradient on its own shard of the data; the gradients are
  averaged across the ranks in one flat buffer (one all-reduce per step, whatever the number of parameter
  tensors); every rank applies the same update. It works with every optimizer: SGD, Adam, any `IOptimizer<T>`,
  and full-batch L-BFGS.
- **`Ensemble`**: independent fits (many starting points, many data sets, many seeds) spread across the ranks, with
  the results gathered in task order.

The same program runs without MPI: started without a launcher, it is a world of one rank that loads no MPI
library, and every collective leaves the data as it is. This page is evaluated that way when the documentation is
built.

## The world

`MpiWorld.Initialize` starts MPI (`MPI_Init_thread`), `Dispose` finalises it (`MPI_Finalize`). Use it once per
process, for the whole program, with `use` (F#) or `using` (C#):
*)
open System
open Fluxion
open Fluxion.Distributed

let world = MpiWorld.Initialize()
let whoAmI = $"rank {world.Rank} of {world.Size}, single process: {world.IsSingleProcess}"
(*** include-value: whoAmI ***)
(**
An all-reduce replaces a buffer on every rank by the element-wise reduction over the ranks, in place:
*)
let local = [| 1.0; 2.0; 3.0 |]
world.AllReduce(Span<float>(local), ReduceOperation.Mean)
(*** include-value: local ***)
(**
Before each collective the ranks agree on what they are doing: they all-reduce a small header (which collective,
the element type, the length, the root or reduction). When they disagree (one rank passes 3 elements and another
4, one broadcasts from rank 0 and another from rank 1) every rank throws `MpiMismatchException` with both values in
its message, instead of hanging or reading past a buffer. After `Dispose` every member throws
`ObjectDisposedException`. MPI cannot be initialised twice in one process, so after a real MPI world is disposed a
second `Initialize` throws `InvalidOperationException` (a world of one never started MPI and may be created again).

## Data-parallel training

Each rank builds the model (the seeds may differ: creating the `DataParallel` broadcasts rank 0's parameters), takes
its shard of the batch, and steps through `DataParallel.Step`, which returns the loss averaged over the ranks:
*)
let random = Random(1)
let x = Tensor.RandomNormal<float>(random, 64, 3)
let y = Tensor.Sin(Tensor.Sum(x, 1, true))

// Rank r's rows: an equal share of the batch.
let rows = 64 / world.Size
let xShard = Tensor.Slice(x, 0, world.Rank * rows, (world.Rank + 1) * rows)
let yShard = Tensor.Slice(y, 0, world.Rank * rows, (world.Rank + 1) * rows)

let net = MultilayerPerceptron<float>([| 3; 16; 1 |], Activation.Tanh, Random(2 + world.Rank))
let dp = DataParallel<float>(world, net.Parameters)
let adam = Adam<float>(net.Parameters, 0.01)

let losses = [| for _ in 1..200 -> dp.Step(adam, Tensor.MeanSquaredError(net.Forward xShard, yShard)) |]
let firstAndLast = losses[0], losses[losses.Length - 1]
(*** include-value: firstAndLast ***)
(**
The averaged gradient is the gradient of the mean over the whole batch when the shards have equal sizes. For
unequal shards pass each rank's sample count as the weight (`dp.Step(adam, loss, rows)`): the average becomes
Σ wᵣ·gᵣ / Σ wᵣ. `dp.Gradients(loss)` returns the averaged gradients for a hand-written update, and
`dp.MaxParameterDifference()` checks that the ranks are in step (it is 0 after any number of steps: every rank
applies the same update to the same values).

Full-batch L-BFGS (MathNet's minimiser, as `Lbfgs.Minimize`) averages the loss and its gradient in every evaluation,
so every rank's minimiser takes the same steps:
*)
let fit = dp.MinimizeLbfgs((fun () -> Tensor.MeanSquaredError(net.Forward xShard, yShard)), 1e-5, 2000)
let lbfgs = fit.Loss, fit.Iterations, fit.Converged
(*** include-value: lbfgs ***)
(**
In C# the same reads:

```csharp
using var world = MpiWorld.Initialize();
var net = new MultilayerPerceptron<float>(new[] { 784, 256, 256, 10 }, Activation.Tanh, new Random(1));
var dp = new DataParallel<float>(world, net.Parameters);
var sgd = new Sgd<float>(net.Parameters, learningRate: 0.01, momentum: 0.9);
for (int step = 0; step < steps; step++)
{
    var (xShard, labelsShard) = NextShard(world.Rank, world.Size);
    double loss = dp.Step(sgd, Tensor.CrossEntropy(net.Forward(xShard), labelsShard));
    if (world.IsRoot && step % 100 == 0) Console.WriteLine($"step {step}: loss {loss}");
}
```

## Ensembles

`Ensemble.Run(world, count, resultLength, task)` runs `task(i)` for i = 0 … count − 1, task i on rank i mod Size,
and returns every result on every rank. Here: twelve fits of a line through noisy data sets, each from its own seed
(on a cluster the tasks could be the inverse problem of `samples/InverseProblem` from different starting points):
*)
let fitLine (seed: int) : float[] =
    let r = Random(100 + seed)
    let xs = Tensor.RandomNormal<float>(r, 40, 1)
    let ys = Tensor.Add(Tensor.Multiply(xs, Tensor.Scalar 2.0), Tensor.RandomNormal<float>(r, 40, 1))
    let line = Linear<float>(1, 1, r)
    Lbfgs.Minimize(line.Parameters, (fun () -> Tensor.MeanSquaredError(line.Forward xs, ys)), 1e-10, 100) |> ignore
    line.Parameters.ToFlatArray()

let slopes = Ensemble.Run(world, 12, 2, Func<int, float[]>(fitLine)) |> Array.map (fun wb -> wb[0])
let meanSlope = Array.average slopes
(*** include-value: meanSlope ***)
(**
A task that throws (or returns a result of the wrong length) does not stop the others: once all have run, every
rank throws `EnsembleException`, whose `FailedTasks` names them.
*)
world.Dispose()
(**
## Running on one machine and on a cluster

Install an MPI (Debian/Ubuntu: `apt-get install openmpi-bin libopenmpi-dev`, or `mpich libmpich-dev`; on a
cluster, the site's MPI module) and start the program through its launcher:

```sh
dotnet build -c Release
mpirun -np 4 dotnet bin/Release/net10.0/MyTraining.dll            # Open MPI
mpiexec.mpich -n 4 dotnet bin/Release/net10.0/MyTraining.dll      # MPICH (Debian's name when both are installed)
srun --mpi=pmix -n 64 dotnet bin/Release/net10.0/MyTraining.dll   # Slurm (or --mpi=pmi2, as the site configures)
```

As root, Open MPI also needs `--allow-run-as-root`; on a machine with fewer cores than ranks, `--oversubscribe`.
A Slurm batch script is the same `srun` line after the `#SBATCH --ntasks=64` (and `--cpus-per-task`) directives.

**Which library is loaded.** MPI fixes the C API, not the binary interface: Open MPI's handles are pointers to
exported globals, MPICH's (and Intel MPI's, MVAPICH's, Cray MPICH's) are integers. Fluxion loads the library at run
time and detects which one it is. Under Open MPI's `mpirun` (the variable `OMPI_COMM_WORLD_SIZE` is set) it loads
`libmpi.so.40`; under a PMI launcher (MPICH's `mpiexec`, Intel MPI, `srun --mpi=pmi2`: `PMI_SIZE`/`PMI_RANK`)
`libmpich.so.12`, then `libmpi.so.12`; under PMIx (`PMIX_RANK`) either. `FLUXION_MPI_LIBRARY=/path/to/libmpi.so`
chooses the library yourself (a site MPI in a non-standard place), `FLUXION_MPI=0` runs alone even under a
launcher, `FLUXION_MPI=1` starts MPI without one. When the launcher and the library come from different
installations (the library sees a world of one while the launcher started four ranks), `Initialize` says so
rather than training four unconnected copies. A launched process that finds no library throws
`DllNotFoundException` naming what it tried and the packages to install.

**Threads.** MPI is initialised with `MPI_THREAD_SERIALIZED`: any thread may call, one at a time (the world
serialises its calls). The tensor kernels use every core they see; with several ranks per machine give each rank
its share: `DOTNET_PROCESSOR_COUNT=1` (and `OPENBLAS_NUM_THREADS=1`) for one thread per rank, passed with
`mpirun -x` or exported in the batch script, and `--bind-to core` (Open MPI) or `--cpu-bind=cores` (Slurm).

**Failures.** A rank that throws outside a collective and exits makes the launcher stop the job (Open MPI's
`mpirun` and Slurm kill the other ranks). A rank that never reaches a collective the others are in cannot be told
apart from a slow one: MPI waits. Keep every rank on the same sequence of collectives, as `DataParallel` and
`Ensemble` do.

**GPUs.** The pattern extends to one GPU per rank once Fluxion's GPU layer (ILGPU) is in place: each rank selects
the device of its local rank (`OMPI_COMM_WORLD_LOCAL_RANK`, `MPI_LOCALRANKID` or `SLURM_LOCALID`), computes its
gradient there, and copies it to the host buffer that `DataParallel` all-reduces (a CUDA-aware MPI could reduce
device memory directly; that is not offered yet).
*)
