using System.Numerics;

namespace Fluxion;

// IScalarFunction (f: ℝ → ℝ written once against generic math) lives in Fluxion.DualNumbers, beside the
// forward-mode API that nests it (ForwardMode.NthDerivative); the facade uses that one.

// IMultivariateFunction (f: ℝⁿ → ℝ written once against generic math, T Evaluate<T>(T[] x)) lives in
// Fluxion.ReverseAD, beside the gradient checker that evaluates it on double, Dual and Var; the facade uses that one.

/// <summary>
/// A vector function f: ℝⁿ → ℝᵐ written once against .NET generic math. Jacobians and Jacobian-vector and
/// vector-Jacobian products take it. The output length must not depend on the number type.
/// </summary>
/// <example>
/// <code>
/// readonly struct Polar : IVectorFunction
/// {
///     public T[] Evaluate&lt;T&gt;(T[] x) where T : IFloatingPointIeee754&lt;T&gt;
///         =&gt; [x[0] * T.Cos(x[1]), x[0] * T.Sin(x[1])];
/// }
/// JacobianResult j = Ad.Jacobian(new Polar(), [2.0, 0.5]);
/// </code>
/// </example>
public interface IVectorFunction
{
    /// <summary>Evaluates the function at <paramref name="x"/> in the number type <c>T</c>.</summary>
    /// <typeparam name="T">Any IEEE 754 floating-point type, including Fluxion's differentiable number types.</typeparam>
    /// <param name="x">The point. Fluxion may reuse the array after the call returns: do not keep it or write to it.</param>
    /// <returns>f(x), a new array of the same length on every call.</returns>
    T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>;
}
