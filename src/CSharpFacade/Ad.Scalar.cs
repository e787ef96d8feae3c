namespace Fluxion;

/// <summary>
/// Automatic differentiation for C#: exact derivatives, gradients, Jacobians, Hessians and their products
/// of ordinary C# lambdas and of code written once with .NET generic math.
/// </summary>
/// <remarks>
/// <para>Each operation takes a plain lambda and picks the mode a careful user would pick (like MathNet's
/// <c>Differentiate</c> or JAX's <c>grad</c>, <c>jacobian</c>, <c>hessian</c>): derivatives and Jacobian-vector
/// products by forward mode, gradients, vector-Jacobian products and Jacobians by reverse mode, Hessians and
/// Hessian-vector products by forward over reverse. The lambda's parameter is Fluxion's number type for that mode,
/// inferred by the compiler, so <c>Ad.Gradient(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0])</c> compiles as written.
/// To choose forward mode where the default is reverse, call the method named <c>Forward…</c>
/// (<see cref="ForwardGradient(Func{MultiDual{double}[], MultiDual{double}}, ReadOnlySpan{double})"/>,
/// <see cref="ForwardJacobian(Func{MultiDual{double}[], MultiDual{double}[]}, ReadOnlySpan{double})"/>).</para>
/// <para>Three ways to hand over a function. A lambda: <c>Ad.Derivative(x =&gt; x * x * x + 3 * x, 2.0)</c>;
/// arithmetic operators and numeric literals work as written, but <c>Math.Sin(x)</c> does not (it takes a
/// <see cref="double"/>): write <c>Dual&lt;double&gt;.Sin(x)</c>, or use a generic method. A generic method written
/// with .NET generic math, passed by name: <c>static T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x * T.Sin(x);</c>
/// then <c>Ad.Derivative(F, 2.0)</c>; the compiler infers <c>T</c> from the operation, so one method serves every
/// operation (<c>Ad.Gradient(Energy, x)</c>, <c>Ad.Hessian(Energy, x)</c>, …). An object implementing
/// <see cref="IScalarFunction"/>, <see cref="IMultivariateFunction"/> or <see cref="IVectorFunction"/>, whose generic
/// method Fluxion calls on whichever number types the job needs; <see cref="Jacobian(IVectorFunction, ReadOnlySpan{double})"/>
/// then picks forward or reverse mode from the shape of f.</para>
/// <para>Every entry point calls the library's engines (<see cref="ForwardMode"/> and <see cref="ReverseMode"/>)
/// and refuses bad input with an <see cref="ArgumentException"/> (or a subclass) that names the argument: null
/// functions, empty points, seed vectors of the wrong length or with NaN or infinite entries, and functions whose
/// output does not fit the question asked. A derivative taken inside the function of another one over the same
/// number type (the classic perturbation-confusion trap) throws <see cref="InvalidOperationException"/> instead of
/// returning a wrong number.</para>
/// <para>For one small function at millions of points (values, JVPs, second derivatives, per-sample Jacobians and
/// VJPs in one call, on all cores or a GPU), write it as a struct implementing <see cref="IPointFunction"/> and use
/// <see cref="Batched{F}"/>: <c>Batched&lt;Spring&gt;.Jvp(points, directions)</c>.</para>
/// </remarks>
public static partial class Ad
{
    /// <summary>The derivative f′(x) of a scalar function, by forward mode (one pass on <see cref="Dual{T}"/>).</summary>
    /// <param name="f">f on <see cref="Dual{T}"/> of <see cref="double"/>: a lambda such as <c>x =&gt; x * x * x + 3 * x</c>,
    /// or a generic method passed by name. Operators and numeric literals work on <c>Dual&lt;double&gt;</c>;
    /// <c>Math.Sin(x)</c> does not compile (CS1503: <c>Math.Sin</c> takes a <see cref="double"/>): write
    /// <c>Dual&lt;double&gt;.Sin(x)</c> in a lambda, or <c>T.Sin(x)</c> in a generic method.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called inside the function of another forward-mode derivative on
    /// <c>Dual&lt;double&gt;</c> (perturbation confusion; nest one level deeper, as <see cref="ForwardMode"/> explains).</exception>
    /// <example>
    /// <code>
    /// double d = Ad.Derivative(x =&gt; x * x * x + 3 * x, 2.0);          // 3·2² + 3 = 15
    /// double e = Ad.Derivative(x =&gt; x * Dual&lt;double&gt;.Sin(x), 2.0);   // sin 2 + 2 cos 2
    /// static T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x * T.Sin(x);
    /// double g = Ad.Derivative(F, 2.0);                                   // the same, T inferred
    /// </code>
    /// </example>
    public static double Derivative(Func<Dual<double>, Dual<double>> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ForwardMode.Derivative(f, x);
    }

