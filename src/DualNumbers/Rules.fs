namespace Fluxion

open System
open System.Numerics
open System.Runtime.CompilerServices
open Fluxion.GenericOperators

// ---------------------------------------------------------------------------------------------
// The rule table. Every derivative formula in Fluxion is written in this file, once. Dual,
// HyperDual, the multi-tangent dual, the reverse tape and the GPU kernels all read it through the
// IUnaryRule / IBinaryRule interfaces, whose members are static abstract so that a use such as
// `Dual.Apply<SinRule>` is specialised and inlined by the JIT: the table costs nothing at run time.
//
// Conventions at non-smooth or undefined points (documented in docs/conventions.fsx, and tested in every mode by
// the convention rows of tests/DualNumbers.Tests/RuleTable.fs):
//   * abs'(0) = 0, sign'(x) = 0, floor/ceiling/round/truncate' = 0 (a subgradient of minimal norm);
//   * min/max (and MinMagnitude/MaxMagnitude at x = y) at a tie give each argument half of the derivative;
//   * at the end of a domain, derivatives are the one-sided limits: sqrt'(0) = +∞, sqrt''(0) = −∞, log'(0) = +∞;
//     an infinite partial times a zero tangent is zero (see Chain);
//   * where the one-sided limits of a derivative differ inside the domain it is NaN (cbrt''(0));
//   * outside a function's real domain the value is NaN and so are its derivatives;
//   * pow: ∂(xʸ)/∂y = 0 at x = 0 (the limit from the right) and NaN for x < 0 (so are the second partials in y);
//   * hypot and atan2 at (0, 0) have zero partials.
// Formulas keep their relative accuracy over the whole range (no 1 − tanh², σ(1 − σ), fx + 1 for expm1): the
// accuracy rows of the test table check them where a careless formula cancels, overflows or underflows.
// ---------------------------------------------------------------------------------------------

/// <summary>
/// A unary elementary function and its first two derivatives, written once. Implemented by the
/// zero-size structs in this file; every Fluxion number type reads them.
/// </summary>
type IUnaryRule =
    /// <summary>The function's name as users call it (for messages, documentation and the test table).</summary>
    static abstract Name: string
    /// <summary>Domain notes: where the function is defined and the conventions used at its edges.</summary>
    static abstract Notes: string
    /// <summary>The value f(x).</summary>
    static abstract Value<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T -> 'T
    /// <summary>The first derivative f′(x), given x and fx = f(x).</summary>
    static abstract Derivative<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T * fx: 'T -> 'T
    /// <summary>The second derivative f″(x), given x, fx = f(x) and dfx = f′(x).</summary>
    static abstract SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T * fx: 'T * dfx: 'T -> 'T

/// <summary>
/// A binary elementary function f(x, y), its two partial derivatives and its three second partials.
/// </summary>
type IBinaryRule =
    /// <summary>The function's name as users call it.</summary>
    static abstract Name: string
    /// <summary>Domain notes and conventions at the edges of the domain.</summary>
    static abstract Notes: string
    /// <summary>The value f(x, y).</summary>
    static abstract Value<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T * y: 'T -> 'T
    /// <summary>The partials (∂f/∂x, ∂f/∂y), given x, y and fxy = f(x, y).</summary>
    static abstract Partials<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T * y: 'T * fxy: 'T -> struct ('T * 'T)
    /// <summary>The second partials (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²), given x, y and fxy = f(x, y).</summary>
    static abstract SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>> :
        x: 'T * y: 'T * fxy: 'T -> struct ('T * 'T * 'T)

/// <summary>
/// An optional fast route for Taylor mode (<see cref="T:Fluxion.Jet`1"/>), implemented next to the rules whose
/// derivative satisfies a short recurrence (exp: f′ = f; log: x·f′ = 1; sin: (f′)′ = −f·x′ …). Without it, a jet
/// evaluates the rule's own <c>Derivative</c> on jets once per order, which is exact too but costs more, and grows
/// exponentially with the order where a derivative calls another rule that has no recurrence either.
/// </summary>
/// <remarks>
/// With x(t) = Σ xₖtᵏ, h(t) = f(x(t)) and d(t) = f′(x(t)), a jet computes h₀ = f(x₀), d₀ = f′(x₀) from
/// <c>Value</c> and <c>Derivative</c>, then alternately hₖ = (d·x′)ₖ₋₁/k and dₖ from this member. The recurrence
/// only supplies the coefficients k ≥ 1 of f′; d₀ always comes from the rule's <c>Derivative</c>, so the first
/// order (and the conventions at the ends of the domain, carried by d₀) is exactly what Dual computes.
/// </remarks>
type ITaylorRule =
    /// <summary>
    /// The k-th Taylor coefficient (k ≥ 1) of f′(x(t)), given the coefficients x₀…x_k of x(t), h₀…h_k of f(x(t))
    /// and d₀…d_{k−1} of f′(x(t)) (the arrays may be longer; only those entries are read).
    /// </summary>
    static abstract DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>> : x: 'T[] * h: 'T[] * d: 'T[] * k: int -> 'T

/// <summary>
/// The binary counterpart of <see cref="T:Fluxion.ITaylorRule"/>: a recurrence for the Taylor coefficients of a binary
/// rule's partials along (x(t), y(t)), so that a jet need not evaluate <c>Partials</c> on jets once per order.
/// </summary>
type ITaylorBinaryRule =
    /// <summary>
    /// The k-th Taylor coefficients (k ≥ 1) of ∂f/∂x and ∂f/∂y along (x(t), y(t)), given x₀…x_k, y₀…y_k,
    /// h₀…h_k of f(x(t), y(t)) and the partials' coefficients 0…k−1 (px, py).
    /// </summary>
    static abstract PartialCoefficients<'T when 'T :> IFloatingPointIeee754<'T>> :
        x: 'T[] * y: 'T[] * h: 'T[] * px: 'T[] * py: 'T[] * k: int -> struct ('T * 'T)

