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

    static Dual<Dual<double>>[] SecondOrderSeed(ReadOnlySpan<double> x, int inner, ReadOnlySpan<double> innerDirection, int outer)
    {
        var xs = new Dual<Dual<double>>[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            var innerTangent = innerDirection.IsEmpty ? (k == inner ? 1.0 : 0.0) : innerDirection[k];
            xs[k] = new Dual<Dual<double>>(new Dual<double>(x[k], innerTangent), new Dual<double>(k == outer ? 1.0 : 0.0, 0.0));
        }
        return xs;
    }

    /// <summary>Forward over forward: pass (i, j) seeds e_j inside and e_i outside and reads ∂²f/∂xᵢ∂xⱼ; n(n+1)/2 passes.</summary>
    public static HessianResult Hessian(Func<Dual<Dual<double>>[], Dual<Dual<double>>> f, ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var hessian = new double[n, n];
        var gradient = new double[n];
        var value = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
            {
                var y = f(SecondOrderSeed(x, j, [], i));
                value = y.Primal.Primal;
                gradient[j] = y.Primal.Tangent;
                hessian[i, j] = y.Tangent.Tangent;
                hessian[j, i] = y.Tangent.Tangent;
            }
        return new HessianResult(value, gradient, hessian);
    }

    /// <summary>Forward over forward: pass i seeds v inside and e_i outside and reads (H·v)ᵢ; n passes.</summary>
    public static double[] HessianVectorProduct(Func<Dual<Dual<double>>[], Dual<Dual<double>>> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        var hv = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
            hv[i] = f(SecondOrderSeed(x, -1, v, i)).Tangent.Tangent;
        return hv;
    }
}
