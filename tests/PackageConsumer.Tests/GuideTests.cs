using System.Text.RegularExpressions;
using Xunit;

namespace PackageConsumer.Tests;

/// <summary>The C# guide's code (docs/csharp.md shows GuideAd.cs and GuideTensors.cs verbatim), against analytic values.</summary>
public class GuideTests
{
    static void Close(double expected, double actual, double tolerance = 1e-12)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void ScalarDerivatives()
    {
        Assert.Equal(15.0, GuideAd.Slope());
        Assert.Equal(12.0, GuideAd.Curvature());
        Close(Math.Sin(2.0) + 2 * Math.Cos(2.0), GuideAd.SlopeOfSine());
    }

    [Fact]
    public void GenericMethodEverywhere()
    {
        // Cost = x0² x1 + e^x1 + 3 x0 at (1, 0): ∇ = [2 x0 x1 + 3, x0² + e^x1] = [3, 2]; H = [[2 x1, 2 x0], [2 x0, e^x1]].
        Assert.Equal([3.0, 2.0], GuideAd.CostGradient());
        Assert.Equal([3.0, 2.0], GuideAd.CostGradientForward());
        Assert.Equal(new[,] { { 0.0, 2.0 }, { 2.0, 1.0 } }, GuideAd.CostHessian().Hessian);
        Assert.Equal([0.0, 2.0], GuideAd.CostCurvatureAlong());
    }

    [Fact]
    public void VectorFunctions()
    {
        // Polar at (r, θ) = (2, 0): J = [[cos θ, −r sin θ], [sin θ, r cos θ]] = [[1, 0], [0, 2]].
        Assert.Equal(new[,] { { 1.0, 0.0 }, { 0.0, 2.0 } }, GuideAd.PolarJacobian().Jacobian);
        Assert.Equal(new[,] { { 1.0, 0.0 }, { 0.0, 2.0 } }, GuideAd.PolarJacobianForward().Jacobian);
        Assert.Equal([0.0, 2.0], GuideAd.PolarJvp().Tangent);
        Assert.Equal([0.0, 2.0], GuideAd.PolarVjp().Vjp);
    }

    [Fact]
    public void PrintingAndNesting()
    {
        Assert.Equal($"value 24, gradient [12, 12]{Environment.NewLine}Hessian 2×2{Environment.NewLine}  4  6{Environment.NewLine}  6  0", GuideAd.Printed());
        Assert.Equal("Perturbation confusion", GuideAd.Nested());
    }

    [Fact]
    public void Tensors()
    {
        Assert.Equal([2.0, -4.0, 6.0], GuideTensors.SquareGradient());
        var loss = GuideTensors.FitSine();
        Assert.True(loss < 1e-3, $"loss {loss}");   // the initial loss is about 0.5
    }

    [Fact]
    public void TheGuideShowsThisCodeVerbatim()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Fluxion.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        static string Normalise(string s) => s.Replace("\r\n", "\n").Trim();
        var guide = File.ReadAllText(Path.Combine(root, "docs", "csharp.md"));
        var blocks = Regex.Matches(guide.Replace("\r\n", "\n"), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => Normalise(m.Groups[1].Value)).ToList();
        foreach (var file in new[] { "GuideAd.cs", "GuideTensors.cs" })
            Assert.Contains(Normalise(File.ReadAllText(Path.Combine(root, "tests", "PackageConsumer.Tests", file))), blocks);
    }
}
