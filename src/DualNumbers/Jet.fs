namespace Fluxion

open System
open System.Globalization
open System.Numerics
open System.Runtime.CompilerServices
// GenericOperators pins + - * / to 'T; Jet-level arithmetic in this file calls the Jet op_ members by name.
open Fluxion.GenericOperators

/// <summary>
/// A jet: a truncated Taylor polynomial x(t) = x₀ + x₁t + … + x_K·t^K of order K, whose coefficients are the
/// Taylor coefficients xₖ = x⁽ᵏ⁾(0)/k! (as JAX's <c>jet</c>), not the derivatives themselves. Evaluating f on the
/// jet x₀ + t of order K gives the Taylor coefficients of f at x₀ to order K in one pass: f⁽ᵏ⁾(x₀) = k!·hₖ.
/// </summary>
/// <remarks>
/// <para>Jet implements the .NET generic-math interfaces up to <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>
/// (as <see cref="T:Fluxion.Dual`1"/> does), so code written once against them runs unchanged on it, and it nests
/// with the other number types: <c>Jet&lt;Dual&lt;double&gt;&gt;</c> carries a derivative in a second variable
/// inside every coefficient, <c>Dual&lt;Jet&lt;double&gt;&gt;</c> the other way round.</para>
/// <para>Every elementary function propagates through the rule table: hₖ comes from h′(t) = f′(x(t))·x′(t), with
/// f′ the rule's <c>Derivative</c> evaluated on jets of lower order, or the rule's own recurrence where it offers
/// one (<see cref="T:Fluxion.ITaylorRule"/>). Products and quotients are Cauchy products and their recurrence.</para>
/// <para>Orders: a constant (order 0: <c>Jet.One</c>, literals, converted values) combines with a jet of any
/// order; two jets of different orders above 0 are refused with <see cref="T:System.ArgumentException"/>. The
/// default value is the constant 0. Comparisons, equality and hashing use x₀ only. Conventions at non-smooth
/// points are those of the rule table (docs/conventions.fsx), as for Dual.</para>
/// </remarks>
[<Struct; CustomEquality; CustomComparison>]
type Jet<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// The coefficients x₀…x_K (never written after construction); null for the default value, the constant 0.
    val private c: 'T[]

    /// Wraps an array the caller hands over (no copy; owned is always true): used by the operations, which build
    /// fresh arrays.
    internal new(coefficients: 'T[], _owned: bool) = { c = coefficients }

    /// <summary>Creates a jet from its Taylor coefficients x₀…x_K (copied); the order K is their count minus one.</summary>
    /// <exception cref="T:System.ArgumentNullException">coefficients is null.</exception>
    /// <exception cref="T:System.ArgumentException">No coefficient is given.</exception>
    new(coefficients: 'T[]) =
        if isNull coefficients then raise (ArgumentNullException(nameof coefficients))
        if coefficients.Length = 0 then
            raise (ArgumentException("A jet needs at least one coefficient (x₀, the value).", nameof coefficients))
        { c = Array.copy coefficients }

    /// <summary>The order K: the index of the last coefficient (0 for a constant).</summary>
    member x.Order = if isNull x.c then 0 else Operators.(-) x.c.Length 1

    /// <summary>The value x₀ (the coefficient of t⁰).</summary>
    member x.Primal = if isNull x.c then 'T.Zero else x.c[0]

    /// <summary>The Taylor coefficient xₖ, 0 ≤ k ≤ <see cref="P:Fluxion.Jet`1.Order"/>.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">k is negative or above the order.</exception>
    member x.Item
        with get (k: int) : 'T =
            if k < 0 || k > x.Order then
                raise (ArgumentOutOfRangeException(nameof k, k, $"A jet of order {x.Order} has coefficients 0 to {x.Order}."))
            if isNull x.c then 'T.Zero else x.c[k]

    /// <summary>The Taylor coefficients x₀…x_K as a new array.</summary>
    member x.ToArray() : 'T[] = if isNull x.c then [| 'T.Zero |] else Array.copy x.c

    /// <summary>The k-th derivative k!·xₖ that the coefficient xₖ stands for, 0 ≤ k ≤ <see cref="P:Fluxion.Jet`1.Order"/>.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">k is negative or above the order.</exception>
    member x.Derivative(k: int) : 'T =
        let mutable r = x[k]
        for i in 2 .. k do
            r <- r * Series.count i
        r

    /// <summary>A constant (a jet of order 0): it combines with jets of any order.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Constant(value: 'T) = Jet<'T>([| value |], true)

    /// <summary>The independent variable x₀ + t of the given order (≥ 1): the seed of a Taylor expansion at x₀.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is below 1.</exception>
    static member Variable(value: 'T, order: int) =
        if order < 1 then
            raise (ArgumentOutOfRangeException(nameof order, order, "A variable jet needs order 1 or more (order 0 is a constant)."))
        let a = Array.create (Operators.(+) order 1) 'T.Zero
        a[0] <- value
        a[1] <- 'T.One
        Jet<'T>(a, true)

    // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
    /// <summary>The constant 0 (F#'s <c>LanguagePrimitives.GenericZero</c> reads it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Zero = Jet<'T>.Constant 'T.Zero

    /// <summary>The constant 1 (F#'s <c>LanguagePrimitives.GenericOne</c> and <c>pown</c> read it).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member One = Jet<'T>.Constant 'T.One
#warnon 842

    /// <summary>Converts a plain value to a constant jet.</summary>
    static member op_Implicit(value: 'T) : Jet<'T> = Jet<'T>.Constant value

    // ----- orders and coefficient arrays -------------------------------------------------------

    /// The coefficient array (one zero for the default value).
    member internal x.Raw = if isNull x.c then [| 'T.Zero |] else x.c

    /// The coefficient k, 0 above the order (for constants combined with higher-order jets).
    member internal x.At(k: int) = if isNull x.c || k >= x.c.Length then 'T.Zero else x.c[k]

    /// <summary>The coefficients x₀…x_order as a jet of that order (0 ≤ order ≤ <see cref="P:Fluxion.Jet`1.Order"/>).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative or above this jet's order.</exception>
    member x.TruncateTo(order: int) =
        if order < 0 || order > x.Order then
            raise (ArgumentOutOfRangeException(nameof order, order, $"A jet of order {x.Order} truncates to orders 0 to {x.Order}."))
        if order = x.Order then x else Jet<'T>(Array.sub x.Raw 0 (Operators.(+) order 1), true)

    /// The order of an operation on x and y: constants broadcast, two different nonzero orders are refused.
    static member internal OrderOf(x: Jet<'T>, y: Jet<'T>) : int =
        let kx = x.Order
        let ky = y.Order
        if kx = ky || ky = 0 then kx
        elif kx = 0 then ky
        else
            raise (
                ArgumentException(
                    $"Jets of different orders cannot be combined: order {kx} and order {ky}. Truncate the longer one (TruncateTo), or seed every variable with the same order (constants, order 0, combine with any order).",
                    "y"
                )
            )

    // ----- the rule table, applied -----------------------------------------------------------

    /// h₀ = f(x₀) and d₀ = f′(x₀) given, then hₖ = (d·x′)ₖ₋₁/k and dₖ from next (the k-th coefficient of f′(x(t))).
    static member private Integrate(x: Jet<'T>, h0: 'T, d0: 'T, next: 'T[] -> 'T[] -> 'T[] -> int -> 'T) : Jet<'T> =
        let order = x.Order
        if order = 0 then Jet<'T>.Constant h0
        else
            let xs = x.Raw
            let h = Array.zeroCreate (Operators.(+) order 1)
            let d = Array.zeroCreate order
            h[0] <- h0
            d[0] <- d0
            // f′(x₀) NaN (outside the domain): the whole series of f′ is NaN, as every derivative is there. Computed,
            // its higher coefficients could be 0: the rules write NaN as x·NaN, which keeps x's zero coefficients.
            let outside = 'T.IsNaN d0
            for k in 1 .. order do
                h[k] <- Series.flow d xs k
                if k < order then d[k] <- if outside then d0 else next xs h d k
            Jet<'T>(h, true)

    /// The k-th coefficient of a derivative evaluated on jets of order k (0 when it came out constant).
    static member private CoefficientOf(derivative: Jet<'T>, k: int) = derivative.At k

    /// <summary>
    /// Applies a unary rule by its <c>Derivative</c> alone: dₖ is the k-th coefficient of f′ evaluated on the jets
    /// x and h truncated to order k (exact; one evaluation of f′ per order).
    /// </summary>
    static member Apply<'R when 'R :> IUnaryRule>(x: Jet<'T>) : Jet<'T> =
        let h0 = 'R.Value x.Primal
        Jet<'T>.Integrate(x, h0, 'R.Derivative(x.Primal, h0), fun xs h _ k ->
            Jet<'T>.CoefficientOf('R.Derivative(Jet<'T>(Array.sub xs 0 (Operators.(+) k 1), true), Jet<'T>(Array.sub h 0 (Operators.(+) k 1), true)), k))

    /// <summary>
    /// Applies a unary rule by its Taylor recurrence (<see cref="T:Fluxion.ITaylorRule"/>): the same coefficients
    /// as <see cref="M:Fluxion.Jet`1.Apply``1(Fluxion.Jet{`0})"/> in O(K²) operations.
    /// </summary>
    static member ApplyTaylor<'R when 'R :> IUnaryRule and 'R :> ITaylorRule>(x: Jet<'T>) : Jet<'T> =
        let h0 = 'R.Value x.Primal
        Jet<'T>.Integrate(x, h0, 'R.Derivative(x.Primal, h0), fun xs h d k -> 'R.DerivativeCoefficient(xs, h, d, k))

    /// <summary>
    /// Applies a binary rule by its <c>Partials</c>: h′ = ∂f/∂x·x′ + ∂f/∂y·y′, with the partials evaluated on the
    /// jets truncated to order k for their k-th coefficients.
    /// </summary>
    static member Apply<'R when 'R :> IBinaryRule>(x: Jet<'T>, y: Jet<'T>) : Jet<'T> =
        Jet<'T>.Integrate2<'R>(x, y, fun xs ys h _ _ k ->
            let lower (j: Jet<'T>) (a: 'T[]) = if j.Order = 0 then j else Jet<'T>(Array.sub a 0 (Operators.(+) k 1), true)
            let struct (pk, qk) = 'R.Partials(lower x xs, lower y ys, Jet<'T>(Array.sub h 0 (Operators.(+) k 1), true))
            struct (pk.At k, qk.At k))

    /// <summary>
    /// Applies a binary rule by its Taylor recurrence (<see cref="T:Fluxion.ITaylorBinaryRule"/>): the same coefficients
    /// as <see cref="M:Fluxion.Jet`1.Apply``1(Fluxion.Jet{`0},Fluxion.Jet{`0})"/> without evaluating the partials on jets.
    /// </summary>
    static member ApplyTaylor<'R when 'R :> IBinaryRule and 'R :> ITaylorBinaryRule>(x: Jet<'T>, y: Jet<'T>) : Jet<'T> =
        Jet<'T>.Integrate2<'R>(x, y, fun xs ys h px py k -> 'R.PartialCoefficients(xs, ys, h, px, py, k))

    /// h₀ = f(x₀, y₀) and the partials at (x₀, y₀) from the rule, then hₖ = (px·x′ + py·y′)ₖ₋₁/k and the partials'
    /// k-th coefficients from next.
    static member private Integrate2<'R when 'R :> IBinaryRule>
        (x: Jet<'T>, y: Jet<'T>, next: 'T[] -> 'T[] -> 'T[] -> 'T[] -> 'T[] -> int -> struct ('T * 'T)) : Jet<'T> =
        let order = Jet<'T>.OrderOf(x, y)
        let z0 = 'R.Value(x.Primal, y.Primal)
        if order = 0 then Jet<'T>.Constant z0
        else
            let xs = Array.init (Operators.(+) order 1) x.At
            let ys = Array.init (Operators.(+) order 1) y.At
            let h = Array.zeroCreate (Operators.(+) order 1)
            let px = Array.zeroCreate order
            let py = Array.zeroCreate order
            h[0] <- z0
            let struct (px0, py0) = 'R.Partials(x.Primal, y.Primal, z0)
            px[0] <- px0
            py[0] <- py0
            // As in Integrate: a NaN partial stays NaN in every coefficient (it still meets a zero tangent as 0).
            let outsideX = 'T.IsNaN px0
            let outsideY = 'T.IsNaN py0
            for k in 1 .. order do
                h[k] <- Series.flow px xs k + Series.flow py ys k
                if k < order then
                    let struct (pk, qk) = next xs ys h px py k
                    px[k] <- if outsideX then px0 else pk
                    py[k] <- if outsideY then py0 else qk
            Jet<'T>(h, true)

    /// xᶜ for a constant c: PowerRule's recurrence where x₀ ≠ 0, its Derivative on jets at x₀ = 0 (exact there
    /// for integer c, where the recurrence would divide by x₀).
    static member private PowConstant(x: Jet<'T>, c: 'T) : Jet<'T> =
        let h0 = PowerRule.Value(x.Primal, c)
        let d0 = PowerRule.Derivative(x.Primal, c)
        if 'T.IsZero x.Primal then
            Jet<'T>.Integrate(x, h0, d0, fun xs _ _ k ->
                (PowerRule.Derivative(Jet<'T>(Array.sub xs 0 (Operators.(+) k 1), true), Jet<'T>.Constant c)).At k)
        else Jet<'T>.Integrate(x, h0, d0, fun xs h d k -> PowerRule.DerivativeCoefficient(xs, h, d, k, c))

    // ----- arithmetic ------------------------------------------------------------------------

    /// <summary>Addition (coefficient by coefficient).</summary>
    static member (+)(x: Jet<'T>, y: Jet<'T>) =
        let order = Jet<'T>.OrderOf(x, y)
        Jet<'T>(Array.init (Operators.(+) order 1) (fun k -> x.At k + y.At k), true)
    /// <summary>Adds a constant.</summary>
    static member (+)(x: Jet<'T>, c: 'T) = Jet<'T>.op_Addition(x, Jet<'T>.Constant c)
    /// <summary>Adds a constant.</summary>
    static member (+)(c: 'T, x: Jet<'T>) = Jet<'T>.op_Addition(Jet<'T>.Constant c, x)
    /// <summary>Subtraction (coefficient by coefficient).</summary>
    static member (-)(x: Jet<'T>, y: Jet<'T>) =
        let order = Jet<'T>.OrderOf(x, y)
        Jet<'T>(Array.init (Operators.(+) order 1) (fun k -> x.At k - y.At k), true)
    /// <summary>Subtracts a constant.</summary>
    static member (-)(x: Jet<'T>, c: 'T) = Jet<'T>.op_Subtraction(x, Jet<'T>.Constant c)
    /// <summary>Subtracts from a constant.</summary>
    static member (-)(c: 'T, x: Jet<'T>) = Jet<'T>.op_Subtraction(Jet<'T>.Constant c, x)
    /// <summary>
    /// Multiplication: the Cauchy product (x·y)ₖ = Σ xⱼ·yₖ₋ⱼ; by a constant, each coefficient scaled. A zero
    /// coefficient stays zero against an infinite one (the convention of <see cref="T:Fluxion.Chain"/>).
    /// </summary>
    static member (*)(x: Jet<'T>, y: Jet<'T>) =
        let order = Jet<'T>.OrderOf(x, y)
        if x.Order = 0 then
            let a = x.Primal
            Jet<'T>(Array.map (fun b -> Series.term a b) y.Raw, true)
        elif y.Order = 0 then
            let b = y.Primal
            Jet<'T>(Array.map (fun a -> Series.term a b) x.Raw, true)
        else
            let xs = x.Raw
            let ys = y.Raw
            Jet<'T>(Array.init (Operators.(+) order 1) (Series.product xs ys), true)
    /// <summary>Multiplies by a constant.</summary>
    static member (*)(x: Jet<'T>, c: 'T) = Jet<'T>.op_Multiply(x, Jet<'T>.Constant c)
    /// <summary>Multiplies by a constant.</summary>
    static member (*)(c: 'T, x: Jet<'T>) = Jet<'T>.op_Multiply(Jet<'T>.Constant c, x)
    /// <summary>
    /// Division: q = x/y from q·y = x, qₖ = (xₖ − Σᵢ₌₁ᵏ yᵢ·qₖ₋ᵢ)/y₀; by a constant, each coefficient divided. IEEE
    /// values at y₀ = 0 (1/(0 + t) has coefficients ∞, −∞, …, as Dual gives 1/(0 + 1ε) = ∞ − ∞ε).
    /// </summary>
    static member (/)(x: Jet<'T>, y: Jet<'T>) =
        let order = Jet<'T>.OrderOf(x, y)
        let y0 = y.Primal
        if y.Order = 0 then
            Jet<'T>(Array.map (fun a -> let q = a / y0 in if 'T.IsNaN q then Series.term ('T.One / y0) a else q) x.Raw, true)
        else
            let ys = y.Raw
            let q = Array.zeroCreate (Operators.(+) order 1)
            q[0] <- x.Primal / y0
            for k in 1 .. order do
                q[k] <- (x.At k - Series.sumProducts ys q 1 k) / y0
            Jet<'T>(q, true)
    /// <summary>Divides by a constant.</summary>
    static member (/)(x: Jet<'T>, c: 'T) = Jet<'T>.op_Division(x, Jet<'T>.Constant c)
    /// <summary>Divides a constant.</summary>
    static member (/)(c: 'T, x: Jet<'T>) = Jet<'T>.op_Division(Jet<'T>.Constant c, x)
    /// <summary>Truncated remainder (rule <see cref="T:Fluxion.ModulusRule"/>).</summary>
    static member (%)(x: Jet<'T>, y: Jet<'T>) = Jet<'T>.Apply<ModulusRule>(x, y)
    /// <summary>Negation.</summary>
    static member (~-)(x: Jet<'T>) = Jet<'T>(Array.map (fun a -> -a) x.Raw, true)
    /// <summary>Unary plus (identity).</summary>
    static member (~+)(x: Jet<'T>) = x
    /// <summary>
    /// Raises to a jet power xʸ (rule <see cref="T:Fluxion.PowRule"/>, by its recurrence for x₀ &gt; 0); a constant
    /// exponent (order 0) goes through <see cref="T:Fluxion.PowerRule"/>. F#'s <c>**</c>.
    /// </summary>
    static member Pow(x: Jet<'T>, y: Jet<'T>) =
        if y.Order = 0 then Jet<'T>.PowConstant(x, y.Primal)
        // PowRule's recurrence divides by x₀ and takes ln x₀: only for x₀ > 0; the partials on jets elsewhere.
        elif 'T.op_GreaterThan(x.Primal, 'T.Zero) && 'T.IsFinite x.Primal then Jet<'T>.ApplyTaylor<PowRule>(x, y)
        else Jet<'T>.Apply<PowRule>(x, y)
    /// <summary>Raises to a constant power xᶜ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    static member Pow(x: Jet<'T>, c: 'T) = Jet<'T>.PowConstant(x, c)
    /// <summary>Raises to an integer power xⁿ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    static member Pow(x: Jet<'T>, n: int) = Jet<'T>.PowConstant(x, 'T.CreateChecked n)

    // ----- integer operands (as Dual): F#'s `2 * x` and `x / 2`; C#'s int arguments pick these too. The integer
    // becomes the constant 'T.CreateChecked n, so each result is the one the 'T-constant overload gives.

    /// <summary>Adds an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (+)(x: Jet<'T>, n: int) = Jet<'T>.op_Addition(x, 'T.CreateChecked n)
    /// <summary>Adds to an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (+)(n: int, x: Jet<'T>) = Jet<'T>.op_Addition('T.CreateChecked n, x)
    /// <summary>Subtracts an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (-)(x: Jet<'T>, n: int) = Jet<'T>.op_Subtraction(x, 'T.CreateChecked n)
    /// <summary>Subtracts from an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (-)(n: int, x: Jet<'T>) = Jet<'T>.op_Subtraction('T.CreateChecked n, x)
    /// <summary>Multiplies by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (*)(x: Jet<'T>, n: int) = Jet<'T>.op_Multiply(x, 'T.CreateChecked n)
    /// <summary>Multiplies an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (*)(n: int, x: Jet<'T>) = Jet<'T>.op_Multiply('T.CreateChecked n, x)
    /// <summary>Divides by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (/)(x: Jet<'T>, n: int) = Jet<'T>.op_Division(x, 'T.CreateChecked n)
    /// <summary>Divides an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (/)(n: int, x: Jet<'T>) = Jet<'T>.op_Division('T.CreateChecked n, x)

    // ----- comparisons by the value x₀ -------------------------------------------------------

    /// <summary>Equality of the values x₀.</summary>
    static member op_Equality(x: Jet<'T>, y: Jet<'T>) = 'T.op_Equality(x.Primal, y.Primal)
    /// <summary>Inequality of the values x₀.</summary>
    static member op_Inequality(x: Jet<'T>, y: Jet<'T>) = 'T.op_Inequality(x.Primal, y.Primal)
    /// <summary>Compares the values x₀.</summary>
    static member op_LessThan(x: Jet<'T>, y: Jet<'T>) = 'T.op_LessThan(x.Primal, y.Primal)
    /// <summary>Compares the values x₀.</summary>
    static member op_LessThanOrEqual(x: Jet<'T>, y: Jet<'T>) = 'T.op_LessThanOrEqual(x.Primal, y.Primal)
    /// <summary>Compares the values x₀.</summary>
    static member op_GreaterThan(x: Jet<'T>, y: Jet<'T>) = 'T.op_GreaterThan(x.Primal, y.Primal)
    /// <summary>Compares the values x₀.</summary>
    static member op_GreaterThanOrEqual(x: Jet<'T>, y: Jet<'T>) = 'T.op_GreaterThanOrEqual(x.Primal, y.Primal)

    // ----- elementary functions (each one rule from the table) -------------------------------

    /// <summary>|x|; derivative 0 at 0 (see <see cref="T:Fluxion.AbsRule"/>).</summary>
    static member Abs(x: Jet<'T>) = Jet<'T>.Apply<AbsRule> x
    /// <summary>√x (see <see cref="T:Fluxion.SqrtRule"/>).</summary>
    static member Sqrt(x: Jet<'T>) = Jet<'T>.ApplyTaylor<SqrtRule> x
    /// <summary>∛x (see <see cref="T:Fluxion.CbrtRule"/>).</summary>
    static member Cbrt(x: Jet<'T>) = Jet<'T>.ApplyTaylor<CbrtRule> x
    /// <summary>eˣ.</summary>
    static member Exp(x: Jet<'T>) = Jet<'T>.ApplyTaylor<ExpRule> x
    /// <summary>2ˣ.</summary>
    static member Exp2(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Exp2Rule> x
    /// <summary>10ˣ.</summary>
    static member Exp10(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Exp10Rule> x
    /// <summary>eˣ − 1.</summary>
    static member ExpM1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Expm1Rule> x
    /// <summary>2ˣ − 1.</summary>
    static member Exp2M1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Exp2m1Rule> x
    /// <summary>10ˣ − 1.</summary>
    static member Exp10M1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Exp10m1Rule> x
    /// <summary>ln x (see <see cref="T:Fluxion.LogRule"/>).</summary>
    static member Log(x: Jet<'T>) = Jet<'T>.ApplyTaylor<LogRule> x
    /// <summary>Logarithm to a given base, ln x / ln b.</summary>
    static member Log(x: Jet<'T>, newBase: Jet<'T>) = Jet<'T>.op_Division(Jet<'T>.Log x, Jet<'T>.Log newBase)
    /// <summary>log₂ x.</summary>
    static member Log2(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Log2Rule> x
    /// <summary>log₁₀ x.</summary>
    static member Log10(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Log10Rule> x
    /// <summary>ln(1 + x).</summary>
    static member LogP1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Log1pRule> x
    /// <summary>log₂(1 + x).</summary>
    static member Log2P1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Log2p1Rule> x
    /// <summary>log₁₀(1 + x).</summary>
    static member Log10P1(x: Jet<'T>) = Jet<'T>.ApplyTaylor<Log10p1Rule> x
    /// <summary>sin x.</summary>
    static member Sin(x: Jet<'T>) = Jet<'T>.ApplyTaylor<SinRule> x
    /// <summary>cos x.</summary>
    static member Cos(x: Jet<'T>) = Jet<'T>.ApplyTaylor<CosRule> x
    /// <summary>tan x.</summary>
    static member Tan(x: Jet<'T>) = Jet<'T>.ApplyTaylor<TanRule> x
    /// <summary>sin(πx).</summary>
    static member SinPi(x: Jet<'T>) = Jet<'T>.ApplyTaylor<SinPiRule> x
    /// <summary>cos(πx).</summary>
    static member CosPi(x: Jet<'T>) = Jet<'T>.ApplyTaylor<CosPiRule> x
    /// <summary>tan(πx).</summary>
    static member TanPi(x: Jet<'T>) = Jet<'T>.ApplyTaylor<TanPiRule> x
    /// <summary>arcsin x.</summary>
    static member Asin(x: Jet<'T>) = Jet<'T>.Apply<AsinRule> x
    /// <summary>arccos x.</summary>
    static member Acos(x: Jet<'T>) = Jet<'T>.Apply<AcosRule> x
    /// <summary>arctan x.</summary>
    static member Atan(x: Jet<'T>) = Jet<'T>.ApplyTaylor<AtanRule> x
    /// <summary>arcsin(x)/π.</summary>
    static member AsinPi(x: Jet<'T>) = Jet<'T>.Apply<AsinPiRule> x
    /// <summary>arccos(x)/π.</summary>
    static member AcosPi(x: Jet<'T>) = Jet<'T>.Apply<AcosPiRule> x
    /// <summary>arctan(x)/π.</summary>
    static member AtanPi(x: Jet<'T>) = Jet<'T>.ApplyTaylor<AtanPiRule> x
    /// <summary>atan2(y, x) (see <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    static member Atan2(y: Jet<'T>, x: Jet<'T>) = Jet<'T>.Apply<Atan2Rule>(y, x)
    /// <summary>atan2(y, x)/π.</summary>
    static member Atan2Pi(y: Jet<'T>, x: Jet<'T>) =
        Jet<'T>.op_Division(Jet<'T>.Atan2(y, x), 'T.Pi)
    /// <summary>sinh x.</summary>
    static member Sinh(x: Jet<'T>) = Jet<'T>.ApplyTaylor<SinhRule> x
    /// <summary>cosh x.</summary>
    static member Cosh(x: Jet<'T>) = Jet<'T>.ApplyTaylor<CoshRule> x
    /// <summary>tanh x.</summary>
    static member Tanh(x: Jet<'T>) = Jet<'T>.ApplyTaylor<TanhRule> x
    /// <summary>arsinh x.</summary>
    static member Asinh(x: Jet<'T>) = Jet<'T>.Apply<AsinhRule> x
    /// <summary>arcosh x.</summary>
    static member Acosh(x: Jet<'T>) = Jet<'T>.Apply<AcoshRule> x
    /// <summary>artanh x.</summary>
    static member Atanh(x: Jet<'T>) = Jet<'T>.Apply<AtanhRule> x
    /// <summary>√(x² + y²) (see <see cref="T:Fluxion.HypotRule"/>).</summary>
    static member Hypot(x: Jet<'T>, y: Jet<'T>) = Jet<'T>.Apply<HypotRule>(x, y)
    /// <summary>The n-th root x^(1/n), real for negative x when n is odd (see <see cref="T:Fluxion.RootNRule"/>).</summary>
    static member RootN(x: Jet<'T>, n: int) =
        // RootNRule's recurrence divides by x₀; at 0 its Derivative on jets (infinite there, as in Dual).
        let h0 = RootNRule.Value(x.Primal, n)
        let d0 = RootNRule.Derivative(n, h0)
        if 'T.IsZero x.Primal then
            Jet<'T>.Integrate(x, h0, d0, fun _ h _ k -> (RootNRule.Derivative(n, Jet<'T>(Array.sub h 0 (Operators.(+) k 1), true))).At k)
        else Jet<'T>.Integrate(x, h0, d0, fun xs h d k -> RootNRule.DerivativeCoefficient(xs, h, d, k, n))
    /// <summary>⌊x⌋ (derivative 0).</summary>
    static member Floor(x: Jet<'T>) = Jet<'T>.Apply<FloorRule> x
    /// <summary>⌈x⌉ (derivative 0).</summary>
    static member Ceiling(x: Jet<'T>) = Jet<'T>.Apply<CeilingRule> x
    /// <summary>Round to nearest even (derivative 0).</summary>
    static member Round(x: Jet<'T>) = Jet<'T>.Apply<RoundRule> x
    /// <summary>Round to a number of digits (derivative 0).</summary>
    static member Round(x: Jet<'T>, digits: int) = Jet<'T>.Constant('T.Round(x.Primal, digits))
    /// <summary>Round with a midpoint mode (derivative 0).</summary>
    static member Round(x: Jet<'T>, mode: MidpointRounding) = Jet<'T>.Constant('T.Round(x.Primal, mode))
    /// <summary>Round to digits with a midpoint mode (derivative 0).</summary>
    static member Round(x: Jet<'T>, digits: int, mode: MidpointRounding) = Jet<'T>.Constant('T.Round(x.Primal, digits, mode))
    /// <summary>Round toward zero (derivative 0).</summary>
    static member Truncate(x: Jet<'T>) = Jet<'T>.Apply<TruncateRule> x
    /// <summary>max(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MaxRule"/>).</summary>
    static member Max(x: Jet<'T>, y: Jet<'T>) = Jet<'T>.Apply<MaxRule>(x, y)
    /// <summary>min(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MinRule"/>).</summary>
    static member Min(x: Jet<'T>, y: Jet<'T>) = Jet<'T>.Apply<MinRule>(x, y)
    /// <summary>max(x, y), preferring the number when one argument is NaN.</summary>
    static member MaxNumber(x: Jet<'T>, y: Jet<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Jet<'T>.Max(x, y)
    /// <summary>min(x, y), preferring the number when one argument is NaN.</summary>
    static member MinNumber(x: Jet<'T>, y: Jet<'T>) =
        if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Jet<'T>.Min(x, y)
    /// <summary>
    /// Clamps x to [min, max]. The derivative flows to x inside the closed interval, to the violated bound outside.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">min is greater than max.</exception>
    static member Clamp(x: Jet<'T>, min: Jet<'T>, max: Jet<'T>) =
        if 'T.op_GreaterThan(min.Primal, max.Primal) then
            raise (ArgumentException($"Clamp: min ({min.Primal}) is greater than max ({max.Primal}).", nameof min))
        if 'T.op_LessThan(x.Primal, min.Primal) then min
        elif 'T.op_GreaterThan(x.Primal, max.Primal) then max
        else x
    /// <summary>The sign of the primal as −1, 0 or 1 (generic math's Sign).</summary>
    /// <exception cref="T:System.ArithmeticException">The primal is NaN.</exception>
    static member Sign(x: Jet<'T>) : int = 'T.Sign x.Primal
    /// <summary>|x| with the sign of y: x or −x, chosen by the signs (derivative follows the choice).</summary>
    static member CopySign(x: Jet<'T>, y: Jet<'T>) =
        if 'T.IsNegative x.Primal = 'T.IsNegative y.Primal then x else Jet<'T>.op_UnaryNegation x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ).</summary>
    static member Sigmoid(x: Jet<'T>) = Jet<'T>.ApplyTaylor<SigmoidRule> x
    /// <summary>softplus ln(1 + eˣ).</summary>
    static member Softplus(x: Jet<'T>) = Jet<'T>.Apply<SoftplusRule> x
    /// <summary>The error function.</summary>
    static member Erf(x: Jet<'T>) = Jet<'T>.Apply<ErfRule> x
    /// <summary>The gamma function.</summary>
    static member Gamma(x: Jet<'T>) = Jet<'T>.Apply<GammaRule> x
    /// <summary>ln |Γ(x)|.</summary>
    static member LogGamma(x: Jet<'T>) = Jet<'T>.Apply<LogGammaRule> x
    /// <summary>The digamma function ψ(x).</summary>
    static member Digamma(x: Jet<'T>) = Jet<'T>.Apply<DigammaRule> x
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x).</summary>
    static member Polygamma(n: int, x: Jet<'T>) =
        Jet<'T>.Integrate(x, PolygammaRule.Value(n, x.Primal), PolygammaRule.Derivative(n, x.Primal), fun xs _ _ k ->
            (PolygammaRule.Derivative(n, Jet<'T>(Array.sub xs 0 (Operators.(+) k 1), true))).At k)
    /// <summary>
    /// x·y + z with the primal fused (one rounding, as <c>FusedMultiplyAdd</c> of the primal type: generic code that
    /// computes an exact product's error term gets the same value on this type as on 'T); the derivative parts are
    /// those of x·y + z (the multiply and add rules).
    /// </summary>
    static member FusedMultiplyAdd(x: Jet<'T>, y: Jet<'T>, z: Jet<'T>) =
        let composed = (Jet<'T>.op_Addition(Jet<'T>.op_Multiply(x, y), z)).ToArray()
        composed[0] <- 'T.FusedMultiplyAdd(x.Primal, y.Primal, z.Primal)
        Jet<'T>(composed, true)
    /// <summary>The IEEE remainder (see <see cref="T:Fluxion.RemainderRule"/>).</summary>
    static member Ieee754Remainder(x: Jet<'T>, y: Jet<'T>) = Jet<'T>.Apply<RemainderRule>(x, y)
    /// <summary>x·2ⁿ (linear in x).</summary>
    static member ScaleB(x: Jet<'T>, n: int) = Jet<'T>(Array.map (fun a -> 'T.ScaleB(a, n)) x.Raw, true)

    // ----- object members ----------------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    override x.Equals(o: obj) =
        match o with
        | :? Jet<'T> as d -> 'T.op_Equality(x.Primal, d.Primal)
        | _ -> false

    /// <summary>Hash of the primal value.</summary>
    override x.GetHashCode() : int = System.Collections.Generic.EqualityComparer<'T>.Default.GetHashCode(x.Primal)

    /// <summary>Formats the coefficients as a polynomial in t: "x₀ + x₁t + x₂t² + …".</summary>
    override x.ToString() = x.ToString(null, CultureInfo.CurrentCulture)

    /// <summary>Formats the coefficients as a polynomial in t, applying the format to each.</summary>
    member x.ToString(format: string | null, provider: IFormatProvider | null) =
        let power k =
            if k = 0 then ""
            elif k = 1 then "t"
            else String.Concat("t", String.Concat(string k |> Seq.map (fun ch -> "⁰¹²³⁴⁵⁶⁷⁸⁹"[Operators.(-) (int ch) (int '0')])))
        x.Raw |> Array.mapi (fun k a -> String.Concat(Primal.Format(a, format, provider), power k)) |> String.concat " + "

    /// The same coefficients with x₀ replaced (BitIncrement and BitDecrement move the value only).
    static member private WithPrimal(x: Jet<'T>, value: 'T) =
        let a = x.ToArray()
        a[0] <- value
        Jet<'T>(a, true)

    interface IComparable with
        member x.CompareTo(o: obj) : int =
            match o with
            | null -> 1
            | :? Jet<'T> as d -> x.Primal.CompareTo(d.Primal)
            | _ -> raise (ArgumentException($"Object must be of type {typeof<Jet<'T>>.Name}.", nameof o))

    interface IComparable<Jet<'T>> with
        member x.CompareTo(d: Jet<'T>) : int = x.Primal.CompareTo(d.Primal)

    interface IEquatable<Jet<'T>> with
        member x.Equals(d: Jet<'T>) : bool = 'T.op_Equality(x.Primal, d.Primal)

    interface IConstantOf<Jet<'T>, 'T> with
        static member Constant value = Jet<'T>.Constant value

    interface ISpecialFunctions<Jet<'T>> with
        static member Erf x = Jet<'T>.Erf x
        static member Gamma x = Jet<'T>.Gamma x
        static member LogGamma x = Jet<'T>.LogGamma x
        static member Digamma x = Jet<'T>.Digamma x
        static member Polygamma(n, x) = Jet<'T>.Polygamma(n, x)

    interface IFloatingPointIeee754<Jet<'T>> with
        // constants and identities
        // MethodImpl on a property marks its getter (F# has no other way to mark one) but warns FS0842: silenced here only.
#nowarn 842
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member E = Jet<'T>.Constant 'T.E
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Pi = Jet<'T>.Constant 'T.Pi
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Tau = Jet<'T>.Constant 'T.Tau
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Epsilon = Jet<'T>.Constant 'T.Epsilon
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NaN = Jet<'T>.Constant 'T.NaN
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeInfinity = Jet<'T>.Constant 'T.NegativeInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeZero = Jet<'T>.Constant 'T.NegativeZero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member PositiveInfinity = Jet<'T>.Constant 'T.PositiveInfinity
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member NegativeOne = Jet<'T>.Constant 'T.NegativeOne
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member One = Jet<'T>.One
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Zero = Jet<'T>.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member Radix = 'T.Radix
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member AdditiveIdentity = Jet<'T>.Constant 'T.Zero
        [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
        static member MultiplicativeIdentity = Jet<'T>.Constant 'T.One
#warnon 842
        // operators
        static member op_Addition(x, y) = Jet<'T>.op_Addition(x, y)
        static member op_Subtraction(x, y) = Jet<'T>.op_Subtraction(x, y)
        static member op_Multiply(x, y) = Jet<'T>.op_Multiply(x, y)
        static member op_Division(x, y) = Jet<'T>.op_Division(x, y)
        static member op_Modulus(x, y) = Jet<'T>.op_Modulus(x, y)
        static member op_UnaryNegation x = Jet<'T>.op_UnaryNegation x
        static member op_UnaryPlus x = x
        static member op_Increment x = Jet<'T>.op_Addition(x, 'T.One)
        static member op_Decrement x = Jet<'T>.op_Subtraction(x, 'T.One)
        static member op_Equality(x, y) = Jet<'T>.op_Equality(x, y)
        static member op_Inequality(x, y) = Jet<'T>.op_Inequality(x, y)
        static member op_LessThan(x, y) = Jet<'T>.op_LessThan(x, y)
        static member op_LessThanOrEqual(x, y) = Jet<'T>.op_LessThanOrEqual(x, y)
        static member op_GreaterThan(x, y) = Jet<'T>.op_GreaterThan(x, y)
        static member op_GreaterThanOrEqual(x, y) = Jet<'T>.op_GreaterThanOrEqual(x, y)
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
        static member Abs x = Jet<'T>.Abs x
        static member MaxMagnitude(x, y) = Jet<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MaxMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Jet<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MinMagnitude(x, y) = Jet<'T>.Apply<MinMagnitudeRule>(x, y)
        static member MinMagnitudeNumber(x, y) =
            if 'T.IsNaN x.Primal then y elif 'T.IsNaN y.Primal then x else Jet<'T>.Apply<MinMagnitudeRule>(x, y)
        static member Max(x, y) = Jet<'T>.Max(x, y)
        static member Min(x, y) = Jet<'T>.Min(x, y)
        static member MaxNumber(x, y) = Jet<'T>.MaxNumber(x, y)
        static member MinNumber(x, y) = Jet<'T>.MinNumber(x, y)
        static member Clamp(x, lo, hi) = Jet<'T>.Clamp(x, lo, hi)
        static member Sign x = Jet<'T>.Sign x
        static member CopySign(x, y) = Jet<'T>.CopySign(x, y)
        // functions
        static member Sqrt x = Jet<'T>.Sqrt x
        static member Cbrt x = Jet<'T>.Cbrt x
        static member Hypot(x, y) = Jet<'T>.Hypot(x, y)
        static member RootN(x, n) = Jet<'T>.RootN(x, n)
        static member Pow(x, y) = Jet<'T>.Pow(x, y)
        static member Exp x = Jet<'T>.Exp x
        static member Exp2 x = Jet<'T>.Exp2 x
        static member Exp10 x = Jet<'T>.Exp10 x
        static member ExpM1 x = Jet<'T>.ExpM1 x
        static member Exp2M1 x = Jet<'T>.Exp2M1 x
        static member Exp10M1 x = Jet<'T>.Exp10M1 x
        static member Log(x: Jet<'T>) = Jet<'T>.Log x
        static member Log(x: Jet<'T>, b: Jet<'T>) = Jet<'T>.Log(x, b)
        static member Log2 x = Jet<'T>.Log2 x
        static member Log10 x = Jet<'T>.Log10 x
        static member LogP1 x = Jet<'T>.LogP1 x
        static member Log2P1 x = Jet<'T>.Log2P1 x
        static member Log10P1 x = Jet<'T>.Log10P1 x
        static member Sin x = Jet<'T>.Sin x
        static member Cos x = Jet<'T>.Cos x
        static member Tan x = Jet<'T>.Tan x
        static member SinPi x = Jet<'T>.SinPi x
        static member CosPi x = Jet<'T>.CosPi x
        static member TanPi x = Jet<'T>.TanPi x
        static member SinCos x = struct (Jet<'T>.Sin x, Jet<'T>.Cos x)
        static member SinCosPi x = struct (Jet<'T>.SinPi x, Jet<'T>.CosPi x)
        static member Asin x = Jet<'T>.Asin x
        static member Acos x = Jet<'T>.Acos x
        static member Atan x = Jet<'T>.Atan x
        static member AsinPi x = Jet<'T>.AsinPi x
        static member AcosPi x = Jet<'T>.AcosPi x
        static member AtanPi x = Jet<'T>.AtanPi x
        static member Atan2(y, x) = Jet<'T>.Atan2(y, x)
        static member Atan2Pi(y, x) = Jet<'T>.Atan2Pi(y, x)
        static member Sinh x = Jet<'T>.Sinh x
        static member Cosh x = Jet<'T>.Cosh x
        static member Tanh x = Jet<'T>.Tanh x
        static member Asinh x = Jet<'T>.Asinh x
        static member Acosh x = Jet<'T>.Acosh x
        static member Atanh x = Jet<'T>.Atanh x
        static member Floor x = Jet<'T>.Floor x
        static member Ceiling x = Jet<'T>.Ceiling x
        static member Truncate x = Jet<'T>.Truncate x
        static member Round(x: Jet<'T>) = Jet<'T>.Round x
        static member Round(x: Jet<'T>, digits: int) = Jet<'T>.Round(x, digits)
        static member Round(x: Jet<'T>, mode: MidpointRounding) = Jet<'T>.Round(x, mode)
        static member Round(x: Jet<'T>, digits: int, mode: MidpointRounding) = Jet<'T>.Round(x, digits, mode)
        static member FusedMultiplyAdd(x, y, z) = Jet<'T>.FusedMultiplyAdd(x, y, z)
        static member Ieee754Remainder(x, y) = Jet<'T>.Ieee754Remainder(x, y)
        static member ScaleB(x, n) = Jet<'T>.ScaleB(x, n)
        static member ILogB x = 'T.ILogB x.Primal
        static member BitIncrement x = Jet<'T>.WithPrimal(x, 'T.BitIncrement x.Primal)
        static member BitDecrement x = Jet<'T>.WithPrimal(x, 'T.BitDecrement x.Primal)
        // parsing, formatting, conversion (primal only; parsed numbers are constants)
        static member Parse(s: string, style: NumberStyles, provider: IFormatProvider | null) = Jet<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null) = Jet<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null) : Jet<'T> = Jet<'T>.Constant('T.Parse(utf8, style, provider))
        static member TryParse(s: string | null, style: NumberStyles, provider: IFormatProvider | null, result: byref<Jet<'T>>) = Primal.TryParseAs<Jet<'T>, 'T>(s, style, provider, &result)
        static member TryParse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Jet<'T>>) = Primal.TryParseAs<Jet<'T>, 'T>(s, style, provider, &result)
        static member TryParse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Jet<'T>>) : bool = Primal.TryParseUtf8As<Jet<'T>, 'T>(utf8, style, provider, &result)
        static member TryConvertFromChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Jet<'T>>) = Primal.TryFromAs<Jet<'T>, 'T, 'TOther>(value, 0, &result)
        static member TryConvertFromSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Jet<'T>>) = Primal.TryFromAs<Jet<'T>, 'T, 'TOther>(value, 1, &result)
        static member TryConvertFromTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Jet<'T>>) = Primal.TryFromAs<Jet<'T>, 'T, 'TOther>(value, 2, &result)
        static member TryConvertToChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: Jet<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 0, &result)
        static member TryConvertToSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Jet<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Primal, 1, &result)
        static member TryConvertToTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Jet<'T>, result: byref<'TOther>) =
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

    interface ISpanParsable<Jet<'T>> with
        static member Parse(s: ReadOnlySpan<char>, provider: IFormatProvider | null) = Jet<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: ReadOnlySpan<char>, provider: IFormatProvider | null, result: byref<Jet<'T>>) = Primal.TryParseAs<Jet<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IParsable<Jet<'T>> with
        static member Parse(s: string, provider: IFormatProvider | null) = Jet<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: string | null, provider: IFormatProvider | null, result: byref<Jet<'T>>) = Primal.TryParseAs<Jet<'T>, 'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)

    interface IUtf8SpanParsable<Jet<'T>> with
        static member Parse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null) : Jet<'T> = Jet<'T>.Constant('T.Parse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null, result: byref<Jet<'T>>) : bool = Primal.TryParseUtf8As<Jet<'T>, 'T>(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &result)
