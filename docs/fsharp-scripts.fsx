(**
---
title: F# scripts
category: Guides
categoryindex: 2
index: 3
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/ReverseAD/bin/Release/net10.0/Fluxion.ReverseAD.dll"
(**
# F# scripts: the idioms that work

In a script, reference the package with `#r "nuget: Fluxion"` (or `Fluxion.DualNumbers` for forward mode alone) and
`open Fluxion`. Every value on this page is computed when the page is built.

## Let the call pick the number type

A lambda passed to `Forward` or `Reverse` gets its argument type from the call: `Dual<float>` for `derivative`,
`HyperDual<float>` for `secondDerivative`, `Var<float>[]` for `Reverse.gradient`. Write it as you would for floats,
with float literals:
*)
open System.Numerics
open Fluxion

let slope = Forward.derivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0
let curvature = Forward.secondDerivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0
let gradient = Reverse.gradient (fun x -> x[0] * x[0] * x[1] + sin x[1]) [| 3.0; 2.0 |]
let slopeCurvatureGradient = (slope, curvature, gradient)
(*** include-value: slopeCurvatureGradient ***)
(**
`sin`, `exp`, `log`, `sqrt`, `tanh`, `abs` and `**` work on every Fluxion number type, as they do on floats.

## Integer literals

Integers work where the lambda's type is known from the call: `2 * x`, `x / 2`, `1 - x` and `3 + x` take an `int` on
either side of a `Dual`, `HyperDual`, `MultiDual` or `Var` (nested ones too), exactly as the float constant would:
*)
let withInts = Forward.derivative (fun x -> 2 * x * x - x / 4 + 1) 3.0                      // 4x − 1/4 = 11.75
let withIntsReverse = Reverse.gradient (fun x -> 3 * x[0] * x[1] - 2 / x[1]) [| 1.0; 2.0 |] // [| 6; 3.5 |]
let intResults = (withInts, withIntsReverse)
(*** include-value: intResults ***)
(**
## Inline functions for every number type

An `inline` function is instantiated at each call, so one definition serves `float`, `Dual`, `HyperDual` and `Var`:
*)
let inline poly x = x * x * x + x

let polyEverywhere =
    poly 2.0,                                                      // 10
    Forward.derivative poly 2.0,                                   // 3·4 + 1 = 13
    Forward.secondDerivative poly 2.0,                             // 6·2 = 12
    Reverse.gradient (fun x -> poly x[0]) [| 2.0 |]                // [| 13 |]
(*** include-value: polyEverywhere ***)
(**
Inside an inline function a literal needs care: F# fixes `x` to `int` for `3 * x` and to `float` for `3.0 * x`, and
the function then no longer takes a dual. Write literals with the `G` suffix (`3G`, `0G`, `1G`; `open Fluxion`
brings it): `3G` is 3 in whatever number type the call needs, nested duals included. Non-inline generic functions
with `*` run into FS0064/FS0071; the inline function avoids them because its operators are resolved where it is used:
*)
let inline cubicPlus x = x * x * x + 3G * x

let cubicEverywhere =
    cubicPlus 2.0,                                                 // 14
    Forward.derivative cubicPlus 2.0,                              // 15
    Forward.secondDerivative cubicPlus 2.0,                        // 12
    (Reverse.gradient (fun x -> cubicPlus x[0]) [| 2.0 |])[0]      // 15
(*** include-value: cubicEverywhere ***)
(**
`'T.CreateChecked 3` is the same conversion spelled out, for a function with an explicit generic-math constraint:
*)
let inline cubicChecked (x: 'T) : 'T when 'T :> INumberBase<'T> = x * x * x + 'T.CreateChecked 3 * x
let checkedSlope = Forward.derivative cubicChecked 2.0                 // 15
(*** include-value: checkedSlope ***)
(**
## Constants and conversions

`Dual<float>.Variable 2.0` is the input x = 2 with tangent 1; `Dual<float>.Constant 2.0` (or `Dual.Constant 2.0`)
carries tangent 0; `Dual<float>.op_Implicit 2.0` is the same conversion C# applies implicitly. Their parts are
`Primal` and `Tangent`:
*)
let two = Dual<float>.op_Implicit 2.0
let cubePlusX (x: Dual<float>) = x * x * x + x
let y = cubePlusX (Dual<float>.Variable 2.0)
let parts = (two.Primal, two.Tangent, y.Primal, y.Tangent)
(*** include-value: parts ***)
(**
## Derivatives of derivatives

Nest the number types: the inner derivative runs over `Dual<Dual<float>>`, the outer one over `Dual<float>`, and
outer values enter the inner function with `Dual.Constant`. The classic check d/dx [x · d/dy (x + y) at y = 1] at
x = 1 is 1:
*)
let second = Forward.derivative (fun (x: Dual<float>) -> Forward.derivative cubicPlus x) 2.0   // f″(2) = 12
let classic = Forward.derivative (fun x -> x * Forward.derivative (fun y -> Dual.Constant x + y) (Dual.Constant 1.0)) 1.0
let secondAndClassic = (second, classic)
(*** include-value: secondAndClassic ***)
(**
Nesting two derivatives over the same number type would mix their perturbations and give 2; Fluxion refuses it:
*)
let refused =
    try
        Forward.derivative (fun x -> x * Forward.derivative (fun y -> x + y) 1.0) 1.0 |> string
    with :? System.InvalidOperationException as e -> e.Message.Substring(0, e.Message.IndexOf ':')
(*** include-value: refused ***)
(**
## Printing

FSI prints a dual as value and tangent:
*)
let printed = string y
(*** include-value: printed ***)
(**
A nested dual `Dual<Dual<float>>` groups its parts, so the levels stay apart. For x = 2 seeded at both levels, x³
prints as (x³ + 3x²ε) + (3x² + 6xε)ε, that is `(8 + 12ε) + (12 + 12ε)ε`; `.Tangent.Tangent` reads the second
derivative 6x:
*)
let z = Dual<Dual<float>>(Dual<float>(2.0, 1.0), Dual<float>(1.0, 0.0))
let nestedPrinted = string (z * z * z)
(*** include-value: nestedPrinted ***)
