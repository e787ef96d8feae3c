using Fluxion;
using Xunit;

namespace Fluxion.CSharp.Tests;

/// <summary>The tensor API from C#: operators, lambdas as Func delegates, named results; analytic references.</summary>
public class TensorTests
{
    [Fact]
    public void GradientOfASumOfSquares()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0, 3.0 });
        Tensor<double> g = Tensor.Gradient<double>(t => Tensor.Sum(t * t), x);
        Assert.Equal(new[] { 2.0, -4.0, 6.0 }, g.ToArray());
    }

    [Fact]
    public void ParametersAndGradients()
    {
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.0 }, 2, 2).AsParameter();
        var input = Tensor.FromArray(new[] { 1.0, 3.0 }, 2, 1);
        // loss = Σᵢⱼ (x_i w_ij)² ; ∂loss/∂w_ij = 2 x_i² w_ij
        var loss = Tensor.Sum(Tensor.Square(input * w));
        Tensor<double>[] grads = Tensor.Gradients(loss, new[] { w });
        Assert.Equal(new[] { 1.0, -2.0, 36.0, 0.0 }, grads[0].ToArray());
        Assert.Equal(new[] { 2, 2 }, grads[0].Shape);
    }

    [Fact]
    public void JvpAndHessianVectorProduct()
    {
        var x = Tensor.FromArray(new[] { 0.5f, 1.5f });
        var v = Tensor.Ones<float>(2);
        TensorValueAndJvp<float> r = Tensor.Jvp<float>(t => Tensor.Exp(t) * 2f, x, v);
        Assert.Equal(2f * MathF.Exp(1.5f), r.Tangent[1], 5);
        Tensor<float> hv = Tensor.HessianVectorProduct<float>(t => Tensor.Sum(Tensor.Pow(t, 3f)), x, v);
        Assert.Equal(6f * 1.5f, hv[1], 4);
    }
}
