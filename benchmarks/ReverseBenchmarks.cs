using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Fluxion.Benchmarks;

/// <summary>
/// Operation counts and correctness checks shared by the reverse-mode benchmarks. Every benchmark checks in its
/// global setup that the gradient it times is right and that the operation count it divides by is the number of
/// entries the tape really records, so the "Per unit" column cannot drift from the code.
/// </summary>
static class ReverseChecks
{
    /// <summary>
    /// The number of operations f records at x (tape entries minus the sink and the input entries), counted on a
    /// <see cref="GradientTape{T}"/>.
    /// </summary>
    public static int RecordedOperations<T>(Func<Var<T>[], Var<T>> f, T[] x) where T : IFloatingPointIeee754<T>
    {
        using var tape = GradientTape<T>.Start();
        var v = tape.Variables(x);
        f(v);
        return tape.EntryCount - 1 - x.Length;
    }

    /// <summary>Throws unless f records exactly <paramref name="expected"/> operations at x.</summary>
    public static void ExpectOperations<T>(Func<Var<T>[], Var<T>> f, T[] x, int expected) where T : IFloatingPointIeee754<T>
    {
        int counted = RecordedOperations(f, x);
        if (counted != expected)
            throw new InvalidOperationException($"The benchmark divides by {expected} operations but the tape records {counted}.");
    }

    /// <summary>Throws unless the two gradients agree to a relative 1e-12 (entries scaled by max(1, |b|)).</summary>
    public static void ExpectClose(double[] a, double[] b, string what)
    {
        if (a.Length != b.Length) throw new InvalidOperationException($"{what}: lengths {a.Length} and {b.Length}.");
        for (int i = 0; i < a.Length; i++)
            if (!(Math.Abs(a[i] - b[i]) <= 1e-12 * Math.Max(1.0, Math.Abs(b[i]))))
                throw new InvalidOperationException($"{what}: entry {i} is {a[i]}, expected {b[i]}.");
    }

    /// <summary>
    /// Compiles f at a point other than x (every entry moved by 0.1), and throws unless the compiled gradient at x
    /// equals <paramref name="expected"/> (the uncompiled gradient at x) bit for bit.
    /// </summary>
    public static CompiledGradient<double> CompileElsewhere(Func<Var<double>[], Var<double>> f, double[] x, double[] expected)
    {
        var compiled = ReverseMode.Compile(f, x.Select(v => v + 0.1).ToArray());
        var g = compiled.Gradient(x);
        for (int i = 0; i < g.Length; i++)
            if (g[i] != expected[i])
                throw new InvalidOperationException($"Compiled gradient entry {i} is {g[i]:R}, the tape's {expected[i]:R}.");
        return compiled;
    }

    /// <summary>The analytic gradient of <see cref="Functions.Rosenbrock{T}"/>.</summary>
    public static double[] RosenbrockGradient(double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
            g[i + 1] += 200.0 * a;
        }
        return g;
    }

    /// <summary>The analytic gradient of <see cref="Functions.SinExp{T}"/>.</summary>
    public static double[] SinExpGradient(double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            g[i] = Math.Exp(x[i] / 10) * (Math.Cos(x[i]) + Math.Sin(x[i]) / 10);
        return g;
    }
}

/// <summary>
/// Issue 3: the reverse-mode gradient of the 100,000-input Rosenbrock function written as scalar code, through the
/// allocation-free entry point <see cref="ReverseMode.ValueAndGradientInto{T}"/>, against the plain evaluation of
/// the same generic code. Targets: at most 5 ns per recorded operation (recording and sweep together, "Per unit"
/// column) and 0 bytes allocated; the gradient/evaluation ratio is reported.
/// </summary>
[BenchmarkCategory("ReverseRosenbrock")]
public class ReverseRosenbrock
{
    /// <summary>Number of inputs.</summary>
    public const int N = 100_000;
    /// <summary>
    /// Recorded operations: per term x[i]·x[i], x[i+1] − (…), 1 − x[i], 100·a, ·a, b·b, the inner + and the sum's
    /// += (eight), for N − 1 terms. Input entries are not counted. Checked against the tape in the setup.
    /// </summary>
    public const int Operations = 8 * (N - 1);
    readonly double[] x = Functions.Point(N);
    readonly double[] gradient = new double[N];
    static readonly Func<Var<double>[], Var<double>> F = v => Functions.Rosenbrock<Var<double>>(v);
    CompiledGradient<double> compiled = null!;