/// Small generic helpers shared by the rules.
module internal R =
    let inline c<'T when 'T :> IFloatingPointIeee754<'T>> (v: float) : 'T = 'T.CreateTruncating v
    let inline half<'T when 'T :> IFloatingPointIeee754<'T>> () : 'T = c 0.5
    let inline two<'T when 'T :> IFloatingPointIeee754<'T>> () : 'T = 'T.One + 'T.One
    let inline lt<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = 'T.op_LessThan(a, b)
    let inline gt<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = 'T.op_GreaterThan(a, b)
    let inline ge<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = 'T.op_GreaterThanOrEqual(a, b)
    let inline eq<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = 'T.op_Equality(a, b)
    /// NaN that depends on x: x·NaN. A plain 'T.NaN is a constant, whose derivative is 0 in reverse mode
    /// (Var over Var would report f″ = 0 outside the domain); x·NaN keeps every higher derivative NaN too.
    let inline nanAt<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = x * 'T.NaN
    /// NaN where x is below the domain's lower end, otherwise v (keeps derivatives NaN outside the domain).
    let inline below<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) (lower: 'T) (v: 'T) : 'T =
        if lt x lower then nanAt x else v
    /// Calls a rule's value from another rule (static abstract members are reached through a type variable).
    let inline valueOf<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = 'R.Value x
    /// Calls a rule's derivative from another rule.
    let inline derivativeOf<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) (fx: 'T) : 'T = 'R.Derivative(x, fx)
    /// Calls a rule's Taylor recurrence from another rule's.
    let inline taylorDerivativeOf<'R, 'T when 'R :> ITaylorRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) (h: 'T[]) (d: 'T[]) (k: int) : 'T =
        'R.DerivativeCoefficient(x, h, d, k)
    /// Calls a binary rule's partials from code that names the rule (Dual's operators, other rules).
    let inline partialsOf<'R, 'T when 'R :> IBinaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) (y: 'T) (z: 'T) =
        'R.Partials(x, y, z)
    /// Calls a binary rule's second partials from code that names the rule (HyperDual's operators).
    let inline secondPartialsOf<'R, 'T when 'R :> IBinaryRule and 'T :> IFloatingPointIeee754<'T>> (x: 'T) (y: 'T) (z: 'T) =
        'R.SecondPartials(x, y, z)
    /// <summary>
    /// σ′(x) = σ(x)·σ(−x) = e/(1 + e)² with e = e^(−x) for x ≥ 0 and eˣ below 0: relatively accurate over the whole
    /// range (σ·(1 − σ) cancels to exactly 0 from x ≈ 37 on, where σ′ is still 1e-16 and more). The branch negates
    /// x instead of taking |x|, so that nested duals differentiate a smooth formula on each side (|x| has the
    /// convention |·|′(0) = 0, which would make the third derivative at 0 wrong).
    /// </summary>
    /// Below |x| = 1 it is 1/(4·cosh²(x/2)) instead: differentiated again (nested duals, Var over Var), e/(1 + e)²
    /// gives e·(e − 1)/(1 + e)³, whose e − 1 cancels near 0, while the cosh form's derivative has sinh(x/2) there.
    let inline logisticDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T =
        if lt ('T.Abs x) 'T.One then
            let ch = 'T.Cosh(x * half ())
            c 0.25 / (ch * ch)
        else
            let e = 'T.Exp(if ge x 'T.Zero then -x else x)
            let d = 'T.One + e
            e / (d * d)
    /// <summary>
    /// atan′(x) = 1/(1 + x²), for |x| &gt; 1 written with r = 1/x as r²/(1 + r²): that is the limit 0 at ±∞ in every
    /// mode (differentiating 1/(1 + x²) again at ∞ meets ∞/∞) and does not overflow in x².
    /// </summary>
    let inline atanDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T =
        if gt ('T.Abs x) 'T.One then
            let r = 'T.One / x
            let r2 = r * r
            r2 / ('T.One + r2)
        else 'T.One / ('T.One + x * x)
    /// <summary>atan″(x) = −2x/(1 + x²)², for |x| &gt; 1 as −2r³/(1 + r²)² with r = 1/x (the limit 0 at ±∞).</summary>
    let inline atanSecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T =
        if gt ('T.Abs x) 'T.One then
            let r = 'T.One / x
            let s = 'T.One + r * r
            c (Operators.(~-) 2.0) * r * r * r / (s * s)
        else
            let s = 'T.One + x * x
            c (Operators.(~-) 2.0) * x / (s * s)
    /// <summary>
    /// 1 − x² as (1 − x)(1 + x), without the cancellation of 1 − x·x near ±1 (1 − x is exact there). At |x| = 1 itself,
    /// where both are exactly 0, it is 1 − x·x: differentiated in reverse mode (Var over Var) the product's zero factor
    /// would meet the infinite adjoint of the square root above it (0·∞), while x·x has the partial 2x.
    /// </summary>
    let inline oneMinusSquare<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T =
        if eq ('T.Abs x) 'T.One then 'T.One - x * x else ('T.One - x) * ('T.One + x)
    /// <summary>√(1 − x²) from <c>oneMinusSquare</c>.</summary>
    let inline sqrtOneMinusSquare<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = 'T.Sqrt(oneMinusSquare x)
    let inline logOf2<'T when 'T :> IFloatingPointIeee754<'T>> () : 'T = c 0.69314718055994530942
    let inline logOf10<'T when 'T :> IFloatingPointIeee754<'T>> () : 'T = c 2.30258509299404568402

/// The chain rule's product of a local partial and an incoming tangent or adjoint.
[<AbstractClass; Sealed>]
type Chain =
    /// <summary>
    /// partial × tangent, except that a zero tangent stays zero even where the partial is infinite or NaN
    /// (sqrt′(0) = ∞ must not turn an unrelated direction's 0 into NaN). Used by every mode.
    /// </summary>
    static member inline Scale<'T when 'T :> IFloatingPointIeee754<'T>>(partial: 'T, tangent: 'T) : 'T =
        if 'T.IsFinite partial || not ('T.IsZero tangent) then partial * tangent else 'T.Zero

    /// <summary>
    /// px·tx + py·ty (the tangent of a binary operation) with the zero-tangent convention of Scale. The plain
    /// expression is computed first and only a NaN result, which is rare, is recomputed term by term, so that
    /// arithmetic keeps its speed: (∞ + 1ε)·(2 + 0ε) has tangent 2 (not ∞·0 = NaN), and 1/(0 + 1ε) has tangent −∞.
    /// </summary>
    static member inline Combine<'T when 'T :> IFloatingPointIeee754<'T>>(px: 'T, tx: 'T, py: 'T, ty: 'T) : 'T =
        let t = px * tx + py * ty
        if 'T.IsNaN t then Chain.Scale(px, tx) + Chain.Scale(py, ty) else t

    /// <summary>
    /// <see cref="M:Fluxion.Chain.Scale``1(``0,``0)"/> applied lane by lane to a vector of tangents (the
    /// multi-tangent dual): partial × tangentᵢ, with zero lanes kept zero where the partial is infinite or NaN.
    /// </summary>
    static member inline ScaleLanes<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (partial: 'T, tangents: Vector<'T>) : Vector<'T> =
        if 'T.IsFinite partial then Vector.Multiply(tangents, partial)
        else Vector.ConditionalSelect(Vector.Equals(tangents, Vector<'T>.Zero), Vector<'T>.Zero, Vector.Multiply(tangents, partial))

    /// <summary>
    /// <see cref="M:Fluxion.Chain.Combine``1(``0,``0,``0,``0)"/> lane by lane: px·txᵢ + py·tyᵢ, recomputed term by term
    /// only when a lane is NaN. The term-by-term form is <see cref="M:Fluxion.Chain.ScaleLanes``1(``0,System.Numerics.Vector{``0})"/>
    /// without its branch: a lane of p·t is replaced by 0 exactly where t is 0 and p·t is NaN (p infinite or NaN).
    /// Branch-free and inline, so that no call sits in the caller's loop: the rare path as a call made the JIT keep
    /// every live vector in memory around it (all vector registers are caller-saved on x64 Linux and macOS).
    /// </summary>
    static member inline CombineLanes<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (px: 'T, tx: Vector<'T>, py: 'T, ty: Vector<'T>) : Vector<'T> =
        let mx = Vector.Multiply(tx, px)
        let my = Vector.Multiply(ty, py)
        let t = Vector.Add(mx, my)
        if Vector.EqualsAll(t, t) then t
        else
            let cleared (m: Vector<'T>) (tangent: Vector<'T>) =
                Vector.AndNot(m, Vector.AndNot(Vector.Equals(tangent, Vector<'T>.Zero), Vector.Equals(m, m)))
            Vector.Add(cleared mx tx, cleared my ty)

// ----- powers and roots -------------------------------------------------------------------------

/// <summary>√x. Domain x ≥ 0; √′(0) = +∞; NaN below 0.</summary>
[<Struct>]
type SqrtRule =
    interface IUnaryRule with
        static member Name = "sqrt"
        static member Notes = "x >= 0; derivative +inf at 0; NaN below 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sqrt x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = 'T.One / (R.two () * fx)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx / (R.two () * x)
    interface ITaylorRule with
        // f′ = 1/(2f): f·f′ = 1/2 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep h h[0] d k

/// <summary>∛x. Defined on all reals; ∛′(0) = +∞.</summary>
[<Struct>]
type CbrtRule =
    interface IUnaryRule with
        static member Name = "cbrt"
        static member Notes = "all reals; derivative +inf at 0, second derivative NaN at 0 (the one-sided limits differ)"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cbrt x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = 'T.One / (R.c 3.0 * fx * fx)
        // At 0, f″ → −∞ from the right and +∞ from the left: NaN (nested duals get NaN there too, from 0·∞).
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) =
            if 'T.IsZero x then R.nanAt x else R.c (Operators.(~-) 0.6666666666666666) * dfx / x
    interface ITaylorRule with
        // f′ = 1/(3f²): f²·f′ = 1/3 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], d: 'T[], k: int) =
            let q = Array.init (Operators.(+) k 1) (Series.square h)
            Series.reciprocalStep q q[0] d k

/// <summary>xᶜ for a constant exponent c. Written once for the integer and real exponent cases.</summary>
[<AbstractClass; Sealed>]
type PowerRule =
    /// <summary>The value xᶜ.</summary>
    static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, c: 'T) : 'T = 'T.Pow(x, c)

    /// <summary>c·xᶜ⁻¹; exactly 0 for c = 0 (also at x = 0), and 1 for c = 1.</summary>
    static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, c: 'T) : 'T =
        if 'T.IsZero c then 'T.Zero
        elif R.eq c 'T.One then 'T.One
        else c * 'T.Pow(x, c - 'T.One)

    /// <summary>c·(c−1)·xᶜ⁻²; exactly 0 for c = 0 and c = 1, and 2 for c = 2.</summary>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, c: 'T) : 'T =
        if 'T.IsZero c || R.eq c 'T.One then 'T.Zero
        elif R.eq c (R.two ()) then R.two ()
        else c * (c - 'T.One) * 'T.Pow(x, c - R.two ())

    /// <summary>
    /// Taylor mode's fast route (see <see cref="T:Fluxion.ITaylorRule"/>): the k-th coefficient (k ≥ 1) of
    /// f′(x(t)) = c·x(t)ᶜ⁻¹ from x·f′ = c·f, d_k = (c·h_k − Σ_{i=1}^{k} x_i·d_{k−i})/x₀. Needs x₀ ≠ 0; at 0 a jet
    /// evaluates <c>Derivative</c> on jets instead.
    /// </summary>
    static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], d: 'T[], k: int, c: 'T) : 'T =
        (c * h[k] - Series.sumProducts x d 1 k) / x[0]

/// <summary>
/// The n-th root x^(1/n) (n ≥ 1), real for negative x when n is odd (as <c>RootN</c> of double). Derivative
/// 1/(n·rootn(x)ⁿ⁻¹), written with the root rather than x^(1/n − 1) so that odd roots of negative numbers have
/// real derivatives; +∞ at 0 for n ≥ 2; NaN for negative x when n is even.
/// </summary>
[<AbstractClass; Sealed>]
type RootNRule =
    /// <summary>The value x^(1/n).</summary>
    static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, n: int) : 'T = 'T.RootN(x, n)

    /// <summary>1/(n·fxⁿ⁻¹) with fx = x^(1/n); exactly 1 for n = 1.</summary>
    static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(n: int, fx: 'T) : 'T =
        if n = 1 then 'T.One else 'T.One / ('T.CreateChecked n * 'T.Pow(fx, 'T.CreateChecked(Operators.(-) n 1)))

    /// <summary>
    /// (1 − n)·dfx/(n·x), with dfx the first derivative; exactly 0 for n = 1. At 0: −∞ for even n (the limit from
    /// inside the domain, as √), NaN for odd n (−∞ from the right, +∞ from the left, as ∛).
    /// </summary>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, n: int, dfx: 'T) : 'T =
        if n = 1 then 'T.Zero
        elif 'T.IsZero x && Operators.(%) n 2 = 1 then R.nanAt x
        else 'T.CreateChecked(Operators.(-) 1 n) * dfx / ('T.CreateChecked n * x)

    /// <summary>
    /// Taylor mode's fast route (see <see cref="T:Fluxion.ITaylorRule"/>): the k-th coefficient (k ≥ 1) of
    /// f′(x(t)) from n·x·f′ = f, d_k = (h_k/n − Σ_{i=1}^{k} x_i·d_{k−i})/x₀. Needs x₀ ≠ 0; at 0 a jet evaluates
    /// <c>Derivative</c> on jets instead.
    /// </summary>
    static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], d: 'T[], k: int, n: int) : 'T =
        (h[k] / 'T.CreateChecked n - Series.sumProducts x d 1 k) / x[0]

/// <summary>ψ⁽ⁿ⁾(x), whose derivative is ψ⁽ⁿ⁺¹⁾(x). Covers digamma (n = 0) and all higher orders.</summary>
[<AbstractClass; Sealed>]
type PolygammaRule =
    /// <summary>The value ψ⁽ⁿ⁾(x).</summary>
    static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(n: int, x: 'T) : 'T = Special.Polygamma(n, x)
    /// <summary>ψ⁽ⁿ⁺¹⁾(x).</summary>
    static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(n: int, x: 'T) : 'T = Special.Polygamma(Operators.(+) n 1, x)
    /// <summary>ψ⁽ⁿ⁺²⁾(x).</summary>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(n: int, x: 'T) : 'T = Special.Polygamma(Operators.(+) n 2, x)

// ----- exponentials and logarithms --------------------------------------------------------------

/// <summary>eˣ.</summary>
[<Struct>]
type ExpRule =
    interface IUnaryRule with
        static member Name = "exp"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = fx
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = fx
    interface ITaylorRule with
        // f′ = f.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            h[k]

/// <summary>2ˣ.</summary>
[<Struct>]
type Exp2Rule =
    interface IUnaryRule with
        static member Name = "exp2"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp2 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = R.logOf2 () * fx
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = R.logOf2 () * dfx
    interface ITaylorRule with
        // f′ = ln 2 · f.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            R.logOf2 () * h[k]

/// <summary>10ˣ.</summary>
[<Struct>]
type Exp10Rule =
    interface IUnaryRule with
        static member Name = "exp10"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Exp10 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = R.logOf10 () * fx
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = R.logOf10 () * dfx
    interface ITaylorRule with
        // f′ = ln 10 · f.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            R.logOf10 () * h[k]

/// <summary>eˣ − 1, accurate near 0.</summary>
[<Struct>]
type Expm1Rule =
    interface IUnaryRule with
        static member Name = "expm1"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.ExpM1 x
        // eˣ, not fx + 1: for x ≲ −37, fx rounds to −1 and fx + 1 to 0 although eˣ is still 1e-17 and more.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.Exp x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = dfx
    interface ITaylorRule with
        // f′ = eˣ = f + 1: the same coefficients from k = 1 on.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            h[k]

/// <summary>2ˣ − 1.</summary>
[<Struct>]
type Exp2m1Rule =
    interface IUnaryRule with
        static member Name = "exp2m1"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Exp2M1 x
        // ln 2 · 2ˣ, not ln 2 · (fx + 1), which cancels for very negative x (as expm1).
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.logOf2 () * 'T.Exp2 x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = R.logOf2 () * dfx
    interface ITaylorRule with
        // f′ = ln 2 · 2ˣ = ln 2 · (f + 1).
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            R.logOf2 () * h[k]

/// <summary>10ˣ − 1.</summary>
[<Struct>]
type Exp10m1Rule =
    interface IUnaryRule with
        static member Name = "exp10m1"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Exp10M1 x
        // ln 10 · 10ˣ, not ln 10 · (fx + 1), which cancels for very negative x (as expm1).
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.logOf10 () * 'T.Exp10 x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = R.logOf10 () * dfx
    interface ITaylorRule with
        // f′ = ln 10 · 10ˣ = ln 10 · (f + 1).
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            R.logOf10 () * h[k]

/// <summary>ln x. Domain x ≥ 0: ln 0 = −∞ with derivative +∞; NaN value and derivatives below 0.</summary>
[<Struct>]
type LogRule =
    interface IUnaryRule with
        static member Name = "log"
        static member Notes = "x >= 0; log 0 = -inf, derivative +inf at 0; NaN below 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x 'T.Zero ('T.One / x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = -dfx * dfx
    interface ITaylorRule with
        // x·f′ = 1 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x x[0] d k

/// <summary>log₂ x. Domain x ≥ 0, as for ln.</summary>
[<Struct>]
type Log2Rule =
    interface IUnaryRule with
        static member Name = "log2"
        static member Notes = "x >= 0; derivative +inf at 0; NaN below 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log2 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x 'T.Zero ('T.One / (x * R.logOf2 ()))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx / x
    interface ITaylorRule with
        // x·f′ = 1/ln 2 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x x[0] d k

/// <summary>log₁₀ x. Domain x ≥ 0, as for ln.</summary>
[<Struct>]
type Log10Rule =
    interface IUnaryRule with
        static member Name = "log10"
        static member Notes = "x >= 0; derivative +inf at 0; NaN below 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Log10 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x 'T.Zero ('T.One / (x * R.logOf10 ()))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx / x
    interface ITaylorRule with
        // x·f′ = 1/ln 10 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x x[0] d k

/// <summary>ln(1 + x), accurate near 0. Domain x ≥ −1.</summary>
[<Struct>]
type Log1pRule =
    interface IUnaryRule with
        static member Name = "log1p"
        static member Notes = "x >= -1; derivative +inf at -1; NaN below -1"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.LogP1 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x (-'T.One) ('T.One / (x + 'T.One))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, dfx: 'T) = -dfx * dfx
    interface ITaylorRule with
        // (1 + x)·f′ = 1 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x ('T.One + x[0]) d k

/// <summary>log₂(1 + x). Domain x ≥ −1.</summary>
[<Struct>]
type Log2p1Rule =
    interface IUnaryRule with
        static member Name = "log2p1"
        static member Notes = "x >= -1; NaN below -1"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Log2P1 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x (-'T.One) ('T.One / ((x + 'T.One) * R.logOf2 ()))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx / (x + 'T.One)
    interface ITaylorRule with
        // (1 + x)·f′ = 1/ln 2 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x ('T.One + x[0]) d k

/// <summary>log₁₀(1 + x). Domain x ≥ −1.</summary>
[<Struct>]
type Log10p1Rule =
    interface IUnaryRule with
        static member Name = "log10p1"
        static member Notes = "x >= -1; NaN below -1"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Log10P1 x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.below x (-'T.One) ('T.One / ((x + 'T.One) * R.logOf10 ()))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx / (x + 'T.One)
    interface ITaylorRule with
        // (1 + x)·f′ = 1/ln 10 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            Series.reciprocalStep x ('T.One + x[0]) d k

// ----- trigonometric ----------------------------------------------------------------------------

/// <summary>sin x.</summary>
[<Struct>]
type SinRule =
    interface IUnaryRule with
        static member Name = "sin"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sin x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.Cos x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = -fx
    interface ITaylorRule with
        // f′ = cos x, whose own derivative is −sin x · x′ = −f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            -(Series.flow h x k)
    /// <summary>
    /// (sin x, cos x), the value and the derivative, from one SinCos call: one argument reduction instead of two,
    /// about 1.3× the cost of sin alone where separate sin and cos cost 2×. Number types use it for sin; it gives
    /// the same values as <c>Value</c> and <c>Derivative</c> (checked by the rule tests).
    /// </summary>
    static member ValueAndDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : struct ('T * 'T) = 'T.SinCos x

/// <summary>cos x.</summary>
[<Struct>]
type CosRule =
    interface IUnaryRule with
        static member Name = "cos"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cos x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = -('T.Sin x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = -fx
    interface ITaylorRule with
        // f′ = −sin x, whose own derivative is −cos x · x′ = −f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            -(Series.flow h x k)
    /// <summary>(cos x, −sin x), the value and the derivative, from one SinCos call (see <c>SinRule.ValueAndDerivative</c>).</summary>
    static member ValueAndDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) : struct ('T * 'T) =
        let struct (s, c) = 'T.SinCos x
        struct (c, -s)

/// <summary>tan x. Poles at π/2 + kπ.</summary>
[<Struct>]
type TanRule =
    interface IUnaryRule with
        static member Name = "tan"
        static member Notes = "all reals except pi/2 + k*pi"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tan x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = 'T.One + fx * fx
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, dfx: 'T) = R.two () * fx * dfx
    interface ITaylorRule with
        // f′ = 1 + f².
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            Series.square h k

/// <summary>sin(πx), exact at integers.</summary>
[<Struct>]
type SinPiRule =
    interface IUnaryRule with
        static member Name = "sinpi"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.SinPi x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.Pi * 'T.CosPi x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = -('T.Pi * 'T.Pi) * fx
    interface ITaylorRule with
        // f′ = π cos πx, whose own derivative is −π² sin πx · x′ = −π²·f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            -('T.Pi * 'T.Pi) * Series.flow h x k

/// <summary>cos(πx), exact at half-integers.</summary>
[<Struct>]
type CosPiRule =
    interface IUnaryRule with
        static member Name = "cospi"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.CosPi x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = -('T.Pi * 'T.SinPi x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = -('T.Pi * 'T.Pi) * fx
    interface ITaylorRule with
        // f′ = −π sin πx, whose own derivative is −π² cos πx · x′ = −π²·f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            -('T.Pi * 'T.Pi) * Series.flow h x k

/// <summary>tan(πx). Poles at half-integers.</summary>
[<Struct>]
type TanPiRule =
    interface IUnaryRule with
        static member Name = "tanpi"
        static member Notes = "all reals except k + 1/2"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.TanPi x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T) = 'T.Pi * ('T.One + fx * fx)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, dfx: 'T) = R.two () * 'T.Pi * fx * dfx
    interface ITaylorRule with
        // f′ = π(1 + f²).
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            'T.Pi * Series.square h k

/// <summary>arcsin x. Domain [−1, 1]; derivative +∞ at ±1; NaN outside.</summary>
[<Struct>]
type AsinRule =
    interface IUnaryRule with
        static member Name = "asin"
        static member Notes = "-1 <= x <= 1; derivative +inf at +-1; NaN outside"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Asin x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.One / R.sqrtOneMinusSquare x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = x * dfx * dfx * dfx

/// <summary>arccos x. Domain [−1, 1]; derivative −∞ at ±1; NaN outside.</summary>
[<Struct>]
type AcosRule =
    interface IUnaryRule with
        static member Name = "acos"
        static member Notes = "-1 <= x <= 1; derivative -inf at +-1; NaN outside"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Acos x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = -'T.One / R.sqrtOneMinusSquare x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = x * dfx * dfx * dfx

/// <summary>arctan x.</summary>
[<Struct>]
type AtanRule =
    interface IUnaryRule with
        static member Name = "atan"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Atan x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.atanDerivative x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, _dfx: 'T) = R.atanSecondDerivative x
    interface ITaylorRule with
        // (1 + x²)·f′ = 1 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            let p = Array.init (Operators.(+) k 1) (Series.square x)
            Series.reciprocalStep p ('T.One + p[0]) d k

/// <summary>arcsin(x)/π. Domain [−1, 1].</summary>
[<Struct>]
type AsinPiRule =
    interface IUnaryRule with
        static member Name = "asinpi"
        static member Notes = "-1 <= x <= 1; NaN outside"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AsinPi x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.One / ('T.Pi * R.sqrtOneMinusSquare x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = x * dfx / R.oneMinusSquare x

/// <summary>arccos(x)/π. Domain [−1, 1].</summary>
[<Struct>]
type AcosPiRule =
    interface IUnaryRule with
        static member Name = "acospi"
        static member Notes = "-1 <= x <= 1; NaN outside"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AcosPi x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = -'T.One / ('T.Pi * R.sqrtOneMinusSquare x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = x * dfx / R.oneMinusSquare x

/// <summary>arctan(x)/π.</summary>
[<Struct>]
type AtanPiRule =
    interface IUnaryRule with
        static member Name = "atanpi"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.AtanPi x
        // atan′/π and atan″/π: the limits at ±∞ and the overflow-free form of AtanRule.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.atanDerivative x / 'T.Pi
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, _dfx: 'T) = R.atanSecondDerivative x / 'T.Pi
    interface ITaylorRule with
        // π(1 + x²)·f′ = 1 is constant.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], _h: 'T[], d: 'T[], k: int) =
            let p = Array.init (Operators.(+) k 1) (Series.square x)
            Series.reciprocalStep p ('T.One + p[0]) d k

// ----- hyperbolic -------------------------------------------------------------------------------

/// <summary>sinh x.</summary>
[<Struct>]
type SinhRule =
    interface IUnaryRule with
        static member Name = "sinh"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Sinh x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.Cosh x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = fx
    interface ITaylorRule with
        // f′ = cosh x, whose own derivative is sinh x · x′ = f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            Series.flow h x k

/// <summary>cosh x.</summary>
[<Struct>]
type CoshRule =
    interface IUnaryRule with
        static member Name = "cosh"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Cosh x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.Sinh x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, _dfx: 'T) = fx
    interface ITaylorRule with
        // f′ = sinh x, whose own derivative is cosh x · x′ = f·x′.
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], h: 'T[], _d: 'T[], k: int) =
            Series.flow h x k

/// <summary>tanh x.</summary>
[<Struct>]
type TanhRule =
    interface IUnaryRule with
        static member Name = "tanh"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Tanh x
        // sech²x = 4·σ′(2x), not 1 − tanh²x: that cancels to exactly 0 from |x| ≈ 19 on, where sech² is still 1e-16
        // and more; 4σ′(2x) keeps its relative accuracy until it underflows.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.c 4.0 * R.logisticDerivative (R.two () * x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, fx: 'T, dfx: 'T) = R.c (Operators.(~-) 2.0) * fx * dfx
    interface ITaylorRule with
        // f′ = 1 − f² for k ≥ 1 (d₀ is the rule's sech², which does not cancel).
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            -(Series.square h k)

/// <summary>arsinh x.</summary>
[<Struct>]
type AsinhRule =
    interface IUnaryRule with
        static member Name = "asinh"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Asinh x
        // 1/hypot(x, 1): √(x² + 1) overflows from |x| ≈ 1.3e154 on, where the derivative is still 1e-154.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = 'T.One / 'T.Hypot(x, 'T.One)
        // −(x·f′)·f′·f′: x·f′ is bounded, so the product does not underflow before −x/(x² + 1)^(3/2) does.
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -(x * dfx) * dfx * dfx

/// <summary>arcosh x. Domain x ≥ 1; derivative +∞ at 1; NaN below 1.</summary>
[<Struct>]
type AcoshRule =
    interface IUnaryRule with
        static member Name = "acosh"
        static member Notes = "x >= 1; derivative +inf at 1; NaN below 1"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Acosh x
        // 1/(√(x − 1)·√(x + 1)): no overflow for large x, and no cancellation near 1 (x − 1 is exact there).
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) =
            R.below x 'T.One ('T.One / ('T.Sqrt(x - 'T.One) * 'T.Sqrt(x + 'T.One)))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -(x * dfx) * dfx * dfx

/// <summary>artanh x. Domain (−1, 1); ±∞ at ±1 with derivative +∞; NaN outside.</summary>
[<Struct>]
type AtanhRule =
    interface IUnaryRule with
        static member Name = "atanh"
        static member Notes = "-1 <= x <= 1; derivative +inf at +-1; NaN outside"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Atanh x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) =
            if R.gt ('T.Abs x) 'T.One then R.nanAt x else 'T.One / R.oneMinusSquare x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = R.two () * x * dfx * dfx

// ----- piecewise ------------------------------------------------------------------------------

/// <summary>|x|. Convention: |·|′(0) = 0 (the minimal-norm subgradient, as in PyTorch).</summary>
[<Struct>]
type AbsRule =
    interface IUnaryRule with
        static member Name = "abs"
        static member Notes = "all reals; derivative sign(x), 0 at 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Abs x
        // NaN at NaN as a constant (not x itself, whose own derivative 1 nested duals would read as f″ = 1):
        // |x| is piecewise linear, so f″ is 0 everywhere, NaN input included, in every mode.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) =
            if R.gt x 'T.Zero then 'T.One
            elif R.lt x 'T.Zero then -'T.One
            elif 'T.IsNaN x then 'T.NaN
            else 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

/// <summary>sign(x) ∈ {−1, 0, 1} as a number; NaN for NaN. Derivative 0 everywhere (including 0).</summary>
[<Struct>]
type SignRule =
    interface IUnaryRule with
        static member Name = "sign"
        static member Notes = "all reals; derivative 0 everywhere, including at 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) =
            if R.gt x 'T.Zero then 'T.One
            elif R.lt x 'T.Zero then -'T.One
            elif 'T.IsNaN x then x
            else 'T.Zero
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T) = 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

/// <summary>⌊x⌋. Derivative 0 everywhere (including at the jumps).</summary>
[<Struct>]
type FloorRule =
    interface IUnaryRule with
        static member Name = "floor"
        static member Notes = "all reals; derivative 0 everywhere"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Floor x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T) = 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

/// <summary>⌈x⌉. Derivative 0 everywhere.</summary>
[<Struct>]
type CeilingRule =
    interface IUnaryRule with
        static member Name = "ceiling"
        static member Notes = "all reals; derivative 0 everywhere"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Ceiling x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T) = 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

/// <summary>Round to nearest, ties to even. Derivative 0 everywhere.</summary>
[<Struct>]
type RoundRule =
    interface IUnaryRule with
        static member Name = "round"
        static member Notes = "all reals; derivative 0 everywhere"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Round x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T) = 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

/// <summary>Round toward zero. Derivative 0 everywhere.</summary>
[<Struct>]
type TruncateRule =
    interface IUnaryRule with
        static member Name = "truncate"
        static member Notes = "all reals; derivative 0 everywhere"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Truncate x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T) = 'T.Zero
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _fx: 'T, _dfx: 'T) = 'T.Zero

// ----- activations ------------------------------------------------------------------------------

/// <summary>The logistic sigmoid 1/(1 + e⁻ˣ), evaluated without overflow for large |x|.</summary>
[<Struct>]
type SigmoidRule =
    interface IUnaryRule with
        static member Name = "sigmoid"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) =
            if R.ge x 'T.Zero then 'T.One / ('T.One + 'T.Exp(-x))
            else
                let e = 'T.Exp x
                e / ('T.One + e)
        // σ(x)·σ(−x) (R.logisticDerivative), not σ·(1 − σ), which cancels to 0 for large x.
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.logisticDerivative x
        // σ′·(1 − 2σ) = −σ′·tanh(x/2): 1 − 2σ cancels near 0, where σ″ ≈ −x/8 is small but not zero.
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = -dfx * 'T.Tanh(x * R.half ())
    interface ITaylorRule with
        // f′ = f − f² for k ≥ 1 (d₀ is the rule's σ(x)·σ(−x), which does not cancel).
        static member DerivativeCoefficient<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T[], h: 'T[], _d: 'T[], k: int) =
            h[k] - Series.square h k

