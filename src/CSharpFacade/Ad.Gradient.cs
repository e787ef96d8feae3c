namespace Fluxion;

public static partial class Ad
{
    /// <summary>The gradient ∇f(x) of a function f: ℝⁿ → ℝ, by reverse mode (one recording, one sweep, any n).</summary>
    /// <param name="f">f on <see cref="Var{T}"/> of <see cref="double"/>: a lambda such as
    /// <c>x =&gt; x[0] * x[0] * x[1]</c>, or a generic method passed by name (<c>Ad.Gradient(Energy, x)</c>).</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// double[] g = Ad.Gradient(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0]);   // [12, 9]
    /// static T Energy&lt;T&gt;(T[] x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x[0] * x[0] * x[1] + T.Sin(x[2]);
    /// double[] h = Ad.Gradient(Energy, [3.0, 2.0, 0.5]);                // [12, 9, cos 0.5]
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
    {
        ArgumentNullException.ThrowIfNull(f);
        return Gradient(f.Evaluate<Var<double>>, x);
    }

    /// <summary>
    /// The gradient ∇f(x) by forward mode instead: ⌈n / <see cref="MultiDual{T}.Width"/>⌉ passes of f on
    /// <see cref="MultiDual{T}"/>, each carrying several tangents at once. Reverse mode
    /// (<see cref="Gradient(Func{Var{double}[], Var{double}}, ReadOnlySpan{double})"/>) costs one sweep whatever n;
    /// forward mode records nothing and wins for a few inputs.
    /// </summary>
    /// <param name="f">f on <see cref="MultiDual{T}"/> of <see cref="double"/>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">Called inside another forward-mode gradient on <c>MultiDual&lt;double&gt;</c>.</exception>
    /// <example>
    /// <code>
    /// double[] g = Ad.ForwardGradient(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0]);   // [12, 9]
    /// </code>
    /// </example>
    public static double[] ForwardGradient(Func<MultiDual<double>[], MultiDual<double>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ForwardMode.Gradient(f, x.ToArray());
    }

    /// <summary>The gradient ∇f(x) of a function written with generic math, by forward mode (see
    /// <see cref="ForwardGradient(Func{MultiDual{double}[], MultiDual{double}}, ReadOnlySpan{double})"/>).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static double[] ForwardGradient(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ForwardGradient(f.Evaluate<MultiDual<double>>, x);
    }

    /// <summary>f(x) and ∇f(x) together, by reverse mode (one recording, one sweep).</summary>
    /// <param name="f">f on <see cref="Var{T}"/> of <see cref="double"/>: a lambda or a generic method passed by name.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The value and the gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// ValueAndGradient&lt;double&gt; vg = Ad.ValueAndGradient(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0]);   // 18, [12, 9]
    /// </code>
    /// </example>
    public static ValueAndGradient<double> ValueAndGradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ReverseMode.ValueAndGradient(f, x.ToArray());
    }

    /// <summary>f(x) and ∇f(x) together, for a function written with generic math, by reverse mode.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The value and the gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <example>
    /// <code>
    /// ValueAndGradient&lt;double&gt; vg = Ad.ValueAndGradient(new Rosenbrock(), [1.5, 2.0]);
    /// Console.WriteLine(vg);   // value 0.3125, gradient [...]
    /// </code>
    /// </example>
    public static ValueAndGradient<double> ValueAndGradient(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueAndGradient(f.Evaluate<Var<double>>, x);
    }

    /// <summary>
    /// The library's gradient check (<see cref="ReverseMode.CheckGradient"/>): the reverse-mode gradient of
    /// <paramref name="f"/> against forward mode (every entry) and against Richardson-extrapolated central finite
    /// differences along random unit directions (like PyTorch's gradcheck and JAX's check_grads).
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
        Guard.Positive(tolerance, nameof(tolerance));
        return ReverseMode.CheckGradient(f, x.ToArray(), directions, tolerance, step, seed: 0);
    }
}
