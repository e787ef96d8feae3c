/// Fluxion.Distributed in one process (no launcher): the world of one, its lifetime, argument errors, the launcher
/// detection on made-up environments, the missing-library error, and data-parallel training and ensembles on one
/// rank against the plain optimizers and plain loops (which a world of one must reproduce exactly: the average of
/// one gradient is that gradient).
module Fluxion.Distributed.Tests.SingleProcessTests

open System
open System.Collections.Generic
open Expecto
open Fluxion
open Fluxion.Distributed

/// The exception f throws, which must be an 'E.
let thrown<'E when 'E :> exn> (f: unit -> unit) : 'E =
    let e = Expect.throwsC f id
    Expect.isTrue (e :? 'E) $"expected {typeof<'E>.Name}, got {e.GetType().Name}: {e.Message}"
    e :?> 'E

let contains (fragment: string) (e: exn) =
    Expect.stringContains e.Message fragment "the message"

/// An environment made of the given variables only.
let env (pairs: (string * string) list) =
    let d = Dictionary<string, string>()
    for (k, v) in pairs do d[k] <- v
    Func<string, string>(fun name -> match d.TryGetValue name with | true, v -> v | _ -> null)

/// A world of one for the body; disposed after it.
let withWorld (body: MpiWorld -> unit) =
    let world = MpiWorld.Initialize(Launcher.detect (env []))
    try body world finally world.Dispose()

let data (seed: int) =
    let random = Random(seed)
    Tensor.RandomNormal<float>(random, 12, 3), Tensor.RandomNormal<float>(random, 12, 2)

[<Tests>]
let launcher =
    testList "launcher detection" [
        test "no launcher variables: not launched, every library candidate" {
            let l = Launcher.detect (env [ "PATH", "/usr/bin" ])
            Expect.isFalse l.IsLaunched "launched"
            Expect.contains l.Candidates "libmpi.so.40" "Open MPI's library"
            Expect.contains l.Candidates "libmpich.so.12" "MPICH's library"
        }
        test "Open MPI's mpirun: OMPI_COMM_WORLD_SIZE, Open MPI's library first" {
            let l = Launcher.detect (env [ "OMPI_COMM_WORLD_SIZE", "4"; "OMPI_COMM_WORLD_RANK", "1" ])
            Expect.isTrue l.IsLaunched "launched"
            Expect.equal l.ExpectedSize 4 "size"
            Expect.equal l.Candidates[0] "libmpi.so.40" "first candidate"
            Expect.stringContains l.Launcher "mpirun" "launcher"
        }
        test "a PMI launcher (MPICH's hydra): PMI_SIZE, MPICH's library first" {
            let l = Launcher.detect (env [ "PMI_RANK", "0"; "PMI_SIZE", "2" ])
            Expect.equal l.ExpectedSize 2 "size"
            Expect.equal l.Candidates[0] "libmpich.so.12" "first candidate"
            Expect.isFalse (Array.contains "libmpi.so.40" l.Candidates) "Open MPI's library is not a PMI candidate"
        }
        test "PMIx (srun --mpi=pmix): launched, size unknown" {
            let l = Launcher.detect (env [ "PMIX_RANK", "3" ])
            Expect.isTrue l.IsLaunched "launched"
            Expect.equal l.ExpectedSize 0 "size"
        }
        test "FLUXION_MPI=0 turns MPI off, FLUXION_MPI=1 on, FLUXION_MPI_LIBRARY picks the library" {
            Expect.isFalse (Launcher.detect (env [ "FLUXION_MPI", "0"; "OMPI_COMM_WORLD_SIZE", "2" ])).IsLaunched "off"
            Expect.isTrue (Launcher.detect (env [ "FLUXION_MPI", "1" ])).IsLaunched "on"
            let l = Launcher.detect (env [ "OMPI_COMM_WORLD_SIZE", "2"; "FLUXION_MPI_LIBRARY", "/opt/mpi/lib/libmpi.so" ])
            Expect.sequenceEqual l.Candidates [ "/opt/mpi/lib/libmpi.so" ] "candidates"
        }
        test "a size that is not a positive number is unknown" {
            Expect.equal (Launcher.detect (env [ "OMPI_COMM_WORLD_SIZE", "many" ])).ExpectedSize 0 "size"
        }
    ]

