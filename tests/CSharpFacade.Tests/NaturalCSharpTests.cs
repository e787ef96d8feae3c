namespace Fluxion.CSharpFacade.Tests;

/// <summary>
/// Every operation called the way a C# developer writes it first: a plain lambda (operators and integer literals as
/// written) or a generic method passed by name, with no number type spelled out. The functions are polynomials, so
/// the analytic answers are exact in double and compared exactly.
/// </summary>
public class NaturalCSharpTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];
    static readonly double[] Q = [2.0, 0.5];

    [Fact]
    public void DerivativeOfALambda()
        => Assert.Equal(15.0, Ad.Derivative(x => x * x * x + 3 * x, 2.0));   // 3x² + 3 at 2

    [Fact]
    public void DerivativeOfALambdaWithSin()
        => Check.Close(Math.Sin(2.0) + 2.0 * Math.Cos(2.0), Ad.Derivative(x => x * Dual<double>.Sin(x), 2.0));

    [Fact]
    public void ValueAndDerivativeOfALambda()
    {
        var r = Ad.ValueAndDerivative(x => x * x * x + 3 * x, 2.0);
        Assert.Equal(14.0, r.Value);
        Assert.Equal(15.0, r.Derivative);
    }

    [Fact]
    public void SecondDerivativeOfALambda()
        => Assert.Equal(12.0, Ad.SecondDerivative(x => x * x * x + 2 * x, 2.0));   // 6x at 2

    [Fact]
    public void GradientOfALambda()
        => Assert.Equal([12.0, 9.0], Ad.Gradient(x => x[0] * x[0] * x[1], [3.0, 2.0]));

    [Fact]
    public void ValueAndGradientOfALambda()
    {
        var r = Ad.ValueAndGradient(x => x[0] * x[0] * x[1] + 1, [3.0, 2.0]);
        Assert.Equal(19.0, r.Value);
        Assert.Equal([12.0, 9.0], r.Gradient);
    }

    [Fact]
    public void ForwardGradientOfALambda()
        => Assert.Equal([12.0, 9.0], Ad.ForwardGradient(x => x[0] * x[0] * x[1], [3.0, 2.0]));

    [Fact]
    public void JacobianOfALambda()
    {
        var r = Ad.Jacobian(x => new[] { x[0] * x[1], x[0] + x[1], 2 * x[0] * x[0] }, [3.0, 2.0]);
        Assert.Equal([6.0, 5.0, 18.0], r.Value);
        Assert.Equal(new[,] { { 2.0, 3.0 }, { 1.0, 1.0 }, { 12.0, 0.0 } }, r.Jacobian);
    }

    [Fact]
    public void ForwardJacobianOfALambda()
    {
        var r = Ad.ForwardJacobian(x => new[] { x[0] * x[1], x[0] + x[1], 2 * x[0] * x[0] }, [3.0, 2.0]);
        Assert.Equal([6.0, 5.0, 18.0], r.Value);
        Assert.Equal(new[,] { { 2.0, 3.0 }, { 1.0, 1.0 }, { 12.0, 0.0 } }, r.Jacobian);
    }

    [Fact]
    public void HessianOfALambda()
    {
        var r = Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]);
        Assert.Equal(24.0, r.Value);
        Assert.Equal([12.0, 12.0], r.Gradient);
        Assert.Equal(new[,] { { 4.0, 6.0 }, { 6.0, 0.0 } }, r.Hessian);
    }

    [Fact]
    public void JvpOfALambda()
    {
        var r = Ad.Jvp(x => new[] { x[0] * x[1], x[0] + 2 * x[1] }, [3.0, 2.0], [1.0, -1.0]);
        Assert.Equal([6.0, 7.0], r.Value);
        Assert.Equal([2.0 - 3.0, 1.0 - 2.0], r.Tangent);
    }

    [Fact]
    public void VjpOfALambda()
    {
        var r = Ad.Vjp(x => new[] { x[0] * x[1], x[0] + 2 * x[1] }, [3.0, 2.0], [1.0, 1.0]);
        Assert.Equal([6.0, 7.0], r.Value);
        Assert.Equal([2.0 + 1.0, 3.0 + 2.0], r.Vjp);
    }

    [Fact]
    public void HessianVectorProductOfALambda()
        => Assert.Equal([4.0 * 1 + 6.0 * 2, 6.0 * 1], Ad.HessianVectorProduct(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0], [1.0, 2.0]));

    // One generic method serves every operation: the compiler infers T from the operation's delegate type.

    [Fact]
    public void GenericMethodsPassedByNameServeEveryOperation()
    {
        double[] v = [0.3, -1.1];
        double[] u = [0.5, -1.5, 2.0];
        double[] w = [1.5, -0.5, 2.0];
        Check.Close(Fn.ScalarPrime(0.3), Ad.Derivative(Fn.Scalar, 0.3));
        Check.Close(Fn.ScalarSecond(0.3), Ad.SecondDerivative(Fn.Scalar, 0.3));
        Check.Close(Fn.MixedGradient(P), Ad.Gradient(Fn.Mixed, P));
        Check.Close(Fn.MixedGradient(P), Ad.ForwardGradient(Fn.Mixed, P));
        Check.Close(Fn.MixedHessian(P), Ad.Hessian(Fn.Mixed, P).Hessian);
        Check.Close(Fn.PolarJacobian(Q), Ad.Jacobian(Fn.Polar, Q).Jacobian);
        Check.Close(Fn.PolarJacobian(Q), Ad.ForwardJacobian(Fn.Polar, Q).Jacobian);
        var j = Fn.PolarJacobian(Q);
        Check.Close([j[0, 0] * v[0] + j[0, 1] * v[1], j[1, 0] * v[0] + j[1, 1] * v[1], j[2, 0] * v[0] + j[2, 1] * v[1]],
            Ad.Jvp(Fn.Polar, Q, v).Tangent);
        Check.Close([u[0] * j[0, 0] + u[1] * j[1, 0] + u[2] * j[2, 0], u[0] * j[0, 1] + u[1] * j[1, 1] + u[2] * j[2, 1]],
            Ad.Vjp(Fn.Polar, Q, u).Vjp);
        var h = Fn.MixedHessian(P);
        Check.Close([h[0, 0] * w[0] + h[0, 1] * w[1] + h[0, 2] * w[2], h[1, 0] * w[0] + h[1, 1] * w[1] + h[1, 2] * w[2],
                h[2, 0] * w[0] + h[2, 1] * w[1] + h[2, 2] * w[2]],
            Ad.HessianVectorProduct(Fn.Mixed, P, w));
    }
}
