(**
---
title: Forward mode API
category: Guides
categoryindex: 2
index: 1
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
(**
# Forward mode: derivatives, gradients, Jacobians, Hessians

The `Forward` module (F#) and the `ForwardMode` class (C#) run your function on Fluxion's number types and
read the derivatives out of them. Three number types, one rule table:

| type | carries | used by |
| --- | --- | --- |
| `Dual<'T>` | a value and one tangent | `derivative`, `directionalDerivative`, `jvp`, `nthDerivative` (nested) |
| `HyperDual<'T>` | a value, two tangents ε₁, ε₂ and the second-order part ε₁ε₂ | `secondDerivative`, `hessian`, `hessianVectorProduct` |
| `MultiDual<'T>` | a value and `Vector<'T>.Count` tangents in one SIMD register | `gradient`, `jacobian` |

All three implement .NET generic math (`IFloatingPointIeee754<T>`), so a function written once generically
runs on each; in an F# script the function's argument type simply follows from the call.

## Derivatives of a scalar function
*)
open System.Numerics
open Fluxion

let d1 = Forward.derivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0
let d2 = Forward.secondDerivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0
let firstAndSecond = (d1, d2)
(*** include-value: firstAndSecond ***)
(**
`f′(2) = 4·8 + 6·2 + 2 = 46` and `f″(2) = 12·4 + 6 = 54`, exactly. The second derivative comes from one pass
over `HyperDual`: each elementary function applies its first and second derivative from the rule table
(the ε₁ε₂ part of `f(x)` is `f′(x)·d + f″(x)·b·c`).

Higher derivatives nest `Dual` inside `Dual`. A plain F# lambda has one fixed type, so `nthDerivative` takes an
`IScalarFunction`, whose generic `Invoke` can be called at `Dual<Dual<…>>` as deep as the order asks:
*)
let sine = { new IScalarFunction with member _.Invoke<'N when 'N :> IFloatingPointIeee754<'N>>(x: 'N) = 'N.Sin x }
let sineDerivatives = [ for n in 0 .. 4 -> Forward.nthDerivative n sine 0.5 ]
(*** include-value: sineDerivatives ***)
(**
sin, cos, −sin, −cos, sin at 0.5.

## Gradient and Jacobian (chunked forward mode)

`gradient` seeds `MultiDual<'T>.Width` inputs per pass (4 doubles or 8 singles with 256-bit vectors), so a
function of n inputs runs ⌈n / Width⌉ times instead of n times. The textbook case
`y = ln x₁ + x₁x₂ − sin x₂` at (2, 5):
*)
let grad = Forward.gradient (fun x -> log x[0] + x[0] * x[1] - sin x[1]) [| 2.0; 5.0 |]
(*** include-value: grad ***)
(**
`∂y/∂x₁ = 1/x₁ + x₂ = 5.5` and `∂y/∂x₂ = x₁ − cos x₂ ≈ 1.716`. For f: ℝⁿ → ℝᵐ, `jacobian` returns the m × n
matrix (entry [i, j] = ∂fᵢ/∂xⱼ):
*)
let jac = Forward.jacobian (fun x -> [| x[0] * x[1]; exp x[1] |]) [| 2.0; 0.5 |]
(*** include-value: jac ***)
(**
## Directional derivative and Jacobian-vector product

One pass over `Dual`, with the inputs' tangents set to the direction v. The direction must be finite and as
long as x (an `ArgumentException` names `v` otherwise):
*)
let directional = Forward.directionalDerivative (fun x -> x[0] * x[0] + x[1]) [| 2.0; 3.0 |] [| 1.0; -1.0 |]
let jv = Forward.jvp (fun x -> [| x[0] * x[1]; exp x[1] |]) [| 2.0; 0.5 |] [| 1.0; -1.0 |]
let directionalAndJvp = (directional, jv)
(*** include-value: directionalAndJvp ***)
(**
## Hessian and Hessian-vector product

`hessian` runs one `HyperDual` pass per entry on and above the diagonal, n(n+1)/2 in all, seeding ε₁ along
eᵢ and ε₂ along eⱼ; the ε₁ε₂ part is the exact ∂²f/∂xᵢ∂xⱼ. Rosenbrock's function, written once as an inline
function (so it serves every number type; `100G` is the literal 100 in whichever type that is):
*)
let inline rosenbrock (x: 'N[]) =
    let mutable s = 0G
    for xi, next in Array.pairwise x do
        let a = next - xi * xi
        let b = 1G - xi
        s <- s + 100G * a * a + b * b
    s

let hess = Forward.hessian rosenbrock [| 1.2; 0.8 |]
(*** include-value: hess ***)
(**
Analytically `[[1200x₁² − 400x₂ + 2, −400x₁], [−400x₁, 200]]` = `[[1410, −480], [−480, 200]]`.
`hessianVectorProduct` gives H·v forward over forward, without forming H: n passes, ε₁ along v and ε₂
along each unit vector.
*)
let hv = Forward.hessianVectorProduct rosenbrock [| 1.2; 0.8 |] [| 1.0; 2.0 |]
(*** include-value: hv ***)
(**
## Nesting and perturbation confusion

A derivative inside a derivative must keep the two perturbations apart. The classic check is
d/dx [ x · (d/dy (x + y) at y = 1) ] at x = 1, which is 1. Written correctly, the inner derivative runs one
nesting level deeper, over `Dual<Dual<float>>`, and the outer variable enters it as a constant:
*)
let correct =
    Forward.derivative (fun (x: Dual<float>) ->
        x * Forward.derivative (fun (y: Dual<Dual<float>>) -> Dual<Dual<float>>.Constant x + y) (Dual<float>.Constant 1.0)) 1.0
(*** include-value: correct ***)
(**
The confusing variant differentiates the inner function at the *same* level, `Dual<float>`, closing over the
outer `x`. Its inner tangent would mix x's perturbation with y's and give 2. Fluxion refuses it:

**Rule.** While a `Forward` function (or `ForwardMode` method) evaluates f over a number type N, entering another
one over the same N on the same thread throws `InvalidOperationException`. The fix is always to nest one level
deeper: run the inner derivative over `Dual<N>` and lift outer values with `Dual.Constant`. Different number
types are different levels (a `gradient` over `MultiDual<float>` inside a `derivative` over `Dual<float>` is
fine), and the guard is released when f returns or throws.
*)
let confused =
    try
        Forward.derivative (fun (x: Dual<float>) -> x * Dual<float>.Constant(Forward.derivative (fun y -> x + y) 1.0)) 1.0
        |> string
    with :? System.InvalidOperationException as e -> e.Message
(*** include-value: confused ***)
(**
## From C#

`ForwardMode` has the same entry points with delegates and arrays. A generic-math method can be passed as it
is; C# infers the number type:

```csharp
static T F<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x * x + T.CreateChecked(3) * x * x + T.CreateChecked(2) * x;
static T Rosenbrock<T>(T[] x) where T : IFloatingPointIeee754<T> { ... }

double d2 = ForwardMode.SecondDerivative(F, 2.0);               // 54
double[] g = ForwardMode.Gradient(Rosenbrock, new[] { 1.2, 0.8 });
double[,] h = ForwardMode.Hessian(Rosenbrock, new[] { 1.2, 0.8 });
```
*)