[<Tests>]
let world =
    // One world at a time per process: these run in sequence.
    testSequenced <| testList "world of one" [
        test "outside a launcher it is rank 0 of 1, says so, and loads no MPI" {
            withWorld (fun w ->
                Expect.isTrue w.IsSingleProcess "IsSingleProcess"
                Expect.equal w.Rank 0 "rank"
                Expect.equal w.Size 1 "size"
                Expect.isTrue w.IsRoot "root"
                Expect.equal w.Implementation MpiImplementation.None "implementation"
                Expect.equal w.LibraryPath "" "library"
                Expect.stringContains (string w) "single process" "ToString")
        }
        test "the public Initialize outside a launcher is a world of one" {
            // The test process is not started by mpirun (the multi-rank tests launch their own processes).
            use w = MpiWorld.Initialize()
            Expect.isTrue w.IsSingleProcess "IsSingleProcess"
        }
        test "collectives are the identity" {
            withWorld (fun w ->
                for op in [ ReduceOperation.Sum; ReduceOperation.Mean; ReduceOperation.Max; ReduceOperation.Min ] do
                    let d = [| 1.5; -2.0; 3.25 |]
                    w.AllReduce(Span<float>(d), op)
                    Expect.sequenceEqual d [| 1.5; -2.0; 3.25 |] $"float64 {op}"
                    let f = [| 1.5f; -2.0f |]
                    w.AllReduce(Span<float32>(f), op)
                    Expect.sequenceEqual f [| 1.5f; -2.0f |] $"float32 {op}"
                Expect.equal (w.AllReduce(2.5, ReduceOperation.Mean)) 2.5 "scalar"
                let k = [| 3; 4 |]
                w.AllReduce(Span<int>(k), ReduceOperation.Sum)
                Expect.sequenceEqual k [| 3; 4 |] "int32"
                let b = [| 7.0 |]
                w.Broadcast(Span<float>(b), 0)
                Expect.equal b[0] 7.0 "broadcast"
                let all = Array.zeroCreate<float> 2
                w.AllGather(ReadOnlySpan<float>([| 1.0; 2.0 |]), Span<float>(all))
                Expect.sequenceEqual all [| 1.0; 2.0 |] "all-gather"
                w.Barrier())
        }
        test "argument errors name the argument" {
            withWorld (fun w ->
                let e = thrown<ArgumentOutOfRangeException> (fun () -> w.Broadcast(Span<float>([| 1.0 |]), 1))
                Expect.equal e.ParamName "root" "root"
                let e = thrown<ArgumentException> (fun () -> w.AllGather(ReadOnlySpan<float>([| 1.0 |]), Span<float>(Array.zeroCreate 2)))
                Expect.equal e.ParamName "all" "all"
                let e = thrown<ArgumentException> (fun () -> w.AllReduce(Span<int>([| 1 |]), ReduceOperation.Mean))
                Expect.equal e.ParamName "operation" "integer mean"
                let e = thrown<ArgumentOutOfRangeException> (fun () -> w.AllReduce(Span<float>([| 1.0 |]), enum<ReduceOperation> 9))
                Expect.equal e.ParamName "operation" "unknown reduction")
        }
        test "a second world while one is active is refused" {
            withWorld (fun _ ->
                thrown<InvalidOperationException> (fun () -> MpiWorld.Initialize(Launcher.detect (env [])) |> ignore)
                |> contains "already active")
        }
        test "after Dispose every member throws ObjectDisposedException; Dispose is idempotent; a new world of one may follow" {
            let w = MpiWorld.Initialize(Launcher.detect (env []))
            w.Dispose()
            Expect.isTrue w.IsDisposed "IsDisposed"
            thrown<ObjectDisposedException> (fun () -> w.Rank |> ignore) |> contains "MPI_Finalize"
            thrown<ObjectDisposedException> (fun () -> w.AllReduce(Span<float>([| 1.0 |]), ReduceOperation.Sum)) |> ignore
            thrown<ObjectDisposedException> (fun () -> w.Broadcast(Span<float32>([| 1.0f |]), 0)) |> ignore
            thrown<ObjectDisposedException> (fun () -> w.Barrier()) |> ignore
            w.Dispose()
            withWorld (fun again -> Expect.equal again.Size 1 "a fresh world of one")
        }
        test "launched but no library loads: a clear error naming the Debian packages" {
            let launch = Launcher.detect (env [ "OMPI_COMM_WORLD_SIZE", "2"; "FLUXION_MPI_LIBRARY", "/nonexistent/libmpi-missing.so.40" ])
            let e = thrown<DllNotFoundException> (fun () -> MpiWorld.Initialize launch |> ignore)
            contains "Open MPI's mpirun" e
            contains "/nonexistent/libmpi-missing.so.40" e
            contains "apt-get install openmpi-bin libopenmpi-dev" e
            contains "apt-get install mpich libmpich-dev" e
            // The failed attempt left no active world behind.
            withWorld (fun w -> Expect.isTrue w.IsSingleProcess "a world of one after the failure")
        }
    ]

