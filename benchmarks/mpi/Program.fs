/// The .NET side of benchmarks/mpi/run.sh, launched under mpirun:
///   allreduce [n] [repetitions]   MpiWorld.AllReduce (sum, in place) of n doubles, as allreduce.c times MPI_Allreduce
///   train [batch] [steps]         one data-parallel SGD step of the 784-256-256-10 tanh perceptron (float32) on a
///                                 per-rank batch (weak scaling: the global batch grows with the ranks)
/// Each repetition starts after a barrier; the slowest rank's time counts. Rank 0 prints the median and the best.
module Fluxion.MpiBenchmark.Program

open System
open System.Diagnostics
open Fluxion
open Fluxion.Distributed

let median (xs: float[]) = (Array.sort xs)[xs.Length / 2]

/// Times body on every rank after a barrier; returns the slowest rank's seconds.
let timed (world: MpiWorld) (body: unit -> unit) =
    world.Barrier()
    let clock = Stopwatch.StartNew()
    body ()
    world.AllReduce(clock.Elapsed.TotalSeconds, ReduceOperation.Max)

let allreduce (world: MpiWorld) (n: int) (repetitions: int) =
    let buffer = Array.zeroCreate<float> n
    let fill () =
        for i in 0 .. n - 1 do
            buffer[i] <- float (world.Rank + i % 7)
    let reduce () = world.AllReduce(Span<float>(buffer), ReduceOperation.Sum)
    for _ in 1..20 do
        fill ()
        reduce ()
    let times =
        Array.init repetitions (fun _ ->
            fill ()
            timed world reduce)
    let size = world.Size
    for i in 0 .. n - 1 do
        if buffer[i] <> float (size * (i % 7)) + float (size * (size - 1)) / 2.0 then failwithf "wrong sum at %d" i
    if world.IsRoot then
        printfn "dotnet allreduce n=%d ranks=%d median_ms=%.4f best_ms=%.4f" n size (1e3 * median times) (1e3 * Array.min times)

let train (world: MpiWorld) (batch: int) (steps: int) =
    let random = Random(5 + world.Rank)
    let net = MultilayerPerceptron<float32>([| 784; 256; 256; 10 |], Activation.Tanh, random, Initialization.XavierUniform)
    let dp = DataParallel<float32>(world, net.Parameters)
    let sgd = Sgd<float32>(net.Parameters, 0.01, 0.9)
    // Each rank's own shard of random data.
    let x = Tensor.RandomNormal<float32>(random, batch, 784)
    let labels = Array.init batch (fun _ -> random.Next 10)
    // dp.Step(sgd, loss) written out, to time its parts: forward and backward on this rank's shard, the all-reduce
    // of the gradients, the update.
    let compute = ResizeArray<float>()
    let exchange = ResizeArray<float>()
    let step () =
        let clock = Stopwatch.StartNew()
        let loss = Tensor.CrossEntropy(net.Forward x, labels)
        let gradients = net.Parameters.Gradients loss
        let computed = clock.Elapsed.TotalSeconds
        let averaged = dp.AverageGradients(gradients, loss.ToScalar())
        let exchanged = clock.Elapsed.TotalSeconds
        sgd.Step averaged
        compute.Add computed
        exchange.Add(exchanged - computed)
    for _ in 1..5 do
        step ()
    compute.Clear()
    exchange.Clear()
    let times = Array.init steps (fun _ -> timed world step)
    let slowest (xs: ResizeArray<float>) = xs.ToArray() |> Array.map (fun t -> world.AllReduce(t, ReduceOperation.Max))
    let compute = slowest compute
    let exchange = slowest exchange
    if dp.MaxParameterDifference() <> 0.0 then failwith "the ranks' parameters differ"
    if world.IsRoot then
        printfn "dotnet train batch_per_rank=%d ranks=%d processors=%d median_ms=%.3f best_ms=%.3f compute_median_ms=%.3f compute_best_ms=%.3f allreduce_median_ms=%.3f allreduce_best_ms=%.3f"
            batch world.Size Environment.ProcessorCount (1e3 * median times) (1e3 * Array.min times)
            (1e3 * median compute) (1e3 * Array.min compute) (1e3 * median exchange) (1e3 * Array.min exchange)

[<EntryPoint>]
let main argv =
    use world = MpiWorld.Initialize()
    let arg i fallback = if argv.Length > i then int argv[i] else fallback
    match argv |> Array.tryHead with
    | Some "allreduce" -> allreduce world (arg 1 1_000_000) (arg 2 200)
    | Some "train" -> train world (arg 1 256) (arg 2 30)
    | _ ->
        eprintfn "usage: Fluxion.MpiBenchmark allreduce [n] [repetitions] | train [batch] [steps]"
        exit 2
    0
