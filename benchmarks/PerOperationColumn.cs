using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Fluxion.Benchmarks;

/// <summary>
/// Declares how many units of work (recorded tape operations, gradient inputs, ...) one invocation of a benchmark
/// performs, so that <see cref="PerOperationColumn"/> can report the cost per unit next to the mean.
/// </summary>
/// <param name="count">Units of work per invocation; a positive constant computed from the benchmark's size.</param>
/// <param name="unit">The unit's name as shown in the column ("op", "input").</param>
/// <param name="relativeToBaseline">
/// Report the cost per unit as a multiple of the category's baseline (e.g. plain evaluations per gradient input)
/// instead of nanoseconds.
/// </param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PerUnitAttribute(int count, string unit, bool relativeToBaseline = false) : Attribute
{
    /// <summary>Units of work per invocation.</summary>
    public int Count { get; } = count > 0 ? count : throw new ArgumentException("count must be positive", nameof(count));
    /// <summary>The unit's name.</summary>
    public string Unit { get; } = unit;
    /// <summary>Whether the column shows baseline multiples rather than nanoseconds.</summary>
    public bool RelativeToBaseline { get; } = relativeToBaseline;
}

/// <summary>
/// A summary column "Per unit": the mean divided by the benchmark's <see cref="PerUnitAttribute"/> count, in
/// nanoseconds or in multiples of the baseline's mean. Empty for benchmarks without the attribute.
/// </summary>
public sealed class PerOperationColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PerOperationColumn);
    /// <inheritdoc/>
    public string ColumnName => "Per unit";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => false;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Mean divided by the units of work per invocation (ns per unit, or baseline multiples per unit)";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var perUnit = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<PerUnitAttribute>();
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (perUnit is null || stats is null) return "-";
        double perUnitNs = stats.Mean / perUnit.Count;
        if (!perUnit.RelativeToBaseline) return $"{perUnitNs:F2} ns/{perUnit.Unit}";
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var baselineStats = baseline is null ? null : summary[baseline]?.ResultStatistics;
        return baselineStats is null ? "-" : $"{perUnitNs / baselineStats.Mean:F3} x base/{perUnit.Unit}";
    }
}
