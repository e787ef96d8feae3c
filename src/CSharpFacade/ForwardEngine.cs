namespace Fluxion;

/// <summary>
/// Forward mode on <see cref="Dual{T}"/>: one pass per input direction. Best when inputs are few
/// (derivatives, Jacobian-vector products, Jacobians of functions with fewer inputs than outputs).
/// </summary>
internal static class ForwardEngine
{
    /// <summary>x seeded with tangent e_i (or all-zero tangents when i is negative).</summary>
    static void Seed(ReadOnlySpan<double> x, int i, Dual<double>[] into)
    {
        for (var k = 0; k < x.Length; k++)
            into[k] = new Dual<double>(x[k], k == i ? 1.0 : 0.0);
    }

    public static ValueAndGradient ValueAndGradient(Func<Dual<double>[], Dual<double>> f, ReadOnlySpan<double> x)
    {
        var xs = new Dual<double>[x.Length];
        var g = new double[x.Length];
        var value = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            Seed(x, i, xs);
            var y = f(xs);
            value = y.Primal;
            g[i] = y.Tangent;
        }
        return new ValueAndGradient(value, g);
    }

    public static JacobianResult Jacobian(Func<Dual<double>[], Dual<double>[]> f, ReadOnlySpan<double> x, string name)
    {
        var xs = new Dual<double>[x.Length];
        double[,]? jacobian = null;
        double[] value = [];
        for (var j = 0; j < x.Length; j++)
        {
            Seed(x, j, xs);
            var y = Guard.Output(f(xs), jacobian?.GetLength(0) ?? -1, name);
            if (jacobian is null)
            {
                jacobian = new double[y.Length, x.Length];
                value = new double[y.Length];
                for (var i = 0; i < y.Length; i++) value[i] = y[i].Primal;
            }
            for (var i = 0; i < y.Length; i++) jacobian[i, j] = y[i].Tangent;
        }
        return new JacobianResult(value, jacobian!);
    }

    public static JvpResult Jvp(Func<Dual<double>[], Dual<double>[]> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, string name)
    {
        var xs = new Dual<double>[x.Length];
        for (var k = 0; k < x.Length; k++) xs[k] = new Dual<double>(x[k], v[k]);
        var y = Guard.Output(f(xs), -1, name);
        var value = new double[y.Length];
        var tangent = new double[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            value[i] = y[i].Primal;
            tangent[i] = y[i].Tangent;
        }
        return new JvpResult(value, tangent);
    }
}
