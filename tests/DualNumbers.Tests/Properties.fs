/// FsCheck properties over random rows of the rule table: linearity of the tangent, the product rule and the
/// chain rule on compositions, each against the rows' independent analytic references.
module Fluxion.Tests.Properties

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Fluxion
open Fluxion.Tests.RuleTable
open Fluxion.Tests.RuleChecks

type private D = Dual<float>
type private DD = Dual<Dual<float>>

let private unary = List.toArray unaryRows
let private binary = List.toArray binaryRows

/// A point of the row's domain chosen by two random numbers (interval, position), 2% inside the interval.
let private pointIn (domain: Interval list) (which: uint16) (where: uint16) =
    let i = domain[int which % domain.Length]
    i.Lo + (i.Hi - i.Lo) * (0.02 + 0.96 * float where / 65535.0)

/// Is y comfortably inside one of the row's smooth intervals?
let private inside (row: UnaryRow) (y: float) =
    row.Domain |> List.exists (fun i -> let m = 0.05 * (i.Hi - i.Lo) in y > i.Lo + m && y < i.Hi - m)

let private near rtol (a: float) (b: float) = close rtol 1e-12 a b

/// A dyadic scalar in (−16, 16) with 6 fraction bits (so products of two of them are exact) from a random integer.
let private scalar (k: int16) = float (k % 1024s) / 64.0

/// Random cases on a developer's machine (new seeds explore new trees); one fixed seed under CI, so that a landing
/// never depends on the draw. A failing case prints its seed for replay.
let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 300
        replay = (if Environment.GetEnvironmentVariable "CI" = "true" then Some(20261201UL, 9UL, None) else None) }

[<Tests>]
let tests =
    testList "properties" [
        testPropertyWithConfig config "tangent is linear in the seed: f(x + a·v ε).tangent = a · f(x + v ε).tangent"
        <| fun (r: uint16) (which: uint16) (where: uint16) (k: int16) (v: int16) ->
            let row = unary[int r % unary.Length]
            let x = pointIn row.Domain which where
            let a, v = scalar k, scalar v
            let scaled = (row.F.Invoke<D>(D(x, a * v))).Tangent
            let once = (row.F.Invoke<D>(D(x, v))).Tangent
            near 1e-13 scaled (a * once) |> Prop.label $"{row.Name} at {x}: {scaled} vs {a} * {once}"

        testPropertyWithConfig config "binary rows: the tangent is linear in the seed directions"
        <| fun (r: uint16) (which: uint16) (wx: uint16) (wy: uint16) (k: int16) (vx: int16) (vy: int16) ->
            let row = binary[int r % binary.Length]
            let b = row.Domain[int which % row.Domain.Length]
            let x = pointIn [ b.X ] 0us wx
            let y = pointIn [ b.Y ] 0us wy
            let a, vx, vy = scalar k, scalar vx, scalar vy
            let t (s: float) = (row.F.Invoke<D>(D(x, s * vx), D(y, s * vy))).Tangent
            let expected = a * (vx * row.Dx x y + vy * row.Dy x y)
            (near 1e-12 (t a) (a * t 1.0) && near 1e-8 (t a) expected) |> Prop.label $"{row.Name} at ({x}, {y})"

        testPropertyWithConfig config "product rule: (f·g)' = f'g + fg' for two random rows at a common point"
        <| fun (r1: uint16) (r2: uint16) (which: uint16) (where: uint16) ->
            let f = unary[int r1 % unary.Length]
            let g = unary[int r2 % unary.Length]
            let x = pointIn f.Domain which where
            inside g x ==> lazy (
                let y = D.op_Multiply(f.F.Invoke<D>(D.Variable x), g.F.Invoke<D>(D.Variable x))
                let expected = f.D1 x * g.Value x + f.Value x * g.D1 x
                near 1e-9 y.Tangent expected |> Prop.label $"{f.Name} * {g.Name} at {x}: {y.Tangent} vs {expected}")

        testPropertyWithConfig config "chain rule: (g∘f)' = g'(f)·f' and (g∘f)'' = g''(f)·f'² + g'(f)·f'' (nested Dual)"
        <| fun (r1: uint16) (r2: uint16) (which: uint16) (where: uint16) ->
            let f = unary[int r1 % unary.Length]
            let g = unary[int r2 % unary.Length]
            let x = pointIn f.Domain which where
            let fx = f.Value x
            inside g fx ==> lazy (
                let y = g.F.Invoke<DD>(f.F.Invoke<DD>(DD(D(x, 1.0), D(1.0, 0.0))))
                let d1 = g.D1 fx * f.D1 x
                let d2 = g.D2 fx * f.D1 x * f.D1 x + g.D1 fx * f.D2 x
                let scale = abs (g.D1 fx * f.D1 x) + abs (g.D2 fx * f.D1 x * f.D1 x) + abs (g.D1 fx * f.D2 x)
                (near 1e-8 y.Primal.Tangent d1 && close 1e-8 (1e-8 * scale) y.Tangent.Tangent d2)
                |> Prop.label $"{g.Name} . {f.Name} at {x}: f' {y.Primal.Tangent} vs {d1}, f'' {y.Tangent.Tangent} vs {d2}")
    ]
