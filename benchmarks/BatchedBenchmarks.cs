using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>The benchmarked point function ℝ³ → ℝ³: (sin x₀·x₁ + exp(x₂·x₀), cos x₁·x₂·x₂ + x₀·x₁·x₂, x₀·x₀ + x₁·x₂).</summary>
public struct SpringForce : IPointFunction
{
    /// <inheritdoc cref="IPointFunction.Inputs"/>
    public static int Inputs => 3;

    /// <inheritdoc cref="IPointFunction.Outputs"/>
    public static int Outputs => 3;

    /// <summary>f(x).</summary>
    public static void Evaluate<T, TX, TY>(in TX x, ref TY y)
        where T : IFloatingPointIeee754<T>
        where TX : struct, IPointInput<T>
        where TY : struct, IPointOutput<T>
    {
        T a = x[0], b = x[1], c = x[2];
        y[0] = T.Sin(a) * b + T.Exp(c * a);
        y[1] = T.Cos(b) * c * c + a * b * c;
        y[2] = a * a + b * c;
    }
}

/// <summary>
/// Issue 10: <c>Batched&lt;F&gt;.Jvp</c> on the CPU (values and JVPs of 10⁶ points of a 3 → 3 function, parallel chunks on
/// every core) against a plain double loop of the same function written by hand (values only, one thread). Both
/// allocate their results, as Batched returns new arrays.
/// </summary>
[BenchmarkCategory("BatchedJvp")]
public class BatchedJvpBenchmark
{
    /// <summary>Number of points.</summary>
    public const int Points = 1_000_000;
    readonly double[] x = Functions.Point(3 * Points);
    readonly double[] v = Functions.Direction(3 * Points);

    /// <summary>The function's values in a plain loop over doubles.</summary>
    [Benchmark(Baseline = true)]
    public double[] PlainLoop()
    {
        var y = new double[3 * Points];
        for (int p = 0; p < Points; p++)
        {
            double a = x[3 * p], b = x[3 * p + 1], c = x[3 * p + 2];
            y[3 * p] = Math.Sin(a) * b + Math.Exp(c * a);
            y[3 * p + 1] = Math.Cos(b) * c * c + a * b * c;
            y[3 * p + 2] = a * a + b * c;
        }
        return y;
    }

    /// <summary>The values through Batched (parallel chunks).</summary>
    [Benchmark]
    public double[] BatchedValues() => Batched<SpringForce>.Values(x);

    /// <summary>Values and J·v through Batched on Dual&lt;double&gt; (parallel chunks).</summary>
    [Benchmark]
    public BatchedJvp<double> BatchedJvpOnCpu() => Batched<SpringForce>.Jvp(x, v);
}
