/// Nested forward levels on tensors (forward over forward at any depth, with reverse mode at any level between
/// them), perturbation confusion, work on other threads, the order limit, and the acceptance case of a
/// physics-informed residual: the weight gradient of mean((u_t + u·u_x − ν·u_xx)²) for a tanh network.
module Fluxion.Tensors.Tests.NestingTests

open System
open System.Threading.Tasks
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

/// The derivative of a function of one tensor, by a JVP along ones or by the gradient of its sum.
let private jvp (f: T -> T) (x: T) = (Tensor.Jvp(Func<_, _>(f), x, Tensor.Ones<float>(x.Shape))).Tangent
let private grad (f: T -> T) (x: T) = Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(f t)), x)

let private modes: (string * ((T -> T) -> T -> T)) list = [ "forward", jvp; "reverse", grad ]

/// A small tanh network 2 → 8 → 8 → 1 evaluated on rows of x [n, 2].
let private network (ws: T[]) (x: T) =
    let layer (h: T) (w: T) (b: T) = Tensor.Add(Tensor.MatMul(h, w), b)
    let h1 = Tensor.Tanh(layer x ws[0] ws[1])
    let h2 = Tensor.Tanh(layer h1 ws[2] ws[3])
    layer h2 ws[4] ws[5]

let private shapes = [| [| 2; 8 |]; [| 8 |]; [| 8; 8 |]; [| 8 |]; [| 8; 1 |]; [| 1 |] |]

/// A selector [n, 2] that is 1 in column c (a direction in input space for every point at once).
let private column (n: int) (c: int) = Tensor.FromArray(Array.init (2 * n) (fun k -> if k % 2 = c then 1.0 else 0.0), [| n; 2 |])

let private nu = 0.01 / Math.PI

/// The Burgers residual's mean square, with u_x, u_t, u_xx by forward over forward.
let private lossForward (ws: T[]) (x: T) =
    let n = x.Shape[0]
    let u (z: T) = network ws z
    let along (c: int) (g: T -> T) (z: T) = (Tensor.Jvp(Func<_, _>(g), z, column n c)).Tangent
    let ux = along 0 u x
    let ut = along 1 u x
    let uxx = along 0 (along 0 u) x
    let r = Tensor.Subtract(Tensor.Add(ut, Tensor.Multiply(u x, ux)), Tensor.Multiply(uxx, Tensor.Scalar nu))
    Tensor.Mean(Tensor.Square r)

/// The same residual with u_x, u_t, u_xx by reverse over reverse (rows are independent, so the gradient of the sum
/// holds every point's input derivatives).
let private lossReverse (ws: T[]) (x: T) =
    let n = x.Shape[0]
    let u (z: T) = network ws z
    let gradU (z: T) = Tensor.Gradient(Func<_, _>(fun s -> Tensor.Sum(u s)), z)
    let pick (c: int) (g: T) = Tensor.Sum(Tensor.Multiply(g, column n c), 1, true)
    let g = gradU x
    let ux = pick 0 g
    let ut = pick 1 g
    let uxx = pick 0 (Tensor.Gradient(Func<_, _>(fun s -> Tensor.Sum(pick 0 (gradU s))), x))
    let r = Tensor.Subtract(Tensor.Add(ut, Tensor.Multiply(u x, ux)), Tensor.Multiply(uxx, Tensor.Scalar nu))
    Tensor.Mean(Tensor.Square r)

