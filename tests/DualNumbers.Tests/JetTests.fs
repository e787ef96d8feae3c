/// <summary>
/// Jet (Taylor mode) against independent references: Dual nested 8 levels deep for every row of the rule table
/// (RuleTable.fs, which has a row for every rule in Rules.fs), analytic Taylor series, the documented conventions,
/// nesting with Dual in both orders, and the Taylor module's entry points.
/// </summary>
module Fluxion.Tests.JetTests

open System
open System.Globalization
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Tests.RuleTable

let private order = 8

let private factorial (k: int) = Seq.fold (fun acc i -> acc * float i) 1.0 (seq { 1 .. k })

// ----- the reference: Dual nested n levels deep, built and read by reflection --------------------

/// Dual⁽ⁿ⁾<double>: double for n = 0, Dual<Dual⁽ⁿ⁻¹⁾> above.
let rec private nestedType (n: int) : Type = if n = 0 then typeof<float> else typedefof<Dual<float>>.MakeGenericType(nestedType (n - 1))

/// The constant v as a Dual⁽ⁿ⁾ (every tangent zero).
let rec private constant (n: int) (v: float) : obj =
    if n = 0 then box v else Activator.CreateInstance(nestedType n, [| constant (n - 1) v; constant (n - 1) 0.0 |])

/// x₀ + a·(ε₁ + … + εₙ): every level's tangent is the constant a.
let rec private seeded (n: int) (x0: float) (a: float) : obj =
    if n = 0 then box x0 else Activator.CreateInstance(nestedType n, [| seeded (n - 1) x0 a; constant (n - 1) a |])

let private part (name: string) (o: obj) = o.GetType().GetProperty(name).GetValue o

/// The k-th derivative along the seeded direction: the coefficient of ε₁⋯εₖ (k tangents, then primals).
let private readDerivative (n: int) (result: obj) (k: int) : float =
    let mutable o = result
    for _ in 1 .. k do o <- part "Tangent" o
    for _ in k + 1 .. n do o <- part "Primal" o
    o :?> float

/// f(x₀ + a·t), f(…)⁽ᵏ⁾/k! for k = 0…n by Dual nested n levels (one evaluation: all subsets of ε's).
let private nestedUnary (f: IUnaryFunction) (x0: float) (n: int) : float[] =
    let r = typeof<IUnaryFunction>.GetMethod("Invoke").MakeGenericMethod(nestedType n).Invoke(f, [| seeded n x0 1.0 |])
    Array.init (n + 1) (fun k -> readDerivative n r k / factorial k)

let private nestedBinary (f: IBinaryFunction) (x0: float) (y0: float) (a: float) (b: float) (n: int) : float[] =
    let r = typeof<IBinaryFunction>.GetMethod("Invoke").MakeGenericMethod(nestedType n).Invoke(f, [| seeded n x0 a; seeded n y0 b |])
    Array.init (n + 1) (fun k -> readDerivative n r k / factorial k)

// ----- comparisons ------------------------------------------------------------------------------

/// <summary>
/// Relative tolerance for order-8 coefficients in double. Both sides round at 1.1e-16 per operation; a coefficient
/// of order k sums O(k²) products (and nested duals 2ᵏ terms), and it can be small against the terms it cancels
/// from, so the error is measured against the largest of the coefficient and its neighbours (a coefficient of sin
/// near a zero of sin⁽ᵏ⁾ is tiny while sin⁽ᵏ⁺¹⁾ is not). The largest error seen over all rows (2026-12-01) was
/// 1.5e-15 of that scale (log(x, base y)); 1e-12 leaves three orders of magnitude for other machines' libm and JIT.
/// </summary>
let private rtol = 1e-12

/// The coefficient's neighbourhood, and at least 1e-3 of the largest coefficient: a coefficient that vanishes
/// exactly (x³ above t³) comes out of a recurrence as rounding residue of the larger ones (6.9e-18 seen for x³ at −1.8).
let private scaleAt (reference: float[]) (k: int) =
    let near = [ k - 1; k; k + 1 ] |> List.filter (fun j -> j >= 0 && j < reference.Length) |> List.map (fun j -> abs reference[j]) |> List.max
    let finite = reference |> Array.filter Double.IsFinite |> Array.map abs
    max near (if finite.Length = 0 then 0.0 else 1e-3 * Array.max finite)

