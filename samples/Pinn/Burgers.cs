namespace Fluxion.Samples.Pinn;

/// <summary>The configuration of a Burgers PINN run (DeepXDE's Burgers example by default).</summary>
public sealed record BurgersOptions
{
    /// <summary>The viscosity ν = 0.01/π.</summary>
    public double Nu { get; init; } = 0.01 / Math.PI;
    /// <summary>Collocation points inside [−1, 1] × (0, 1].</summary>
    public int InteriorPoints { get; init; } = 2540;
    /// <summary>Points on the walls x = ±1.</summary>
    public int BoundaryPoints { get; init; } = 80;
    /// <summary>Points on the initial line t = 0.</summary>
    public int InitialPoints { get; init; } = 160;
    /// <summary>The hidden layers' widths (tanh).</summary>
    public int[] HiddenLayers { get; init; } = [20, 20, 20];
    /// <summary>Adam iterations (full batch).</summary>
    public int AdamIterations { get; init; } = 15000;
    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>L-BFGS iterations after Adam (0: none).</summary>
    public int LbfgsIterations { get; init; } = 15000;
    /// <summary>
    /// A time limit in minutes (0: none): Adam stops once half of it has passed, and L-BFGS, which runs in rounds of
    /// 200 iterations, starts no new round once all of it has passed.
    /// </summary>
    public double TimeLimitMinutes { get; init; }
    /// <summary>The seed of the points and the initial weights.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Print a progress line every this many Adam iterations.</summary>
    public int ReportEvery { get; init; } = 500;
    /// <summary>The evaluation grid: points in x.</summary>
    public int GridX { get; init; } = 256;
    /// <summary>The evaluation grid: points in t.</summary>
    public int GridT { get; init; } = 101;
    /// <summary>Gauss–Hermite nodes of the reference solution.</summary>
    public int QuadratureNodes { get; init; } = 200;
}

/// <summary>What a run reached.</summary>
public sealed record BurgersResult(
    BurgersOptions Options,
    double[] AdamLosses,
    double[] LbfgsLosses,
    int LbfgsIterations,
    string LbfgsReason,
    double FinalLoss,
    double RelativeL2Error,
    double[] GridX,
    double[] GridT,
    double[,] Prediction,
    double[,] Reference,
    TimeSpan Elapsed);