/// <summary>softplus ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), without overflow. Its derivative is the sigmoid.</summary>
[<Struct>]
type SoftplusRule =
    interface IUnaryRule with
        static member Name = "softplus"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = 'T.Max(x, 'T.Zero) + Special.LogP1('T.Exp(-('T.Abs x)))
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = R.valueOf<SigmoidRule, 'T> x
        // σ′(x) from x, not σ·(1 − σ) (which cancels to 0 for large x).
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, _dfx: 'T) = R.logisticDerivative x

// ----- special functions ------------------------------------------------------------------------

/// <summary>The error function; derivative 2/√π·e^(−x²).</summary>
[<Struct>]
type ErfRule =
    interface IUnaryRule with
        static member Name = "erf"
        static member Notes = "all reals"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Erf x
        // e^(−x²) with x² split exactly into p + err (err by a fused multiply-add): e^(−p)·(1 − err). The rounding of
        // x·x alone would cost x²·ε of relative accuracy (1e-13 near x = 26, where the derivative is still 1e-294).
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) =
            let p = x * x
            let err = 'T.FusedMultiplyAdd(x, x, -p)
            R.c 1.1283791670955125739 * ('T.Exp(-p) * ('T.One - err))
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, dfx: 'T) = R.c (Operators.(~-) 2.0) * x * dfx

