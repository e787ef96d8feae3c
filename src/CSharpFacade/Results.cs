namespace Fluxion;

// ValueAndGradient<T> and ValueAndVjp<T> come from Fluxion.ReverseAD (ReverseMode returns them); the facade returns
// those same types rather than copies of them.

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

    /// <summary>The numbers, for example <c>value 12, derivative 46</c>.</summary>
    /// <returns>The value and the derivative.</returns>
    public override string ToString() => $"value {Display.Number(Value)}, derivative {Display.Number(Derivative)}";
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

    /// <summary>The value and the Jacobian, one row per line (big ones cut to their first 8 rows and columns).</summary>
    /// <returns>The numbers.</returns>
    public override string ToString()
        => $"value {Display.Vector(Value)}{Environment.NewLine}Jacobian {Display.Size(Jacobian)}{Environment.NewLine}{Display.Matrix(Jacobian)}";
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

    /// <summary>The numbers, for example <c>value [1, 2], tangent [0.5, -1]</c>.</summary>
    /// <returns>The value and the tangent.</returns>
    public override string ToString() => $"value {Display.Vector(Value)}, tangent {Display.Vector(Tangent)}";
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

    /// <summary>The value, the gradient and the Hessian, one row per line (big ones cut to their first 8 rows and columns).</summary>
    /// <returns>The numbers.</returns>
    public override string ToString()
        => $"value {Display.Number(Value)}, gradient {Display.Vector(Gradient)}{Environment.NewLine}" +
           $"Hessian {Display.Size(Hessian)}{Environment.NewLine}{Display.Matrix(Hessian)}";
}
