using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Fluxion.Samples.InverseProblem;

/// <summary>The size of the inverse problem: what is observed, how noisy, and where the fit starts.</summary>
public sealed class FitOptions
{
    /// <summary>The demo's problem: 100 observations of both species over 10 time units, 1% noise.</summary>
    public static FitOptions Demo => new();

    /// <summary>A smaller problem for tests: 40 observations of both species over 8 time units, 1% noise.</summary>
    public static FitOptions Small => new() { Samples = 41, StepsPerSample = 10, Dt = 0.02 };

    /// <summary>The parameters (α, β, δ, γ) the data are generated with.</summary>
    public double[] TrueParameters { get; init; } = [1.5, 1.0, 1.0, 3.0];

    /// <summary>Where the optimiser starts.</summary>
    public double[] InitialGuess { get; init; } = [1.2, 0.8, 1.2, 2.5];

    /// <summary>The known initial populations (prey, predators).</summary>
    public double[] InitialState { get; init; } = [1.0, 1.0];

    /// <summary>The RK4 step of the model.</summary>
    public double Dt { get; init; } = 0.01;

    /// <summary>RK4 steps between observations.</summary>
    public int StepsPerSample { get; init; } = 10;

    /// <summary>Recorded states including the initial one; observations are all but the first.</summary>
    public int Samples { get; init; } = 101;

    /// <summary>The relative standard deviation of the multiplicative Gaussian noise on each observation.</summary>
    public double NoiseLevel { get; init; } = 0.01;

    /// <summary>The seed of the noise generator.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>
    /// Whether L-BFGS gets its gradients from a compiled tape (the misfit recorded once, at the initial guess, and
    /// replayed at every point; the default) or from a fresh recording per evaluation. Both give the same numbers,
    /// bit for bit: the integrator takes no branch on the parameters.
    /// </summary>
    public bool CompiledGradient { get; init; } = true;
}

/// <summary>
/// The misfit between the model and noisy observations as a function of the log-parameters θ = log p (so the
/// rates stay positive whatever step the optimiser takes): ½ Σ ((model − data) / (σ·data))², the negative
/// log-likelihood of the multiplicative noise up to a constant. It runs the RK4 integrator in whatever number
/// type Fluxion asks for (<see cref="Var{T}"/> for the gradients L-BFGS uses: reverse mode, one sweep for all
/// four rates), so its gradient is exact for the discretised model.
/// </summary>
public sealed class Misfit : IMultivariateFunction
{
    readonly FitOptions options;
    readonly double[,] data;

    /// <summary>Creates the misfit for the given observations.</summary>
    /// <param name="options">The problem.</param>
    /// <param name="data">The observations, one row per recorded state (row 0, the known initial state, is ignored).</param>
    public Misfit(FitOptions options, double[,] data)
    {
        this.options = options;
        this.data = data;
    }

    /// <inheritdoc/>
    public T Evaluate<T>(T[] logParameters) where T : IFloatingPointIeee754<T>
    {
        var p = new T[logParameters.Length];
        for (var i = 0; i < p.Length; i++) p[i] = T.Exp(logParameters[i]);
        T[] initial = [T.CreateChecked(options.InitialState[0]), T.CreateChecked(options.InitialState[1])];
        var model = RungeKutta4.Solve<LotkaVolterra, T>(p, initial, options.Dt, options.StepsPerSample, options.Samples);
        var sum = T.Zero;
        for (var s = 1; s < options.Samples; s++)
            for (var i = 0; i < 2; i++)
            {
                var observed = data[s, i];
                var r = (model[s, i] - T.CreateChecked(observed)) / T.CreateChecked(options.NoiseLevel * observed);
                sum += r * r;
            }
        return sum / T.CreateChecked(2);
    }
}

/// <summary>What a fit produced: the data, the estimate, and how the optimiser got there.</summary>
public sealed class FitResult
{
    /// <summary>The problem that was solved.</summary>
    public required FitOptions Options { get; init; }

    /// <summary>Observation times, one per recorded state.</summary>
    public required double[] Times { get; init; }

    /// <summary>The noisy observations (row 0 is the known initial state).</summary>
    public required double[,] Data { get; init; }

    /// <summary>The recovered parameters (α, β, δ, γ).</summary>
    public required double[] Recovered { get; init; }

    /// <summary>|recovered − true| / true, per parameter.</summary>
    public required double[] RelativeErrors { get; init; }

