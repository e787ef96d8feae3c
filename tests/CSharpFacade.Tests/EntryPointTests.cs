using System.Numerics;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>Every entry point against analytic derivatives.</summary>
public class EntryPointTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];
    static readonly double[] Q = [2.0, 0.5];

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.1)]
    [InlineData(4.0)]
    public void DerivativeOfDelegateMatchesAnalytic(double x)
        => Check.Close(Fn.ScalarPrime(x), Ad.Derivative(Fn.Scalar<Dual<double>>, x));

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.1)]
    public void DerivativeOfGenericFunctionMatchesAnalytic(double x)
        => Check.Close(Fn.ScalarPrime(x), Ad.Derivative(new ScalarFn(), x));

    [Fact]
    public void ValueAndDerivativeOfDelegate()
    {
        var r = Ad.ValueAndDerivative(Fn.Scalar<Dual<double>>, 1.7);
        Check.Close(Fn.Scalar(1.7), r.Value);
        Check.Close(Fn.ScalarPrime(1.7), r.Derivative);
    }

    [Fact]
    public void ValueAndDerivativeOfGenericFunction()
    {
        var r = Ad.ValueAndDerivative(new ScalarFn(), -0.6);
        Check.Close(Fn.Scalar(-0.6), r.Value);
        Check.Close(Fn.ScalarPrime(-0.6), r.Derivative);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.5)]
    public void SecondDerivativeMatchesAnalytic(double x)
        => Check.Close(Fn.ScalarSecond(x), Ad.SecondDerivative(new ScalarFn(), x));

    [Fact]
    public void GradientOfDelegateMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.Gradient(Fn.Mixed<Dual<double>>, P));

    [Fact]
    public void GradientOfGenericFunctionMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.Gradient(new MixedFn(), P));

    [Fact]
    public void ValueAndGradientOfDelegate()
    {
        var r = Ad.ValueAndGradient(Fn.Mixed<Dual<double>>, P);
        Check.Close(Fn.MixedValue(P), r.Value);
        Check.Close(Fn.MixedGradient(P), r.Gradient);
    }

    [Fact]
    public void ValueAndGradientOfGenericFunction()
    {
        var r = Ad.ValueAndGradient(new MixedFn(), P);
        Check.Close(Fn.MixedValue(P), r.Value);
        Check.Close(Fn.MixedGradient(P), r.Gradient);
    }

    [Fact]
    public void GradientAcceptsASpanSlice()
    {
        double[] buffer = [9.0, 0.7, -0.4, 1.3, 9.0];
        Check.Close(Fn.MixedGradient(P), Ad.Gradient(new MixedFn(), buffer.AsSpan(1, 3)));
    }

    [Fact]
    public void JacobianOfDelegateMatchesAnalytic()
    {
        var r = Ad.Jacobian(Fn.Polar<Dual<double>>, Q);
        Check.Close(Fn.PolarValue(Q), r.Value);
        Check.Close(Fn.PolarJacobian(Q), r.Jacobian);
        Assert.Equal(3, r.OutputCount);
        Assert.Equal(2, r.InputCount);
    }

    [Fact]
    public void JacobianOfGenericFunctionMatchesAnalytic()
    {
        var r = Ad.Jacobian(new PolarFn(), Q);
        Check.Close(Fn.PolarValue(Q), r.Value);
        Check.Close(Fn.PolarJacobian(Q), r.Jacobian);
    }

    static double[] Times(double[,] m, double[] v)
    {
        var r = new double[m.GetLength(0)];
        for (var i = 0; i < r.Length; i++)
            for (var j = 0; j < v.Length; j++)
                r[i] += m[i, j] * v[j];
        return r;
    }

    static double[] TransposeTimes(double[,] m, double[] u)
    {
        var r = new double[m.GetLength(1)];
        for (var j = 0; j < r.Length; j++)
            for (var i = 0; i < u.Length; i++)
                r[j] += u[i] * m[i, j];
        return r;
    }

    [Fact]
    public void JvpOfDelegateIsJacobianTimesDirection()
    {
        double[] v = [0.3, -1.1];
        var r = Ad.Jvp(Fn.Polar<Dual<double>>, Q, v);
        Check.Close(Fn.PolarValue(Q), r.Value);
        Check.Close(Times(Fn.PolarJacobian(Q), v), r.Tangent);
    }

    [Fact]
    public void JvpOfGenericFunctionIsJacobianTimesDirection()
    {
        double[] v = [-2.0, 0.25];
        var r = Ad.Jvp(new PolarFn(), Q, v);
        Check.Close(Times(Fn.PolarJacobian(Q), v), r.Tangent);
    }

    [Fact]
    public void VjpIsWeightsTimesJacobian()
    {
        double[] u = [0.5, -1.5, 2.0];
        var r = Ad.Vjp(new PolarFn(), Q, u);
        Check.Close(Fn.PolarValue(Q), r.Value);
        Check.Close(TransposeTimes(Fn.PolarJacobian(Q), u), r.Cotangent);
    }

    [Fact]
    public void HessianMatchesAnalytic()
    {
        var r = Ad.Hessian(new MixedFn(), P);
        Check.Close(Fn.MixedValue(P), r.Value);
        Check.Close(Fn.MixedGradient(P), r.Gradient);
        Check.Close(Fn.MixedHessian(P), r.Hessian);
    }

    [Fact]
    public void HessianOfOneOutputVectorFunctionMatchesAnalytic()
        => Check.Close(Fn.MixedHessian(P), Ad.Hessian(new MixedAsVectorFn(), P).Hessian);

    [Fact]
    public void HessianVectorProductIsHessianTimesDirection()
    {
        double[] v = [1.5, -0.5, 2.0];
        Check.Close(Times(Fn.MixedHessian(P), v), Ad.HessianVectorProduct(new MixedFn(), P, v));
    }

    [Fact]
    public void GradientCheckOfAHandWrittenGradientFindsTheWrongEntry()
    {
        var wrong = Fn.MixedGradient(P);
        wrong[1] += 1e-3;
        var r = Ad.GradientCheck(Fn.MixedValue, P, wrong);
        Assert.False(r.Passed);
        Assert.Equal(1, r.WorstIndex);
        Assert.InRange(r.MaxError, 0.5e-3, 2e-3);
        Assert.True(Ad.GradientCheck(Fn.MixedValue, P, Fn.MixedGradient(P)).Passed);
    }

    [Fact]
    public void GradientCheckReportsNaNAsFailure()
    {
        var r = Ad.GradientCheck(Fn.MixedValue, P, [double.NaN, 0, 0]);
        Assert.False(r.Passed);
        Assert.Equal(0, r.WorstIndex);
    }
}
