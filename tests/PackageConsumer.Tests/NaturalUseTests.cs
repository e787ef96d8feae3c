using Fluxion;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>
/// A newcomer's first calls, compiled against the one package a C# user adds (Fluxion): plain lambdas with operators
/// and integer literals for every operation, and a small tensor network. Polynomials give exact answers in double,
/// compared exactly; the rest against analytic values to rounding.
/// </summary>
public class NaturalUseTests
{
    static void Close(double expected, double actual, double tolerance = 1e-12)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Derivative() => Assert.Equal(15.0, Ad.Derivative(x => x * x * x + 3 * x, 2.0));

    [Fact]
    public void DerivativeWithSin() => Close(Math.Sin(2.0) + 2 * Math.Cos(2.0), Ad.Derivative(x => x * Dual<double>.Sin(x), 2.0));

    [Fact]
    public void SecondDerivative() => Assert.Equal(12.0, Ad.SecondDerivative(x => x * x * x + 2 * x, 2.0));

    [Fact]
    public void Gradient() => Assert.Equal([12.0, 9.0], Ad.Gradient(x => x[0] * x[0] * x[1], [3.0, 2.0]));

    [Fact]
    public void ForwardGradient() => Assert.Equal([12.0, 9.0], Ad.ForwardGradient(x => x[0] * x[0] * x[1], [3.0, 2.0]));

    [Fact]
    public void Jacobian()
        => Assert.Equal(new[,] { { 2.0, 3.0 }, { 1.0, 2.0 } }, Ad.Jacobian(x => new[] { x[0] * x[1], x[0] + 2 * x[1] }, [3.0, 2.0]).Jacobian);

    [Fact]
    public void Hessian()
        => Assert.Equal(new[,] { { 4.0, 6.0 }, { 6.0, 0.0 } }, Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]).Hessian);

    [Fact]
    public void Jvp() => Assert.Equal([2.0, 1.0], Ad.Jvp(x => new[] { x[0] * x[1], x[0] + 2 * x[1] }, [3.0, 2.0], [1.0, 0.0]).Tangent);

    [Fact]
    public void Vjp() => Assert.Equal([3.0, 5.0], Ad.Vjp(x => new[] { x[0] * x[1], x[0] + 2 * x[1] }, [3.0, 2.0], [1.0, 1.0]).Vjp);

    [Fact]
    public void HessianVectorProduct()
        => Assert.Equal([16.0, 6.0], Ad.HessianVectorProduct(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0], [1.0, 2.0]));

    [Fact]
    public void ResultsPrintTheirNumbers()
        => Assert.Equal($"value 24, gradient [12, 12]{Environment.NewLine}Hessian 2×2{Environment.NewLine}  4  6{Environment.NewLine}  6  0",
            Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]).ToString());

    [Fact]
    public void NestedDerivativesAreRefusedNotWrong()
        => Assert.Throws<InvalidOperationException>(() => Ad.Derivative(x => x * Ad.Derivative(y => x + y, 1.0), 1.0));

    [Fact]
    public void TensorGradientOfALambda()
        => Assert.Equal([2.0, -4.0, 6.0], Tensor.Gradient(t => Tensor.Sum(t * t), Tensor.FromArray(new[] { 1.0, -2.0, 3.0 })).ToArray());

    /// <summary>
    /// A two-layer network u(x) = 2·tanh(0.5x + 0.1) − 0.3 with a mean-squared loss over three points: the parameter
    /// gradients against the chain rule written out by hand.
    /// </summary>
    [Fact]
    public void NetworkParameterGradientsAreAnalytic()
    {
        double w1 = 0.5, b1 = 0.1, w2 = 2.0, b2 = -0.3;
        double[] xs = [-1.0, 0.5, 2.0], ys = [0.2, -0.4, 1.0];
        var hidden = Linear<double>.FromWeights(Tensor.FromArray(new[] { w1 }, 1, 1), Tensor.FromArray(new[] { b1 }));
        var output = Linear<double>.FromWeights(Tensor.FromArray(new[] { w2 }, 1, 1), Tensor.FromArray(new[] { b2 }));
        var x = Tensor.FromArray(xs, 3, 1);
        var y = Tensor.FromArray(ys, 3, 1);
        var loss = Tensor.Mean(Tensor.Square(output.Forward(Tensor.Tanh(hidden.Forward(x))) - y));
        var g = hidden.Parameters.Concat(output.Parameters).Gradients(loss);

        double gw1 = 0, gb1 = 0, gw2 = 0, gb2 = 0;
        for (var i = 0; i < 3; i++)
        {
            var h = Math.Tanh(w1 * xs[i] + b1);
            var r = 2.0 / 3.0 * (w2 * h + b2 - ys[i]);   // ∂loss/∂u at point i
            gw2 += r * h;
            gb2 += r;
            gw1 += r * w2 * (1 - h * h) * xs[i];
            gb1 += r * w2 * (1 - h * h);
        }
        Close(gw1, g[0].ToArray()[0]);
        Close(gb1, g[1].ToArray()[0]);
        Close(gw2, g[2].ToArray()[0]);
        Close(gb2, g[3].ToArray()[0]);
    }

    [Fact]
    public void LbfgsFitsALinearLayerToALine()
    {
        var layer = new Linear<double>(1, 1, new Random(3));
        var x = Tensor.FromArray(new[] { -1.0, 0.0, 1.0, 2.0 }, 4, 1);
        var y = Tensor.FromArray(new[] { -2.5, 0.5, 3.5, 6.5 }, 4, 1);   // y = 3x + 0.5
        Lbfgs.Minimize(layer.Parameters, () => Tensor.Mean(Tensor.Square(layer.Forward(x) - y)), gradientTolerance: 1e-12, maximumIterations: 100);
        var fitted = layer.Parameters.ToFlatArray();
        Close(3.0, fitted[0], 1e-9);
        Close(0.5, fitted[1], 1e-9);
    }
}
