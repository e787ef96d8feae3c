using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>Ad.CompileGradient: replays against the uncompiled gradient and analytic references; guards, refusals, arguments.</summary>
public class CompiledGradientTests
{
    static readonly double[] P = [0.7, -0.4, 1.3];

    static double[] Around(double[] x, int k) => x.Select((v, i) => v + 0.1 * Math.Sin(3 * k + i)).ToArray();

    [Fact]
    public void ReplayEqualsTheUncompiledGradientBitForBitAndTheAnalyticOne()
    {
        var compiled = Ad.CompileGradient(Fn.Mixed<Var<double>>, P);
        for (var k = 1; k <= 10; k++)
        {
            var x = Around(P, k);
            var g = new double[3];
            var value = compiled.ValueAndGradientInto(x, g);
            var tape = Ad.ValueAndGradient(Fn.Mixed<Var<double>>, x);
            Assert.Equal(tape.Value, value);
            Assert.Equal(tape.Gradient, g);
            Check.Close(Fn.MixedGradient(x), g);
        }
    }

    [Fact]
    public void GenericFunctionsCompileToo()
    {
        var compiled = Ad.CompileGradient(new RosenbrockFn(), [-1.2, 1.0]);
        double[] x = [0.3, 0.8];
        Assert.Equal(Ad.Gradient(new RosenbrockFn(), x), compiled.Gradient(x));
        Check.Close([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])], compiled.Gradient(x));
    }

    [Fact]
    public void ABranchThatWouldGoTheOtherWayThrows()
    {
        var compiled = Ad.CompileGradient(x => x[0] > Var<double>.Zero ? x[0] * x[0] : -x[0], [2.0]);
        Assert.Equal([4.0], compiled.Gradient([2.0]));
        var e = Assert.Throws<BranchChangedException>(() => compiled.Gradient([-2.0]));
        Assert.Contains("a > b", e.Message);
    }

    [Fact]
    public void ReadingAPrimalValueIsRefusedWithItsName()
    {
        var e = Assert.Throws<NotSupportedException>(() => Ad.CompileGradient(x => x[0] * Math.Sin(x[0].Primal), [1.0]));
        Assert.Contains("Var.Primal", e.Message);
        var c = Assert.Throws<NotSupportedException>(() => Ad.CompileGradient(x => x[0] * (double)double.CreateChecked(x[0]), [1.0]));
        Assert.Contains("conversion to Double", c.Message);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>("f", () => Ad.CompileGradient((Func<Var<double>[], Var<double>>)null!, [1.0]));
        Assert.Throws<ArgumentException>("x", () => Ad.CompileGradient(Fn.Mixed<Var<double>>, []));
        var compiled = Ad.CompileGradient(Fn.Mixed<Var<double>>, P);
        Assert.Throws<ArgumentException>("x", () => compiled.Gradient([1.0, 2.0]));
        Assert.Throws<ArgumentException>("gradient", () => compiled.ValueAndGradientInto(P, new double[2]));
        Assert.Throws<ArgumentNullException>("f", () => Ad.CompiledObjective(null!, [1.0]));
        Assert.Throws<ArgumentException>("x", () => Ad.CompiledObjective(new RosenbrockFn(), []));
    }

    [Fact]
    public void LimitedMemoryBfgsOnTheCompiledObjectiveTakesTheUncompiledPath()
    {
        var start = Vector<double>.Build.DenseOfArray([-1.2, 1.0]);
        var plain = new LimitedMemoryBfgsMinimizer(1e-10, 1e-12, 1e-12, 5, 1000).FindMinimum(Ad.Objective(new RosenbrockFn()), start);
        var compiled = new LimitedMemoryBfgsMinimizer(1e-10, 1e-12, 1e-12, 5, 1000)
            .FindMinimum(Ad.CompiledObjective(new RosenbrockFn(), [-1.2, 1.0]), start);
        Assert.Equal(plain.Iterations, compiled.Iterations);
        Assert.Equal(plain.MinimizingPoint.ToArray(), compiled.MinimizingPoint.ToArray());
        Check.Close(1.0, compiled.MinimizingPoint[0], 1e-6);
        Check.Close(1.0, compiled.MinimizingPoint[1], 1e-6);
    }
}
