/// The fused value-and-derivative members that sit next to some rules (one SinCos call for sin and cos) must give
/// exactly the rule's own Value and Derivative, which compute sin and cos separately.
module Fluxion.Tests.FusedRules

open System
open System.Numerics
open Expecto
open Fluxion

let inline private value<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) = 'R.Value x
let inline private derivative<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) fx =
    'R.Derivative(x, fx)

/// Seeded points over many magnitudes, including large arguments where the argument reduction matters.
let private points =
    let rng = Random 20261123
    [ for _ in 1..20_000 -> (rng.NextDouble() - 0.5) * Math.Pow(10.0, float (rng.Next(-6, 9))) ]
    @ [ 0.0; -0.0; Math.PI; 1e300; Double.Epsilon; Double.NaN; Double.PositiveInfinity ]

// IEquatable's Equals: equal values, and NaN equals NaN (unlike =).
let private same<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = (a :> IEquatable<'T>).Equals b

let private check<'T when 'T :> IFloatingPointIeee754<'T>> (ofDouble: float -> 'T) =
    for p in points do
        let x = ofDouble p
        let struct (s, ds) = SinRule.ValueAndDerivative x
        let sRef = value<SinRule, 'T> x
        if not (same s sRef && same ds (derivative<SinRule, 'T> x sRef)) then
            failtestf "sin at %A: fused (%A, %A), rule (%A, %A)" x s ds sRef (derivative<SinRule, 'T> x sRef)
        let struct (c, dc) = CosRule.ValueAndDerivative x
        let cRef = value<CosRule, 'T> x
        if not (same c cRef && same dc (derivative<CosRule, 'T> x cRef)) then
            failtestf "cos at %A: fused (%A, %A), rule (%A, %A)" x c dc cRef (derivative<CosRule, 'T> x cRef)

[<Tests>]
let tests =
    testList "fused rules" [
        testCase "sin and cos ValueAndDerivative equal Value and Derivative (double)" <| fun () -> check<float> id
        testCase "sin and cos ValueAndDerivative equal Value and Derivative (float32)" <| fun () -> check<float32> float32
    ]
