using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>MathNet vectors and matrices in and out, and MathNet's minimizers on AD objectives.</summary>
public class MathNetTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];

    [Fact]
    public void GradientOfVector()
    {
        var g = Ad.Gradient(new MixedFn(), Vector<double>.Build.DenseOfArray(P));
        Check.Close(Fn.MixedGradient(P), g.ToArray());
    }

    [Fact]
    public void JacobianOfVectorIsAMatrix()
    {
        double[] q = [2.0, 0.5];
        var j = Ad.Jacobian(new PolarFn(), Vector<double>.Build.DenseOfArray(q));
        Check.Close(Fn.PolarJacobian(q), j.ToArray());
    }

    [Fact]
    public void HessianOfVectorIsAMatrix()
    {
        var h = Ad.Hessian(new MixedFn(), Vector<double>.Build.DenseOfArray(P));
        Check.Close(Fn.MixedHessian(P), h.ToArray());
    }

    static readonly Vector<double> Start = Vector<double>.Build.DenseOfArray([-1.2, 1.0]);

    static void AtRosenbrockMinimum(MinimizationResult result)
    {
        Check.Close(1.0, result.MinimizingPoint[0], 1e-6);
        Check.Close(1.0, result.MinimizingPoint[1], 1e-6);
    }

    [Fact]
    public void BfgsMinimisesRosenbrock()
        => AtRosenbrockMinimum(new BfgsMinimizer(1e-10, 1e-12, 1e-12, 1000).FindMinimum(Ad.Objective(new RosenbrockFn()), Start));

    [Fact]
    public void LimitedMemoryBfgsMinimisesRosenbrock()
        => AtRosenbrockMinimum(new LimitedMemoryBfgsMinimizer(1e-10, 1e-12, 1e-12, 5, 1000).FindMinimum(Ad.Objective(new RosenbrockFn()), Start));

    [Fact]
    public void NewtonMinimisesRosenbrockWithTheAdHessian()
        => AtRosenbrockMinimum(new NewtonMinimizer(1e-10, 100, true).FindMinimum(Ad.Objective(new RosenbrockFn(), withHessian: true), Start));

    [Fact]
    public void ObjectiveReportsExactValueGradientAndHessian()
    {
        var objective = Ad.Objective(new MixedFn(), withHessian: true);
        var reports = new List<ObjectiveEvaluatedEventArgs>();
        objective.Evaluated += (_, e) => reports.Add(e);
        objective.EvaluateAt(Vector<double>.Build.DenseOfArray(P));
        Assert.True(objective.IsGradientSupported);
        Assert.True(objective.IsHessianSupported);
        Check.Close(Fn.MixedValue(P), objective.Value);
        Check.Close(Fn.MixedGradient(P), objective.Gradient.ToArray());
        Check.Close(Fn.MixedHessian(P), objective.Hessian.ToArray());
        Assert.Equal(P, objective.Point.ToArray());
        Assert.Equal(1, objective.EvaluationCount);
        var report = Assert.Single(reports);
        Assert.Equal(1, report.Count);
        Check.Close(Fn.MixedValue(P), report.Value);
        Check.Close(Vector<double>.Build.DenseOfArray(Fn.MixedGradient(P)).L2Norm(), report.GradientNorm);
    }

    [Fact]
    public void ForkKeepsStateCreateNewStartsFreshAndBothShareTheCount()
    {
        var objective = Ad.Objective(new RosenbrockFn());
        objective.EvaluateAt(Start);
        var fork = objective.Fork();
        Check.Close(objective.Value, fork.Value);
        fork.EvaluateAt(Vector<double>.Build.DenseOfArray([1.0, 1.0]));
        Check.Close(0.0, fork.Value);
        Check.Close(Fn.Rosenbrock([-1.2, 1.0]), objective.Value);
        Assert.Equal(2, objective.EvaluationCount);
        Assert.Equal(2, ((AdObjectiveFunction)fork).EvaluationCount);
        var fresh = (AdObjectiveFunction)objective.CreateNew();
        Assert.Equal(2, fresh.EvaluationCount);
        Assert.Throws<InvalidOperationException>(() => fresh.Point);
        Assert.Throws<InvalidOperationException>(() => fresh.Gradient);
    }
}
