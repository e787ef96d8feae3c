using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 11 (Taylor mode): the n-th derivative of a transcendental scalar function, f(x) = e^(sin x)/(1 + x²) + tanh x
/// at x = 0.7, by one pass over <see cref="Jet{T}"/> of order n against one pass over Dual nested n levels
/// (<see cref="ForwardMode.NthDerivative{T}(IScalarFunction, int, T)"/>, 2ⁿ doubles per number), the baseline. A
/// third method routes sin, exp and tanh through the rules' Derivative evaluated on jets (<c>Jet.Apply</c>) instead of
/// their recurrences (<c>Jet.ApplyTaylor</c>): what a rule without a recurrence costs.
/// </summary>
[BenchmarkCategory("TaylorNthDerivative")]
public class TaylorNthDerivative
{
    const double X = 0.7;

    /// <summary>The order of the derivative.</summary>
    [Params(4, 8)]
    public int Order { get; set; }

    sealed class F : IScalarFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(T.Sin(x)) / (T.One + x * x) + T.Tanh(x);
    }

    static readonly IScalarFunction Function = new F();
    static readonly Func<Jet<double>, Jet<double>> OnJets = Function.Invoke<Jet<double>>;
    static readonly Func<Jet<double>, Jet<double>> GenericRoute =
        x => Jet<double>.Apply<ExpRule>(Jet<double>.Apply<SinRule>(x)) / (1 + x * x) + Jet<double>.Apply<TanhRule>(x);

    /// <summary>Checks that the three methods agree before anything is timed.</summary>
    [GlobalSetup]
    public void Check()
    {
        double nested = NestedDual(), jet = Jet(), generic = JetGenericRoute();
        double scale = Math.Max(1, Math.Abs(nested));
        if (Math.Abs(jet - nested) > 1e-10 * scale || Math.Abs(generic - nested) > 1e-10 * scale)
            throw new InvalidOperationException($"order {Order}: nested Dual {nested}, Jet {jet}, Jet generic route {generic}");
    }

    /// <summary>f⁽ⁿ⁾(x) by Dual nested n levels deep.</summary>
    [Benchmark(Baseline = true)]
    public double NestedDual() => ForwardMode.NthDerivative(Function, Order, X);

    /// <summary>f⁽ⁿ⁾(x) by one pass over the jet of order n (recurrences for sin, exp, tanh).</summary>
    [Benchmark]
    public double Jet() => TaylorMode.NthDerivative(OnJets, Order, X);

    /// <summary>f⁽ⁿ⁾(x) by one pass over the jet, sin, exp and tanh through their Derivative on jets.</summary>
    [Benchmark]
    public double JetGenericRoute() => TaylorMode.NthDerivative(GenericRoute, Order, X);
}
