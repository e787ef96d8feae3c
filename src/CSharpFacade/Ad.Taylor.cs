namespace Fluxion;

// Taylor mode (Jet): kept in its own file of the partial class so that the other entry points stay untouched.
public static partial class Ad
{
    /// <summary>
    /// The Taylor coefficients h₀ … h_order of f at x (hₖ = f⁽ᵏ⁾(x)/k!), in one pass of f over
    /// <see cref="Jet{T}"/>, the truncated Taylor polynomial x + t of that order.
    /// </summary>
    /// <param name="f">f on <see cref="Jet{T}"/> of <see cref="double"/>: a lambda such as <c>x =&gt; 1 / (1 - x)</c>
    /// (operators and numeric literals work; write <c>Jet&lt;double&gt;.Sin(x)</c> for <c>Math.Sin</c>), or a
    /// generic-math method passed by name (<c>T</c> is inferred).</param>
    /// <param name="x">The point of expansion.</param>
    /// <param name="order">The highest order, 0 or more.</param>
    /// <returns>order + 1 coefficients; f⁽ᵏ⁾(x) = k!·hₖ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">Called inside another Taylor expansion over <c>Jet&lt;double&gt;</c>
    /// (perturbation confusion).</exception>
    /// <example>
    /// <code>
    /// double[] h = Ad.Taylor(x =&gt; 1 / (1 - x), 0.0, 4);                 // 1, 1, 1, 1, 1
    /// static T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; T.Exp(x) * T.Sin(x);
    /// double[] g = Ad.Taylor(F, 0.7, 8);
    /// </code>
    /// </example>
    public static double[] Taylor(Func<Jet<double>, Jet<double>> f, double x, int order)
    {
        ArgumentNullException.ThrowIfNull(f);
        return TaylorMode.Coefficients(f, x, order);
    }

    /// <summary>The Taylor coefficients of a function written with generic math (see
    /// <see cref="Taylor(Func{Jet{double}, Jet{double}}, double, int)"/>).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point of expansion.</param>
    /// <param name="order">The highest order, 0 or more.</param>
    /// <returns>order + 1 coefficients; f⁽ᵏ⁾(x) = k!·hₖ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    public static double[] Taylor(IScalarFunction f, double x, int order)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Taylor(f.Invoke<Jet<double>>, x, order);
    }

    /// <summary>
    /// The n-th derivative f⁽ⁿ⁾(x) in one pass of f over the jet of order n (Taylor mode: O(n²) work per
    /// operation, where <see cref="NthDerivative(IScalarFunction, int, double)"/> nests Dual n levels, 2ⁿ parts).
    /// </summary>
    /// <param name="f">f on <see cref="Jet{T}"/> of <see cref="double"/> (a lambda or a generic method; see
    /// <see cref="Taylor(Func{Jet{double}, Jet{double}}, double, int)"/>).</param>
    /// <param name="order">The order n, 0 or more (0 is f(x)).</param>
    /// <param name="x">The point.</param>
    /// <returns>f⁽ⁿ⁾(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    /// <example>
    /// <code>
    /// double d8 = Ad.NthDerivative(F, 8, 0.7);   // (eˣ sin x)⁽⁸⁾ = 16 eˣ sin x
    /// </code>
    /// </example>
    public static double NthDerivative(Func<Jet<double>, Jet<double>> f, int order, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return TaylorMode.NthDerivative(f, order, x);
    }

    /// <summary>All derivatives f(x), f′(x), …, f⁽ᵒʳᵈᵉʳ⁾(x) in one pass of f over the jet of that order.</summary>
    /// <param name="f">f on <see cref="Jet{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point.</param>
    /// <param name="order">The highest order, 0 or more.</param>
    /// <returns>order + 1 derivatives, f itself first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    public static double[] Derivatives(Func<Jet<double>, Jet<double>> f, double x, int order)
    {
        ArgumentNullException.ThrowIfNull(f);
        return TaylorMode.Derivatives(f, x, order);
    }
}
