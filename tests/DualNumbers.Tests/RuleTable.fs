/// <summary>
/// THE test table for the rule table (src/DualNumbers/Rules.fs): one row per elementary function. A row holds
/// the function written once against .NET generic math, an independent reference (value, first and second
/// derivative written here in plain double math, never read from Rules.fs), the rules it exercises, and the
/// intervals on which it is smooth. RuleChecks.fs runs every row through every "flavour" (Dual, nested Dual,
/// HyperDual, multi-tangent, reverse mode ...).
/// </summary>
/// <remarks>
/// Shared by several test projects: include it with
/// <c>&lt;Compile Include="..\DualNumbers.Tests\RuleTable.fs" Link="RuleTable.fs" /&gt;</c> (and RuleChecks.fs after it).
/// A new elementary function is one rule in Rules.fs plus one row here.
/// </remarks>
module Fluxion.Tests.RuleTable

open System
open System.Numerics
open System.Reflection
open Fluxion

// ----- functions written once against generic math -----------------------------------------------

/// A function of one variable written once against .NET generic math; every flavour instantiates it.
type IUnaryFunction =
    abstract Invoke<'T when 'T :> IFloatingPointIeee754<'T>> : 'T -> 'T

/// A function of two variables written once against .NET generic math.
type IBinaryFunction =
    abstract Invoke<'T when 'T :> IFloatingPointIeee754<'T>> : 'T * 'T -> 'T

/// Generic calls that generic math does not offer as interface members: they go to the number type's own
/// public static member (every Fluxion number type has the same member list as Dual), or to the rule's
/// value for the IEEE types.
[<AbstractClass; Sealed>]
type private RuleValue =
    static member Of<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T = 'R.Value x

