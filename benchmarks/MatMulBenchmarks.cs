using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Fluxion.Benchmarks;

/// <summary>One matrix product C = op(A)·op(B): op(A) is m×k, op(B) is k×n, all row-major.</summary>
/// <param name="TransA">Whether A is stored k×m.</param>
/// <param name="TransB">Whether B is stored n×k.</param>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Inner dimension.</param>
public sealed record Product(bool TransA, bool TransB, int M, int N, int K)
{
    /// <summary>Floating-point operations: one multiply and one add per term.</summary>
    public double Flops => 2.0 * M * N * K;
}

/// <summary>A named list of products run back to back; its operands are allocated once, in <see cref="Setup"/>.</summary>
/// <param name="Name">Shown in the summary's parameter column.</param>
/// <param name="Products">The products, in order.</param>
public sealed record Workload(string Name, Product[] Products)
{
    float[][] a = [], b = [], c = [];

    /// <summary>Total floating-point operations of one run.</summary>
    public double Flops => Products.Sum(p => p.Flops);

    /// <summary>Allocates every product's operands with seeded values in [-1, 1).</summary>
    public void Setup()
    {
        var random = new Random(42);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        a = Products.Select(p => Values(p.M * p.K)).ToArray();
        b = Products.Select(p => Values(p.K * p.N)).ToArray();
        c = Products.Select(p => new float[p.M * p.N]).ToArray();
    }

    /// <summary>Runs every product on the current <see cref="MatMul.Backend"/>.</summary>
    public void Run()
    {
        for (int i = 0; i < Products.Length; i++)
        {
            var p = Products[i];
            MatMul.Gemm(p.TransA, p.TransB, p.M, p.N, p.K, a[i], 0, b[i], 0, c[i], 0, false);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// Issue 5: the managed matrix-product kernel against OpenBLAS (the baseline) on the float32 products of one SGD step
/// of a 784-256-256-10 network on a batch of 256 (X: 256×784, weights stored in×out): the three forward products, the
/// weight gradients Hᵀ·dY (transposed A) and the back-propagated errors dY·Wᵀ (transposed B), and the whole step's
/// eight products together. OpenBLAS must be installed (<c>apt-get install libopenblas0</c>): without it the baseline
/// fails with the installation hint.
/// </summary>
[BenchmarkCategory("MatMul")]
[GflopsColumn]
public class MatMulBackends
{
    const int Batch = 256, Inputs = 784, Hidden = 256, Classes = 10;

    static readonly Product[] Forward =
    [
        new(false, false, Batch, Hidden, Inputs),   // X·W1
        new(false, false, Batch, Hidden, Hidden),   // H1·W2
        new(false, false, Batch, Classes, Hidden),  // H2·W3
    ];

    static readonly Product[] Backward =
    [
        new(true, false, Hidden, Classes, Batch),   // dW3 = H2ᵀ·dY
        new(false, true, Batch, Hidden, Classes),   // dH2 = dY·W3ᵀ
        new(true, false, Hidden, Hidden, Batch),    // dW2 = H1ᵀ·dH2
        new(false, true, Batch, Hidden, Hidden),    // dH1 = dH2·W2ᵀ
        new(true, false, Inputs, Hidden, Batch),    // dW1 = Xᵀ·dH1
    ];

    /// <summary>
    /// The workloads (names stay under BenchmarkDotNet's 20-character column): each product of the step alone, then
    /// the whole step.
    /// </summary>
    public static IEnumerable<Workload> Workloads() =>
    [
        new("X·W1", [Forward[0]]),
        new("H1·W2", [Forward[1]]),
        new("H2·W3", [Forward[2]]),
        new("H2ᵀ·dY", [Backward[0]]),
        new("dY·W3ᵀ", [Backward[1]]),
        new("H1ᵀ·dH2", [Backward[2]]),
        new("dH2·W2ᵀ", [Backward[3]]),
        new("Xᵀ·dH1", [Backward[4]]),
        new("step (all 8)", [.. Forward, .. Backward]),
    ];

    /// <summary>The workload measured.</summary>
    [ParamsSource(nameof(Workloads))]
    public Workload Work { get; set; } = null!;

    /// <summary>Allocates the operands.</summary>
    [GlobalSetup]
    public void Setup() => Work.Setup();

    /// <summary>Restores the automatic backend choice.</summary>
    [GlobalCleanup]
    public void Cleanup() => MatMul.Backend = MatMulBackend.Automatic;

    /// <summary>OpenBLAS's cblas_sgemm.</summary>
    [Benchmark(Baseline = true)]
    public void OpenBlas()
    {
        MatMul.Backend = MatMulBackend.OpenBlas;
        Work.Run();
    }

    /// <summary>Fluxion's managed blocked SIMD kernel.</summary>
    [Benchmark]
    public void Managed()
    {
        MatMul.Backend = MatMulBackend.Managed;
        Work.Run();
    }
}

/// <summary>Adds <see cref="GflopsColumn"/> to a benchmark class whose parameter <c>Work</c> is a <see cref="Workload"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GflopsColumnAttribute() : ColumnConfigBaseAttribute(new GflopsColumn());

/// <summary>A summary column "GFLOP/s": the workload's floating-point operations divided by the mean time.</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);
    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Billions of floating-point operations per second (2·m·n·k per product)";
    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return benchmarkCase.Parameters["Work"] is Workload work && mean is double nanoseconds && nanoseconds > 0
            ? (work.Flops / nanoseconds).ToString("F1")
            : "-";
    }
}
