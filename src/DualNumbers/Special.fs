namespace Fluxion

open System
open System.Numerics
open System.Reflection
open MathNet.Numerics

/// <summary>
/// Special functions (erf, gamma, log-gamma, digamma, polygamma) for any number type that Fluxion
/// differentiates. The standard generic-math interfaces do not include them, so Fluxion's own number
/// types implement this interface and <see cref="T:Fluxion.Special"/> dispatches to it.
/// </summary>
type ISpecialFunctions<'T> =
    /// <summary>The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.</summary>
    static abstract Erf: x: 'T -> 'T
    /// <summary>The gamma function Γ(x).</summary>
    static abstract Gamma: x: 'T -> 'T
    /// <summary>The natural logarithm of the absolute value of the gamma function, ln |Γ(x)|.</summary>
    static abstract LogGamma: x: 'T -> 'T
    /// <summary>The digamma function ψ(x) = Γ′(x)/Γ(x).</summary>
    static abstract Digamma: x: 'T -> 'T
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (n ≥ 0).</summary>
    static abstract Polygamma: n: int * x: 'T -> 'T

/// Reflection-free calls into ISpecialFunctions, turned into delegates once per type by SpecialTable.
[<AbstractClass; Sealed>]
type internal SpecialCall =
    static member Erf<'U when 'U :> ISpecialFunctions<'U>>(x: 'U) = 'U.Erf x
    static member Gamma<'U when 'U :> ISpecialFunctions<'U>>(x: 'U) = 'U.Gamma x
    static member LogGamma<'U when 'U :> ISpecialFunctions<'U>>(x: 'U) = 'U.LogGamma x
    static member Digamma<'U when 'U :> ISpecialFunctions<'U>>(x: 'U) = 'U.Digamma x
    static member Polygamma<'U when 'U :> ISpecialFunctions<'U>>(n: int, x: 'U) = 'U.Polygamma(n, x)

