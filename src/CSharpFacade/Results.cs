namespace Fluxion;

/// <summary>The value of a scalar function and its derivative at one point.</summary>
public sealed class ValueAndDerivative
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x).</param>
    /// <param name="derivative">f′(x).</param>
    public ValueAndDerivative(double value, double derivative)
    {
        Value = value;
        Derivative = derivative;
    }

    /// <summary>f(x).</summary>
    public double Value { get; }

    /// <summary>f′(x).</summary>
    public double Derivative { get; }
}

/// <summary>The value of a function f: ℝⁿ → ℝ and its gradient at one point.</summary>
public sealed class ValueAndGradient
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x).</param>
    /// <param name="gradient">∇f(x), one entry per input.</param>
    public ValueAndGradient(double value, double[] gradient)
    {
        Value = value;
        Gradient = gradient;
    }

    /// <summary>f(x).</summary>
    public double Value { get; }

    /// <summary>∇f(x): entry i is ∂f/∂xᵢ.</summary>
    public double[] Gradient { get; }
}

/// <summary>The value of a function f: ℝⁿ → ℝᵐ and its m×n Jacobian matrix at one point.</summary>
public sealed class JacobianResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x), length m.</param>
    /// <param name="jacobian">The m×n Jacobian: entry [i, j] is ∂fᵢ/∂xⱼ.</param>
    public JacobianResult(double[] value, double[,] jacobian)
    {
        Value = value;
        Jacobian = jacobian;
    }

    /// <summary>f(x), length m.</summary>
    public double[] Value { get; }

    /// <summary>The m×n Jacobian: entry [i, j] is ∂fᵢ/∂xⱼ.</summary>
    public double[,] Jacobian { get; }

    /// <summary>m, the number of outputs (rows).</summary>
    public int OutputCount => Jacobian.GetLength(0);

    /// <summary>n, the number of inputs (columns).</summary>
    public int InputCount => Jacobian.GetLength(1);
}

/// <summary>A Jacobian-vector product: f(x) and J(x)·v, the derivative of f along the direction v.</summary>
public sealed class JvpResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x), length m.</param>
    /// <param name="tangent">J(x)·v, length m.</param>
    public JvpResult(double[] value, double[] tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <summary>f(x), length m.</summary>
    public double[] Value { get; }

    /// <summary>J(x)·v, length m: the directional derivative of f along v.</summary>
    public double[] Tangent { get; }
}

/// <summary>A vector-Jacobian product: f(x) and uᵀ·J(x), the gradient of u·f(x) with respect to x.</summary>
public sealed class VjpResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x), length m.</param>
    /// <param name="cotangent">uᵀ·J(x), length n.</param>
    public VjpResult(double[] value, double[] cotangent)
    {
        Value = value;
        Cotangent = cotangent;
    }

    /// <summary>f(x), length m.</summary>
    public double[] Value { get; }

    /// <summary>uᵀ·J(x), length n: the gradient of the weighted sum Σᵢ uᵢ fᵢ with respect to x.</summary>
    public double[] Cotangent { get; }
}

/// <summary>The value, gradient and Hessian of a function f: ℝⁿ → ℝ at one point.</summary>
public sealed class HessianResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="value">f(x).</param>
    /// <param name="gradient">∇f(x), length n.</param>
    /// <param name="hessian">The symmetric n×n Hessian: entry [i, j] is ∂²f/∂xᵢ∂xⱼ.</param>
    public HessianResult(double value, double[] gradient, double[,] hessian)
    {
        Value = value;
        Gradient = gradient;
        Hessian = hessian;
    }

    /// <summary>f(x).</summary>
    public double Value { get; }

    /// <summary>∇f(x), length n.</summary>
    public double[] Gradient { get; }

    /// <summary>The symmetric n×n Hessian: entry [i, j] is ∂²f/∂xᵢ∂xⱼ.</summary>
    public double[,] Hessian { get; }
}

/// <summary>
/// The outcome of a gradient check: a gradient compared entry by entry with a high-order central
/// finite-difference estimate of the same function.
/// </summary>
public sealed class FiniteDifferenceCheckResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="gradient">The gradient under test.</param>
    /// <param name="finiteDifference">The finite-difference estimate.</param>
    /// <param name="tolerance">The tolerance the check used.</param>
    public FiniteDifferenceCheckResult(double[] gradient, double[] finiteDifference, double tolerance)
    {
        Gradient = gradient;
        FiniteDifference = finiteDifference;
        Tolerance = tolerance;
        var worst = -1;
        var worstError = 0.0;
        for (var i = 0; i < gradient.Length; i++)
        {
            var error = Math.Abs(gradient[i] - finiteDifference[i]) / Math.Max(1.0, Math.Abs(finiteDifference[i]));
            if (double.IsNaN(error) || error > worstError || worst < 0)
            {
                worst = i;
                worstError = double.IsNaN(error) ? double.PositiveInfinity : error;
            }
        }
        WorstIndex = worst;
        MaxError = worstError;
    }

    /// <summary>The gradient under test.</summary>
    public double[] Gradient { get; }

    /// <summary>The finite-difference estimate of the gradient.</summary>
    public double[] FiniteDifference { get; }

    /// <summary>The tolerance the check used.</summary>
    public double Tolerance { get; }

    /// <summary>
    /// The largest error over all entries, each measured as |g − fd| / max(1, |fd|): absolute for small
    /// entries, relative for large ones. Infinite when an entry is NaN.
    /// </summary>
    public double MaxError { get; }

    /// <summary>The index of the entry with the largest error.</summary>
    public int WorstIndex { get; }

    /// <summary>Whether every entry agrees: <see cref="MaxError"/> ≤ <see cref="Tolerance"/>.</summary>
    public bool Passed => MaxError <= Tolerance;

    /// <summary>A one-line summary naming the worst entry.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"gradient check {(Passed ? "passed" : "FAILED")}: worst error {MaxError:E2} at entry {WorstIndex} " +
           $"(gradient {Gradient[WorstIndex]:R}, finite difference {FiniteDifference[WorstIndex]:R}; tolerance {Tolerance:E1})";
}
