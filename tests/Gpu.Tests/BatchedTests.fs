/// Batched<'F>: a user's F# point function over 10⁶ points on the CPU and a smaller batch on ILGPU's CPU accelerator,
/// every result checked against the scalar modes (Dual, HyperDual, Var reverse mode) run point by point through
/// PointArray, and a sample against the analytic derivatives; the batched kernels compile to PTX.
module Fluxion.Gpu.Tests.BatchedTests

open System
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Gpu

/// Operators pinned to one generic-math type (a bare `a * b` on a type variable constrained only by interfaces is
/// ambiguous to F#: FS0670).
module private Pinned =
    let inline ( + ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Addition(a, b)
    let inline ( * ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Multiply(a, b)

/// The point functions of the tests, written as a user writes them (the pinned operators stay inside).
module Functions =
    open Pinned

    /// f(x) = (sin x₀·x₁ + exp(x₂·x₀), cos x₁·x₂·x₂ + x₀·x₁·x₂): ℝ³ → ℝ², written once with generic math.
    [<Struct>]
    type Orbit =
        interface IPointFunction with
            static member Inputs = 3
            static member Outputs = 2
            static member Evaluate<'T, 'TX, 'TY when 'T :> IFloatingPointIeee754<'T> and 'TX: struct and 'TX :> IPointInput<'T> and 'TY: struct and 'TY :> IPointOutput<'T>>
                (x: inref<'TX>, y: byref<'TY>) =
                let a = x[0]
                let b = x[1]
                let c = x[2]
                y[0] <- 'T.Sin a * b + 'T.Exp(c * a)
                y[1] <- 'T.Cos b * c * c + a * b * c

    /// Reads x[3] of a three-coordinate point.
    [<Struct>]
    type ReadsTooFar =
        interface IPointFunction with
            static member Inputs = 3
            static member Outputs = 1
            static member Evaluate<'T, 'TX, 'TY when 'T :> IFloatingPointIeee754<'T> and 'TX: struct and 'TX :> IPointInput<'T> and 'TY: struct and 'TY :> IPointOutput<'T>>
                (x: inref<'TX>, y: byref<'TY>) =
                // The index depends on the data (a constant x[3] is a bug any reviewer sees).
                y[0] <- (if 'T.op_GreaterThan(x[0], 'T.Zero) then x[3] else x[0])

    /// Assigns y[1] of a one-output point.
    [<Struct>]
    type WritesTooFar =
        interface IPointFunction with
            static member Inputs = 1
            static member Outputs = 1
            static member Evaluate<'T, 'TX, 'TY when 'T :> IFloatingPointIeee754<'T> and 'TX: struct and 'TX :> IPointInput<'T> and 'TY: struct and 'TY :> IPointOutput<'T>>
                (x: inref<'TX>, y: byref<'TY>) =
                y[1] <- x[0]

open Functions

let private n = 3
let private m = 2

/// Deterministic points in [−1.5, 1.5]³ and directions in [−1, 1]³ (and weights for the VJP in [−1, 1]²).
let private batch (count: int) (seed: int) =
    let r = Random(seed)
    let points = Array.init (count * n) (fun _ -> 3.0 * r.NextDouble() - 1.5)
    let directions = Array.init (count * n) (fun _ -> 2.0 * r.NextDouble() - 1.0)
    let weights = Array.init (count * m) (fun _ -> 2.0 * r.NextDouble() - 1.0)
    points, directions, weights

// ----- references, point by point --------------------------------------------------------------

/// f at one point on any number type, through PointArray (as a user calls a point function directly).
let private evaluateWith<'F, 'T when 'F :> IPointFunction and 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) : 'T[] =
    let input = PointArray<'T>(x)
    let mutable output = PointArray<'T>(Array.zeroCreate 'F.Outputs)
    'F.Evaluate<'T, PointArray<'T>, PointArray<'T>>(&input, &output)
    output.Values

let private evaluate<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) : 'T[] = evaluateWith<Orbit, 'T> x

let private point (a: float[]) p = Array.sub a (p * n) n

