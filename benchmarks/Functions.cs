using System.Numerics;

namespace Fluxion.Benchmarks;

/// <summary>
/// The functions every benchmark differentiates, written once against .NET generic math and knowing nothing
/// about differentiation. The plain baselines run the same code instantiated at <see cref="double"/>, so a ratio
/// measures only what the number type adds.
/// </summary>
public static class Functions
{
    /// <summary>
    /// The extended Rosenbrock function Σᵢ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², written element by element:
    /// per term one multiply-heavy expression of about eight elementary operations.
    /// </summary>
    public static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T hundred = T.CreateChecked(100);
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = x[i + 1] - x[i] * x[i];
            T b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    /// <summary>
    /// A transcendental-heavy sum Σᵢ sin(xᵢ)·exp(xᵢ/10) + log(1 + xᵢ²): three elementary functions per input,
    /// so the cost is dominated by sin, exp and log rather than by arithmetic.
    /// </summary>
    public static T Transcendental<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T ten = T.CreateChecked(10);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            sum += T.Sin(xi) * T.Exp(xi / ten) + T.Log(T.One + xi * xi);
        }
        return sum;
    }

    /// <summary>Σᵢ sin(xᵢ)·exp(xᵢ/10), the reverse-mode transcendental benchmark of issue 3.</summary>
    public static T SinExp<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T ten = T.CreateChecked(10);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum += T.Sin(x[i]) * T.Exp(x[i] / ten);
        return sum;
    }

    /// <summary>Deterministic inputs in [−1.5, 1.5] (no random generator: every run evaluates the same point).</summary>
    public static double[] Point(int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 1.5 * Math.Sin(0.7 * i + 0.3);
        return x;
    }

    /// <summary>A deterministic unit-scale direction for directional derivatives.</summary>
    public static double[] Direction(int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.Cos(1.3 * i + 0.1);
        return v;
    }
}
