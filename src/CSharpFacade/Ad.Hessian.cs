namespace Fluxion;

public static partial class Ad
{
    /// <summary>
    /// The value, gradient and Hessian of f: ℝⁿ → ℝ, by forward over reverse (<see cref="ReverseMode.Hessian"/>:
    /// n sweeps on <c>Var&lt;Dual&lt;double&gt;&gt;</c>, one column each, and one more for the gradient).
    /// </summary>
    /// <param name="f">f on <c>Var&lt;Dual&lt;double&gt;&gt;</c>: a lambda such as <c>x =&gt; x[0] * x[0] * x[1] + 3 * x[1]</c>
    /// (operators and numeric literals work), or a generic method passed by name (<c>Ad.Hessian(Energy, x)</c>).</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x), ∇f(x) and the symmetric n×n Hessian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// HessianResult h = Ad.Hessian(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0]);   // [[4, 6], [6, 0]]
    /// Console.WriteLine(h);
    /// </code>
    /// </example>
    public static HessianResult Hessian(Func<Var<Dual<double>>[], Var<Dual<double>>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        var point = x.ToArray();
        var hessian = ReverseMode.Hessian(f, point);
        var constants = new Dual<double>[point.Length];
        for (var i = 0; i < point.Length; i++) constants[i] = Dual<double>.Constant(point[i]);
        var sweep = ReverseMode.ValueAndGradient(f, constants);
        var gradient = new double[point.Length];
        for (var i = 0; i < point.Length; i++) gradient[i] = sweep.Gradient[i].Primal;
        // Columns from different sweeps agree with their transposes only to rounding; return the symmetric part.
        for (var i = 0; i < point.Length; i++)
            for (var j = i + 1; j < point.Length; j++)
                hessian[i, j] = hessian[j, i] = 0.5 * (hessian[i, j] + hessian[j, i]);
        return new HessianResult(sweep.Value.Primal, gradient, hessian);
    }

    /// <summary>
    /// The value, gradient and Hessian of f: ℝⁿ → ℝ written with generic math, by forward over reverse.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x), ∇f(x) and the symmetric n×n Hessian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// HessianResult h = Ad.Hessian(new Rosenbrock(), [1.0, 1.0]);
    /// // h.Hessian is [[802, -400], [-400, 200]]
    /// </code>
    /// </example>
    public static HessianResult Hessian(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(f.Evaluate<Var<Dual<double>>>, x);
    }

    /// <summary>
    /// The Hessian of a function written as a vector function with exactly one output (for example a residual
    /// API that returns arrays). Functions with more outputs have no Hessian matrix and are refused.
    /// </summary>
    /// <param name="f">The function; it must return exactly one value.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>f(x), ∇f(x) and the symmetric n×n Hessian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> does not return exactly one value.</exception>
    public static HessianResult Hessian(IVectorFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Scalar(Guard.Output(f.Evaluate<double>(x.ToArray()), -1, nameof(f)).Length, nameof(f));
        return Hessian(new FirstOutput(f), x);
    }

    /// <summary>The Hessian-vector product H(x)·v without forming H: forward over reverse, one sweep
    /// (<see cref="ReverseMode.HessianVectorProduct"/>).</summary>
    /// <param name="f">f on <c>Var&lt;Dual&lt;double&gt;&gt;</c>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, finite.</param>
    /// <returns>H(x)·v, length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="v"/> has the wrong length or a NaN or infinite entry.</exception>
    /// <example>
    /// <code>
    /// double[] hv = Ad.HessianVectorProduct(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0], [1.0, 0.0]);   // [4, 6]
    /// </code>
    /// </example>
    public static double[] HessianVectorProduct(Func<Var<Dual<double>>[], Var<Dual<double>>> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Seed(v, x.Length, nameof(v), "the number of inputs");
        return ReverseMode.HessianVectorProduct(f, x.ToArray(), v.ToArray());
    }

    /// <summary>The Hessian-vector product H(x)·v of a function written with generic math, without forming H.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, finite.</param>
    /// <returns>H(x)·v, length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="v"/> has the wrong length or a NaN or infinite entry.</exception>
    /// <example>
    /// <code>
    /// double[] hv = Ad.HessianVectorProduct(new Rosenbrock(), [1.0, 1.0], [1.0, 0.0]);   // [802, -400]
    /// </code>
    /// </example>
    public static double[] HessianVectorProduct(IMultivariateFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        return HessianVectorProduct(f.Evaluate<Var<Dual<double>>>, x, v);
    }

    /// <summary>A one-output vector function seen as a scalar function.</summary>
    sealed class FirstOutput(IVectorFunction f) : IMultivariateFunction
    {
        public T Evaluate<T>(T[] x) where T : System.Numerics.IFloatingPointIeee754<T>
            => Guard.Output(f.Evaluate(x), 1, nameof(f))[0];
    }
}
