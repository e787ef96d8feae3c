/// Compiled tapes (ReverseMode.Compile): replayed gradients against the uncompiled tape (bit for bit), analytic
/// gradients and the rule table's references at new points; guards, refusals and argument checks.
module Fluxion.ReverseAD.Tests.Compiled

open System
open System.Threading.Tasks
open Expecto
open Fluxion
open Fluxion.Tests.RuleTable
open Fluxion.Tests.RuleChecks
open Fluxion.ReverseAD.Tests.Generic.Functions
open Fluxion.ReverseAD.Tests.Generic.Reference

/// Deterministic points: n coordinates in [lo, hi] from a seed.
let private points (seed: int) (n: int) (lo: float) (hi: float) =
    let rng = Random(seed)
    Array.init n (fun _ -> lo + (hi - lo) * rng.NextDouble())

/// The exception of type 'E that f throws (fails the test when it throws none).
let private caught<'E when 'E :> exn> (f: unit -> unit) (what: string) : 'E =
    let mutable got: 'E option = None
    try f () with
    | :? 'E as e -> got <- Some e
    match got with
    | Some e -> e
    | None -> failtest $"{what}: expected {typeof<'E>.Name}"

/// Asserts that the replay at x gives the uncompiled value and gradient bit for bit.
let private sameAsTape (what: string) (f: Var<'T>[] -> Var<'T>) (compiled: CompiledGradient<'T>) (x: 'T[]) =
    let g = Array.zeroCreate x.Length
    let v = compiled.ValueAndGradientInto(x, g)
    let expectedValue, expected = Reverse.valueAndGradient f x
    let bits (a: 'T) = if 'T.IsNaN a then "NaN" else a.ToString("R", Globalization.CultureInfo.InvariantCulture)
    Expect.equal (bits v) (bits expectedValue) $"{what}: replayed value {bits v}, tape {bits expectedValue}"
    for i in 0 .. x.Length - 1 do
        Expect.equal (bits g[i]) (bits expected[i]) $"{what}: gradient entry {i}: replayed {bits g[i]}, tape {bits expected[i]}"
    g

let private rosenbrockGradient (x: float[]) =
    let g = Array.zeroCreate x.Length
    for i in 0 .. x.Length - 2 do
        let a = x[i + 1] - x[i] * x[i]
        g[i] <- g[i] - 400.0 * x[i] * a - 2.0 * (1.0 - x[i])
        g[i + 1] <- g[i + 1] + 200.0 * a
    g

let private expectClose (what: string) (tol: float) (actual: float[]) (expected: float[]) =
    for i in 0 .. actual.Length - 1 do
        Expect.isTrue (close tol 1e-300 actual[i] expected[i]) $"{what}: entry {i} is {actual[i]:R}, expected {expected[i]:R}"

/// One input per row of the rule table: input k goes through row k's function at a point of its first interval.
let private everyRule =
    let unary = unaryRows |> List.toArray
    let binary = binaryRows |> List.toArray
    let f (x: Var<float>[]) =
        let mutable s = Var<float>.Zero
        for k in 0 .. unary.Length - 1 do
            s <- s + unary[k].F.Invoke x[k]
        for k in 0 .. binary.Length - 1 do
            let j = unary.Length + 2 * k
            s <- s + binary[k].F.Invoke(x[j], x[j + 1])
        s
    let at (t: float) =
        [| for r in unary do
               let i = r.Domain.Head
               yield i.Lo + (i.Hi - i.Lo) * t
           for r in binary do
               let b = r.Domain.Head
               yield b.X.Lo + (b.X.Hi - b.X.Lo) * t
               yield b.Y.Lo + (b.Y.Hi - b.Y.Lo) * (1.0 - t) |]
    let reference (x: float[]) =
        [| for k in 0 .. unary.Length - 1 do
               yield unary[k].D1 x[k]
           for k in 0 .. binary.Length - 1 do
               let j = unary.Length + 2 * k
               yield binary[k].Dx x[j] x[j + 1]
               yield binary[k].Dy x[j] x[j + 1] |]
    f, at, reference

let private replay =
    testList "replay" [
        test "Rosenbrock: bit for bit the tape's gradient, and the analytic one, at 20 new points" {
            let x0 = points 1 50 -1.5 1.5
            let compiled = Reverse.compile rosenbrock x0
            for k in 1..20 do
                let x = points (100 + k) 50 -2.0 2.0
                let g = sameAsTape $"Rosenbrock at point {k}" rosenbrock compiled x
                expectClose $"Rosenbrock at point {k} vs analytic" 1e-12 g (rosenbrockGradient x)
        }
        test "sin·exp: bit for bit the tape's gradient, and the analytic one" {
            let compiled = Reverse.compile sinExp (points 2 30 -3.0 3.0)
            for k in 1..20 do
                let x = points (200 + k) 30 -6.0 6.0
                let g = sameAsTape $"sin·exp at point {k}" sinExp compiled x
                let analytic = x |> Array.map (fun v -> exp (v / 10.0) * (cos v + sin v / 10.0))
                expectClose $"sin·exp at point {k} vs analytic" 1e-13 g analytic
        }
        test "a mixed function: bit for bit the tape's gradient, and forward mode's" {
            let compiled = Reverse.compile mixed [| 0.7; -1.3; 0.4; 2.1 |]
            for k in 1..10 do
                let x = points (300 + k) 4 -1.0 1.0
                let g = sameAsTape $"mixed at point {k}" mixed compiled x
                expectClose $"mixed at point {k} vs forward mode" 1e-13 g (forwardGradient mixed x)
        }
        test "every rule of the table in one function: bit for bit the tape, and every row's reference" {
            let f, at, reference = everyRule
            let compiled = Reverse.compile f (at 0.3)
            Expect.isGreaterThan compiled.GuardCount 0 "the sign, clamp, copysign, maxnumber and minnumber rows decide"
            for t in [ 0.15; 0.45; 0.6; 0.85 ] do
                let x = at t
                let g = sameAsTape $"every rule at t = {t}" f compiled x
                expectClose $"every rule at t = {t} vs the rows' references" 1e-9 g (reference x)
        }
        test "float32: bit for bit the tape's gradient" {
            let x0 = points 3 20 -1.5 1.5 |> Array.map float32
            let compiled = Reverse.compile rosenbrock x0
            for k in 1..10 do
                sameAsTape $"float32 Rosenbrock at point {k}" rosenbrock compiled (points (400 + k) 20 -2.0 2.0 |> Array.map float32)
                |> ignore
        }
        test "forward over reverse: a compiled Var<Dual<double>> gives Hessian-vector products at new points" {
            let f (x: Var<Dual<float>>[]) = rosenbrock x
            let at (x: float[]) (v: float[]) = Array.map2 (fun a b -> Dual<float>(a, b)) x v
            let compiled = Reverse.compile f (at (points 4 10 -1.0 1.0) (points 5 10 -1.0 1.0))
            for k in 1..5 do
                let x = points (500 + k) 10 -1.5 1.5
                let v = points (600 + k) 10 -1.0 1.0
                let hv = compiled.Gradient(at x v) |> Array.map (fun d -> d.Tangent)
                let expected = ReverseMode.HessianVectorProduct(Func<_, _> f, x, v)
                Expect.equal hv expected $"Hessian-vector product at point {k}"
        }
        test "the program has the tape's entries, and Value and Gradient agree with ValueAndGradientInto" {
            let x = points 6 12 -1.0 1.0
            let compiled = Reverse.compile rosenbrock x
            use tape = GradientTape<float>.Start()
            rosenbrock (tape.Variables x) |> ignore
            Expect.equal compiled.EntryCount tape.EntryCount "entries"
            Expect.equal compiled.InputCount 12 "inputs"
            let y = points 7 12 -1.0 1.0
            let g = Array.zeroCreate 12
            let v = compiled.ValueAndGradientInto(y, g)
            Expect.equal (compiled.Value y) v "Value"
            Expect.equal (compiled.Gradient y) g "Gradient"
            Expect.equal v (rosenbrock y) "the plain evaluation"
        }
        test "constants of every kind are replayed with their values: c - x, x / c, c / x, x ** c, integers" {
            let f (x: Var<float>[]) =
                let c = Var<float>.Constant 2.5
                (3.0 - x[0]) * (x[1] / 4.0) + 2.0 / x[0] + Var<float>.Pow(x[1], 1.5) + (x[0] - c) * (c - x[1])
                + 3 * x[0] - x[1] / 2 + Var<float>.RootN(x[1], 3) + Var<float>.ScaleB(x[0], 3) + Var<float>.Polygamma(1, x[1])
                + Var<float>.FusedMultiplyAdd(x[0], x[1], c) + Var<float>.FusedMultiplyAdd(c, x[1], x[0])
                + Var<float>.Exp10(x[0]) + (x[1] % Var<float>.Constant 0.7)
            let compiled = Reverse.compile f [| 0.6; 1.7 |]
            for k in 1..10 do
                let x = [| 0.2 + 0.1 * float k; 1.0 + 0.13 * float k |]
                let g = sameAsTape $"constants at point {k}" f compiled x
                let dual = forwardGradient (fun d ->
                    let c = Dual<float>(2.5, 0.0)
                    (3.0 - d[0]) * (d[1] / 4.0) + 2.0 / d[0] + Dual<float>.Pow(d[1], 1.5) + (d[0] - c) * (c - d[1])
                    + 3 * d[0] - d[1] / 2 + Dual<float>.RootN(d[1], 3) + Dual<float>.ScaleB(d[0], 3) + Dual<float>.Polygamma(1, d[1])
                    + Dual<float>.FusedMultiplyAdd(d[0], d[1], c) + Dual<float>.FusedMultiplyAdd(c, d[1], d[0])
                    + Dual<float>.Exp10(d[0]) + (d[1] % Dual<float>(0.7, 0.0))) x
                expectClose $"constants at point {k} vs forward mode" 1e-12 g dual
        }
        test "a constant result has value and zero gradient" {
            let compiled = Reverse.compile (fun (_: Var<float>[]) -> Var<float>.Constant 3.0) [| 1.0; 2.0 |]
            let g = [| nan; nan |]
            Expect.equal (compiled.ValueAndGradientInto([| 5.0; 6.0 |], g)) 3.0 "value"
            Expect.equal g [| 0.0; 0.0 |] "gradient"
        }
        test "StopGradient is replayed with the value at the new point and no derivative" {
            let f (x: Var<float>[]) = x[0] * Reverse.stopGradient (x[0] * x[1])
            let compiled = Reverse.compile f [| 2.0; 3.0 |]
            let g = sameAsTape "stop-gradient" f compiled [| 1.5; -4.0 |]
            Expect.equal g [| -6.0; 0.0 |] "d/dx0 of x0·c is c = x0·x1 at the new point"
        }
        test "NaN inputs are passed through as the tape passes them" {
            let compiled = Reverse.compile rosenbrock [| 0.5; 0.5; 0.5 |]
            sameAsTape "NaN input" rosenbrock compiled [| 0.5; nan; 0.5 |] |> ignore
        }
        test "rules that choose inside themselves are replayed on the other side without a guard" {
            let f (x: Var<float>[]) = abs x[0] + Var<float>.Max(x[1], x[2]) + Var<float>.Floor(x[0] * x[2])
            let compiled = Reverse.compile f [| 1.0; 2.0; -1.0 |]
            Expect.equal compiled.GuardCount 0 "no decision outside the rules"
            let g = sameAsTape "abs and max switched" f compiled [| -1.0; -3.0; 0.5 |]
            Expect.equal g [| -1.0; 0.0; 1.0 |] "|x|' = -1 for x < 0, max' goes to the larger argument"
        }
    ]

let private guards =
    testList "guards" [
        test "a branch on x > 0 compiled at x > 0 throws BranchChangedException at x < 0, and replays at x > 0" {
            // F#'s > is generic comparison (CompareTo); Var.op_GreaterThan is what C# and generic math call.
            let viaCompare (x: Var<float>[]) = if x[0] > Var<float>.Zero then x[0] * x[0] else -x[0]
            let viaOperator (x: Var<float>[]) = if Var<float>.op_GreaterThan(x[0], Var<float>.Zero) then x[0] * x[0] else -x[0]
            for f, outcomes in [ viaCompare, "was 1 when the function was compiled and is -1 now"; viaOperator, "was true when the function was compiled and is false now" ] do
                let compiled = Reverse.compile f [| 2.0 |]
                Expect.equal compiled.GuardCount 1 "one decision"
                Expect.equal (compiled.Gradient [| 3.0 |]) [| 6.0 |] "same side"
                let e = caught<BranchChangedException> (fun () -> compiled.Gradient [| -1.0 |] |> ignore) "other side"
                Expect.stringContains e.Message outcomes "message"
                Expect.equal e.GuardIndex 0 "the first decision"
                Expect.equal (compiled.Gradient [| 0.5 |]) [| 1.0 |] "usable again after a failed guard"
        }
        test "F#'s max (generic comparison), Clamp, CopySign, MaxNumber and Sign are guarded" {
            let cases: (string * (Var<float>[] -> Var<float>) * float[] * float[]) list =
                [ "max", (fun x -> max x[0] x[1]), [| 1.0; 2.0 |], [| 3.0; 2.0 |]
                  "Clamp", (fun x -> Var<float>.Clamp(x[0], Var<float>.Constant -1.0, x[1])), [| 0.5; 2.0 |], [| 3.0; 2.0 |]
                  "CopySign", (fun x -> Var<float>.CopySign(x[0], x[1])), [| 1.0; 2.0 |], [| 1.0; -2.0 |]
                  "MaxNumber", (fun x -> Var<float>.MaxNumber(x[0], x[1])), [| 1.0; 2.0 |], [| nan; 2.0 |]
                  "Sign", (fun x -> x[0] * float (Var<float>.Sign x[1])), [| 1.0; 2.0 |], [| 1.0; -2.0 |] ]
            for name, f, at, other in cases do
                let compiled = Reverse.compile f at
                Expect.isGreaterThan compiled.GuardCount 0 $"{name}: guarded"
                sameAsTape name f compiled [| at[0] * 1.5; at[1] * 1.25 |] |> ignore
                Expect.throwsT<BranchChangedException> (fun () -> compiled.Gradient other |> ignore) $"{name} on the other side"
        }
        test "a comparison with a constant keeps the constant" {
            let f (x: Var<float>[]) = if x[0] < Var<float>.Constant 10.0 then x[0] else x[0] * x[0]
            let compiled = Reverse.compile f [| 1.0 |]
            Expect.equal (compiled.Gradient [| 9.0 |]) [| 1.0 |] "below the constant"
            Expect.throwsT<BranchChangedException> (fun () -> compiled.Gradient [| 11.0 |] |> ignore) "above the constant"
        }
    ]

let private refusals =
    let refused (name: string) (expected: string) (f: Var<float>[] -> Var<float>) =
        test name {
            let e = caught<NotSupportedException> (fun () -> Reverse.compile f [| 0.5; 1.5 |] |> ignore) name
            Expect.stringContains e.Message expected "the message names the operation"
        }
    testList "refusals" [
        refused "reading Primal" "Var.Primal" (fun x -> x[0] * x[0].Primal)
        refused "a conversion to double" "conversion to Double" (fun x -> x[0] * Double.CreateChecked x[1])
        refused "ToString" "ToString" (fun x -> if x[0].ToString() = "" then x[0] else x[1])
        refused "GetHashCode" "GetHashCode" (fun x -> x[0] * float (x[1].GetHashCode() % 2))
        refused "Round to digits" "Round(x, digits)" (fun x -> Var<float>.Round(x[0], 2) * x[1])
        refused "a custom VJP" "ReverseMode.Custom" (fun x -> Reverse.custom 1.0 [| x[0] |] (fun a -> a.Add(x[0], a.Output())))
        refused "a checkpoint" "ReverseMode.Checkpoint" (fun x -> (Reverse.checkpoint (fun s -> [| s[0] * s[1] |]) x)[0])
        refused "FusedMultiplyAdd of two constants" "FusedMultiplyAdd" (fun x -> Var<float>.FusedMultiplyAdd(Var<float>.Constant 2.0, Var<float>.Constant 3.0, x[0]))
        test "compiling inside a compiled function" {
            Expect.throwsT<InvalidOperationException>
                (fun () -> Reverse.compile (fun x -> (Reverse.compile rosenbrock [| 1.0; 2.0 |]).Value [| 1.0; 2.0 |] * x[0]) [| 1.0 |] |> ignore)
                "nested compile"
        }
        test "a Var of a compilation used after it ended" {
            let mutable kept = Var<float>.Zero
            Reverse.compile (fun x -> kept <- x[0]; x[0]) [| 1.0 |] |> ignore
            Expect.throwsT<InvalidOperationException> (fun () -> Reverse.gradient (fun x -> x[0] * kept) [| 1.0 |] |> ignore) "stale Var"
        }
    ]

let private arguments =
    testList "arguments and threads" [
        test "argument errors name the argument" {
            let nullF: Func<Var<float>[], Var<float>> = null
            Expect.throwsT<ArgumentNullException> (fun () -> ReverseMode.Compile(nullF, [| 1.0 |]) |> ignore) "null f"
            Expect.throwsT<ArgumentNullException> (fun () -> Reverse.compile rosenbrock<Var<float>> (null: float[]) |> ignore) "null x"
            Expect.throwsT<ArgumentException> (fun () -> Reverse.compile rosenbrock (Array.empty<float>) |> ignore) "empty x"
            let compiled = Reverse.compile rosenbrock [| 1.0; 2.0; 3.0 |]
            let e = caught<ArgumentException> (fun () -> compiled.Gradient [| 1.0; 2.0 |] |> ignore) "short x"
            Expect.equal e.ParamName "x" "x is named"
            Expect.stringContains e.Message "compiled for 3 inputs" "lengths"
            let e = caught<ArgumentException> (fun () -> compiled.ValueAndGradientInto([| 1.0; 2.0; 3.0 |], [| 0.0 |]) |> ignore) "gradient length"
            Expect.equal e.ParamName "gradient" "gradient is named"
            Expect.throwsT<ArgumentNullException> (fun () -> compiled.ValueAndGradientInto([| 1.0; 2.0; 3.0 |], null) |> ignore) "null gradient"
            Expect.throwsT<ArgumentNullException> (fun () -> compiled.Value null |> ignore) "null x to Value"
        }
        test "one instance used from several threads at once throws or gives the right gradient; one per thread runs in parallel" {
            let n = 20_000
            let compiled = Reverse.compile rosenbrock (points 8 n -1.0 1.0)
            let x = points 9 n -1.0 1.0
            let expected = Reverse.gradient rosenbrock x
            let outcomes =
                Parallel.For(0, 8, fun _ ->
                    for _ in 1..20 do
                        try
                            let g = compiled.Gradient x
                            if g <> expected then failwith "a concurrent replay gave a wrong gradient"
                        with :? InvalidOperationException as e when e.Message.Contains "another thread" -> ())
            Expect.isTrue outcomes.IsCompleted "all threads finished"
            let results = Array.zeroCreate 4
            Parallel.For(0, 4, fun k -> results[k] <- (Reverse.compile rosenbrock (points 8 n -1.0 1.0)).Gradient x) |> ignore
            for g in results do
                Expect.equal g expected "per-thread instances"
        }
        test "the replay allocates nothing" {
            let compiled = Reverse.compile rosenbrock (points 10 1000 -1.0 1.0)
            let x = points 11 1000 -1.0 1.0
            let g = Array.zeroCreate 1000
            for _ in 1..100 do
                compiled.ValueAndGradientInto(x, g) |> ignore
            let calls = 50
            let window () =
                let before = GC.GetAllocatedBytesForCurrentThread()
                for _ in 1..calls do
                    compiled.ValueAndGradientInto(x, g) |> ignore
                GC.GetAllocatedBytesForCurrentThread() - before
            // The least of three windows: a garbage collection started by a test running in parallel retires this
            // thread's allocation quantum, whose unused part (up to 8 KB) then counts as allocated in that window.
            // An allocation per call would show in every window, as at least 24 bytes per call (one per entry as 24
            // bytes per entry); the tiered JIT may still allocate a few bytes.
            let bytes = List.init 3 (fun _ -> window ()) |> List.min
            Expect.isLessThan (float bytes / float calls) 24.0 $"{bytes} bytes in {calls} replays of {compiled.EntryCount} entries (the least of three windows)"
        }
        test "ordinary gradients are unaffected by a compilation on the same thread" {
            let x = points 12 8 -1.0 1.0
            let before = Reverse.gradient mixed (Array.truncate 4 x)
            Reverse.compile rosenbrock x |> ignore
            Expect.equal (Reverse.gradient mixed (Array.truncate 4 x)) before "same gradient"
        }
    ]

[<Tests>]
let tests = testList "compiled tapes" [ replay; guards; refusals; arguments ]