    /// <summary>Checks the operation count and the gradient, and compiles the function (recorded at another point).</summary>
    [GlobalSetup]
    public void Setup()
    {
        ReverseChecks.ExpectOperations(F, x, Operations);
        ReverseMode.ValueAndGradientInto(F, x, gradient);
        ReverseChecks.ExpectClose(gradient, ReverseChecks.RosenbrockGradient(x), "Rosenbrock gradient");
        compiled = ReverseChecks.CompileElsewhere(F, x, gradient);
    }

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>f(x) and ∇f(x): recording and one reverse sweep.</summary>
    [Benchmark]
    [PerUnit(Operations, "op")]
    public double Gradient() => ReverseMode.ValueAndGradientInto(F, x, gradient);

    /// <summary>f(x) and ∇f(x) from the compiled tape: the replay's forward loop and one reverse sweep.</summary>
    [Benchmark]
    [PerUnit(Operations, "op")]
    public double CompiledGradient() => compiled.ValueAndGradientInto(x, gradient);
}

/// <summary>
/// Issue 3: the reverse-mode gradient of Σ sin(xᵢ)·exp(xᵢ/10) with 100,000 inputs against its plain evaluation.
/// Target: at most 3×, 0 bytes allocated.
/// </summary>
[BenchmarkCategory("ReverseSinExp")]
public class ReverseSinExp
{
    /// <summary>Number of inputs.</summary>
    public const int N = 100_000;
    /// <summary>Recorded operations: sin, /10, exp, ·, += per input. Checked against the tape in the setup.</summary>
    public const int Operations = 5 * N;
    readonly double[] x = Functions.Point(N);
    readonly double[] gradient = new double[N];
    static readonly Func<Var<double>[], Var<double>> F = v => Functions.SinExp<Var<double>>(v);

    /// <summary>Checks the operation count and the gradient.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ReverseChecks.ExpectOperations(F, x, Operations);
        ReverseMode.ValueAndGradientInto(F, x, gradient);
        ReverseChecks.ExpectClose(gradient, ReverseChecks.SinExpGradient(x), "sin·exp gradient");
    }

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.SinExp<double>(x);

    /// <summary>f(x) and ∇f(x): recording and one reverse sweep.</summary>
    [Benchmark]
    [PerUnit(Operations, "op")]
    public double Gradient() => ReverseMode.ValueAndGradientInto(F, x, gradient);
}

/// <summary>
/// Issue 3: a Hessian-vector product ∇²f(x)·v of 100-input functions by forward over reverse
/// (<see cref="ReverseMode.HessianVectorProduct{T}"/>, one recording on <c>Var&lt;Dual&lt;double&gt;&gt;</c>) against
/// the plain evaluation. Target: at most 6×. Both functions of this file are measured: Rosenbrock (cheap
/// multiply-add terms) and the transcendental sum.
/// </summary>
[BenchmarkCategory("HessianVectorProduct100")]
public class HessianVectorProduct100
{
    /// <summary>Number of inputs.</summary>
    public const int N = 100;
    readonly double[] x = Functions.Point(N);
    readonly double[] v = Functions.Direction(N);
    readonly double[] hv = new double[N];
    static readonly Func<Var<Dual<double>>[], Var<Dual<double>>> Rosenbrock = u => Functions.Rosenbrock<Var<Dual<double>>>(u);
    static readonly Func<Var<Dual<double>>[], Var<Dual<double>>> Transcendental = u => Functions.Transcendental<Var<Dual<double>>>(u);

