using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Issue 11, benchmark 1: one Adam iteration of the Burgers PINN in the configuration of Raissi et al. (2 inputs,
/// 8 hidden layers of 20 tanh units, 10,000 collocation points and 256 boundary and initial points), in float32 and
/// float64. The loss is the sample's (samples/Pinn): the mean square of u_t + u·u_x − ν·u_xx at the collocation
/// points plus the mean squares of the wall and initial misfits; the iteration is that loss, its gradient with
/// respect to the weights (reverse over the forward levels) and Adam's update, inside a tensor scope. u_t, u_x and
/// u_xx come from one forward-Laplacian pass along x (<see cref="Differential.ForwardLaplacian{T}(MultilayerPerceptron{T}, Tensor{T}, int[])"/>,
/// the value, both first derivatives and u_xx together), or, in the Nested variants, from nested first-order JVPs
/// (<see cref="Differential.Of{T}"/>: u_t, u_x and u_xx by separate JVPs and a JVP of a JVP). The baseline is the network's plain evaluation at all the points
/// (no recording), so the ratio says what the derivatives cost. The peer is benchmarks/peer/burgers_torch.py (the
/// same iteration in PyTorch with nested autograd, <c>create_graph=True</c>), run back to back.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[BenchmarkCategory("BurgersPinn")]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class BurgersAdamIteration<T> where T : IFloatingPointIeee754<T>
{
    const int Collocation = 10_000;
    const int Walls = 128;
    const int Initial = 128;
    static readonly double Nu = 0.01 / Math.PI;

    MultilayerPerceptron<T> net = null!;
    Adam<T> adam = null!;
    Tensor<T> interior = null!, walls = null!, initial = null!, initialTarget = null!, all = null!;

    /// <summary>Seeded points (uniform in [−1, 1] × [0, 1]; walls at x = ±1; the initial line t = 0) and network.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        interior = Points(Collocation, _ => -1 + 2 * random.NextDouble(), _ => random.NextDouble());
        walls = Points(Walls, i => i % 2 == 0 ? -1.0 : 1.0, _ => random.NextDouble());
        var x0 = Enumerable.Range(0, Initial).Select(_ => -1 + 2 * random.NextDouble()).ToArray();
        initial = Points(Initial, i => x0[i], _ => 0.0);
        initialTarget = Tensor.FromArray(x0.Select(x => T.CreateChecked(-Math.Sin(Math.PI * x))).ToArray(), Initial, 1);
        all = Tensor.Concat([interior, walls, initial], 0);
        net = new MultilayerPerceptron<T>([2, 20, 20, 20, 20, 20, 20, 20, 20, 1], Activation.Tanh, random);
        adam = new Adam<T>(net.Parameters, 1e-3, 0.9, 0.999, 1e-8);
        double taylor = Loss(), nested = LossNested();
        if (Math.Abs(taylor - nested) > 1e-4 * Math.Abs(nested))
            throw new InvalidOperationException($"The two routes disagree on the loss: forward Laplacian {taylor}, nested JVPs {nested}.");
    }

    /// <summary>The network at all 10,256 points, nothing recorded.</summary>
    [Benchmark(Baseline = true)]
    public double Evaluate()
    {
        using var scope = Tensor.Scope();
        using var noGrad = Tensor.NoGrad();
        return double.CreateChecked(Tensor.Sum(net.Forward(all)).ToScalar());
    }

    /// <summary>The PINN loss alone, one forward-Laplacian pass (nothing recorded).</summary>
    [Benchmark]
    public double Loss()
    {
        using var scope = Tensor.Scope();
        using var noGrad = Tensor.NoGrad();
        return double.CreateChecked(TaylorLoss().ToScalar());
    }

    /// <summary>One Adam iteration: the loss by one forward-Laplacian pass, its gradient with respect to every weight, the update.</summary>
    [Benchmark]
    public double AdamIteration()
    {
        using var scope = Tensor.Scope();
        var loss = TaylorLoss();
        adam.Step(loss);
        return double.CreateChecked(loss.ToScalar());
    }

    /// <summary>The PINN loss alone, by nested first-order JVPs (nothing recorded).</summary>
    [Benchmark]
    public double LossNested()
    {
        using var scope = Tensor.Scope();
        using var noGrad = Tensor.NoGrad();
        return double.CreateChecked(NestedLoss().ToScalar());
    }

    /// <summary>One Adam iteration with the loss by nested first-order JVPs.</summary>
    [Benchmark]
    public double AdamIterationNested()
    {
        using var scope = Tensor.Scope();
        var loss = NestedLoss();
        adam.Step(loss);
        return double.CreateChecked(loss.ToScalar());
    }

    // Axis 0 is x, axis 1 is t.
    Tensor<T> TaylorLoss()
    {
        var d = Differential.ForwardLaplacian(net, interior, [0]);
        return Assemble(d.Value, d.Gradient(0), d.Gradient(1), d.Laplacian);
    }

    Tensor<T> NestedLoss()
    {
        var d = Differential.Of<T>(net.Forward, interior);
        return Assemble(d.Value, d.Gradient(0), d.Gradient(1), d.Second(0));
    }

    Tensor<T> Assemble(Tensor<T> u, Tensor<T> ux, Tensor<T> ut, Tensor<T> uxx)
    {
        var residual = ut + u * ux - T.CreateChecked(Nu) * uxx;
        var start = net.Forward(initial) - initialTarget;
        return Tensor.Mean(Tensor.Square(residual)) + (Tensor.Mean(Tensor.Square(net.Forward(walls))) + Tensor.Mean(Tensor.Square(start)));
    }

    static Tensor<T> Points(int count, Func<int, double> x, Func<int, double> t)
    {
        var values = new T[2 * count];
        for (var k = 0; k < count; k++)
        {
            values[2 * k] = T.CreateChecked(x(k));
            values[2 * k + 1] = T.CreateChecked(t(k));
        }
        return Tensor.FromArray(values, count, 2);
    }
}