/// Checks every coefficient; NaN against NaN and equal infinities count as agreement.
let private compare (what: string) (actual: float[]) (reference: float[]) =
    Expect.equal actual.Length reference.Length $"{what}: number of coefficients"
    for k in 0 .. reference.Length - 1 do
        let a, r = actual[k], reference[k]
        let ok = a = r || (Double.IsNaN a && Double.IsNaN r) || abs (a - r) <= rtol * scaleAt reference k
        if not ok then
            failtestf "%s: coefficient %d is %.17g, reference %.17g (diff %.2e, scale %.2e)" what k a r (abs (a - r)) (scaleAt reference k)

/// Three points inside an open interval (20 %, 50 % and 80 % of the way).
let private pointsIn (i: Interval) = [ 0.2; 0.5; 0.8 ] |> List.map (fun s -> i.Lo + s * (i.Hi - i.Lo))

let private jetOf (x0: float) (a: float) = Jet<float>(Array.init (order + 1) (fun k -> if k = 0 then x0 elif k = 1 then a else 0.0))

// ----- the fast route and the generic route ------------------------------------------------------

/// Every rule that offers a Taylor recurrence, found by reflection (a new one cannot be missed).
let private taylorRules () =
    [ for t in typeof<IUnaryRule>.Assembly.GetTypes() do
          if typeof<ITaylorRule>.IsAssignableFrom t && t <> typeof<ITaylorRule> then t ]

let private applyBy (name: string) (ruleType: Type) (x: Jet<float>) : Jet<float> =
    let m =
        typeof<Jet<float>>.GetMethods()
        |> Array.find (fun m -> m.Name = name && m.IsGenericMethodDefinition && m.GetParameters().Length = 1)
    m.MakeGenericMethod(ruleType).Invoke(null, [| box x |]) :?> Jet<float>

let private taylorBinaryRules () =
    [ for t in typeof<IBinaryRule>.Assembly.GetTypes() do
          if typeof<ITaylorBinaryRule>.IsAssignableFrom t && t <> typeof<ITaylorBinaryRule> then t ]

let private applyBy2 (name: string) (ruleType: Type) (x: Jet<float>) (y: Jet<float>) : Jet<float> =
    let m =
        typeof<Jet<float>>.GetMethods()
        |> Array.find (fun m -> m.Name = name && m.IsGenericMethodDefinition && m.GetParameters().Length = 2)
    m.MakeGenericMethod(ruleType).Invoke(null, [| box x; box y |]) :?> Jet<float>

let private binaryRuleName (ruleType: Type) =
    typeof<Fluxion.Tests.RuleChecks.RuleCall>.GetMethod("BinaryName").MakeGenericMethod(ruleType).Invoke(null, [||]) :?> string

let private ruleName (ruleType: Type) =
    let m = typeof<Fluxion.Tests.RuleChecks.RuleCall>.GetMethod("UnaryName").MakeGenericMethod(ruleType)
    m.Invoke(null, [||]) :?> string

// ----- analytic series --------------------------------------------------------------------------

let private binomial (alpha: float) (k: int) = Seq.fold (fun acc i -> acc * (alpha - float i) / float (i + 1)) 1.0 (seq { 0 .. k - 1 })

