/// The tape itself: control flow, fan-out, custom VJPs, checkpointing, threads and allocation.
module Fluxion.ReverseAD.Tests.Engine

open System
open System.Threading.Tasks
open Expecto
open Fluxion
open Fluxion.ReverseAD.Tests.Generic.Functions
open Fluxion.ReverseAD.Tests.Generic.Reference

let private point = [| 0.7; -1.3; 0.4; 2.1 |]

/// Damped oscillator x'' = -k x - c x' stepped with explicit Euler; k and c ride along in the state.
let private step (s: Var<float>[]) : Var<float>[] =
    let dt = 1e-3
    let x, v, kk, c = s[0], s[1], s[2], s[3]
    [| x + dt * v; v + dt * (-(kk * x) - c * v); kk; c |]

let private loss (steps: int) (perCheckpoint: int) (p: Var<float>[]) : Var<float> =
    let mutable s = [| p[0]; p[1]; p[2]; p[3] |]
    if perCheckpoint = 0 then
        for _ in 1..steps do
            s <- step s
    else
        let segment (s0: Var<float>[]) =
            let mutable s = s0
            for _ in 1..perCheckpoint do
                s <- step s
            s
        for _ in 1 .. steps / perCheckpoint do
            s <- Reverse.checkpoint segment s
    s[0] * s[0] + 0.5 * s[1] * s[1]

/// x with x³ + x = p, by Newton's method on plain numbers, and its custom VJP dx/dp = 1/(3x² + 1).
let private cubicRoot (p: Var<float>) : Var<float> =
    let mutable x = 0.0
    for _ in 1..60 do
        x <- x - (x * x * x + x - p.Primal) / (3.0 * x * x + 1.0)
    let slope = 1.0 / (3.0 * x * x + 1.0)
    Reverse.custom x [| p |] (fun adj -> adj.Add(p, adj.Output() * slope))

