namespace Fluxion

open System
open System.Globalization
open System.Numerics
open System.Runtime.CompilerServices
// GenericOperators pins + - * / to 'T; HyperDual-level arithmetic in this file calls the op_ members by name
// (see Dual.fs for why).
open Fluxion.GenericOperators

/// <summary>
/// A hyper-dual number a + b·ε₁ + c·ε₂ + d·ε₁ε₂ with ε₁² = ε₂² = 0 and ε₁ε₂ ≠ 0. Evaluating f on
/// HyperDual(x, u, v, 0) gives f(x), the directional derivatives f′(x)·u and f′(x)·v, and in the ε₁ε₂ part
/// the exact second derivative uᵀ·f″(x)·v, mixed partials included, in one pass and without truncation error.
/// </summary>
/// <remarks>
/// <para>Each elementary function is applied from the rule table with its first and second derivative:
/// for f(x), the ε₁ε₂ part is f′(x)·d + f″(x)·b·c (<see cref="T:Fluxion.IUnaryRule"/>); binary functions use
/// the partials and second partials of <see cref="T:Fluxion.IBinaryRule"/>.</para>
/// <para>Like <see cref="T:Fluxion.Dual`1"/>, it implements the .NET generic-math interfaces up to
/// <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>, so generic-math code runs on it unchanged.
/// Comparisons, equality and hashing use the primal value only.</para>
/// </remarks>
[<Struct; CustomEquality; CustomComparison>]
type HyperDual<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// <summary>The primal (ordinary) value a.</summary>
    val Primal: 'T
    /// <summary>The ε₁ part b: the derivative along the first seeded direction.</summary>
    val E1: 'T
    /// <summary>The ε₂ part c: the derivative along the second seeded direction.</summary>
    val E2: 'T
    /// <summary>The ε₁ε₂ part d: the second derivative along both seeded directions.</summary>
    val E12: 'T

    /// <summary>Creates a hyper-dual number from its four parts a + b·ε₁ + c·ε₂ + d·ε₁ε₂.</summary>
    new(primal: 'T, e1: 'T, e2: 'T, e12: 'T) = { Primal = primal; E1 = e1; E2 = e2; E12 = e12 }

    /// <summary>A constant: the given value with zero ε parts.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Constant(value: 'T) = HyperDual<'T>(value, 'T.Zero, 'T.Zero, 'T.Zero)

    /// <summary>
    /// A variable seeded in both directions (ε₁ and ε₂ parts 1): f of it carries f′ in E1 and E2 and f″ in E12.
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Variable(value: 'T) = HyperDual<'T>(value, 'T.One, 'T.One, 'T.Zero)

    // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
    /// <summary>The constant 0 (F#'s <c>LanguagePrimitives.GenericZero</c> reads it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Zero = HyperDual<'T>.Constant 'T.Zero

    /// <summary>The constant 1 (F#'s <c>LanguagePrimitives.GenericOne</c> and <c>pown</c> read it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member One = HyperDual<'T>.Constant 'T.One
#warnon 842

    /// <summary>Converts a plain value to a constant hyper-dual number.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Implicit(value: 'T) : HyperDual<'T> = HyperDual<'T>.Constant value

    // ----- the rule table, applied -----------------------------------------------------------

    /// <summary>
    /// Applies a scalar function given its value fx, first derivative d1 and second derivative d2 at x's primal:
    /// ε parts f′·b and f′·c, ε₁ε₂ part f′·d + f″·b·c (each product through <see cref="M:Fluxion.Chain.Scale``1(``0,``0)"/>).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Lift(x: HyperDual<'T>, fx: 'T, d1: 'T, d2: 'T) : HyperDual<'T> =
        HyperDual<'T>(fx, Chain.Scale(d1, x.E1), Chain.Scale(d1, x.E2), Chain.Scale(d1, x.E12) + Chain.Scale(d2, x.E1 * x.E2))

    /// <summary>Applies a unary rule from the table (value, <c>Derivative</c> and <c>SecondDerivative</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IUnaryRule>(x: HyperDual<'T>) : HyperDual<'T> =
        let fx = 'R.Value x.Primal
        let d1 = 'R.Derivative(x.Primal, fx)
        HyperDual<'T>.Lift(x, fx, d1, 'R.SecondDerivative(x.Primal, fx, d1))

    /// <summary>
    /// Applies a binary rule from the table: ε parts ∂f/∂x·ẋ + ∂f/∂y·ẏ, ε₁ε₂ part from the partials and the
    /// second partials (<c>Partials</c>, <c>SecondPartials</c>).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IBinaryRule>(x: HyperDual<'T>, y: HyperDual<'T>) : HyperDual<'T> =
        let z = 'R.Value(x.Primal, y.Primal)
        let struct (px, py) = 'R.Partials(x.Primal, y.Primal, z)
        let struct (pxx, pxy, pyy) = 'R.SecondPartials(x.Primal, y.Primal, z)
        HyperDual<'T>(
            z,
            Chain.Scale(px, x.E1) + Chain.Scale(py, y.E1),
            Chain.Scale(px, x.E2) + Chain.Scale(py, y.E2),
            Chain.Scale(px, x.E12) + Chain.Scale(py, y.E12) + Chain.Scale(pxx, x.E1 * x.E2)
            + Chain.Scale(pxy, x.E1 * y.E2 + y.E1 * x.E2) + Chain.Scale(pyy, y.E1 * y.E2)
        )

    /// The same combination for * and /, with Chain.Combine's convention (zero tangents kept zero) as Dual's * and /
    /// use, tested once for the three first-order combinations: their sum is NaN whenever one of them is (and
    /// sometimes when none is, ∞ − ∞, where recomputing term by term gives the same values), so one test and one
    /// branch per operation instead of three.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private Combine(x: HyperDual<'T>, y: HyperDual<'T>, z: 'T, partials: struct ('T * 'T), second: struct ('T * 'T * 'T)) =
        let struct (px, py) = partials
        let struct (pxx, pxy, pyy) = second
        let mutable e1 = px * x.E1 + py * y.E1
        let mutable e2 = px * x.E2 + py * y.E2
        let mutable e12 = px * x.E12 + py * y.E12
        if 'T.IsNaN(e1 + e2 + e12) then
            e1 <- Chain.Scale(px, x.E1) + Chain.Scale(py, y.E1)
            e2 <- Chain.Scale(px, x.E2) + Chain.Scale(py, y.E2)
            e12 <- Chain.Scale(px, x.E12) + Chain.Scale(py, y.E12)
        HyperDual<'T>(
            z, e1, e2,
            e12 + Chain.Scale(pxx, x.E1 * x.E2) + Chain.Scale(pxy, x.E1 * y.E2 + y.E1 * x.E2) + Chain.Scale(pyy, y.E1 * y.E2)
        )

    // ----- arithmetic ------------------------------------------------------------------------

    /// <summary>Addition (linear: all ε parts add).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>(x.Primal + y.Primal, x.E1 + y.E1, x.E2 + y.E2, x.E12 + y.E12)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: HyperDual<'T>, c: 'T) = HyperDual<'T>(x.Primal + c, x.E1, x.E2, x.E12)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(c: 'T, x: HyperDual<'T>) = HyperDual<'T>(c + x.Primal, x.E1, x.E2, x.E12)
    /// <summary>Subtraction (linear: all ε parts subtract).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>(x.Primal - y.Primal, x.E1 - y.E1, x.E2 - y.E2, x.E12 - y.E12)
    /// <summary>Subtracts a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: HyperDual<'T>, c: 'T) = HyperDual<'T>(x.Primal - c, x.E1, x.E2, x.E12)
    /// <summary>Subtracts from a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(c: 'T, x: HyperDual<'T>) = HyperDual<'T>(c - x.Primal, -x.E1, -x.E2, -x.E12)
    /// <summary>Multiplication (rule <see cref="T:Fluxion.MultiplyRule"/>; a zero part stays zero, see <see cref="T:Fluxion.Chain"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: HyperDual<'T>, y: HyperDual<'T>) =
        HyperDual<'T>.Combine(
            x, y, x.Primal * y.Primal,
            R.partialsOf<MultiplyRule, 'T> x.Primal y.Primal 'T.Zero,
            R.secondPartialsOf<MultiplyRule, 'T> x.Primal y.Primal 'T.Zero)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: HyperDual<'T>, c: 'T) = HyperDual<'T>.Lift(x, x.Primal * c, c, 'T.Zero)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(c: 'T, x: HyperDual<'T>) = HyperDual<'T>.Lift(x, c * x.Primal, c, 'T.Zero)
    /// <summary>Division (rule <see cref="T:Fluxion.DivideRule"/>; IEEE values at a zero divisor, a zero part stays zero).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: HyperDual<'T>, y: HyperDual<'T>) =
        let z = x.Primal / y.Primal
        HyperDual<'T>.Combine(
            x, y, z,
            R.partialsOf<DivideRule, 'T> x.Primal y.Primal z,
            R.secondPartialsOf<DivideRule, 'T> x.Primal y.Primal z)
    /// <summary>Divides by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: HyperDual<'T>, c: 'T) = HyperDual<'T>.op_Division(x, HyperDual<'T>.Constant c)
    /// <summary>Divides a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(c: 'T, x: HyperDual<'T>) = HyperDual<'T>.op_Division(HyperDual<'T>.Constant c, x)
    /// <summary>Truncated remainder (rule <see cref="T:Fluxion.ModulusRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (%)(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<ModulusRule>(x, y)
    /// <summary>Negation.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~-)(x: HyperDual<'T>) = HyperDual<'T>(-x.Primal, -x.E1, -x.E2, -x.E12)
    /// <summary>Unary plus (identity).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~+)(x: HyperDual<'T>) = x
    /// <summary>Raises to a hyper-dual power, xʸ (rule <see cref="T:Fluxion.PowRule"/>); F#'s <c>**</c>.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<PowRule>(x, y)
    /// <summary>Raises to a constant power xᶜ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: HyperDual<'T>, c: 'T) =
        HyperDual<'T>.Lift(x, PowerRule.Value(x.Primal, c), PowerRule.Derivative(x.Primal, c), PowerRule.SecondDerivative(x.Primal, c))
    /// <summary>Raises to an integer power xⁿ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: HyperDual<'T>, n: int) = HyperDual<'T>.Pow(x, 'T.CreateChecked n)

    // ----- integer operands: F#'s `2 * x` and `x / 2` without a `.0`; C#'s int arguments pick these too. The integer
    // becomes a constant 'T by 'T.CreateChecked (exact for |n| ≤ 2⁵³ in float64, 2²⁴ in float32), so each result
    // is the one the 'T-constant overload gives for that constant.

    /// <summary>Adds an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: HyperDual<'T>, n: int) = HyperDual<'T>.op_Addition(x, 'T.CreateChecked n)
    /// <summary>Adds to an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(n: int, x: HyperDual<'T>) = HyperDual<'T>.op_Addition('T.CreateChecked n, x)
    /// <summary>Subtracts an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: HyperDual<'T>, n: int) = HyperDual<'T>.op_Subtraction(x, 'T.CreateChecked n)
    /// <summary>Subtracts from an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(n: int, x: HyperDual<'T>) = HyperDual<'T>.op_Subtraction('T.CreateChecked n, x)
    /// <summary>Multiplies by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: HyperDual<'T>, n: int) = HyperDual<'T>.op_Multiply(x, 'T.CreateChecked n)
    /// <summary>Multiplies an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(n: int, x: HyperDual<'T>) = HyperDual<'T>.op_Multiply('T.CreateChecked n, x)
    /// <summary>Divides by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: HyperDual<'T>, n: int) = HyperDual<'T>.op_Division(x, 'T.CreateChecked n)
    /// <summary>Divides an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(n: int, x: HyperDual<'T>) = HyperDual<'T>.op_Division('T.CreateChecked n, x)

    // ----- comparisons by primal ------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Equality(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_Equality(x.Primal, y.Primal)
    /// <summary>Inequality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Inequality(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_Inequality(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThan(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_LessThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThanOrEqual(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_LessThanOrEqual(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThan(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_GreaterThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThanOrEqual(x: HyperDual<'T>, y: HyperDual<'T>) = 'T.op_GreaterThanOrEqual(x.Primal, y.Primal)

    // ----- elementary functions (each one rule from the table) -------------------------------

    /// <summary>|x|; derivative 0 at 0 (see <see cref="T:Fluxion.AbsRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Abs(x: HyperDual<'T>) = HyperDual<'T>.Apply<AbsRule> x
    /// <summary>√x (see <see cref="T:Fluxion.SqrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sqrt(x: HyperDual<'T>) = HyperDual<'T>.Apply<SqrtRule> x
    /// <summary>∛x (see <see cref="T:Fluxion.CbrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cbrt(x: HyperDual<'T>) = HyperDual<'T>.Apply<CbrtRule> x
    /// <summary>eˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp(x: HyperDual<'T>) = HyperDual<'T>.Apply<ExpRule> x
    /// <summary>2ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2(x: HyperDual<'T>) = HyperDual<'T>.Apply<Exp2Rule> x
    /// <summary>10ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10(x: HyperDual<'T>) = HyperDual<'T>.Apply<Exp10Rule> x
    /// <summary>eˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ExpM1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Expm1Rule> x
    /// <summary>2ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2M1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Exp2m1Rule> x
    /// <summary>10ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10M1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Exp10m1Rule> x
    /// <summary>ln x (see <see cref="T:Fluxion.LogRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: HyperDual<'T>) = HyperDual<'T>.Apply<LogRule> x
    /// <summary>Logarithm to a given base, ln x / ln b.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: HyperDual<'T>, newBase: HyperDual<'T>) = HyperDual<'T>.op_Division(HyperDual<'T>.Log x, HyperDual<'T>.Log newBase)
    /// <summary>log₂ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2(x: HyperDual<'T>) = HyperDual<'T>.Apply<Log2Rule> x
    /// <summary>log₁₀ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10(x: HyperDual<'T>) = HyperDual<'T>.Apply<Log10Rule> x
    /// <summary>ln(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogP1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Log1pRule> x
    /// <summary>log₂(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2P1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Log2p1Rule> x
    /// <summary>log₁₀(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10P1(x: HyperDual<'T>) = HyperDual<'T>.Apply<Log10p1Rule> x
    /// <summary>sin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sin(x: HyperDual<'T>) = HyperDual<'T>.Apply<SinRule> x
    /// <summary>cos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cos(x: HyperDual<'T>) = HyperDual<'T>.Apply<CosRule> x
    /// <summary>tan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tan(x: HyperDual<'T>) = HyperDual<'T>.Apply<TanRule> x
    /// <summary>sin(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member SinPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<SinPiRule> x
    /// <summary>cos(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CosPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<CosPiRule> x
    /// <summary>tan(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member TanPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<TanPiRule> x
    /// <summary>arcsin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asin(x: HyperDual<'T>) = HyperDual<'T>.Apply<AsinRule> x
    /// <summary>arccos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acos(x: HyperDual<'T>) = HyperDual<'T>.Apply<AcosRule> x
    /// <summary>arctan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan(x: HyperDual<'T>) = HyperDual<'T>.Apply<AtanRule> x
    /// <summary>arcsin(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AsinPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<AsinPiRule> x
    /// <summary>arccos(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AcosPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<AcosPiRule> x
    /// <summary>arctan(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AtanPi(x: HyperDual<'T>) = HyperDual<'T>.Apply<AtanPiRule> x
    /// <summary>atan2(y, x) (see <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2(y: HyperDual<'T>, x: HyperDual<'T>) = HyperDual<'T>.Apply<Atan2Rule>(y, x)
    /// <summary>atan2(y, x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2Pi(y: HyperDual<'T>, x: HyperDual<'T>) = HyperDual<'T>.op_Division(HyperDual<'T>.Atan2(y, x), 'T.Pi)
    /// <summary>sinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sinh(x: HyperDual<'T>) = HyperDual<'T>.Apply<SinhRule> x
    /// <summary>cosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cosh(x: HyperDual<'T>) = HyperDual<'T>.Apply<CoshRule> x
    /// <summary>tanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tanh(x: HyperDual<'T>) = HyperDual<'T>.Apply<TanhRule> x
    /// <summary>arsinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asinh(x: HyperDual<'T>) = HyperDual<'T>.Apply<AsinhRule> x
    /// <summary>arcosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acosh(x: HyperDual<'T>) = HyperDual<'T>.Apply<AcoshRule> x
    /// <summary>artanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atanh(x: HyperDual<'T>) = HyperDual<'T>.Apply<AtanhRule> x
    /// <summary>√(x² + y²) (see <see cref="T:Fluxion.HypotRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Hypot(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<HypotRule>(x, y)
    /// <summary>The n-th root x^(1/n), real for negative x when n is odd (see <see cref="T:Fluxion.RootNRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member RootN(x: HyperDual<'T>, n: int) =
        let fx = RootNRule.Value(x.Primal, n)
        let d1 = RootNRule.Derivative(n, fx)
        HyperDual<'T>.Lift(x, fx, d1, RootNRule.SecondDerivative(x.Primal, n, d1))
    /// <summary>⌊x⌋ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Floor(x: HyperDual<'T>) = HyperDual<'T>.Apply<FloorRule> x
    /// <summary>⌈x⌉ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ceiling(x: HyperDual<'T>) = HyperDual<'T>.Apply<CeilingRule> x
    /// <summary>Round to nearest even (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: HyperDual<'T>) = HyperDual<'T>.Apply<RoundRule> x
    /// <summary>Round to a number of digits (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: HyperDual<'T>, digits: int) = HyperDual<'T>.Constant('T.Round(x.Primal, digits))
    /// <summary>Round with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: HyperDual<'T>, mode: MidpointRounding) = HyperDual<'T>.Constant('T.Round(x.Primal, mode))
    /// <summary>Round to digits with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: HyperDual<'T>, digits: int, mode: MidpointRounding) = HyperDual<'T>.Constant('T.Round(x.Primal, digits, mode))
    /// <summary>Round toward zero (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Truncate(x: HyperDual<'T>) = HyperDual<'T>.Apply<TruncateRule> x
    /// <summary>max(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MaxRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Max(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<MaxRule>(x, y)
    /// <summary>min(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MinRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Min(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<MinRule>(x, y)
    /// <summary>max(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MaxNumber(x: HyperDual<'T>, y: HyperDual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else HyperDual<'T>.Max(x, y)
    /// <summary>min(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MinNumber(x: HyperDual<'T>, y: HyperDual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else HyperDual<'T>.Min(x, y)
    /// <summary>
    /// Clamps x to [min, max]. The derivative flows to x inside the closed interval, to the violated bound outside.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">min is greater than max.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Clamp(x: HyperDual<'T>, min: HyperDual<'T>, max: HyperDual<'T>) =
        if 'T.op_GreaterThan(min.Primal, max.Primal) then
            raise (ArgumentException($"Clamp: min ({min.Primal}) is greater than max ({max.Primal}).", nameof min))
        if 'T.op_LessThan(x.Primal, min.Primal) then min
        elif 'T.op_GreaterThan(x.Primal, max.Primal) then max
        else x
    /// <summary>The sign of the primal as −1, 0 or 1 (generic math's Sign).</summary>
    /// <exception cref="T:System.ArithmeticException">The primal is NaN.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sign(x: HyperDual<'T>) : int = 'T.Sign x.Primal
    /// <summary>|x| with the sign of y: x or −x, chosen by the signs (derivative follows the choice).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CopySign(x: HyperDual<'T>, y: HyperDual<'T>) =
        if 'T.IsNegative x.Primal = 'T.IsNegative y.Primal then x else HyperDual<'T>.op_UnaryNegation x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sigmoid(x: HyperDual<'T>) = HyperDual<'T>.Apply<SigmoidRule> x
    /// <summary>softplus ln(1 + eˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Softplus(x: HyperDual<'T>) = HyperDual<'T>.Apply<SoftplusRule> x
    /// <summary>The error function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Erf(x: HyperDual<'T>) = HyperDual<'T>.Apply<ErfRule> x
    /// <summary>The gamma function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Gamma(x: HyperDual<'T>) = HyperDual<'T>.Apply<GammaRule> x
    /// <summary>ln |Γ(x)|.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogGamma(x: HyperDual<'T>) = HyperDual<'T>.Apply<LogGammaRule> x
    /// <summary>The digamma function ψ(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Digamma(x: HyperDual<'T>) = HyperDual<'T>.Apply<DigammaRule> x
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Polygamma(n: int, x: HyperDual<'T>) =
        HyperDual<'T>.Lift(x, PolygammaRule.Value(n, x.Primal), PolygammaRule.Derivative(n, x.Primal), PolygammaRule.SecondDerivative(n, x.Primal))
    /// <summary>
    /// x·y + z with the primal fused (one rounding, as <c>FusedMultiplyAdd</c> of the primal type: generic code that
    /// computes an exact product's error term gets the same value on this type as on 'T); the derivative parts are
    /// those of x·y + z (the multiply and add rules).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member FusedMultiplyAdd(x: HyperDual<'T>, y: HyperDual<'T>, z: HyperDual<'T>) =
        let c = HyperDual<'T>.op_Addition(HyperDual<'T>.op_Multiply(x, y), z)
        HyperDual<'T>('T.FusedMultiplyAdd(x.Primal, y.Primal, z.Primal), c.E1, c.E2, c.E12)
    /// <summary>The IEEE remainder (see <see cref="T:Fluxion.RemainderRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ieee754Remainder(x: HyperDual<'T>, y: HyperDual<'T>) = HyperDual<'T>.Apply<RemainderRule>(x, y)
    /// <summary>x·2ⁿ (linear in x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ScaleB(x: HyperDual<'T>, n: int) = HyperDual<'T>('T.ScaleB(x.Primal, n), 'T.ScaleB(x.E1, n), 'T.ScaleB(x.E2, n), 'T.ScaleB(x.E12, n))

    // ----- object members ----------------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    override x.Equals(o: obj) =
        match o with
        | :? HyperDual<'T> as d -> 'T.op_Equality(x.Primal, d.Primal)
        | _ -> false

    /// <summary>Hash of the primal value.</summary>
    override x.GetHashCode() : int = System.Collections.Generic.EqualityComparer<'T>.Default.GetHashCode(x.Primal)

    /// <summary>Formats as "a + bε₁ + cε₂ + dε₁ε₂".</summary>
    override x.ToString() = x.ToString(null, CultureInfo.CurrentCulture)

    /// <summary>Formats as "a + bε₁ + cε₂ + dε₁ε₂", applying the format to every part.</summary>
    member x.ToString(format: string | null, provider: IFormatProvider | null) =
        let part (v: 'T) = Primal.Format(v, format, provider)
        $"{part x.Primal} + {part x.E1}ε₁ + {part x.E2}ε₂ + {part x.E12}ε₁ε₂"

    interface IComparable with
        member x.CompareTo(o: obj) : int =
            match o with
            | null -> 1
            | :? HyperDual<'T> as d -> x.Primal.CompareTo(d.Primal)
            | _ -> raise (ArgumentException($"Object must be of type {typeof<HyperDual<'T>>.Name}.", nameof o))

    interface IComparable<HyperDual<'T>> with
        member x.CompareTo(d: HyperDual<'T>) : int = x.Primal.CompareTo(d.Primal)

    interface IEquatable<HyperDual<'T>> with
        member x.Equals(d: HyperDual<'T>) : bool = 'T.op_Equality(x.Primal, d.Primal)

    interface IConstantOf<HyperDual<'T>, 'T> with
        static member Constant value = HyperDual<'T>.Constant value

    interface ISpecialFunctions<HyperDual<'T>> with
        static member Erf x = HyperDual<'T>.Erf x
        static member Gamma x = HyperDual<'T>.Gamma x
        static member LogGamma x = HyperDual<'T>.LogGamma x
        static member Digamma x = HyperDual<'T>.Digamma x
        static member Polygamma(n, x) = HyperDual<'T>.Polygamma(n, x)

    interface IFloatingPointIeee754<HyperDual<'T>> with
        // constants and identities
        // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member E = HyperDual<'T>.Constant 'T.E
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Pi = HyperDual<'T>.Constant 'T.Pi
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Tau = HyperDual<'T>.Constant 'T.Tau
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Epsilon = HyperDual<'T>.Constant 'T.Epsilon
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NaN = HyperDual<'T>.Constant 'T.NaN
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeInfinity = HyperDual<'T>.Constant 'T.NegativeInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeZero = HyperDual<'T>.Constant 'T.NegativeZero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member PositiveInfinity = HyperDual<'T>.Constant 'T.PositiveInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeOne = HyperDual<'T>.Constant 'T.NegativeOne
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member One = HyperDual<'T>.One
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Zero = HyperDual<'T>.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Radix = 'T.Radix
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member AdditiveIdentity = HyperDual<'T>.Constant 'T.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member MultiplicativeIdentity = HyperDual<'T>.Constant 'T.One
#warnon 842
        // operators
        static member op_Addition(x, y) = HyperDual<'T>.op_Addition(x, y)
        static member op_Subtraction(x, y) = HyperDual<'T>.op_Subtraction(x, y)
        static member op_Multiply(x, y) = HyperDual<'T>.op_Multiply(x, y)
        static member op_Division(x, y) = HyperDual<'T>.op_Division(x, y)
        static member op_Modulus(x, y) = HyperDual<'T>.op_Modulus(x, y)
        static member op_UnaryNegation x = HyperDual<'T>.op_UnaryNegation x
        static member op_UnaryPlus x = x
        static member op_Increment x = HyperDual<'T>.op_Addition(x, 'T.One)
        static member op_Decrement x = HyperDual<'T>.op_Subtraction(x, 'T.One)
        static member op_Equality(x, y) = HyperDual<'T>.op_Equality(x, y)
        static member op_Inequality(x, y) = HyperDual<'T>.op_Inequality(x, y)
        static member op_LessThan(x, y) = HyperDual<'T>.op_LessThan(x, y)
        static member op_LessThanOrEqual(x, y) = HyperDual<'T>.op_LessThanOrEqual(x, y)
        static member op_GreaterThan(x, y) = HyperDual<'T>.op_GreaterThan(x, y)
        static member op_GreaterThanOrEqual(x, y) = HyperDual<'T>.op_GreaterThanOrEqual(x, y)
        // classification by primal
        static member IsCanonical x = 'T.IsCanonical x.Primal
        static member IsComplexNumber x = 'T.IsComplexNumber x.Primal
        static member IsEvenInteger x = 'T.IsEvenInteger x.Primal
        static member IsFinite x = 'T.IsFinite x.Primal
        static member IsImaginaryNumber x = 'T.IsImaginaryNumber x.Primal
        static member IsInfinity x = 'T.IsInfinity x.Primal
        static member IsInteger x = 'T.IsInteger x.Primal
        static member IsNaN x = 'T.IsNaN x.Primal
        static member IsNegative x = 'T.IsNegative x.Primal
        static member IsNegativeInfinity x = 'T.IsNegativeInfinity x.Primal
        static member IsNormal x = 'T.IsNormal x.Primal
        static member IsOddInteger x = 'T.IsOddInteger x.Primal
        static member IsPositive x = 'T.IsPositive x.Primal
        static member IsPositiveInfinity x = 'T.IsPositiveInfinity x.Primal
        static member IsRealNumber x = 'T.IsRealNumber x.Primal
        static member IsSubnormal x = 'T.IsSubnormal x.Primal
        static member IsZero x = 'T.IsZero x.Primal
        // selection
        static member Abs x = HyperDual<'T>.Abs x
        static member MaxMagnitude(x, y) = HyperDual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MaxMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else HyperDual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MinMagnitude(x, y) = HyperDual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member MinMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else HyperDual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member Max(x, y) = HyperDual<'T>.Max(x, y)
        static member Min(x, y) = HyperDual<'T>.Min(x, y)
        static member MaxNumber(x, y) = HyperDual<'T>.MaxNumber(x, y)
        static member MinNumber(x, y) = HyperDual<'T>.MinNumber(x, y)
        static member Clamp(x, lo, hi) = HyperDual<'T>.Clamp(x, lo, hi)
        static member Sign x = HyperDual<'T>.Sign x
        static member CopySign(x, y) = HyperDual<'T>.CopySign(x, y)
        // functions
        static member Sqrt x = HyperDual<'T>.Sqrt x
        static member Cbrt x = HyperDual<'T>.Cbrt x
        static member Hypot(x, y) = HyperDual<'T>.Hypot(x, y)
        static member RootN(x, n) = HyperDual<'T>.RootN(x, n)
        static member Pow(x, y) = HyperDual<'T>.Pow(x, y)
        static member Exp x = HyperDual<'T>.Exp x
        static member Exp2 x = HyperDual<'T>.Exp2 x
        static member Exp10 x = HyperDual<'T>.Exp10 x
        static member ExpM1 x = HyperDual<'T>.ExpM1 x
        static member Exp2M1 x = HyperDual<'T>.Exp2M1 x
        static member Exp10M1 x = HyperDual<'T>.Exp10M1 x
        static member Log(x: HyperDual<'T>) = HyperDual<'T>.Log x
        static member Log(x: HyperDual<'T>, b: HyperDual<'T>) = HyperDual<'T>.Log(x, b)
        static member Log2 x = HyperDual<'T>.Log2 x
        static member Log10 x = HyperDual<'T>.Log10 x
        static member LogP1 x = HyperDual<'T>.LogP1 x
        static member Log2P1 x = HyperDual<'T>.Log2P1 x
        static member Log10P1 x = HyperDual<'T>.Log10P1 x
        static member Sin x = HyperDual<'T>.Sin x
        static member Cos x = HyperDual<'T>.Cos x
        static member Tan x = HyperDual<'T>.Tan x
        static member SinPi x = HyperDual<'T>.SinPi x
        static member CosPi x = HyperDual<'T>.CosPi x
        static member TanPi x = HyperDual<'T>.TanPi x
        static member SinCos x = struct (HyperDual<'T>.Sin x, HyperDual<'T>.Cos x)
        static member SinCosPi x = struct (HyperDual<'T>.SinPi x, HyperDual<'T>.CosPi x)
        static member Asin x = HyperDual<'T>.Asin x
        static member Acos x = HyperDual<'T>.Acos x
        static member Atan x = HyperDual<'T>.Atan x
        static member AsinPi x = HyperDual<'T>.AsinPi x
        static member AcosPi x = HyperDual<'T>.AcosPi x
        static member AtanPi x = HyperDual<'T>.AtanPi x
        static member Atan2(y, x) = HyperDual<'T>.Atan2(y, x)
        static member Atan2Pi(y, x) = HyperDual<'T>.Atan2Pi(y, x)
        static member Sinh x = HyperDual<'T>.Sinh x
        static member Cosh x = HyperDual<'T>.Cosh x
        static member Tanh x = HyperDual<'T>.Tanh x
        static member Asinh x = HyperDual<'T>.Asinh x
        static member Acosh x = HyperDual<'T>.Acosh x
        static member Atanh x = HyperDual<'T>.Atanh x
        static member Floor x = HyperDual<'T>.Floor x
        static member Ceiling x = HyperDual<'T>.Ceiling x
        static member Truncate x = HyperDual<'T>.Truncate x
        static member Round(x: HyperDual<'T>) = HyperDual<'T>.Round x
        static member Round(x: HyperDual<'T>, digits: int) = HyperDual<'T>.Round(x, digits)
        static member Round(x: HyperDual<'T>, mode: MidpointRounding) = HyperDual<'T>.Round(x, mode)
        static member Round(x: HyperDual<'T>, digits: int, mode: MidpointRounding) = HyperDual<'T>.Round(x, digits, mode)
        static member FusedMultiplyAdd(x, y, z) = HyperDual<'T>.FusedMultiplyAdd(x, y, z)
        static member Ieee754Remainder(x, y) = HyperDual<'T>.Ieee754Remainder(x, y)
        static member ScaleB(x, n) = HyperDual<'T>.ScaleB(x, n)
        static member ILogB x = 'T.ILogB x.Primal
        static member BitIncrement x = HyperDual<'T>('T.BitIncrement x.Primal, x.E1, x.E2, x.E12)
        static member BitDecrement x = HyperDual<'T>('T.BitDecrement x.Primal, x.E1, x.E2, x.E12)
        // parsing, formatting, conversion (primal only; parsed numbers are constants)
        static member Parse(s: string, style: NumberStyles, provider: IFormatProvider | null) = HyperDual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null) = HyperDual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null) : HyperDual<'T> = HyperDual<'T>.Constant('T.Parse(utf8, style, provider))
        static member TryParse(s: string | null, style: NumberStyles, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) = Primal.TryParseAs<HyperDual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) = Primal.TryParseAs<HyperDual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) : bool = Primal.TryParseUtf8As<HyperDual<'T>, 'T>(utf8, style, provider, &result)
        static member TryConvertFromChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<HyperDual<'T>>) = Primal.TryFromAs<HyperDual<'T>, 'T, 'TOther>(value, 0, &result)
        static member TryConvertFromSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<HyperDual<'T>>) = Primal.TryFromAs<HyperDual<'T>, 'T, 'TOther>(value, 1, &result)
        static member TryConvertFromTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<HyperDual<'T>>) = Primal.TryFromAs<HyperDual<'T>, 'T, 'TOther>(value, 2, &result)
        static member TryConvertToChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: HyperDual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 0, &result)
        static member TryConvertToSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: HyperDual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 1, &result)
        static member TryConvertToTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: HyperDual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 2, &result)
        member x.ToString(format, provider) = x.ToString(format, provider)
        member x.TryFormat(destination: Span<char>, charsWritten: byref<int>, format: ReadOnlySpan<char>, provider: IFormatProvider | null) =
            Primal.TryFormat(x.ToString(format.ToString(), provider), destination, &charsWritten)
        member x.GetExponentByteCount() = Primal.ExponentByteCount x.Primal
        member x.GetExponentShortestBitLength() = Primal.ExponentShortestBitLength x.Primal
        member x.GetSignificandBitLength() = Primal.SignificandBitLength x.Primal
        member x.GetSignificandByteCount() = Primal.SignificandByteCount x.Primal
        member x.TryWriteExponentBigEndian(destination, bytesWritten) = Primal.WriteExponent(x.Primal, true, destination, &bytesWritten)
        member x.TryWriteExponentLittleEndian(destination, bytesWritten) = Primal.WriteExponent(x.Primal, false, destination, &bytesWritten)
        member x.TryWriteSignificandBigEndian(destination, bytesWritten) = Primal.WriteSignificand(x.Primal, true, destination, &bytesWritten)
        member x.TryWriteSignificandLittleEndian(destination, bytesWritten) = Primal.WriteSignificand(x.Primal, false, destination, &bytesWritten)

    interface ISpanParsable<HyperDual<'T>> with
        static member Parse(s: ReadOnlySpan<char>, provider: IFormatProvider | null) = HyperDual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: ReadOnlySpan<char>, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) = Primal.TryParseAs<HyperDual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IParsable<HyperDual<'T>> with
        static member Parse(s: string, provider: IFormatProvider | null) = HyperDual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: string | null, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) = Primal.TryParseAs<HyperDual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IUtf8SpanParsable<HyperDual<'T>> with
        static member Parse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null) : HyperDual<'T> = HyperDual<'T>.Constant('T.Parse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null, result: byref<HyperDual<'T>>) : bool = Primal.TryParseUtf8As<HyperDual<'T>, 'T>(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)
