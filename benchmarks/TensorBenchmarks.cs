using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// The vectorised Rosenbrock function of 10⁶ float64 elements on tensors: its evaluation (the baseline) and its
/// gradient by reverse mode (one forward pass that records, one backward sweep). Issue 5 asks for the gradient to
/// cost no more than 2× the evaluation. The global setup checks the gradient against the analytic one.
/// </summary>
[MemoryDiagnoser]
public class TensorRosenbrock
{
    const int N = 1_000_000;
    Tensor<double> x = null!;

    static Tensor<double> Rosenbrock(Tensor<double> x)
    {
        var a = Tensor.Slice(x, 0, 0, N - 1);
        var b = Tensor.Slice(x, 0, 1, N);
        return Tensor.Sum(100.0 * Tensor.Square(b - Tensor.Square(a)) + Tensor.Square(1.0 - a));
    }

    /// <summary>Builds the input and checks the gradient once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var values = new double[N];
        for (int i = 0; i < N; i++) values[i] = 2 * random.NextDouble() - 1;
        x = Tensor.FromArray(values);
        ReverseChecks.ExpectClose(Gradient().ToArray(), ReverseChecks.RosenbrockGradient(values), "tensor Rosenbrock gradient");
    }

    /// <summary>f(x) on plain tensors (nothing records).</summary>
    [Benchmark(Baseline = true)]
    public Tensor<double> Evaluate() => Rosenbrock(x);

    /// <summary>∇f(x) by reverse mode.</summary>
    [Benchmark]
    public Tensor<double> Gradient() => Tensor.Gradient<double>(Rosenbrock, x);

    /// <summary>f(x) in a tensor scope (the temporaries go back to the pool; the value is read inside).</summary>
    [Benchmark]
    public double EvaluateScoped()
    {
        using var scope = Tensor.Scope();
        return Rosenbrock(x).ToScalar();
    }

    /// <summary>f(x) and ∇f(x) in a tensor scope, as an optimisation loop would take them each iteration (the
    /// gradient is read out inside the scope; issue 9 compares value and gradient against PyTorch's).</summary>
    [Benchmark]
    public double ValueAndGradientScoped()
    {
        using var scope = Tensor.Scope();
        var r = Tensor.ValueAndGradient<double>(Rosenbrock, x);
        return r.Value.ToScalar() + r.Gradient[0];
    }
}
