namespace Fluxion;

/// <summary>
/// Reverse mode on <see cref="Var{T}"/> (Fluxion.ReverseAD's <see cref="ReverseMode"/>): one recording and one
/// sweep per output. Best when outputs are few: gradients of many inputs, vector-Jacobian products, and
/// Hessians by forward over reverse (one sweep per column on <c>Var&lt;Dual&lt;double&gt;&gt;</c>).
/// </summary>
internal static class ReverseEngine
{
    public static ValueAndGradient ValueAndGradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x)
    {
        var gradient = new double[x.Length];
        var value = ReverseMode.ValueAndGradientInto(f, x.ToArray(), gradient);
        return new ValueAndGradient(value, gradient);
    }

    /// <summary>f(x) on constants (nothing is recorded): the values and, from their count, the output dimension.</summary>
    public static double[] Values(Func<Var<double>[], Var<double>[]> f, double[] point, string name)
    {
        var constants = new Var<double>[point.Length];
        for (var i = 0; i < point.Length; i++) constants[i] = Var<double>.Constant(point[i]);
        var y = Guard.Output(f(constants), -1, name);
        var values = new double[y.Length];
        for (var i = 0; i < y.Length; i++) values[i] = y[i].Primal;
        return values;
    }

    public static double[,] Jacobian(Func<Var<double>[], Var<double>[]> f, double[] point) => ReverseMode.Jacobian(f, point);

    public static double[] Vjp(Func<Var<double>[], Var<double>[]> f, double[] point, ReadOnlySpan<double> u)
        => ReverseMode.Vjp(f, point, u.ToArray()).Vjp;

    /// <summary>Forward over reverse: pass j seeds tangent e_j and one sweep gives ∇f (primals) and column j of H (tangents).</summary>
    public static HessianResult Hessian(Func<Var<Dual<double>>[], Var<Dual<double>>> f, ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var seeded = new Dual<double>[n];
        var sweep = new Dual<double>[n];
        var gradient = new double[n];
        var hessian = new double[n, n];
        var value = 0.0;
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++) seeded[i] = new Dual<double>(x[i], i == j ? 1.0 : 0.0);
            value = ReverseMode.ValueAndGradientInto(f, seeded, sweep).Primal;
            for (var i = 0; i < n; i++)
            {
                gradient[i] = sweep[i].Primal;
                hessian[i, j] = sweep[i].Tangent;
            }
        }
        // Columns from different sweeps agree with their transposes only to rounding; return the symmetric part.
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                hessian[i, j] = hessian[j, i] = 0.5 * (hessian[i, j] + hessian[j, i]);
        return new HessianResult(value, gradient, hessian);
    }

    public static double[] HessianVectorProduct(Func<Var<Dual<double>>[], Var<Dual<double>>> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
        => ReverseMode.HessianVectorProduct(f, x.ToArray(), v.ToArray());
}
