namespace Fluxion.CSharpFacade.Tests;

/// <summary>Result types print their numbers (like MathNet's matrices), cut short when big.</summary>
public class DisplayTests
{
    static readonly string NL = Environment.NewLine;

    [Fact]
    public void ValueAndDerivativeShowsBothNumbers()
        => Assert.Equal("value 14, derivative 15", Ad.ValueAndDerivative(x => x * x * x + 3 * x, 2.0).ToString());

    [Fact]
    public void ValueAndGradientShowsTheGradient()
        => Assert.Equal("value 18, gradient [12, 9]", Ad.ValueAndGradient(x => x[0] * x[0] * x[1], [3.0, 2.0]).ToString());

    [Fact]
    public void VjpShowsValueAndProduct()
        => Assert.Equal("value [6, 5], vjp [3, 4]", Ad.Vjp(x => new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0], [1.0, 1.0]).ToString());

    [Fact]
    public void JvpShowsValueAndTangent()
        => Assert.Equal("value [6, 5], tangent [2, 1]", Ad.Jvp(x => new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0], [1.0, 0.0]).ToString());

    [Fact]
    public void HessianShowsTheMatrixRowByRow()
        => Assert.Equal($"value 24, gradient [12, 12]{NL}Hessian 2×2{NL}  4  6{NL}  6  0",
            Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]).ToString());

    [Fact]
    public void JacobianAlignsColumns()
        => Assert.Equal($"value [6, 5, 0.75]{NL}Jacobian 3×2{NL}     2     3{NL}     1     1{NL}  0.25  -1.5",
            Ad.Jacobian(x => new[] { x[0] * x[1], x[0] + x[1], 0.25 * x[0] - 1.5 * x[1] + 3 }, [3.0, 2.0]).ToString());

    [Fact]
    public void BigResultsAreCutShortWithTheirSize()
    {
        var n = 12;
        var r = Ad.Hessian(x =>
        {
            var sum = x[0] * x[0];
            for (var i = 1; i < x.Length; i++) sum += x[i] * x[i];
            return sum;
        }, new double[n]);
        var lines = r.ToString().Split(NL);
        Assert.Equal($"value 0, gradient [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … (12 entries)]", lines[0]);
        Assert.Equal("Hessian 12×12", lines[1]);
        Assert.Equal("  2  0  0  0  0  0  0  0  …", lines[2]);
        Assert.Equal("  …", lines[^1]);
        Assert.Equal(2 + 8 + 1, lines.Length);
        Assert.Equal("value 0, gradient [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … (12 entries)]",
            Ad.ValueAndGradient(x => x[0] * x[11], new double[n]).ToString());
    }
}
