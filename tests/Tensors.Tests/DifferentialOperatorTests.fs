/// Differential operators over a batch (Differential.Of by nested forward levels, Differential.ForwardLaplacian in
/// one pass) against reverse over reverse and finite differences of the network's plain values, for D = 2, 3, 10,
/// 50; the parameter gradients of losses built from them against finite differences along a random direction.
module Fluxion.Tensors.Tests.DifferentialOperatorTests

open System
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

let private points = 3

/// The direction [N, D] that is e_axis in every row.
let private unit (n: int) (d: int) (axis: int) = tensor (Array.init (n * d) (fun k -> if k % d = axis then 1.0 else 0.0)) [| n; d |]

/// Plain values of u at x + Σ h_k·e_{axis_k} (no differentiation).
let private shifted (u: T -> T) (x: T) (moves: (int * float) list) =
    let d = x.Shape[1]
    let xs = x.ToArray() |> Array.mapi (fun k v -> v + (moves |> List.sumBy (fun (a, h) -> if k % d = a then h else 0.0)))
    (u (tensor xs x.Shape)).ToArray()

/// ∂²u/∂x_a∂x_b at every point by centred differences with one Richardson step.
let private secondFd (u: T -> T) (x: T) (a: int) (b: int) =
    let at (h: float) =
        if a = b then
            Array.map3 (fun p z m -> (p - 2.0 * z + m) / (h * h)) (shifted u x [ a, h ]) (shifted u x []) (shifted u x [ a, -h ])
        else
            let pp = shifted u x [ a, h; b, h ]
            let pm = shifted u x [ a, h; b, -h ]
            let mp = shifted u x [ a, -h; b, h ]
            let mm = shifted u x [ a, -h; b, -h ]
            Array.init pp.Length (fun k -> (pp[k] - pm[k] - mp[k] + mm[k]) / (4.0 * h * h))
    let h = 1e-3
    Array.map2 (fun c f -> (4.0 * f - c) / 3.0) (at h) (at (h / 2.0))

/// The input gradient [N, D] by reverse mode (rows are independent, so the gradient of the sum holds every row's).
let private reverseGradient (u: T -> T) (z: T) = Tensor.Gradient(Func<_, _>(fun s -> Tensor.Sum(u s)), z)

/// Column a of an [N, D] tensor as [N, 1].
let private pick (d: int) (a: int) (g: T) = Tensor.Sum(Tensor.Multiply(g, unit g.Shape[0] d a), 1, true)

/// Row a of every point's Hessian, [N, D], by reverse over reverse.
let private reverseHessianRow (u: T -> T) (d: int) (a: int) (x: T) =
    Tensor.Gradient(Func<_, _>(fun s -> Tensor.Sum(pick d a (reverseGradient u s))), x)

/// The directional derivative of loss() along v in the parameters, by centred differences with one Richardson step.
let private parameterFd (parameters: ParameterCollection<float>) (v: float[]) (loss: unit -> T) =
    let p0 = parameters.ToFlatArray()
    let at (h: float) =
        parameters.CopyFrom(Array.map2 (fun p d -> p + h * d) p0 v)
        (loss ()).ToScalar()
    let d (h: float) = (at h - at -h) / (2.0 * h)
    let h = 1e-4
    let r = (4.0 * d (h / 2.0) - d h) / 3.0
    parameters.CopyFrom p0
    r

/// The reverse-mode gradient of loss() along v.
let private parameterDirectional (parameters: ParameterCollection<float>) (v: float[]) (loss: unit -> T) =
    let gs = parameters.Gradients(loss ())
    let flat = gs |> Array.collect (fun g -> g.ToArray())
    dot flat v

let private network (d: int) (seed: int) = MultilayerPerceptron<float>([| d; 12; 12; 1 |], Activation.Tanh, Random seed)