/// (name, f, point, the coefficients written from the known series).
let private series: (string * IUnaryFunction * float * (int -> float)) list =
    [ "exp at 0.3", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp x },
      0.3, (fun k -> exp 0.3 / factorial k)
      "log(1 + x) at 0 (as log)",
      { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log('T.op_Addition('T.One, x)) },
      0.0, (fun k -> if k = 0 then 0.0 else (if k % 2 = 1 then 1.0 else -1.0) / float k)
      "sin at 0", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sin x },
      0.0, (fun k -> match k % 4 with 1 -> 1.0 / factorial k | 3 -> -1.0 / factorial k | _ -> 0.0)
      "sin at 1.2 (sin(x₀ + t) = sin x₀ cos t + cos x₀ sin t)",
      { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sin x },
      1.2, (fun k -> (match k % 4 with 0 -> sin 1.2 | 1 -> cos 1.2 | 2 -> -sin 1.2 | _ -> -cos 1.2) / factorial k)
      "1/(1 - x) at 0.2", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.op_Division('T.One, 'T.op_Subtraction('T.One, x)) },
      0.2, (fun k -> 1.0 / Math.Pow(0.8, float (k + 1)))
      "atan at 0", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Atan x },
      0.0, (fun k -> if k % 2 = 0 then 0.0 else (if k % 4 = 1 then 1.0 else -1.0) / float k)
      "sqrt(1 + x) at 0", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sqrt('T.op_Addition('T.One, x)) },
      0.0, binomial 0.5
      "(1 + x)^-2.5 at 0 (constant exponent)",
      { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow('T.op_Addition('T.One, x), 'T.CreateChecked -2.5) },
      0.0, binomial -2.5
      "cbrt(1 + x) at 0", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cbrt('T.op_Addition('T.One, x)) },
      0.0, binomial (1.0 / 3.0)
      "cosh at 0", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cosh x },
      0.0, (fun k -> if k % 2 = 0 then 1.0 / factorial k else 0.0)
      "tan at 0 (1, 1/3, 2/15, 17/315)", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tan x },
      0.0, (fun k -> match k with 1 -> 1.0 | 3 -> 1.0 / 3.0 | 5 -> 2.0 / 15.0 | 7 -> 17.0 / 315.0 | _ -> 0.0)
      "tanh at 0 (1, -1/3, 2/15, -17/315)", { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tanh x },
      0.0, (fun k -> match k with 1 -> 1.0 | 3 -> -1.0 / 3.0 | 5 -> 2.0 / 15.0 | 7 -> -17.0 / 315.0 | _ -> 0.0) ]

// ----- nesting: a Dual inside a Jet and a Jet inside a Dual --------------------------------------

/// f(x, y) = e^(xy) + y²·sin x, written once.
let private mixed =
    { new IBinaryFunction with
        member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) =
            'T.op_Addition('T.Exp('T.op_Multiply(x, y)), 'T.op_Multiply('T.op_Multiply(y, y), 'T.Sin x)) }

/// ∂/∂y ∂ᵏ/∂xᵏ f = (k·yᵏ⁻¹ + x·yᵏ)·e^(xy) + 2y·sin(x + kπ/2).
let private mixedReference (x: float) (y: float) (k: int) =
    (float k * Math.Pow(y, float (k - 1)) + x * Math.Pow(y, float k)) * exp (x * y) + 2.0 * y * sin (x + float k * Math.PI / 2.0)

