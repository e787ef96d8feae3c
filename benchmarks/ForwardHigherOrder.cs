using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 2: one exact Hessian entry ∂²f/∂xᵢ∂xⱼ of the 10,000-input Rosenbrock function from one pass over
/// <see cref="HyperDual{T}"/> (ε₁ seeded on xᵢ, ε₂ on xⱼ), against the plain evaluation. Target: at most 4×.
/// </summary>
[BenchmarkCategory("HyperDualRosenbrock")]
public class HyperDualRosenbrockEntry
{
    /// <summary>Number of inputs.</summary>
    public const int N = 10_000;
    const int I = 4_000, J = 4_001;
    readonly double[] x = Functions.Point(N);
    readonly HyperDual<double>[] seeded = new HyperDual<double>[N];

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>∂²f/∂xᵢ∂xⱼ (the E12 part) in one pass, seeding included.</summary>
    [Benchmark]
    public HyperDual<double> HessianEntry()
    {
        for (int k = 0; k < N; k++) seeded[k] = new HyperDual<double>(x[k], k == I ? 1.0 : 0.0, k == J ? 1.0 : 0.0, 0.0);
        return Functions.Rosenbrock<HyperDual<double>>(seeded);
    }
}

/// <summary>
/// Issue 2: one Hessian entry of the transcendental function Σ sin(xᵢ)·exp(xᵢ/10) + log(1 + xᵢ²) with 10,000 inputs
/// from one hyper-dual pass, against the plain evaluation. Target: at most 4×.
/// </summary>
[BenchmarkCategory("HyperDualTranscendental")]
public class HyperDualTranscendentalEntry
{
    /// <summary>Number of inputs.</summary>
    public const int N = 10_000;
    const int I = 4_000;
    readonly double[] x = Functions.Point(N);
    readonly HyperDual<double>[] seeded = new HyperDual<double>[N];

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Transcendental<double>(x);

    /// <summary>∂²f/∂xᵢ² in one pass, seeding included.</summary>
    [Benchmark]
    public HyperDual<double> HessianEntry()
    {
        for (int k = 0; k < N; k++) seeded[k] = k == I ? HyperDual<double>.Variable(x[k]) : HyperDual<double>.Constant(x[k]);
        return Functions.Transcendental<HyperDual<double>>(seeded);
    }
}

/// <summary>
/// Issue 2: the forward gradient of a 100-input function with the multi-tangent dual
/// (<see cref="MultiDual{T}"/>, <c>Width</c> inputs per pass) through the public API
/// <see cref="ForwardMode.Gradient{T}"/>, against one plain evaluation. Target: at most 0.5 plain evaluations per
/// input, i.e. the whole gradient within 50 evaluations ("Per unit" column).
/// </summary>
[BenchmarkCategory("ForwardGradient100")]
public class ForwardGradientRosenbrock100
{
    /// <summary>Number of inputs.</summary>
    public const int N = 100;
    readonly double[] x = Functions.Point(N);
    static readonly Func<MultiDual<double>[], MultiDual<double>> F = v => Functions.Rosenbrock<MultiDual<double>>(v);

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>∇f(x) in ⌈N / Width⌉ multi-tangent passes.</summary>
    [Benchmark]
    [PerUnit(N, "input", relativeToBaseline: true)]
    public double[] Gradient() => ForwardMode.Gradient(F, x);

    /// <summary>∇f(x) in N passes of the single-tangent <see cref="Dual{T}"/> (what chunking saves).</summary>
    [Benchmark]
    [PerUnit(N, "input", relativeToBaseline: true)]
    public double[] GradientOneTangentPerPass()
    {
        var g = new double[N];
        var seeded = new Dual<double>[N];
        for (int i = 0; i < N; i++) seeded[i] = new Dual<double>(x[i], 0.0);
        for (int j = 0; j < N; j++)
        {
            seeded[j] = new Dual<double>(x[j], 1.0);
            g[j] = Functions.Rosenbrock<Dual<double>>(seeded).Tangent;
            seeded[j] = new Dual<double>(x[j], 0.0);
        }
        return g;
    }
}

/// <summary>The same chunked forward gradient for the transcendental function with 100 inputs.</summary>
[BenchmarkCategory("ForwardGradient100Transcendental")]
public class ForwardGradientTranscendental100
{
    /// <summary>Number of inputs.</summary>
    public const int N = 100;
    readonly double[] x = Functions.Point(N);
    static readonly Func<MultiDual<double>[], MultiDual<double>> F = v => Functions.Transcendental<MultiDual<double>>(v);

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Transcendental<double>(x);

    /// <summary>∇f(x) in ⌈N / Width⌉ multi-tangent passes.</summary>
    [Benchmark]
    [PerUnit(N, "input", relativeToBaseline: true)]
    public double[] Gradient() => ForwardMode.Gradient(F, x);
}