/// Nested checkpoints of several shapes, written once over Var<'U> for any 'U, with `checkpoint` either
/// Reverse.checkpoint or plain application (the same computation without checkpoints).
module private Shapes =
    open Fluxion.ReverseAD.Tests.Generic.Pinned

    let step<'U when 'U :> Numerics.IFloatingPointIeee754<'U>> (s: Var<'U>[]) : Var<'U>[] =
        [| s[0] * s[1] + Var<'U>.Sin s[0]; s[1] - s[0] * k 0.01 |]

    let loss<'U when 'U :> Numerics.IFloatingPointIeee754<'U>> (s: Var<'U>[]) : Var<'U> = s[0] * s[0] + s[1]

    let all<'U when 'U :> Numerics.IFloatingPointIeee754<'U>> (checkpoint: (Var<'U>[] -> Var<'U>[]) -> Var<'U>[] -> Var<'U>[]) =
        let less (n: int) = Operators.(-) n 1
        // One nested call per segment (a chain: the sweep takes the nested outputs from its memo).
        let rec chain n s = if n = 0 then step s else checkpoint (fun v -> chain (less n) (step v)) s
        // Two nested calls per segment (recomputed, as a memory-saving binomial scheme needs).
        let rec binary n s = if n = 0 then step s else checkpoint (fun v -> binary (less n) (binary (less n) v)) s
        // A leaf checkpoint before each deeper level.
        let rec caterpillar n s = if n = 0 then step s else checkpoint (fun v -> caterpillar (less n) (checkpoint step (step v))) s
        // A nested checkpoint on constants inside each level.
        let rec onConstants n s =
            if n = 0 then step s
            else
                checkpoint (fun (v: Var<'U>[]) ->
                    let c = checkpoint step [| Var<'U>(k 0.3); Var<'U>(k 0.2) |]
                    onConstants (less n) [| v[0] + c[0]; v[1] * c[1] |]) s
        let chainUnderBranch n s = checkpoint (fun v -> chain n (binary 2 v)) s
        [ "chain", chain 40; "binary", binary 5; "caterpillar", caterpillar 30
          "constants inside", onConstants 20; "chain under a branch", chainUnderBranch 20 ]

[<Tests>]
let tests =
    testList "reverse engine" [
        test "a generic function: reverse gradient equals forward mode" {
            let r = Reverse.gradient mixed<Var<float>> point
            let f = forwardGradient mixed<Dual<float>> point
            for i in 0 .. point.Length - 1 do
                Expect.isLessThan (relErr r[i] f[i]) 1e-14 $"entry {i}: reverse {r[i]} forward {f[i]}"
        }
        test "Rosenbrock gradient equals the analytic gradient" {
            let x = Array.init 50 (fun i -> 0.1 * float i - 2.0)
            let g = Reverse.gradient rosenbrock<Var<float>> x
            let n = x.Length
            for i in 0 .. n - 1 do
                let mutable a = 0.0
                if i < n - 1 then a <- a - 400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i])
                if i > 0 then a <- a + 200.0 * (x[i] - x[i - 1] * x[i - 1])
                Expect.isLessThan (relErr g[i] a) 1e-13 $"entry {i}"
        }
        test "branches: each side of an if gives its own derivative" {
            let f (x: Var<float>[]) = if x[0] > x[1] then x[0] * x[0] * x[1] else sin (x[1]) * x[0]
            Expect.equal (Reverse.gradient f [| 3.0; 2.0 |]) [| 12.0; 9.0 |] "x0 > x1: (2 x0 x1, x0^2)"
            let g = Reverse.gradient f [| 1.0; 2.0 |]
            Expect.equal g [| sin 2.0; cos 2.0 |] "x0 <= x1: (sin x1, x0 cos x1)"
        }
        test "loops: 30 Newton steps for sqrt(a) give d/da = 1/(2 sqrt a)" {
            let f (a: Var<float>[]) =
                let mutable x = a[0]
                for _ in 1..30 do
                    x <- 0.5 * (x + a[0] / x)
                x
            let g = Reverse.gradient f [| 7.0 |]
            Expect.floatClose Accuracy.veryHigh g[0] (0.5 / sqrt 7.0) "1/(2 sqrt 7)"
        }
        test "a variable used on 10,000 paths: adjoints add up" {
            let f (x: Var<float>[]) =
                let mutable s = Var<float>.Zero
                for k in 1..10000 do
                    s <- s + sin (float k * 1e-4 * x[0])
                s
            let x = 0.9
            let expected = Seq.sum (seq { for k in 1..10000 -> float k * 1e-4 * cos (float k * 1e-4 * x) })
            let g = Reverse.gradient f [| x |]
            Expect.isLessThan (relErr g[0] expected) 1e-12 $"{g[0]} vs {expected}"
        }
        test "inputs not used, and constant outputs, give zero gradients" {
            Expect.equal (Reverse.gradient (fun (x: Var<float>[]) -> x[0] * 2.0) [| 1.0; 5.0 |]) [| 2.0; 0.0 |] "unused input"
            Expect.equal (Reverse.gradient (fun (_: Var<float>[]) -> Var<float>.Constant 3.0) [| 1.0; 5.0 |]) [| 0.0; 0.0 |] "constant"
        }
        test "stopGradient blocks the derivative" {
            let g = Reverse.gradient (fun (x: Var<float>[]) -> x[0] * Reverse.stopGradient x[0]) [| 3.0 |]
            Expect.equal g [| 3.0 |] "d/dx [x * stop(x)] = stop(x)"
        }
        test "vjp and jacobian equal forward-mode partials" {
            let f (x: Var<float>[]) = [| x[0] * x[1]; sin x[0] + x[1] * x[1] * x[1]; exp (x[1] / x[0]) |]
            let fd (x: Dual<float>[]) = [| x[0] * x[1]; sin x[0] + x[1] * x[1] * x[1]; exp (x[1] / x[0]) |]
            let x = [| 1.3; 0.6 |]
            let jac = Reverse.jacobian f x
            for j in 0..1 do
                let col = fd (Array.init 2 (fun m -> Dual<float>(x[m], (if m = j then 1.0 else 0.0))))
                for i in 0..2 do
                    Expect.isLessThan (relErr jac[i, j] col[i].Tangent) 1e-15 $"J[{i},{j}]"
            let u = [| 0.5; -2.0; 1.5 |]
            let values, vjp = Reverse.vjp f x u
            Expect.equal values (f (Array.map Var<float> x) |> Array.map (fun v -> v.Primal)) "values"
            for j in 0..1 do
                let expected = Seq.sum (seq { for i in 0..2 -> u[i] * jac[i, j] })
                Expect.isLessThan (relErr vjp[j] expected) 1e-14 $"vjp[{j}]"
        }
        test "custom VJP: implicit function x^3 + x = p has dx/dp = 1/(3x^2 + 1)" {
            let f (p: Var<float>[]) = cubicRoot (p[0] * p[1]) * p[1]
            let p = [| 2.0; 1.5 |]
            let g = Reverse.gradient f p
            // x(q) with q = p0 p1 = 3: x = 1.2134... solves x^3 + x = 3; analytic chain rule:
            let q = p[0] * p[1]
            let mutable x = 1.0
            for _ in 1..60 do
                x <- x - (x * x * x + x - q) / (3.0 * x * x + 1.0)
            let dx = 1.0 / (3.0 * x * x + 1.0)
            Expect.isLessThan (relErr g[0] (dx * p[1] * p[1])) 1e-14 "d/dp0"
            Expect.isLessThan (relErr g[1] (dx * p[0] * p[1] + x)) 1e-14 "d/dp1"
        }
        test "custom operation with several outputs" {
            // (sin x, cos x) as one operation with a hand-written VJP.
            let sincos (x: Var<float>) =
                Reverse.customMany [| sin x.Primal; cos x.Primal |] [| x |] (fun adj ->
                    adj.Add(x, adj.Output 0 * cos x.Primal - adj.Output 1 * sin x.Primal))
            let f (x: Var<float>[]) =
                let sc = sincos x[0]
                sc[0] * sc[0] * x[1] + sc[1]
            let g = Reverse.gradient f [| 0.8; 3.0 |]
            Expect.isLessThan (relErr g[0] (2.0 * sin 0.8 * cos 0.8 * 3.0 - sin 0.8)) 1e-15 "d/dx"
            Expect.isLessThan (relErr g[1] (sin 0.8 * sin 0.8)) 1e-15 "d/dy"
        }
        test "checkpointed and plain gradients agree to the last bit" {
            let p = [| 1.0; 0.0; 4.0; 0.3 |]
            let plain = Reverse.gradient (loss 4000 0) p
            for per in [ 1; 10; 400; 4000 ] do
                let cp = Reverse.gradient (loss 4000 per) p
                Expect.equal (Array.map BitConverter.DoubleToInt64Bits cp) (Array.map BitConverter.DoubleToInt64Bits plain) $"every {per} steps"
            let value, _ = Reverse.valueAndGradient (loss 4000 10) p
            Expect.equal value (fst (Reverse.valueAndGradient (loss 4000 0) p)) "value"
        }
        test "EntryCount: the sink, one entry per input and per operation; checkpoints keep the tape short" {
            do
                use tape = GradientTape<float>.Start()
                let x = tape.Variables [| 2.0; 3.0 |]
                Expect.equal tape.EntryCount 3 "the sink and two inputs"
                let _ = x[0] * x[0] + sin x[1]
                Expect.equal tape.EntryCount 6 "three operations more"
            let entries perCheckpoint =
                use tape = GradientTape<float>.Start()
                loss 4000 perCheckpoint (tape.Variables [| 1.0; 0.0; 4.0; 0.3 |]) |> ignore
                tape.EntryCount
            // A step records 8 operations (dt·v, +, k·x, negation, c·v, −, dt·(…), +), the loss 4.
            Expect.equal (entries 0) (1 + 4 + 8 * 4000 + 4) "plain: every step"
            // A checkpoint keeps only its 4 outputs.
            Expect.equal (entries 400) (1 + 4 + 4 * 10 + 4) "ten checkpoints"
        }
        test "nested checkpoints, and checkpoints inside a Jacobian's repeated sweeps" {
            let inner (s: Var<float>[]) = [| sin s[0] * s[1]; s[1] + s[0] * s[0] |]
            let outer (s: Var<float>[]) = Reverse.checkpoint inner (Reverse.checkpoint inner s)
            let f (x: Var<float>[]) = Reverse.checkpoint outer x
            let plain (x: Var<float>[]) = inner (inner x)
            let x = [| 0.3; 1.7 |]
            Expect.equal (Reverse.jacobian f x) (Reverse.jacobian plain x) "Jacobians"
        }
        test "the gradient checker passes a correct gradient" {
            let f =
                { new IMultivariateFunction with
                    member _.Evaluate<'U when 'U :> Numerics.IFloatingPointIeee754<'U>>(x: 'U[]) = mixed x }
            let r = GradCheck.check f point
            Expect.isTrue r.Passed (string r)
            Expect.isLessThan r.MaxRelativeErrorVsForward 1e-14 "vs forward"
            Expect.isLessThan r.MaxRelativeErrorVsFiniteDifferences 1e-9 "vs finite differences"
        }
        test "the gradient checker catches a wrong custom VJP" {
            let wrong =
                { new IMultivariateFunction with
                    member _.Evaluate<'U when 'U :> Numerics.IFloatingPointIeee754<'U>>(x: 'U[]) =
                        match box x with
                        | :? (Var<float>[]) as v ->
                            // sin with a deliberately wrong derivative (1.01 cos).
                            let s = Reverse.custom (sin v[0].Primal) [| v[0] |] (fun adj -> adj.Add(v[0], adj.Output() * 1.01 * cos v[0].Primal))
                            unbox<'U> (box s)
                        | _ -> 'U.Sin x[0] }
            let r = GradCheck.check wrong [| 0.4 |]
            Expect.isFalse r.Passed (string r)
            Expect.isGreaterThan r.MaxRelativeErrorVsForward 1e-3 "vs forward"
            Expect.isGreaterThan r.MaxRelativeErrorVsFiniteDifferences 1e-3 "vs finite differences"
        }
        test "concurrent gradients on 8 threads equal sequential ones" {
            let points = Array.init 16 (fun t -> Array.init 300 (fun i -> sin (float (t * 300 + i))))
            let sequential = points |> Array.map (Reverse.gradient rosenbrock<Var<float>>)
            let concurrent = Array.zeroCreate points.Length
            Parallel.For(0, points.Length, ParallelOptions(MaxDegreeOfParallelism = 8), fun t ->
                concurrent[t] <- Reverse.gradient rosenbrock<Var<float>> points[t]) |> ignore
            Expect.equal concurrent sequential "same gradients"
        }
        test "16 threads recording at the same moments, at different stack depths, equal one thread" {
            // The thread check (Tape.OnOwnThread) learns each tape's stack range as the computation goes deeper;
            // here every thread records at a different recursion depth each round, in lockstep with the others.
            let threads = 16
            let rounds = 20
            let rec atDepth k (f: unit -> 'a) : 'a = if k = 0 then f () else let r = atDepth (k - 1) f in r
            let point t r = Array.init 50 (fun i -> sin (float (t * 1000 + r * 50 + i)))
            let gradient t r = atDepth ((t * 7 + r * 13) % 200) (fun () -> Reverse.gradient rosenbrock<Var<float>> (point t r))
            let sequential = Array.init threads (fun t -> Array.init rounds (gradient t))
            let concurrent = Array.init threads (fun _ -> Array.zeroCreate rounds)
            let barrier = new Threading.Barrier(threads)
            let failures = Collections.Concurrent.ConcurrentQueue<exn>()
            let workers =
                Array.init threads (fun t ->
                    Threading.Thread(fun () ->
                        try
                            for r in 0 .. rounds - 1 do
                                barrier.SignalAndWait()
                                concurrent[t][r] <- gradient t r
                        with e ->
                            failures.Enqueue e
                            barrier.RemoveParticipant() |> ignore))
            for w in workers do
                w.Start()
            for w in workers do
                w.Join()
            Expect.isEmpty failures "no thread failed"
            Expect.equal concurrent sequential "the same gradients, bit for bit"
            // The thread pool too: many short tasks on few threads, each thread's tapes reused by many of them.
            let tasks = Array.init 200 (fun k -> Task.Run(fun () -> gradient (k % threads) (k % rounds)))
            Task.WaitAll(tasks |> Array.map (fun t -> t :> Task))
            for k in 0 .. tasks.Length - 1 do
                let expected = sequential[k % threads][k % rounds]
                Expect.equal tasks[k].Result expected $"task {k}"
        }
        test "recording at every depth of a deep recursion on the computation's own thread" {
            // Each level records after its recursive call returns, so each operation is recorded from a new stack
            // depth: the thread check's slow path widens the tape's stack range level by level.
            let depth = 20_000
            let rec deep k (v: Var<float>) : Var<float> = if k = 0 then v else 0.5 * deep (k - 1) v + v
            let mutable failure: exn = null
            let body () =
                // d/dv of deep k: D(0) = 1, D(k) = D(k − 1)/2 + 1, so D(k) = 2 − 2⁻ᵏ.
                let g = Reverse.gradient (fun v -> deep depth v[0]) [| 0.3 |]
                Expect.floatClose Accuracy.veryHigh g[0] 2.0 "deep"
                let g = Reverse.gradient (fun v -> deep 3 v[0]) [| 0.3 |]
                Expect.floatClose Accuracy.veryHigh g[0] 1.875 "then shallow"
            let t = Threading.Thread((fun () -> try body () with e -> failure <- e), 64 * 1024 * 1024)
            t.Start()
            t.Join()
            if not (isNull failure) then raise failure
        }
        test "after warm-up recording and sweeping allocate nothing per operation" {
            let x = Array.init 2000 (fun i -> 0.001 * float i)
            let g = Array.zeroCreate x.Length
            let f = Func<Var<float>[], Var<float>>(fun v -> sinExp v + rosenbrock v)
            for _ in 1..100 do
                Reverse.valueAndGradientInto f x g |> ignore
            let calls = 50
            let window () =
                let before = GC.GetAllocatedBytesForCurrentThread()
                for _ in 1..calls do
                    Reverse.valueAndGradientInto f x g |> ignore
                GC.GetAllocatedBytesForCurrentThread() - before
            // About 14 recorded operations per input. The runtime's tiered JIT may still allocate a few bytes in
            // total on this thread, and a garbage collection started by a test running in parallel makes the unused
            // part of this thread's allocation quantum (up to 8 KB) count as allocated, so the least of three windows
            // is taken; an allocation per operation would show in every window, as at least 24 bytes per operation.
            let bytes = List.init 3 (fun _ -> window ()) |> List.min
            let operations = float calls * 14.0 * float x.Length
            Expect.isLessThan (float bytes / operations) 0.01 $"{bytes} bytes for {operations} recorded operations (the least of three windows)"
        }
        test "tape storage: a huge computation's capacity is given back after 8 smaller ones, or at once by ReleaseTape" {
            // On a thread of its own, so that no other test's computations count among the last 8.
            let mutable failure: exn = null
            let body () =
                // Σ xᵢ² recorded as 2 entries per term: about 400,000 entries, far beyond the 1,024 a tape starts with.
                let big = Array.init 200_000 (fun i -> 1e-3 * float i)
                let sumSquares (v: Var<float>[]) =
                    let mutable s = Var<float>.Zero
                    for vi in v do
                        s <- s + vi * vi
                    s
                let small (v: Var<float>[]) = v[0] * v[0]
                let capacity () =
                    use tape = GradientTape<float>.Start()
                    tape.Capacity
                let g = Reverse.gradient sumSquares big
                Expect.equal g (Array.map (fun x -> 2.0 * x) big) "the big gradient"
                let entries = 1 + 200_000 + 2 * 200_000
                let afterBig = capacity () // the 1st computation after the big one
                Expect.isGreaterThanOrEqual afterBig entries "the storage the big computation needed is kept"
                Expect.isLessThan afterBig (2 * entries) "rounded up to a power of two, not more"
                for _ in 2..7 do
                    Expect.equal (Reverse.gradient small [| 3.0 |]) [| 6.0 |] "small gradient"
                // Read during the 8th: the big one is still among the last 8 finished computations.
                Expect.equal (capacity ()) afterBig "kept while among the last 8 computations"
                Expect.equal (capacity ()) 1024 "given back once 8 small computations followed it"
                Reverse.gradient sumSquares big |> ignore
                Expect.equal (capacity ()) afterBig "grown again by the next big computation"
                ReverseMode.ReleaseTape<float>()
                Expect.equal (capacity ()) 1024 "ReleaseTape gives all of it back"
                Expect.equal (Reverse.gradient small [| 3.0 |]) [| 6.0 |] "a computation after the release"
                let e =
                    Expect.throwsC (fun () -> Reverse.gradient (fun v -> ReverseMode.ReleaseTape<float>(); small v) [| 1.0 |] |> ignore) id
                Expect.equal (e.GetType()) typeof<InvalidOperationException> (string e)
                Expect.stringContains e.Message "cannot be released while" "the message says why"
                // Another number type's tape is separate: releasing it inside a computation over float is fine.
                Expect.equal (Reverse.gradient (fun v -> ReverseMode.ReleaseTape<float32>(); small v) [| 2.0 |]) [| 4.0 |] "other type"
            let t = Threading.Thread(fun () -> try body () with e -> failure <- e)
            t.Start()
            t.Join()
            if not (isNull failure) then raise failure
        }
        test "tape storage: the peak of a checkpoint's recomputation counts, though the recomputation is rewound" {
            let mutable failure: exn = null
            let body () =
                let steps = 3000
                // One checkpoint around 3,000 steps: the recorded tape is short, its recomputation about 24,000 entries.
                let f (p: Var<float>[]) = loss steps steps p
                let p = [| 1.0; 0.0; 4.0; 0.3 |]
                let g = Reverse.gradient f p
                Expect.equal g (Reverse.gradient (loss steps 0) p) "checkpointed = plain"
                ReverseMode.ReleaseTape<float>()
                Reverse.gradient f p |> ignore
                use tape = GradientTape<float>.Start()
                Expect.isGreaterThanOrEqual tape.Capacity (8 * steps) "the recomputation's peak is kept"
            let t = Threading.Thread(fun () -> try body () with e -> failure <- e)
            t.Start()
            t.Join()
            if not (isNull failure) then raise failure
        }
        test "20,000 nested checkpoints: the plain gradient to the last bit, in linear time" {
            // Each level wraps all the levels below it. The user's recursion and the sweep each take a few stack
            // frames per level, so this runs on a thread with a large stack. Before nested checkpoints remembered
            // their nested outputs, this took O(depth²) segment runs (about 40 s); a quadratic regression would
            // make this test run for minutes rather than fail, which is what a unit test can honestly say.
            let depth = 20_000
            let step (s: Var<float>[]) = [| s[0] * 1.0001 + 0.001 * sin s[1]; s[1] - 0.001 * s[0] |]
            let rec nested k (s: Var<float>[]) : Var<float>[] =
                if k = 0 then s else Reverse.checkpoint (fun v -> nested (k - 1) (step v)) s
            let rec plain k (s: Var<float>[]) : Var<float>[] = if k = 0 then s else plain (k - 1) (step s)
            let loss (run: int -> Var<float>[] -> Var<float>[]) (x: Var<float>[]) = let s = run depth x in s[0] * s[1]
            let bits = Array.map BitConverter.DoubleToInt64Bits
            let mutable failure: exn = null
            let body () =
                let x = [| 0.5; -0.3 |]
                let g = Reverse.gradient (loss nested) x
                Expect.equal (bits g) (bits (Reverse.gradient (loss plain) x)) "gradient, bit for bit"
                // A Jacobian sweeps the same recording once per output: the memos are rebuilt in each sweep.
                let j = Reverse.jacobian (fun v -> nested depth v) x
                Expect.equal j (Reverse.jacobian (fun v -> plain depth v) x) "Jacobian"
            let t = Threading.Thread((fun () -> try body () with e -> failure <- e), 256 * 1024 * 1024)
            t.Start()
            t.Join()
            if not (isNull failure) then raise failure
        }
        test "nested checkpoints of every shape give the plain gradient, over Var, Var<Dual> and Var<Var>" {
            let x = [| 0.4; 0.9 |]
            let plain f s = f s
            let bits = Array.map BitConverter.DoubleToInt64Bits
            for (name, f), (_, p) in List.zip (Shapes.all<float> Reverse.checkpoint) (Shapes.all<float> plain) do
                let g = Reverse.gradient (f >> Shapes.loss) x
                Expect.equal (bits g) (bits (Reverse.gradient (p >> Shapes.loss) x)) $"{name}: gradient"
            let v = [| 1.0; -2.0 |]
            for (name, f), (_, p) in List.zip (Shapes.all<Dual<float>> Reverse.checkpoint) (Shapes.all<Dual<float>> plain) do
                let hv = Reverse.hessianVectorProduct (f >> Shapes.loss) x v
                Expect.equal (bits hv) (bits (Reverse.hessianVectorProduct (p >> Shapes.loss) x v)) $"{name}: Hessian-vector product"
            let hessians = Shapes.all<Dual<float>> plain |> List.map (fun (_, p) -> Reverse.hessian (p >> Shapes.loss) x)
            for ((name, f), (_, p)), h in List.zip (List.zip (Shapes.all<Var<float>> Reverse.checkpoint) (Shapes.all<Var<float>> plain)) hessians do
                // The gradient of ∂loss/∂x₀ (reverse over reverse): one row of the Hessian.
                let row run =
                    Reverse.gradient (fun (xs: Var<float>[]) ->
                        let inner = GradientTape<Var<float>>.Start()
                        try
                            let vs = inner.Variables xs
                            inner.Backward(Shapes.loss (run vs))
                            inner.Adjoint vs[0]
                        finally inner.Dispose()) x
                let r = row f
                let rp = row p
                // Bit for bit is not the design here: the recomputation records the segment's inner (Var<float>)
                // operations a second time, so the inner sweep adds the same terms in another order.
                for j in 0..1 do
                    Expect.isLessThan (relErr r[j] rp[j]) 1e-14 $"{name}: reverse over reverse {r[j]} vs {rp[j]}"
                for j in 0..1 do
                    Expect.isLessThan (relErr r[j] h[0, j]) 1e-13 $"{name}: H[0, {j}] {r[j]} vs forward over reverse {h[0, j]}"
        }
    ]
