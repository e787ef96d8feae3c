(**
---
title: Taylor mode (jets)
category: Guides
categoryindex: 2
index: 2
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
(**
# Taylor mode: many derivatives in one pass

`Jet<'T>` is a truncated Taylor polynomial x(t) = x₀ + x₁t + … + x_K·t^K of order K. Its coefficients are the
Taylor coefficients xₖ = x⁽ᵏ⁾(0)/k! (as JAX's `jet`), so evaluating f on the jet x₀ + t gives every hₖ =
f⁽ᵏ⁾(x₀)/k! up to order K in one pass. Like `Dual`, `Jet` implements .NET generic math
(`IFloatingPointIeee754<T>`): a function written once generically runs on it unchanged, from F# and from C#.

Where `Forward.nthDerivative` nests `Dual` n levels deep (2ⁿ numbers per value, 256 for n = 8), a jet of order n
carries n + 1 coefficients and an operation costs O(n²): products are Cauchy products, and every elementary function
comes from the rule table through h′(t) = f′(x(t))·x′(t), with the rule's own Derivative evaluated on jets of lower
order, or a recurrence the rule offers next to its formulas (`ITaylorRule`: exp has f′ = f, log has x·f′ = 1,
sin and cos have (f′)′ = −f·x′ …; pow with both arguments varying has one for its partials, `ITaylorBinaryRule`).
Nothing outside `Rules.fs` writes a derivative.

## Taylor coefficients and an 8th derivative (F#)
*)
open System
open Fluxion

let f (x: Jet<float>) = exp (sin x) / (1.0 + x * x)

let coefficients = Taylor.coefficients f 0.7 8
(*** include-value: coefficients ***)
(**
`Taylor.derivatives` multiplies by k! instead, and `Taylor.derivative n` returns one of them. For e^x·sin x the
n-th derivative is 2^(n/2)·eˣ·sin(x + nπ/4), so the 8th is 16·eˣ·sin x:
*)
let eighth = Taylor.derivative 8 (fun x -> exp x * sin x) 0.7
let expected = 16.0 * exp 0.7 * sin 0.7
let eighthAndExpected = (eighth, expected)
(*** include-value: eighthAndExpected ***)
(**
A jet prints as its polynomial in t:
*)
let printed = (Jet<float>.Variable(0.0, 4) |> sin).ToString("G4", Globalization.CultureInfo.InvariantCulture)
(*** include-value: printed ***)
(**
## Orders, constants, conventions

A constant (order 0: `Jet.One`, `Jet.Constant 2.0`, a literal in `1.0 + x`) combines with a jet of any order; two
jets of different orders above 0 are refused with an `ArgumentException` that names both orders (`TruncateTo`
shortens a jet). Comparisons use x₀. At the edges of a domain the conventions of the rule table hold as for
`Dual` ([conventions](conventions.html)): |x| at 0 has every derivative 0, √x at 0 has f′ = +∞ and f″ = −∞, and
outside a function's domain every coefficient is NaN.

## Nesting

`Jet` nests with `Dual` in both orders without perturbation confusion (the types keep the two perturbations
apart): `Jet<Dual<float>>` carries ∂/∂y in every Taylor coefficient, `Dual<Jet<float>>` a Taylor series in its
tangent. Here ∂/∂y ∂⁴/∂x⁴ of e^(xy) at (0.5, 2), which is (4y³ + x·y⁴)·e^(xy):
*)
let x = Jet<Dual<float>>(Array.init 5 (fun k -> Dual<float>.Constant(if k = 0 then 0.5 elif k = 1 then 1.0 else 0.0)))
let y = Jet<Dual<float>>.Constant(Dual<float>.Variable 2.0)
let mixed = (exp (x * y)).Derivative(4).Tangent
let mixedExpected = (4.0 * 8.0 + 0.5 * 16.0) * exp 1.0
let mixedAndExpected = (mixed, mixedExpected)
(*** include-value: mixedAndExpected ***)
(**
`Var<Jet<double>>` (reverse mode over jets: the Taylor series of a gradient) and `Jet<Var<double>>` (the gradient of
a Taylor coefficient) work too; tests/CSharpFacade.Tests/TaylorTests.cs has one of each.

## From C#

```csharp
using System.Numerics;
using Fluxion;

static T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(T.Sin(x)) / (T.One + x * x);

double[] h = Ad.Taylor(F, 0.7, 8);                         // h[k] = f⁽ᵏ⁾(0.7)/k!
double d8 = Ad.NthDerivative(F, 8, 0.7);                   // one pass over Jet<double> of order 8
double[] all = Ad.Derivatives(F, 0.7, 8);                  // f, f′, …, f⁽⁸⁾
double[] g = Ad.Taylor(x => 1 / (1 - x), 0.2, 8);          // a lambda: operators and literals work on Jet<double>
```

`TaylorMode.Coefficients`, `TaylorMode.Derivatives` and `TaylorMode.NthDerivative` are the same for any `T`
(`float32` included) without the facade. benchmarks/README.md ("Taylor mode") compares the 8th derivative by a jet
with Dual nested 8 levels.
*)
