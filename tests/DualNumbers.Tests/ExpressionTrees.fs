/// FsCheck properties over random expression trees built from the whole rule table (every row of RuleTable.fs):
/// the forward modes (Dual, HyperDual, Dual<Dual>, MultiDual) agree with each other exactly on first derivatives
/// (they read the same rule), closely on second derivatives, and with Richardson-extrapolated finite differences of
/// the plain double function where the tree is smooth; at edge points (0, ±1, ±∞, NaN) too; and on several threads
/// at once through the Forward entry points.
module Fluxion.Tests.ExpressionTrees

open System
open System.Numerics
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open Fluxion
open Fluxion.Tests.RuleTable
open Fluxion.Tests.RuleChecks

/// An expression in one variable x over the rows of the rule table.
type Expr =
    | X
    | Const of float
    | Unary of row: string * Expr
    | Binary of row: string * Expr * Expr

    override e.ToString() =
        match e with
        | X -> "x"
        | Const c -> $"{c:R}"
        | Unary(r, a) -> $"[{r}]({a})"
        | Binary(r, a, b) -> $"[{r}]({a}, {b})"

let private unaryByName = dict [ for r in unaryRows -> r.Name, r ]
let private binaryByName = dict [ for r in binaryRows -> r.Name, r ]

/// Special functions take O(|x|) steps at large negative x (polygamma's recurrence): they are applied to x only.
let private special = set [ "gamma"; "loggamma"; "digamma"; "polygamma (n = 1)" ]
let private unaryNames = [| for r in unaryRows do if not (special.Contains r.Name) then r.Name |]
let private specialNames = Set.toArray special
let private binaryNames = [| for r in binaryRows -> r.Name |]

/// The expression on any generic-math number type (one definition for every mode).
let rec eval<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) (e: Expr) : 'T =
    match e with
    | X -> x
    | Const c -> Gm.C<'T> c
    | Unary(r, a) -> unaryByName[r].F.Invoke<'T>(eval x a)
    | Binary(r, a, b) -> binaryByName[r].F.Invoke<'T>(eval x a, eval x b)

/// Is y comfortably (2% of the width) inside one of the intervals on which a row is smooth?
let private insideIntervals (intervals: Interval list) (y: float) =
    intervals |> List.exists (fun i -> let m = 0.02 * (i.Hi - i.Lo) in y > i.Lo + m && y < i.Hi - m)

/// The value in double and whether every node's input lies inside its row's smooth domain (then the tree is
/// smooth near x and finite differences are a valid reference).
let rec private smooth (x: float) (e: Expr) : float * bool =
    match e with
    | X -> x, true
    | Const c -> c, true
    | Unary(r, a) ->
        let v, ok = smooth x a
        let row = unaryByName[r]
        row.F.Invoke<float> v, ok && insideIntervals row.Domain v
    | Binary(r, a, b) ->
        let va, oka = smooth x a
        let vb, okb = smooth x b
        let row = binaryByName[r]
        let inBox = row.Domain |> List.exists (fun box -> insideIntervals [ box.X ] va && insideIntervals [ box.Y ] vb)
        row.F.Invoke<float>(va, vb), oka && okb && inBox

/// Random trees of depth at most 3 (small constants are dyadic, so they are exact in float32 too).
let private genExpr: Gen<Expr> =
    let leaf = Gen.frequency [ 3, Gen.constant X; 1, Gen.map (fun (k: int) -> Const(float k / 8.0)) (Gen.choose (-24, 24)) ]
    let rec tree depth =
        if depth = 0 then leaf
        else
            Gen.frequency
                [ 1, leaf
                  4, Gen.map2 (fun r a -> Unary(r, a)) (Gen.elements unaryNames) (tree (depth - 1))
                  1, Gen.map (fun r -> Unary(r, X)) (Gen.elements specialNames)
                  3, Gen.map3 (fun r a b -> Binary(r, a, b)) (Gen.elements binaryNames) (tree (depth - 1)) (tree (depth - 1)) ]
    tree 3

/// Points: mostly ordinary, some at the edges where the conventions apply.
let private edges = [| 0.0; -0.0; 1.0; -1.0; 0.5; 2.0; infinity; -infinity; nan |]
let private genOrdinary = Gen.map (fun (k: int) -> float k / 997.0) (Gen.choose (-3000, 3000))

