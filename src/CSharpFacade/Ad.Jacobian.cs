namespace Fluxion;

public static partial class Ad
{
    /// <summary>The Jacobian of f: ℝⁿ → ℝᵐ at x, by reverse mode (one recording, m sweeps, one row each).</summary>
    /// <param name="f">f on <see cref="Var{T}"/> of <see cref="double"/>: a lambda such as
    /// <c>x =&gt; new[] { x[0] * x[1], x[0] + x[1] }</c>, or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x) and the m×n Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <example>
    /// <code>
    /// JacobianResult j = Ad.Jacobian(x =&gt; new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0]);   // [[2, 3], [1, 1]]
    /// </code>
    /// </example>
    public static JacobianResult Jacobian(Func<Var<double>[], Var<double>[]> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Var<double>[] outputs = [];
        var jacobian = ReverseMode.Jacobian<double>(xs => outputs = Guard.Output(f(xs), -1, nameof(f)), x.ToArray());
        var value = new double[outputs.Length];
        for (var i = 0; i < value.Length; i++) value[i] = outputs[i].Primal;
        return new JacobianResult(value, jacobian);
    }

    /// <summary>
    /// The Jacobian of f: ℝⁿ → ℝᵐ at x by forward mode instead: ⌈n / <see cref="MultiDual{T}.Width"/>⌉ passes of f
    /// on <see cref="MultiDual{T}"/>, several columns per pass. The better choice when there are more outputs than
    /// inputs (m ≥ n).
    /// </summary>
    /// <param name="f">f on <see cref="MultiDual{T}"/> of <see cref="double"/>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x) and the m×n Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null, an empty array, or arrays of varying length.</exception>
    /// <exception cref="InvalidOperationException">Called inside another forward-mode Jacobian on <c>MultiDual&lt;double&gt;</c>.</exception>
    /// <example>
    /// <code>
    /// JacobianResult j = Ad.ForwardJacobian(p =&gt; new[] { p[0] * MultiDual&lt;double&gt;.Cos(p[1]), p[0] * MultiDual&lt;double&gt;.Sin(p[1]), p[0] * p[0] }, [2.0, 0.5]);
    /// </code>
    /// </example>
    public static JacobianResult ForwardJacobian(Func<MultiDual<double>[], MultiDual<double>[]> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        MultiDual<double>[]? first = null;
        var jacobian = ForwardMode.Jacobian<double>(xs =>
        {
            var y = Guard.Output(f(xs), first?.Length ?? -1, nameof(f));
            first ??= y;
            return y;
        }, x.ToArray());
        var value = new double[first!.Length];
        for (var i = 0; i < value.Length; i++) value[i] = first[i].Primal;
        return new JacobianResult(value, jacobian);
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
        var outputs = Guard.Output(f.Evaluate(x.ToArray()), -1, nameof(f)).Length;
        var result = outputs >= x.Length ? ForwardJacobian(f.Evaluate, x) : Jacobian(f.Evaluate<Var<double>>, x);
        Guard.Output(result.Value, outputs, nameof(f));
        return result;
    }

    /// <summary>The Jacobian-vector product J(x)·v (the derivative of f along v) in one forward pass on <see cref="Dual{T}"/>.</summary>
    /// <param name="f">f on <see cref="Dual{T}"/> of <see cref="double"/>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, finite.</param>
    /// <returns>f(x) and J(x)·v.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="v"/> has the wrong length or a NaN or infinite entry, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <exception cref="InvalidOperationException">Called inside another forward-mode derivative on <c>Dual&lt;double&gt;</c>.</exception>
    /// <example>
    /// <code>
    /// JvpResult r = Ad.Jvp(x =&gt; new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0], [1.0, 0.0]);   // tangent [2, 1]
    /// </code>
    /// </example>
    public static JvpResult Jvp(Func<Dual<double>[], Dual<double>[]> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Seed(v, x.Length, nameof(v), "the number of inputs");
        Dual<double>[] outputs = [];
        var tangent = ForwardMode.Jvp<double>(xs => outputs = Guard.Output(f(xs), -1, nameof(f)), x.ToArray(), v.ToArray());
        var value = new double[outputs.Length];
        for (var i = 0; i < value.Length; i++) value[i] = outputs[i].Primal;
        return new JvpResult(value, tangent);
    }

    /// <summary>The Jacobian-vector product J(x)·v of a function written with generic math, in one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, finite.</param>
    /// <returns>f(x) and J(x)·v.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="v"/> has the wrong length or a NaN or infinite entry, or <paramref name="f"/> returns null or an empty array.</exception>
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
    /// <param name="f">f on <see cref="Var{T}"/> of <see cref="double"/>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="u">The output weights, length m (the number of outputs of f), finite.</param>
    /// <returns>f(x) and uᵀ·J(x) (its <see cref="ValueAndVjp{T}.Vjp"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="u"/> has the wrong length or a NaN or infinite entry, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <example>
    /// <code>
    /// ValueAndVjp&lt;double&gt; r = Ad.Vjp(x =&gt; new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0], [1.0, 1.0]);   // Vjp [3, 4]
    /// </code>
    /// </example>
    public static ValueAndVjp<double> Vjp(Func<Var<double>[], Var<double>[]> f, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Finite(u, nameof(u));
        var weights = u.ToArray();
        return ReverseMode.Vjp<double>(xs =>
        {
            var y = Guard.Output(f(xs), -1, nameof(f));
            Guard.Seed(weights, y.Length, nameof(u), "the number of outputs");
            return y;
        }, x.ToArray(), weights);
    }

    /// <summary>
    /// The vector-Jacobian product uᵀ·J(x) of a function written with generic math, by reverse mode (one sweep):
    /// the gradient of Σᵢ uᵢ fᵢ(x) with respect to x.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="u">The output weights, length m (the number of outputs of f), finite.</param>
    /// <returns>f(x) and uᵀ·J(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, <paramref name="u"/> has the wrong length or a NaN or infinite entry, or <paramref name="f"/> returns null or an empty array.</exception>
    /// <example>
    /// <code>
    /// ValueAndVjp&lt;double&gt; r = Ad.Vjp(new Polar(), [2.0, 0.5], [1.0, 0.0]);   // gradient of the first output
    /// </code>
    /// </example>
    public static ValueAndVjp<double> Vjp(IVectorFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Vjp(f.Evaluate<Var<double>>, x, u);
    }
}