/// <summary>Γ(x); Γ′ = Γ·ψ, Γ″ = Γ·(ψ² + ψ′). NaN at the poles 0, −1, −2, ….</summary>
[<Struct>]
type GammaRule =
    interface IUnaryRule with
        static member Name = "gamma"
        static member Notes = "all reals except 0, -1, -2, ...; NaN at the poles"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.Gamma x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, fx: 'T) = fx * Special.Digamma x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, fx: 'T, _dfx: 'T) =
            let psi = Special.Digamma x
            fx * (psi * psi + Special.Polygamma(1, x))

/// <summary>ln |Γ(x)|; derivative ψ(x), second derivative ψ′(x).</summary>
[<Struct>]
type LogGammaRule =
    interface IUnaryRule with
        static member Name = "loggamma"
        static member Notes = "all reals except 0, -1, -2, ...; value ln|gamma(x)|"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = Special.LogGamma x
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = Special.Digamma x
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, _dfx: 'T) = Special.Polygamma(1, x)

/// <summary>ψ(x); derivative ψ′(x) (trigamma), second derivative ψ″(x).</summary>
[<Struct>]
type DigammaRule =
    interface IUnaryRule with
        static member Name = "digamma"
        static member Notes = "all reals except 0, -1, -2, ..."
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = PolygammaRule.Value(0, x)
        static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T) = PolygammaRule.Derivative(0, x)
        static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, _fx: 'T, _dfx: 'T) = PolygammaRule.SecondDerivative(0, x)