/// What one mode reports: value, the derivative along each seeded direction, and the second derivative (NaN where the
/// mode has none), or the exception the evaluation threw.
type private Outcome =
    | Numbers of value: float * firsts: float list * second: float voption
    | Threw of string

let private attempt (f: unit -> Outcome) = try f () with e -> Threw(e.GetType().Name)

let private modes (e: Expr) (x: float) : (string * Outcome) list =
    [ "Dual", attempt (fun () -> let d = eval (Dual<float>.Variable x) e in Numbers(d.Primal, [ d.Tangent ], ValueNone))
      "HyperDual",
      attempt (fun () ->
          let h = eval (HyperDual<float>(x, 1.0, 1.0, 0.0)) e
          Numbers(h.Primal, [ h.E1; h.E2 ], ValueSome h.E12))
      "Dual<Dual>",
      attempt (fun () ->
          let d = eval (Dual<Dual<float>>(Dual<float>(x, 1.0), Dual<float>(1.0, 0.0))) e
          Numbers(d.Primal.Primal, [ d.Primal.Tangent; d.Tangent.Primal ], ValueSome d.Tangent.Tangent))
      "MultiDual",
      attempt (fun () ->
          let m = eval (MultiDual<float>(x, Vector.WithElement(Vector.WithElement(Vector<float>.Zero, 0, 1.0), 1, 1.0))) e
          Numbers(m.Primal, [ m[0]; m[1] ], ValueNone)) ]

/// Bitwise equality, NaN equal to NaN.
let private same (a: float) (b: float) = a = b || (Double.IsNaN a && Double.IsNaN b)

/// First derivatives of different modes: Dual, HyperDual's ε parts and MultiDual's lanes evaluate the same rule
/// Derivative, but the inner tangent of Dual<Dual> differentiates a rule's Value formula where that formula is
/// composite (sigmoid's 1/(1 + e⁻ˣ)), which may differ in the last bits. Infinities and NaN must match exactly.
let private sameFirst (a: float) (b: float) =
    same a b || (Double.IsFinite a && Double.IsFinite b && abs (a - b) <= 1e-12 * (1.0 + max (abs a) (abs b)))

/// The inner tangent of Dual<Dual> is compared only where it and the Dual tangent are both finite: with an infinite
/// tangent flowing in (sinh at ∞), a composite Value formula meets 0·∞ (softplus' e^(−|x|)) where the rule's
/// Derivative does not.
let private innerNested (mode: string) (index: int) = mode = "Dual<Dual>" && index = 0

/// Every mode threw the same exception or none did; values are identical across modes, first derivatives identical
/// or within 1e-12 (see sameFirst); second derivatives agree to 1e-9 relative where both are finite.
let private agree (e: Expr) (x: float) (outcomes: (string * Outcome) list) : Result<unit, string> =
    let fail (msg: string) = Error $"{e} at x = {x:R}: {msg}"
    match outcomes |> List.map snd |> List.distinctBy (function Threw t -> t | Numbers _ -> "") with
    | [ Threw _ ] -> Ok()
    | [ Numbers _ ] ->
        let numbers = outcomes |> List.map (fun (m, o) -> match o with Numbers(v, d, s) -> m, v, d, s | Threw _ -> m, nan, [], ValueNone)
        let _, v0, d0, _ = numbers.Head
        let d0 = d0.Head
        let bad =
            [ for m, v, d, _ in numbers do
                  if not (same v v0) then $"value {m} {v:R} vs Dual {v0:R}"
                  for i, di in List.indexed d do
                      let skip = innerNested m i && not (Double.IsFinite di && Double.IsFinite d0)
                      if not skip && not (sameFirst di d0) then $"f' {m} {di:R} vs Dual {d0:R}" ]
        let seconds = [ for m, _, _, s in numbers do match s with ValueSome s -> m, s | ValueNone -> () ]
        let badSecond =
            match seconds with
            | [ (m1, s1); (m2, s2) ] when Double.IsFinite s1 && Double.IsFinite s2 && not (close 1e-9 1e-12 s1 s2) ->
                [ $"f'' {m1} {s1:R} vs {m2} {s2:R}" ]
            | _ -> []
        match bad @ badSecond with
        | [] -> Ok()
        | problems -> fail (String.Join("; ", problems))
    | _ -> fail $"""the modes disagree on throwing: {String.Join(", ", outcomes |> List.map (fun (m, o) -> $"{m}: {o}"))}"""

