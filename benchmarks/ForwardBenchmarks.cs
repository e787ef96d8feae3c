using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 2: a Jacobian-vector product of the 10,000-input Rosenbrock function with <see cref="Dual{T}"/>, against
/// the same generic code evaluated on plain doubles. Target: at most 1.5× the plain evaluation, 0 bytes allocated.
/// </summary>
[BenchmarkCategory("RosenbrockJvp")]
public class RosenbrockJvp
{
    /// <summary>Number of inputs.</summary>
    public const int N = 10_000;
    readonly double[] x = Functions.Point(N);
    readonly double[] v = Functions.Direction(N);
    readonly Dual<double>[] seeded = new Dual<double>[N];

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>f(x) and ∇f(x)·v in one pass: seed xᵢ + vᵢε, evaluate.</summary>
    [Benchmark]
    public Dual<double> Jvp()
    {
        for (int i = 0; i < N; i++) seeded[i] = new Dual<double>(x[i], v[i]);
        return Functions.Rosenbrock<Dual<double>>(seeded);
    }
}

/// <summary>
/// Issue 2: a JVP of the transcendental-heavy Σ sin(xᵢ)·exp(xᵢ/10) + log(1 + xᵢ²) with 10,000 inputs, against the
/// plain evaluation. Target: at most 1.5×, 0 bytes allocated.
/// </summary>
[BenchmarkCategory("TranscendentalJvp")]
public class TranscendentalJvp
{
    /// <summary>Number of inputs.</summary>
    public const int N = 10_000;
    readonly double[] x = Functions.Point(N);
    readonly double[] v = Functions.Direction(N);
    readonly Dual<double>[] seeded = new Dual<double>[N];

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Transcendental<double>(x);

    /// <summary>f(x) and ∇f(x)·v in one pass.</summary>
    [Benchmark]
    public Dual<double> Jvp()
    {
        for (int i = 0; i < N; i++) seeded[i] = new Dual<double>(x[i], v[i]);
        return Functions.Transcendental<Dual<double>>(seeded);
    }
}
