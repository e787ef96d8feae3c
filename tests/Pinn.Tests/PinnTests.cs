using Xunit;

namespace Fluxion.Samples.Pinn.Tests;

/// <summary>The Burgers sample: its quadrature, its Cole–Hopf reference against published values, and a small training run.</summary>
public class PinnTests
{
    const double Nu = 0.01 / Math.PI;

    static readonly Lazy<ColeHopf> Reference = new(() => new ColeHopf(Nu, 200));

    static readonly BurgersOptions Small = new()
    {
        InteriorPoints = 200,
        BoundaryPoints = 20,
        InitialPoints = 40,
        AdamIterations = 150,
        LbfgsIterations = 30,
        ReportEvery = 1000,
        GridX = 41,
        GridT = 11,
    };

    static readonly Lazy<BurgersResult> SmallRun = new(() => BurgersPinn.Run(Small, _ => { }));

    [Fact]
    public void GaussHermiteIntegratesEvenMomentsExactly()
    {
        // ∫ z^(2k) e^(−z²) dz = Γ(k + ½) = (2k − 1)!! √π / 2^k; odd moments vanish.
        var rule = new GaussHermite(200);
        var moment = Math.Sqrt(Math.PI);
        for (var k = 0; k <= 12; k++)
        {
            var sum = 0.0;
            var odd = 0.0;
            for (var i = 0; i < rule.Nodes.Length; i++)
            {
                sum += Math.Exp(rule.LogWeights[i]) * Math.Pow(rule.Nodes[i], 2 * k);
                odd += Math.Exp(rule.LogWeights[i]) * Math.Pow(rule.Nodes[i], 2 * k + 1);
            }
            Assert.True(Math.Abs(sum - moment) <= 1e-12 * moment, $"moment {2 * k}: {sum}, expected {moment}");
            Assert.True(Math.Abs(odd) <= 1e-12 * moment, $"moment {2 * k + 1}: {odd}, expected 0");
            moment *= (2 * k + 1) / 2.0;
        }
    }

    [Fact]
    public void ColeHopfReproducesTheSteepestSlopeOfBasdevantEtAl()
    {
        // Basdevant et al. (1986): ∂u/∂x at x = 0 reaches its extreme, −152.00516, at t = 1.6037/π.
        var slope = Reference.Value.Slope(0.0, 1.6037 / Math.PI);
        Assert.True(Math.Abs(slope - -152.00516) <= 1e-3, $"slope {slope:F6}, expected −152.00516");
        // It is the extreme: slightly earlier and later the slope is gentler.
        Assert.True(Reference.Value.Slope(0.0, 1.58 / Math.PI) > slope);
        Assert.True(Reference.Value.Slope(0.0, 1.63 / Math.PI) > slope);
    }

    [Fact]
    public void ColeHopfMatchesTheInitialAndBoundaryConditions()
    {
        foreach (var x in new[] { -0.9, -0.5, -0.1, 0.0, 0.3, 0.77 })
        {
            Assert.Equal(-Math.Sin(Math.PI * x), Reference.Value.Velocity(x, 0.0), 15);
            // Through the quadrature, a moment after the start.
            var early = Reference.Value.Velocity(x, 1e-8);
            Assert.True(Math.Abs(early - -Math.Sin(Math.PI * x)) <= 1e-6, $"u({x}, 1e-8) = {early}");
        }
        foreach (var t in new[] { 0.1, 0.5, 1.0 })
        {
            Assert.True(Math.Abs(Reference.Value.Velocity(-1.0, t)) <= 1e-12, $"u(−1, {t})");
            Assert.True(Math.Abs(Reference.Value.Velocity(1.0, t)) <= 1e-12, $"u(1, {t})");
        }
    }

    [Fact]
    public void ColeHopfHasConvergedInTheNumberOfNodes()
    {
        var finer = new ColeHopf(Nu, 320);
        foreach (var (x, t) in new[] { (0.01, 1.0), (-0.2, 0.6), (0.5, 0.3), (0.002, 0.51) })
            Assert.True(Math.Abs(finer.Velocity(x, t) - Reference.Value.Velocity(x, t)) <= 1e-10, $"u({x}, {t})");
    }

    [Fact]
    public void SmallCaseLossFalls()
    {
        var run = SmallRun.Value;
        Assert.Equal(Small.AdamIterations, run.AdamLosses.Length);
        Assert.True(run.AdamLosses[^1] < 0.5 * run.AdamLosses[0], $"Adam: {run.AdamLosses[0]} -> {run.AdamLosses[^1]}");
        Assert.True(run.FinalLoss < run.AdamLosses[^1], $"L-BFGS: {run.AdamLosses[^1]} -> {run.FinalLoss}");
        Assert.True(run.LbfgsIterations > 0);
        Assert.True(double.IsFinite(run.RelativeL2Error) && run.RelativeL2Error > 0);
    }

    [Fact]
    public void SmallCaseWritesThePictures()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pinn-test-{Guid.NewGuid():N}");
        try
        {
            var paths = BurgersPlot.Save(SmallRun.Value, folder);
            Assert.Equal(4, paths.Length);
            foreach (var path in paths)
                Assert.True(new FileInfo(path).Length > 1000, path);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