// ----- binary -----------------------------------------------------------------------------------

/// <summary>x·y.</summary>
[<Struct>]
type MultiplyRule =
    interface IBinaryRule with
        static member Name = "multiply"
        static member Notes = "all reals; the value has IEEE semantics (0 * inf = NaN); a zero tangent stays zero"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = x * y
        // * and / inline their partials (HyperDual's products run all five per operation; as calls, the three-part
        // struct result and the spill of every live register around the call cost more than the arithmetic).
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, _z: 'T) = struct (y, x)
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.One, 'T.Zero)

/// <summary>x/y. ∂/∂x = 1/y, ∂/∂y = −(x/y)/y; IEEE semantics at y = 0.</summary>
[<Struct>]
type DivideRule =
    interface IBinaryRule with
        static member Name = "divide"
        static member Notes = "y <> 0; IEEE values at y = 0 (d/dx of 1/x at 0 is -inf); a zero tangent stays zero"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = x / y
        // One division: ∂/∂y = −z·(1/y) reuses ∂/∂x (a division costs as much as several multiplies), except where
        // 1/y² is not a normal number (|y| beyond about 1e154 or below 1e-154 in double): there −z/y, because
        // differentiating −z·r again (nested duals, Var over Var) goes through r′ = −r², which would lose its digits.
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, y: 'T, z: 'T) =
            let r = 'T.One / y
            struct (r, (if 'T.IsNormal(r * r) then -z * r else -z / y))
        // With r = 1/y: −r² and 2·z·r·r, not 1/y²: y·y overflows for |y| ≳ 1.3e154 although 2x/y³ may be representable.
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, y: 'T, z: 'T) =
            let r = 'T.One / y
            struct ('T.Zero, -(r * r), R.two () * z * r * r)

/// <summary>
/// xʸ with both arguments variable. ∂/∂x = y·xʸ⁻¹ (0 for y = 0), ∂/∂y = xʸ·ln x, with the conventions
/// ∂/∂y = 0 at x = 0 (limit from the right) and NaN for x &lt; 0.
/// </summary>
[<Struct>]
type PowRule =
    interface IBinaryRule with
        static member Name = "pow"
        static member Notes = "x > 0 for d/dy; d/dy, d2/dy2 = 0 at x = 0 and NaN for x < 0 (d2/dxdy too); d/dx = y*x^(y-1), 0 for y = 0 at x = 0"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Pow(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, z: 'T) =
            // For x < 0, z·ln x is NaN through ln x; written as the product (not a NaN of x alone) so that it depends
            // on y as well, and its derivative in y (∂²/∂y², reverse over reverse, nested duals) is NaN too.
            let dy = if 'T.IsZero x then 'T.Zero else z * 'T.Log x
            // y·x^(y−1) as written, not PowerRule's exact 0 for y = 0 and 1 for y = 1: those constants are right as
            // values but lose the dependence on y that nested duals and Var over Var differentiate (∂²/∂x∂y at
            // y = 0 is 1/x, and at x = 0 it is x^(y−1) under the ln 0 = 0 convention, as SecondPartials says). Only
            // at x = y = 0 is the constant needed (0·0⁻¹ would be NaN).
            let dx = if 'T.IsZero x && 'T.IsZero y then 'T.Zero else y * 'T.Pow(x, y - 'T.One)
            struct (dx, dy)
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, z: 'T) =
            let logX = if 'T.IsZero x then 'T.Zero else 'T.Log x
            // At x = 0 (ln 0 taken as 0, see Notes) and y = 0 the mixed partial is 0; elsewhere x^(y−1)·(1 + y ln x),
            // which is 1/x at y = 0.
            let dxy = if 'T.IsZero x && 'T.IsZero y then 'T.Zero else 'T.Pow(x, y - 'T.One) * ('T.One + y * logX)
            struct (PowerRule.SecondDerivative(x, y), dxy, z * logX * logX)
    interface ITaylorBinaryRule with
        // For x₀ > 0 (Jet takes the generic route elsewhere): x·∂f/∂x = y·f, and ∂f/∂y = f·ln x with the series of
        // ln x from LogRule's own recurrence.
        static member PartialCoefficients<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], y: 'T[], h: 'T[], px: 'T[], _py: 'T[], k: int) =
            let dx = (Series.product y h k - Series.sumProducts x px 1 k) / x[0]
            let logX = Array.zeroCreate (Operators.(+) k 1)
            let dLog = Array.zeroCreate (Operators.(+) k 1)
            logX[0] <- R.valueOf<LogRule, 'T> x[0]
            dLog[0] <- R.derivativeOf<LogRule, 'T> x[0] logX[0]
            for j in 1 .. k do
                logX[j] <- Series.flow dLog x j
                dLog[j] <- R.taylorDerivativeOf<LogRule, 'T> x logX dLog j
            struct (dx, Series.product h logX k)

/// <summary>√(x² + y²), overflow-free. Partials x/h and y/h; convention: zero partials at (0, 0).</summary>
[<Struct>]
type HypotRule =
    interface IBinaryRule with
        static member Name = "hypot"
        static member Notes = "all reals; zero partials at (0, 0)"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Hypot(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, h: 'T) =
            if 'T.IsZero h then struct ('T.Zero, 'T.Zero) else struct (x / h, y / h)
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, h: 'T) =
            if 'T.IsZero h then struct ('T.Zero, 'T.Zero, 'T.Zero)
            else
                // With the unit vector (u, v) = (x, y)/h: v²/h, −uv/h, u²/h; h³ would overflow or underflow first.
                let u = x / h
                let v = y / h
                struct (v * v / h, -(u * v) / h, u * u / h)

/// <summary>atan2(y, x), the angle of the point (x, y); note the argument order (y first, as in .NET).
/// ∂/∂y = x/r², ∂/∂x = −y/r²; convention: zero partials at (0, 0).</summary>
[<Struct>]
type Atan2Rule =
    interface IBinaryRule with
        static member Name = "atan2"
        static member Notes = "all reals; arguments (y, x); zero partials at (0, 0)"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(y: 'T, x: 'T) = 'T.Atan2(y, x)
        // Written with r = hypot(x, y) and the unit vector (u, v) = (x, y)/r: x² + y² and r⁴ overflow or underflow
        // (to a wrong 0 or a wrong "(0, 0)") long before the partials x/r² and −y/r² do.
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(y: 'T, x: 'T, _z: 'T) =
            let r = 'T.Hypot(x, y)
            if 'T.IsZero r then struct ('T.Zero, 'T.Zero) else struct (x / r / r, -y / r / r)
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(y: 'T, x: 'T, _z: 'T) =
            let r = 'T.Hypot(x, y)
            if 'T.IsZero r then struct ('T.Zero, 'T.Zero, 'T.Zero)
            else
                let u = x / r
                let v = y / r
                let twoUV = R.two () * u * v
                struct (-twoUV / r / r, (v - u) * (v + u) / r / r, twoUV / r / r)

/// <summary>max(x, y). Convention: at a tie each argument gets half the derivative; NaN if either is NaN.</summary>
[<Struct>]
type MaxRule =
    interface IBinaryRule with
        static member Name = "max"
        static member Notes = "all reals; tie splits the derivative 1/2 : 1/2; NaN propagates"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Max(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, _z: 'T) =
            if R.gt x y then struct ('T.One, 'T.Zero)
            elif R.lt x y then struct ('T.Zero, 'T.One)
            elif R.eq x y then struct (R.half (), R.half ())
            else struct ('T.NaN, 'T.NaN)
        // Piecewise linear: 0, NaN arguments included (the NaN partials are constants, whose derivative is 0 in every mode).
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)

/// <summary>min(x, y). Convention: at a tie each argument gets half the derivative; NaN if either is NaN.</summary>
[<Struct>]
type MinRule =
    interface IBinaryRule with
        static member Name = "min"
        static member Notes = "all reals; tie splits the derivative 1/2 : 1/2; NaN propagates"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Min(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, _z: 'T) =
            if R.lt x y then struct ('T.One, 'T.Zero)
            elif R.gt x y then struct ('T.Zero, 'T.One)
            elif R.eq x y then struct (R.half (), R.half ())
            else struct ('T.NaN, 'T.NaN)
        // Piecewise linear: 0, NaN arguments included (the NaN partials are constants, whose derivative is 0 in every mode).
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)

/// <summary>
/// The argument of larger magnitude (.NET's MaxMagnitude: at |x| = |y| with x ≠ y, the positive one). The derivative
/// is the returned argument's; at a tie x = y each argument gets half (as <see cref="T:Fluxion.MaxRule"/>); NaN if
/// either is NaN.
/// </summary>
[<Struct>]
type MaxMagnitudeRule =
    interface IBinaryRule with
        static member Name = "maxmagnitude"
        static member Notes = "all reals; derivative of the returned argument (the positive one at |x| = |y|); x = y splits 1/2 : 1/2; NaN propagates"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MaxMagnitude(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, z: 'T) =
            if R.eq x y then struct (R.half (), R.half ())
            elif 'T.IsNaN z then struct ('T.NaN, 'T.NaN)
            elif R.eq z x then struct ('T.One, 'T.Zero)
            else struct ('T.Zero, 'T.One)
        // Piecewise linear: 0, NaN arguments included (the NaN partials are constants, whose derivative is 0 in every mode).
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)

/// <summary>
/// The argument of smaller magnitude (.NET's MinMagnitude: at |x| = |y| with x ≠ y, the negative one); derivative
/// conventions as <see cref="T:Fluxion.MaxMagnitudeRule"/>.
/// </summary>
[<Struct>]
type MinMagnitudeRule =
    interface IBinaryRule with
        static member Name = "minmagnitude"
        static member Notes = "all reals; derivative of the returned argument (the negative one at |x| = |y|); x = y splits 1/2 : 1/2; NaN propagates"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.MinMagnitude(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, z: 'T) =
            if R.eq x y then struct (R.half (), R.half ())
            elif 'T.IsNaN z then struct ('T.NaN, 'T.NaN)
            elif R.eq z x then struct ('T.One, 'T.Zero)
            else struct ('T.Zero, 'T.One)
        // Piecewise linear: 0, NaN arguments included (the NaN partials are constants, whose derivative is 0 in every mode).
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)

/// <summary>The IEEE remainder x − y·round(x/y): ∂/∂x = 1, ∂/∂y = −round(x/y).</summary>
[<Struct>]
type RemainderRule =
    interface IBinaryRule with
        static member Name = "ieee754remainder"
        static member Notes = "y <> 0; piecewise linear, jumps ignored"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = 'T.Ieee754Remainder(x, y)
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, _z: 'T) = struct ('T.One, -('T.Round(x / y)))
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)

/// <summary>The truncated remainder x % y = x − y·trunc(x/y): ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
[<Struct>]
type ModulusRule =
    interface IBinaryRule with
        static member Name = "modulus"
        static member Notes = "y <> 0; piecewise linear, jumps ignored"
        static member Value<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T) = x % y
        static member Partials<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, _z: 'T) = struct ('T.One, -('T.Truncate(x / y)))
        static member SecondPartials<'T when 'T :> IFloatingPointIeee754<'T>>(_x: 'T, _y: 'T, _z: 'T) = struct ('T.Zero, 'T.Zero, 'T.Zero)
