namespace Fluxion

open System
open System.Globalization
open System.Numerics
open System.Runtime.CompilerServices
// GenericOperators pins + - * / to 'T; on Dual values themselves they would dispatch back into the interface
// implementations below, so Dual-level arithmetic in this file calls the Dual op_ members by name.
open Fluxion.GenericOperators

/// <summary>
/// A dual number a + b·ε with ε² = 0: a primal value and one tangent (directional derivative).
/// Evaluating f on Dual(x, v) gives Dual(f(x), f′(x)·v): forward-mode automatic differentiation.
/// </summary>
/// <remarks>
/// <para>Dual implements the .NET generic-math interfaces up to <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>,
/// so code written once against them (from C# or F#) runs unchanged on it. Nesting gives higher derivatives:
/// <c>Dual&lt;Dual&lt;double&gt;&gt;</c> carries f, f′, f′ and f″.</para>
/// <para>Comparisons, equality and hashing use the primal value only. Every derivative comes from the rule
/// table (<see cref="T:Fluxion.IUnaryRule"/>); the conventions at non-smooth points are documented there.</para>
/// </remarks>
[<Struct; CustomEquality; CustomComparison>]
type Dual<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// <summary>The primal (ordinary) value.</summary>
    val Primal: 'T
    /// <summary>The tangent: the derivative of this value along the seeded direction.</summary>
    val Tangent: 'T

    /// <summary>Creates a dual number from its primal value and tangent.</summary>
    new(primal: 'T, tangent: 'T) = { Primal = primal; Tangent = tangent }

    /// <summary>A constant: the given value with a zero tangent.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Constant(value: 'T) = Dual<'T>(value, 'T.Zero)

    /// <summary>A variable seeded for differentiation: the given value with tangent 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Variable(value: 'T) = Dual<'T>(value, 'T.One)

    // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
    /// <summary>The constant 0 (F#'s <c>LanguagePrimitives.GenericZero</c> reads it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Zero = Dual<'T>.Constant 'T.Zero

    /// <summary>The constant 1 (F#'s <c>LanguagePrimitives.GenericOne</c> and <c>pown</c> read it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member One = Dual<'T>.Constant 'T.One