[<Tests>]
let tests =
    testList "nested forward levels" [
        testList "perturbation confusion: d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1" [
            for outerName, outer in modes do
                for innerName, inner in modes do
                    test $"{outerName} over {innerName}" {
                        let x = Tensor.FromArray [| 1.0; 1.0; 1.0 |]
                        let d = outer (fun x -> Tensor.Multiply(x, inner (fun y -> Tensor.Add(x, y)) (Tensor.Ones<float>(3)))) x
                        Expect.equal (d.ToArray()) [| 1.0; 1.0; 1.0 |] "derivative"
                        // And where the inner derivative depends on x: d/dx [x · d/dy (x·y)] = d/dx x² = 2x.
                        let x = Tensor.FromArray [| 1.5; -0.5 |]
                        let d = outer (fun x -> Tensor.Multiply(x, inner (fun y -> Tensor.Multiply(x, y)) (Tensor.Ones<float>(2)))) x
                        close 1e-14 (d.ToArray()) [| 3.0; -1.0 |] "derivative of x · x"
                    }
        ]
        test "a JVP of a JVP of a JVP is the third derivative (x·sin x, float64 and float32)" {
            let xs = [| -2.0; -0.3; 0.7; 2.5 |]
            let third (v: float) = -3.0 * sin v - v * cos v
            let f (t: T) = Tensor.Multiply(t, Tensor.Sin t)
            close 1e-13 ((jvp (jvp (jvp f)) (Tensor.FromArray xs)).ToArray()) (xs |> Array.map third) "float64"
            let j32 (f: Tensor<float32> -> Tensor<float32>) (x: Tensor<float32>) = (Tensor.Jvp(Func<_, _>(f), x, Tensor.Ones<float32>(x.Shape))).Tangent
            let f32 (t: Tensor<float32>) = Tensor.Multiply(t, Tensor.Sin t)
            let x32 = Tensor.FromArray(xs |> Array.map float32)
            close 1e-5 ((j32 (j32 (j32 f32)) x32).ToArray() |> Array.map float) (x32.ToArray() |> Array.map (float >> third)) "float32"
        }
        test "every mixture of passes to order 4 on a composite (tanh(x)·exp(x/2))" {
            // f⁽ᵏ⁾ by the scalar dual reference on the same composite, against every pattern of passes.
            let ref4 (v: float) =
                let x = Dual<Dual<Dual<Dual<float>>>>(Dual<Dual<Dual<float>>>(Dual<Dual<float>>(Dual<float>(v, 1.0), Dual<float>.One), Dual<Dual<float>>.One), Dual<Dual<Dual<float>>>.One)
                let y = Dual<Dual<Dual<Dual<float>>>>.Tanh x * Dual<Dual<Dual<Dual<float>>>>.Exp(x * Dual<Dual<Dual<Dual<float>>>>.op_Implicit(Dual<Dual<Dual<float>>>.op_Implicit(Dual<Dual<float>>.op_Implicit(Dual<float>.op_Implicit 0.5))))
                y.Tangent.Tangent.Tangent.Tangent
            let xs = [| -1.2; 0.1; 0.9 |]
            let f (t: T) = Tensor.Multiply(Tensor.Tanh t, Tensor.Exp(Tensor.Multiply(t, Tensor.Scalar 0.5)))
            let expected = xs |> Array.map ref4
            for a in [ jvp; grad ] do
                for b in [ jvp; grad ] do
                    for c in [ jvp; grad ] do
                        for d in [ jvp; grad ] do
                            close 1e-11 ((a (b (c (d f))) (Tensor.FromArray xs)).ToArray()) expected "fourth derivative"
        }
        test "work on other threads keeps the tangent and the gradient" {
            let x = Tensor.FromArray [| 0.2; 1.1 |]
            let onPool (t: T) = Task.Run(fun () -> Tensor.Exp t).Result
            let expected = x.ToArray() |> Array.map exp
            close 1e-15 ((jvp onPool x).ToArray()) expected "JVP through Task.Run"
            close 1e-15 ((grad onPool x).ToArray()) expected "gradient through Task.Run"
            // Perturbation confusion with the inner derivative on a pool thread.
            let d = jvp (fun x -> Tensor.Multiply(x, Task.Run(fun () -> jvp (fun y -> Tensor.Add(x, y)) (Tensor.Ones<float>(2))).Result)) x
            Expect.equal (d.ToArray()) [| 1.0; 1.0 |] "nested on a pool thread"
        }
        test "independent forward passes on many threads at once" {
            let results =
                Array.Parallel.init 16 (fun i ->
                    let v = 0.1 * float i
                    let x = Tensor.FromArray [| v |]
                    (jvp (jvp Tensor.Sin) x).ToScalar(), -sin v)
            for actual, expected in results do
                Expect.floatClose Accuracy.veryHigh actual expected "second derivative of sin"
        }
        test "derivatives to order 12 through a rule; order 13 is refused naming the limit" {
            let x = Tensor.FromArray [| 0.3 |]
            let rec nest (k: int) (f: T -> T) = if k = 0 then f else nest (k - 1) (jvp f)
            close 1e-12 ((nest 12 Tensor.Exp x).ToArray()) [| exp 0.3 |] "12th derivative of exp"
            let rec nestR (k: int) (f: T -> T) = if k = 0 then f else nestR (k - 1) (grad f)
            throwsWith<NotSupportedException> [ "order 13"; "'exp'"; "12" ] (fun () -> nestR 13 Tensor.Exp x |> ignore)
        }
        test "a tensor kept from an inner level is the outer level's value later" {
            // z = x·y made inside the inner level and used after it ended: the outer derivative sees z = x·y₀.
            let mutable kept: T = null
            let d =
                jvp (fun x ->
                    jvp (fun y -> (kept <- Tensor.Multiply(x, y); kept)) (Tensor.Full(2.0, 2)) |> ignore
                    Tensor.Multiply(kept, x)) (Tensor.FromArray [| 1.0; 3.0 |])
            close 1e-15 (d.ToArray()) [| 4.0; 12.0 |] "d/dx 2x² = 4x"
        }
        testList "weight gradient of a Burgers residual with u_x, u_t, u_xx inside" [
            let rng = Random 21
            let ws0 = shapes |> Array.map (fun s -> uniform rng -0.8 0.8 s)
            let x = uniform rng -1.0 1.0 [| 6; 2 |]
            let direction = shapes |> Array.map (fun s -> uniform rng -1.0 1.0 s)
            let fd (loss: T[] -> T -> T) =
                let at (h: float) =
                    let ws = Array.map2 (fun (w: T) (v: T) -> Tensor.FromArray(Array.map2 (fun a b -> a + h * b) (w.ToArray()) (v.ToArray()), w.Shape)) ws0 direction
                    (loss ws x).ToScalar()
                let h = 1e-3
                let d (h: float) = (at h - at -h) / (2.0 * h)
                (4.0 * d (h / 2.0) - d h) / 3.0
            let gradient (loss: T[] -> T -> T) =
                let ps = ws0 |> Array.map (fun w -> w.AsParameter())
                Tensor.Gradients(loss ps x, ps)
            let along (gs: T[]) = Array.fold2 (fun s (g: T) (v: T) -> s + dot (g.ToArray()) (v.ToArray())) 0.0 gs direction
            let gForward = gradient lossForward
            let gReverse = gradient lossReverse
            test "forward over forward against finite differences" {
                close 1e-7 [| along gForward |] [| fd lossForward |] "directional derivative of the loss"
            }
            test "reverse over reverse against finite differences" {
                close 1e-7 [| along gReverse |] [| fd lossReverse |] "directional derivative of the loss"
            }
            test "both routes give the same loss and weight gradient" {
                close 1e-13 [| (lossForward ws0 x).ToScalar() |] [| (lossReverse ws0 x).ToScalar() |] "loss"
                for k in 0 .. gForward.Length - 1 do
                    close 1e-11 (gForward[k].ToArray()) (gReverse[k].ToArray()) $"gradient of weight {k}"
            }
            test "u_xx against finite differences of u in x" {
                let u (z: T) = network ws0 z
                let uxx = (Tensor.Jvp(Func<_, _>(fun z -> (Tensor.Jvp(Func<_, _>(u), z, column 6 0)).Tangent), x, column 6 0)).Tangent
                let h = 1e-3
                let shifted (d: float) = (u (Tensor.Add(x, Tensor.Multiply(column 6 0, Tensor.Scalar d)))).ToArray()
                let second (h: float) = Array.map3 (fun a b c -> (a - 2.0 * b + c) / (h * h)) (shifted h) (shifted 0.0) (shifted -h)
                let fdUxx = Array.map2 (fun a b -> (4.0 * b - a) / 3.0) (second h) (second (h / 2.0))
                close 1e-6 (uxx.ToArray()) fdUxx "u_xx"
            }
        ]
    ]
