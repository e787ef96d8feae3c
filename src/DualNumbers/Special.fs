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