    /// <summary>Checks the Rosenbrock product against the analytic Hessian times v.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var expected = new double[N];
        for (int i = 0; i + 1 < N; i++)
        {
            // Term 100 (x[i+1] − x[i]²)² + (1 − x[i])²: its Hessian block in (i, i+1).
            double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, hij = -400 * x[i], hjj = 200;
            expected[i] += hii * v[i] + hij * v[i + 1];
            expected[i + 1] += hij * v[i] + hjj * v[i + 1];
        }
        ReverseChecks.ExpectClose(ReverseMode.HessianVectorProduct(Rosenbrock, x, v), expected, "Rosenbrock Hessian-vector product");
        ReverseMode.HessianVectorProductInto(Rosenbrock, x, v, hv);
        ReverseChecks.ExpectClose(hv, expected, "HessianVectorProductInto");
    }

    /// <summary>Plain evaluation of Rosenbrock.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>Plain evaluation of the transcendental sum.</summary>
    [Benchmark]
    public double PlainTranscendental() => Functions.Transcendental<double>(x);

    /// <summary>∇²f(x)·v of Rosenbrock through the allocating convenience call.</summary>
    [Benchmark]
    public double[] Hvp() => ReverseMode.HessianVectorProduct(Rosenbrock, x, v);

    /// <summary>∇²f(x)·v of Rosenbrock through the allocation-free call.</summary>
    [Benchmark]
    public double HvpInto() => ReverseMode.HessianVectorProductInto(Rosenbrock, x, v, hv);

    /// <summary>∇²f(x)·v of the transcendental sum (compare with <see cref="PlainTranscendental"/>).</summary>
    [Benchmark]
    public double HvpTranscendentalInto() => ReverseMode.HessianVectorProductInto(Transcendental, x, v, hv);

    readonly Dual<double>[] seeded = new Dual<double>[N];
    readonly Dual<double>[] dualGradient = new Dual<double>[N];
    CompiledGradient<Dual<double>> compiledRosenbrock = null!, compiledTranscendental = null!;

    /// <summary>
    /// Compiles both functions over <c>Var&lt;Dual&lt;double&gt;&gt;</c> at another point and direction (forward over
    /// reverse on the replayed program) and checks that the replay at (x, v) gives the recorded products bit for bit.
    /// </summary>
    [GlobalSetup(Targets = new[] { nameof(HvpCompiled), nameof(HvpTranscendentalCompiled) })]
    public void SetupCompiled()
    {
        Setup();
        var elsewhere = new Dual<double>[N];
        for (int i = 0; i < N; i++) elsewhere[i] = new Dual<double>(x[i] + 0.1, v[i] - 0.2);
        compiledRosenbrock = ReverseMode.Compile(Rosenbrock, elsewhere);
        compiledTranscendental = ReverseMode.Compile(Transcendental, elsewhere);
        foreach (var (compiled, f) in new[] { (compiledRosenbrock, Rosenbrock), (compiledTranscendental, Transcendental) })
        {
            ReverseMode.HessianVectorProductInto(f, x, v, hv);
            Replay(compiled);
            for (int i = 0; i < N; i++)
                if (dualGradient[i].Tangent != hv[i])
                    throw new InvalidOperationException($"Compiled Hessian-vector product entry {i} is {dualGradient[i].Tangent:R}, the tape's {hv[i]:R}.");
        }
    }

    double Replay(CompiledGradient<Dual<double>> compiled)
    {
        for (int i = 0; i < N; i++) seeded[i] = new Dual<double>(x[i], v[i]);
        return compiled.ValueAndGradientInto(seeded, dualGradient).Primal;
    }

    /// <summary>∇²f(x)·v of Rosenbrock by replaying its program compiled over <c>Var&lt;Dual&lt;double&gt;&gt;</c> (the tangents of the gradient).</summary>
    [Benchmark]
    public double HvpCompiled() => Replay(compiledRosenbrock);

    /// <summary>∇²f(x)·v of the transcendental sum, replayed (compare with <see cref="PlainTranscendental"/>).</summary>
    [Benchmark]
    public double HvpTranscendentalCompiled() => Replay(compiledTranscendental);
}

/// <summary>
/// Issue 3: memory of differentiating a loop of 10⁶ steps, xₖ₊₁ = xₖ + h·sin(p·xₖ), with respect to (x₀, p): the
/// plain tape records every step (four entries each); the checkpointed one records one
/// <see cref="ReverseMode.Checkpoint{T}"/> per segment of 1,000 steps and recomputes one segment at a time during
/// the sweep. Each invocation runs on a fresh thread, so that thread's tape starts empty and all its growth shows
/// in the Allocated column (a thread that reuses its tape would allocate nothing after warm-up).
/// </summary>
[BenchmarkCategory("CheckpointedLoop")]
public class CheckpointedLoop
{
    /// <summary>Steps of the loop.</summary>
    public const int Steps = 1_000_000;
    /// <summary>Steps per checkpointed segment (√Steps, the classic choice).</summary>
    public const int Segment = 1_000;
    const double H = 1e-6;
    readonly double[] x = [0.5, 1.3];
    readonly double[] gradient = new double[2];