#warnon 842

    /// <summary>Converts a plain value to a constant dual number.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Implicit(value: 'T) : Dual<'T> = Dual<'T>(value, 'T.Zero)

    // ----- the rule table, applied -----------------------------------------------------------

    /// <summary>Applies a unary rule from the table: value f(x), tangent f′(x)·ẋ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IUnaryRule>(x: Dual<'T>) : Dual<'T> =
        let fx = 'R.Value x.Primal
        Dual<'T>(fx, Chain.Scale('R.Derivative(x.Primal, fx), x.Tangent))

    /// <summary>Applies a binary rule from the table: value f(x, y), tangent ∂f/∂x·ẋ + ∂f/∂y·ẏ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IBinaryRule>(x: Dual<'T>, y: Dual<'T>) : Dual<'T> =
        let z = 'R.Value(x.Primal, y.Primal)
        let struct (px, py) = 'R.Partials(x.Primal, y.Primal, z)
        Dual<'T>(z, Chain.Scale(px, x.Tangent) + Chain.Scale(py, y.Tangent))

    // ----- arithmetic ------------------------------------------------------------------------

    /// <summary>Addition (linear: tangents add).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: Dual<'T>, y: Dual<'T>) = Dual<'T>(x.Primal + y.Primal, x.Tangent + y.Tangent)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: Dual<'T>, c: 'T) = Dual<'T>(x.Primal + c, x.Tangent)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(c: 'T, x: Dual<'T>) = Dual<'T>(c + x.Primal, x.Tangent)
    /// <summary>Subtraction (linear: tangents subtract).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: Dual<'T>, y: Dual<'T>) = Dual<'T>(x.Primal - y.Primal, x.Tangent - y.Tangent)
    /// <summary>Subtracts a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: Dual<'T>, c: 'T) = Dual<'T>(x.Primal - c, x.Tangent)
    /// <summary>Subtracts from a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(c: 'T, x: Dual<'T>) = Dual<'T>(c - x.Primal, -x.Tangent)
    /// <summary>Multiplication (rule <see cref="T:Fluxion.MultiplyRule"/>; a zero tangent stays zero, see <see cref="T:Fluxion.Chain"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: Dual<'T>, y: Dual<'T>) =
        let struct (px, py) = R.partialsOf<MultiplyRule, 'T> x.Primal y.Primal 'T.Zero
        Dual<'T>(x.Primal * y.Primal, Chain.Combine(px, x.Tangent, py, y.Tangent))
    /// <summary>Multiplies by a constant (the same result as multiplying by a constant dual number).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: Dual<'T>, c: 'T) = Dual<'T>(x.Primal * c, Chain.Scale(c, x.Tangent))
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(c: 'T, x: Dual<'T>) = Dual<'T>(c * x.Primal, Chain.Scale(c, x.Tangent))
    /// <summary>Division (rule <see cref="T:Fluxion.DivideRule"/>; IEEE values at a zero divisor, a zero tangent stays zero).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: Dual<'T>, y: Dual<'T>) =
        let z = x.Primal / y.Primal
        let struct (px, py) = R.partialsOf<DivideRule, 'T> x.Primal y.Primal z
        Dual<'T>(z, Chain.Combine(px, x.Tangent, py, y.Tangent))
    /// <summary>Divides by a constant (the same result as dividing by a constant dual number).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: Dual<'T>, c: 'T) =
        let t = x.Tangent / c
        Dual<'T>(x.Primal / c, (if 'T.IsNaN t then Chain.Scale('T.One / c, x.Tangent) else t))
    /// <summary>Divides a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(c: 'T, x: Dual<'T>) = Dual<'T>.op_Division(Dual<'T>.Constant c, x)
    /// <summary>Truncated remainder (rule <see cref="T:Fluxion.ModulusRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (%)(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<ModulusRule>(x, y)
    /// <summary>Negation.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~-)(x: Dual<'T>) = Dual<'T>(-x.Primal, -x.Tangent)
    /// <summary>Unary plus (identity).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~+)(x: Dual<'T>) = x
    /// <summary>Raises to a dual power, xʸ (rule <see cref="T:Fluxion.PowRule"/>); F#'s <c>**</c>.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<PowRule>(x, y)
    /// <summary>Raises to a constant power xᶜ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: Dual<'T>, c: 'T) =
        Dual<'T>(PowerRule.Value(x.Primal, c), Chain.Scale(PowerRule.Derivative(x.Primal, c), x.Tangent))
    /// <summary>Raises to an integer power xⁿ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: Dual<'T>, n: int) = Dual<'T>.Pow(x, 'T.CreateChecked n)

    // ----- integer operands: F#'s `2 * x` and `x / 2` without a `.0`; C#'s int arguments pick these too. The integer
    // becomes a constant 'T by 'T.CreateChecked (exact for |n| ≤ 2⁵³ in float64, 2²⁴ in float32), so each result
    // is the one the 'T-constant overload gives for that constant.

    /// <summary>Adds an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: Dual<'T>, n: int) = Dual<'T>.op_Addition(x, 'T.CreateChecked n)
    /// <summary>Adds to an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(n: int, x: Dual<'T>) = Dual<'T>.op_Addition('T.CreateChecked n, x)
    /// <summary>Subtracts an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: Dual<'T>, n: int) = Dual<'T>.op_Subtraction(x, 'T.CreateChecked n)
    /// <summary>Subtracts from an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(n: int, x: Dual<'T>) = Dual<'T>.op_Subtraction('T.CreateChecked n, x)
    /// <summary>Multiplies by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: Dual<'T>, n: int) = Dual<'T>.op_Multiply(x, 'T.CreateChecked n)
    /// <summary>Multiplies an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(n: int, x: Dual<'T>) = Dual<'T>.op_Multiply('T.CreateChecked n, x)
    /// <summary>Divides by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: Dual<'T>, n: int) = Dual<'T>.op_Division(x, 'T.CreateChecked n)
    /// <summary>Divides an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(n: int, x: Dual<'T>) = Dual<'T>.op_Division('T.CreateChecked n, x)

    // ----- comparisons by primal ------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Equality(x: Dual<'T>, y: Dual<'T>) = 'T.op_Equality(x.Primal, y.Primal)
    /// <summary>Inequality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Inequality(x: Dual<'T>, y: Dual<'T>) = 'T.op_Inequality(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThan(x: Dual<'T>, y: Dual<'T>) = 'T.op_LessThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThanOrEqual(x: Dual<'T>, y: Dual<'T>) = 'T.op_LessThanOrEqual(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThan(x: Dual<'T>, y: Dual<'T>) = 'T.op_GreaterThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThanOrEqual(x: Dual<'T>, y: Dual<'T>) = 'T.op_GreaterThanOrEqual(x.Primal, y.Primal)

    // ----- elementary functions (each one rule from the table) -------------------------------

    /// <summary>|x|; derivative 0 at 0 (see <see cref="T:Fluxion.AbsRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Abs(x: Dual<'T>) = Dual<'T>.Apply<AbsRule> x
    /// <summary>√x (see <see cref="T:Fluxion.SqrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sqrt(x: Dual<'T>) = Dual<'T>.Apply<SqrtRule> x
    /// <summary>∛x (see <see cref="T:Fluxion.CbrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cbrt(x: Dual<'T>) = Dual<'T>.Apply<CbrtRule> x
    /// <summary>eˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp(x: Dual<'T>) = Dual<'T>.Apply<ExpRule> x
    /// <summary>2ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2(x: Dual<'T>) = Dual<'T>.Apply<Exp2Rule> x
    /// <summary>10ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10(x: Dual<'T>) = Dual<'T>.Apply<Exp10Rule> x
    /// <summary>eˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ExpM1(x: Dual<'T>) = Dual<'T>.Apply<Expm1Rule> x
    /// <summary>2ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2M1(x: Dual<'T>) = Dual<'T>.Apply<Exp2m1Rule> x
    /// <summary>10ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10M1(x: Dual<'T>) = Dual<'T>.Apply<Exp10m1Rule> x
    /// <summary>ln x (see <see cref="T:Fluxion.LogRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: Dual<'T>) = Dual<'T>.Apply<LogRule> x
    /// <summary>Logarithm to a given base, ln x / ln b.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: Dual<'T>, newBase: Dual<'T>) = Dual<'T>.op_Division(Dual<'T>.Log x, Dual<'T>.Log newBase)
    /// <summary>log₂ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2(x: Dual<'T>) = Dual<'T>.Apply<Log2Rule> x
    /// <summary>log₁₀ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10(x: Dual<'T>) = Dual<'T>.Apply<Log10Rule> x
    /// <summary>ln(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogP1(x: Dual<'T>) = Dual<'T>.Apply<Log1pRule> x
    /// <summary>log₂(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2P1(x: Dual<'T>) = Dual<'T>.Apply<Log2p1Rule> x
    /// <summary>log₁₀(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10P1(x: Dual<'T>) = Dual<'T>.Apply<Log10p1Rule> x
    /// <summary>sin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sin(x: Dual<'T>) =
        let struct (fx, dfx) = SinRule.ValueAndDerivative x.Primal
        Dual<'T>(fx, Chain.Scale(dfx, x.Tangent))
    /// <summary>cos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cos(x: Dual<'T>) =
        let struct (fx, dfx) = CosRule.ValueAndDerivative x.Primal
        Dual<'T>(fx, Chain.Scale(dfx, x.Tangent))
    /// <summary>tan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tan(x: Dual<'T>) = Dual<'T>.Apply<TanRule> x
    /// <summary>sin(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member SinPi(x: Dual<'T>) = Dual<'T>.Apply<SinPiRule> x
    /// <summary>cos(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CosPi(x: Dual<'T>) = Dual<'T>.Apply<CosPiRule> x
    /// <summary>tan(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member TanPi(x: Dual<'T>) = Dual<'T>.Apply<TanPiRule> x
    /// <summary>arcsin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asin(x: Dual<'T>) = Dual<'T>.Apply<AsinRule> x
    /// <summary>arccos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acos(x: Dual<'T>) = Dual<'T>.Apply<AcosRule> x
    /// <summary>arctan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan(x: Dual<'T>) = Dual<'T>.Apply<AtanRule> x
    /// <summary>arcsin(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AsinPi(x: Dual<'T>) = Dual<'T>.Apply<AsinPiRule> x
    /// <summary>arccos(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AcosPi(x: Dual<'T>) = Dual<'T>.Apply<AcosPiRule> x
    /// <summary>arctan(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AtanPi(x: Dual<'T>) = Dual<'T>.Apply<AtanPiRule> x
    /// <summary>atan2(y, x) (see <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2(y: Dual<'T>, x: Dual<'T>) = Dual<'T>.Apply<Atan2Rule>(y, x)
    /// <summary>atan2(y, x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2Pi(y: Dual<'T>, x: Dual<'T>) =
        let a = Dual<'T>.Atan2(y, x)
        Dual<'T>(a.Primal / 'T.Pi, a.Tangent / 'T.Pi)
    /// <summary>sinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sinh(x: Dual<'T>) = Dual<'T>.Apply<SinhRule> x
    /// <summary>cosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cosh(x: Dual<'T>) = Dual<'T>.Apply<CoshRule> x
    /// <summary>tanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tanh(x: Dual<'T>) = Dual<'T>.Apply<TanhRule> x
    /// <summary>arsinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asinh(x: Dual<'T>) = Dual<'T>.Apply<AsinhRule> x
    /// <summary>arcosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acosh(x: Dual<'T>) = Dual<'T>.Apply<AcoshRule> x
    /// <summary>artanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atanh(x: Dual<'T>) = Dual<'T>.Apply<AtanhRule> x
    /// <summary>√(x² + y²) (see <see cref="T:Fluxion.HypotRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Hypot(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<HypotRule>(x, y)
    /// <summary>The n-th root x^(1/n), real for negative x when n is odd (see <see cref="T:Fluxion.RootNRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member RootN(x: Dual<'T>, n: int) =
        let fx = RootNRule.Value(x.Primal, n)
        Dual<'T>(fx, Chain.Scale(RootNRule.Derivative(n, fx), x.Tangent))
    /// <summary>⌊x⌋ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Floor(x: Dual<'T>) = Dual<'T>.Apply<FloorRule> x
    /// <summary>⌈x⌉ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ceiling(x: Dual<'T>) = Dual<'T>.Apply<CeilingRule> x
    /// <summary>Round to nearest even (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: Dual<'T>) = Dual<'T>.Apply<RoundRule> x
    /// <summary>Round to a number of digits (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: Dual<'T>, digits: int) = Dual<'T>.Constant('T.Round(x.Primal, digits))
    /// <summary>Round with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: Dual<'T>, mode: MidpointRounding) = Dual<'T>.Constant('T.Round(x.Primal, mode))
    /// <summary>Round to digits with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: Dual<'T>, digits: int, mode: MidpointRounding) = Dual<'T>.Constant('T.Round(x.Primal, digits, mode))
    /// <summary>Round toward zero (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Truncate(x: Dual<'T>) = Dual<'T>.Apply<TruncateRule> x
    /// <summary>max(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MaxRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Max(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<MaxRule>(x, y)
    /// <summary>min(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MinRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Min(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<MinRule>(x, y)
    /// <summary>max(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MaxNumber(x: Dual<'T>, y: Dual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Dual<'T>.Max(x, y)
    /// <summary>min(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MinNumber(x: Dual<'T>, y: Dual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Dual<'T>.Min(x, y)
    /// <summary>
    /// Clamps x to [min, max]. The derivative flows to x inside the closed interval, to the violated bound outside.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">min is greater than max.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Clamp(x: Dual<'T>, min: Dual<'T>, max: Dual<'T>) =
        if 'T.op_GreaterThan(min.Primal, max.Primal) then
            raise (ArgumentException($"Clamp: min ({min.Primal}) is greater than max ({max.Primal}).", nameof min))
        if 'T.op_LessThan(x.Primal, min.Primal) then min
        elif 'T.op_GreaterThan(x.Primal, max.Primal) then max
        else x
    /// <summary>The sign of the primal as −1, 0 or 1 (generic math's Sign).</summary>
    /// <exception cref="T:System.ArithmeticException">The primal is NaN.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sign(x: Dual<'T>) : int = 'T.Sign x.Primal
    /// <summary>|x| with the sign of y: x or −x, chosen by the signs (derivative follows the choice).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CopySign(x: Dual<'T>, y: Dual<'T>) =
        if 'T.IsNegative x.Primal = 'T.IsNegative y.Primal then x else Dual<'T>.op_UnaryNegation x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sigmoid(x: Dual<'T>) = Dual<'T>.Apply<SigmoidRule> x
    /// <summary>softplus ln(1 + eˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Softplus(x: Dual<'T>) = Dual<'T>.Apply<SoftplusRule> x
    /// <summary>The error function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Erf(x: Dual<'T>) = Dual<'T>.Apply<ErfRule> x
    /// <summary>The gamma function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Gamma(x: Dual<'T>) = Dual<'T>.Apply<GammaRule> x
    /// <summary>ln |Γ(x)|.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogGamma(x: Dual<'T>) = Dual<'T>.Apply<LogGammaRule> x
    /// <summary>The digamma function ψ(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Digamma(x: Dual<'T>) = Dual<'T>.Apply<DigammaRule> x
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Polygamma(n: int, x: Dual<'T>) =
        Dual<'T>(PolygammaRule.Value(n, x.Primal), Chain.Scale(PolygammaRule.Derivative(n, x.Primal), x.Tangent))
    /// <summary>
    /// x·y + z with the primal fused (one rounding, as <c>FusedMultiplyAdd</c> of the primal type: generic code that
    /// computes an exact product's error term gets the same value on this type as on 'T); the derivative parts are
    /// those of x·y + z (the multiply and add rules).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member FusedMultiplyAdd(x: Dual<'T>, y: Dual<'T>, z: Dual<'T>) =
        let composed = Dual<'T>.op_Addition(Dual<'T>.op_Multiply(x, y), z)
        Dual<'T>('T.FusedMultiplyAdd(x.Primal, y.Primal, z.Primal), composed.Tangent)
    /// <summary>The IEEE remainder (see <see cref="T:Fluxion.RemainderRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ieee754Remainder(x: Dual<'T>, y: Dual<'T>) = Dual<'T>.Apply<RemainderRule>(x, y)
    /// <summary>x·2ⁿ (linear in x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ScaleB(x: Dual<'T>, n: int) = Dual<'T>('T.ScaleB(x.Primal, n), 'T.ScaleB(x.Tangent, n))

    // ----- object members ----------------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    override x.Equals(o: obj) =
        match o with
        | :? Dual<'T> as d -> 'T.op_Equality(x.Primal, d.Primal)
        | _ -> false

    /// <summary>Hash of the primal value.</summary>
    override x.GetHashCode() : int = System.Collections.Generic.EqualityComparer<'T>.Default.GetHashCode(x.Primal)

    /// <summary>Formats as "primal + tangent·ε".</summary>
    override x.ToString() = x.ToString(null, CultureInfo.CurrentCulture)

    /// <summary>Formats as "primal + tangent·ε", applying the format to both parts.</summary>
    member x.ToString(format: string | null, provider: IFormatProvider | null) =
        $"{Primal.Format(x.Primal, format, provider)} + {Primal.Format(x.Tangent, format, provider)}ε"

    interface IComparable with
        member x.CompareTo(o: obj) : int =
            match o with
            | null -> 1
            | :? Dual<'T> as d -> x.Primal.CompareTo(d.Primal)
            | _ -> raise (ArgumentException($"Object must be of type {typeof<Dual<'T>>.Name}.", nameof o))

    interface IComparable<Dual<'T>> with
        member x.CompareTo(d: Dual<'T>) : int = x.Primal.CompareTo(d.Primal)

    interface IEquatable<Dual<'T>> with
        member x.Equals(d: Dual<'T>) : bool = 'T.op_Equality(x.Primal, d.Primal)

    interface IConstantOf<Dual<'T>, 'T> with
        static member Constant value = Dual<'T>.Constant value

    interface ISpecialFunctions<Dual<'T>> with
        static member Erf x = Dual<'T>.Erf x
        static member Gamma x = Dual<'T>.Gamma x
        static member LogGamma x = Dual<'T>.LogGamma x
        static member Digamma x = Dual<'T>.Digamma x
        static member Polygamma(n, x) = Dual<'T>.Polygamma(n, x)

    interface IFloatingPointIeee754<Dual<'T>> with
        // constants and identities
        // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member E = Dual<'T>.Constant 'T.E
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Pi = Dual<'T>.Constant 'T.Pi
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Tau = Dual<'T>.Constant 'T.Tau
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Epsilon = Dual<'T>.Constant 'T.Epsilon
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NaN = Dual<'T>.Constant 'T.NaN
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeInfinity = Dual<'T>.Constant 'T.NegativeInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeZero = Dual<'T>.Constant 'T.NegativeZero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member PositiveInfinity = Dual<'T>.Constant 'T.PositiveInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeOne = Dual<'T>.Constant 'T.NegativeOne
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member One = Dual<'T>.One
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Zero = Dual<'T>.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Radix = 'T.Radix
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member AdditiveIdentity = Dual<'T>.Constant 'T.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member MultiplicativeIdentity = Dual<'T>.Constant 'T.One
#warnon 842
        // operators
        static member op_Addition(x, y) = Dual<'T>.op_Addition(x, y)
        static member op_Subtraction(x, y) = Dual<'T>.op_Subtraction(x, y)
        static member op_Multiply(x, y) = Dual<'T>.op_Multiply(x, y)
        static member op_Division(x, y) = Dual<'T>.op_Division(x, y)
        static member op_Modulus(x, y) = Dual<'T>.op_Modulus(x, y)
        static member op_UnaryNegation x = Dual<'T>.op_UnaryNegation x
        static member op_UnaryPlus x = x
        static member op_Increment x = Dual<'T>(x.Primal + 'T.One, x.Tangent)
        static member op_Decrement x = Dual<'T>(x.Primal - 'T.One, x.Tangent)
        static member op_Equality(x, y) = Dual<'T>.op_Equality(x, y)
        static member op_Inequality(x, y) = Dual<'T>.op_Inequality(x, y)
        static member op_LessThan(x, y) = Dual<'T>.op_LessThan(x, y)
        static member op_LessThanOrEqual(x, y) = Dual<'T>.op_LessThanOrEqual(x, y)
        static member op_GreaterThan(x, y) = Dual<'T>.op_GreaterThan(x, y)
        static member op_GreaterThanOrEqual(x, y) = Dual<'T>.op_GreaterThanOrEqual(x, y)
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
        static member Abs x = Dual<'T>.Abs x
        static member MaxMagnitude(x, y) = Dual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MaxMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Dual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MinMagnitude(x, y) = Dual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member MinMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Dual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member Max(x, y) = Dual<'T>.Max(x, y)
        static member Min(x, y) = Dual<'T>.Min(x, y)
        static member MaxNumber(x, y) = Dual<'T>.MaxNumber(x, y)
        static member MinNumber(x, y) = Dual<'T>.MinNumber(x, y)
        static member Clamp(x, lo, hi) = Dual<'T>.Clamp(x, lo, hi)
        static member Sign x = Dual<'T>.Sign x
        static member CopySign(x, y) = Dual<'T>.CopySign(x, y)
        // functions
        static member Sqrt x = Dual<'T>.Sqrt x
        static member Cbrt x = Dual<'T>.Cbrt x
        static member Hypot(x, y) = Dual<'T>.Hypot(x, y)
        static member RootN(x, n) = Dual<'T>.RootN(x, n)
        static member Pow(x, y) = Dual<'T>.Pow(x, y)
        static member Exp x = Dual<'T>.Exp x
        static member Exp2 x = Dual<'T>.Exp2 x
        static member Exp10 x = Dual<'T>.Exp10 x
        static member ExpM1 x = Dual<'T>.ExpM1 x
        static member Exp2M1 x = Dual<'T>.Exp2M1 x
        static member Exp10M1 x = Dual<'T>.Exp10M1 x
        static member Log(x: Dual<'T>) = Dual<'T>.Log x
        static member Log(x: Dual<'T>, b: Dual<'T>) = Dual<'T>.Log(x, b)
        static member Log2 x = Dual<'T>.Log2 x
        static member Log10 x = Dual<'T>.Log10 x
        static member LogP1 x = Dual<'T>.LogP1 x
        static member Log2P1 x = Dual<'T>.Log2P1 x
        static member Log10P1 x = Dual<'T>.Log10P1 x
        static member Sin x = Dual<'T>.Sin x
        static member Cos x = Dual<'T>.Cos x
        static member Tan x = Dual<'T>.Tan x
        static member SinPi x = Dual<'T>.SinPi x
        static member CosPi x = Dual<'T>.CosPi x
        static member TanPi x = Dual<'T>.TanPi x
        static member SinCos x = struct (Dual<'T>.Sin x, Dual<'T>.Cos x)
        static member SinCosPi x = struct (Dual<'T>.SinPi x, Dual<'T>.CosPi x)
        static member Asin x = Dual<'T>.Asin x
        static member Acos x = Dual<'T>.Acos x
        static member Atan x = Dual<'T>.Atan x
        static member AsinPi x = Dual<'T>.AsinPi x
        static member AcosPi x = Dual<'T>.AcosPi x
        static member AtanPi x = Dual<'T>.AtanPi x
        static member Atan2(y, x) = Dual<'T>.Atan2(y, x)
        static member Atan2Pi(y, x) = Dual<'T>.Atan2Pi(y, x)
        static member Sinh x = Dual<'T>.Sinh x
        static member Cosh x = Dual<'T>.Cosh x
        static member Tanh x = Dual<'T>.Tanh x
        static member Asinh x = Dual<'T>.Asinh x
        static member Acosh x = Dual<'T>.Acosh x
        static member Atanh x = Dual<'T>.Atanh x
        static member Floor x = Dual<'T>.Floor x
        static member Ceiling x = Dual<'T>.Ceiling x
        static member Truncate x = Dual<'T>.Truncate x
        static member Round(x: Dual<'T>) = Dual<'T>.Round x
        static member Round(x: Dual<'T>, digits: int) = Dual<'T>.Round(x, digits)
        static member Round(x: Dual<'T>, mode: MidpointRounding) = Dual<'T>.Round(x, mode)
        static member Round(x: Dual<'T>, digits: int, mode: MidpointRounding) = Dual<'T>.Round(x, digits, mode)
        static member FusedMultiplyAdd(x, y, z) = Dual<'T>.FusedMultiplyAdd(x, y, z)
        static member Ieee754Remainder(x, y) = Dual<'T>.Ieee754Remainder(x, y)
        static member ScaleB(x, n) = Dual<'T>.ScaleB(x, n)
        static member ILogB x = 'T.ILogB x.Primal
        static member BitIncrement x = Dual<'T>('T.BitIncrement x.Primal, x.Tangent)
        static member BitDecrement x = Dual<'T>('T.BitDecrement x.Primal, x.Tangent)
        // parsing, formatting, conversion (primal only; parsed numbers are constants)
        static member Parse(s: string, style: NumberStyles, provider: IFormatProvider | null) = Dual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null) = Dual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null) : Dual<'T> = Dual<'T>.Constant('T.Parse(utf8, style, provider))
        static member TryParse(s: string | null, style: NumberStyles, provider: IFormatProvider | null, result: byref<Dual<'T>>) = Primal.TryParseAs<Dual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Dual<'T>>) = Primal.TryParseAs<Dual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Dual<'T>>) : bool = Primal.TryParseUtf8As<Dual<'T>, 'T>(utf8, style, provider, &result)
        static member TryConvertFromChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Dual<'T>>) = Primal.TryFromAs<Dual<'T>, 'T, 'TOther>(value, 0, &result)
        static member TryConvertFromSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Dual<'T>>) = Primal.TryFromAs<Dual<'T>, 'T, 'TOther>(value, 1, &result)
        static member TryConvertFromTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Dual<'T>>) = Primal.TryFromAs<Dual<'T>, 'T, 'TOther>(value, 2, &result)
        static member TryConvertToChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: Dual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 0, &result)
        static member TryConvertToSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Dual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 1, &result)
        static member TryConvertToTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Dual<'T>, result: byref<'TOther>) =
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

    interface ISpanParsable<Dual<'T>> with
        static member Parse(s: ReadOnlySpan<char>, provider: IFormatProvider | null) = Dual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: ReadOnlySpan<char>, provider: IFormatProvider | null, result: byref<Dual<'T>>) = Primal.TryParseAs<Dual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IParsable<Dual<'T>> with
        static member Parse(s: string, provider: IFormatProvider | null) = Dual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: string | null, provider: IFormatProvider | null, result: byref<Dual<'T>>) = Primal.TryParseAs<Dual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IUtf8SpanParsable<Dual<'T>> with
        static member Parse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null) : Dual<'T> = Dual<'T>.Constant('T.Parse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null, result: byref<Dual<'T>>) : bool = Primal.TryParseUtf8As<Dual<'T>, 'T>(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)