[<Tests>]
let tests =
    testList "Jet" [
        testList "every rule-table row to order 8 against Dual nested 8 levels" [
            for row in unaryRows do
                test row.Name {
                    for i in row.Domain do
                        for x0 in pointsIn i do
                            let jet = row.F.Invoke<Jet<float>>(jetOf x0 1.0)
                            let coefficients = Array.init (order + 1) (fun k -> if jet.Order = 0 then (if k = 0 then jet.Primal else 0.0) else jet[k])
                            compare $"{row.Name} at {x0:R}" coefficients (nestedUnary row.F x0 order)
                }
            for row in binaryRows do
                test row.Name {
                    for b in row.Domain do
                        for x0 in pointsIn b.X do
                            for y0 in pointsIn b.Y do
                                for a, c in [ 1.0, 0.7; -0.6, 1.1 ] do
                                    let jet = row.F.Invoke<Jet<float>>(jetOf x0 a, jetOf y0 c)
                                    let coefficients = Array.init (order + 1) (fun k -> if jet.Order = 0 then (if k = 0 then jet.Primal else 0.0) else jet[k])
                                    compare $"{row.Name} at ({x0:R}, {y0:R}) along ({a}, {c})" coefficients (nestedBinary row.F x0 y0 a c order)
                }
        ]

        testList "Taylor recurrences agree with the rule's Derivative evaluated on jets" [
            for t in taylorRules () do
                let name = ruleName t
                test name {
                    let row = unaryRows |> List.find (fun r -> r.Name = name)
                    for i in row.Domain do
                        for x0 in pointsIn i do
                            let x = jetOf x0 1.0
                            compare $"{name} at {x0:R}" ((applyBy "ApplyTaylor" t x).ToArray()) ((applyBy "Apply" t x).ToArray())
                }
            for t in taylorBinaryRules () do
                let name = binaryRuleName t
                test $"{name} (binary)" {
                    let row = binaryRows |> List.find (fun r -> r.Name = name)
                    for b in row.Domain do
                        for x0 in pointsIn b.X do
                            for y0 in pointsIn b.Y do
                                let x, y = jetOf x0 1.0, jetOf y0 0.7
                                compare $"{name} at ({x0:R}, {y0:R})" ((applyBy2 "ApplyTaylor" t x y).ToArray()) ((applyBy2 "Apply" t x y).ToArray())
                }
            test "a Taylor rule exists for exp, log, sin, cos, sqrt, tanh and pow" {
                Expect.contains (taylorBinaryRules () |> List.map binaryRuleName) "pow" "pow has a Taylor recurrence"
                let names = taylorRules () |> List.map ruleName |> set
                for n in [ "exp"; "log"; "sin"; "cos"; "sqrt"; "tanh" ] do
                    Expect.isTrue (names.Contains n) $"{n} has a Taylor recurrence"
            }
        ]

        testList "analytic series to order 8" [
            for name, f, x0, coefficient in series do
                test name {
                    let jet = f.Invoke<Jet<float>>(Jet<float>.Variable(x0, order))
                    // Reference values are exact to a few ulps; 1e-13 relative to the coefficient's neighbourhood.
                    let reference = Array.init (order + 1) coefficient
                    for k in 0 .. order do
                        let tol = 1e-13 * scaleAt reference k
                        Expect.isLessThanOrEqual (abs (jet[k] - reference[k])) tol $"{name}: coefficient {k} is {jet[k]:R}, series {reference[k]:R}"
                }
            test "float32: exp and sin at 0.5 to order 8" {
                let e = Taylor.coefficients (fun (x: Jet<float32>) -> Jet<float32>.Exp x) 0.5f order
                let s = Taylor.coefficients (fun (x: Jet<float32>) -> Jet<float32>.Sin x) 0.5f order
                for k in 0 .. order do
                    // float32 rounds at 6e-8 per operation; k ≤ 8 steps of the recurrence stay well inside 1e-5.
                    Expect.floatClose { absolute = 1e-7; relative = 1e-5 } (float e[k]) (exp 0.5 / factorial k) $"exp coefficient {k}"
                    let sk = (match k % 4 with 0 -> sin 0.5 | 1 -> cos 0.5 | 2 -> -sin 0.5 | _ -> -cos 0.5) / factorial k
                    Expect.floatClose { absolute = 1e-7; relative = 1e-5 } (float s[k]) sk $"sin coefficient {k}"
            }
        ]

        testList "conventions at the edges, as in Dual" [
            test "abs at 0: every derivative 0 (|·|′(0) = 0)" {
                let h = Taylor.coefficients (fun (x: Jet<float>) -> Jet<float>.Abs x) 0.0 order
                Expect.equal h (Array.zeroCreate (order + 1)) "abs at 0"
            }
            test "sqrt at 0: f′ = +∞, f″ = −∞" {
                let h = Taylor.coefficients (fun (x: Jet<float>) -> Jet<float>.Sqrt x) 0.0 order
                Expect.equal h[0] 0.0 "value"
                Expect.equal h[1] Double.PositiveInfinity "f′(0)"
                Expect.equal h[2] Double.NegativeInfinity "f″(0)/2"
            }
            test "log at 0: −∞, f′ = +∞, f″ = −∞" {
                let h = Taylor.coefficients (fun (x: Jet<float>) -> Jet<float>.Log x) 0.0 order
                Expect.equal (h[0], h[1], h[2]) (Double.NegativeInfinity, Double.PositiveInfinity, Double.NegativeInfinity) "log at 0"
            }
            for name, x0 in [ "log", -1.0; "sqrt", -1.0; "asin", 2.0; "acosh", 0.5; "log1p", -2.0; "atanh", 2.0 ] do
                test $"{name} at {x0} (outside the domain): every coefficient NaN" {
                    let row = unaryRows |> List.find (fun r -> r.Name = name)
                    let jet = row.F.Invoke<Jet<float>>(Jet<float>.Variable(x0, order))
                    for k in 0 .. order do
                        Expect.isTrue (Double.IsNaN jet[k]) $"coefficient {k} is {jet[k]}"
                }
            test "a linear function at +∞ keeps its zero coefficients (2x at ∞: ∞ + 2t)" {
                let h = Taylor.coefficients (fun (x: Jet<float>) -> x * 2.0) Double.PositiveInfinity 3
                Expect.equal h [| Double.PositiveInfinity; 2.0; 0.0; 0.0 |] "2x at +∞"
            }
        ]

        testList "orders" [
            test "constants broadcast" {
                let x = Jet<float>.Variable(2.0, 3)
                let y = x + Jet<float>.One * 3.0 - 1.0
                Expect.equal (y.Order, y.ToArray()) (3, [| 4.0; 1.0; 0.0; 0.0 |]) "x + 3 − 1"
            }
            test "different nonzero orders are refused" {
                let ex = Expect.throwsC (fun () -> Jet<float>.Variable(1.0, 3) * Jet<float>.Variable(1.0, 4) |> ignore) id
                Expect.isTrue (ex :? ArgumentException) "ArgumentException"
                Expect.stringContains ex.Message "order 3 and order 4" "the message names both orders"
            }
            test "integer operands give the coefficients of the float constants, bit for bit" {
                let withInts = Taylor.coefficients (fun x -> 3 * x * x + x * 2 - (1 - x) + (x - 4) + 6 / x + x / 8 + (2 + x)) 0.7 6
                let withFloats =
                    Taylor.coefficients (fun x -> 3.0 * x * x + x * 2.0 - (1.0 - x) + (x - 4.0) + 6.0 / x + x / 8.0 + (2.0 + x)) 0.7 6
                Expect.sequenceEqual withInts withFloats "int and float constants"
                // f′(x) = 6x + 5.125 − 6/x² (written here, not read from the code).
                Expect.floatClose Accuracy.veryHigh withInts[1] (6.0 * 0.7 + 5.125 - 6.0 / 0.49) "f′(0.7)"
            }
            test "the default value is the constant 0" {
                let z = Unchecked.defaultof<Jet<float>>
                Expect.equal (z.Order, z.Primal, (z + Jet<float>.Variable(1.0, 2)).ToArray()) (0, 0.0, [| 1.0; 1.0; 0.0 |]) "default"
            }
            test "TruncateTo and the indexer check their argument" {
                let x = Jet<float>.Variable(1.0, 3)
                Expect.equal ((x.TruncateTo 1).ToArray()) [| 1.0; 1.0 |] "truncated"
                Expect.throwsT<ArgumentOutOfRangeException> (fun () -> x[4] |> ignore) "index above the order"
                Expect.throwsT<ArgumentOutOfRangeException> (fun () -> x.TruncateTo 5 |> ignore) "truncation above the order"
            }
            test "ToString shows the polynomial" {
                let x = Jet<float>([| 1.0; 2.0; 0.5; -3.0 |])
                Expect.equal (x.ToString(null, CultureInfo.InvariantCulture)) "1 + 2t + 0.5t² + -3t³" "jet"
                let nested = Jet<Dual<float>>([| Dual<float>(1.0, 2.0); Dual<float>(3.0, 0.0) |])
                Expect.equal (nested.ToString(null, CultureInfo.InvariantCulture)) "(1 + 2ε) + (3 + 0ε)t" "nested"
            }
        ]

        testList "nesting with Dual (no perturbation confusion)" [
            for x0, y0 in [ 0.4, 0.9; -1.3, 0.5 ] do
                test $"Jet<Dual<double>>: ∂/∂y ∂ᵏ/∂xᵏ at ({x0}, {y0})" {
                    let x = Jet<Dual<float>>(Array.init (order + 1) (fun k -> Dual<float>.Constant(if k = 0 then x0 elif k = 1 then 1.0 else 0.0)))
                    let y = Jet<Dual<float>>.Constant(Dual<float>.Variable y0)
                    let h = mixed.Invoke<Jet<Dual<float>>>(x, y)
                    for k in 0 .. order do
                        let r = mixedReference x0 y0 k
                        Expect.floatClose { absolute = 1e-12; relative = 1e-11 } (h[k].Tangent * factorial k) r $"k = {k}"
                }
                test $"Dual<Jet<double>>: ∂/∂y ∂ᵏ/∂xᵏ at ({x0}, {y0})" {
                    let x = Dual<Jet<float>>(Jet<float>.Variable(x0, order), Jet<float>.Zero)
                    let y = Dual<Jet<float>>(Jet<float>.Constant y0, Jet<float>.One)
                    let h = mixed.Invoke<Dual<Jet<float>>>(x, y)
                    for k in 0 .. order do
                        Expect.floatClose { absolute = 1e-12; relative = 1e-11 } (h.Tangent.Derivative k) (mixedReference x0 y0 k) $"k = {k}"
                }
            test "d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1 (Taylor inside Forward)" {
                let d =
                    Forward.derivative (fun (x: Dual<float>) ->
                        x * Taylor.derivative 1 (fun (y: Jet<Dual<float>>) -> Jet<Dual<float>>.Constant x + y) Dual<float>.One) 1.0
                Expect.equal d 1.0 "classic check"
            }
            test "a Taylor expansion inside another over the same jet type is refused" {
                Expect.throwsT<InvalidOperationException>
                    (fun () -> Taylor.derivative 2 (fun (x: Jet<float>) -> x * Taylor.derivative 1 (fun (y: Jet<float>) -> y * x) 1.0) 1.0 |> ignore)
                    "perturbation confusion"
            }
        ]

        testList "Taylor module" [
            test "coefficients of exp at 0 to order 4" {
                let h = Taylor.coefficients (fun (x: Jet<float>) -> Jet<float>.Exp x) 0.0 4
                Expect.sequenceEqual h [| 1.0; 1.0; 0.5; 1.0 / 6.0; 1.0 / 24.0 |] "1/k!"
            }
            test "8th derivative of e^x·sin x is 2⁴·e^x·sin(x + 2π) " {
                let f (x: Jet<float>) = Jet<float>.Exp x * Jet<float>.Sin x
                let x0 = 0.7
                // (e^x sin x)⁽ⁿ⁾ = 2^(n/2)·e^x·sin(x + nπ/4).
                Expect.floatClose { absolute = 0.0; relative = 1e-12 } (Taylor.derivative 8 f x0) (16.0 * exp x0 * sin (x0 + 2.0 * Math.PI)) "n = 8"
                let all = Taylor.derivatives f x0 8
                for n in 0 .. 8 do
                    Expect.floatClose { absolute = 1e-14; relative = 1e-12 } all[n] (Math.Pow(2.0, float n / 2.0) * exp x0 * sin (x0 + float n * Math.PI / 4.0)) $"n = {n}"
            }
            test "a constant function has zero coefficients above the value" {
                Expect.sequenceEqual (Taylor.coefficients (fun (_: Jet<float>) -> Jet<float>.Constant 3.0) 1.0 3) [| 3.0; 0.0; 0.0; 0.0 |] "constant"
            }
            test "order 0 is the value" {
                Expect.sequenceEqual (Taylor.coefficients (fun (x: Jet<float>) -> x * x) 3.0 0) [| 9.0 |] "x² at 3"
            }
            test "refusals name the argument" {
                let e = Expect.throwsC (fun () -> Taylor.coefficients (fun (x: Jet<float>) -> x) 1.0 -1 |> ignore) id
                Expect.equal (e :?> ArgumentOutOfRangeException).ParamName "order" "negative order"
                let n = Expect.throwsC (fun () -> Taylor.coefficients Unchecked.defaultof<Jet<float> -> Jet<float>> 1.0 2 |> ignore) id
                Expect.equal (n :?> ArgumentNullException).ParamName "f" "null f"
                let w = Expect.throwsC (fun () -> Taylor.coefficients (fun (_: Jet<float>) -> Jet<float>.Variable(1.0, 2)) 1.0 3 |> ignore) id
                Expect.equal (w :?> ArgumentException).ParamName "f" "a result of another order"
            }
        ]
    ]