/// Dual reference: f and J·v at one point.
let private dualJvp (x: float[]) (v: float[]) =
    let ys = evaluate (Array.init n (fun i -> Dual<float>(x[i], v[i])))
    ys |> Array.map (fun y -> y.Primal), ys |> Array.map (fun y -> y.Tangent)

/// HyperDual reference: f, J·v and vᵀ·H·v at one point.
let private hyperSecond (x: float[]) (v: float[]) =
    let ys = evaluate (Array.init n (fun i -> HyperDual<float>(x[i], v[i], v[i], 0.0)))
    ys |> Array.map (fun y -> y.Primal), ys |> Array.map (fun y -> y.E1), ys |> Array.map (fun y -> y.E12)

/// Var reverse-mode reference: the Jacobian (one sweep per output) and uᵀ·J (one sweep) at one point.
let private reverseJacobian (x: float[]) = ReverseMode.Jacobian<float>(Func<_, _>(evaluate), x)
let private reverseVjp (x: float[]) (u: float[]) = (ReverseMode.Vjp<float>(Func<_, _>(evaluate), x, u)).Vjp

/// Analytic value, gradient and Hessian of output k.
let private analytic (x: float[]) k =
    let a, b, c = x[0], x[1], x[2]
    let e = exp (c * a)
    if k = 0 then
        sin a * b + e,
        [| cos a * b + c * e; sin a; a * e |],
        array2D [ [ -sin a * b + c * c * e; cos a; e * (1.0 + a * c) ]
                  [ cos a; 0.0; 0.0 ]
                  [ e * (1.0 + a * c); 0.0; a * a * e ] ]
    else
        cos b * c * c + a * b * c,
        [| b * c; -sin b * c * c + a * c; 2.0 * c * cos b + a * b |],
        array2D [ [ 0.0; c; b ]
                  [ c; -cos b * c * c; -2.0 * c * sin b + a ]
                  [ b; -2.0 * c * sin b + a; 2.0 * cos b ] ]

/// |actual − expected| ≤ tolerance·(1 + |expected|); the label and the indices k, j name the quantity (no string is
/// built unless the check fails: it runs millions of times).
let private close (tolerance: float) (what: string) (k: int) (j: int) (p: int) (actual: float) (expected: float) =
    if not (abs (actual - expected) <= tolerance * (1.0 + abs expected)) then
        failtestf "%s (k = %d, j = %d) at point %d: batched %.17g, reference %.17g" what k j p actual expected

/// Every point against the Dual/HyperDual references, every `stride`-th against Var and the analytic derivatives.
let private checkAll (points: float[]) (directions: float[]) (weights: float[]) (device: Device) (stride: int) =
    let count = points.Length / n
    let values = Batched<Orbit>.Values(points, device)
    let jvp = Batched<Orbit>.Jvp(points, directions, device)
    let second = Batched<Orbit>.SecondDerivative(points, directions, device)
    let jac = Batched<Orbit>.Jacobian(points, device)
    let vjp = Batched<Orbit>.Vjp(points, weights, device)
    Expect.equal jvp.Count count "JVP count"
    Expect.equal jac.Jacobians.Length (count * m * n) "Jacobian length"
    Expect.equal vjp.Gradients.Length (count * n) "VJP length"
    let tight = 1e-14
    for p in 0 .. count - 1 do
        let x = point points p
        let v = point directions p
        let f, t = dualJvp x v
        let f2, t2, s2 = hyperSecond x v
        for k in 0 .. m - 1 do
            close tight "value" k 0 p values[p * m + k] f[k]
            close tight "JVP value" k 0 p jvp.Values[p * m + k] f[k]
            close tight "JVP" k 0 p jvp.Tangents[p * m + k] t[k]
            close tight "second-derivative value" k 0 p second.Values[p * m + k] f2[k]
            close tight "first directional derivative" k 0 p second.First[p * m + k] t2[k]
            close tight "second directional derivative" k 0 p second.Second[p * m + k] s2[k]
            close tight "Jacobian value" k 0 p jac.Values[p * m + k] f[k]
            close tight "VJP value" k 0 p vjp.Values[p * m + k] f[k]
            // Column j of the Jacobian is the JVP along the unit vector e_j.
            for j in 0 .. n - 1 do
                let _, column = dualJvp x (Array.init n (fun i -> if i = j then 1.0 else 0.0))
                close tight "J" k j p jac.Jacobians[(p * m + k) * n + j] column[k]
        if p % stride = 0 then
            let u = Array.sub weights (p * m) m
            let reverse = reverseJacobian x
            let back = reverseVjp x u
            let loose = 1e-12
            for j in 0 .. n - 1 do
                close loose "VJP against reverse mode (k = input j)" j 0 p vjp.Gradients[p * n + j] back[j]
            for k in 0 .. m - 1 do
                let value, gradient, hessian = analytic x k
                close loose "value against the formula" k 0 p values[p * m + k] value
                let mutable first = 0.0
                let mutable quad = 0.0
                for j in 0 .. n - 1 do
                    close loose "J against reverse mode" k j p jac.Jacobians[(p * m + k) * n + j] reverse[k, j]
                    close loose "J against the formula" k j p jac.Jacobians[(p * m + k) * n + j] gradient[j]
                    first <- first + gradient[j] * v[j]
                    for i in 0 .. n - 1 do
                        quad <- quad + v[i] * hessian[i, j] * v[j]
                close loose "JVP against the formula" k 0 p jvp.Tangents[p * m + k] first
                close loose "vᵀHv against the formula" k 0 p second.Second[p * m + k] quad

