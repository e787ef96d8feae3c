namespace Fluxion;

public static partial class Ad
{
    /// <summary>
    /// Records f once at <paramref name="x"/> and returns its gradient program, replayed for new points of the same
    /// length without calling f again: one loop recomputes every recorded operation's value and partials, one reverse
    /// sweep gives the gradient, and nothing is allocated (see <see cref="ReverseMode.Compile{T}"/>). For functions whose
    /// operations do not depend on the point's values, such as a fixed-step ODE solve inside a misfit.
    /// </summary>
    /// <remarks>
    /// Decisions f takes on values (comparisons, IsNaN and the other classifications, Sign, Clamp, CopySign …) are
    /// re-checked by every call, which throws <see cref="BranchChangedException"/> when one comes out differently.
    /// Compilation throws <see cref="NotSupportedException"/>, naming the operation, when f reads a recorded Var's
    /// <c>Primal</c>, converts or formats it, or uses a custom VJP or a checkpoint. The compiled gradient holds one set of
    /// work arrays: use it from one thread at a time (compile once per thread for parallel use).
    /// </remarks>
    /// <param name="f">f on <see cref="Var{T}"/> of <see cref="double"/>; called once, now.</param>
    /// <param name="x">The point at which f is recorded, n ≥ 1 coordinates.</param>
    /// <returns>The compiled gradient: <c>ValueAndGradientInto(x, gradient)</c>, <c>Gradient(x)</c>, <c>Value(x)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="NotSupportedException">f uses an operation a compiled tape cannot replay.</exception>
    /// <example>
    /// <code>
    /// CompiledGradient&lt;double&gt; g = Ad.CompileGradient(x =&gt; x[0] * x[0] * x[1], [3.0, 2.0]);
    /// double[] at = g.Gradient([1.0, 5.0]);   // [10, 1]
    /// </code>
    /// </example>
    public static CompiledGradient<double> CompileGradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NotEmpty(x, nameof(x));
        return ReverseMode.Compile(f, x.ToArray());
    }

    /// <summary>The compiled gradient of a function written with generic math (see
    /// <see cref="CompileGradient(Func{Var{double}[], Var{double}}, ReadOnlySpan{double})"/>).</summary>
    /// <param name="f">The function; evaluated once on <see cref="Var{T}"/>, now.</param>
    /// <param name="x">The point at which f is recorded, n ≥ 1 coordinates.</param>
    /// <returns>The compiled gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="NotSupportedException">f uses an operation a compiled tape cannot replay.</exception>
    public static CompiledGradient<double> CompileGradient(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return CompileGradient(f.Evaluate<Var<double>>, x);
    }

    /// <summary>
    /// A MathNet.Numerics objective (no Hessian) whose values and gradients come from f's compiled gradient
    /// (<see cref="CompileGradient(IMultivariateFunction, ReadOnlySpan{double})"/>, recorded once at
    /// <paramref name="x"/>): the same numbers as <see cref="Objective(IMultivariateFunction, bool)"/>, bit for bit,
    /// without recording f again at every evaluation. For functions whose operations do not depend on the point
    /// (an evaluation where a recorded decision changes throws <see cref="BranchChangedException"/>).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point at which f is recorded (usually the optimiser's start), n ≥ 1 coordinates.</param>
    /// <returns>The objective for MathNet's BFGS and L-BFGS minimizers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="NotSupportedException">f uses an operation a compiled tape cannot replay.</exception>
    /// <example>
    /// <code>
    /// var result = new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 1000)
    ///     .FindMinimum(Ad.CompiledObjective(new Rosenbrock(), [-1.2, 1.0]), Vector&lt;double&gt;.Build.Dense([-1.2, 1.0]));
    /// </code>
    /// </example>
    public static AdObjectiveFunction CompiledObjective(IMultivariateFunction f, ReadOnlySpan<double> x)
    {
        var gradient = CompileGradient(f, x);
        return new AdObjectiveFunction(point =>
        {
            var g = new double[point.Length];
            var value = gradient.ValueAndGradientInto(point, g);
            return new ValueAndGradient<double>(value, g);
        }, null);
    }
}
