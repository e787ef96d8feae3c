using Fluxion.Samples.Pinn;

// Viscous Burgers by a physics-informed network, against its Cole–Hopf reference.
// Options: --adam N  --lbfgs N  --interior N  --boundary N  --initial N  --seed N  --minutes N  --report N  --output FOLDER
var options = new BurgersOptions();
var output = "output";
for (var k = 0; k < args.Length; k++)
{
    string Next() => k + 1 < args.Length ? args[++k] : throw new ArgumentException($"{args[k]} needs a value.");
    int Count() => int.TryParse(Next(), out var n) && n >= 0 ? n : throw new ArgumentException($"{args[k - 1]} needs a non-negative integer, got '{args[k]}'.");
    if (args[k] == "--output")
    {
        output = Next();
        continue;
    }
    options = args[k] switch
    {
        "--adam" => options with { AdamIterations = Count() },
        "--lbfgs" => options with { LbfgsIterations = Count() },
        "--interior" => options with { InteriorPoints = Count() },
        "--boundary" => options with { BoundaryPoints = Count() },
        "--initial" => options with { InitialPoints = Count() },
        "--seed" => options with { Seed = Count() },
        "--minutes" => options with { TimeLimitMinutes = Count() },
        "--report" => options with { ReportEvery = Math.Max(1, Count()) },
        var other => throw new ArgumentException($"Unknown option '{other}' (options: --adam --lbfgs --interior --boundary --initial --seed --minutes --report --output)."),
    };
}
Console.WriteLine("Viscous Burgers u_t + u·u_x = ν·u_xx, ν = 0.01/π, x ∈ [−1, 1], t ∈ [0, 1], u(x, 0) = −sin(πx), u(±1, t) = 0");
Console.WriteLine($"Adam ({options.AdamIterations} iterations, learning rate {options.LearningRate}), then L-BFGS (up to {options.LbfgsIterations} iterations)");
var result = BurgersPinn.Run(options, Console.WriteLine);
Console.WriteLine($"final loss {result.FinalLoss:E3}; relative L2 error {result.RelativeL2Error:E3}; {result.Elapsed.TotalMinutes:F1} min");
foreach (var path in BurgersPlot.Save(result, output))
    Console.WriteLine($"plot: {Path.GetFullPath(path)}");