[<Tests>]
let dataParallel =
    testSequenced <| testList "data-parallel on one rank" [
        test "SGD with momentum through DataParallel equals plain SGD exactly" {
            withWorld (fun w ->
                let x, y = data 1
                let a = MultilayerPerceptron<float>([| 3; 6; 2 |], Activation.Tanh, Random(2))
                let b = MultilayerPerceptron<float>([| 3; 6; 2 |], Activation.Tanh, Random(2))
                let dp = DataParallel<float>(w, a.Parameters)
                let sa = Sgd<float>(a.Parameters, 0.05, 0.9)
                let sb = Sgd<float>(b.Parameters, 0.05, 0.9)
                for _ in 1..5 do
                    let la = Tensor.MeanSquaredError(a.Forward x, y)
                    let reported = dp.Step(sa, la)
                    Expect.equal reported (la.ToScalar()) "the reported loss is this rank's loss"
                    sb.Step(Tensor.MeanSquaredError(b.Forward x, y))
                Expect.sequenceEqual (a.Parameters.ToFlatArray()) (b.Parameters.ToFlatArray()) "parameters"
                Expect.equal (dp.MaxParameterDifference()) 0.0 "in step with itself")
        }
        test "Adam in float32 through DataParallel equals plain Adam exactly" {
            withWorld (fun w ->
                let random = Random(3)
                let x = Tensor.RandomNormal<float32>(random, 10, 4)
                let labels = Array.init 10 (fun i -> i % 3)
                let a = MultilayerPerceptron<float32>([| 4; 5; 3 |], Activation.Relu, Random(4))
                let b = MultilayerPerceptron<float32>([| 4; 5; 3 |], Activation.Relu, Random(4))
                let dp = DataParallel<float32>(w, a.Parameters)
                let oa = Adam<float32>(a.Parameters, 0.01)
                let ob = Adam<float32>(b.Parameters, 0.01)
                for _ in 1..5 do
                    dp.Step(oa, Tensor.CrossEntropy(a.Forward x, labels)) |> ignore
                    ob.Step(Tensor.CrossEntropy(b.Forward x, labels))
                Expect.sequenceEqual (a.Parameters.ToFlatArray()) (b.Parameters.ToFlatArray()) "parameters")
        }
        test "averaged gradients of one rank are the gradients, as new tensors of the parameters' shapes" {
            withWorld (fun w ->
                let x, y = data 5
                let net = MultilayerPerceptron<float>([| 3; 4; 2 |], Activation.Gelu, Random(6))
                let dp = DataParallel<float>(w, net.Parameters)
                let loss = Tensor.MeanSquaredError(net.Forward x, y)
                let plain = net.Parameters.Gradients loss
                let averaged = dp.Gradients(loss, 12.0)
                for k in 0 .. plain.Length - 1 do
                    Expect.sequenceEqual averaged[k].Shape plain[k].Shape $"shape {k}"
                    // Weighted: (12·g)/12, two correctly rounded operations, within 2 ulp of g.
                    Array.iter2 (fun (a: float) (b: float) ->
                        Expect.isLessThanOrEqual (abs (a - b)) (4.0 * Double.Epsilon + 2.0 * Math.BitIncrement(abs b) - 2.0 * abs b) $"gradient {k}")
                        (averaged[k].ToArray()) (plain[k].ToArray())
                let unweighted = dp.Gradients loss
                for k in 0 .. plain.Length - 1 do
                    Expect.sequenceEqual (unweighted[k].ToArray()) (plain[k].ToArray()) $"unweighted gradient {k} (exact: g/1)"
                Expect.equal dp.LastLoss (loss.ToScalar()) "LastLoss")
        }
        test "L-BFGS through DataParallel takes Fluxion's Lbfgs.Minimize path exactly" {
            withWorld (fun w ->
                let x, y = data 7
                let a = MultilayerPerceptron<float>([| 3; 5; 2 |], Activation.Tanh, Random(8))
                let b = MultilayerPerceptron<float>([| 3; 5; 2 |], Activation.Tanh, Random(8))
                let dp = DataParallel<float>(w, a.Parameters)
                let fa = dp.MinimizeLbfgs(Func<_>(fun () -> Tensor.MeanSquaredError(a.Forward x, y)), 1e-9, 60)
                let fb = Lbfgs.Minimize(b.Parameters, Func<_>(fun () -> Tensor.MeanSquaredError(b.Forward x, y)), 1e-9, 60)
                Expect.equal fa.Iterations fb.Iterations "iterations"
                Expect.equal fa.Reason fb.Reason "reason"
                Expect.equal fa.Converged fb.Converged "converged"
                Expect.equal fa.Loss fb.Loss "loss"
                Expect.isGreaterThan fa.Evaluations fa.Iterations "evaluations (the final re-evaluation included)"
                Expect.sequenceEqual (a.Parameters.ToFlatArray()) (b.Parameters.ToFlatArray()) "parameters")
        }
        test "bad arguments are refused, naming the argument" {
            withWorld (fun w ->
                let x, y = data 9
                let net = MultilayerPerceptron<float>([| 3; 4; 2 |], Activation.Tanh, Random(10))
                let other = MultilayerPerceptron<float>([| 3; 4; 2 |], Activation.Tanh, Random(10))
                let dp = DataParallel<float>(w, net.Parameters)
                let loss () = Tensor.MeanSquaredError(net.Forward x, y)
                let e = thrown<ArgumentNullException> (fun () -> DataParallel<float>(null, net.Parameters) |> ignore)
                Expect.equal e.ParamName "world" "world"
                let e = thrown<ArgumentNullException> (fun () -> DataParallel<float>(w, Unchecked.defaultof<ParameterCollection<float>>) |> ignore)
                Expect.equal e.ParamName "parameters" "parameters"
                thrown<NotSupportedException> (fun () -> DataParallel<Half>(w, ParameterCollection<Half>([||])) |> ignore)
                |> contains "float32 and float64"
                let e = thrown<ArgumentException> (fun () -> dp.Step(Sgd<float>(other.Parameters, 0.1), loss ()) |> ignore)
                Expect.equal e.ParamName "optimizer" "optimizer of another collection"
                let e = thrown<ArgumentOutOfRangeException> (fun () -> dp.Gradients(loss (), -1.0) |> ignore)
                Expect.equal e.ParamName "weight" "weight"
                let e = thrown<ArgumentException> (fun () -> dp.Gradients(net.Forward x) |> ignore)
                Expect.equal e.ParamName "loss" "a loss of many elements"
                let g = net.Parameters.Gradients(loss ())
                let e = thrown<ArgumentException> (fun () -> dp.AverageGradients(g[0..1], 0.0) |> ignore)
                Expect.equal e.ParamName "gradients" "too few gradients"
                let swapped = Array.copy g
                swapped[0] <- g[2]
                let e = thrown<ArgumentException> (fun () -> dp.AverageGradients(swapped, 0.0) |> ignore)
                Expect.stringContains e.Message "shape" "a gradient of the wrong shape"
                let e = thrown<ArgumentOutOfRangeException> (fun () -> dp.MinimizeLbfgs(Func<_>(loss), 0.0, 10) |> ignore)
                Expect.equal e.ParamName "gradientTolerance" "tolerance"
                let e = thrown<ArgumentOutOfRangeException> (fun () -> dp.MinimizeLbfgs(Func<_>(loss), 1e-6, 0) |> ignore)
                Expect.equal e.ParamName "maximumIterations" "iterations")
        }
    ]

