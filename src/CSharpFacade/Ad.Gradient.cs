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

    /// <summary>The gradient ∇f(x) of a function f: ℝⁿ → ℝ, by reverse mode (one recording, one sweep, any n).</summary>
    /// <param name="f">f instantiated on <see cref="Var{T}"/> of <see cref="double"/>, typically your generic method.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// static T Energy&lt;T&gt;(T[] x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x[0] * x[0] * x[1];
    /// double[] g = Ad.Gradient(Energy&lt;Var&lt;double&gt;&gt;, [3.0, 2.0]);   // [12, 9]
    /// </code>
    /// </example>
    public static double[] Gradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x)
        => ValueAndGradient(f, x).Gradient;

    /// <summary>The gradient ∇f(x) of a function f: ℝⁿ → ℝ written with generic math, by reverse mode.</summary>
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

    /// <summary>f(x) and ∇f(x) together, by reverse mode (one recording, one sweep).</summary>
    /// <param name="f">f instantiated on <see cref="Var{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The value and the gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static ValueAndGradient ValueAndGradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ReverseEngine.ValueAndGradient(f, x);
    }

    /// <summary>f(x) and ∇f(x) together, for a function written with generic math, by reverse mode.</summary>
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
        return ReverseEngine.ValueAndGradient(f.Evaluate<Var<double>>, x);
    }

    /// <summary>
    /// The library's gradient check: the reverse-mode gradient of <paramref name="f"/> against forward mode
    /// (every entry) and against Richardson-extrapolated central finite differences along random unit directions
    /// (like PyTorch's gradcheck and JAX's check_grads), via <see cref="ReverseMode"/>.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <param name="tolerance">The largest accepted relative error |a − b| / max(1, |a|, |b|).</param>
    /// <param name="step">The finite-difference step relative to max(1, ‖x‖∞); stiff functions want a smaller one.</param>
    /// <param name="directions">How many random directions to check with finite differences.</param>
    /// <returns>Both AD gradients, the worst errors and whether the check passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> or <paramref name="step"/> is not positive, or <paramref name="directions"/> is negative.</exception>
    /// <example>
    /// <code>
    /// GradientCheckResult check = Ad.GradientCheck(new Rosenbrock(), [1.5, 2.0]);
    /// if (!check.Passed) Console.WriteLine(check);
    /// </code>
    /// </example>
    public static GradientCheckResult GradientCheck(IMultivariateFunction f, ReadOnlySpan<double> x, double tolerance = 1e-6, double step = 1e-3, int directions = 8)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ReverseMode.CheckGradient(f, x.ToArray(), directions, tolerance, step, seed: 0);
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