let private refuses (parameter: string) (f: unit -> obj) =
    try
        f () |> ignore
        failtestf "expected an ArgumentException naming %s" parameter
    with :? ArgumentException as e -> Expect.equal e.ParamName parameter $"the refusal names {parameter}: {e.Message}"

let private failsNaming (text: string) (f: unit -> obj) =
    try
        f () |> ignore
        failtestf "expected an InvalidOperationException mentioning %s" text
    with :? InvalidOperationException as e -> Expect.stringContains e.Message text "the message"

let private kernelNames = [ "Values"; "Jvp"; "SecondDerivative"; "Jacobian" ]

let private kernel (name: string) =
    KernelIntrinsics.Ensure()
    typeof<BatchedKernels>.GetMethod(name, Reflection.BindingFlags.Public ||| Reflection.BindingFlags.NonPublic ||| Reflection.BindingFlags.Static)

[<Tests>]
let tests =
    testList "Batched" [
        test "10⁶ points on the CPU: values, JVP, second derivative, Jacobian and VJP against the scalar modes" {
            let points, directions, weights = batch 1_000_000 17
            checkAll points directions weights Device.Cpu 97
        }

        test "float32 on the CPU against float32 Dual and HyperDual point by point" {
            let points, directions, _ = batch 20_000 5
            let xs = points |> Array.map float32
            let vs = directions |> Array.map float32
            let jvp = Batched<Orbit>.Jvp(xs, vs)
            let second = Batched<Orbit>.SecondDerivative(xs, vs)
            for p in 0 .. 19_999 do
                let ys = evaluate (Array.init n (fun i -> Dual<float32>(xs[p * n + i], vs[p * n + i])))
                let hs = evaluate (Array.init n (fun i -> HyperDual<float32>(xs[p * n + i], vs[p * n + i], vs[p * n + i], 0.0f)))
                for k in 0 .. m - 1 do
                    close 1e-6 "float32 JVP" k 0 p (float jvp.Tangents[p * m + k]) (float ys[k].Tangent)
                    close 1e-6 "float32 vᵀHv" k 0 p (float second.Second[p * m + k]) (float hs[k].E12)
        }

        test "ILGPU CPU accelerator: every mode against the scalar modes and equal to the CPU path" {
            let points, directions, weights = batch 2_000 23
            checkAll points directions weights Device.IlgpuCpu 7
            let onCpu = Batched<Orbit>.Vjp(points, weights)
            let onDevice = Batched<Orbit>.Vjp(points, weights, Device.IlgpuCpu)
            for i in 0 .. onCpu.Gradients.Length - 1 do
                close 1e-14 "VJP, device against CPU" (i % n) 0 (i / n) onDevice.Gradients[i] onCpu.Gradients[i]
        }

        test "ILGPU CPU accelerator, float32 JVP against the CPU path" {
            let points, directions, _ = batch 1_000 29
            let xs = points |> Array.map float32
            let vs = directions |> Array.map float32
            let d = Batched<Orbit>.Jvp(xs, vs, Device.IlgpuCpu)
            let c = Batched<Orbit>.Jvp(xs, vs)
            for i in 0 .. c.Tangents.Length - 1 do
                close 1e-6 "float32 JVP, device against CPU" (i % m) 0 (i / m) (float d.Tangents[i]) (float c.Tangents[i])
        }

        test "an empty batch gives empty results" {
            Expect.isEmpty (Batched<Orbit>.Values(Array.empty<float>)) "values"
            Expect.isEmpty (Batched<Orbit>.Jacobian(Array.empty<float>, Device.IlgpuCpu).Jacobians) "Jacobians"
        }

        test "bad input is refused, naming the argument" {
            let points, directions, weights = batch 10 3
            refuses "points" (fun () -> box (Batched<Orbit>.Values(Array.sub points 0 29)))
            refuses "points" (fun () -> box (Batched<Orbit>.Values(null: float[])))
            refuses "directions" (fun () -> box (Batched<Orbit>.Jvp(points, Array.sub directions 0 27)))
            refuses "directions" (fun () -> box (Batched<Orbit>.Jvp(points, Array.sub directions 0 28)))
            let nan = Array.copy directions
            nan[4] <- Double.NaN
            refuses "directions" (fun () -> box (Batched<Orbit>.SecondDerivative(points, nan)))
            refuses "weights" (fun () -> box (Batched<Orbit>.Vjp(points, Array.sub weights 0 18)))
            let inf = Array.copy weights
            inf[0] <- Double.PositiveInfinity
            refuses "weights" (fun () -> box (Batched<Orbit>.Vjp(points, inf, Device.IlgpuCpu)))
            refuses "device" (fun () -> box (Batched<Orbit>.Values(points, null)))
            Expect.throwsT<NotSupportedException> (fun () -> Batched<Orbit>.Values(Array.create 3 Half.One) |> ignore) "Half"
        }

        test "NaN coordinates give NaN derivatives, not an error" {
            let r = Batched<Orbit>.Jvp([| Double.NaN; 1.0; 1.0 |], [| 1.0; 0.0; 0.0 |])
            Expect.isTrue (Double.IsNaN r.Tangents[0]) "NaN tangent"
        }

        test "reading or writing outside a point throws, naming the function" {
            failsNaming "ReadsTooFar.Evaluate read x[3]" (fun () -> box (Batched<ReadsTooFar>.Jvp([| 1.0; 2.0; 3.0 |], [| 1.0; 0.0; 0.0 |])))
            failsNaming "WritesTooFar.Evaluate assigned y[1]" (fun () -> box (Batched<WritesTooFar>.Values(Array.create 5000 1.0)))
            failsNaming "ReadsTooFar.Evaluate read x[i]" (fun () -> box (Batched<ReadsTooFar>.Values([| 1.0; 2.0; 3.0 |], Device.IlgpuCpu)))
            failsNaming "WritesTooFar.Evaluate assigned y[k]" (fun () -> box (Batched<WritesTooFar>.Jacobian([| 1.0 |], Device.IlgpuCpu)))
        }

        testList "the batched kernels compile to PTX (sm_75, sm_90)" [
            for name in kernelNames do
                for t in [ typeof<float>; typeof<float32> ] do
                    test $"{name}<Orbit, {t.Name}>" {
                        let kernel = (kernel name).MakeGenericMethod(typeof<Orbit>, t)
                        match PtxTests.compile false kernel with
                        | None -> ()
                        | Some e -> failtestf "%s<Orbit, %s> did not compile: %s" name t.Name e
                    }
            for t in [ typeof<float>; typeof<float32> ] do
                test $"Contract<{t.Name}>" {
                    match PtxTests.compile false ((kernel "Contract").MakeGenericMethod(t)) with
                    | None -> ()
                    | Some e -> failtestf "Contract<%s> did not compile: %s" t.Name e
                }
        ]
    ]
