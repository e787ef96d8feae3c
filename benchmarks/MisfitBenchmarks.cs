using BenchmarkDotNet.Attributes;
using Fluxion.Samples.InverseProblem;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 14: the gradient of the inverse problem's misfit (samples/InverseProblem with the demo's
/// <see cref="FitOptions"/>: 100 samples of 10 RK4 steps, 1,000 steps, through the Lotka–Volterra model), which
/// L-BFGS asks for about 70 times per fit. The recorded gradient runs the generic integrator on Vars each time; the
/// compiled one replays the program recorded once at the initial guess. Both against the plain evaluation of the
/// same generic code on double. The setup checks that both gradients agree bit for bit at the benchmarked point.
/// </summary>
[BenchmarkCategory("MisfitGradient")]
public class MisfitGradient
{
    readonly Misfit misfit;
    readonly double[] x;
    readonly double[] gradient = new double[4];
    readonly Func<Var<double>[], Var<double>> f;
    CompiledGradient<double> compiled = null!;

    /// <summary>Builds the demo's data and misfit; the point is the true parameters (a late L-BFGS iterate).</summary>
    public MisfitGradient()
    {
        var options = FitOptions.Demo;
        misfit = new Misfit(options, LotkaVolterraFit.Observe(options));
        x = LotkaVolterraFit.ToLog(options.TrueParameters);
        f = misfit.Evaluate<Var<double>>;
    }

    /// <summary>Compiles the misfit at the initial guess and checks the compiled gradient against the recorded one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ReverseMode.ValueAndGradientInto(f, x, gradient);
        compiled = ReverseMode.Compile(f, LotkaVolterraFit.ToLog(FitOptions.Demo.InitialGuess));
        var g = compiled.Gradient(x);
        for (int i = 0; i < g.Length; i++)
            if (g[i] != gradient[i])
                throw new InvalidOperationException($"Compiled misfit gradient entry {i} is {g[i]:R}, the tape's {gradient[i]:R}.");
    }

    /// <summary>Plain evaluation of the misfit on double.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => misfit.Evaluate(x);

    /// <summary>Value and gradient, recording the integration on the tape.</summary>
    [Benchmark]
    public double Gradient() => ReverseMode.ValueAndGradientInto(f, x, gradient);

    /// <summary>Value and gradient from the compiled tape.</summary>
    [Benchmark]
    public double CompiledGradient() => compiled.ValueAndGradientInto(x, gradient);
}