[<Tests>]
let ensemble =
    testSequenced <| testList "ensemble on one rank" [
        test "results come back in task order" {
            withWorld (fun w ->
                let results = Ensemble.Run(w, 4, 2, Func<int, float[]>(fun i -> [| float i; float (i * i) |]))
                Expect.equal results.Length 4 "count"
                for i in 0..3 do
                    Expect.sequenceEqual results[i] [| float i; float (i * i) |] $"task {i}"
                    Expect.equal (Ensemble.RankOf(w, i)) 0 "rank"
                Expect.isEmpty (Ensemble.Run(w, 0, 3, Func<int, float[]>(fun _ -> failwith "no task runs"))) "no tasks")
        }
        test "failed tasks and results of the wrong length are named, after every task ran" {
            withWorld (fun w ->
                let ran = ResizeArray<int>()
                let e =
                    thrown<EnsembleException> (fun () ->
                        Ensemble.Run(w, 5, 1, Func<int, float[]>(fun i ->
                            ran.Add i
                            if i = 1 then invalidOp "diverged"
                            elif i = 3 then [| 1.0; 2.0 |]
                            else [| float i |])) |> ignore)
                Expect.sequenceEqual e.FailedTasks [| 1; 3 |] "failed tasks"
                Expect.sequenceEqual ran [ 0; 1; 2; 3; 4 ] "every task ran"
                contains "diverged" e
                Expect.equal e.InnerException.Message "diverged" "inner")
        }
        test "argument errors" {
            withWorld (fun w ->
                let f = Func<int, float[]>(fun _ -> [||])
                Expect.equal (thrown<ArgumentNullException> (fun () -> Ensemble.Run(null, 1, 0, f) |> ignore)).ParamName "world" "world"
                Expect.equal (thrown<ArgumentNullException> (fun () -> Ensemble.Run(w, 1, 0, null) |> ignore)).ParamName "task" "task"
                Expect.equal (thrown<ArgumentOutOfRangeException> (fun () -> Ensemble.Run(w, -1, 0, f) |> ignore)).ParamName "taskCount" "count"
                Expect.equal (thrown<ArgumentOutOfRangeException> (fun () -> Ensemble.Run(w, 1, -1, f) |> ignore)).ParamName "resultLength" "length"
                Expect.equal (thrown<ArgumentOutOfRangeException> (fun () -> Ensemble.RankOf(w, -1) |> ignore)).ParamName "taskIndex" "index")
        }
    ]
