namespace Fluxion.CSharpFacade.Tests;

/// <summary>
/// Issue 12's perturbation-confusion case through the facade: d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1. A
/// derivative taken inside another one over the same number type used to return 2; every entry point now refuses it
/// (the engines' nesting guard) with an InvalidOperationException that says what happened.
/// </summary>
public class NestingTests
{
    static void RefusesConfusion(Action call)
        => Assert.Contains("Perturbation confusion", Assert.Throws<InvalidOperationException>(call).Message);

    [Fact]
    public void DerivativeInsideDerivativeIsRefused()
        => RefusesConfusion(() => Ad.Derivative(x => x * Ad.Derivative(y => x + y, 1.0), 1.0));

    [Fact]
    public void DerivativeInsideValueAndDerivativeIsRefused()
        => RefusesConfusion(() => Ad.ValueAndDerivative(x => x * Ad.Derivative(y => x + y, 1.0), 1.0));

    [Fact]
    public void DerivativeInsideJvpIsRefused()
        => RefusesConfusion(() => Ad.Jvp(x => new[] { x[0] * Ad.Derivative(y => x[0] + y, 1.0) }, [1.0], [1.0]));

    [Fact]
    public void JvpInsideDerivativeIsRefused()
        => RefusesConfusion(() => Ad.Derivative(x => x * Ad.Jvp(y => new[] { x + y[0] }, [1.0], [1.0]).Tangent[0], 1.0));

    [Fact]
    public void SecondDerivativeInsideSecondDerivativeIsRefused()
        => RefusesConfusion(() => Ad.SecondDerivative(x => x * Ad.SecondDerivative(y => x * y * y, 1.0), 1.0));

    [Fact]
    public void ForwardGradientInsideForwardGradientIsRefused()
        => RefusesConfusion(() => Ad.ForwardGradient(x => x[0] * Ad.ForwardGradient(y => x[0] + y[0], [1.0])[0], [1.0]));

    [Fact]
    public void ForwardJacobianInsideForwardGradientIsRefused()
        => RefusesConfusion(() => Ad.ForwardGradient(x => x[0] * Ad.ForwardJacobian(y => new[] { x[0] + y[0] }, [1.0]).Jacobian[0, 0], [1.0]));

    // Reverse mode: the tape notices a Var of the enclosing computation inside the nested one.
    static void RefusesNesting(Action call)
        => Assert.Contains("Nesting mistake", Assert.Throws<InvalidOperationException>(call).Message);

    [Fact]
    public void GradientInsideGradientIsRefused()
        => RefusesNesting(() => Ad.Gradient(x => x[0] * Ad.Gradient(y => x[0] + y[0], [1.0])[0], [1.0]));

    [Fact]
    public void JacobianInsideGradientIsRefused()
        => RefusesNesting(() => Ad.Gradient(x => x[0] * Ad.Jacobian(y => new[] { x[0] + y[0] }, [1.0]).Jacobian[0, 0], [1.0]));

    [Fact]
    public void VjpInsideValueAndGradientIsRefused()
        => RefusesNesting(() => Ad.ValueAndGradient(x => x[0] * Ad.Vjp(y => new[] { x[0] + y[0] }, [1.0], [1.0]).Vjp[0], [1.0]));

    [Fact]
    public void HessianInsideHessianIsRefused()
        => RefusesNesting(() => Ad.Hessian(x => x[0] * Ad.Hessian(y => x[0] * y[0] * y[0], [1.0]).Value, [1.0]));

    [Fact]
    public void HessianVectorProductInsideHessianIsRefused()
        => RefusesNesting(() => Ad.Hessian(x => x[0] * Ad.HessianVectorProduct(y => x[0] * y[0] * y[0], [1.0], [1.0])[0], [1.0]));
}
