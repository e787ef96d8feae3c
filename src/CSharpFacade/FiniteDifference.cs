namespace Fluxion;

/// <summary>The independent reference for gradient checks: finite differences on plain doubles.</summary>
internal static class FiniteDifference
{
    /// <summary>
    /// Fourth-order central differences, (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h, with h = ε^(1/5)·max(1, |xᵢ|):
    /// truncation O(h⁴) and rounding O(ε/h) balance near 1e-13 relative.
    /// </summary>
    public static double[] Gradient(Func<ReadOnlySpan<double>, double> f, ReadOnlySpan<double> x)
    {
        var h0 = Math.Pow(Math.BitIncrement(1.0) - 1.0, 0.2);
        var point = x.ToArray();
        var g = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var xi = point[i];
            // Round h so that xi + h is exact: the step the function sees is the step we divide by.
            var h = xi + h0 * Math.Max(1.0, Math.Abs(xi)) - xi;
            double At(double offset)
            {
                point[i] = xi + offset;
                return f(point);
            }
            g[i] = (At(-2 * h) - 8 * At(-h) + 8 * At(h) - At(2 * h)) / (12 * h);
            point[i] = xi;
        }
        return g;
    }
}