/// <summary>
/// A physics-informed network for viscous Burgers u_t + u·u_x = ν·u_xx on [−1, 1] × [0, 1] with u(x, 0) = −sin(πx)
/// and u(±1, t) = 0: the loss is the mean square of the residual at the collocation points (u_x, u_t, u_xx from one
/// forward-Laplacian pass, <see cref="Differential"/>) plus the mean squares of the boundary and initial misfits; Adam, then L-BFGS.
/// </summary>
public static class BurgersPinn
{
    /// <summary>Trains the network and compares it with the Cole–Hopf reference on a grid.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="log">Where progress lines go.</param>
    public static BurgersResult Run(BurgersOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var interior = Points(options.InteriorPoints, _ => -1 + 2 * random.NextDouble(), _ => random.NextDouble());
        var boundary = Points(options.BoundaryPoints, i => i % 2 == 0 ? -1.0 : 1.0, _ => random.NextDouble());
        var initialX = Enumerable.Range(0, options.InitialPoints).Select(_ => -1 + 2 * random.NextDouble()).ToArray();
        var initial = Points(options.InitialPoints, i => initialX[i], _ => 0.0);
        var initialTarget = Tensor.FromArray(initialX.Select(x => -Math.Sin(Math.PI * x)).ToArray(), options.InitialPoints, 1);

        int[] sizes = [2, .. options.HiddenLayers, 1];
        var net = new MultilayerPerceptron<double>(sizes, Activation.Tanh, random);

        Tensor<double> Loss()
        {
            // Axis 0 is x, axis 1 is t. One forward-Laplacian pass along x gives u, u_x, u_t and u_xx together
            // (Differential.Of(net.Forward, interior) gives the same by nested JVPs, about 2.5 times slower).
            var d = Differential.ForwardLaplacian(net, interior, [0]);
            var residual = d.Gradient(1) + d.Value * d.Gradient(0) - options.Nu * d.Laplacian;
            var walls = net.Forward(boundary);
            var start = net.Forward(initial) - initialTarget;
            return Tensor.Mean(Tensor.Square(residual)) + (Tensor.Mean(Tensor.Square(walls)) + Tensor.Mean(Tensor.Square(start)));
        }

        log($"network {string.Join("-", sizes)} tanh ({net.Parameters.ElementCount} parameters); " +
            $"{options.InteriorPoints} interior, {options.BoundaryPoints} boundary, {options.InitialPoints} initial points");
        var adam = new Adam<double>(net.Parameters, options.LearningRate, 0.9, 0.999, 1e-8);
        var adamLosses = new List<double>();
        for (var k = 0; k < options.AdamIterations; k++)
        {
            if (options.TimeLimitMinutes > 0 && clock.Elapsed.TotalMinutes >= options.TimeLimitMinutes / 2)
            {
                log($"adam stopped by the time limit after {k} iterations");
                break;
            }
            using (Tensor.Scope())
            {
                var loss = Loss();
                adamLosses.Add(loss.ToScalar());
                adam.Step(loss);
            }
            if ((k + 1) % options.ReportEvery == 0 || k == 0)
                log($"adam {k + 1,6}: loss {adamLosses[k]:E3}  ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        var lbfgsLosses = new List<double>();
        var lbfgsIterations = 0;
        var reason = "not run";
        // L-BFGS in rounds (each a fresh start from the current weights), so that a time limit can end it cleanly.
        while (lbfgsIterations < options.LbfgsIterations)
        {
            if (options.TimeLimitMinutes > 0 && clock.Elapsed.TotalMinutes >= options.TimeLimitMinutes)
            {
                reason = $"time limit of {options.TimeLimitMinutes} min";
                break;
            }
            var round = Math.Min(200, options.LbfgsIterations - lbfgsIterations);
            var before = net.Parameters.ToFlatArray();
            LbfgsResult result;
            try
            {
                result = Lbfgs.Minimize(net.Parameters, () =>
                {
                    var loss = Loss();
                    lbfgsLosses.Add(loss.ToScalar());
                    return loss;
                }, 1e-9, round);
            }
            catch (MathNet.Numerics.Optimization.OptimizationException e)
            {
                // A line search that finds no descent ends the minimisation; keep the weights the round started from.
                net.Parameters.CopyFrom(before);
                reason = $"stopped: {e.Message}";
                log($"l-bfgs {lbfgsIterations,6} iterations: {reason}");
                break;
            }
            lbfgsIterations += Math.Min(result.Iterations, round);
            reason = result.Reason;
            log($"l-bfgs {lbfgsIterations,6} iterations, {lbfgsLosses.Count} evaluations: loss {result.Loss:E3} ({result.Reason})  ({clock.Elapsed.TotalSeconds:F0} s)");
            if (result.Converged && result.Iterations < round) break;
        }
        double finalLoss;
        using (Tensor.Scope()) finalLoss = Loss().ToScalar();

        // The prediction and the Cole–Hopf reference on the grid.
        var gx = Enumerable.Range(0, options.GridX).Select(i => -1 + 2.0 * i / (options.GridX - 1)).ToArray();
        var gt = Enumerable.Range(0, options.GridT).Select(j => (double)j / (options.GridT - 1)).ToArray();
        var grid = Points(gx.Length * gt.Length, k => gx[k % gx.Length], k => gt[k / gx.Length]);
        double[] predicted;
        using (Tensor.NoGrad()) predicted = net.Forward(grid).ToArray();
        var reference = new ColeHopf(options.Nu, options.QuadratureNodes);
        var prediction = new double[gt.Length, gx.Length];
        var exact = new double[gt.Length, gx.Length];
        double difference = 0, norm = 0;
        for (var j = 0; j < gt.Length; j++)
            for (var i = 0; i < gx.Length; i++)
            {
                prediction[j, i] = predicted[j * gx.Length + i];
                exact[j, i] = reference.Velocity(gx[i], gt[j]);
                difference += Math.Pow(prediction[j, i] - exact[j, i], 2);
                norm += exact[j, i] * exact[j, i];
            }
        var error = Math.Sqrt(difference / norm);
        log($"relative L2 error on the {gx.Length}×{gt.Length} grid: {error:E3}  ({clock.Elapsed.TotalSeconds:F0} s)");
        return new BurgersResult(options, [.. adamLosses], [.. lbfgsLosses], lbfgsIterations, reason, finalLoss, error,
            gx, gt, prediction, exact, clock.Elapsed);
    }

    /// <summary>Points [count, 2] with columns x and t.</summary>
    static Tensor<double> Points(int count, Func<int, double> x, Func<int, double> t)
    {
        var values = new double[2 * count];
        for (var k = 0; k < count; k++)
        {
            values[2 * k] = x(k);
            values[2 * k + 1] = t(k);
        }
        return Tensor.FromArray(values, count, 2);
    }
}
