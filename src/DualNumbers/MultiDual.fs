namespace Fluxion

open System
open System.Globalization
open System.Numerics
open System.Runtime.CompilerServices
// GenericOperators pins + - * / to 'T; MultiDual-level arithmetic in this file calls the op_ members by name
// (see Dual.fs for why), and tangent vectors use the System.Numerics.Vector functions by name.
open Fluxion.GenericOperators

/// <summary>
/// A multi-tangent dual number: one primal value and <see cref="P:Fluxion.MultiDual`1.Width"/> tangents, held in
/// one SIMD register (<see cref="T:System.Numerics.Vector`1"/>). Evaluating f on inputs seeded with unit
/// tangents gives Width directional derivatives per pass: gradients and Jacobians in chunks of Width columns.
/// </summary>
/// <remarks>
/// <para>'T is a hardware floating-point type (double or float32): Width is <c>Vector&lt;'T&gt;.Count</c>
/// (4 doubles or 8 singles with 256-bit vectors). Every operation is a struct operation on registers; nothing is
/// allocated. To nest, put the multi-tangent dual inside (<c>Dual&lt;MultiDual&lt;double&gt;&gt;</c>), not outside.</para>
/// <para>Like <see cref="T:Fluxion.Dual`1"/>, it implements the .NET generic-math interfaces up to
/// <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>, and every derivative comes from the rule table
/// (<see cref="T:Fluxion.IUnaryRule"/>). Comparisons, equality and hashing use the primal value only.</para>
/// </remarks>
[<Struct; CustomEquality; CustomComparison>]
type MultiDual<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType> =
    /// <summary>The primal (ordinary) value.</summary>
    val Primal: 'T
    /// <summary>The tangents: lane i is the derivative of this value along the i-th seeded direction.</summary>
    val Tangents: Vector<'T>

    /// <summary>Creates a multi-tangent dual number from its primal value and tangents.</summary>
    new(primal: 'T, tangents: Vector<'T>) = { Primal = primal; Tangents = tangents }

    /// <summary>The number of tangents carried per value (directions per pass): <c>Vector&lt;'T&gt;.Count</c>.</summary>
    static member Width = Vector<'T>.Count

    /// <summary>The tangent along the i-th seeded direction (0 ≤ i &lt; Width).</summary>
    member x.Item
        with get (i: int) : 'T = x.Tangents[i]

    /// <summary>A constant: the given value with all tangents zero.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Constant(value: 'T) = MultiDual<'T>(value, Vector<'T>.Zero)

    /// <summary>A variable seeded along direction <paramref name="direction"/>: tangent 1 in that lane, 0 elsewhere.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">direction is not in [0, Width).</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Variable(value: 'T, direction: int) =
        if direction < 0 || direction >= Vector<'T>.Count then
            raise (ArgumentOutOfRangeException(nameof direction, direction, $"The direction must be in [0, {Vector<'T>.Count})."))
        MultiDual<'T>(value, Vector.WithElement(Vector<'T>.Zero, direction, 'T.One))

    // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
    /// <summary>The constant 0 (F#'s <c>LanguagePrimitives.GenericZero</c> reads it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Zero = MultiDual<'T>.Constant 'T.Zero

    /// <summary>The constant 1 (F#'s <c>LanguagePrimitives.GenericOne</c> and <c>pown</c> read it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member One = MultiDual<'T>.Constant 'T.One
