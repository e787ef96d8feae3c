using System.Text.RegularExpressions;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>The README's C# quick start, compiled against the packed Fluxion package and checked against analytic values.</summary>
public class QuickStartTests
{
    static void Close(double expected, double actual, double tolerance = 1e-12)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void SlopeIsTheAnalyticDerivative() => Assert.Equal(15.0, QuickStart.Slope());

    [Fact]
    public void GradientIsAnalytic() => Assert.Equal([12.0, 9.0], QuickStart.Gradient());

    [Fact]
    public void JacobianIsAnalytic()
    {
        var r = QuickStart.Jacobian();
        Assert.Equal([6.0, 5.0], r.Value);
        Assert.Equal(new[,] { { 2.0, 3.0 }, { 1.0, 1.0 } }, r.Jacobian);
    }

    [Fact]
    public void HessianIsAnalytic()
    {
        var r = QuickStart.Hessian();
        Assert.Equal(24.0, r.Value);
        Assert.Equal([12.0, 12.0], r.Gradient);
        Assert.Equal(new[,] { { 4.0, 6.0 }, { 6.0, 0.0 } }, r.Hessian);
    }

    [Fact]
    public void EnergyGradientIsAnalytic()
    {
        var g = QuickStart.EnergyGradient();
        Assert.Equal(3, g.Length);
        Close(2 * 3.0 * 2.0, g[0]);
        Close(3.0 * 3.0, g[1]);
        Close(Math.Cos(0.5), g[2]);
    }

    [Fact]
    public void EnergyHessianIsAnalytic()
    {
        // ∂²/∂x0² = 2 x1, ∂²/∂x0∂x1 = 2 x0, ∂²/∂x2² = −sin x2, the rest 0.
        var h = QuickStart.EnergyHessian().Hessian;
        double[,] expected = { { 4.0, 6.0, 0.0 }, { 6.0, 0.0, 0.0 }, { 0.0, 0.0, -Math.Sin(0.5) } };
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Close(expected[i, j], h[i, j]);
    }

    [Fact]
    public void LbfgsReachesTheMinimum()
    {
        var p = QuickStart.Minimum();
        Close(1.0, p[0], 1e-6);
        Close(1.0, p[1], 1e-6);
    }

    /// <summary>The README shows QuickStart.cs verbatim, so the documented code is the code compiled here.</summary>
    [Fact]
    public void ReadmeShowsThisQuickStartVerbatim()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Fluxion.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        static string Normalise(string s) => s.Replace("\r\n", "\n").Trim();
        var source = Normalise(File.ReadAllText(Path.Combine(root, "tests", "PackageConsumer.Tests", "QuickStart.cs")));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var blocks = Regex.Matches(readme.Replace("\r\n", "\n"), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => Normalise(m.Groups[1].Value));
        Assert.Contains(source, blocks);
    }
}
