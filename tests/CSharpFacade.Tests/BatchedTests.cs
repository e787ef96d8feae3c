using System.Numerics;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>
/// A C# point function ℝ² → ℝ³ written once with generic math, as a user writes it:
/// f(q, p) = (sin q · p, exp(q·p) + p², cos(q + p)).
/// </summary>
public struct Pendulum : IPointFunction
{
    public static int Inputs => 2;
    public static int Outputs => 3;

    public static void Evaluate<T, TX, TY>(in TX x, ref TY y)
        where T : IFloatingPointIeee754<T>
        where TX : struct, IPointInput<T>
        where TY : struct, IPointOutput<T>
    {
        T q = x[0], p = x[1];
        y[0] = T.Sin(q) * p;
        y[1] = T.Exp(q * p) + p * p;
        y[2] = T.Cos(q + p);
    }
}

/// <summary>
/// Batched&lt;Pendulum&gt; over 10⁶ points in one call per mode, every point checked against the scalar modes run point by
/// point (Dual, HyperDual through <see cref="PointArray{T}"/>), a sample against reverse mode (Var: Jacobian, VJP),
/// forward-over-reverse Hessians and the analytic derivatives; the ILGPU CPU accelerator on a smaller batch.
/// </summary>
public class BatchedTests
{
    const int N = 2, M = 3;

    static (double[] Points, double[] Directions, double[] Weights) Batch(int count, int seed)
    {
        var r = new Random(seed);
        var points = new double[count * N];
        var directions = new double[count * N];
        var weights = new double[count * M];
        for (var i = 0; i < points.Length; i++) points[i] = 3 * r.NextDouble() - 1.5;
        for (var i = 0; i < directions.Length; i++) directions[i] = 2 * r.NextDouble() - 1;
        for (var i = 0; i < weights.Length; i++) weights[i] = 2 * r.NextDouble() - 1;
        return (points, directions, weights);
    }

