namespace Fluxion;

/// <summary>
/// Automatic differentiation for C#: exact derivatives, gradients, Jacobians, Hessians and their products
/// of code written once with .NET generic math.
/// </summary>
/// <remarks>
/// <para>Two ways to hand over a function:</para>
/// <list type="bullet">
/// <item><description>An instantiation of your generic method on one of Fluxion's number types, as a delegate:
/// <c>Ad.Derivative(F&lt;Dual&lt;double&gt;&gt;, 2.0)</c>. The number type picks the mode:
/// <see cref="Dual{T}"/> is forward mode (one pass per input), <see cref="Var{T}"/> is reverse mode (one sweep
/// per output).</description></item>
/// <item><description>An object implementing <see cref="IScalarFunction"/>, <see cref="IMultivariateFunction"/>
/// or <see cref="IVectorFunction"/>, whose generic method (<c>Invoke&lt;T&gt;</c> or <c>Evaluate&lt;T&gt;</c>) Fluxion calls on whichever number
/// types the job needs (for example second-order types for a Hessian). Prefer this form: the mode is chosen
/// for you.</description></item>
/// </list>
/// <para>Every entry point refuses bad input with an <see cref="ArgumentException"/> (or a subclass) that names
/// the argument: null functions, empty points, seed vectors of the wrong length or containing NaN, and
/// functions whose output does not fit the question asked.</para>
/// </remarks>
public static partial class Ad
{
    /// <summary>The derivative f′(x) of a scalar function, by forward mode.</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>, typically your generic method.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <example>
    /// <code>
    /// static T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x * T.Sin(x);
    /// double d = Ad.Derivative(F&lt;Dual&lt;double&gt;&gt;, 2.0);   // sin 2 + 2 cos 2
    /// </code>
    /// </example>
    public static double Derivative(Func<Dual<double>, Dual<double>> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Dual<double>.Variable(x)).Tangent;
    }

    /// <summary>The derivative f′(x) of a scalar function written with generic math, by forward mode.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static double Derivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Derivative(f.Invoke<Dual<double>>, x);
    }

    /// <summary>f(x) and f′(x) together, in one forward pass.</summary>
    /// <param name="f">f instantiated on <see cref="Dual{T}"/> of <see cref="double"/>.</param>
    /// <param name="x">The point.</param>
    /// <returns>The value and the derivative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static ValueAndDerivative ValueAndDerivative(Func<Dual<double>, Dual<double>> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var y = f(Dual<double>.Variable(x));
        return new ValueAndDerivative(y.Primal, y.Tangent);
    }

    /// <summary>f(x) and f′(x) together, in one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The value and the derivative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static ValueAndDerivative ValueAndDerivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueAndDerivative(f.Invoke<Dual<double>>, x);
    }

    /// <summary>The second derivative f″(x), in one forward pass on <see cref="HyperDual{T}"/>.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>f″(x), exact to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <example>
    /// <code>
    /// double curvature = Ad.SecondDerivative(new Cube(), 2.0);   // 6x = 12
    /// </code>
    /// </example>
    public static double SecondDerivative(IScalarFunction f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return ForwardMode.SecondDerivative<double>(f.Invoke<HyperDual<double>>, x);
    }
}
