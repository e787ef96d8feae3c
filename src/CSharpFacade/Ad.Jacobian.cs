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

    /// <summary>The Jacobian of f: ℝⁿ → ℝᵐ written with generic math.</summary>
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
        return ForwardEngine.Jacobian(f.Evaluate<Dual<double>>, x, nameof(f));
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

    /// <summary>The vector-Jacobian product uᵀ·J(x): the gradient of Σᵢ uᵢ fᵢ(x) with respect to x.</summary>
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
        var j = ForwardEngine.Jacobian(f.Evaluate<Dual<double>>, x, nameof(f));
        Guard.Seed(u, j.OutputCount, nameof(u), "the number of outputs");
        var cotangent = new double[j.InputCount];
        for (var c = 0; c < j.InputCount; c++)
            for (var r = 0; r < j.OutputCount; r++)
                cotangent[c] += u[r] * j.Jacobian[r, c];
        return new VjpResult(j.Value, cotangent);
    }
}