#warnon 842

    /// <summary>Converts a plain value to a constant multi-tangent dual number.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Implicit(value: 'T) : MultiDual<'T> = MultiDual<'T>.Constant value

    // ----- the rule table, applied -----------------------------------------------------------

    /// <summary>
    /// Applies a scalar function given its value fx and derivative d1 at x's primal: every tangent is scaled by
    /// d1 (through <see cref="M:Fluxion.Chain.ScaleLanes``1(``0,System.Numerics.Vector{``0})"/>).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Lift(x: MultiDual<'T>, fx: 'T, d1: 'T) : MultiDual<'T> = MultiDual<'T>(fx, Chain.ScaleLanes(d1, x.Tangents))

    /// <summary>Applies a unary rule from the table: value f(x), tangents f′(x)·ẋᵢ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IUnaryRule>(x: MultiDual<'T>) : MultiDual<'T> =
        let fx = 'R.Value x.Primal
        MultiDual<'T>(fx, Chain.ScaleLanes('R.Derivative(x.Primal, fx), x.Tangents))

    /// <summary>Applies a binary rule from the table: value f(x, y), tangents ∂f/∂x·ẋᵢ + ∂f/∂y·ẏᵢ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member inline Apply<'R when 'R :> IBinaryRule>(x: MultiDual<'T>, y: MultiDual<'T>) : MultiDual<'T> =
        let z = 'R.Value(x.Primal, y.Primal)
        let struct (px, py) = 'R.Partials(x.Primal, y.Primal, z)
        MultiDual<'T>(z, Vector.Add(Chain.ScaleLanes(px, x.Tangents), Chain.ScaleLanes(py, y.Tangents)))

    /// The same combination for * and /, with Chain.CombineLanes (fast, zero tangents kept zero) as Dual's * and / use.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private Combine(x: MultiDual<'T>, y: MultiDual<'T>, z: 'T, partials: struct ('T * 'T)) =
        let struct (px, py) = partials
        MultiDual<'T>(z, Chain.CombineLanes(px, x.Tangents, py, y.Tangents))

    // ----- arithmetic ------------------------------------------------------------------------

    /// <summary>Addition (linear: tangents add).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>(x.Primal + y.Primal, Vector.Add(x.Tangents, y.Tangents))
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: MultiDual<'T>, c: 'T) = MultiDual<'T>(x.Primal + c, x.Tangents)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(c: 'T, x: MultiDual<'T>) = MultiDual<'T>(c + x.Primal, x.Tangents)
    /// <summary>Subtraction (linear: tangents subtract).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>(x.Primal - y.Primal, Vector.Subtract(x.Tangents, y.Tangents))
    /// <summary>Subtracts a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: MultiDual<'T>, c: 'T) = MultiDual<'T>(x.Primal - c, x.Tangents)
    /// <summary>Subtracts from a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(c: 'T, x: MultiDual<'T>) = MultiDual<'T>(c - x.Primal, Vector.Negate x.Tangents)
    /// <summary>Multiplication (rule <see cref="T:Fluxion.MultiplyRule"/>; a zero tangent stays zero, see <see cref="T:Fluxion.Chain"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: MultiDual<'T>, y: MultiDual<'T>) =
        MultiDual<'T>.Combine(x, y, x.Primal * y.Primal, R.partialsOf<MultiplyRule, 'T> x.Primal y.Primal 'T.Zero)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: MultiDual<'T>, c: 'T) = MultiDual<'T>.Lift(x, x.Primal * c, c)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(c: 'T, x: MultiDual<'T>) = MultiDual<'T>.Lift(x, c * x.Primal, c)
    /// <summary>Division (rule <see cref="T:Fluxion.DivideRule"/>; IEEE values at a zero divisor, a zero tangent stays zero).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: MultiDual<'T>, y: MultiDual<'T>) =
        let z = x.Primal / y.Primal
        MultiDual<'T>.Combine(x, y, z, R.partialsOf<DivideRule, 'T> x.Primal y.Primal z)
    /// <summary>Divides by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: MultiDual<'T>, c: 'T) = MultiDual<'T>.op_Division(x, MultiDual<'T>.Constant c)
    /// <summary>Divides a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(c: 'T, x: MultiDual<'T>) = MultiDual<'T>.op_Division(MultiDual<'T>.Constant c, x)
    /// <summary>Truncated remainder (rule <see cref="T:Fluxion.ModulusRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (%)(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<ModulusRule>(x, y)
    /// <summary>Negation.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~-)(x: MultiDual<'T>) = MultiDual<'T>(-x.Primal, Vector.Negate x.Tangents)
    /// <summary>Unary plus (identity).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~+)(x: MultiDual<'T>) = x
    /// <summary>Raises to a multi-tangent power, xʸ (rule <see cref="T:Fluxion.PowRule"/>); F#'s <c>**</c>.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<PowRule>(x, y)
    /// <summary>Raises to a constant power xᶜ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: MultiDual<'T>, c: 'T) = MultiDual<'T>.Lift(x, PowerRule.Value(x.Primal, c), PowerRule.Derivative(x.Primal, c))
    /// <summary>Raises to an integer power xⁿ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Pow(x: MultiDual<'T>, n: int) = MultiDual<'T>.Pow(x, 'T.CreateChecked n)

    // ----- integer operands: F#'s `2 * x` and `x / 2` without a `.0`; C#'s int arguments pick these too. The integer
    // becomes a constant 'T by 'T.CreateChecked (exact for |n| ≤ 2⁵³ in float64, 2²⁴ in float32), so each result
    // is the one the 'T-constant overload gives for that constant.

    /// <summary>Adds an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: MultiDual<'T>, n: int) = MultiDual<'T>.op_Addition(x, 'T.CreateChecked n)
    /// <summary>Adds to an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(n: int, x: MultiDual<'T>) = MultiDual<'T>.op_Addition('T.CreateChecked n, x)
    /// <summary>Subtracts an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: MultiDual<'T>, n: int) = MultiDual<'T>.op_Subtraction(x, 'T.CreateChecked n)
    /// <summary>Subtracts from an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(n: int, x: MultiDual<'T>) = MultiDual<'T>.op_Subtraction('T.CreateChecked n, x)
    /// <summary>Multiplies by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: MultiDual<'T>, n: int) = MultiDual<'T>.op_Multiply(x, 'T.CreateChecked n)
    /// <summary>Multiplies an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(n: int, x: MultiDual<'T>) = MultiDual<'T>.op_Multiply('T.CreateChecked n, x)
    /// <summary>Divides by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: MultiDual<'T>, n: int) = MultiDual<'T>.op_Division(x, 'T.CreateChecked n)
    /// <summary>Divides an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(n: int, x: MultiDual<'T>) = MultiDual<'T>.op_Division('T.CreateChecked n, x)

    // ----- comparisons by primal ------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Equality(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_Equality(x.Primal, y.Primal)
    /// <summary>Inequality of primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_Inequality(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_Inequality(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThan(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_LessThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_LessThanOrEqual(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_LessThanOrEqual(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThan(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_GreaterThan(x.Primal, y.Primal)
    /// <summary>Compares primal values.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member op_GreaterThanOrEqual(x: MultiDual<'T>, y: MultiDual<'T>) = 'T.op_GreaterThanOrEqual(x.Primal, y.Primal)

    // ----- elementary functions (each one rule from the table) -------------------------------

    /// <summary>|x|; derivative 0 at 0 (see <see cref="T:Fluxion.AbsRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Abs(x: MultiDual<'T>) = MultiDual<'T>.Apply<AbsRule> x
    /// <summary>√x (see <see cref="T:Fluxion.SqrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sqrt(x: MultiDual<'T>) = MultiDual<'T>.Apply<SqrtRule> x
    /// <summary>∛x (see <see cref="T:Fluxion.CbrtRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cbrt(x: MultiDual<'T>) = MultiDual<'T>.Apply<CbrtRule> x
    /// <summary>eˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp(x: MultiDual<'T>) = MultiDual<'T>.Apply<ExpRule> x
    /// <summary>2ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2(x: MultiDual<'T>) = MultiDual<'T>.Apply<Exp2Rule> x
    /// <summary>10ˣ.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10(x: MultiDual<'T>) = MultiDual<'T>.Apply<Exp10Rule> x
    /// <summary>eˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ExpM1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Expm1Rule> x
    /// <summary>2ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp2M1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Exp2m1Rule> x
    /// <summary>10ˣ − 1.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Exp10M1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Exp10m1Rule> x
    /// <summary>ln x (see <see cref="T:Fluxion.LogRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: MultiDual<'T>) = MultiDual<'T>.Apply<LogRule> x
    /// <summary>Logarithm to a given base, ln x / ln b.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log(x: MultiDual<'T>, newBase: MultiDual<'T>) = MultiDual<'T>.op_Division(MultiDual<'T>.Log x, MultiDual<'T>.Log newBase)
    /// <summary>log₂ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2(x: MultiDual<'T>) = MultiDual<'T>.Apply<Log2Rule> x
    /// <summary>log₁₀ x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10(x: MultiDual<'T>) = MultiDual<'T>.Apply<Log10Rule> x
    /// <summary>ln(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogP1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Log1pRule> x
    /// <summary>log₂(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log2P1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Log2p1Rule> x
    /// <summary>log₁₀(1 + x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Log10P1(x: MultiDual<'T>) = MultiDual<'T>.Apply<Log10p1Rule> x
    /// <summary>sin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sin(x: MultiDual<'T>) =
        let struct (fx, dfx) = SinRule.ValueAndDerivative x.Primal
        MultiDual<'T>.Lift(x, fx, dfx)
    /// <summary>cos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cos(x: MultiDual<'T>) =
        let struct (fx, dfx) = CosRule.ValueAndDerivative x.Primal
        MultiDual<'T>.Lift(x, fx, dfx)
    /// <summary>tan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tan(x: MultiDual<'T>) = MultiDual<'T>.Apply<TanRule> x
    /// <summary>sin(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member SinPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<SinPiRule> x
    /// <summary>cos(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CosPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<CosPiRule> x
    /// <summary>tan(πx).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member TanPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<TanPiRule> x
    /// <summary>arcsin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asin(x: MultiDual<'T>) = MultiDual<'T>.Apply<AsinRule> x
    /// <summary>arccos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acos(x: MultiDual<'T>) = MultiDual<'T>.Apply<AcosRule> x
    /// <summary>arctan x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan(x: MultiDual<'T>) = MultiDual<'T>.Apply<AtanRule> x
    /// <summary>arcsin(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AsinPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<AsinPiRule> x
    /// <summary>arccos(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AcosPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<AcosPiRule> x
    /// <summary>arctan(x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member AtanPi(x: MultiDual<'T>) = MultiDual<'T>.Apply<AtanPiRule> x
    /// <summary>atan2(y, x) (see <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2(y: MultiDual<'T>, x: MultiDual<'T>) = MultiDual<'T>.Apply<Atan2Rule>(y, x)
    /// <summary>atan2(y, x)/π.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atan2Pi(y: MultiDual<'T>, x: MultiDual<'T>) = MultiDual<'T>.op_Division(MultiDual<'T>.Atan2(y, x), 'T.Pi)
    /// <summary>sinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sinh(x: MultiDual<'T>) = MultiDual<'T>.Apply<SinhRule> x
    /// <summary>cosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cosh(x: MultiDual<'T>) = MultiDual<'T>.Apply<CoshRule> x
    /// <summary>tanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Tanh(x: MultiDual<'T>) = MultiDual<'T>.Apply<TanhRule> x
    /// <summary>arsinh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Asinh(x: MultiDual<'T>) = MultiDual<'T>.Apply<AsinhRule> x
    /// <summary>arcosh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Acosh(x: MultiDual<'T>) = MultiDual<'T>.Apply<AcoshRule> x
    /// <summary>artanh x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Atanh(x: MultiDual<'T>) = MultiDual<'T>.Apply<AtanhRule> x
    /// <summary>√(x² + y²) (see <see cref="T:Fluxion.HypotRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Hypot(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<HypotRule>(x, y)
    /// <summary>The n-th root x^(1/n), real for negative x when n is odd (see <see cref="T:Fluxion.RootNRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member RootN(x: MultiDual<'T>, n: int) =
        let fx = RootNRule.Value(x.Primal, n)
        MultiDual<'T>.Lift(x, fx, RootNRule.Derivative(n, fx))
    /// <summary>⌊x⌋ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Floor(x: MultiDual<'T>) = MultiDual<'T>.Apply<FloorRule> x
    /// <summary>⌈x⌉ (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ceiling(x: MultiDual<'T>) = MultiDual<'T>.Apply<CeilingRule> x
    /// <summary>Round to nearest even (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: MultiDual<'T>) = MultiDual<'T>.Apply<RoundRule> x
    /// <summary>Round to a number of digits (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: MultiDual<'T>, digits: int) = MultiDual<'T>.Constant('T.Round(x.Primal, digits))
    /// <summary>Round with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: MultiDual<'T>, mode: MidpointRounding) = MultiDual<'T>.Constant('T.Round(x.Primal, mode))
    /// <summary>Round to digits with a midpoint mode (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Round(x: MultiDual<'T>, digits: int, mode: MidpointRounding) = MultiDual<'T>.Constant('T.Round(x.Primal, digits, mode))
    /// <summary>Round toward zero (derivative 0).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Truncate(x: MultiDual<'T>) = MultiDual<'T>.Apply<TruncateRule> x
    /// <summary>max(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MaxRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Max(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<MaxRule>(x, y)
    /// <summary>min(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MinRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Min(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<MinRule>(x, y)
    /// <summary>max(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MaxNumber(x: MultiDual<'T>, y: MultiDual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else MultiDual<'T>.Max(x, y)
    /// <summary>min(x, y), preferring the number when one argument is NaN.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MinNumber(x: MultiDual<'T>, y: MultiDual<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else MultiDual<'T>.Min(x, y)
    /// <summary>
    /// Clamps x to [min, max]. The derivative flows to x inside the closed interval, to the violated bound outside.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">min is greater than max.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Clamp(x: MultiDual<'T>, min: MultiDual<'T>, max: MultiDual<'T>) =
        if 'T.op_GreaterThan(min.Primal, max.Primal) then
            raise (ArgumentException($"Clamp: min ({min.Primal}) is greater than max ({max.Primal}).", nameof min))
        if 'T.op_LessThan(x.Primal, min.Primal) then min
        elif 'T.op_GreaterThan(x.Primal, max.Primal) then max
        else x
    /// <summary>The sign of the primal as −1, 0 or 1 (generic math's Sign).</summary>
    /// <exception cref="T:System.ArithmeticException">The primal is NaN.</exception>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sign(x: MultiDual<'T>) : int = 'T.Sign x.Primal
    /// <summary>|x| with the sign of y: x or −x, chosen by the signs (derivative follows the choice).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member CopySign(x: MultiDual<'T>, y: MultiDual<'T>) =
        if 'T.IsNegative x.Primal = 'T.IsNegative y.Primal then x else MultiDual<'T>.op_UnaryNegation x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sigmoid(x: MultiDual<'T>) = MultiDual<'T>.Apply<SigmoidRule> x
    /// <summary>softplus ln(1 + eˣ).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Softplus(x: MultiDual<'T>) = MultiDual<'T>.Apply<SoftplusRule> x
    /// <summary>The error function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Erf(x: MultiDual<'T>) = MultiDual<'T>.Apply<ErfRule> x
    /// <summary>The gamma function.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Gamma(x: MultiDual<'T>) = MultiDual<'T>.Apply<GammaRule> x
    /// <summary>ln |Γ(x)|.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member LogGamma(x: MultiDual<'T>) = MultiDual<'T>.Apply<LogGammaRule> x
    /// <summary>The digamma function ψ(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Digamma(x: MultiDual<'T>) = MultiDual<'T>.Apply<DigammaRule> x
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Polygamma(n: int, x: MultiDual<'T>) =
        MultiDual<'T>.Lift(x, PolygammaRule.Value(n, x.Primal), PolygammaRule.Derivative(n, x.Primal))
    /// <summary>
    /// x·y + z with the primal fused (one rounding, as <c>FusedMultiplyAdd</c> of the primal type: generic code that
    /// computes an exact product's error term gets the same value on this type as on 'T); the derivative parts are
    /// those of x·y + z (the multiply and add rules).
    /// </summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member FusedMultiplyAdd(x: MultiDual<'T>, y: MultiDual<'T>, z: MultiDual<'T>) =
        let composed = MultiDual<'T>.op_Addition(MultiDual<'T>.op_Multiply(x, y), z)
        MultiDual<'T>('T.FusedMultiplyAdd(x.Primal, y.Primal, z.Primal), composed.Tangents)
    /// <summary>The IEEE remainder (see <see cref="T:Fluxion.RemainderRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Ieee754Remainder(x: MultiDual<'T>, y: MultiDual<'T>) = MultiDual<'T>.Apply<RemainderRule>(x, y)
    /// <summary>x·2ⁿ (linear in x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member ScaleB(x: MultiDual<'T>, n: int) = MultiDual<'T>.op_Multiply(x, 'T.ScaleB('T.One, n))

    // ----- object members ----------------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    override x.Equals(o: obj) =
        match o with
        | :? MultiDual<'T> as d -> 'T.op_Equality(x.Primal, d.Primal)
        | _ -> false

    /// <summary>Hash of the primal value.</summary>
    override x.GetHashCode() : int = System.Collections.Generic.EqualityComparer<'T>.Default.GetHashCode(x.Primal)

    /// <summary>Formats as "primal + (t₀, t₁, …)·ε".</summary>
    override x.ToString() = x.ToString(null, CultureInfo.CurrentCulture)

    /// <summary>Formats as "primal + (t₀, t₁, …)·ε", applying the format to every part.</summary>
    member x.ToString(format: string | null, provider: IFormatProvider | null) =
        let lanes = x.Tangents
        let joined = String.Join(", ", Array.init Vector<'T>.Count (fun i -> Primal.Format(lanes[i], format, provider)))
        $"{Primal.Format(x.Primal, format, provider)} + ({joined})ε"

    interface IComparable with
        member x.CompareTo(o: obj) : int =
            match o with
            | null -> 1
            | :? MultiDual<'T> as d -> x.Primal.CompareTo(d.Primal)
            | _ -> raise (ArgumentException($"Object must be of type {typeof<MultiDual<'T>>.Name}.", nameof o))

    interface IComparable<MultiDual<'T>> with
        member x.CompareTo(d: MultiDual<'T>) : int = x.Primal.CompareTo(d.Primal)

    interface IEquatable<MultiDual<'T>> with
        member x.Equals(d: MultiDual<'T>) : bool = 'T.op_Equality(x.Primal, d.Primal)

    interface IConstantOf<MultiDual<'T>, 'T> with
        static member Constant value = MultiDual<'T>.Constant value

    interface ISpecialFunctions<MultiDual<'T>> with
        static member Erf x = MultiDual<'T>.Erf x
        static member Gamma x = MultiDual<'T>.Gamma x
        static member LogGamma x = MultiDual<'T>.LogGamma x
        static member Digamma x = MultiDual<'T>.Digamma x
        static member Polygamma(n, x) = MultiDual<'T>.Polygamma(n, x)

    interface IFloatingPointIeee754<MultiDual<'T>> with
        // constants and identities
        // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member E = MultiDual<'T>.Constant 'T.E
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Pi = MultiDual<'T>.Constant 'T.Pi
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Tau = MultiDual<'T>.Constant 'T.Tau
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Epsilon = MultiDual<'T>.Constant 'T.Epsilon
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NaN = MultiDual<'T>.Constant 'T.NaN
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeInfinity = MultiDual<'T>.Constant 'T.NegativeInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeZero = MultiDual<'T>.Constant 'T.NegativeZero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member PositiveInfinity = MultiDual<'T>.Constant 'T.PositiveInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeOne = MultiDual<'T>.Constant 'T.NegativeOne
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member One = MultiDual<'T>.One
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Zero = MultiDual<'T>.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Radix = 'T.Radix
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member AdditiveIdentity = MultiDual<'T>.Constant 'T.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member MultiplicativeIdentity = MultiDual<'T>.Constant 'T.One
#warnon 842
        // operators
        static member op_Addition(x, y) = MultiDual<'T>.op_Addition(x, y)
        static member op_Subtraction(x, y) = MultiDual<'T>.op_Subtraction(x, y)
        static member op_Multiply(x, y) = MultiDual<'T>.op_Multiply(x, y)
        static member op_Division(x, y) = MultiDual<'T>.op_Division(x, y)
        static member op_Modulus(x, y) = MultiDual<'T>.op_Modulus(x, y)
        static member op_UnaryNegation x = MultiDual<'T>.op_UnaryNegation x
        static member op_UnaryPlus x = x
        static member op_Increment x = MultiDual<'T>.op_Addition(x, 'T.One)
        static member op_Decrement x = MultiDual<'T>.op_Subtraction(x, 'T.One)
        static member op_Equality(x, y) = MultiDual<'T>.op_Equality(x, y)
        static member op_Inequality(x, y) = MultiDual<'T>.op_Inequality(x, y)
        static member op_LessThan(x, y) = MultiDual<'T>.op_LessThan(x, y)
        static member op_LessThanOrEqual(x, y) = MultiDual<'T>.op_LessThanOrEqual(x, y)
        static member op_GreaterThan(x, y) = MultiDual<'T>.op_GreaterThan(x, y)
        static member op_GreaterThanOrEqual(x, y) = MultiDual<'T>.op_GreaterThanOrEqual(x, y)
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
        static member Abs x = MultiDual<'T>.Abs x
        static member MaxMagnitude(x, y) = MultiDual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MaxMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else MultiDual<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MinMagnitude(x, y) = MultiDual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member MinMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else MultiDual<'T>.Apply<MinMagnitudeRule>(x, y)
        static member Max(x, y) = MultiDual<'T>.Max(x, y)
        static member Min(x, y) = MultiDual<'T>.Min(x, y)
        static member MaxNumber(x, y) = MultiDual<'T>.MaxNumber(x, y)
        static member MinNumber(x, y) = MultiDual<'T>.MinNumber(x, y)
        static member Clamp(x, lo, hi) = MultiDual<'T>.Clamp(x, lo, hi)
        static member Sign x = MultiDual<'T>.Sign x
        static member CopySign(x, y) = MultiDual<'T>.CopySign(x, y)
        // functions
        static member Sqrt x = MultiDual<'T>.Sqrt x
        static member Cbrt x = MultiDual<'T>.Cbrt x
        static member Hypot(x, y) = MultiDual<'T>.Hypot(x, y)
        static member RootN(x, n) = MultiDual<'T>.RootN(x, n)
        static member Pow(x, y) = MultiDual<'T>.Pow(x, y)
        static member Exp x = MultiDual<'T>.Exp x
        static member Exp2 x = MultiDual<'T>.Exp2 x
        static member Exp10 x = MultiDual<'T>.Exp10 x
        static member ExpM1 x = MultiDual<'T>.ExpM1 x
        static member Exp2M1 x = MultiDual<'T>.Exp2M1 x
        static member Exp10M1 x = MultiDual<'T>.Exp10M1 x
        static member Log(x: MultiDual<'T>) = MultiDual<'T>.Log x
        static member Log(x: MultiDual<'T>, b: MultiDual<'T>) = MultiDual<'T>.Log(x, b)
        static member Log2 x = MultiDual<'T>.Log2 x
        static member Log10 x = MultiDual<'T>.Log10 x
        static member LogP1 x = MultiDual<'T>.LogP1 x
        static member Log2P1 x = MultiDual<'T>.Log2P1 x
        static member Log10P1 x = MultiDual<'T>.Log10P1 x
        static member Sin x = MultiDual<'T>.Sin x
        static member Cos x = MultiDual<'T>.Cos x
        static member Tan x = MultiDual<'T>.Tan x
        static member SinPi x = MultiDual<'T>.SinPi x
        static member CosPi x = MultiDual<'T>.CosPi x
        static member TanPi x = MultiDual<'T>.TanPi x
        static member SinCos x = struct (MultiDual<'T>.Sin x, MultiDual<'T>.Cos x)
        static member SinCosPi x = struct (MultiDual<'T>.SinPi x, MultiDual<'T>.CosPi x)
        static member Asin x = MultiDual<'T>.Asin x
        static member Acos x = MultiDual<'T>.Acos x
        static member Atan x = MultiDual<'T>.Atan x
        static member AsinPi x = MultiDual<'T>.AsinPi x
        static member AcosPi x = MultiDual<'T>.AcosPi x
        static member AtanPi x = MultiDual<'T>.AtanPi x
        static member Atan2(y, x) = MultiDual<'T>.Atan2(y, x)
        static member Atan2Pi(y, x) = MultiDual<'T>.Atan2Pi(y, x)
        static member Sinh x = MultiDual<'T>.Sinh x
        static member Cosh x = MultiDual<'T>.Cosh x
        static member Tanh x = MultiDual<'T>.Tanh x
        static member Asinh x = MultiDual<'T>.Asinh x
        static member Acosh x = MultiDual<'T>.Acosh x
        static member Atanh x = MultiDual<'T>.Atanh x
        static member Floor x = MultiDual<'T>.Floor x
        static member Ceiling x = MultiDual<'T>.Ceiling x
        static member Truncate x = MultiDual<'T>.Truncate x
        static member Round(x: MultiDual<'T>) = MultiDual<'T>.Round x
        static member Round(x: MultiDual<'T>, digits: int) = MultiDual<'T>.Round(x, digits)
        static member Round(x: MultiDual<'T>, mode: MidpointRounding) = MultiDual<'T>.Round(x, mode)
        static member Round(x: MultiDual<'T>, digits: int, mode: MidpointRounding) = MultiDual<'T>.Round(x, digits, mode)
        static member FusedMultiplyAdd(x, y, z) = MultiDual<'T>.FusedMultiplyAdd(x, y, z)
        static member Ieee754Remainder(x, y) = MultiDual<'T>.Ieee754Remainder(x, y)
        static member ScaleB(x, n) = MultiDual<'T>.ScaleB(x, n)
        static member ILogB x = 'T.ILogB x.Primal
        static member BitIncrement x = MultiDual<'T>('T.BitIncrement x.Primal, x.Tangents)
        static member BitDecrement x = MultiDual<'T>('T.BitDecrement x.Primal, x.Tangents)
        // parsing, formatting, conversion (primal only; parsed numbers are constants)
        static member Parse(s: string, style: NumberStyles, provider: IFormatProvider | null) = MultiDual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null) = MultiDual<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null) : MultiDual<'T> = MultiDual<'T>.Constant('T.Parse(utf8, style, provider))
        static member TryParse(s: string | null, style: NumberStyles, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) = Primal.TryParseAs<MultiDual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) = Primal.TryParseAs<MultiDual<'T>, 'T>(s, style, provider, &result)
        static member TryParse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) : bool = Primal.TryParseUtf8As<MultiDual<'T>, 'T>(utf8, style, provider, &result)
        static member TryConvertFromChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<MultiDual<'T>>) = Primal.TryFromAs<MultiDual<'T>, 'T, 'TOther>(value, 0, &result)
        static member TryConvertFromSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<MultiDual<'T>>) = Primal.TryFromAs<MultiDual<'T>, 'T, 'TOther>(value, 1, &result)
        static member TryConvertFromTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<MultiDual<'T>>) = Primal.TryFromAs<MultiDual<'T>, 'T, 'TOther>(value, 2, &result)
        static member TryConvertToChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: MultiDual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 0, &result)
        static member TryConvertToSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: MultiDual<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 1, &result)
        static member TryConvertToTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: MultiDual<'T>, result: byref<'TOther>) =
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

    interface ISpanParsable<MultiDual<'T>> with
        static member Parse(s: ReadOnlySpan<char>, provider: IFormatProvider | null) = MultiDual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: ReadOnlySpan<char>, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) = Primal.TryParseAs<MultiDual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IParsable<MultiDual<'T>> with
        static member Parse(s: string, provider: IFormatProvider | null) = MultiDual<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: string | null, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) = Primal.TryParseAs<MultiDual<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IUtf8SpanParsable<MultiDual<'T>> with
        static member Parse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null) : MultiDual<'T> = MultiDual<'T>.Constant('T.Parse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null, result: byref<MultiDual<'T>>) : bool = Primal.TryParseUtf8As<MultiDual<'T>, 'T>(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)