[<AbstractClass; Sealed>]
type internal SpecialTable<'T> private () =
    static let implements =
        typeof<'T>.GetInterfaces()
        |> Array.exists (fun i -> i.IsGenericType && i.GetGenericTypeDefinition() = typedefof<ISpecialFunctions<_>>)

    static let method name =
        if not implements then
            fun () ->
                raise (
                    NotSupportedException(
                        $"Special function '{name}' is not available for {typeof<'T>.Name}: the type must be double, float32 or implement ISpecialFunctions."
                    )
                )
        else
            fun () -> ()
        , (if implements then typeof<SpecialCall>.GetMethod(name, BindingFlags.Static ||| BindingFlags.Public ||| BindingFlags.NonPublic).MakeGenericMethod(typeof<'T>) else null)

    static let unary name =
        let check, (m: MethodInfo) = method name
        if isNull m then Func<'T, 'T>(fun _ -> check (); Unchecked.defaultof<'T>)
        else m.CreateDelegate<Func<'T, 'T>>()

    static let erf = unary "Erf"
    static let gamma = unary "Gamma"
    static let logGamma = unary "LogGamma"
    static let digamma = unary "Digamma"

    static let polygamma =
        let check, (m: MethodInfo) = method "Polygamma"
        if isNull m then Func<int, 'T, 'T>(fun _ _ -> check (); Unchecked.defaultof<'T>)
        else m.CreateDelegate<Func<int, 'T, 'T>>()

    static member Erf = erf
    static member Gamma = gamma
    static member LogGamma = logGamma
    static member Digamma = digamma
    static member Polygamma = polygamma

/// <summary>
/// Special functions evaluated on any Fluxion number type: double and float32 use MathNet.Numerics
/// (polygamma of order ≥ 1 uses Fluxion's own series); Dual, HyperDual and the other Fluxion numbers
/// differentiate through them with the rules in <see cref="T:Fluxion.Rules"/>.
/// </summary>
[<AbstractClass; Sealed>]
type Special =
    /// Polygamma of order n ≥ 1 for doubles: recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹ up to a large
    /// argument, then the asymptotic series with Bernoulli numbers B₂ … B₁₆.
    static member private PolygammaDouble(n: int, x: float) : float =
        if n = 0 then SpecialFunctions.DiGamma x
        elif Double.IsNaN x then nan
        elif x <= 0.0 && x = Math.Floor x then nan
        else
            let factorial (k: int) : float = SpecialFunctions.Factorial k
            let sign = if n % 2 = 1 then 1.0 else -1.0 // (−1)ⁿ⁺¹
            let nFact = factorial n
            let mutable acc = 0.0
            let mutable x = x
            let threshold = max 20.0 (float n + 15.0)
            while x < threshold do
                acc <- acc + sign * nFact / Math.Pow(x, float (n + 1))
                x <- x + 1.0
            let bernoulli = [| 1.0 / 6.0; -1.0 / 30.0; 1.0 / 42.0; -1.0 / 30.0; 5.0 / 66.0; -691.0 / 2730.0; 7.0 / 6.0; -3617.0 / 510.0 |]
            let mutable series = factorial (n - 1) / Math.Pow(x, float n) + nFact / (2.0 * Math.Pow(x, float (n + 1)))
            for k in 1 .. bernoulli.Length do
                series <- series + bernoulli[k - 1] * factorial (2 * k + n - 1) / (factorial (2 * k) * Math.Pow(x, float (2 * k + n)))
            acc + sign * series

    static member inline private ViaDouble<'T when 'T :> IFloatingPointIeee754<'T>>(f: float -> float, x: 'T) : 'T =
        if typeof<'T> = typeof<float> then unbox<'T> (box (f (unbox<float> (box x))))
        else unbox<'T> (box (float32 (f (float (unbox<float32> (box x))))))

    static member inline private IsIeee<'T>() = typeof<'T> = typeof<float> || typeof<'T> = typeof<float32>

    /// eˣ − 1 in double, accurate near 0 (Kahan: (u − 1)·x / ln u with u = eˣ cancels the rounding of u).
    /// .NET's Double.ExpM1 is Exp(x) − 1, whose relative error is 8e-8 at x = 1e-10. Internal, like the other double
    /// paths below, because the ILGPU backend maps the generic functions onto them in device code (which cannot test
    /// types at run time).
    static member internal ExpM1Double(x: float) : float =
        let u = Math.Exp x
        if u = 1.0 then x
        elif u - 1.0 = -1.0 then -1.0
        elif Double.IsPositiveInfinity u then u
        else (u - 1.0) * x / Math.Log u

    /// ln(1 + x) in double, accurate near 0 (Kahan: ln u · x / (u − 1) with u = 1 + x). .NET's Double.LogP1 is
    /// Log(x + 1).
    static member internal LogP1Double(x: float) : float =
        let u = 1.0 + x
        if u = 1.0 then x
        elif Double.IsPositiveInfinity u || u <= 0.0 then Math.Log u
        else Math.Log u * x / (u - 1.0)

    /// 2ˣ − 1 in double: ExpM1Double(x·ln 2) below |x| = 1, where 2ˣ − 1 would cancel.
    static member internal Exp2M1Double(x: float) : float =
        if abs x < 1.0 then Special.ExpM1Double(x * 0.69314718055994530942) else Math.Pow(2.0, x) - 1.0

    /// 10ˣ − 1 in double: ExpM1Double(x·ln 10) below |x| = 0.3, where 10ˣ − 1 would cancel.
    static member internal Exp10M1Double(x: float) : float =
        if abs x < 0.3 then Special.ExpM1Double(x * 2.30258509299404568402) else Math.Pow(10.0, x) - 1.0

    /// log₂(1 + x) in double.
    static member internal Log2P1Double(x: float) : float = Special.LogP1Double x / 0.69314718055994530942

    /// log₁₀(1 + x) in double.
    static member internal Log10P1Double(x: float) : float = Special.LogP1Double x / 2.30258509299404568402

    /// <summary>
    /// eˣ − 1, accurate to a few ulps near 0 for double and float32 (.NET's own ExpM1 is Exp(x) − 1); other types
    /// (Fluxion's number types) use their own ExpM1, which applies the rule table.
    /// </summary>
    static member ExpM1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.ExpM1Double, x) else 'T.ExpM1 x

    /// <summary>2ˣ − 1, accurate near 0 (as <see cref="M:Fluxion.Special.ExpM1``1(``0)"/>).</summary>
    static member Exp2M1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.Exp2M1Double, x) else 'T.Exp2M1 x

    /// <summary>10ˣ − 1, accurate near 0 (as <see cref="M:Fluxion.Special.ExpM1``1(``0)"/>).</summary>
    static member Exp10M1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.Exp10M1Double, x) else 'T.Exp10M1 x

    /// <summary>
    /// ln(1 + x), accurate to a few ulps near 0 for double and float32 (.NET's own LogP1 is Log(x + 1)); other types
    /// use their own LogP1, which applies the rule table.
    /// </summary>
    static member LogP1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.LogP1Double, x) else 'T.LogP1 x

    /// <summary>log₂(1 + x), accurate near 0 (as <see cref="M:Fluxion.Special.LogP1``1(``0)"/>).</summary>
    static member Log2P1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.Log2P1Double, x) else 'T.Log2P1 x

    /// <summary>log₁₀(1 + x), accurate near 0 (as <see cref="M:Fluxion.Special.LogP1``1(``0)"/>).</summary>
    static member Log10P1<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(Special.Log10P1Double, x) else 'T.Log10P1 x

    /// <summary>The error function erf(x).</summary>
    static member Erf<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then Special.ViaDouble(SpecialFunctions.Erf, x) else SpecialTable<'T>.Erf.Invoke x

    /// <summary>The gamma function Γ(x); NaN at the poles 0, −1, −2, ….</summary>
    static member Gamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then
            Special.ViaDouble((fun v -> if v <= 0.0 && v = Math.Floor v then nan else SpecialFunctions.Gamma v), x)
        else SpecialTable<'T>.Gamma.Invoke x

    /// <summary>ln |Γ(x)|; NaN at the poles 0, −1, −2, ….</summary>
    static member LogGamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then
            Special.ViaDouble(
                (fun v ->
                    if v <= 0.0 && v = Math.Floor v then nan
                    elif v > 0.0 then SpecialFunctions.GammaLn v
                    else Math.Log(Math.Abs(SpecialFunctions.Gamma v))),
                x
            )
        else SpecialTable<'T>.LogGamma.Invoke x

    /// <summary>The digamma function ψ(x); NaN at the poles 0, −1, −2, ….</summary>
    static member Digamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : 'T =
        if Special.IsIeee<'T>() then
            Special.ViaDouble((fun v -> if v <= 0.0 && v = Math.Floor v then nan else SpecialFunctions.DiGamma v), x)
        else SpecialTable<'T>.Digamma.Invoke x

    /// <summary>
    /// The polygamma function ψ⁽ⁿ⁾(x) for n ≥ 0 (n = 0 is the digamma function); NaN at the poles.
    /// For negative x the recurrence costs O(|x|) steps.
    /// </summary>
    static member Polygamma<'T when 'T :> IFloatingPointIeee754<'T>>(n: int, x: 'T) : 'T =
        if n < 0 then raise (ArgumentOutOfRangeException(nameof n, n, "The polygamma order must be 0 or more."))
        if n = 0 then Special.Digamma x
        elif Special.IsIeee<'T>() then Special.ViaDouble((fun v -> Special.PolygammaDouble(n, v)), x)
        else SpecialTable<'T>.Polygamma.Invoke(n, x)
