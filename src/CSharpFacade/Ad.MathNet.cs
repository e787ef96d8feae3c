using MathNet.Numerics.LinearAlgebra;

namespace Fluxion;

public static partial class Ad
{
    /// <summary>
    /// Turns a function into a MathNet.Numerics objective with exact gradients (and exact Hessians when
    /// <paramref name="withHessian"/> is true), for MathNet's BFGS, L-BFGS and Newton minimizers.
    /// </summary>
    /// <param name="f">The function to minimise.</param>
    /// <param name="withHessian">Whether to provide Hessians too (needed by <c>NewtonMinimizer</c>).</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <example>
    /// <code>
    /// var result = new BfgsMinimizer(1e-10, 1e-10, 1e-10, 1000)
    ///     .FindMinimum(Ad.Objective(new Rosenbrock()), Vector&lt;double&gt;.Build.Dense([-1.2, 1.0]));
    /// </code>
    /// </example>
    public static AdObjectiveFunction Objective(IMultivariateFunction f, bool withHessian = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new AdObjectiveFunction(x => ValueAndGradient(f, x), withHessian ? x => Hessian(f, x).Hessian : null);
    }

    /// <summary>The gradient of f at a MathNet vector, as a MathNet vector.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>∇f(x).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Vector<double> Gradient(IMultivariateFunction f, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Vector<double>.Build.DenseOfArray(Gradient(f, x.ToArray()));
    }

    /// <summary>The Jacobian of f at a MathNet vector, as an m×n MathNet matrix.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The Jacobian: entry (i, j) is ∂fᵢ/∂xⱼ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or <paramref name="f"/> returns null, an empty array, or arrays of varying length.</exception>
    public static Matrix<double> Jacobian(IVectorFunction f, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Matrix<double>.Build.DenseOfArray(Jacobian(f, x.ToArray()).Jacobian);
    }

    /// <summary>The Hessian of f at a MathNet vector, as a symmetric n×n MathNet matrix.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, n ≥ 1 coordinates.</param>
    /// <returns>The Hessian: entry (i, j) is ∂²f/∂xᵢ∂xⱼ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Matrix<double> Hessian(IMultivariateFunction f, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Matrix<double>.Build.DenseOfArray(Hessian(f, x.ToArray()).Hessian);
    }
}
