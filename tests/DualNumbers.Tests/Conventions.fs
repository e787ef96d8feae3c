/// The conventions at non-smooth and undefined points (Rules.fs header, docs/conventions.fsx), checked one by one.
/// Expected values are the documented conventions or plain IEEE double arithmetic, never read from the rules.
module Fluxion.Tests.Conventions

open System
open System.Globalization
open System.Numerics
open Expecto
open Fluxion

type private D = Dual<float>
type private DD = Dual<Dual<float>>

let private var (x: float) = D.Variable x
let private con (x: float) = D.Constant x
/// Primal and tangent as a tuple, for Expect.equal (NaN compares as NaN by Double.Equals).
let private pt (d: D) = d.Primal, d.Tangent
/// x seeded for f, f′ and f″ by nesting.
let private var2 (x: float) = DD(D(x, 1.0), D(1.0, 0.0))

/// Calls a unary rule's value and derivative directly (for rules no generic-math member reaches).
let private applyRule<'R when 'R :> IUnaryRule> (x: D) = D.Apply<'R> x

let private isNaN (what: string) (v: float) = Expect.isTrue (Double.IsNaN v) $"{what} should be NaN, was {v}"

/// Generic-math helpers (C#-style code written once against the interfaces).
let private createChecked<'T, 'U when 'T :> INumberBase<'T> and 'U :> INumberBase<'U>> (v: 'U) = 'T.CreateChecked v
let private parse<'T when 'T :> IParsable<'T>> (s: string) = 'T.Parse(s, CultureInfo.InvariantCulture)
let private tryParse<'T when 'T :> IParsable<'T>> (s: string) =
    let mutable r = Unchecked.defaultof<'T>
    let ok = 'T.TryParse(s, CultureInfo.InvariantCulture, &r)
    ok, r
let private clampGeneric<'T when 'T :> INumber<'T>> (x: 'T) (lo: 'T) (hi: 'T) = 'T.Clamp(x, lo, hi)

