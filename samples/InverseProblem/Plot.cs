using ScottPlot;

namespace Fluxion.Samples.InverseProblem;

/// <summary>Draws the data, the trajectory of the initial guess and the fitted trajectory.</summary>
public static class FitPlot
{
    /// <summary>Writes the picture as a PNG.</summary>
    /// <param name="fit">The fit to draw.</param>
    /// <param name="path">The PNG file to write; its folder is created if needed.</param>
    public static void Save(FitResult fit, string path)
    {
        // Trajectories on a fine grid: record every RK4 step.
        var fine = new FitOptions
        {
            InitialState = fit.Options.InitialState,
            Dt = fit.Options.Dt,
            StepsPerSample = 1,
            Samples = (fit.Options.Samples - 1) * fit.Options.StepsPerSample + 1,
        };
        var t = Enumerable.Range(0, fine.Samples).Select(s => s * fine.Dt).ToArray();
        var guess = LotkaVolterraFit.Simulate(fine, fit.Options.InitialGuess);
        var fitted = LotkaVolterraFit.Simulate(fine, fit.Recovered);

        var plot = new Plot();
        string[] names = ["prey", "predators"];
        Color[] colors = [Colors.SteelBlue, Colors.OrangeRed];
        for (var i = 0; i < 2; i++)
        {
            var data = plot.Add.ScatterPoints(fit.Times[1..], Column(fit.Data, i)[1..]);
            data.Color = colors[i];
            data.MarkerSize = 5;
            data.LegendText = $"{names[i]}: data (1% noise)";
            var initial = plot.Add.ScatterLine(t, Column(guess, i));
            initial.Color = colors[i].WithAlpha(0.45);
            initial.LinePattern = LinePattern.Dashed;
            initial.LineWidth = 1.5f;
            initial.LegendText = $"{names[i]}: initial guess";
            var line = plot.Add.ScatterLine(t, Column(fitted, i));
            line.Color = colors[i];
            line.LineWidth = 2;
            line.LegendText = $"{names[i]}: fitted";
        }
        plot.Title("Lotka–Volterra: rates recovered by L-BFGS with reverse-mode gradients through RK4");
        plot.XLabel("time");
        plot.YLabel("population");
        plot.ShowLegend(Edge.Right);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, 1000, 560);
    }

    static double[] Column(double[,] m, int j) => Enumerable.Range(0, m.GetLength(0)).Select(i => m[i, j]).ToArray();
}
