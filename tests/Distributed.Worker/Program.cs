// The 2-rank checks of Fluxion.Distributed. tests/Distributed.Tests launches this program under Open MPI's mpirun and
// MPICH's mpiexec with 2 ranks; every rank prints one line per check:
//     CHECK <rank> <name> ok
//     CHECK <rank> <name> FAIL <exception>: <message>
// and the tests pass a check only when both ranks printed "ok". Expected values are independent of the code under
// test: exact sums of small integers and halves, a single process training on the whole batch, a fresh recomputation.
using Fluxion;
using Fluxion.Distributed;

internal static class Program
{
    private static int rank;

    private static void Check(string name, Action body) => Check(name, () => { body(); return ""; });

    /// A check whose body returns a detail for the log (a measured difference).
    private static void Check(string name, Func<string> body)
    {
        string verdict;
        try
        {
            string detail = body();
            verdict = detail.Length == 0 ? "ok" : $"ok ({detail})";
        }
        catch (Exception e)
        {
            verdict = $"FAIL {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
        Console.WriteLine($"CHECK {rank} {name} {verdict}");
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException(what);
    }

    /// The exception body throws, of type TException, with a message containing the fragment.
    private static void Throws<TException>(Action body, string fragment) where TException : Exception
    {
        try
        {
            body();
        }
        catch (TException e)
        {
            Require(e.Message.Contains(fragment), $"{typeof(TException).Name} without '{fragment}': {e.Message}");
            return;
        }
        throw new InvalidOperationException($"no {typeof(TException).Name} was thrown");
    }

    /// On the rank given, body throws TException naming the problem; on the other rank it throws MpiMismatchException.
    private static void OneRankInvalid<TException>(Action body, int badRank, string fragment) where TException : Exception
    {
        if (rank == badRank) Throws<TException>(body, fragment);
        else Throws<MpiMismatchException>(body, "another rank passed invalid arguments");
    }

    private static double MaxAbsDifference(double[] a, double[] b)
    {
        Require(a.Length == b.Length, $"lengths {a.Length} and {b.Length}");
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }

    private static double[] ToDoubles(float[] a) => Array.ConvertAll(a, x => (double)x);

    /// <param name="args">The implementation the launcher's library must be (OpenMpi or Mpich).</param>
    public static int Main(string[] args)
    {
        MpiWorld world;
        try
        {
            world = MpiWorld.Initialize();
        }
        catch (Exception e)
        {
            // Reported per rank; the launch without a loadable library ends here.
            Console.WriteLine($"INIT {Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") ?? Environment.GetEnvironmentVariable("PMI_RANK")} FAIL {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return 3;
        }
        rank = world.Rank;
        int size = world.Size;

        Check("world", () =>
        {
            Require(size == 2, $"size {size}");
            Require(args.Length == 1 && world.Implementation.ToString() == args[0], $"expected {string.Join(" ", args)}, loaded {world.Implementation} from {world.LibraryPath}");
            Require(!world.IsSingleProcess, "IsSingleProcess on 2 ranks");
            Require(world.Implementation != MpiImplementation.None, "no implementation");
            var ranks = new double[2];
            world.AllGather(new double[] { rank }, ranks);
            Require(ranks[0] == 0 && ranks[1] == 1, $"ranks gathered as {ranks[0]}, {ranks[1]}");
            world.Barrier();
        });

        Check("allreduce", () =>
        {
            // Rank r holds i + r/2 at index i: sums, means, maxima and minima of such halves are exact.
            const int n = 1000;
            double[] Local() => Enumerable.Range(0, n).Select(i => i + rank / 2.0).ToArray();
            var sum = Local();
            world.AllReduce(sum, ReduceOperation.Sum);
            var mean = Local();
            world.AllReduce(mean, ReduceOperation.Mean);
            var max = Local();
            world.AllReduce(max, ReduceOperation.Max);
            var min = Local();
            world.AllReduce(min, ReduceOperation.Min);
            for (int i = 0; i < n; i++)
            {
                Require(sum[i] == 2 * i + 0.5, $"sum[{i}] = {sum[i]}");
                Require(mean[i] == i + 0.25, $"mean[{i}] = {mean[i]}");
                Require(max[i] == i + 0.5, $"max[{i}] = {max[i]}");
                Require(min[i] == i, $"min[{i}] = {min[i]}");
            }
            var f = new float[] { 1.5f * (rank + 1), -2f };
            world.AllReduce(f, ReduceOperation.Mean);
            Require(f[0] == 2.25f && f[1] == -2f, $"float32 mean {f[0]}, {f[1]}");
            var k = new[] { rank + 1, 10 * rank };
            world.AllReduce(k, ReduceOperation.Sum);
            Require(k[0] == 3 && k[1] == 10, $"int32 sum {k[0]}, {k[1]}");
            Require(world.AllReduce(rank + 0.5, ReduceOperation.Sum) == 2.0, "scalar sum");
            // A large buffer (10^6 doubles, the benchmark's size): rank r holds r + i mod 7.
            var big = new double[1_000_000];
            for (int i = 0; i < big.Length; i++) big[i] = rank + i % 7;
            world.AllReduce(big, ReduceOperation.Sum);
            for (int i = 0; i < big.Length; i++) Require(big[i] == 1 + 2 * (i % 7), $"big[{i}] = {big[i]}");
        });

        Check("broadcast", () =>
        {
            var d = new[] { 10.0 * rank + 1, 10.0 * rank + 2 };
            world.Broadcast(d, 1);
            Require(d[0] == 11 && d[1] == 12, $"float64 from rank 1: {d[0]}, {d[1]}");
            var f = new[] { rank + 0.5f };
            world.Broadcast(f, 0);
            Require(f[0] == 0.5f, $"float32 from rank 0: {f[0]}");
            var k = new[] { 7 * rank + 3 };
            world.Broadcast(k, 1);
            Require(k[0] == 10, $"int32 from rank 1: {k[0]}");
            Throws<ArgumentOutOfRangeException>(() => world.Broadcast(d, 2), "root");
        });

        Check("mismatch", () =>
        {
            // Each bad call throws on both ranks; the next good call proves nothing was left half-done.
            Throws<MpiMismatchException>(() => world.AllReduce(new double[3 + rank], ReduceOperation.Sum), "different lengths (from 3 to 4 elements");
            Throws<MpiMismatchException>(() => world.Broadcast(new double[2], rank), "different roots");
            Throws<MpiMismatchException>(() => world.AllReduce(new double[2], rank == 0 ? ReduceOperation.Sum : ReduceOperation.Max), "different reductions");
            Throws<MpiMismatchException>(() =>
            {
                if (rank == 0) world.AllReduce(new double[2], ReduceOperation.Sum);
                else world.AllReduce(new float[2], ReduceOperation.Sum);
            }, "different element types");
            Throws<MpiMismatchException>(() =>
            {
                if (rank == 0) world.Barrier();
                else world.AllReduce(new double[2], ReduceOperation.Sum);
            }, "different collectives");
            Throws<MpiMismatchException>(() => world.AllGather(new double[1 + rank], new double[2 * (1 + rank)]), "different lengths");
            // Invalid arguments on one rank only: that rank throws its argument error, the other a mismatch.
            OneRankInvalid<ArgumentException>(() => world.AllReduce(new int[2], rank == 1 ? ReduceOperation.Mean : ReduceOperation.Sum), 1, "mean of integers");
            OneRankInvalid<ArgumentException>(() => world.AllGather(new double[2], new double[rank == 0 ? 3 : 4]), 0, "all has 3 elements");
            OneRankInvalid<ArgumentOutOfRangeException>(() => Ensemble.Run(world, rank == 0 ? -1 : 2, 1, i => new[] { (double)i }), 0, "taskCount");
            Throws<MpiMismatchException>(() => Ensemble.Run(world, 3 + rank, 1, i => new[] { (double)i }), "different task counts");
            var net = new MultilayerPerceptron<double>(new[] { 2, 3, 1 }, Activation.Tanh, new Random(1));
            var dp = new DataParallel<double>(world, net.Parameters);
            var x = Tensor.Ones<double>(4, 2);
            var g = net.Parameters.Gradients(Tensor.Sum(net.Forward(x)));
            OneRankInvalid<ArgumentException>(() => dp.AverageGradients(rank == 1 ? g[..1] : g, 0.0), 1, "1 gradients for 4 parameters");
            OneRankInvalid<ArgumentException>(() => dp.Step(new Sgd<double>(net.Parameters, 0.1), rank == 0 ? net.Forward(x) : Tensor.Sum(net.Forward(x))), 0, "one element");
            var after = new[] { 1.0 };
            world.AllReduce(after, ReduceOperation.Sum);
            Require(after[0] == 2, $"the all-reduce after the mismatches gave {after[0]}");
        });

        Check("dataparallel-sgd-float64", () => TrainInStep(world, adam: false));
        Check("dataparallel-adam-float64", () => TrainInStep(world, adam: true));
        Check("dataparallel-sgd-float32", () => TrainFloat32(world));
        Check("dataparallel-weighted", () => TrainWeighted(world));
        Check("dataparallel-lbfgs", () => FitLbfgs(world));
        Check("ensemble", () => RunEnsemble(world));

        world.Dispose();
        Check("after-finalize", () =>
        {
            Require(world.IsDisposed, "IsDisposed after Dispose");
            Throws<ObjectDisposedException>(() => world.AllReduce(new double[1], ReduceOperation.Sum), "MPI_Finalize");
            Throws<ObjectDisposedException>(() => world.Barrier(), "disposed");
            Throws<ObjectDisposedException>(() => _ = world.Rank, "disposed");
            Throws<InvalidOperationException>(() => MpiWorld.Initialize(), "cannot be initialised again");
            world.Dispose(); // idempotent
        });
        return 0;
    }

    // ----- data-parallel training ---------------------------------------------------------------------------------

    private const int Batch = 16;

    /// A fixed regression batch: 16 inputs of 3 features, 2 targets each (the same on every rank).
    private static (Tensor<double> X, Tensor<double> Y) Data()
    {
        var random = new Random(42);
        var x = Tensor.RandomNormal<double>(random, Batch, 3);
        var y = Tensor.RandomNormal<double>(random, Batch, 2);
        return (x, y);
    }

    /// Rank r's half of the batch: rows 8r … 8r + 7.
    private static Tensor<double> Half(Tensor<double> t) => Tensor.Slice(t, 0, rank * Batch / 2, (rank + 1) * Batch / 2);

    /// <summary>
    /// Two ranks training on halves of a batch (models initialised from different seeds, so the broadcast matters)
    /// against one process training on the whole batch from rank 0's initial weights. Tolerance: the two differ only
    /// in the order of the sums over the batch (the mean of two half-batch means against one mean), a relative
    /// difference of a few 1e-16 per gradient element per step. Over 15 steps of SGD (η = 0.1, momentum 0.9) the
    /// parameters stay within 1e-12 of each other. Adam's step η·m̂/(√v̂ + ε) is scale-free in the gradient: a
    /// relative gradient difference δ moves it by about η·δ, so with δ of a few 1e-16 (an element that nearly cancels
    /// has a larger δ but a step near zero) 1e-9 bounds 15 steps with η = 0.01 with a wide margin.
    /// </summary>
    private static string TrainInStep(MpiWorld world, bool adam)
    {
        var (x, y) = Data();
        var net = new MultilayerPerceptron<double>(new[] { 3, 8, 2 }, Activation.Tanh, new Random(1 + rank));
        var reference = new MultilayerPerceptron<double>(new[] { 3, 8, 2 }, Activation.Tanh, new Random(1));
        var start = reference.Parameters.ToFlatArray();
        var dp = new DataParallel<double>(world, net.Parameters);
        Require(MaxAbsDifference(net.Parameters.ToFlatArray(), start) == 0, "the parameters after the broadcast are not rank 0's initial ones");
        IOptimizer<double> opt = adam ? new Adam<double>(net.Parameters, 0.01) : new Sgd<double>(net.Parameters, 0.1, 0.9);
        IOptimizer<double> refOpt = adam ? new Adam<double>(reference.Parameters, 0.01) : new Sgd<double>(reference.Parameters, 0.1, 0.9);
        var xh = Half(x);
        var yh = Half(y);
        double loss = 0, refLoss = 0;
        for (int step = 0; step < 15; step++)
        {
            loss = dp.Step(opt, Tensor.MeanSquaredError(net.Forward(xh), yh));
            var l = Tensor.MeanSquaredError(reference.Forward(x), y);
            refLoss = l.ToScalar();
            refOpt.Step(l);
        }
        Require(dp.MaxParameterDifference() == 0, $"the ranks' parameters differ by {dp.MaxParameterDifference()}");
        double tolerance = adam ? 1e-9 : 1e-12;
        double d = MaxAbsDifference(net.Parameters.ToFlatArray(), reference.Parameters.ToFlatArray());
        Require(d <= tolerance, $"2 ranks on halves vs 1 process on the whole batch differ by {d:E2} (tolerance {tolerance:E0})");
        Require(Math.Abs(loss - refLoss) <= 1e-12 * Math.Max(1, refLoss), $"mean loss {loss} vs whole-batch loss {refLoss}");
        Require(MaxAbsDifference(net.Parameters.ToFlatArray(), start) > 1e-3, "training did not move the parameters");
        return $"vs one process {d:E1}";
    }

    /// <summary>
    /// The same in float32 with plain SGD (η = 0.1, 10 steps). Tolerance 1e-5: float32 rounding (6e-8 relative) of
    /// gradients of order 1, times η, accumulated over 10 steps, stays near 1e-6.
    /// </summary>
    private static string TrainFloat32(MpiWorld world)
    {
        var random = new Random(7);
        var x = Tensor.RandomNormal<float>(random, Batch, 3);
        var y = Tensor.RandomNormal<float>(random, Batch, 2);
        var net = new MultilayerPerceptron<float>(new[] { 3, 8, 2 }, Activation.Tanh, new Random(1 + rank));
        var reference = new MultilayerPerceptron<float>(new[] { 3, 8, 2 }, Activation.Tanh, new Random(1));
        var dp = new DataParallel<float>(world, net.Parameters);
        var opt = new Sgd<float>(net.Parameters, 0.1);
        var refOpt = new Sgd<float>(reference.Parameters, 0.1);
        var xh = Tensor.Slice(x, 0, rank * Batch / 2, (rank + 1) * Batch / 2);
        var yh = Tensor.Slice(y, 0, rank * Batch / 2, (rank + 1) * Batch / 2);
        for (int step = 0; step < 10; step++)
        {
            dp.Step(opt, Tensor.MeanSquaredError(net.Forward(xh), yh));
            refOpt.Step(Tensor.MeanSquaredError(reference.Forward(x), y));
        }
        Require(dp.MaxParameterDifference() == 0, "the ranks' float32 parameters differ");
        double d = MaxAbsDifference(ToDoubles(net.Parameters.ToFlatArray()), ToDoubles(reference.Parameters.ToFlatArray()));
        Require(d <= 1e-5, $"float32: 2 ranks vs 1 process differ by {d:E2}");
        return $"vs one process {d:E1}";
    }

    /// <summary>
    /// Unequal shards (rank 0 has 5 rows, rank 1 has 11) weighted by their sizes give the whole-batch gradient:
    /// checked against one process's gradient of the whole-batch mean (tolerance 1e-13: sums in another order).
    /// </summary>
    private static void TrainWeighted(MpiWorld world)
    {
        var (x, y) = Data();
        var net = new MultilayerPerceptron<double>(new[] { 3, 4, 2 }, Activation.Tanh, new Random(3));
        var dp = new DataParallel<double>(world, net.Parameters);
        int start = rank == 0 ? 0 : 5, stop = rank == 0 ? 5 : Batch;
        var g = dp.Gradients(Tensor.MeanSquaredError(net.Forward(Tensor.Slice(x, 0, start, stop)), Tensor.Slice(y, 0, start, stop)), stop - start);
        var whole = net.Parameters.Gradients(Tensor.MeanSquaredError(net.Forward(x), y));
        for (int k = 0; k < g.Length; k++)
        {
            double d = MaxAbsDifference(g[k].ToArray(), whole[k].ToArray());
            Require(d <= 1e-13, $"weighted gradient {k} differs from the whole-batch gradient by {d:E2}");
        }
        Throws<ArgumentOutOfRangeException>(() => dp.Gradients(Tensor.MeanSquaredError(net.Forward(x), y), 0), "weight");
    }

    /// <summary>
    /// Full-batch L-BFGS on halves against Fluxion's L-BFGS on the whole batch in one process: a linear least-squares
    /// fit (strictly convex), so both converge to the same minimiser; with the gradient tolerance 1e-10 and the
    /// problem's Hessian eigenvalues of order 1 the two points lie within 1e-8 of it and of each other.
    /// </summary>
    private static string FitLbfgs(MpiWorld world)
    {
        var random = new Random(11);
        var x = Tensor.RandomNormal<double>(random, Batch, 3);
        var truth = Tensor.FromArray(new[] { 1.5, -2.0, 0.5 }, 3, 1);
        var y = Tensor.Add(Tensor.MatMul(x, truth), Tensor.Multiply(Tensor.RandomNormal<double>(random, Batch, 1), Tensor.Scalar(0.1)));
        var model = new Linear<double>(3, 1, new Random(5 + rank));
        var reference = new Linear<double>(3, 1, new Random(5));
        var dp = new DataParallel<double>(world, model.Parameters);
        var xh = Half(x);
        var yh = Half(y);
        var fit = dp.MinimizeLbfgs(() => Tensor.MeanSquaredError(model.Forward(xh), yh), 1e-10, 200);
        var refFit = Lbfgs.Minimize(reference.Parameters, () => Tensor.MeanSquaredError(reference.Forward(x), y), 1e-10, 200);
        Require(fit.Converged && refFit.Converged, $"not converged: {fit.Reason}, {refFit.Reason}");
        Require(dp.MaxParameterDifference() == 0, "the ranks' L-BFGS parameters differ");
        double d = MaxAbsDifference(model.Parameters.ToFlatArray(), reference.Parameters.ToFlatArray());
        Require(d <= 1e-8, $"L-BFGS on 2 ranks vs 1 process differ by {d:E2}");
        Require(Math.Abs(fit.Loss - refFit.Loss) <= 1e-12, $"losses {fit.Loss} and {refFit.Loss}");
        return $"vs one process {d:E1}, {fit.Iterations} iterations";
    }

    // ----- ensembles ----------------------------------------------------------------------------------------------

    /// One ensemble task: a least-squares line through 20 noisy points drawn from the task's seed, fitted by L-BFGS.
    private static double[] FitLine(int seed)
    {
        var random = new Random(100 + seed);
        var x = Tensor.RandomNormal<double>(random, 20, 1);
        var y = Tensor.Add(Tensor.Multiply(x, Tensor.Scalar(2.0 + seed)), Tensor.RandomNormal<double>(random, 20, 1));
        var line = new Linear<double>(1, 1, random);
        Lbfgs.Minimize(line.Parameters, () => Tensor.MeanSquaredError(line.Forward(x), y), 1e-10, 100);
        return line.Parameters.ToFlatArray();
    }

    /// <summary>
    /// Five tasks (an odd number: rank 0 runs three, rank 1 two) gathered in task order on both ranks, against each
    /// task run again in this process (the same computation: equal to 1e-12, allowing for nothing but rounding); then a
    /// task that throws on rank 1 makes both ranks throw, naming it.
    /// </summary>
    private static void RunEnsemble(MpiWorld world)
    {
        var results = Ensemble.Run(world, 5, 2, FitLine);
        Require(results.Length == 5, $"{results.Length} results");
        for (int i = 0; i < 5; i++)
        {
            double d = MaxAbsDifference(results[i], FitLine(i));
            Require(d <= 1e-12, $"task {i}'s gathered result differs from a fresh run by {d:E2}");
            Require(Ensemble.RankOf(world, i) == i % 2, $"task {i} on rank {Ensemble.RankOf(world, i)}");
        }
        try
        {
            Ensemble.Run(world, 4, 1, i => i == 3 ? throw new ArithmeticException("task three diverged") : new[] { (double)i });
            throw new InvalidOperationException("no EnsembleException");
        }
        catch (EnsembleException e)
        {
            Require(e.FailedTasks.SequenceEqual(new[] { 3 }), $"failed tasks {string.Join(",", e.FailedTasks)}");
            Require(rank == 0 || e.Message.Contains("task three diverged"), $"rank 1's message lacks the cause: {e.Message}");
        }
    }
}
