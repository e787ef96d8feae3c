using System.Numerics;
using Fluxion;
using Xunit;

namespace Fluxion.CSharp.Tests;

/// <summary>
/// Unchanged generic-math methods differentiated with HyperDual, MultiDual and the ForwardMode entry points,
/// checked against analytic derivatives.
/// </summary>
public class ForwardModeTests
{
    // Written once against .NET generic math; know nothing about differentiation. F is the textbook polynomial
    // x^4 + 3x^2 + 2x shared with GenericMathTests.
    static T F<T>(T x) where T : IFloatingPointIeee754<T> => GenericMathTests.F(x);

    static T G<T>(T x, T y) where T : IFloatingPointIeee754<T>
        => x * x * y + T.Sin(x * y);

    static T Textbook<T>(T[] x) where T : IFloatingPointIeee754<T>
        => T.Log(x[0]) + x[0] * x[1] - T.Sin(x[1]);

    static T Rosenbrock<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = T.One - x[i];
            sum += T.CreateChecked(100) * a * a + b * b;
        }
        return sum;
    }

    sealed class Sine : IScalarFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
    }

    [Fact]
    public void HyperDualGivesTheExactFirstAndSecondDerivative()
    {
        var y = F(HyperDual<double>.Variable(2.0));
        Assert.Equal(32.0, y.Primal);
        Assert.Equal(46.0, y.E1); // 4x^3 + 6x + 2 at 2
        Assert.Equal(46.0, y.E2);
        Assert.Equal(54.0, y.E12); // 12x^2 + 6 at 2
    }

    [Fact]
    public void HyperDualGivesTheExactMixedPartial()
    {
        const double x = 0.7, y = 1.3;
        var r = G(new HyperDual<double>(x, 1, 0, 0), new HyperDual<double>(y, 0, 1, 0));
        Assert.Equal(2 * x + Math.Cos(x * y) - x * y * Math.Sin(x * y), r.E12, 14);
    }

    [Fact]
    public void MultiDualCarriesOneDerivativePerLane()
    {
        const double x = 0.7, y = 1.3;
        var r = G(MultiDual<double>.Variable(x, 0), MultiDual<double>.Variable(y, 1));
        Assert.Equal(2 * x * y + y * Math.Cos(x * y), r[0], 14);
        Assert.Equal(x * x + x * Math.Cos(x * y), r[1], 14);
        Assert.Equal(46.0, F(MultiDual<double>.Variable(2.0, 0))[0]);
    }

    [Fact]
    public void ForwardModeEntryPointsTakeGenericMethodsUnchanged()
    {
        Assert.Equal(46.0, ForwardMode.Derivative(F, 2.0));
        Assert.Equal(54.0, ForwardMode.SecondDerivative(F, 2.0));
        var g = ForwardMode.Gradient(Textbook, new[] { 2.0, 5.0 });
        Assert.Equal(5.5, g[0], 14);
        Assert.Equal(2.0 - Math.Cos(5.0), g[1], 14);
        Assert.Equal(-Math.Cos(0.4), ForwardMode.NthDerivative(new Sine(), 3, 0.4), 14); // sin''' = -cos
    }

    [Fact]
    public void RosenbrockHessianAndHessianVectorProduct()
    {
        var x = new[] { 1.2, 0.8, 1.1 };
        var h = ForwardMode.Hessian(Rosenbrock, x);
        Assert.Equal(1200 * 1.44 - 400 * 0.8 + 2, h[0, 0], 11);
        Assert.Equal(-400 * 1.2, h[0, 1], 11);
        Assert.Equal(-400 * 1.2, h[1, 0], 11);
        Assert.Equal(200 + 1200 * 0.64 - 400 * 1.1 + 2, h[1, 1], 11);
        Assert.Equal(0.0, h[0, 2]);
        var v = new[] { 1.0, 2.0, 3.0 };
        var hv = ForwardMode.HessianVectorProduct(Rosenbrock, x, v);
        for (int i = 0; i < 3; i++)
            Assert.Equal(h[i, 0] * v[0] + h[i, 1] * v[1] + h[i, 2] * v[2], hv[i], 10);
    }

    [Fact]
    public void JacobianAndJvp()
    {
        static T[] Vector<T>(T[] x) where T : IFloatingPointIeee754<T> => new[] { x[0] * x[1], T.Exp(x[1]) };
        var x = new[] { 2.0, 0.5 };
        var j = ForwardMode.Jacobian(Vector, x);
        Assert.Equal(new[,] { { 0.5, 2.0 }, { 0.0, Math.Exp(0.5) } }, j);
        var jv = ForwardMode.Jvp(Vector, x, new[] { 1.0, -1.0 });
        Assert.Equal(0.5 - 2.0, jv[0], 14);
        Assert.Equal(-Math.Exp(0.5), jv[1], 14);
        Assert.Equal(5.5 - (2.0 - Math.Cos(5.0)), ForwardMode.DirectionalDerivative(Textbook, new[] { 2.0, 5.0 }, new[] { 1.0, -1.0 }), 14);
    }

    [Fact]
    public void BadInputIsRefusedNamingTheArgument()
    {
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => ForwardMode.Derivative<double>(null!, 1.0)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => ForwardMode.Gradient(Textbook, Array.Empty<double>())).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => ForwardMode.Jvp<double>(x => x, new[] { 1.0 }, new[] { double.NaN })).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => ForwardMode.NthDerivative(new Sine(), -1, 1.0)).ParamName);
    }
}
