using System.Text.RegularExpressions;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>The README's C# quick start, compiled against the packed Fluxion package and checked against analytic values.</summary>
public class QuickStartTests
{
    static void Close(double expected, double actual, double tolerance = 1e-12)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void SlopeIsTheAnalyticDerivative() => Close(46.0, QuickStart.Slope());

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
    public void RosenbrockValueAndGradientAreAnalytic()
    {
        double x = -1.2, y = 1.0;
        var r = QuickStart.ValueAndGradient();
        Close((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), r.Value);
        Close(-2 * (1 - x) - 400 * x * (y - x * x), r.Gradient[0]);
        Close(200 * (y - x * x), r.Gradient[1]);
    }

    [Fact]
    public void RosenbrockHessianAtTheMinimumIsAnalytic()
    {
        var h = QuickStart.Hessian().Hessian;
        Close(802.0, h[0, 0]);
        Close(-400.0, h[0, 1]);
        Close(-400.0, h[1, 0]);
        Close(200.0, h[1, 1]);
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
