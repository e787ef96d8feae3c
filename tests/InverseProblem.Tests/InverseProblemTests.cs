using Xunit;

namespace Fluxion.Samples.InverseProblem.Tests;

/// <summary>The inverse-problem sample on a small case: recovery, exact gradients, a sound integrator, the plot.</summary>
public class InverseProblemTests
{
    static readonly Lazy<FitResult> SmallFit = new(() => LotkaVolterraFit.Run(FitOptions.Small));

    [Fact]
    public void SmallCaseRecoversEveryParameterWithinOnePercent()
    {
        var fit = SmallFit.Value;
        for (var i = 0; i < 4; i++)
        {
            var truth = FitOptions.Small.TrueParameters[i];
            Assert.True(Math.Abs(fit.Recovered[i] - truth) / truth < 0.01,
                $"parameter {i}: true {truth}, recovered {fit.Recovered[i]}, relative error {fit.RelativeErrors[i]:P3}");
        }
        Assert.True(fit.FinalMisfit < fit.InitialMisfit);
    }

    [Fact]
    public void StartingFarOffTheGuessIsReallyWrong()
    {
        // The test above means something only if the optimiser had work to do.
        var o = FitOptions.Small;
        for (var i = 0; i < 4; i++)
            Assert.True(Math.Abs(o.InitialGuess[i] - o.TrueParameters[i]) / o.TrueParameters[i] >= 0.15);
    }

    [Fact]
    public void FittedMisfitIsWhatOnePercentNoiseLeaves()
    {
        // With the noise model right, the minimised misfit ½Σr² is about half the number of residuals (χ²/2).
        var fit = SmallFit.Value;
        var residuals = 2 * (FitOptions.Small.Samples - 1);
        Assert.InRange(fit.FinalMisfit, 0.25 * residuals, 0.8 * residuals);
    }

    static double[] Points(int which) => which switch
    {
        0 => LotkaVolterraFit.ToLog(FitOptions.Small.InitialGuess),
        _ => LotkaVolterraFit.ToLog(FitOptions.Small.TrueParameters),
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MisfitGradientPassesTheLibraryGradientCheck(int point)
    {
        var o = FitOptions.Small;
        var misfit = new Misfit(o, LotkaVolterraFit.Observe(o));
        var check = Ad.GradientCheck(misfit, Points(point));
        Assert.True(check.Passed, check.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MisfitGradientAgreesWithForwardMode(int point)
    {
        var o = FitOptions.Small;
        var misfit = new Misfit(o, LotkaVolterraFit.Observe(o));
        var x = Points(point);
        var gradient = Ad.Gradient(misfit, x);
        var forward = Ad.ForwardGradient(misfit, x);
        for (var i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(gradient[i] - forward[i]) <= 1e-9 * Math.Max(1, Math.Abs(forward[i])),
                $"entry {i}: {gradient[i]:R} vs forward {forward[i]:R}");
    }

    [Fact]
    public void CompiledMisfitGradientIsTheTapesBitForBitAndForwardModesAtNewPoints()
    {
        // Recorded once at the initial guess (1,000 RK4 steps of the demo), replayed along a path to the truth.
        var o = FitOptions.Demo;
        var misfit = new Misfit(o, LotkaVolterraFit.Observe(o));
        var guess = LotkaVolterraFit.ToLog(o.InitialGuess);
        var truth = LotkaVolterraFit.ToLog(o.TrueParameters);
        var compiled = Ad.CompileGradient(misfit, guess);
        Assert.Equal(0, compiled.GuardCount);
        foreach (var t in new[] { 0.0, 0.25, 0.6, 1.0, 1.3 })
        {
            var x = guess.Select((g, i) => g + t * (truth[i] - g)).ToArray();
            var gradient = new double[4];
            var value = compiled.ValueAndGradientInto(x, gradient);
            var tape = Ad.ValueAndGradient(misfit, x);
            Assert.Equal(tape.Value, value);
            Assert.Equal(tape.Gradient, gradient);
            var forward = Ad.ForwardGradient(misfit, x);
            for (var i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(gradient[i] - forward[i]) <= 1e-9 * Math.Max(1, Math.Abs(forward[i])),
                    $"t = {t}, entry {i}: {gradient[i]:R} vs forward {forward[i]:R}");
        }
    }

    [Fact]
    public void CompiledAndRecordedFitsTakeTheSamePath()
    {
        var o = FitOptions.Small;
        var recorded = LotkaVolterraFit.Run(new FitOptions { Samples = o.Samples, StepsPerSample = o.StepsPerSample, Dt = o.Dt, CompiledGradient = false });
        var compiled = SmallFit.Value;
        Assert.True(o.CompiledGradient);
        Assert.Equal(recorded.Evaluations, compiled.Evaluations);
        Assert.Equal(recorded.Recovered, compiled.Recovered);
        Assert.Equal(recorded.FinalMisfit, compiled.FinalMisfit);
    }

    [Fact]
    public void Rk4ConservesTheLotkaVolterraInvariant()
    {
        // V = δx − γ ln x + βy − α ln y is constant along exact trajectories; RK4 with h = 0.01 keeps it to O(h⁴).
        var o = FitOptions.Demo;
        double[] p = o.TrueParameters;
        var states = LotkaVolterraFit.Simulate(o, p);
        double V(int s) => p[2] * states[s, 0] - p[3] * Math.Log(states[s, 0]) + p[1] * states[s, 1] - p[0] * Math.Log(states[s, 1]);
        for (var s = 1; s < o.Samples; s++)
            Assert.True(Math.Abs(V(s) - V(0)) < 1e-6, $"sample {s}: V drifted by {V(s) - V(0):E2}");
    }

    [Fact]
    public void PlotIsWrittenAsPng()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxion-inverse-{Guid.NewGuid():N}.png");
        try
        {
            FitPlot.Save(SmallFit.Value, path);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 10_000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
