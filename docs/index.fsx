(**
---
title: Fluxion
category: Overview
categoryindex: 1
index: 1
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
(**
# Fluxion: forward mode with dual numbers

A dual number `a + b·ε` with `ε² = 0` carries a value and a tangent. Evaluating a function on
`Dual(x, 1)` gives `f(x) + f′(x)·ε`: the derivative comes out exactly, in the same pass as the value,
with no step size to choose. That is forward-mode automatic differentiation.
*)
open Fluxion

let f (x: Dual<float>) = x * x * x * x + 3.0 * x * x + 2.0 * x

let y = f (Dual<float>.Variable 2.0)
(*** include-value: y ***)
(**
The value is 32 and the derivative `4x³ + 6x + 2` at 2 is 46.

## Partial derivatives: one pass per input direction

For a function of several inputs, seed the tangent of the input you differentiate by and keep the
others constant. Here `y = ln x₁ + x₁x₂ − sin x₂` at (2, 5):
*)
let g (x1: Dual<float>) (x2: Dual<float>) = log x1 + x1 * x2 - sin x2

let dx1 = (g (Dual<float>.Variable 2.0) (Dual<float>.Constant 5.0)).Tangent
let dx2 = (g (Dual<float>.Constant 2.0) (Dual<float>.Variable 5.0)).Tangent
let partials = (dx1, dx2)
(*** include-value: partials ***)
(**
`∂y/∂x₁ = 1/x₁ + x₂ = 5.5` and `∂y/∂x₂ = x₁ − cos x₂ ≈ 1.716`.

## Second derivatives by nesting

`Dual<Dual<float>>` carries two independent perturbations; the tangent of the tangent is the
second derivative. `f″(x) = 12x² + 6` is 54 at 2:
*)
let x2 = Dual<Dual<float>>(Dual<float>(2.0, 1.0), Dual<float>(1.0, 0.0))
let three = Dual<Dual<float>>.Constant(Dual<float>.Constant 3.0)
let two = Dual<Dual<float>>.Constant(Dual<float>.Constant 2.0)
let y2 = x2 * x2 * x2 * x2 + three * x2 * x2 + two * x2
(*** include-value: y2.Tangent.Tangent ***)
