namespace Fluxion.CSharpFacade.Tests;

/// <summary>The reverse-mode entry points (delegates over Var) and the mode choices of the generic-function overloads.</summary>
public class ReverseEntryPointTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];
    static readonly double[] Q = [2.0, 0.5];

    [Fact]
    public void GradientOfVarDelegateMatchesAnalytic()
        => Check.Close(Fn.MixedGradient(P), Ad.Gradient(Fn.Mixed<Var<double>>, P));

    [Fact]
    public void ValueAndGradientOfVarDelegate()
    {
        var r = Ad.ValueAndGradient(Fn.Mixed<Var<double>>, P);
        Check.Close(Fn.MixedValue(P), r.Value);
        Check.Close(Fn.MixedGradient(P), r.Gradient);
    }

    [Fact]
    public void JacobianOfVarDelegateMatchesAnalytic()
    {
        var r = Ad.Jacobian(Fn.Polar<Var<double>>, Q);
        Check.Close(Fn.PolarValue(Q), r.Value);
        Check.Close(Fn.PolarJacobian(Q), r.Jacobian);
    }

    [Fact]
    public void VjpOfVarDelegateIsWeightsTimesJacobian()
    {
        double[] u = [0.5, -1.5, 2.0];
        var r = Ad.Vjp(Fn.Polar<Var<double>>, Q, u);
        Check.Close(Fn.PolarValue(Q), r.Value);
        var j = Fn.PolarJacobian(Q);
        Check.Close([u[0] * j[0, 0] + u[1] * j[1, 0] + u[2] * j[2, 0], u[0] * j[0, 1] + u[1] * j[1, 1] + u[2] * j[2, 1]], r.Vjp);
    }

    [Fact]
    public void JacobianOfAWideFunctionMatchesAnalytic()
    {
        // Fewer outputs than inputs: the generic overload takes the reverse-mode path.
        var r = Ad.Jacobian(new WideFn(), P);
        Check.Close(Fn.WideValue(P), r.Value);
        Check.Close(Fn.WideJacobian(P), r.Jacobian);
    }

    [Fact]
    public void LibraryGradientCheckPasses()
    {
        var r = Ad.GradientCheck(new MixedFn(), P);
        Assert.True(r.Passed, r.ToString());
        Check.Close(Fn.MixedGradient(P), r.ReverseGradient);
        Check.Close(Fn.MixedGradient(P), r.ForwardGradient);
    }
}