/// Against finite differences where the tree is smooth near x and the difference table converged.
let private againstFiniteDifferences (e: Expr) (x: float) (outcomes: (string * Outcome) list) : Result<unit, string> =
    // A tree that throws (sign of NaN) in every mode has no derivative to compare.
    let value, smoothHere = try smooth x e with :? ArithmeticException -> nan, false
    if not smoothHere || not (Double.IsFinite value) then Ok()
    else
        let plain v = eval v e
        let fd1, err1 = FiniteDifference.first plain x 1e-3
        let fd2, err2 = FiniteDifference.second plain x 1e-3
        let scale = 1.0 + abs value
        [ for m, o in outcomes do
              match o with
              | Numbers(_, d :: _, s) ->
                  if Double.IsFinite fd1 && err1 < 1e-9 * (scale + abs fd1) && not (close 1e-6 (1e-8 * scale) d fd1) then
                      $"f' {m} {d:R} vs finite difference {fd1:R} (±{err1:E1})"
                  match s with
                  | ValueSome s when Double.IsFinite fd2 && err2 < 1e-7 * (scale + abs fd2) && not (close 1e-4 (1e-6 * scale) s fd2) ->
                      $"f'' {m} {s:R} vs finite difference {fd2:R} (±{err2:E1})"
                  | _ -> ()
              | _ -> () ]
        |> function
            | [] -> Ok()
            | problems -> Error $"""{e} at x = {x:R}: {String.Join("; ", problems)}"""

let private toProperty (r: Result<unit, string>) =
    match r with
    | Ok() -> true |> Prop.label "ok"
    | Error msg -> false |> Prop.label msg

/// Random cases on a developer's machine (new seeds explore new trees); one fixed seed under CI, so that a landing
/// never depends on the draw. A failing case prints its seed for replay.
let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 400
        replay = (if Environment.GetEnvironmentVariable "CI" = "true" then Some(20261201UL, 9UL, None) else None) }

[<Tests>]
let tests =
    testList "expression trees over the rule table" [
        testPropertyWithConfig config "every forward mode agrees with the others and with finite differences"
        <| Prop.forAll (Arb.fromGen (Gen.zip genExpr genOrdinary)) (fun (e, x) ->
            let outcomes = modes e x
            match agree e x outcomes with
            | Ok() -> toProperty (againstFiniteDifferences e x outcomes)
            | error -> toProperty error)

        testPropertyWithConfig config "every forward mode agrees with the others at edge points (0, ±1, ±∞, NaN)"
        <| Prop.forAll (Arb.fromGen (Gen.zip genExpr (Gen.elements edges))) (fun (e, x) -> toProperty (agree e x (modes e x)))

        testPropertyWithConfig { config with maxTest = 40 } "the Forward entry points on several threads at once give the sequential results"
        <| Prop.forAll (Arb.fromGen (Gen.arrayOfLength 16 (Gen.zip genExpr genOrdinary))) (fun cases ->
            let run (e: Expr, x: float) =
                let first = try Forward.derivative (fun (d: Dual<float>) -> eval d e) x with _ -> nan
                let second = try Forward.secondDerivative (fun (h: HyperDual<float>) -> eval h e) x with _ -> nan
                let gradient = try (Forward.gradient (fun (m: MultiDual<float>[]) -> eval m[0] e) [| x |])[0] with _ -> nan
                first, second, gradient
            let sequential = Array.map run cases
            let concurrent = Array.zeroCreate cases.Length
            Parallel.For(0, cases.Length, ParallelOptions(MaxDegreeOfParallelism = 4), fun i -> concurrent[i] <- run cases[i]) |> ignore
            let mismatches =
                [ for i in 0 .. cases.Length - 1 do
                      let (a1, a2, a3), (b1, b2, b3) = sequential[i], concurrent[i]
                      if not (same a1 b1 && same a2 b2 && same a3 b3) then
                          $"{fst cases[i]} at {snd cases[i]:R}: sequential {sequential[i]} vs concurrent {concurrent[i]}" ]
            List.isEmpty mismatches |> Prop.label (String.Join("; ", mismatches)))
    ]
