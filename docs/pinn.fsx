(**
---
title: Physics-informed networks
category: Samples
categoryindex: 3
index: 2
---
*)
(*** hide ***)
#r "../src/Networks/bin/Release/net10.0/System.Numerics.Tensors.dll"
#r "../src/Networks/bin/Release/net10.0/MathNet.Numerics.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.Tensors.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.Networks.dll"
(**
# Physics-informed networks: derivatives with respect to the inputs

A physics-informed network (PINN) is trained on the residual of a differential equation at collocation points,
so its loss contains derivatives of the network with respect to its inputs (u_x, u_t, u_xx, the Laplacian), and
training needs the gradient of that loss with respect to the weights. `Differential` (in `Fluxion.Networks`) gives
those derivatives over a whole batch of points as ordinary tensors, so reverse mode differentiates them again:

- `Differential.Of(u, points)` for any function that acts row by row on points [N, D]: `Value`, `Gradient(axis)`
  (one JVP along the axis), `Second(axis)` (a JVP of that JVP), `Mixed(i, j)` and `Laplacian` (the sum of the D
  second derivatives), each computed on first use by nested forward levels;
- `Differential.ForwardLaplacian(perceptron, points)`, the forward Laplacian of Li et al. (2024): one pass through
  a `MultilayerPerceptron` that carries the value, the D first-derivative tangents and one Laplacian channel. Each
  activation maps the channel by σ′(h)·L + σ″(h)·Σ_d J_d², with σ′ and σ″ taken from the rule table (by JVPs of
  the activation), so no derivative formula is written for it.

Both agree with reverse over reverse and with finite differences for D = 2, 3, 10 and 50, and so do the weight
gradients of losses built from them (`tests/Tensors.Tests/DifferentialOperatorTests.fs`).

## Poisson's equation on the unit square

−Δu = f on (0, 1)², u = 0 on the boundary, with the manufactured solution u = sin πx · sin πy (so f = 2π² u).
A small tanh network, trained on 256 interior and 64 boundary points by Adam and then L-BFGS:
*)
open System
open Fluxion

let random = Random(3)
let interior = Tensor.RandomUniform<float>(random, 0.0, 1.0, 256, 2)
let boundary =
    let values =
        Array.init 64 (fun k ->
            let s = random.NextDouble()
            match k % 4 with
            | 0 -> [| s; 0.0 |]
            | 1 -> [| s; 1.0 |]
            | 2 -> [| 0.0; s |]
            | _ -> [| 1.0; s |])
    Tensor.FromArray(Array.concat values, 64, 2)
let exact (x: float) (y: float) = sin (Math.PI * x) * sin (Math.PI * y)
let source =
    let p = interior.ToArray()
    Tensor.FromArray(Array.init 256 (fun k -> 2.0 * Math.PI * Math.PI * exact p[2 * k] p[2 * k + 1]), 256, 1)

let net = MultilayerPerceptron<float>([| 2; 16; 16; 1 |], Activation.Tanh, Random(5))

let loss () =
    let pass = Differential.ForwardLaplacian(net, interior)
    let residual = Tensor.Add(pass.Laplacian, source)          // Δu + f
    Tensor.Add(Tensor.Mean(Tensor.Square residual), Tensor.Mean(Tensor.Square(net.Forward boundary)))

let adam = Adam<float>(net.Parameters, 0.01)
for _ in 1..300 do
    use _scope = Tensor.Scope()
    adam.Step(loss ())
let fit = Lbfgs.Minimize(net.Parameters, Func<_>(loss), 1e-10, 1000)
(**
The relative L2 error against the manufactured solution on a 21 × 21 grid:
*)
let relativeError =
    let n = 21
    let grid = Array.init (n * n) (fun k -> [| float (k % n) / float (n - 1); float (k / n) / float (n - 1) |])
    let predicted = (net.Forward(Tensor.FromArray(Array.concat grid, n * n, 2))).ToArray()
    let truth = grid |> Array.map (fun p -> exact p[0] p[1])
    sqrt (Array.fold2 (fun s a b -> s + (a - b) ** 2.0) 0.0 predicted truth / Array.sumBy (fun b -> b * b) truth)

printfn "loss %.3e after %d L-BFGS iterations; relative L2 error %.2e" fit.Loss fit.Iterations relativeError
(*** include-output ***)
(**
The same Laplacian by nested forward mode, as a check of the two routes on the trained network:
*)
let nested = (Differential.Of(Func<_, _>(net.Forward), interior)).Laplacian
let onePass = (Differential.ForwardLaplacian(net, interior)).Laplacian
printfn "largest difference between the two Laplacians: %.1e"
    (Array.map2 (fun a b -> abs (a - b)) (nested.ToArray()) (onePass.ToArray()) |> Array.max)
(*** include-output ***)
(**
## Viscous Burgers (C# sample)

`samples/Pinn` solves u_t + u·u_x = ν·u_xx on x ∈ [−1, 1], t ∈ [0, 1] with ν = 0.01/π, u(x, 0) = −sin(πx) and
u(±1, t) = 0 in DeepXDE's configuration: a 2-20-20-20-1 tanh network, 2,540 interior, 80 boundary and 160 initial
points (seeded), Adam at 1e-3, then L-BFGS. The residual is written as it reads:

```csharp
var d = Differential.Of<double>(net.Forward, interior);          // axis 0 is x, axis 1 is t
var residual = d.Gradient(1) + d.Value * d.Gradient(0) - nu * d.Second(0);
```

The sample computes its own reference from the Cole–Hopf transformation, evaluated by Gauss–Hermite quadrature
(200 nodes from the Golub–Welsch eigenproblem, refined by Newton's method on the Hermite functions, with the weights
kept as logarithms), and differentiates that quadrature with Fluxion's `Dual` to get the slope ∂u/∂x:
its tests reproduce Basdevant et al.'s (1986) steepest slope −152.00516 at x = 0, t = 1.6037/π to within 1e-3.
`dotnet fsi build.fsx demo pinn` runs it (options: `--adam N --lbfgs N --interior N --boundary N --initial N
--seed N --minutes N`; with a time limit, Adam stops at half of it and L-BFGS, which runs in rounds of 200
iterations, starts no round after it), prints progress and the relative L2 error on a 256 × 101 grid, and writes the prediction, the reference,
the pointwise error and the loss curve to `output/burgers-*.png`.

One run of the full configuration (the residual from one forward-Laplacian pass) on a shared 2-core machine, at
the lowest CPU priority beside other builds: 15,000 Adam iterations (loss 5.8e-1 → 2.6e-3, 22 minutes), then
15,000 L-BFGS iterations (loss 1.4e-4, still falling slowly), 56 minutes in all; relative L2 error **2.5e-2** on the
256 × 101 grid, short of the 1e-2 target. The error sits on the shock at x = 0 for t ≳ 0.35, where uniformly drawn
collocation points are too sparse for the steep front (residual-based refinement near x = 0 is what would close it).

![PINN prediction](img/burgers-prediction.png)
![Cole–Hopf reference](img/burgers-reference.png)
![Pointwise error](img/burgers-error.png)
![Training loss](img/burgers-loss.png)
*)
