/// The shared rule test table (tests/DualNumbers.Tests/RuleTable.fs) checked in reverse mode: every row's
/// value, first derivatives (Var) and second derivatives (forward over reverse, reverse over reverse) against
/// the rows' analytic references, Richardson finite differences and the complex step, and against forward mode.
module Fluxion.ReverseAD.Tests.RuleTableReverse

open Expecto
open Fluxion
open Fluxion.Tests.RuleTable
open Fluxion.Tests.RuleChecks

/// a·ea + b·eb with the zero-tangent convention (RuleChecks.directional).
let private dot (a: float) (ea: float) (b: float) (eb: float) = directional [| a; b |] [| ea; eb |]

/// a·ea + b·eb on Vars with the same convention, for the outer function of reverse over reverse.
let private dotVar (a: Var<float>) (ea: float) (b: Var<float>) (eb: float) =
    let mutable s = Var<float>.Zero
    if ea <> 0.0 then s <- s + a * ea
    if eb <> 0.0 then s <- s + b * eb
    s

/// Var<'T> for 'T = double or float32: one gradient per evaluation; readout ∇f·e1 and ∇f·e2.
type private ReverseFlavour<'T when 'T :> System.Numerics.IFloatingPointIeee754<'T>>(name: string, precision: Precision) =
    let c (v: float) = 'T.CreateChecked v
    let d (v: 'T) = float (System.Double.CreateChecked v)
    interface IFlavour with
        member _.Name = name
        member _.Precision = precision
        member _.Unary(f, x, e1, e2) =
            let y, g = Reverse.valueAndGradient (fun (v: Var<'T>[]) -> f.Invoke v[0]) [| c x |]
            Readout.two (d y) (d g[0] * e1) (d g[0] * e2)
        member _.Binary(f, x, y, e1x, e1y, e2x, e2y) =
            let z, g = Reverse.valueAndGradient (fun (v: Var<'T>[]) -> f.Invoke(v[0], v[1])) [| c x; c y |]
            let gx, gy = d g[0], d g[1]
            Readout.two (d z) (dot gx e1x gy e1y) (dot gx e2x gy e2y)

/// Forward over reverse, Var<Dual<double>>: the inputs carry tangent e2, so the gradient's tangents are H·e2.
let private forwardOverReverse =
    { new IFlavour with
        member _.Name = "Var<Dual<double>> (forward over reverse)"
        member _.Precision = Double
        member _.Unary(f, x, e1, e2) =
            let y, g = Reverse.valueAndGradient (fun (v: Var<Dual<float>>[]) -> f.Invoke v[0]) [| Dual<float>(x, e2) |]
            Readout.second y.Primal (g[0].Primal * e1) (g[0].Primal * e2) (g[0].Tangent * e1)
        member _.Binary(f, x, y, e1x, e1y, e2x, e2y) =
            let z, g =
                Reverse.valueAndGradient (fun (v: Var<Dual<float>>[]) -> f.Invoke(v[0], v[1])) [| Dual<float>(x, e2x); Dual<float>(y, e2y) |]
            Readout.second z.Primal (dot g[0].Primal e1x g[1].Primal e1y) (dot g[0].Primal e2x g[1].Primal e2y)
                (dot g[0].Tangent e1x g[1].Tangent e1y) }

/// Reverse over reverse, Var<Var<double>>: the outer gradient of ∇f·e1 (inner reverse pass) is H·e1.
let private reverseOverReverse =
    { new IFlavour with
        member _.Name = "Var<Var<double>> (reverse over reverse)"
        member _.Precision = Double
        member _.Unary(f, x, e1, e2) =
            let mutable value = nan
            let mutable d1 = nan
            let outer (v: Var<float>[]) =
                let y, g = Reverse.valueAndGradient (fun (w: Var<Var<float>>[]) -> f.Invoke w[0]) v
                value <- y.Primal
                d1 <- g[0].Primal
                g[0] * e1
            let h = Reverse.gradient outer [| x |]
            Readout.second value (d1 * e1) (d1 * e2) (h[0] * e2)
        member _.Binary(f, x, y, e1x, e1y, e2x, e2y) =
            let mutable value = nan
            let mutable gx = nan
            let mutable gy = nan
            let outer (v: Var<float>[]) =
                let z, g = Reverse.valueAndGradient (fun (w: Var<Var<float>>[]) -> f.Invoke(w[0], w[1])) v
                value <- z.Primal
                gx <- g[0].Primal
                gy <- g[1].Primal
                dotVar g[0] e1x g[1] e1y
            let h = Reverse.gradient outer [| x; y |]
            Readout.second value (dot gx e1x gy e1y) (dot gx e2x gy e2y) (dot h[0] e2x h[1] e2y) }

let private reverseFlavours: IFlavour list =
    [ ReverseFlavour<float>("Var<double>", Double)
      ReverseFlavour<float32>("Var<float32>", Single)
      forwardOverReverse
      reverseOverReverse ]


/// Reverse mode against forward mode (Dual<double>, nested Dual for second order) at points of every row's domain.
let private againstForward =
    let tol = 1e-12
    let points (i: Interval) = [ 0.3; 0.7 ] |> List.map (fun t -> i.Lo + (i.Hi - i.Lo) * t)
    testList "reverse = forward (every row)" [
        for row in unaryRows do
            test row.Name {
                for interval in row.Domain do
                    for x in points interval do
                        let fwd = Flavours.nested64.Unary(row.F, x, 1.0, 1.0)
                        for flavour in [ forwardOverReverse; reverseOverReverse ] do
                            let rev = flavour.Unary(row.F, x, 1.0, 1.0)
                            let ok a b = close tol 1e-300 a b
                            Expect.isTrue (ok rev.E1 fwd.E1) $"{row.Name} at {x:R} [{flavour.Name}]: f' reverse {rev.E1:R}, forward {fwd.E1:R}"
                            let r2, f2 = rev.E12.Value, fwd.E12.Value
                            Expect.isTrue (ok r2 f2) $"{row.Name} at {x:R} [{flavour.Name}]: f'' reverse {r2:R}, forward {f2:R}"
            }
        for row in binaryRows do
            test row.Name {
                for b in row.Domain do
                    for x in points b.X do
                        for y in points b.Y do
                            for e1x, e1y, e2x, e2y in [ 1.0, 0.0, 1.0, 0.0; 0.0, 1.0, 0.0, 1.0; 1.0, 0.0, 0.0, 1.0 ] do
                                let fwd = Flavours.nested64.Binary(row.F, x, y, e1x, e1y, e2x, e2y)
                                for flavour in [ forwardOverReverse; reverseOverReverse ] do
                                    let rev = flavour.Binary(row.F, x, y, e1x, e1y, e2x, e2y)
                                    let at = $"{row.Name} at ({x:R}, {y:R}), e1 = ({e1x}, {e1y}), e2 = ({e2x}, {e2y}) [{flavour.Name}]"
                                    Expect.isTrue (close tol 1e-300 rev.E1 fwd.E1) $"{at}: first reverse {rev.E1:R}, forward {fwd.E1:R}"
                                    Expect.isTrue (close tol 1e-300 rev.E12.Value fwd.E12.Value) $"{at}: second reverse {rev.E12.Value:R}, forward {fwd.E12.Value:R}"
            }
    ]

[<Tests>]
let tests = testList "reverse mode" [ tableTests reverseFlavours; againstForward ]