[<Tests>]
let tests =
    testList "conventions" [
        testList "non-smooth points" [
            test "abs'(0) = 0, also at -0; abs' = sign elsewhere" {
                Expect.equal (pt (D.Abs(var 0.0))) (0.0, 0.0) "abs at +0"
                Expect.equal (D.Abs(var -0.0)).Tangent 0.0 "abs at -0"
                Expect.equal (D.Abs(var -3.0)).Tangent -1.0 "abs' at -3"
                Expect.equal (D.Abs(var 2.0)).Tangent 1.0 "abs' at 2"
            }
            test "sign' = 0 everywhere, including at 0; sign(NaN) = NaN" {
                for x in [ -2.0; -0.0; 0.0; 1e-300; 3.0 ] do
                    let y = applyRule<SignRule> (var x)
                    Expect.equal y.Tangent 0.0 $"sign' at {x}"
                    Expect.equal y.Primal (float (Math.Sign x)) $"sign({x})"
                isNaN "sign(NaN)" (applyRule<SignRule> (var nan)).Primal
            }
            test "floor, ceiling, round, truncate have derivative 0, also at their jumps" {
                for x in [ -1.0; -0.5; 0.0; 0.5; 2.0; 2.5 ] do
                    for name, f in [ "floor", D.Floor; "ceiling", D.Ceiling; "round", D.Round; "truncate", D.Truncate ] do
                        Expect.equal (f (var x)).Tangent 0.0 $"{name}' at {x}"
            }
            test "sqrt'(0) = +inf, log'(0) = +inf with log 0 = -inf, cbrt'(0) = +inf" {
                Expect.equal (pt (D.Sqrt(var 0.0))) (0.0, infinity) "sqrt at 0"
                Expect.equal (pt (D.Log(var 0.0))) (-infinity, infinity) "log at 0"
                Expect.equal (pt (D.Cbrt(var 0.0))) (0.0, infinity) "cbrt at 0"
                Expect.equal (pt (D.LogP1(var -1.0))) (-infinity, infinity) "log1p at -1"
                Expect.equal (pt (D.Asin(var 1.0))) (Math.PI / 2.0, infinity) "asin at 1"
                Expect.equal (D.Acos(var 1.0)).Tangent -infinity "acos' at 1"
                Expect.equal (pt (D.Atanh(var 1.0))) (infinity, infinity) "atanh at 1"
            }
            test "a zero tangent stays zero through an infinite partial (Chain.Scale)" {
                Expect.equal (pt (D.Sqrt(con 0.0))) (0.0, 0.0) "sqrt of a constant 0"
                Expect.equal (pt (D.Log(con 0.0))) (-infinity, 0.0) "log of a constant 0"
                // f(x, y) = sqrt(y) + x at y = 0, differentiated by x: the y-path must not turn 1 into NaN.
                Expect.equal (D.Sqrt(con 0.0) + var 5.0).Tangent 1.0 "d/dx [sqrt(y) + x] at y = 0"
                Expect.equal (Chain.Scale(infinity, 0.0)) 0.0 "inf * 0"
                Expect.equal (Chain.Scale(nan, 0.0)) 0.0 "NaN * 0"
                Expect.equal (Chain.Scale(infinity, 2.0)) infinity "inf * 2"
                isNaN "Scale(1, NaN)" (Chain.Scale(1.0, nan))
            }
            test "arithmetic keeps a zero tangent zero: x*c and x*Constant(c) agree, 1/x at 0 has tangent -inf" {
                let x = D(infinity, 1.0)
                Expect.equal (pt (x * con 2.0)) (pt (x * 2.0)) "inf-valued x times 2, dual or plain constant"
                Expect.equal (x * con 2.0).Tangent 2.0 "d/dx 2x"
                Expect.equal (pt (con 1.0 / var 0.0)) (infinity, -infinity) "1/x at +0 (limit from the right: -1/x^2)"
                Expect.equal (pt (1.0 / var 0.0)) (infinity, -infinity) "1.0/x at +0"
                Expect.equal (pt (con 1.0 / 0.0)) (infinity, 0.0) "a constant divided by 0 stays a constant"
                isNaN "NaN tangent propagates through *" (D(1.0, nan) * con 2.0).Tangent
            }
            test "nested: sqrt''(0) is -inf, not NaN" {
                let y = DD.Sqrt(var2 0.0)
                Expect.equal y.Primal.Tangent infinity "sqrt'(0)"
                Expect.equal y.Tangent.Tangent -infinity "sqrt''(0) = -1/(4 x^1.5) -> -inf"
            }
        ]
        testList "outside the domain" [
            let cases: (string * (D -> D) * float) list =
                [ "log", D.Log, -1.0
                  "log2", D.Log2, -1.0
                  "log10", D.Log10, -1.0
                  "log1p", D.LogP1, -2.0
                  "sqrt", D.Sqrt, -1.0
                  "asin", D.Asin, 2.0
                  "acos", D.Acos, -2.0
                  "asinpi", D.AsinPi, 1.5
                  "acosh", D.Acosh, 0.5
                  "atanh", D.Atanh, 2.0
                  "atanh", D.Atanh, -1.5
                  "gamma at a pole", D.Gamma, 0.0
                  "gamma at a pole", D.Gamma, -2.0
                  "loggamma at a pole", D.LogGamma, -1.0
                  "digamma at a pole", D.Digamma, 0.0
                  "rootn (n = 2)", (fun d -> D.RootN(d, 2)), -4.0 ]
            for name, f, x in cases do
                test $"{name}({x}) has NaN value and derivatives" {
                    let y = f (var x)
                    isNaN "value" y.Primal
                    isNaN "derivative" y.Tangent
                }
            test "nested: second derivatives are NaN outside the domain too" {
                for name, f, x in [ "log", DD.Log, -1.0; "sqrt", DD.Sqrt, -1.0; "acosh", DD.Acosh, 0.5; "atanh", DD.Atanh, 2.0; "asin", DD.Asin, 2.0 ] do
                    let y = f (var2 x)
                    isNaN $"{name}' at {x}" y.Primal.Tangent
                    isNaN $"{name}'' at {x}" y.Tangent.Tangent
            }
            test "odd roots of negative numbers are real, as for double" {
                let y = D.RootN(var -8.0, 3)
                Expect.equal y.Primal (Double.RootN(-8.0, 3)) "rootn(-8, 3) = -2"
                Expect.floatClose Accuracy.veryHigh y.Tangent (1.0 / 12.0) "1/(3 * (-2)^2)"
                Expect.equal (D.RootN(var 0.0, 3)).Tangent infinity "rootn'(0) = +inf"
                Expect.equal (pt (D.RootN(var 5.0, 1))) (5.0, 1.0) "n = 1 is the identity"
            }
        ]
        testList "pow" [
            test "d/dy x^y at x = 0 is 0 (limit from the right)" {
                Expect.equal (pt (D.Pow(con 0.0, var 2.0))) (0.0, 0.0) "0^y, y = 2"
                Expect.equal (D.Pow(con 0.0, var 0.5)).Tangent 0.0 "0^y, y = 0.5"
            }
            test "d/dy x^y is NaN for x < 0; d/dx still defined for a constant integer exponent" {
                isNaN "d/dy (-2)^y" (D.Pow(con -2.0, var 2.0)).Tangent
                Expect.equal (pt (D.Pow(var -2.0, con 3.0))) (-8.0, 12.0) "(-2)^3 and 3 * (-2)^2"
                Expect.equal (pt (D.Pow(var -2.0, 3))) (-8.0, 12.0) "integer overload"
                Expect.equal (pt (D.Pow(var -2.0, 3.0))) (-8.0, 12.0) "constant overload"
            }
            test "d/dx x^0 = 0 at x = 0, x^1 has derivative 1 at 0, x^2 has derivative 0 at 0" {
                Expect.equal (pt (D.Pow(var 0.0, con 0.0))) (1.0, 0.0) "x^0 with a dual exponent"
                Expect.equal (pt (D.Pow(var 0.0, 0.0))) (1.0, 0.0) "x^0 with a constant exponent"
                Expect.equal (pt (D.Pow(var 0.0, 0))) (1.0, 0.0) "x^0 with an integer exponent"
                Expect.equal (pt (D.Pow(var 0.0, 1))) (0.0, 1.0) "x^1"
                Expect.equal (pt (D.Pow(var 0.0, 2))) (0.0, 0.0) "x^2"
                let y = DD.Pow(var2 0.0, 2)
                Expect.equal y.Tangent.Tangent 2.0 "(x^2)'' = 2 at 0"
            }
            test "PowerRule and RootNRule against their analytic derivatives" {
                for c in [ -2.0; -0.5; 0.5; 1.5; 2.0; 3.0 ] do
                    for x in [ 0.3; 1.7; 4.0 ] do
                        Expect.floatClose Accuracy.veryHigh (PowerRule.Derivative<float>(x, c)) (c * Math.Pow(x, c - 1.0)) $"d/dx x^{c} at {x}"
                        Expect.floatClose Accuracy.veryHigh (PowerRule.SecondDerivative<float>(x, c)) (c * (c - 1.0) * Math.Pow(x, c - 2.0)) $"d2/dx2 x^{c} at {x}"
                for n in [ 1; 2; 3; 4; 5 ] do
                    for x in [ 0.3; 1.7; 4.0 ] do
                        let e = 1.0 / float n
                        let fx = RootNRule.Value<float>(x, n)
                        let d1 = RootNRule.Derivative<float>(n, fx)
                        Expect.floatClose Accuracy.veryHigh d1 (e * Math.Pow(x, e - 1.0)) $"d/dx rootn(x, {n}) at {x}"
                        Expect.floatClose Accuracy.veryHigh (RootNRule.SecondDerivative<float>(x, n, d1)) (e * (e - 1.0) * Math.Pow(x, e - 2.0)) $"d2/dx2 rootn(x, {n}) at {x}"
            }
        ]
        testList "hypot, atan2, min, max, clamp" [
            test "hypot and atan2 have zero partials at (0, 0)" {
                Expect.equal (pt (D.Hypot(var 0.0, var 0.0))) (0.0, 0.0) "hypot"
                Expect.equal (pt (D.Atan2(var 0.0, var 0.0))) (0.0, 0.0) "atan2"
                Expect.equal (D.Hypot(var 0.0, con 0.0)).Tangent 0.0 "hypot, x seeded"
            }
            test "min and max at a tie give each argument half of the derivative" {
                Expect.equal (pt (D.Max(D(1.0, 2.0), D(1.0, 4.0)))) (1.0, 3.0) "max tie"
                Expect.equal (pt (D.Min(D(1.0, 2.0), D(1.0, 4.0)))) (1.0, 3.0) "min tie"
                Expect.equal (D.Max(var 2.0, var 2.0)).Tangent 1.0 "max(x, x)' = 1"
                Expect.equal (D.Max(D(3.0, 2.0), D(1.0, 4.0))).Tangent 2.0 "no tie"
            }
            test "min and max propagate NaN in value and derivative" {
                let y = D.Max(D(nan, 1.0), var 1.0)
                isNaN "max value" y.Primal
                isNaN "max derivative" y.Tangent
                isNaN "min derivative" (D.Min(var 1.0, D(nan, 1.0))).Tangent
            }
            test "clamp: inclusive boundaries pass the derivative to x; outside it goes to the bound" {
                let lo, hi = D(1.0, 5.0), D(2.0, 7.0)
                Expect.equal (pt (D.Clamp(D(1.0, 1.0), lo, hi))) (1.0, 1.0) "x = min"
                Expect.equal (pt (D.Clamp(D(2.0, 1.0), lo, hi))) (2.0, 1.0) "x = max"
                Expect.equal (pt (D.Clamp(D(1.5, 1.0), lo, hi))) (1.5, 1.0) "inside"
                Expect.equal (pt (D.Clamp(D(0.0, 1.0), lo, hi))) (1.0, 5.0) "below"
                Expect.equal (pt (D.Clamp(D(3.0, 1.0), lo, hi))) (2.0, 7.0) "above"
                Expect.equal (pt (clampGeneric (D(3.0, 1.0)) lo hi)) (2.0, 7.0) "through generic math"
            }
            test "clamp with min > max throws ArgumentException naming min" {
                let paramName =
                    try
                        D.Clamp(var 0.0, con 2.0, con 1.0) |> ignore
                        "no exception"
                    with :? ArgumentException as e -> e.ParamName
                Expect.equal paramName "min" "ArgumentException naming min"
                Expect.throwsT<ArgumentException> (fun () -> clampGeneric (var 0.0) (con 2.0) (con 1.0) |> ignore) "through generic math"
            }
        ]
        testList "NaN and infinity" [
            test "NaN propagates through every unary row" {
                // Linear and piecewise-constant functions keep their (constant) derivative at NaN.
                let constantDerivative = [ "negate"; "scaleb (n = 3)"; "floor"; "ceiling"; "round"; "truncate"; "sign"; "clamp (x, -1, 1)" ]
                for row in RuleTable.unaryRows do
                    // Where double itself refuses NaN (Sign throws ArithmeticException), Dual must refuse it too.
                    match (try Ok(row.F.Invoke<float> nan) with :? ArithmeticException -> Error()) with
                    | Error() ->
                        Expect.throwsT<ArithmeticException> (fun () -> row.F.Invoke<D>(var nan) |> ignore) $"{row.Name}(NaN) throws like double"
                    | Ok _ ->
                        let y = row.F.Invoke<D>(var nan)
                        isNaN $"{row.Name}(NaN)" y.Primal
                        if not (List.contains row.Name constantDerivative) then
                            isNaN $"{row.Name}'(NaN)" y.Tangent
            }
            test "the NaN of Dual has a NaN tangent; infinities are constants" {
                let n = createChecked<D, float> nan
                isNaN "CreateChecked NaN" n.Primal
                Expect.equal (D.Exp(var infinity) |> pt) (infinity, infinity) "exp(+inf)"
                Expect.equal (D.Exp(var -infinity) |> pt) (0.0, 0.0) "exp(-inf)"
                Expect.equal (D.Atan(var infinity) |> pt) (Math.PI / 2.0, 0.0) "atan(+inf)"
                Expect.equal (D.Tanh(var 400.0) |> pt) (1.0, 0.0) "tanh saturates without NaN"
                Expect.equal (D.Sigmoid(var -800.0) |> pt) (0.0, 0.0) "sigmoid(-800) without overflow"
                Expect.equal (D.Softplus(var 800.0) |> pt) (800.0, 1.0) "softplus(800) without overflow"
                Expect.isTrue (Double.IsNaN((Dual<float>.Sin(var infinity)).Primal)) "sin(inf) is NaN"
            }
        ]
        testList "comparison, equality, hashing by primal" [
            test "comparisons use the primal only" {
                let a, b = D(1.0, 100.0), D(2.0, -100.0)
                Expect.isTrue (D.op_LessThan(a, b)) "<"
                Expect.isTrue (D.op_GreaterThanOrEqual(b, a)) ">="
                Expect.equal (compare a b) -1 "compare"
                Expect.equal (List.sort [ b; a ] |> List.map (fun d -> d.Primal)) [ 1.0; 2.0 ] "sort"
            }
            test "equal primals are equal and hash alike, whatever the tangents" {
                let a, b = D(1.5, 2.0), D(1.5, -7.0)
                Expect.isTrue (a.Equals b) "Equals"
                Expect.isTrue (D.op_Equality(a, b)) "op_Equality"
                Expect.equal (a.GetHashCode()) (b.GetHashCode()) "GetHashCode"
                Expect.equal (Collections.Generic.HashSet<D>([ a; b ]).Count) 1 "one element in a set"
                Expect.isFalse (D.op_Equality(D(nan, 0.0), D(nan, 0.0))) "NaN is not equal to itself"
            }
        ]
        testList "parsing, formatting, conversions" [
            test "parse gives a constant; formatting writes primal and tangent; round trip of the primal" {
                let x = parse<D> "1.25"
                Expect.equal (pt x) (1.25, 0.0) "parsed constant"
                let v = 0.1 + 0.2
                let s = D(v, 3.0).ToString("R", CultureInfo.InvariantCulture)
                Expect.equal s $"{v:R} + 3ε" "format"
                Expect.equal (parse<D> (v.ToString("R", CultureInfo.InvariantCulture))).Primal v "round trip"
                Expect.equal (tryParse<D> "abc" |> fst) false "TryParse rejects junk"
                Expect.equal (tryParse<D> "-2.5e3" |> snd |> pt) (-2500.0, 0.0) "TryParse"
                Expect.equal (parse<Dual<Dual<float>>> "4").Primal.Primal 4.0 "nested parse"
            }
            test "CreateChecked from int and double gives constants; double.CreateChecked reads the primal" {
                Expect.equal (pt (createChecked<D, int> 3)) (3.0, 0.0) "from int"
                Expect.equal (pt (createChecked<D, float> 2.5)) (2.5, 0.0) "from double"
                let dd = createChecked<DD, int> 7
                Expect.equal (dd.Primal.Primal, dd.Primal.Tangent, dd.Tangent.Primal, dd.Tangent.Tangent) (7.0, 0.0, 0.0, 0.0) "nested from int"
                Expect.equal (createChecked<float, D> (D(2.5, 1.0))) 2.5 "double from Dual"
                Expect.equal (createChecked<float, DD> (DD(D(2.5, 1.0), D(1.0, 1.0)))) 2.5 "double from nested Dual"
                Expect.equal (createChecked<int, D> (D(41.0, 1.0))) 41 "int from Dual"
                Expect.equal (createChecked<Dual<float32>, float> 1.5).Primal 1.5f "float32 Dual from double"
            }
        ]
        testList "the table's own references" [
            test "digamma, trigamma, tetragamma, gamma and erf references match known values" {
                let g = RuleTable.Ref.eulerMascheroni
                let zeta3 = 1.2020569031595942854
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.digamma 1.0) -g "psi(1) = -gamma"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.digamma 0.5) (-g - 2.0 * log 2.0) "psi(1/2)"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.trigamma 1.0) (Math.PI * Math.PI / 6.0) "psi'(1) = pi^2/6"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.trigamma 0.5) (Math.PI * Math.PI / 2.0) "psi'(1/2) = pi^2/2"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.tetragamma 1.0) (-2.0 * zeta3) "psi''(1) = -2 zeta(3)"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.pentagamma 1.0) (Math.Pow(Math.PI, 4.0) / 15.0) "psi'''(1) = pi^4/15"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.gamma 5.0) 24.0 "Gamma(5) = 4!"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.gamma 0.5) (sqrt Math.PI) "Gamma(1/2)"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.gamma -0.5) (-2.0 * sqrt Math.PI) "Gamma(-1/2)"
                Expect.floatClose Accuracy.veryHigh (RuleTable.Ref.erf 1.0) 0.84270079294971486934 "erf(1)"
            }
            test "Richardson finite differences are accurate to ~1e-10 on a known derivative" {
                let d, _ = RuleTable.FiniteDifference.first exp 1.0 0.1
                Expect.floatClose Accuracy.high d (exp 1.0) "exp'(1)"
                let d2, _ = RuleTable.FiniteDifference.second sin 0.7 0.1
                Expect.isLessThan (abs (d2 + sin 0.7)) 1e-7 "sin''(0.7)"
                let m, _ = RuleTable.FiniteDifference.mixed (fun x y -> x * x * y * y * y) 1.2 0.8 0.1
                Expect.isLessThan (abs (m - 6.0 * 1.2 * 0.8 * 0.8)) 1e-7 "d2/dxdy x^2 y^3"
            }
        ]
    ]
