namespace Fluxion;

public static partial class Ad
{
    /// <summary>The Jacobian of f: ℝⁿ → ℝᵐ at x, by forward mode (n passes, one column each).</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>, typically your generic method.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x) and the m×n Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null, an empty array, or arrays of varying length.</exception>
    /// <example>
    /// <code>
    /// static T[] Polar&lt;T&gt;(T[] p) where T : IFloatingPointIeee754&lt;T&gt;
    ///     =&gt; [p[0] * T.Cos(p[1]), p[0] * T.Sin(p[1])];
    /// double[,] j = Ad.Jacobian(Polar&lt;Dual&lt;double&gt;&gt;, [2.0, 0.5]).Jacobian;
    /// </code>
    /// </example>
    public static JacobianResult Jacobian(Func<Dual<double>[], Dual<double>[]> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ForwardEngine.Jacobian(f, x, nameof(f));
    }

    /// <summary>The Jacobian of f: ℝⁿ → ℝᵐ at x, by reverse mode (one recording, m sweeps, one row each).</summary>
    /// <param name="f">f instantiated on <see cref="Var{T}"/> of <see cref="double"/>, typically your generic method.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x) and the m×n Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null or an empty array.</exception>
    public static JacobianResult Jacobian(Func<Var<double>[], Var<double>[]> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        var point = x.ToArray();
        var value = ReverseEngine.Values(f, point, nameof(f));
        return new JacobianResult(value, Guard.Rows(ReverseEngine.Jacobian(f, point), value.Length, nameof(f)));
    }

    /// <summary>
    /// The Jacobian of f: ℝⁿ → ℝᵐ written with generic math, in the cheaper mode: forward (chunks of tangents
    /// on <see cref="MultiDual{T}"/>) when m ≥ n, reverse (one sweep per output) when m &lt; n.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x) and the m×n Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null, an empty array, or arrays of varying length.</exception>
    /// <example>
    /// <code>
    /// JacobianResult j = Ad.Jacobian(new Polar(), [2.0, 0.5]);
    /// double dxdr = j.Jacobian[0, 0];   // cos 0.5
    /// </code>
    /// </example>
    public static JacobianResult Jacobian(IVectorFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        var point = x.ToArray();
        var value = Guard.Output(f.Evaluate(point), -1, nameof(f));
        var jacobian = value.Length >= point.Length
            ? ForwardMode.Jacobian<double>(f.Evaluate<MultiDual<double>>, point)
            : ReverseEngine.Jacobian(f.Evaluate<Var<double>>, point);
        return new JacobianResult(value, Guard.Rows(jacobian, value.Length, nameof(f)));
    }

    /// <summary>The Jacobian-vector product J(x)·v (the derivative of f along v) in one forward pass.</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, no NaN.</param>
    /// <returns>f(x) and J(x)·v.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="v"/> has the wrong length or contains NaN, or <paramref name="f"/> returns null or an empty array.</exception>
    public static JvpResult Jvp(Func<Dual<double>[], Dual<double>[]> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Seed(v, x.Length, nameof(v), "the number of inputs");
        return ForwardEngine.Jvp(f, x, v, nameof(f));
    }

    /// <summary>The Jacobian-vector product J(x)·v of a function written with generic math, in one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, no NaN.</param>
    /// <returns>f(x) and J(x)·v.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="v"/> has the wrong length or contains NaN, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <example>
    /// <code>
    /// JvpResult r = Ad.Jvp(new Polar(), [2.0, 0.5], [0.0, 1.0]);   // velocity when the angle turns
    /// </code>
    /// </example>
    public static JvpResult Jvp(IVectorFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Jvp(f.Evaluate<Dual<double>>, x, v);
    }

    /// <summary>
    /// The vector-Jacobian product uᵀ·J(x), the gradient of Σᵢ uᵢ fᵢ(x) with respect to x, by reverse mode (one
    /// sweep).
    /// </summary>
    /// <param name="f">f instantiated on <see cref="Var{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="u">The output weights, length m (the number of outputs of f), no NaN.</param>
    /// <returns>f(x) and uᵀ·J(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="u"/> has the wrong length or contains NaN, or <paramref name="f"/> returns null or an empty array.</exception>
    public static VjpResult Vjp(Func<Var<double>[], Var<double>[]> f, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        var point = x.ToArray();
        var value = ReverseEngine.Values(f, point, nameof(f));
        Guard.Seed(u, value.Length, nameof(u), "the number of outputs");
        return new VjpResult(value, ReverseEngine.Vjp(f, point, u));
    }

    /// <summary>
    /// The vector-Jacobian product uᵀ·J(x) of a function written with generic math, by reverse mode (one sweep):
    /// the gradient of Σᵢ uᵢ fᵢ(x) with respect to x.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="u">The output weights, length m (the number of outputs of f), no NaN.</param>
    /// <returns>f(x) and uᵀ·J(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="u"/> has the wrong length or contains NaN, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <example>
    /// <code>
    /// VjpResult r = Ad.Vjp(new Polar(), [2.0, 0.5], [1.0, 0.0]);   // gradient of the first output
    /// </code>
    /// </example>
    public static VjpResult Vjp(IVectorFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        var point = x.ToArray();
        var value = Guard.Output(f.Evaluate(point), -1, nameof(f));
        Guard.Seed(u, value.Length, nameof(u), "the number of outputs");
        return new VjpResult(value, ReverseEngine.Vjp(f.Evaluate<Var<double>>, point, u));
    }
}
