using System.Numerics;
using Fluxion;
using Xunit;

namespace Fluxion.CSharp.Tests;

/// <summary>An unchanged generic-math method, differentiated by instantiating it with Fluxion's number types.</summary>
public class GenericMathTests
{
    // Written once against .NET generic math; knows nothing about differentiation.
    internal static T F<T>(T x) where T : IFloatingPointIeee754<T>
        => x * x * x * x + T.CreateChecked(3) * x * x + T.CreateChecked(2) * x;

    static T G<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Sin(x) * T.Exp(x / T.CreateChecked(10)) + T.Log(x) * T.Sqrt(x);

    [Fact]
    public void DoubleInstantiationIsThePlainFunction()
        => Assert.Equal(32.0, F(2.0));

    [Fact]
    public void DualInstantiationGivesTheExactFirstDerivative()
    {
        var y = F(Dual<double>.Variable(2.0));
        Assert.Equal(32.0, y.Primal);
        Assert.Equal(46.0, y.Tangent); // 4x^3 + 6x + 2 at 2
    }

    [Fact]
    public void NestedDualGivesTheExactSecondDerivative()
    {
        var x = new Dual<Dual<double>>(new Dual<double>(2.0, 1.0), new Dual<double>(1.0, 0.0));
        var y = F(x);
        Assert.Equal(54.0, y.Tangent.Tangent); // 12x^2 + 6 at 2
    }

    [Fact]
    public void TranscendentalDerivativeMatchesAnalytic()
    {
        const double x = 1.3;
        var y = G(Dual<double>.Variable(x));
        double expected = Math.Cos(x) * Math.Exp(x / 10) + Math.Sin(x) * Math.Exp(x / 10) / 10
                          + Math.Sqrt(x) / x + Math.Log(x) / (2 * Math.Sqrt(x));
        Assert.Equal(expected, y.Tangent, 12);
    }
}
