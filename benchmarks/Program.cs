using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Fluxion.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks -- --filter *</c> (or <c>dotnet fsi build.fsx bench</c>).
/// Any BenchmarkDotNet option can follow, e.g. <c>--filter *Jvp* --job short</c> while iterating.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new PerOperationColumn())
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