    /// <summary>L-BFGS iterations.</summary>
    public required int Iterations { get; init; }

    /// <summary>Objective evaluations (each one value and one exact gradient).</summary>
    public required int Evaluations { get; init; }

    /// <summary>The misfit at the initial guess.</summary>
    public required double InitialMisfit { get; init; }

    /// <summary>The misfit at the recovered parameters.</summary>
    public required double FinalMisfit { get; init; }

    /// <summary>Why L-BFGS stopped.</summary>
    public required ExitCondition ReasonForExit { get; init; }
}

/// <summary>Recovers the Lotka–Volterra parameters from noisy observations with exact gradients and L-BFGS.</summary>
public static class LotkaVolterraFit
{
    /// <summary>Simulates the model on plain doubles: recorded states, samples × 2.</summary>
    /// <param name="options">The problem (step, sampling, initial state).</param>
    /// <param name="parameters">(α, β, δ, γ).</param>
    /// <param name="refinement">Run with the step divided by this factor (more steps, same recording times).</param>
    /// <returns>The states at the recording times.</returns>
    public static double[,] Simulate(FitOptions options, double[] parameters, int refinement = 1)
        => RungeKutta4.Solve<LotkaVolterra, double>(parameters, options.InitialState, options.Dt / refinement,
            options.StepsPerSample * refinement, options.Samples);

    /// <summary>
    /// Noisy observations: the true trajectory, integrated with a 4× finer step than the model uses (so the fit
    /// does not merely invert its own discretisation), times (1 + σ·N(0, 1)) per value, from a seeded generator.
    /// </summary>
    /// <param name="options">The problem.</param>
    /// <returns>The observations, samples × 2.</returns>
    public static double[,] Observe(FitOptions options)
    {
        var truth = Simulate(options, options.TrueParameters, refinement: 4);
        var random = new Random(options.Seed);
        var data = (double[,])truth.Clone();
        for (var s = 1; s < options.Samples; s++)
            for (var i = 0; i < 2; i++)
                data[s, i] = truth[s, i] * (1 + options.NoiseLevel * Gaussian(random));
        return data;
    }

    /// <summary>A standard normal sample by the Box–Muller transform.</summary>
    static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Log-parameters θ = log p.</summary>
    /// <param name="parameters">p.</param>
    /// <returns>θ.</returns>
    public static double[] ToLog(double[] parameters) => parameters.Select(v => Math.Log(v)).ToArray();

    /// <summary>Generates the data, fits it from the initial guess with L-BFGS on exact gradients, and reports.</summary>
    /// <param name="options">The problem.</param>
    /// <param name="progress">Receives one line per objective evaluation; null for silence.</param>
    /// <returns>The fit.</returns>
    public static FitResult Run(FitOptions options, Action<string>? progress = null)
    {
        var data = Observe(options);
        var misfit = new Misfit(options, data);
        var start = ToLog(options.InitialGuess);
        var objective = options.CompiledGradient ? Ad.CompiledObjective(misfit, start) : Ad.Objective(misfit);
        objective.Evaluated += (_, e) => progress?.Invoke(
            $"  evaluation {e.Count,3}: misfit {e.Value,12:F4}   |gradient| {e.GradientNorm,10:E2}   p = ({string.Join(", ", e.Point.Select(v => Math.Exp(v).ToString("F5")))})");
        var lbfgs = new LimitedMemoryBfgsMinimizer(gradientTolerance: 1e-6, parameterTolerance: 1e-12,
            functionProgressTolerance: 1e-14, memory: 10, maximumIterations: 500);
        var result = lbfgs.FindMinimum(objective, CreateVector.DenseOfArray(start));
        var recovered = result.MinimizingPoint.Select(v => Math.Exp(v)).ToArray();
        return new FitResult
        {
            Options = options,
            Times = Enumerable.Range(0, options.Samples).Select(s => s * options.StepsPerSample * options.Dt).ToArray(),
            Data = data,
            Recovered = recovered,
            RelativeErrors = recovered.Select((p, i) => Math.Abs(p - options.TrueParameters[i]) / options.TrueParameters[i]).ToArray(),
            Iterations = result.Iterations,
            Evaluations = objective.EvaluationCount,
            InitialMisfit = misfit.Evaluate<double>(start),
            FinalMisfit = result.FunctionInfoAtMinimum.Value,
            ReasonForExit = result.ReasonForExit,
        };
    }
}
