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
    public void ForwardGradientOfDelegateMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.ForwardGradient(Fn.Mixed<MultiDual<double>>, P));

    [Fact]
    public void ForwardGradientOfGenericFunctionMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.ForwardGradient(new MixedFn(), P));

    [Fact]
    public void ForwardGradientOfManyInputsTakesSeveralChunks()
    {
        // More inputs than MultiDual<double>.Width tangents: the gradient needs several passes; f = Σ i·xᵢ².
        var n = 3 * MultiDual<double>.Width + 1;
        var x = new double[n];
        var expected = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = 0.5 + i;
            expected[i] = 2 * i * x[i];
        }
        Check.Close(expected, Ad.ForwardGradient(v =>
        {
            MultiDual<double> sum = 0.0;
            for (var i = 0; i < v.Length; i++) sum += i * v[i] * v[i];
            return sum;
        }, x));
    }

    [Fact]
    public void GradientOfGenericFunctionMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.Gradient(new MixedFn(), P));

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
    public void ForwardJacobianOfDelegateMatchesAnalytic()
    {
        var r = Ad.ForwardJacobian(Fn.Polar<MultiDual<double>>, Q);
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
        Check.Close(TransposeTimes(Fn.PolarJacobian(Q), u), r.Vjp);
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
}
