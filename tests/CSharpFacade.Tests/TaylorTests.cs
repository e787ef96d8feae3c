using System.Numerics;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>
/// Taylor mode from C#: Jet&lt;double&gt; through a generic-math method and a lambda, against analytic series and
/// against Dual nested by <see cref="ForwardMode.NthDerivative{T}(IScalarFunction, int, T)"/>; Var over Jet.
/// </summary>
public class TaylorTests
{
    static T ExpSin<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x) * T.Sin(x);

    // (eˣ sin x)⁽ⁿ⁾ = 2^(n/2)·eˣ·sin(x + nπ/4).
    static double ExpSinDerivative(double x, int n) => Math.Pow(2, n / 2.0) * Math.Exp(x) * Math.Sin(x + n * Math.PI / 4);

    static double Factorial(int k) => Enumerable.Range(1, k).Aggregate(1.0, (a, i) => a * i);

    /// <summary>Many generic-math members at once: roots, logs, powers, atan2, hypot, comparisons, constants.</summary>
    sealed class Surface : IScalarFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T>
        {
            var two = T.CreateChecked(2);
            var a = T.Sqrt(T.One + x * x) + T.Log(x + T.CreateChecked(3)) - T.Atan2(x, T.One + x * x);
            var b = T.Hypot(x, two) * T.Pow(x + two, T.CreateChecked(0.5)) / T.Cosh(x / two);
            var c = x > T.Zero ? T.Tanh(x) : -T.Tanh(x);
            return a + b - c * T.Pi + T.Cbrt(x + T.E) * T.Exp2(x);
        }
    }

    [Fact]
    public void TaylorOfAGenericMethod()
    {
        const double x = 0.7;
        var h = Ad.Taylor(ExpSin, x, 8);
        Assert.Equal(9, h.Length);
        for (var k = 0; k <= 8; k++)
            Check.Close(ExpSinDerivative(x, k) / Factorial(k), h[k], 1e-13);
    }

    [Fact]
    public void EighthDerivativeOfAGenericMethod()
        => Check.Close(16 * Math.Exp(0.7) * Math.Sin(0.7), Ad.NthDerivative(ExpSin, 8, 0.7), 1e-12);

    [Fact]
    public void DerivativesOfAGenericMethod()
    {
        var d = Ad.Derivatives(ExpSin, -0.4, 6);
        for (var n = 0; n <= 6; n++)
            Check.Close(ExpSinDerivative(-0.4, n), d[n], 1e-12);
    }

    [Fact]
    public void TaylorOfALambdaWithLiterals()
    {
        // 1/(1 − x) at 0.2: hₖ = 1/0.8^(k+1).
        var h = Ad.Taylor(x => 1 / (1 - x), 0.2, 8);
        for (var k = 0; k <= 8; k++)
            Check.Close(1 / Math.Pow(0.8, k + 1), h[k], 1e-13);
    }

    [Fact]
    public void GenericMathSurfaceAgreesWithNestedDual()
    {
        var f = new Surface();
        foreach (var x in new[] { 0.3, -0.8, 1.9 })
        {
            var h = Ad.Taylor(f, x, 8);
            for (var k = 0; k <= 8; k++)
            {
                var nested = ForwardMode.NthDerivative(f, k, x) / Factorial(k);
                // Both exact to rounding; the coefficients are O(1) here, so 1e-11 leaves room for the 2⁸-term sums.
                Check.Close(nested, h[k], 1e-11);
            }
        }
    }

    [Fact]
    public void JetPrintsItsCoefficients()
        => Assert.Equal("2 + 1t + 0t²", Jet<double>.Variable(2.0, 2).ToString(null, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void RefusalsNameTheArgument()
    {
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Ad.Taylor((Func<Jet<double>, Jet<double>>)null!, 1.0, 3)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => Ad.Taylor(ExpSin, 1.0, -1)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => Ad.NthDerivative(ExpSin, -2, 1.0)).ParamName);
        var mixed = Assert.Throws<ArgumentException>(() => Jet<double>.Variable(1.0, 2) + Jet<double>.Variable(1.0, 3));
        Assert.Contains("order 2 and order 3", mixed.Message);
    }

    [Fact]
    public void ReverseModeOverJets()
    {
        // f(x, y) = eˣ·y with x = 2 + t: ∂f/∂x = e^(2+t)·y has coefficients y·e²/k!, ∂f/∂y = e^(2+t) has e²/k!.
        var x = Jet<double>.Variable(2.0, 5);
        var y = Jet<double>.Constant(1.5);
        var g = ReverseMode.Gradient<Jet<double>>(v => Var<Jet<double>>.Exp(v[0]) * v[1], [x, y]);
        for (var k = 0; k <= 5; k++)
        {
            Check.Close(1.5 * Math.Exp(2) / Factorial(k), g[0][k], 1e-13);
            Check.Close(Math.Exp(2) / Factorial(k), g[1][k], 1e-13);
        }
    }

    [Fact]
    public void JetsOverReverseMode()
    {
        // The t³ coefficient of e^(x(t)·y) with x(t) = x + t is y³·e^(xy)/6; its gradient in (x, y) is
        // (y⁴·e^(xy)/6, (3y² + x·y³)·e^(xy)/6).
        double x0 = 0.4, y0 = 1.3;
        var g = ReverseMode.Gradient<double>(v =>
        {
            var x = new Jet<Var<double>>([v[0], Var<double>.One, Var<double>.Zero, Var<double>.Zero]);
            var y = Jet<Var<double>>.Constant(v[1]);
            return Jet<Var<double>>.Exp(x * y)[3];
        }, [x0, y0]);
        var e = Math.Exp(x0 * y0);
        Check.Close(Math.Pow(y0, 4) * e / 6, g[0], 1e-13);
        Check.Close((3 * y0 * y0 + x0 * Math.Pow(y0, 3)) * e / 6, g[1], 1e-13);
    }
}