/// <summary>
/// Issue 11, benchmark 2: the Laplacian Δu of a tanh network 50→768→768→512→512→1 over a batch of points, by the
/// one-pass forward Laplacian (Taylor mode, <see cref="Differential.ForwardLaplacian{T}(MultilayerPerceptron{T}, Tensor{T})"/>)
/// against Fluxion's nested forward-over-reverse (the baseline: for each of the 50 axes, the JVP along e_i of the
/// reverse-mode input gradient, whose i-th column is ∂²u/∂x_i²), and nested forward-over-forward
/// (<see cref="Differential.Of{T}"/>'s Laplacian: 50 JVPs of JVPs). Float32, as scientific-ML workloads run. The
/// setup checks that the three routes agree before anything is timed.
/// </summary>
[BenchmarkCategory("Laplacian")]
public class TaylorLaplacian
{
    const int Dimensions = 50;
    MultilayerPerceptron<float> net = null!;
    Tensor<float> points = null!;
    Tensor<float>[] directions = null!;

    /// <summary>Points in the batch.</summary>
    [Params(16)]
    public int Batch { get; set; }

    /// <summary>Seeded network and standard normal points; the three Laplacians compared.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(50);
        net = new MultilayerPerceptron<float>([Dimensions, 768, 768, 512, 512, 1], Activation.Tanh, random, Initialization.XavierUniform);
        points = Tensor.RandomNormal<float>(random, Batch, Dimensions);
        directions = Enumerable.Range(0, Dimensions).Select(i =>
            Tensor.FromArray(Enumerable.Range(0, Batch * Dimensions).Select(k => k % Dimensions == i ? 1f : 0f).ToArray(), Batch, Dimensions)).ToArray();
        var taylor = Taylor();
        var overReverse = ForwardOverReverse();
        var overForward = ForwardOverForward();
        for (var n = 0; n < Batch; n++)
        {
            var scale = Math.Max(1.0, Math.Abs(overForward[n]));
            if (Math.Abs(taylor[n] - overForward[n]) > 1e-3 * scale || Math.Abs(overReverse[n] - overForward[n]) > 1e-3 * scale)
                throw new InvalidOperationException($"The Laplacians disagree at point {n}: Taylor {taylor[n]}, forward over reverse {overReverse[n]}, forward over forward {overForward[n]}.");
        }
    }

    /// <summary>Taylor mode: one forward-Laplacian pass carrying the value, 50 tangents and the Laplacian channel.</summary>
    [Benchmark]
    public float[] Taylor()
    {
        using var scope = Tensor.Scope();
        using var noGrad = Tensor.NoGrad();
        return Differential.ForwardLaplacian(net, points).Laplacian.ToArray();
    }

    /// <summary>Nested forward over reverse: 50 JVPs of the reverse-mode input gradient, one column of each kept.</summary>
    [Benchmark(Baseline = true)]
    public float[] ForwardOverReverse()
    {
        using var scope = Tensor.Scope();
        Tensor<float> InputGradient(Tensor<float> x) => Tensor.Gradient(z => Tensor.Sum(net.Forward(z)), x);
        Tensor<float>? sum = null;
        for (var i = 0; i < Dimensions; i++)
        {
            var hessianColumn = Tensor.Jvp(InputGradient, points, directions[i]).Tangent;
            var entry = Tensor.Sum(hessianColumn * directions[i], 1, false);
            sum = sum is null ? entry : sum + entry;
        }
        return sum!.ToArray();
    }

    /// <summary>Nested forward over forward: <see cref="InputDerivatives{T}.Laplacian"/>, 50 JVPs of JVPs.</summary>
    [Benchmark]
    public float[] ForwardOverForward()
    {
        using var scope = Tensor.Scope();
        using var noGrad = Tensor.NoGrad();
        return Differential.Of<float>(net.Forward, points).Laplacian.ToArray();
    }
}