    static T Loop<T>(T x, T p, int steps) where T : IFloatingPointIeee754<T>
    {
        T h = T.CreateChecked(H);
        for (int k = 0; k < steps; k++) x += h * T.Sin(p * x);
        return x;
    }

    static readonly Func<Var<double>[], Var<double>> PlainLoop = v => Loop(v[0], v[1], Steps);

    // p rides along in the segment's state (output 1 is input 1), so its adjoint is summed in the same order as on
    // the plain tape and the two gradients agree bit for bit.
    static readonly Func<Var<double>[], Var<double>[]> OneSegment = s => [Loop(s[0], s[1], Segment), s[1]];

    static readonly Func<Var<double>[], Var<double>> CheckpointedLoopFunction = v =>
    {
        Var<double>[] state = [v[0], v[1]];
        for (int s = 0; s < Steps / Segment; s++)
            state = ReverseMode.Checkpoint(OneSegment, state);
        return state[0];
    };

    static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>Checks that both gradients agree (to the last bits) with each other and with forward mode.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var plain = ReverseMode.Gradient(PlainLoop, x);
        var checkpointed = ReverseMode.Gradient(CheckpointedLoopFunction, x);
        if (plain[0] != checkpointed[0] || plain[1] != checkpointed[1])
            throw new InvalidOperationException($"Checkpointed gradient ({checkpointed[0]}, {checkpointed[1]}) differs from the plain one ({plain[0]}, {plain[1]}).");
        var dx0 = Loop(new Dual<double>(x[0], 1.0), new Dual<double>(x[1], 0.0), Steps).Tangent;
        var dp = Loop(new Dual<double>(x[0], 0.0), new Dual<double>(x[1], 1.0), Steps).Tangent;
        ReverseChecks.ExpectClose(plain, [dx0, dp], "loop gradient vs forward mode");
    }

    /// <summary>Plain evaluation of the loop (on a fresh thread, like the gradients).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => OnFreshThread(() => Loop(x[0], x[1], Steps));

    /// <summary>The gradient with every step on the tape.</summary>
    [Benchmark]
    public double PlainGradient() => OnFreshThread(() => ReverseMode.ValueAndGradientInto(PlainLoop, x, gradient));

    /// <summary>The gradient with one checkpoint per segment.</summary>
    [Benchmark]
    public double CheckpointedGradient() => OnFreshThread(() => ReverseMode.ValueAndGradientInto(CheckpointedLoopFunction, x, gradient));
}

/// <summary>
/// Issue 3's peer comparison: the scalar Rosenbrock gradient with 1,000 inputs, the same function and point as
/// benchmarks/peer/rosenbrock_torch.py (PyTorch eager, one scalar tensor per input). Target: Fluxion at least
/// 1,000× faster than PyTorch; the script reads this benchmark's mean from the report and prints the ratio.
/// </summary>
[BenchmarkCategory("PeerRosenbrock")]
public class PeerRosenbrock
{
    /// <summary>Number of inputs.</summary>
    public const int N = 1_000;
    readonly double[] x = Functions.Point(N);
    readonly double[] gradient = new double[N];
    static readonly Func<Var<double>[], Var<double>> F = v => Functions.Rosenbrock<Var<double>>(v);

    CompiledGradient<double> compiled = null!;

    /// <summary>Checks the gradient, and compiles the function (recorded at another point).</summary>
    [GlobalSetup]
    public void Setup()
    {
        ReverseMode.ValueAndGradientInto(F, x, gradient);
        ReverseChecks.ExpectClose(gradient, ReverseChecks.RosenbrockGradient(x), "Rosenbrock gradient");
        compiled = ReverseChecks.CompileElsewhere(F, x, gradient);
    }

    /// <summary>Plain evaluation f(x).</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Functions.Rosenbrock<double>(x);

    /// <summary>f(x) and ∇f(x).</summary>
    [Benchmark]
    public double Gradient() => ReverseMode.ValueAndGradientInto(F, x, gradient);

    /// <summary>f(x) and ∇f(x) from the compiled tape.</summary>
    [Benchmark]
    public double CompiledGradient() => compiled.ValueAndGradientInto(x, gradient);
}
