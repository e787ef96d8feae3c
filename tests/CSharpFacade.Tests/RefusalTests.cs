using MathNet.Numerics.LinearAlgebra;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>Every entry point refuses bad input with an ArgumentException naming the argument.</summary>
public class RefusalTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];
    static readonly double[] Q = [2.0, 0.5];

    static void Refuses<TException>(string parameter, Action call) where TException : ArgumentException
        => Assert.Equal(parameter, Assert.Throws<TException>(call).ParamName);

    static void RefusesNull(Action call) => Refuses<ArgumentNullException>("f", call);

    [Fact]
    public void NullFunctionsAreRefused()
    {
        RefusesNull(() => Ad.Derivative((Func<Dual<double>, Dual<double>>)null!, 1.0));
        RefusesNull(() => Ad.Derivative((IScalarFunction)null!, 1.0));
        RefusesNull(() => Ad.ValueAndDerivative((Func<Dual<double>, Dual<double>>)null!, 1.0));
        RefusesNull(() => Ad.ValueAndDerivative((IScalarFunction)null!, 1.0));
        RefusesNull(() => Ad.SecondDerivative((IScalarFunction)null!, 1.0));
        RefusesNull(() => Ad.SecondDerivative((Func<HyperDual<double>, HyperDual<double>>)null!, 1.0));
        RefusesNull(() => Ad.NthDerivative((IScalarFunction)null!, 2, 1.0));
        RefusesNull(() => Ad.NthDerivative((Func<Jet<double>, Jet<double>>)null!, 2, 1.0));
        RefusesNull(() => Ad.Taylor((IScalarFunction)null!, 1.0, 2));
        RefusesNull(() => Ad.Derivatives(null!, 1.0, 2));
        RefusesNull(() => Ad.ForwardGradient((Func<MultiDual<double>[], MultiDual<double>>)null!, P));
        RefusesNull(() => Ad.ForwardGradient((IMultivariateFunction)null!, P));
        RefusesNull(() => Ad.Gradient((IMultivariateFunction)null!, P));
        RefusesNull(() => Ad.Gradient(null!, Vector<double>.Build.DenseOfArray(P)));
        RefusesNull(() => Ad.ValueAndGradient((IMultivariateFunction)null!, P));
        RefusesNull(() => Ad.ForwardJacobian((Func<MultiDual<double>[], MultiDual<double>[]>)null!, Q));
        RefusesNull(() => Ad.Jacobian((IVectorFunction)null!, Q));
        RefusesNull(() => Ad.Jacobian(null!, Vector<double>.Build.DenseOfArray(Q)));
        RefusesNull(() => Ad.Jvp((Func<Dual<double>[], Dual<double>[]>)null!, Q, Q));
        RefusesNull(() => Ad.Jvp((IVectorFunction)null!, Q, Q));
        RefusesNull(() => Ad.Vjp((IVectorFunction)null!, Q, Q));
        RefusesNull(() => Ad.Hessian((IMultivariateFunction)null!, P));
        RefusesNull(() => Ad.Hessian((Func<Var<Dual<double>>[], Var<Dual<double>>>)null!, P));
        RefusesNull(() => Ad.Hessian((IVectorFunction)null!, P));
        RefusesNull(() => Ad.Hessian(null!, Vector<double>.Build.DenseOfArray(P)));
        RefusesNull(() => Ad.HessianVectorProduct((IMultivariateFunction)null!, P, P));
        RefusesNull(() => Ad.HessianVectorProduct((Func<Var<Dual<double>>[], Var<Dual<double>>>)null!, P, P));
        RefusesNull(() => Ad.GradientCheck((IMultivariateFunction)null!, P));
        RefusesNull(() => Ad.Objective(null!));
        RefusesNull(() => Ad.Gradient((Func<Var<double>[], Var<double>>)null!, P));
        RefusesNull(() => Ad.ValueAndGradient((Func<Var<double>[], Var<double>>)null!, P));
        RefusesNull(() => Ad.Jacobian((Func<Var<double>[], Var<double>[]>)null!, Q));
        RefusesNull(() => Ad.Vjp((Func<Var<double>[], Var<double>[]>)null!, Q, Q));
    }

    [Fact]
    public void EmptyPointsAreRefused()
    {
        Refuses<ArgumentException>("x", () => Ad.ForwardGradient(Fn.Mixed<MultiDual<double>>, []));
        Refuses<ArgumentException>("x", () => Ad.ForwardGradient(new MixedFn(), []));
        Refuses<ArgumentException>("x", () => Ad.Gradient(new MixedFn(), []));
        Refuses<ArgumentException>("x", () => Ad.ValueAndGradient(new MixedFn(), []));
        Refuses<ArgumentException>("x", () => Ad.ForwardJacobian(Fn.Polar<MultiDual<double>>, []));
        Refuses<ArgumentException>("x", () => Ad.Hessian(Fn.Mixed<Var<Dual<double>>>, []));
        Refuses<ArgumentException>("x", () => Ad.HessianVectorProduct(Fn.Mixed<Var<Dual<double>>>, [], []));
        Refuses<ArgumentException>("x", () => Ad.Jacobian(new PolarFn(), []));
        Refuses<ArgumentException>("x", () => Ad.Jvp(Fn.Polar<Dual<double>>, [], []));
        Refuses<ArgumentException>("x", () => Ad.Jvp(new PolarFn(), [], []));
        Refuses<ArgumentException>("x", () => Ad.Vjp(new PolarFn(), [], [1.0]));
        Refuses<ArgumentException>("x", () => Ad.Hessian(new MixedFn(), []));
        Refuses<ArgumentException>("x", () => Ad.Hessian(new MixedAsVectorFn(), []));
        Refuses<ArgumentException>("x", () => Ad.HessianVectorProduct(new MixedFn(), [], []));
        Refuses<ArgumentException>("x", () => Ad.GradientCheck(new MixedFn(), []));
        Refuses<ArgumentException>("x", () => Ad.Gradient(new MixedFn(), Vector<double>.Build.Dense(0)));
        Refuses<ArgumentException>("x", () => Ad.Gradient(Fn.Mixed<Var<double>>, []));
        Refuses<ArgumentException>("x", () => Ad.ValueAndGradient(Fn.Mixed<Var<double>>, []));
        Refuses<ArgumentException>("x", () => Ad.Jacobian(Fn.Polar<Var<double>>, []));
        Refuses<ArgumentException>("x", () => Ad.Vjp(Fn.Polar<Var<double>>, [], [1.0]));
    }

    [Fact]
    public void NullMathNetVectorsAreRefused()
    {
        Refuses<ArgumentNullException>("x", () => Ad.Gradient(new MixedFn(), (Vector<double>)null!));
        Refuses<ArgumentNullException>("x", () => Ad.Jacobian(new PolarFn(), (Vector<double>)null!));
        Refuses<ArgumentNullException>("x", () => Ad.Hessian(new MixedFn(), (Vector<double>)null!));
        Refuses<ArgumentNullException>("point", () => Ad.Objective(new MixedFn()).EvaluateAt(null!));
        Refuses<ArgumentException>("point", () => Ad.Objective(new MixedFn()).EvaluateAt(Vector<double>.Build.Dense(0)));
    }

    [Fact]
    public void SeedsOfTheWrongLengthAreRefused()
    {
        Refuses<ArgumentException>("v", () => Ad.Jvp(Fn.Polar<Dual<double>>, Q, [1.0]));
        Refuses<ArgumentException>("v", () => Ad.Jvp(new PolarFn(), Q, [1.0, 2.0, 3.0]));
        Refuses<ArgumentException>("u", () => Ad.Vjp(new PolarFn(), Q, [1.0, 2.0]));
        Refuses<ArgumentException>("u", () => Ad.Vjp(Fn.Polar<Var<double>>, Q, [1.0, 2.0, 3.0, 4.0]));
        Refuses<ArgumentException>("v", () => Ad.HessianVectorProduct(new MixedFn(), P, [1.0, 2.0]));
    }

    [Fact]
    public void SeedsContainingNaNOrInfinityAreRefused()
    {
        Refuses<ArgumentException>("v", () => Ad.Jvp(Fn.Polar<Dual<double>>, Q, [1.0, double.NaN]));
        Refuses<ArgumentException>("v", () => Ad.Jvp(new PolarFn(), Q, [double.NaN, 0.0]));
        Refuses<ArgumentException>("u", () => Ad.Vjp(new PolarFn(), Q, [1.0, double.NaN, 0.0]));
        Refuses<ArgumentException>("u", () => Ad.Vjp(Fn.Polar<Var<double>>, Q, [double.NaN, 1.0, 0.0]));
        Refuses<ArgumentException>("v", () => Ad.HessianVectorProduct(new MixedFn(), P, [0.0, double.NaN, 1.0]));
        Refuses<ArgumentException>("v", () => Ad.Jvp(new PolarFn(), Q, [double.PositiveInfinity, 0.0]));
        Refuses<ArgumentException>("u", () => Ad.Vjp(new PolarFn(), Q, [1.0, double.NegativeInfinity, 0.0]));
        Refuses<ArgumentException>("v", () => Ad.HessianVectorProduct(new MixedFn(), P, [0.0, double.PositiveInfinity, 1.0]));
    }

    [Fact]
    public void HessianOfANonScalarFunctionIsRefused()
        => Refuses<ArgumentException>("f", () => Ad.Hessian(new PolarFn(), Q));

    [Fact]
    public void FunctionsReturningNoUsableArrayAreRefused()
    {
        Refuses<ArgumentException>("f", () => Ad.Jacobian(new NullFn(), Q));
        Refuses<ArgumentException>("f", () => Ad.Jacobian(new EmptyFn(), Q));
        Refuses<ArgumentException>("f", () => Ad.Jacobian(new VaryingFn(), Q));
        // Enough inputs for several forward passes, so that the varying output length shows.
        Refuses<ArgumentException>("f", () => Ad.ForwardJacobian(new VaryingFn().Evaluate<MultiDual<double>>, new double[2 * MultiDual<double>.Width + 1]));
        Refuses<ArgumentException>("f", () => Ad.ForwardJacobian((MultiDual<double>[] x) => null!, Q));
        Refuses<ArgumentException>("f", () => Ad.Jvp((Dual<double>[] x) => [], Q, Q));
        Refuses<ArgumentException>("f", () => Ad.Jvp(new NullFn(), Q, Q));
        Refuses<ArgumentException>("f", () => Ad.Vjp(new EmptyFn(), Q, [1.0]));
        Refuses<ArgumentException>("f", () => Ad.Jacobian(new NullFn(), [1.0, 2.0, 3.0]));
        Refuses<ArgumentException>("f", () => Ad.Jacobian((Var<double>[] x) => null!, Q));
        Refuses<ArgumentException>("f", () => Ad.Vjp((Var<double>[] x) => [], Q, []));
        Refuses<ArgumentException>("f", () => Ad.Hessian(new NullFn(), Q));
        Refuses<ArgumentException>("f", () => Ad.Hessian(new EmptyFn(), Q));
    }

    [Fact]
    public void NonPositiveTolerancesAreRefused()
    {
        Refuses<ArgumentOutOfRangeException>("tolerance", () => Ad.GradientCheck(new MixedFn(), P, 0.0));
        Refuses<ArgumentOutOfRangeException>("tolerance", () => Ad.GradientCheck(new MixedFn(), P, double.NaN));
        Refuses<ArgumentOutOfRangeException>("step", () => Ad.GradientCheck(new MixedFn(), P, step: 0.0));
        Refuses<ArgumentOutOfRangeException>("directions", () => Ad.GradientCheck(new MixedFn(), P, directions: -1));
    }

    [Fact]
    public void HessianOfAnObjectiveCreatedWithoutOneIsNotSupported()
    {
        var objective = Ad.Objective(new MixedFn());
        objective.EvaluateAt(Vector<double>.Build.DenseOfArray(P));
        Assert.False(objective.IsHessianSupported);
        Assert.Throws<NotSupportedException>(() => objective.Hessian);
    }
}