    static T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        var input = new PointArray<T>(x);
        var output = new PointArray<T>(new T[M]);
        Pendulum.Evaluate<T, PointArray<T>, PointArray<T>>(in input, ref output);
        return output.Values;
    }

    /// <summary>Runs millions of times: builds its message only when the check fails.</summary>
    static void Close(double expected, double actual, double tolerance, string what, int point)
    {
        if (!(Math.Abs(actual - expected) <= tolerance * (1 + Math.Abs(expected))))
            Assert.Fail($"{what} at point {point}: batched {actual:R}, reference {expected:R}");
    }

    /// <summary>∂fₖ/∂xⱼ and ∂²fₖ/∂xᵢ∂xⱼ by hand.</summary>
    static (double[,] J, double[][,] H) Analytic(double q, double p)
    {
        double e = Math.Exp(q * p), s = Math.Sin(q), c = Math.Cos(q), cs = Math.Cos(q + p), sn = Math.Sin(q + p);
        var j = new double[,] { { c * p, s }, { p * e, q * e + 2 * p }, { -sn, -sn } };
        var h = new[]
        {
            new double[,] { { -s * p, c }, { c, 0 } },
            new double[,] { { p * p * e, e + q * p * e }, { e + q * p * e, q * q * e + 2 } },
            new double[,] { { -cs, -cs }, { -cs, -cs } },
        };
        return (j, h);
    }

    static void CheckAll(double[] points, double[] directions, double[] weights, Device device, int stride)
    {
        var count = points.Length / N;
        double[] values = Batched<Pendulum>.Values(points, device);
        BatchedJvp<double> jvp = Batched<Pendulum>.Jvp(points, directions, device);
        BatchedSecondDerivative<double> second = Batched<Pendulum>.SecondDerivative(points, directions, device);
        BatchedJacobian<double> jacobian = Batched<Pendulum>.Jacobian(points, device);
        BatchedVjp<double> vjp = Batched<Pendulum>.Vjp(points, weights, device);
        Assert.Equal(count, jvp.Count);
        Assert.Equal(count * M * N, jacobian.Jacobians.Length);
        Assert.Equal(count * N, vjp.Gradients.Length);
        const double tight = 1e-14, loose = 1e-12;
        for (var p = 0; p < count; p++)
        {
            double x0 = points[p * N], x1 = points[p * N + 1], v0 = directions[p * N], v1 = directions[p * N + 1];
            var dual = Evaluate(new[] { new Dual<double>(x0, v0), new Dual<double>(x1, v1) });
            var hyper = Evaluate(new[] { new HyperDual<double>(x0, v0, v0, 0), new HyperDual<double>(x1, v1, v1, 0) });
            var axis0 = Evaluate(new[] { new Dual<double>(x0, 1), new Dual<double>(x1, 0) });
            var axis1 = Evaluate(new[] { new Dual<double>(x0, 0), new Dual<double>(x1, 1) });
            for (var k = 0; k < M; k++)
            {
                var at = p * M + k;
                Close(dual[k].Primal, values[at], tight, "value", p);
                Close(dual[k].Primal, jvp.Values[at], tight, "JVP value", p);
                Close(dual[k].Tangent, jvp.Tangents[at], tight, "JVP", p);
                Close(hyper[k].Primal, second.Values[at], tight, "second-derivative value", p);
                Close(hyper[k].E1, second.First[at], tight, "first directional derivative", p);
                Close(hyper[k].E12, second.Second[at], tight, "second directional derivative", p);
                Close(dual[k].Primal, jacobian.Values[at], tight, "Jacobian value", p);
                Close(axis0[k].Tangent, jacobian.Jacobians[at * N], tight, "∂f/∂q", p);
                Close(axis1[k].Tangent, jacobian.Jacobians[at * N + 1], tight, "∂f/∂p", p);
                Close(dual[k].Primal, vjp.Values[at], tight, "VJP value", p);
            }
            if (p % stride != 0) continue;

            // Reverse mode (Var) for the Jacobian and the VJP; forward over reverse for the Hessians; the formulas.
            double[] x = [x0, x1];
            var u = weights.AsSpan(p * M, M);
            JacobianResult reverse = Ad.Jacobian(xs => Evaluate(xs), x);
            ValueAndVjp<double> back = Ad.Vjp(xs => Evaluate(xs), x, u);
            var (j, h) = Analytic(x0, x1);
            for (var i = 0; i < N; i++)
                Close(back.Vjp[i], vjp.Gradients[p * N + i], loose, "VJP against reverse mode", p);
            for (var k = 0; k < M; k++)
            {
                var output = k;
                HessianResult hessian = Ad.Hessian(xs => Evaluate(xs)[output], x);
                double quad = 0, exact = 0;
                for (var i = 0; i < N; i++)
                {
                    Close(reverse.Jacobian[k, i], jacobian.Jacobians[(p * M + k) * N + i], loose, "Jacobian against reverse mode", p);
                    Close(j[k, i], jacobian.Jacobians[(p * M + k) * N + i], loose, "Jacobian against the formula", p);
                    for (var l = 0; l < N; l++)
                    {
                        quad += directions[p * N + i] * hessian.Hessian[i, l] * directions[p * N + l];
                        exact += directions[p * N + i] * h[k][i, l] * directions[p * N + l];
                    }
                }
                Close(quad, second.Second[p * M + k], loose, "vᵀHv against forward over reverse", p);
                Close(exact, second.Second[p * M + k], loose, "vᵀHv against the formula", p);
            }
        }
    }

    [Fact]
    public void MillionPointsOnTheCpuMatchTheScalarModes()
    {
        var (points, directions, weights) = Batch(1_000_000, 11);
        CheckAll(points, directions, weights, Device.Cpu, 211);
    }

    [Fact]
    public void IlgpuCpuAcceleratorMatchesTheScalarModesAndTheCpuPath()
    {
        var (points, directions, weights) = Batch(1_500, 13);
        CheckAll(points, directions, weights, Device.IlgpuCpu, 7);
        var onCpu = Batched<Pendulum>.Jacobian(points);
        var onDevice = Batched<Pendulum>.Jacobian(points, Device.IlgpuCpu);
        for (var i = 0; i < onCpu.Jacobians.Length; i++)
            Close(onCpu.Jacobians[i], onDevice.Jacobians[i], 1e-14, "Jacobian, device against CPU", i / (M * N));
    }

    [Fact]
    public void Float32JvpMatchesFloat32Duals()
    {
        var (points, directions, _) = Batch(10_000, 3);
        var xs = Array.ConvertAll(points, v => (float)v);
        var vs = Array.ConvertAll(directions, v => (float)v);
        BatchedJvp<float> jvp = Batched<Pendulum>.Jvp(xs, vs);
        for (var p = 0; p < 10_000; p++)
        {
            var ys = Evaluate(new[] { new Dual<float>(xs[p * N], vs[p * N]), new Dual<float>(xs[p * N + 1], vs[p * N + 1]) });
            for (var k = 0; k < M; k++)
                Close(ys[k].Tangent, jvp.Tangents[p * M + k], 1e-6, "float32 JVP", p);
        }
    }

    [Fact]
    public void BadInputIsRefusedNamingTheArgument()
    {
        var (points, directions, weights) = Batch(4, 5);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => Batched<Pendulum>.Values(points[..7])).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => Batched<Pendulum>.Values((double[])null!)).ParamName);
        Assert.Equal("directions", Assert.Throws<ArgumentException>(() => Batched<Pendulum>.Jvp(points, directions[..6])).ParamName);
        directions[3] = double.NaN;
        Assert.Equal("directions", Assert.Throws<ArgumentException>(() => Batched<Pendulum>.SecondDerivative(points, directions)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Batched<Pendulum>.Vjp(points, weights[..8])).ParamName);
        Assert.Equal("device", Assert.Throws<ArgumentNullException>(() => Batched<Pendulum>.Jacobian(points, null!)).ParamName);
    }
}
