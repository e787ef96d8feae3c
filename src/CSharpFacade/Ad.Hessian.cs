namespace Fluxion;

public static partial class Ad
{
    /// <summary>
    /// The value, gradient and Hessian of f: ℝⁿ → ℝ written with generic math, by forward over reverse
    /// (n sweeps on <c>Var&lt;Dual&lt;double&gt;&gt;</c>, one column each).
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
        Guard.NotEmpty(x, nameof(x));
        return ReverseEngine.Hessian(f.Evaluate<Var<Dual<double>>>, x);
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

    /// <summary>The Hessian-vector product H(x)·v without forming H: forward over reverse, one sweep.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="v">The direction, length n, no NaN.</param>
    /// <returns>H(x)·v, length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="v"/> has the wrong length or contains NaN.</exception>
    /// <example>
    /// <code>
    /// double[] hv = Ad.HessianVectorProduct(new Rosenbrock(), [1.0, 1.0], [1.0, 0.0]);   // [802, -400]
    /// </code>
    /// </example>
    public static double[] HessianVectorProduct(IMultivariateFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Seed(v, x.Length, nameof(v), "the number of inputs");
        return ReverseEngine.HessianVectorProduct(f.Evaluate<Var<Dual<double>>>, x, v);
    }

    /// <summary>A one-output vector function seen as a scalar function.</summary>
    sealed class FirstOutput(IVectorFunction f) : IMultivariateFunction
    {
        public T Evaluate<T>(T[] x) where T : System.Numerics.IFloatingPointIeee754<T>
            => Guard.Output(f.Evaluate(x), 1, nameof(f))[0];
    }
}