    /// <summary>The derivative f′(x) of a scalar function written with generic math, by forward mode.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static double Derivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Derivative(f.Invoke<Dual<double>>, x);
    }

    /// <summary>f(x) and f′(x) together, in one forward pass on <see cref="Dual{T}"/>.</summary>
    /// <param name="f">f on <see cref="Dual{T}"/> of <see cref="double"/> (a lambda or a generic method; see
    /// <see cref="Derivative(Func{Dual{double}, Dual{double}}, double)"/>).</param>
    /// <param name="x">The point.</param>
    /// <returns>The value and the derivative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called inside another forward-mode derivative on <c>Dual&lt;double&gt;</c>.</exception>
    public static ValueAndDerivative ValueAndDerivative(Func<Dual<double>, Dual<double>> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var value = 0.0;
        var derivative = ForwardMode.Derivative<double>(t =>
        {
            var y = f(t);
            value = y.Primal;
            return y;
        }, x);
        return new ValueAndDerivative(value, derivative);
    }

    /// <summary>f(x) and f′(x) together, in one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The value and the derivative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static ValueAndDerivative ValueAndDerivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueAndDerivative(f.Invoke<Dual<double>>, x);
    }

    /// <summary>The second derivative f″(x), in one forward pass on <see cref="HyperDual{T}"/>.</summary>
    /// <param name="f">f on <see cref="HyperDual{T}"/> of <see cref="double"/>: a lambda such as
    /// <c>x =&gt; x * x * x</c>, or a generic method passed by name.</param>
    /// <param name="x">The point.</param>
    /// <returns>f″(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called inside another second derivative on <c>HyperDual&lt;double&gt;</c>.</exception>
    /// <example>
    /// <code>
    /// double curvature = Ad.SecondDerivative(x =&gt; x * x * x, 2.0);   // 6x = 12
    /// </code>
    /// </example>
    public static double SecondDerivative(Func<HyperDual<double>, HyperDual<double>> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ForwardMode.SecondDerivative(f, x);
    }

    /// <summary>The second derivative f″(x) of a function written with generic math, in one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>f″(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <example>
    /// <code>
    /// double curvature = Ad.SecondDerivative(new Cube(), 2.0);   // 6x = 12
    /// </code>
    /// </example>
    public static double SecondDerivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return SecondDerivative(f.Invoke<HyperDual<double>>, x);
    }

    /// <summary>The n-th derivative f⁽ⁿ⁾(x) of a function written with generic math, by nesting <see cref="Dual{T}"/> in
    /// itself as many levels deep as the order (order 0 is f(x) itself).</summary>
    /// <param name="f">The function.</param>
    /// <param name="order">The order, 0 or more.</param>
    /// <param name="x">The point.</param>
    /// <returns>f⁽ⁿ⁾(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <example>
    /// <code>
    /// double d4 = Ad.NthDerivative(new Cube(), 3, 2.0);   // 6
    /// </code>
    /// </example>
    public static double NthDerivative(IScalarFunction f, int order, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ForwardMode.NthDerivative(f, order, x);
    }
}