[<Tests>]
let tests =
    testList "differential operators" [
        for d in [ 2; 3; 10; 50 ] do
            testList $"D = {d}" [
                let x = uniform (Random(100 + d)) -1.0 1.0 [| points; d |]
                // Every test has its own network: the parameter test moves its weights, and tests run in parallel.
                let fresh () =
                    let net = network d (7 * d)
                    net, (fun (z: T) -> net.Forward z)
                // Axes to check one by one (all of them for small D, a spread for large D).
                let axes = if d <= 3 then [ 0 .. d - 1 ] else [ 0; 1; d / 2; d - 1 ]
                test "value and first derivatives: reverse mode and finite differences" {
                    let _, u = fresh ()
                    let ops = Differential.Of(Func<_, _>(u), x)
                    close 1e-15 (ops.Value.ToArray()) ((u x).ToArray()) "value"
                    let g = reverseGradient u x
                    for a in 0 .. d - 1 do
                        close 1e-13 (ops.Gradient(a).ToArray()) ((pick d a g).ToArray()) $"u_{a} against reverse mode"
                    for a in axes do
                        close 1e-8 (ops.Gradient(a).ToArray()) (finiteDifference u x (unit points d a)) $"u_{a} against finite differences"
                }
                test "second derivatives along the axes and mixed: reverse over reverse and finite differences" {
                    let _, u = fresh ()
                    let ops = Differential.Of(Func<_, _>(u), x)
                    for a in axes do
                        let row = reverseHessianRow u d a x
                        close 1e-12 (ops.Second(a).ToArray()) ((pick d a row).ToArray()) $"u_{a}{a} against reverse over reverse"
                        close 1e-6 (ops.Second(a).ToArray()) (secondFd u x a a) $"u_{a}{a} against finite differences"
                        let b = (a + 1) % d
                        close 1e-12 (ops.Mixed(a, b).ToArray()) ((pick d b row).ToArray()) $"u_{a}{b} against reverse over reverse"
                        close 1e-6 (ops.Mixed(a, b).ToArray()) (secondFd u x a b) $"u_{a}{b} against finite differences"
                    // The first derivative kept from a second-derivative pass is the first derivative.
                    let again = Differential.Of(Func<_, _>(u), x)
                    again.Second 0 |> ignore
                    close 1e-13 (again.Gradient(0).ToArray()) (ops.Gradient(0).ToArray()) "u_0 after u_00"
                }
                test "Laplacian: reverse over reverse, finite differences, and the forward-Laplacian pass" {
                    let net, u = fresh ()
                    let ops = Differential.Of(Func<_, _>(u), x)
                    let rr =
                        [ 0 .. d - 1 ] |> List.map (fun a -> (pick d a (reverseHessianRow u d a x)).ToArray())
                        |> List.reduce (Array.map2 (+))
                    close 1e-12 (ops.Laplacian.ToArray()) rr "Δu against reverse over reverse"
                    let fd = [ 0 .. d - 1 ] |> List.map (fun a -> secondFd u x a a) |> List.reduce (Array.map2 (+))
                    close 1e-6 (ops.Laplacian.ToArray()) fd "Δu against finite differences"
                    let pass = Differential.ForwardLaplacian(net, x)
                    close 1e-15 (pass.Value.ToArray()) (ops.Value.ToArray()) "forward Laplacian: value"
                    close 1e-12 (pass.Laplacian.ToArray()) rr "forward Laplacian: Δu against reverse over reverse"
                    for a in 0 .. d - 1 do
                        close 1e-13 (pass.Gradient(a).ToArray()) (ops.Gradient(a).ToArray()) $"forward Laplacian: u_{a}"
                    Expect.equal pass.Gradients.Shape [| d; points; 1 |] "shape of all first derivatives"
                    // Over chosen axes only: one axis is that axis's second derivative; two are the sum of theirs.
                    close 1e-12 ((Differential.ForwardLaplacian(net, x, [| d - 1 |])).Laplacian.ToArray()) (ops.Second(d - 1).ToArray()) "forward pass over one axis"
                    let pair = (Differential.ForwardLaplacian(net, x, [| d - 1; 0 |])).Laplacian.ToArray()
                    close 1e-12 pair (Array.map2 (+) (ops.Second(0).ToArray()) (ops.Second(d - 1).ToArray())) "forward pass over two axes"
                }
                test "parameter gradients of losses built from the operators: finite differences along a random direction" {
                    let net, u = fresh ()
                    let rng = Random(200 + d)
                    let v = Array.init net.Parameters.ElementCount (fun _ -> rng.NextDouble() * 2.0 - 1.0)
                    let nested () =
                        let ops = Differential.Of(Func<_, _>(u), x)
                        let last = d - 1
                        Tensor.Add(Tensor.Mean(Tensor.Square ops.Laplacian), Tensor.Mean(Tensor.Multiply(ops.Value, Tensor.Multiply(ops.Gradient 0, ops.Mixed(0, last)))))
                    let forward () =
                        let pass = Differential.ForwardLaplacian(net, x)
                        Tensor.Add(Tensor.Mean(Tensor.Square pass.Laplacian), Tensor.Mean(Tensor.Square(pass.Gradient(d - 1))))
                    close 1e-7 [| parameterDirectional net.Parameters v nested |] [| parameterFd net.Parameters v nested |] "nested operators"
                    close 1e-7 [| parameterDirectional net.Parameters v forward |] [| parameterFd net.Parameters v forward |] "forward Laplacian"
                    // Both routes to the Laplacian give the same weight gradient.
                    let viaNested = net.Parameters.Gradients(Tensor.Mean(Tensor.Square (Differential.Of(Func<_, _>(u), x)).Laplacian))
                    let viaForward = net.Parameters.Gradients(Tensor.Mean(Tensor.Square (Differential.ForwardLaplacian(net, x)).Laplacian))
                    for k in 0 .. viaNested.Length - 1 do
                        close 1e-11 (viaForward[k].ToArray()) (viaNested[k].ToArray()) $"gradient of parameter {k}"
                }
            ]
        test "misuse is refused naming the argument" {
            let net = network 2 1
            let u = Func<T, T>(net.Forward)
            throwsWith<ArgumentException> [ "points"; "[3]" ] (fun () -> Differential.Of(u, tensor [| 1.0; 2.0; 3.0 |] [| 3 |]) |> ignore)
            let ops = Differential.Of(u, Tensor.Zeros<float>(4, 2))
            throwsWith<ArgumentOutOfRangeException> [ "axis"; "2 dimensions" ] (fun () -> ops.Gradient 2 |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "axis" ] (fun () -> ops.Second -1 |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "second" ] (fun () -> ops.Mixed(0, 5) |> ignore)
            throwsWith<ArgumentException> [ "one row per point" ] (fun () -> Differential.Of(Func<T, T>(fun z -> Tensor.Sum z), Tensor.Zeros<float>(4, 2)) |> ignore)
            throwsWith<ArgumentException> [ "3 dimensions"; "2 inputs" ] (fun () -> Differential.ForwardLaplacian(net, Tensor.Zeros<float>(4, 3)) |> ignore)
            throwsWith<ArgumentException> [ "axes"; "repeat" ] (fun () -> Differential.ForwardLaplacian(net, Tensor.Zeros<float>(4, 2), [| 1; 1 |]) |> ignore)
            throwsWith<ArgumentException> [ "axes"; "at least one" ] (fun () -> Differential.ForwardLaplacian(net, Tensor.Zeros<float>(4, 2), [||]) |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "axes" ] (fun () -> Differential.ForwardLaplacian(net, Tensor.Zeros<float>(4, 2), [| 2 |]) |> ignore)
        }
    ]