[<AbstractClass; Sealed>]
type private StaticTable<'T when 'T :> IFloatingPointIeee754<'T>> private () =
    static let find name (fallback: 'T -> 'T) =
        let m = typeof<'T>.GetMethod(name, BindingFlags.Public ||| BindingFlags.Static, [| typeof<'T> |])
        if isNull m then Func<'T, 'T> fallback else m.CreateDelegate<Func<'T, 'T>>()

    static let sigmoid = find "Sigmoid" (fun x -> RuleValue.Of<SigmoidRule, 'T> x)
    static let softplus = find "Softplus" (fun x -> RuleValue.Of<SoftplusRule, 'T> x)
    static member Sigmoid = sigmoid
    static member Softplus = softplus

/// Generic-math entry points for functions without a System.Numerics interface member.
[<AbstractClass; Sealed>]
type Gm =
    /// The logistic sigmoid on any Fluxion number type (its static Sigmoid) or IEEE type (the rule's value).
    static member Sigmoid<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T = StaticTable<'T>.Sigmoid.Invoke x
    /// softplus on any Fluxion number type or IEEE type.
    static member Softplus<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T = StaticTable<'T>.Softplus.Invoke x
    /// A double constant converted into 'T (a constant: zero tangent).
    static member C<'T when 'T :> IFloatingPointIeee754<'T>>(c: float) : 'T = 'T.CreateChecked c

// ----- independent references ------------------------------------------------------------------

/// Plain-double special functions written in this file (recurrence to a large argument, then the asymptotic
/// series), so that gamma, loggamma and digamma have references independent of MathNet and of Rules.fs.
module Ref =
    /// The Euler–Mascheroni constant γ = −ψ(1).
    let eulerMascheroni = 0.57721566490153286061
    // Bernoulli numbers B2, B4, ..., B16.
    let private b2k = [| 1.0 / 6.0; -1.0 / 30.0; 1.0 / 42.0; -1.0 / 30.0; 5.0 / 66.0; -691.0 / 2730.0; 7.0 / 6.0; -3617.0 / 510.0 |]
    let private shiftTo = 30.0

    /// ln|Γ(x)| and the sign of Γ(x): ln Γ(x) = ln Γ(x + n) − Σ ln|x + k|, then Stirling's series.
    let logGammaSigned (x: float) : float * float =
        let mutable x = x
        let mutable acc = 0.0
        let mutable sign = 1.0
        while x < shiftTo do
            acc <- acc - log (abs x)
            if x < 0.0 then sign <- -sign
            x <- x + 1.0
        let mutable s = (x - 0.5) * log x - x + 0.5 * log (2.0 * Math.PI)
        for k in 1 .. b2k.Length do
            s <- s + b2k[k - 1] / (float (2 * k) * float (2 * k - 1) * Math.Pow(x, float (2 * k - 1)))
        acc + s, sign

    let logGamma x = fst (logGammaSigned x)
    let gamma x = let l, s = logGammaSigned x in s * exp l

    /// ψ(x) = ψ(x + n) − Σ 1/(x + k), then ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ).
    let digamma (x: float) : float =
        let mutable x = x
        let mutable acc = 0.0
        while x < shiftTo do
            acc <- acc - 1.0 / x
            x <- x + 1.0
        let mutable s = log x - 0.5 / x
        for k in 1 .. b2k.Length do
            s <- s - b2k[k - 1] / (float (2 * k) * Math.Pow(x, float (2 * k)))
        acc + s

    /// ψ′(x) = ψ′(x + n) + Σ 1/(x + k)², then ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹.
    let trigamma (x: float) : float =
        let mutable x = x
        let mutable acc = 0.0
        while x < shiftTo do
            acc <- acc + 1.0 / (x * x)
            x <- x + 1.0
        let mutable s = 1.0 / x + 0.5 / (x * x)
        for k in 1 .. b2k.Length do
            s <- s + b2k[k - 1] / Math.Pow(x, float (2 * k + 1))
        acc + s

    /// ψ″(x) = ψ″(x + n) − Σ 2/(x + k)³, then ψ″(x) ~ −1/x² − 1/x³ − Σ (2k+1) B₂ₖ/x²ᵏ⁺².
    let tetragamma (x: float) : float =
        let mutable x = x
        let mutable acc = 0.0
        while x < shiftTo do
            acc <- acc - 2.0 / (x * x * x)
            x <- x + 1.0
        let mutable s = -1.0 / (x * x) - 1.0 / (x * x * x)
        for k in 1 .. b2k.Length do
            s <- s - float (2 * k + 1) * b2k[k - 1] / Math.Pow(x, float (2 * k + 2))
        acc + s

    /// ψ‴(x) = ψ‴(x + n) + Σ 6/(x + k)⁴, then ψ‴(x) ~ 2/x³ + 3/x⁴ + Σ (2k+1)(2k+2) B₂ₖ/x²ᵏ⁺³.
    let pentagamma (x: float) : float =
        let mutable x = x
        let mutable acc = 0.0
        while x < shiftTo do
            acc <- acc + 6.0 / (x * x * x * x)
            x <- x + 1.0
        let mutable s = 2.0 / (x * x * x) + 3.0 / (x * x * x * x)
        for k in 1 .. b2k.Length do
            s <- s + float ((2 * k + 1) * (2 * k + 2)) * b2k[k - 1] / Math.Pow(x, float (2 * k + 3))
        acc + s

    /// erf by its Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹/(n!(2n+1)) (accurate to ~1e-13 for |x| ≤ 3).
    let erf (x: float) : float =
        let mutable term = x
        let mutable sum = x
        let mutable n = 0
        while abs term > 1e-17 * abs sum && n < 200 do
            n <- n + 1
            term <- -term * x * x / float n
            sum <- sum + term / float (2 * n + 1)
        2.0 / sqrt Math.PI * sum

    let sigmoid (x: float) = 1.0 / (1.0 + exp -x)

/// Derivatives by Richardson-extrapolated finite differences of the plain double function: a reference
/// independent both of the rule table and of the analytic formulas in the rows.
module FiniteDifference =
    /// Extrapolates estimate(h) = L + c₁h² + c₂h⁴ + … to h → 0 by halving h (Neville's table); returns the
    /// estimate with the smallest error indicator and that indicator.
    let richardson (estimate: float -> float) (h0: float) : float * float =
        let n = 10
        let t = Array2D.zeroCreate<float> n n
        let mutable best = nan
        let mutable bestErr = infinity
        let mutable h = h0
        let mutable i = 0
        let mutable stop = false
        while not stop && i < n do
            t[i, 0] <- estimate h
            if i = 0 then best <- t[0, 0]
            let mutable factor = 1.0
            for j in 1 .. i do
                factor <- factor * 4.0
                t[i, j] <- t[i, j - 1] + (t[i, j - 1] - t[i - 1, j - 1]) / (factor - 1.0)
                let err = max (abs (t[i, j] - t[i, j - 1])) (abs (t[i, j] - t[i - 1, j - 1]))
                if err <= bestErr then
                    bestErr <- err
                    best <- t[i, j]
            // Rounding error has taken over once the diagonal moves away by more than the best error.
            if i > 1 && abs (t[i, i] - t[i - 1, i - 1]) >= 2.0 * bestErr then stop <- true
            h <- h / 2.0
            i <- i + 1
        best, bestErr

    /// f′(x) from central differences (f(x+h) − f(x−h))/2h.
    let first (f: float -> float) (x: float) (h0: float) =
        richardson (fun h -> (f (x + h) - f (x - h)) / (2.0 * h)) h0

    /// f″(x) from second differences (f(x+h) − 2f(x) + f(x−h))/h².
    let second (f: float -> float) (x: float) (h0: float) =
        let fx = f x
        richardson (fun h -> (f (x + h) - 2.0 * fx + f (x - h)) / (h * h)) h0

    /// ∂²f/∂x∂y from the four-point difference.
    let mixed (f: float -> float -> float) (x: float) (y: float) (h0: float) =
        richardson (fun h -> (f (x + h) (y + h) - f (x + h) (y - h) - f (x - h) (y + h) + f (x - h) (y - h)) / (4.0 * h * h)) h0

/// The complex-step derivative f′(x) ≈ Im f(x + ih)/h with h = 1e-20: no subtraction, so exact to rounding
/// for functions analytic near x whose complex implementation has no cancellation in the imaginary part.
module ComplexStep =
    let step = 1e-20
    let first (f: Complex -> Complex) (x: float) = (f (Complex(x, step))).Imaginary / step

// ----- rows ----------------------------------------------------------------------------------------

/// An open interval on which a function is smooth (sampling stays 2% inside it; finite differences stay inside).
[<Struct>]
type Interval = { Lo: float; Hi: float }

/// A rectangle on which a binary function is smooth.
[<Struct>]
type Box = { X: Interval; Y: Interval }

/// One elementary function of one variable and its independent reference.
type UnaryRow =
    { /// The row's name (the rule name where it is one rule).
      Name: string
      /// The names of the rules in Rules.fs this row exercises (for the coverage check).
      Rules: string list
      /// The function, written once against generic math.
      F: IUnaryFunction
      /// Reference value, f′ and f″ in plain double math.
      Value: float -> float
      D1: float -> float
      D2: float -> float
      /// The function on complex numbers, when it is analytic there (third, complex-step reference).
      Complex: (Complex -> Complex) option
      /// Where f is smooth.
      Domain: Interval list }

/// One elementary function of two variables and its independent reference.
type BinaryRow =
    { Name: string
      Rules: string list
      F: IBinaryFunction
      Value: float -> float -> float
      Dx: float -> float -> float
      Dy: float -> float -> float
      Dxx: float -> float -> float
      Dxy: float -> float -> float
      Dyy: float -> float -> float
      Complex: (Complex -> Complex -> Complex) option
      Domain: Box list }

let private iv lo hi = { Lo = lo; Hi = hi }
let private box (xlo, xhi) (ylo, yhi) = { X = iv xlo xhi; Y = iv ylo yhi }

let private unary name rules f value d1 d2 complex domain : UnaryRow =
    { Name = name; Rules = rules; F = f; Value = value; D1 = d1; D2 = d2; Complex = complex
      Domain = domain |> List.map (fun (lo, hi) -> iv lo hi) }

let private zero _ = 0.0
let private zero2 _ _ = 0.0
let private ln2 = log 2.0
let private ln10 = log 10.0
let private twoOverSqrtPi = 2.0 / sqrt Math.PI
let private cplx (c: float) = Complex(c, 0.0)

/// Every unary row. Functions are object expressions because F# has no generic lambdas.
let unaryRows: UnaryRow list =
    [ unary "negate" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.op_UnaryNegation x }
        (fun x -> -x) (fun _ -> -1.0) zero (Some(fun z -> -z)) [ -5.0, 5.0 ]
      unary "abs" [ "abs" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Abs x }
        abs (fun x -> float (sign x)) zero None [ -5.0, 0.0; 0.0, 5.0 ]
      unary "sign" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.CreateChecked('T.Sign x) }
        (fun x -> float (sign x)) zero zero None [ -5.0, 0.0; 0.0, 5.0 ]
      unary "sqrt" [ "sqrt" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sqrt x }
        sqrt (fun x -> 0.5 / sqrt x) (fun x -> -0.25 * Math.Pow(x, -1.5)) (Some Complex.Sqrt) [ 0.0, 10.0 ]
      unary "cbrt" [ "cbrt" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cbrt x }
        Math.Cbrt (fun x -> 1.0 / (3.0 * Math.Cbrt(x * x))) (fun x -> -2.0 / (9.0 * x * Math.Cbrt(x * x)))
        None [ -8.0, 0.0; 0.0, 8.0 ]
      unary "pow (constant exponent 2.5)" [ "pow" ]
        { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, Gm.C 2.5) }
        (fun x -> Math.Pow(x, 2.5)) (fun x -> 2.5 * Math.Pow(x, 1.5)) (fun x -> 3.75 * sqrt x)
        (Some(fun z -> Complex.Pow(z, cplx 2.5))) [ 0.0, 5.0 ]
      unary "pow (integer exponent 3)" [ "pow" ]
        { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, 'T.CreateChecked 3) }
        (fun x -> x * x * x) (fun x -> 3.0 * x * x) (fun x -> 6.0 * x) (Some(fun z -> z * z * z)) [ -3.0, 3.0 ]
      unary "pow (integer exponent -2)" [ "pow" ]
        { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, 'T.CreateChecked(-2)) }
        (fun x -> 1.0 / (x * x)) (fun x -> -2.0 / (x * x * x)) (fun x -> 6.0 / (x * x * x * x)) (Some(fun z -> Complex.One / (z * z)))
        [ -3.0, 0.0; 0.0, 3.0 ]
      unary "rootn (n = 3)" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.RootN(x, 3) }
        Math.Cbrt (fun x -> 1.0 / (3.0 * Math.Cbrt(x * x))) (fun x -> -2.0 / (9.0 * x * Math.Cbrt(x * x))) None [ -8.0, 0.0; 0.0, 8.0 ]
      unary "exp" [ "exp" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp x }
        exp exp exp (Some Complex.Exp) [ -5.0, 5.0 ]
      unary "exp2" [ "exp2" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp2 x }
        (fun x -> Math.Pow(2.0, x)) (fun x -> ln2 * Math.Pow(2.0, x)) (fun x -> ln2 * ln2 * Math.Pow(2.0, x))
        (Some(fun z -> Complex.Exp(z * cplx ln2))) [ -5.0, 5.0 ]
      unary "exp10" [ "exp10" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp10 x }
        (fun x -> Math.Pow(10.0, x)) (fun x -> ln10 * Math.Pow(10.0, x)) (fun x -> ln10 * ln10 * Math.Pow(10.0, x))
        (Some(fun z -> Complex.Exp(z * cplx ln10))) [ -3.0, 3.0 ]
      unary "expm1" [ "expm1" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.ExpM1 x }
        (fun x -> exp x - 1.0) exp exp (Some(fun z -> Complex.Exp z - Complex.One)) [ -5.0, 5.0 ]
      unary "exp2m1" [ "exp2m1" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp2M1 x }
        (fun x -> Math.Pow(2.0, x) - 1.0) (fun x -> ln2 * Math.Pow(2.0, x)) (fun x -> ln2 * ln2 * Math.Pow(2.0, x))
        (Some(fun z -> Complex.Exp(z * cplx ln2) - Complex.One)) [ -5.0, 5.0 ]
      unary "exp10m1" [ "exp10m1" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp10M1 x }
        (fun x -> Math.Pow(10.0, x) - 1.0) (fun x -> ln10 * Math.Pow(10.0, x)) (fun x -> ln10 * ln10 * Math.Pow(10.0, x))
        (Some(fun z -> Complex.Exp(z * cplx ln10) - Complex.One)) [ -3.0, 3.0 ]
      unary "log" [ "log" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log x }
        log (fun x -> 1.0 / x) (fun x -> -1.0 / (x * x)) (Some Complex.Log) [ 0.0, 10.0 ]
      unary "log2" [ "log2" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log2 x }
        (fun x -> log x / ln2) (fun x -> 1.0 / (x * ln2)) (fun x -> -1.0 / (x * x * ln2)) (Some(fun z -> Complex.Log z / cplx ln2)) [ 0.0, 10.0 ]
      unary "log10" [ "log10" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log10 x }
        (fun x -> log x / ln10) (fun x -> 1.0 / (x * ln10)) (fun x -> -1.0 / (x * x * ln10)) (Some Complex.Log10) [ 0.0, 10.0 ]
      unary "log1p" [ "log1p" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.LogP1 x }
        (fun x -> log (1.0 + x)) (fun x -> 1.0 / (1.0 + x)) (fun x -> -1.0 / ((1.0 + x) * (1.0 + x)))
        (Some(fun z -> Complex.Log(Complex.One + z))) [ -1.0, 10.0 ]
      unary "log2p1" [ "log2p1" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log2P1 x }
        (fun x -> log (1.0 + x) / ln2) (fun x -> 1.0 / ((1.0 + x) * ln2)) (fun x -> -1.0 / ((1.0 + x) * (1.0 + x) * ln2))
        (Some(fun z -> Complex.Log(Complex.One + z) / cplx ln2)) [ -1.0, 10.0 ]
      unary "log10p1" [ "log10p1" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log10P1 x }
        (fun x -> log (1.0 + x) / ln10) (fun x -> 1.0 / ((1.0 + x) * ln10)) (fun x -> -1.0 / ((1.0 + x) * (1.0 + x) * ln10))
        (Some(fun z -> Complex.Log(Complex.One + z) / cplx ln10)) [ -1.0, 10.0 ]
      unary "sin" [ "sin" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sin x }
        sin cos (fun x -> -sin x) (Some Complex.Sin) [ -6.0, 6.0 ]
      unary "cos" [ "cos" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cos x }
        cos (fun x -> -sin x) (fun x -> -cos x) (Some Complex.Cos) [ -6.0, 6.0 ]
      unary "tan" [ "tan" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tan x }
        tan (fun x -> 1.0 / (cos x * cos x)) (fun x -> 2.0 * sin x / (cos x * cos x * cos x)) (Some Complex.Tan)
        [ -Math.PI / 2.0, Math.PI / 2.0; Math.PI / 2.0, 3.0 * Math.PI / 2.0 ]
      unary "sinpi" [ "sinpi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.SinPi x }
        (fun x -> sin (Math.PI * x)) (fun x -> Math.PI * cos (Math.PI * x)) (fun x -> -Math.PI * Math.PI * sin (Math.PI * x))
        (Some(fun z -> Complex.Sin(cplx Math.PI * z))) [ -2.0, 2.0 ]
      unary "cospi" [ "cospi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.CosPi x }
        (fun x -> cos (Math.PI * x)) (fun x -> -Math.PI * sin (Math.PI * x)) (fun x -> -Math.PI * Math.PI * cos (Math.PI * x))
        (Some(fun z -> Complex.Cos(cplx Math.PI * z))) [ -2.0, 2.0 ]
      unary "tanpi" [ "tanpi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.TanPi x }
        (fun x -> tan (Math.PI * x)) (fun x -> Math.PI / (cos (Math.PI * x) ** 2.0))
        (fun x -> 2.0 * Math.PI * Math.PI * sin (Math.PI * x) / (cos (Math.PI * x) ** 3.0))
        (Some(fun z -> Complex.Tan(cplx Math.PI * z))) [ -0.5, 0.5; 0.5, 1.5 ]
      unary "asin" [ "asin" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Asin x }
        asin (fun x -> 1.0 / sqrt (1.0 - x * x)) (fun x -> x / ((1.0 - x * x) ** 1.5)) (Some Complex.Asin) [ -1.0, 1.0 ]
      unary "acos" [ "acos" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Acos x }
        acos (fun x -> -1.0 / sqrt (1.0 - x * x)) (fun x -> -x / ((1.0 - x * x) ** 1.5)) (Some Complex.Acos) [ -1.0, 1.0 ]
      unary "atan" [ "atan" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Atan x }
        atan (fun x -> 1.0 / (1.0 + x * x)) (fun x -> -2.0 * x / ((1.0 + x * x) ** 2.0))
        // atan x = asin(x/√(1+x²)): Complex.Atan and the logarithm form cancel the tiny imaginary part.
        (Some(fun z -> Complex.Asin(z / Complex.Sqrt(Complex.One + z * z)))) [ -5.0, 5.0 ]
      unary "asinpi" [ "asinpi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AsinPi x }
        (fun x -> asin x / Math.PI) (fun x -> 1.0 / (Math.PI * sqrt (1.0 - x * x))) (fun x -> x / (Math.PI * (1.0 - x * x) ** 1.5))
        (Some(fun z -> Complex.Asin z / cplx Math.PI)) [ -1.0, 1.0 ]
      unary "acospi" [ "acospi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AcosPi x }
        (fun x -> acos x / Math.PI) (fun x -> -1.0 / (Math.PI * sqrt (1.0 - x * x))) (fun x -> -x / (Math.PI * (1.0 - x * x) ** 1.5))
        (Some(fun z -> Complex.Acos z / cplx Math.PI)) [ -1.0, 1.0 ]
      unary "atanpi" [ "atanpi" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AtanPi x }
        (fun x -> atan x / Math.PI) (fun x -> 1.0 / (Math.PI * (1.0 + x * x))) (fun x -> -2.0 * x / (Math.PI * (1.0 + x * x) ** 2.0))
        (Some(fun z -> Complex.Asin(z / Complex.Sqrt(Complex.One + z * z)) / cplx Math.PI)) [ -5.0, 5.0 ]
      unary "sinh" [ "sinh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sinh x }
        sinh cosh sinh (Some Complex.Sinh) [ -4.0, 4.0 ]
      unary "cosh" [ "cosh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cosh x }
        cosh sinh cosh (Some Complex.Cosh) [ -4.0, 4.0 ]
      unary "tanh" [ "tanh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tanh x }
        tanh (fun x -> 1.0 / (cosh x * cosh x)) (fun x -> -2.0 * sinh x / (cosh x ** 3.0)) (Some Complex.Tanh) [ -4.0, 4.0 ]
      unary "asinh" [ "asinh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Asinh x }
        (fun x -> log (x + sqrt (x * x + 1.0))) (fun x -> 1.0 / sqrt (x * x + 1.0)) (fun x -> -x / ((x * x + 1.0) ** 1.5))
        (Some(fun z -> Complex.Log(z + Complex.Sqrt(z * z + Complex.One)))) [ 0.0, 5.0; -5.0, 0.0 ]
      unary "acosh" [ "acosh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Acosh x }
        (fun x -> log (x + sqrt (x * x - 1.0))) (fun x -> 1.0 / sqrt (x * x - 1.0)) (fun x -> -x / ((x * x - 1.0) ** 1.5))
        (Some(fun z -> Complex.Log(z + Complex.Sqrt(z * z - Complex.One)))) [ 1.0, 10.0 ]
      unary "atanh" [ "atanh" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Atanh x }
        (fun x -> 0.5 * log ((1.0 + x) / (1.0 - x))) (fun x -> 1.0 / (1.0 - x * x)) (fun x -> 2.0 * x / ((1.0 - x * x) ** 2.0))
        (Some(fun z -> cplx 0.5 * Complex.Log((Complex.One + z) / (Complex.One - z)))) [ -1.0, 1.0 ]
      unary "floor" [ "floor" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Floor x }
        floor zero zero None [ -2.0, -1.0; 0.0, 1.0; 3.0, 4.0 ]
      unary "ceiling" [ "ceiling" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Ceiling x }
        ceil zero zero None [ -2.0, -1.0; 0.0, 1.0; 3.0, 4.0 ]
      unary "round" [ "round" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Round x }
        (fun x -> Math.Round x) zero zero None [ -2.5, -1.5; -0.5, 0.5; 2.5, 3.5 ]
      unary "truncate" [ "truncate" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Truncate x }
        truncate zero zero None [ -2.0, -1.0; 0.0, 1.0; 3.0, 4.0 ]
      unary "sincos (sin x · cos x)" [ "sin"; "cos" ]
        { new IUnaryFunction with
            member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) =
                let struct (s, c) = 'T.SinCos x
                'T.op_Multiply(s, c) }
        (fun x -> sin x * cos x) (fun x -> cos (2.0 * x)) (fun x -> -2.0 * sin (2.0 * x))
        (Some(fun z -> Complex.Sin z * Complex.Cos z)) [ -4.0, 4.0 ]
      unary "sincospi (sinpi x · cospi x)" [ "sinpi"; "cospi" ]
        { new IUnaryFunction with
            member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) =
                let struct (s, c) = 'T.SinCosPi x
                'T.op_Multiply(s, c) }
        (fun x -> 0.5 * sin (2.0 * Math.PI * x)) (fun x -> Math.PI * cos (2.0 * Math.PI * x))
        (fun x -> -2.0 * Math.PI * Math.PI * sin (2.0 * Math.PI * x)) None [ -2.0, 2.0 ]
      unary "scaleb (n = 3)" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.ScaleB(x, 3) }
        (fun x -> 8.0 * x) (fun _ -> 8.0) zero (Some(fun z -> cplx 8.0 * z)) [ -5.0, 5.0 ]
      unary "clamp (x, -1, 1)" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Clamp(x, Gm.C -1.0, Gm.C 1.0) }
        (fun x -> Math.Clamp(x, -1.0, 1.0)) (fun x -> if abs x < 1.0 then 1.0 else 0.0) zero None [ -4.0, -1.0; -1.0, 1.0; 1.0, 4.0 ]
      unary "sigmoid" [ "sigmoid" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Gm.Sigmoid x }
        Ref.sigmoid (fun x -> exp -x / ((1.0 + exp -x) ** 2.0))
        (fun x -> let s = Ref.sigmoid x in s * (1.0 - s) * (1.0 - 2.0 * s))
        (Some(fun z -> Complex.One / (Complex.One + Complex.Exp(-z)))) [ -10.0, 10.0 ]
      unary "softplus" [ "softplus" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Gm.Softplus x }
        (fun x -> log (1.0 + exp x)) (fun x -> 1.0 / (1.0 + exp -x)) (fun x -> exp -x / ((1.0 + exp -x) ** 2.0))
        (Some(fun z -> Complex.Log(Complex.One + Complex.Exp z))) [ -10.0, 10.0 ]
      unary "erf" [ "erf" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Erf x }
        Ref.erf (fun x -> twoOverSqrtPi * exp (-x * x)) (fun x -> -2.0 * x * twoOverSqrtPi * exp (-x * x)) None [ -3.0, 3.0 ]
      unary "gamma" [ "gamma" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Gamma x }
        Ref.gamma (fun x -> Ref.gamma x * Ref.digamma x)
        (fun x -> Ref.gamma x * (Ref.digamma x ** 2.0 + Ref.trigamma x)) None [ 0.0, 6.0; -1.0, 0.0; -3.0, -2.0 ]
      unary "loggamma" [ "loggamma" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.LogGamma x }
        Ref.logGamma Ref.digamma Ref.trigamma None [ 0.0, 20.0; -1.0, 0.0; -3.0, -2.0 ]
      unary "digamma" [ "digamma" ] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Digamma x }
        Ref.digamma Ref.trigamma Ref.tetragamma None [ 0.0, 20.0; -1.0, 0.0; -3.0, -2.0 ]
      unary "polygamma (n = 1)" [] { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Polygamma(1, x) }
        Ref.trigamma Ref.tetragamma Ref.pentagamma None [ 0.0, 20.0; -1.0, 0.0; -3.0, -2.0 ] ]

let private binary name rules f value dx dy dxx dxy dyy complex domain : BinaryRow =
    { Name = name; Rules = rules; F = f; Value = value; Dx = dx; Dy = dy; Dxx = dxx; Dxy = dxy; Dyy = dyy
      Complex = complex; Domain = domain }

/// Every binary row.
let binaryRows: BinaryRow list =
    [ binary "add" [] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Addition(x, y) }
        (+) (fun _ _ -> 1.0) (fun _ _ -> 1.0) zero2 zero2 zero2 (Some(+)) [ box (-5.0, 5.0) (-5.0, 5.0) ]
      binary "subtract" [] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Subtraction(x, y) }
        (-) (fun _ _ -> 1.0) (fun _ _ -> -1.0) zero2 zero2 zero2 (Some(-)) [ box (-5.0, 5.0) (-5.0, 5.0) ]
      binary "multiply" [ "multiply" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Multiply(x, y) }
        (*) (fun _ y -> y) (fun x _ -> x) zero2 (fun _ _ -> 1.0) zero2 (Some(*)) [ box (-5.0, 5.0) (-5.0, 5.0) ]
      binary "divide" [ "divide" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Division(x, y) }
        (/) (fun _ y -> 1.0 / y) (fun x y -> -x / (y * y)) zero2 (fun _ y -> -1.0 / (y * y)) (fun x y -> 2.0 * x / (y * y * y))
        (Some(/)) [ box (-5.0, 5.0) (0.0, 5.0); box (-5.0, 5.0) (-5.0, 0.0) ]
      binary "pow" [ "pow" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Pow(x, y) }
        (fun x y -> Math.Pow(x, y)) (fun x y -> y * Math.Pow(x, y - 1.0)) (fun x y -> Math.Pow(x, y) * log x)
        (fun x y -> y * (y - 1.0) * Math.Pow(x, y - 2.0)) (fun x y -> Math.Pow(x, y - 1.0) * (1.0 + y * log x))
        (fun x y -> Math.Pow(x, y) * log x * log x)
        (Some(fun x y -> Complex.Exp(y * Complex.Log x))) [ box (0.0, 5.0) (-3.0, 3.0) ]
      binary "log (x, base y)" [ "log"; "divide" ]
        { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Log(x, y) }
        (fun x y -> log x / log y) (fun x y -> 1.0 / (x * log y)) (fun x y -> -log x / (y * log y * log y))
        (fun x y -> -1.0 / (x * x * log y)) (fun x y -> -1.0 / (x * y * log y * log y))
        (fun x y -> log x * (log y + 2.0) / (y * y * log y ** 3.0))
        (Some(fun x y -> Complex.Log x / Complex.Log y)) [ box (0.0, 10.0) (1.2, 10.0); box (0.0, 10.0) (0.05, 0.8) ]
      binary "hypot" [ "hypot" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Hypot(x, y) }
        (fun x y -> sqrt (x * x + y * y)) (fun x y -> x / sqrt (x * x + y * y)) (fun x y -> y / sqrt (x * x + y * y))
        (fun x y -> y * y / ((x * x + y * y) ** 1.5)) (fun x y -> -x * y / ((x * x + y * y) ** 1.5)) (fun x y -> x * x / ((x * x + y * y) ** 1.5))
        (Some(fun x y -> Complex.Sqrt(x * x + y * y))) [ box (0.0, 4.0) (-4.0, 4.0); box (-4.0, 0.0) (-4.0, 4.0) ]
      // atan2(y, x): the row's first argument is y, as in .NET.
      binary "atan2" [ "atan2" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(y: 'T, x: 'T) = 'T.Atan2(y, x) }
        (fun y x -> atan2 y x) (fun y x -> x / (x * x + y * y)) (fun y x -> -y / (x * x + y * y))
        (fun y x -> -2.0 * x * y / ((x * x + y * y) ** 2.0)) (fun y x -> (y * y - x * x) / ((x * x + y * y) ** 2.0))
        (fun y x -> 2.0 * x * y / ((x * x + y * y) ** 2.0))
        None [ box (0.0, 4.0) (-4.0, 4.0); box (-4.0, 0.0) (-4.0, 4.0); box (-4.0, 4.0) (0.0, 4.0) ]
      binary "atan2pi" [ "atan2" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(y: 'T, x: 'T) = 'T.Atan2Pi(y, x) }
        (fun y x -> atan2 y x / Math.PI) (fun y x -> x / (Math.PI * (x * x + y * y))) (fun y x -> -y / (Math.PI * (x * x + y * y)))
        (fun y x -> -2.0 * x * y / (Math.PI * (x * x + y * y) ** 2.0)) (fun y x -> (y * y - x * x) / (Math.PI * (x * x + y * y) ** 2.0))
        (fun y x -> 2.0 * x * y / (Math.PI * (x * x + y * y) ** 2.0))
        None [ box (0.0, 4.0) (-4.0, 4.0); box (-4.0, 0.0) (-4.0, 4.0) ]
      binary "max" [ "max" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Max(x, y) }
        max (fun x y -> if x > y then 1.0 else 0.0) (fun x y -> if x < y then 1.0 else 0.0) zero2 zero2 zero2
        None [ box (-3.0, 0.0) (0.0, 3.0); box (0.0, 3.0) (-3.0, 0.0) ]
      binary "min" [ "min" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Min(x, y) }
        min (fun x y -> if x < y then 1.0 else 0.0) (fun x y -> if x > y then 1.0 else 0.0) zero2 zero2 zero2
        None [ box (-3.0, 0.0) (0.0, 3.0); box (0.0, 3.0) (-3.0, 0.0) ]
      binary "clamp (x, y, y + 2)" []
        { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Clamp(x, y, 'T.op_Addition(y, Gm.C 2.0)) }
        (fun x y -> Math.Clamp(x, y, y + 2.0)) (fun x y -> if x > y && x < y + 2.0 then 1.0 else 0.0)
        (fun x y -> if x > y && x < y + 2.0 then 0.0 else 1.0) zero2 zero2 zero2
        None [ box (-4.0, -2.0) (-1.0, 0.0); box (0.0, 1.0) (-1.0, 0.0); box (2.0, 4.0) (-1.0, 0.0) ]
      binary "fused multiply-add (x·y + 1.5)" [ "multiply" ]
        { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.FusedMultiplyAdd(x, y, Gm.C 1.5) }
        (fun x y -> x * y + 1.5) (fun _ y -> y) (fun x _ -> x) zero2 (fun _ _ -> 1.0) zero2
        (Some(fun x y -> x * y + cplx 1.5)) [ box (-5.0, 5.0) (-5.0, 5.0) ]
      binary "copysign" [] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.CopySign(x, y) }
        (fun x y -> Math.CopySign(x, y)) (fun x y -> float (sign x * sign y)) zero2 zero2 zero2 zero2
        None [ box (0.0, 4.0) (0.0, 4.0); box (0.0, 4.0) (-4.0, 0.0); box (-4.0, 0.0) (0.0, 4.0); box (-4.0, 0.0) (-4.0, 0.0) ]
      binary "maxmagnitude" [ "maxmagnitude" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MaxMagnitude(x, y) }
        (fun x y -> Math.MaxMagnitude(x, y)) (fun x y -> if abs x > abs y then 1.0 else 0.0) (fun x y -> if abs x < abs y then 1.0 else 0.0)
        zero2 zero2 zero2 None [ box (2.0, 4.0) (-1.5, 1.5); box (-1.0, 1.0) (-4.0, -2.0) ]
      binary "minmagnitude" [ "minmagnitude" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MinMagnitude(x, y) }
        (fun x y -> Math.MinMagnitude(x, y)) (fun x y -> if abs x < abs y then 1.0 else 0.0) (fun x y -> if abs x > abs y then 1.0 else 0.0)
        zero2 zero2 zero2 None [ box (2.0, 4.0) (-1.5, 1.5); box (-1.0, 1.0) (-4.0, -2.0) ]
      binary "maxnumber" [ "max" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MaxNumber(x, y) }
        max (fun x y -> if x > y then 1.0 else 0.0) (fun x y -> if x < y then 1.0 else 0.0) zero2 zero2 zero2
        None [ box (-3.0, 0.0) (0.0, 3.0); box (0.0, 3.0) (-3.0, 0.0) ]
      binary "minnumber" [ "min" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MinNumber(x, y) }
        min (fun x y -> if x < y then 1.0 else 0.0) (fun x y -> if x > y then 1.0 else 0.0) zero2 zero2 zero2
        None [ box (-3.0, 0.0) (0.0, 3.0); box (0.0, 3.0) (-3.0, 0.0) ]
      binary "ieee754remainder" [ "ieee754remainder" ]
        { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Ieee754Remainder(x, y) }
        (fun x y -> Math.IEEERemainder(x, y)) (fun _ _ -> 1.0) (fun x y -> -Math.Round(x / y)) zero2 zero2 zero2
        None [ box (2.1, 2.3) (0.97, 1.03); box (0.0, 0.6) (1.5, 2.0) ]
      binary "modulus" [ "modulus" ] { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Modulus(x, y) }
        (fun x y -> x % y) (fun _ _ -> 1.0) (fun x y -> -Math.Truncate(x / y)) zero2 zero2 zero2
        None [ box (2.1, 2.9) (0.97, 1.03); box (-2.9, -2.1) (0.97, 1.03) ] ]

// ----- conventions at non-smooth and undefined points (docs/conventions.fsx) -----------------------

/// A documented convention for a function of one variable at one point: exact value, f′ and f″ (every mode must give
/// all three). NaN means "NaN"; infinities are exact.
type UnaryConvention =
    { Name: string
      F: IUnaryFunction
      X: float
      Value: float
      D1: float
      D2: float }

/// A documented convention for a function of two variables at one point: value, both partials and the three second
/// partials (∂xx, ∂xy, ∂yy).
type BinaryConvention =
    { Name: string
      F: IBinaryFunction
      X: float
      Y: float
      Value: float
      Dx: float
      Dy: float
      Dxx: float
      Dxy: float
      Dyy: float }

let private rowF (name: string) = (unaryRows |> List.find (fun r -> r.Name = name)).F
let private rowF2 (name: string) = (binaryRows |> List.find (fun r -> r.Name = name)).F
let private conv name f x value d1 d2 : UnaryConvention = { Name = name; F = f; X = x; Value = value; D1 = d1; D2 = d2 }
let private at name x value d1 d2 = conv $"{name} at {x}" (rowF name) x value d1 d2
let private conv2 name f x y value dx dy (dxx, dxy, dyy) : BinaryConvention =
    { Name = name; F = f; X = x; Y = y; Value = value; Dx = dx; Dy = dy; Dxx = dxx; Dxy = dxy; Dyy = dyy }
let private at2 name x y value dx dy second = conv2 $"{name} at ({x}, {y})" (rowF2 name) x y value dx dy second
let private flat = 0.0, 0.0, 0.0

/// Every documented unary convention (docs/conventions.fsx); each flavour must reproduce it exactly.
let unaryConventions: UnaryConvention list =
    [ at "abs" 0.0 0.0 0.0 0.0
      at "abs" -0.0 0.0 0.0 0.0
      at "floor" 2.0 2.0 0.0 0.0
      at "ceiling" -1.0 -1.0 0.0 0.0
      at "round" 0.5 0.0 0.0 0.0
      at "truncate" -3.0 -3.0 0.0 0.0
      // At the end of the domain: the one-sided limits from inside.
      at "sqrt" 0.0 0.0 infinity -infinity
      conv "rootn (n = 2) at 0" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.RootN(x, 2) }
        0.0 0.0 infinity -infinity
      at "log" 0.0 -infinity infinity -infinity
      at "log1p" -1.0 -infinity infinity -infinity
      at "asin" 1.0 (Math.PI / 2.0) infinity infinity
      at "acos" 1.0 0.0 -infinity -infinity
      at "atanh" 1.0 infinity infinity infinity
      // Inside the domain where f′ → +∞ from both sides but f″ → −∞ from the right and +∞ from the left: f″ NaN.
      at "cbrt" 0.0 0.0 infinity nan
      at "cbrt" -0.0 0.0 infinity nan
      at "rootn (n = 3)" 0.0 0.0 infinity nan
      // Outside the real domain: NaN value and derivatives.
      at "log" -1.0 nan nan nan
      at "log2" -1.0 nan nan nan
      at "log10" -1.0 nan nan nan
      at "log1p" -2.0 nan nan nan
      at "sqrt" -1.0 nan nan nan
      at "asin" 2.0 nan nan nan
      at "acos" -2.0 nan nan nan
      at "acosh" 0.5 nan nan nan
      at "atanh" 2.0 nan nan nan
      at "gamma" 0.0 nan nan nan
      at "gamma" -2.0 nan nan nan
      at "loggamma" -1.0 nan nan nan
      at "digamma" 0.0 nan nan nan
      conv "rootn (n = 2) at -4" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.RootN(x, 2) }
        -4.0 nan nan nan
      // Odd roots of negative numbers are real, as Double.RootN: (1/3)(-2/3)(-8)^(-5/3) = 1/144.
      at "rootn (n = 3)" -8.0 -2.0 (1.0 / 12.0) (1.0 / 144.0)
      // pow with a constant exponent.
      conv "x^0 at 0" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, 'T.Zero) }
        0.0 1.0 0.0 0.0
      conv "x^1 at 0" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, 'T.One) }
        0.0 0.0 1.0 0.0
      conv "x^2 at 0" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Pow(x, Gm.C 2.0) }
        0.0 0.0 0.0 2.0
      at "pow (integer exponent 3)" -2.0 -8.0 12.0 -12.0
      // NaN and infinities.
      at "sin" nan nan nan nan
      // Piecewise linear: f′ NaN at NaN, f″ the constant 0 (as for the other piecewise-linear and constant rules).
      at "abs" nan nan nan 0.0
      at "floor" nan nan 0.0 0.0
      at "exp" -infinity 0.0 0.0 0.0
      at "exp" infinity infinity infinity infinity
      // At ±∞ the derivatives are their limits (atan′ and atan″ → 0).
      at "atan" infinity (Math.PI / 2.0) 0.0 0.0
      at "atan" -infinity (-Math.PI / 2.0) 0.0 0.0
      at "tanh" 400.0 1.0 0.0 0.0
      at "tanh" -infinity -1.0 0.0 0.0
      at "sigmoid" -800.0 0.0 0.0 0.0
      at "sigmoid" infinity 1.0 0.0 0.0
      at "softplus" 800.0 800.0 1.0 0.0
      // 1/x at +0: IEEE value +inf, derivative the limit -inf, second derivative the limit from the right (+0), +inf.
      conv "1/x at 0" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.op_Division('T.One, x) }
        0.0 infinity -infinity infinity
      // (∞ + ε)·2: the zero tangent of the constant 2 meets the infinite partial x = ∞; d/dx 2x = 2.
      conv "2x at +inf" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.op_Multiply(x, Gm.C 2.0) }
        infinity infinity 2.0 0.0
      conv "x/2 at +inf" { new IUnaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.op_Division(x, Gm.C 2.0) }
        infinity infinity 0.5 0.0
      conv "clamp (x, -1, 1) at the lower bound" (rowF "clamp (x, -1, 1)") -1.0 -1.0 1.0 0.0
      conv "clamp (x, -1, 1) at the upper bound" (rowF "clamp (x, -1, 1)") 1.0 1.0 1.0 0.0 ]

/// Every documented binary convention.
let binaryConventions: BinaryConvention list =
    [ at2 "hypot" 0.0 0.0 0.0 0.0 0.0 flat
      at2 "atan2" 0.0 0.0 0.0 0.0 0.0 flat
      at2 "max" 1.0 1.0 1.0 0.5 0.5 flat
      at2 "min" -2.0 -2.0 -2.0 0.5 0.5 flat
      // A NaN argument: value and partials NaN; the second partials of these piecewise-linear functions stay 0.
      at2 "max" nan 1.0 nan nan nan flat
      at2 "min" 1.0 nan nan nan nan flat
      // MaxNumber/MinNumber prefer the number over NaN (IEEE 754 maxNum): value and derivative of the number.
      at2 "maxnumber" nan 1.0 1.0 0.0 1.0 flat
      at2 "minnumber" 1.0 nan 1.0 1.0 0.0 flat
      at2 "maxnumber" 1.0 1.0 1.0 0.5 0.5 flat
      // MaxMagnitude/MinMagnitude: the value is .NET's (at |x| = |y| the positive argument for max, the negative for
      // min); the derivative is the returned argument's, split half and half when x = y as for max and min.
      at2 "maxmagnitude" 2.0 -2.0 2.0 1.0 0.0 flat
      at2 "maxmagnitude" -2.0 2.0 2.0 0.0 1.0 flat
      at2 "maxmagnitude" 3.0 3.0 3.0 0.5 0.5 flat
      at2 "minmagnitude" 2.0 -2.0 -2.0 0.0 1.0 flat
      at2 "minmagnitude" -3.0 -3.0 -3.0 0.5 0.5 flat
      at2 "maxmagnitude" nan 1.0 nan nan nan flat
      at2 "minmagnitude" 1.0 nan nan nan nan flat
      // pow at base 0: ∂/∂y and the second partials in y use the limit from the right (xʸ·ln x → 0 for y > 0).
      at2 "pow" 0.0 2.0 0.0 0.0 0.0 (2.0, 0.0, 0.0)
      at2 "pow" 0.0 3.0 0.0 0.0 0.0 (0.0, 0.0, 0.0)
      at2 "pow" 0.0 0.0 1.0 0.0 0.0 (0.0, 0.0, 0.0)
      // pow at a negative base: real value and ∂x, ∂xx (integer y); everything that involves ln x is NaN.
      at2 "pow" -2.0 2.0 4.0 -4.0 nan (2.0, nan, nan)
      at2 "clamp (x, y, y + 2)" 1.0 1.0 1.0 1.0 0.0 flat
      at2 "clamp (x, y, y + 2)" 3.0 1.0 3.0 1.0 0.0 flat
      at2 "multiply" infinity 2.0 infinity 2.0 infinity (0.0, 1.0, 0.0)
      at2 "divide" 1.0 0.0 infinity infinity -infinity (0.0, -infinity, infinity)
      // √y + x at y = 0: the infinite partial in y must not poison d/dx.
      conv2 "sqrt(y) + x at (5, 0)"
        { new IBinaryFunction with member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.op_Addition('T.Sqrt y, x) }
        5.0 0.0 5.0 1.0 infinity (0.0, 0.0, -infinity) ]

// ----- relative accuracy where functions saturate and at huge or tiny arguments ---------------------

/// <summary>
/// A function of one variable at points where a careless formula loses relative accuracy (1 − tanh² at large
/// |x|, σ(1 − σ), fx + 1 for expm1, 1 − x² near ±1, x² + 1 overflowing): the reference (value, f′, f″) is computed
/// here from asymptotic series, exact rescaling or exactly representable intermediate values, never from Rules.fs.
/// Every flavour must match it to a relative tolerance, with no absolute floor.
/// </summary>
type UnaryAccuracy =
    { Name: string
      F: IUnaryFunction
      /// Points checked in double precision.
      Points: float list
      /// Points checked in float32 flavours (where the references are normal float32 numbers or underflow to 0).
      SinglePoints: float list
      /// (value, f′, f″) at a point.
      Reference: float -> float * float * float
      /// The relative tolerance in double (float32 flavours use 1e-5).
      Rtol: float }

/// A function of two variables at huge or tiny arguments (double only): reference value, ∂x, ∂y, ∂xx, ∂xy, ∂yy.
type BinaryAccuracy =
    { Name: string
      F: IBinaryFunction
      Points: (float * float) list
      Reference: float -> float -> float * float * float * float * float * float
      Rtol: float }

/// x² as an unevaluated sum p + err (Dekker's exact product, by Veltkamp splitting, without a fused multiply-add).
let private exactSquare (x: float) =
    let split = 134217729.0 * x
    let hi = split - (split - x)
    let lo = x - hi
    let p = x * x
    p, ((hi * hi - p) + 2.0 * hi * lo) + lo * lo

let private accuracy name f points singlePoints reference rtol : UnaryAccuracy =
    { Name = name; F = f; Points = points; SinglePoints = singlePoints; Reference = reference; Rtol = rtol }

/// 1 − 2⁻³⁰ and 1 − 2⁻¹² (float32): 1 − x and 1 + x are exact, so (1 − x)(1 + x) = 1 − x² is known exactly.
let private nearOne = 1.0 - Math.Pow(2.0, -30.0)
let private nearOneSingle = 1.0 - Math.Pow(2.0, -12.0)
let private oneMinusSquare (x: float) = (1.0 - x) * (1.0 + x)

/// Every accuracy row.
let unaryAccuracy: UnaryAccuracy list =
    [ accuracy "tanh" (rowF "tanh") [ 1e-6; 20.0; 40.0; 100.0; 300.0; -25.0 ] [ 1e-6; 20.0; 40.0; -25.0 ]
        (fun x ->
            if abs x < 1e-3 then x - x ** 3.0 / 3.0, 1.0 - x * x + 2.0 * x ** 4.0 / 3.0, -2.0 * x + 8.0 * x ** 3.0 / 3.0
            else
                // E = e^(−2|x|) < 1e-17: tanh = ±(1 − 2E), sech² = 4E(1 − 2E), tanh″ = ∓8E(1 − 4E) to double precision.
                let e = exp (-2.0 * abs x)
                let s = float (sign x)
                s * (1.0 - 2.0 * e), 4.0 * e * (1.0 - 2.0 * e), -8.0 * s * e * (1.0 - 4.0 * e))
        4e-14
      accuracy "sigmoid" (rowF "sigmoid") [ 1e-6; -1e-6; 40.0; 100.0; 700.0; -40.0; -100.0; -700.0 ] [ 1e-6; 40.0; 80.0; -40.0 ]
        (fun x ->
            if abs x < 1e-3 then 0.5 + x / 4.0 - x ** 3.0 / 48.0, 0.25 - x * x / 16.0, -x / 8.0 + x ** 3.0 / 24.0
            else
                // e = e^(−|x|) < 1e-17: σ, σ′ = e(1 − 2e), σ″ = ∓e(1 − 4e).
                let e = exp (-abs x)
                if x > 0.0 then 1.0 - e, e * (1.0 - 2.0 * e), -e * (1.0 - 4.0 * e)
                else e * (1.0 - e), e * (1.0 - 2.0 * e), e * (1.0 - 4.0 * e))
        4e-14
      accuracy "softplus" (rowF "softplus") [ 40.0; 100.0; 700.0; -40.0; -100.0 ] [ 40.0; -40.0 ]
        (fun x ->
            let e = exp (-abs x)
            if x > 0.0 then x + e, 1.0 - e, e * (1.0 - 2.0 * e) else e * (1.0 - 0.5 * e), e * (1.0 - e), e * (1.0 - 2.0 * e))
        4e-14
      // Near 0 the values (eˣ − 1 by its series; .NET's own ExpM1 is Exp(x) − 1, 8e-8 off at 1e-10), far below 0
      // the derivatives (eˣ, not (eˣ − 1) + 1).
      accuracy "expm1" (rowF "expm1") [ 1e-10; -3e-9; -40.0; -100.0; -700.0 ] [ 1e-6; -40.0; -80.0 ]
        (fun x -> (if abs x < 1e-3 then x + x * x / 2.0 + x ** 3.0 / 6.0 else -1.0 + exp x), exp x, exp x) 4e-14
      accuracy "exp2m1" (rowF "exp2m1") [ 1e-10; -60.0; -200.0; -1000.0 ] [ 1e-6; -60.0 ]
        (fun x ->
            let t = x * ln2
            (if abs x < 1e-3 then t + t * t / 2.0 + t ** 3.0 / 6.0 else -1.0 + Math.Pow(2.0, x)), ln2 * Math.Pow(2.0, x), ln2 * ln2 * Math.Pow(2.0, x))
        4e-14
      accuracy "exp10m1" (rowF "exp10m1") [ 1e-10; -20.0; -100.0; -300.0 ] [ 1e-6; -20.0 ]
        (fun x ->
            let t = x * ln10
            (if abs x < 1e-3 then t + t * t / 2.0 + t ** 3.0 / 6.0 else -1.0 + Math.Pow(10.0, x)), ln10 * Math.Pow(10.0, x), ln10 * ln10 * Math.Pow(10.0, x))
        4e-14
      // ln(1 + x) near 0 by its series (.NET's own LogP1 is Log(x + 1)).
      accuracy "log1p" (rowF "log1p") [ 1e-10; -2e-12 ] [ 1e-6 ]
        (fun x -> x - x * x / 2.0 + x ** 3.0 / 3.0, 1.0 / (1.0 + x), -1.0 / ((1.0 + x) * (1.0 + x))) 4e-14
      accuracy "log2p1" (rowF "log2p1") [ 1e-10 ] [ 1e-6 ]
        (fun x -> (x - x * x / 2.0 + x ** 3.0 / 3.0) / ln2, 1.0 / ((1.0 + x) * ln2), -1.0 / ((1.0 + x) * (1.0 + x) * ln2)) 4e-14
      accuracy "log10p1" (rowF "log10p1") [ 1e-10 ] [ 1e-6 ]
        (fun x -> (x - x * x / 2.0 + x ** 3.0 / 3.0) / ln10, 1.0 / ((1.0 + x) * ln10), -1.0 / ((1.0 + x) * (1.0 + x) * ln10)) 4e-14
      // x² is not exact at these points; e^(−x²) = e^(−p)·(1 − err) with the exact square p + err.
      accuracy "erf" (rowF "erf") [ 6.5; 10.1; 26.3; -26.3; 26.55 ] [ 6.5 ]
        (fun x ->
            let p, err = exactSquare x
            let d1 = twoOverSqrtPi * exp -p * (1.0 - err)
            float (sign x), d1, -2.0 * x * d1)
        1e-14
      accuracy "asin" (rowF "asin") [ nearOne; -nearOne ] [ nearOneSingle; -nearOneSingle ]
        (fun x -> Math.Asin x, 1.0 / sqrt (oneMinusSquare x), x / oneMinusSquare x ** 1.5) 4e-14
      accuracy "acos" (rowF "acos") [ nearOne; -nearOne ] [ nearOneSingle ]
        (fun x -> Math.Acos x, -1.0 / sqrt (oneMinusSquare x), -x / oneMinusSquare x ** 1.5) 4e-14
      accuracy "asinpi" (rowF "asinpi") [ nearOne ] [ nearOneSingle ]
        (fun x -> Math.Asin x / Math.PI, 1.0 / (Math.PI * sqrt (oneMinusSquare x)), x / (Math.PI * oneMinusSquare x ** 1.5)) 4e-14
      accuracy "acospi" (rowF "acospi") [ -nearOne ] [ -nearOneSingle ]
        (fun x -> Math.Acos x / Math.PI, -1.0 / (Math.PI * sqrt (oneMinusSquare x)), -x / (Math.PI * oneMinusSquare x ** 1.5)) 4e-14
      accuracy "atanh" (rowF "atanh") [ nearOne; -nearOne ] [ nearOneSingle ]
        (fun x -> Math.Atanh x, 1.0 / oneMinusSquare x, 2.0 * x / (oneMinusSquare x ** 2.0)) 4e-14
      // Large |x|: asinh x = ±ln(2|x|), f′ = 1/|x|, f″ = −1/(x·|x|) (corrections below 1e-200).
      accuracy "asinh" (rowF "asinh") [ 1e120; -1e120; 1e160 ] [ 1e30; -1e30 ]
        (fun x -> float (sign x) * log (2.0 * abs x), 1.0 / abs x, -1.0 / (x * abs x)) 4e-14
      // Near 1, x = 1 + δ: x² − 1 = δ(2 + δ) exactly; large x: ln(2x), 1/x, −1/x².
      accuracy "acosh" (rowF "acosh") [ 1.0 + Math.Pow(2.0, -30.0); 1e120; 1e160 ] [ 1.0 + Math.Pow(2.0, -12.0); 1e30 ]
        (fun x ->
            if x > 2.0 then log (2.0 * x), 1.0 / x, -1.0 / (x * x)
            else
                let d = x - 1.0
                let m = d * (2.0 + d)
                // ln(1 + t) for t = d + √m ≈ 4e-5 by its series (to t⁶ < 1e-26).
                let t = d + sqrt m
                t - t * t / 2.0 + t ** 3.0 / 3.0 - t ** 4.0 / 4.0 + t ** 5.0 / 5.0, 1.0 / sqrt m, -x / m ** 1.5)
        4e-14 ]

/// Partials of a function of two variables at (x, y), evaluated at (s·x, s·y) with s a power of 2 (exact scaling)
/// and scaled back: first partials by s, second by s² (the functions below are homogeneous of degree 0 or 1).
let private rescaled (degree: int) (s: float) (f: float -> float -> float * float * float * float * float * float) x y =
    let v, dx, dy, dxx, dxy, dyy = f (s * x) (s * y)
    let k = Math.Pow(s, float (1 - degree))
    v / Math.Pow(s, float degree), dx * k, dy * k, dxx * k * s, dxy * k * s, dyy * k * s

let binaryAccuracy: BinaryAccuracy list =
    [ { Name = "atan2"
        F = rowF2 "atan2"
        Points = [ 1e100, 3e100; -2e120, 1e120; 1e-170, 2e-170; 3e-160, -4e-160 ]
        // atan2(y, x) is homogeneous of degree 0; at the rescaled point r² is near 1.
        Reference =
          fun y x ->
              let s = Math.Pow(2.0, -float (Math.ILogB(abs x + abs y)))
              rescaled 0 s (fun y x ->
                  let r2 = x * x + y * y
                  atan2 y x, x / r2, -y / r2, -2.0 * x * y / (r2 * r2), (y * y - x * x) / (r2 * r2), 2.0 * x * y / (r2 * r2)) y x
        Rtol = 4e-14 }
      { Name = "hypot"
        F = rowF2 "hypot"
        Points = [ 3e110, 4e110; 3e-110, -4e-110; -1e200, 1e199 ]
        Reference =
          fun x y ->
              let s = Math.Pow(2.0, -float (Math.ILogB(abs x + abs y)))
              rescaled 1 s (fun x y ->
                  let h = sqrt (x * x + y * y)
                  h, x / h, y / h, y * y / (h * h * h), -x * y / (h * h * h), x * x / (h * h * h)) x y
        Rtol = 4e-14 }
      { Name = "divide"
        F = rowF2 "divide"
        Points = [ 1e300, 1e160; -3e250, 2e155; 1e-300, 1e-150 ]
        // x/y at (x, y) = (a·2^i, b·2^j): value a/b·2^(i−j), ∂x = 2^(−j)/b, ∂y = −a/b²·2^(i−2j), ∂xy = −2^(−2j)/b²,
        // ∂yy = 2a/b³·2^(i−3j), each power of 2 applied once (exact) after the small quotients are formed.
        Reference =
          fun x y ->
              let i, j = Math.ILogB x, Math.ILogB y
              let a, b = Math.ScaleB(x, -i), Math.ScaleB(y, -j)
              Math.ScaleB(a / b, i - j), Math.ScaleB(1.0 / b, -j), Math.ScaleB(-a / (b * b), i - 2 * j), 0.0,
              Math.ScaleB(-1.0 / (b * b), -2 * j), Math.ScaleB(2.0 * a / (b * b * b), i - 3 * j)
        Rtol = 4e-14 } ]
