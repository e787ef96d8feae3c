/// Derivatives of every order through the elementwise rules, in every combination of reverse and forward mode,
/// and nested forward levels: against nested scalar Dual numbers (the rule's value and first derivative applied
/// level by level, an independent route from the tensors' use of the rule's second derivative) and against
/// Richardson-extrapolated finite differences of the reference one order lower.
module Fluxion.Tensors.Tests.HigherOrderTests

open System
open System.Numerics
open System.Threading.Tasks
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

type private D1 = Dual<float>
type private D2 = Dual<D1>
type private D3 = Dual<D2>
type private D4 = Dual<D3>

/// One differentiation pass: reverse (gradient of the sum) or forward (JVP along ones).
type private Pass =
    | R
    | F

/// The elementwise derivative of an elementwise tensor function by one pass of the given mode.
let private derive<'T when 'T :> IFloatingPointIeee754<'T>> (pass: Pass) (g: Tensor<'T> -> Tensor<'T>) : Tensor<'T> -> Tensor<'T> =
    match pass with
    | R -> fun t -> Tensor.Gradient(Func<_, _>(fun s -> Tensor.Sum(g s)), t)
    | F -> fun t -> (Tensor.Jvp(Func<_, _>(g), t, Tensor.Ones<'T>(t.Shape))).Tangent

/// Every sequence of passes of the given length.
let rec private patterns (k: int) : Pass list list =
    if k = 0 then [ [] ] else [ for p in patterns (k - 1) do yield R :: p; yield F :: p ]

let private show (ps: Pass list) = ps |> List.map string |> String.concat ""

/// f⁽ᵏ⁾(v) for k = 0..4 by scalar nested duals (Dual's Apply: the rule's value and first derivative per level).
let private reference<'R when 'R :> IUnaryRule and 'R: struct> (k: int) (v: float) : float =
    match k with
    | 0 -> 'R.Value v
    | 1 -> (D1.Apply<'R>(D1(v, 1.0))).Tangent
    | 2 -> (D2.Apply<'R>(D2(D1(v, 1.0), D1.One))).Tangent.Tangent
    | 3 -> (D3.Apply<'R>(D3(D2(D1(v, 1.0), D1.One), D2.One))).Tangent.Tangent.Tangent
    | 4 -> (D4.Apply<'R>(D4(D3(D2(D1(v, 1.0), D1.One), D2.One), D3.One))).Tangent.Tangent.Tangent.Tangent
    | _ -> invalidArg (nameof k) "order up to 4"

/// d/dv of g by centered differences with one Richardson step.
let private numeric (g: float -> float) (v: float) =
    let h = 1e-3 * max 1.0 (abs v)
    let d (h: float) = (g (v + h) - g (v - h)) / (2.0 * h)
    (4.0 * d (h / 2.0) - d h) / 3.0

let private nameOf<'R when 'R :> IUnaryRule> () = 'R.Name

/// Orders 1 to 4 of a unary rule by every pattern of passes, float64 and float32.
let private unary<'R when 'R :> IUnaryRule and 'R: struct> (lo: float) (hi: float) =
    test (nameOf<'R> ()) {
        let x = uniform (Random 5) lo hi [| 2; 3 |]
        let xs = x.ToArray()
        let x32 = Tensor.FromArray(xs |> Array.map float32, [| 2; 3 |])
        let xs32 = x32.ToArray() |> Array.map float
        for k in 1..4 do
            let expected = xs |> Array.map (reference<'R> k)
            // The Dual reference against finite differences of the reference one order lower.
            let fd = xs |> Array.map (numeric (reference<'R> (k - 1)))
            close 1e-7 expected fd $"{nameOf<'R> ()}: order {k} Dual reference vs finite differences"
            let expected32 = xs32 |> Array.map (reference<'R> k)
            for ps in patterns k do
                let f64 = ps |> List.fold (fun g p -> derive p g) (fun (t: Tensor<float>) -> Tensor.Apply<'R, float> t)
                close 1e-11 ((f64 x).ToArray()) expected $"{nameOf<'R> ()}: order {k} by {show ps} (float64)"
                let f32 = ps |> List.fold (fun g p -> derive p g) (fun (t: Tensor<float32>) -> Tensor.Apply<'R, float32> t)
                close 2e-4 ((f32 x32).ToArray() |> Array.map float) expected32 $"{nameOf<'R> ()}: order {k} by {show ps} (float32)"
    }

/// ∂ᵏf/∂… at (a, b) by scalar nested duals: level i of the nesting differentiates along a (true) or b (false).
let private binaryReference<'R when 'R :> IBinaryRule and 'R: struct> (alongA: bool list) (a: float) (b: float) : float =
    let s (flag: bool) = if flag then 1.0 else 0.0
    match alongA with
    | [] -> 'R.Value(a, b)
    | [ p ] -> (D1.Apply<'R>(D1(a, s p), D1(b, s (not p)))).Tangent
    | [ p; q ] ->
        let lift (v: float) (mine: bool -> bool) = D2(D1(v, s (mine p)), (if mine q then D1.One else D1.Zero))
        (D2.Apply<'R>(lift a id, lift b not)).Tangent.Tangent
    | [ p; q; r ] ->
        let lift (v: float) (mine: bool -> bool) =
            D3(D2(D1(v, s (mine p)), (if mine q then D1.One else D1.Zero)), (if mine r then D2.One else D2.Zero))
        (D3.Apply<'R>(lift a id, lift b not)).Tangent.Tangent.Tangent
    | _ -> invalidArg "alongA" "order up to 3"

let private binaryName<'R when 'R :> IBinaryRule> () = 'R.Name

/// Orders 1 to 3 of a binary rule: every sequence of (variable, pass), float64.
let private binary<'R when 'R :> IBinaryRule and 'R: struct> (aRange: float * float) (bRange: float * float) =
    test (binaryName<'R> ()) {
        let rng = Random 9
        let a = uniform rng (fst aRange) (snd aRange) [| 2; 2 |]
        let b = uniform rng (fst bRange) (snd bRange) [| 2; 2 |]
        let av, bv = a.ToArray(), b.ToArray()
        let rec steps (k: int) : (bool * Pass) list list =
            if k = 0 then [ [] ] else [ for s in steps (k - 1) do for v in [ true; false ] do for p in [ R; F ] do yield (v, p) :: s ]
        for k in 1..3 do
            for st in steps k do
                let alongA = st |> List.map fst
                let expected = Array.map2 (binaryReference<'R> alongA) av bv
                let last = List.last alongA
                let lower = alongA |> List.take (k - 1)
                let fd =
                    Array.map2 (fun x y ->
                        if last then numeric (fun t -> binaryReference<'R> lower t y) x
                        else numeric (fun t -> binaryReference<'R> lower x t) y) av bv
                close 1e-7 expected fd $"{binaryName<'R> ()}: Dual reference {alongA} vs finite differences"
                // Apply the steps in order: the first is the innermost derivative.
                let g =
                    st
                    |> List.fold
                        (fun (g: T -> T -> T) (alongA, p) ->
                            if alongA then fun x y -> derive p (fun s -> g s y) x
                            else fun x y -> derive p (fun s -> g x s) y)
                        (fun x y -> Tensor.Apply<'R, float>(x, y))
                let what = st |> List.map (fun (v, p) -> (if v then "a" else "b") + string p) |> String.concat " "
                close 1e-11 ((g a b).ToArray()) expected $"{binaryName<'R> ()}: {what}"
    }

[<Tests>]
let tests =
    testList "derivatives of any order" [
        testList "unary rules, orders 1-4, every pattern of reverse and forward passes" [
            unary<SqrtRule> 0.5 3.0
            unary<CbrtRule> 0.5 3.0
            unary<ExpRule> -2.0 2.0
            unary<Exp2Rule> -2.0 2.0
            unary<Exp10Rule> -1.0 1.0
            unary<Expm1Rule> -2.0 2.0
            unary<LogRule> 0.5 3.0
            unary<Log2Rule> 0.5 3.0
            unary<Log10Rule> 0.5 3.0
            unary<Log1pRule> -0.5 2.0
            unary<SinRule> -3.0 3.0
            unary<CosRule> -3.0 3.0
            unary<TanRule> -1.0 1.0
            unary<AsinRule> -0.8 0.8
            unary<AcosRule> -0.8 0.8
            unary<AtanRule> -3.0 3.0
            unary<SinhRule> -2.0 2.0
            unary<CoshRule> -2.0 2.0
            unary<TanhRule> -2.0 2.0
            unary<AsinhRule> -2.0 2.0
            unary<AcoshRule> 1.5 3.0
            unary<AtanhRule> -0.8 0.8
            unary<AbsRule> 0.5 2.0
            unary<SignRule> -2.0 2.0
            unary<FloorRule> -2.0 2.0
            unary<CeilingRule> -2.0 2.0
            unary<RoundRule> -2.0 2.0
            unary<TruncateRule> -2.0 2.0
            unary<SigmoidRule> -4.0 4.0
            unary<SoftplusRule> -4.0 4.0
            unary<ErfRule> -2.0 2.0
            unary<GammaRule> 0.5 3.0
            unary<LogGammaRule> 0.5 3.0
            unary<DigammaRule> 0.5 3.0
        ]
        testList "binary rules, orders 1-3, every sequence of variables and passes" [
            binary<DivideRule> (0.5, 2.0) (0.5, 2.0)
            binary<PowRule> (0.5, 2.0) (-1.5, 1.5)
            binary<HypotRule> (0.5, 2.0) (-2.0, -0.5)
            binary<Atan2Rule> (0.5, 2.0) (-2.0, 2.0)
        ]
    ]
