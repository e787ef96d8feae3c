namespace Fluxion;

public static partial class Ad
{
    /// <summary>The gradient ∇f(x) of a function f: ℝⁿ → ℝ, by forward mode (n passes, one per input).</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>, typically your generic method.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// static T Energy&lt;T&gt;(T[] x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x[0] * x[0] * x[1];
    /// double[] g = Ad.Gradient(Energy&lt;Dual&lt;double&gt;&gt;, [3.0, 2.0]);   // [12, 9]
    /// </code>
    /// </example>
    public static double[] Gradient(Func<Dual<double>[], Dual<double>> f, ReadOnlySpan<double> x)
        => ValueAndGradient(f, x).Gradient;

    /// <summary>The gradient ∇f(x) of a function f: ℝⁿ → ℝ written with generic math.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// double[] g = Ad.Gradient(new Rosenbrock(), [1.5, 2.0]);
    /// </code>
    /// </example>
    public static double[] Gradient(IMultivariateFunction f, ReadOnlySpan<double> x)
        => ValueAndGradient(f, x).Gradient;

    /// <summary>f(x) and ∇f(x) together, by forward mode (n passes).</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The value and the gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static ValueAndGradient ValueAndGradient(Func<Dual<double>[], Dual<double>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ForwardEngine.ValueAndGradient(f, x);
    }

    /// <summary>f(x) and ∇f(x) together, for a function written with generic math.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The value and the gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// ValueAndGradient vg = Ad.ValueAndGradient(new Rosenbrock(), [1.5, 2.0]);
    /// Console.WriteLine($"{vg.Value} {vg.Gradient[0]} {vg.Gradient[1]}");
    /// </code>
    /// </example>
    public static ValueAndGradient ValueAndGradient(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ForwardEngine.ValueAndGradient(f.Evaluate<Dual<double>>, x);
    }

    /// <summary>
    /// Checks Fluxion's gradient of <paramref name="f"/> against a Richardson-extrapolated (Ridders) central finite-difference
    /// estimate computed from f's plain <see cref="double"/> instantiation.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="tolerance">The largest accepted error per entry, |g − fd| / max(1, |fd|).</param>
    /// <returns>Both gradients, the worst error and whether the check passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not positive and finite.</exception>
    /// <example>
    /// <code>
    /// FiniteDifferenceCheckResult check = Ad.GradientCheck(new Rosenbrock(), [1.5, 2.0]);
    /// if (!check.Passed) Console.WriteLine($"entry {check.WorstIndex} is off by {check.MaxError}");
    /// </code>
    /// </example>
    public static FiniteDifferenceCheckResult GradientCheck(IMultivariateFunction f, ReadOnlySpan<double> x, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        Guard.Positive(tolerance, nameof(tolerance));
        var gradient = Gradient(f, x);
        return new FiniteDifferenceCheckResult(gradient, FiniteDifference.Gradient(f.Evaluate<double>, x), tolerance);
    }

    /// <summary>
    /// Checks any gradient (hand-written, or computed elsewhere) of a plain <see cref="double"/> function against
    /// a Richardson-extrapolated (Ridders) central finite-difference estimate.
    /// </summary>
    /// <param name="f">The function on plain doubles.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="gradient">The gradient to check, length n.</param>
    /// <param name="tolerance">The largest accepted error per entry, |g − fd| / max(1, |fd|).</param>
    /// <returns>Both gradients, the worst error and whether the check passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="gradient"/> does not have its length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not positive and finite.</exception>
    public static FiniteDifferenceCheckResult GradientCheck(Func<double[], double> f, ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        if (gradient.Length != x.Length)
            throw new ArgumentException($"The gradient has length {gradient.Length} but the point has {x.Length} coordinates.", nameof(gradient));
        Guard.Positive(tolerance, nameof(tolerance));
        return new FiniteDifferenceCheckResult(gradient.ToArray(), FiniteDifference.Gradient(f, x), tolerance);
    }
}
