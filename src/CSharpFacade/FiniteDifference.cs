namespace Fluxion;

/// <summary>The independent reference for gradient checks: finite differences on plain doubles.</summary>
internal static class FiniteDifference
{
    const double Shrink = 1.4;
    const int Levels = 10;

    /// <summary>
    /// Each partial derivative by Ridders' method: central differences at steps h, h/1.4, h/1.4², … extrapolated
    /// to h → 0 in a Neville tableau, keeping the estimate whose error estimate is smallest and stopping once
    /// rounding makes the tableau diverge. Unlike a single fixed step it adapts to functions whose higher
    /// derivatives are large (stiff misfits) or small, typically to 1e-10 relative or better.
    /// </summary>
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> x)
    {
        var point = x.ToArray();
        var g = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var xi = point[i];
            double Central(double h)
            {
                point[i] = xi + h;
                var up = f(point);
                point[i] = xi - h;
                var down = f(point);
                point[i] = xi;
                return (up - down) / (2 * h);
            }
            g[i] = Ridders(Central, 0.01 * Math.Max(1.0, Math.Abs(xi)));
        }
        return g;
    }

    static double Ridders(Func<double, double> central, double h)
    {
        var table = new double[Levels, Levels];
        table[0, 0] = central(h);
        var best = table[0, 0];
        var error = double.MaxValue;
        for (var i = 1; i < Levels; i++)
        {
            h /= Shrink;
            table[0, i] = central(h);
            var factor = Shrink * Shrink;
            for (var j = 1; j <= i; j++)
            {
                // Eliminate the h^(2j) error term.
                table[j, i] = (table[j - 1, i] * factor - table[j - 1, i - 1]) / (factor - 1);
                factor *= Shrink * Shrink;
                var estimate = Math.Max(Math.Abs(table[j, i] - table[j - 1, i]), Math.Abs(table[j, i] - table[j - 1, i - 1]));
                if (estimate <= error)
                {
                    error = estimate;
                    best = table[j, i];
                }
            }
            if (Math.Abs(table[i, i] - table[i - 1, i - 1]) >= 2 * error)
                break;
        }
        return best;
    }
}
