using System.Numerics;
using Fluxion;
using Xunit;

namespace Fluxion.CSharp.Tests;

/// <summary>Reverse mode from C#: an unchanged generic-math method instantiated with Var&lt;double&gt;.</summary>
public class ReverseModeTests
{
    // Written once against .NET generic math; knows nothing about differentiation.
    static T Textbook<T>(T[] x) where T : IFloatingPointIeee754<T>
        => T.Log(x[0]) + x[0] * x[1] - T.Sin(x[1]);

    static T Rosenbrock<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T d = x[i + 1] - x[i] * x[i];
            T e = T.One - x[i];
            sum += T.CreateChecked(100) * d * d + e * e;
        }
        return sum;
    }

    [Fact]
    public void GradientOfAGenericMethodMatchesTheAnalyticGradient()
    {
        double[] g = ReverseMode.Gradient<double>(x => Textbook(x), new[] { 2.0, 5.0 });
        Assert.Equal(5.5, g[0], 14);                 // 1/x1 + x2
        Assert.Equal(2.0 - Math.Cos(5.0), g[1], 14); // x1 - cos x2
    }

    [Fact]
    public void ValueAndGradientOfRosenbrockMatchesForwardMode()
    {
        double[] x = { 0.5, -0.3, 1.2, 0.8 };
        ValueAndGradient<double> r = ReverseMode.ValueAndGradient<double>(v => Rosenbrock(v), x);
        Assert.Equal(Rosenbrock(x), r.Value);
        for (int i = 0; i < x.Length; i++)
        {
            var seeded = x.Select((xi, j) => new Dual<double>(xi, i == j ? 1.0 : 0.0)).ToArray();
            Assert.Equal(Rosenbrock(seeded).Tangent, r.Gradient[i], 12);
        }
    }

    [Fact]
    public void HessianByForwardOverReverseOfTheSameMethod()
    {
        double[,] h = ReverseMode.Hessian<double>(v => Rosenbrock(v), new[] { 0.5, -0.3 });
        Assert.Equal(1200 * 0.25 + 400 * 0.3 + 2, h[0, 0], 12); // 1200 x0^2 - 400 x1 + 2
        Assert.Equal(-400 * 0.5, h[0, 1], 12);
        Assert.Equal(200.0, h[1, 1], 12);
    }

    sealed class TextbookFunction : IMultivariateFunction
    {
        public U Evaluate<U>(U[] x) where U : IFloatingPointIeee754<U> => Textbook(x);
    }

    [Fact]
    public void GradientCheckPassesForTheGenericMethod()
    {
        GradientCheckResult r = ReverseMode.CheckGradient(new TextbookFunction(), new[] { 2.0, 5.0 });
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(
            () => ReverseMode.ValueAndGradientInto<double>(v => v[0], new[] { 1.0 }, new double[2]));
        Assert.Equal("gradient", e.ParamName);
    }
}
