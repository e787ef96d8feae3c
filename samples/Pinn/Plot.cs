using ScottPlot;

namespace Fluxion.Samples.Pinn;

/// <summary>The pictures of a Burgers run: prediction, reference, pointwise error, loss curve.</summary>
public static class BurgersPlot
{
    /// <summary>Writes burgers-prediction.png, burgers-reference.png, burgers-error.png and burgers-loss.png into folder.</summary>
    /// <param name="result">The run to draw.</param>
    /// <param name="folder">The folder (created if needed).</param>
    /// <returns>The paths written.</returns>
    public static string[] Save(BurgersResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var error = new double[result.GridT.Length, result.GridX.Length];
        for (var j = 0; j < result.GridT.Length; j++)
            for (var i = 0; i < result.GridX.Length; i++)
                error[j, i] = Math.Abs(result.Prediction[j, i] - result.Reference[j, i]);
        string[] paths =
        [
            Heat(result, result.Prediction, "PINN prediction u(x, t)", Path.Combine(folder, "burgers-prediction.png")),
            Heat(result, result.Reference, "Cole–Hopf reference u(x, t)", Path.Combine(folder, "burgers-reference.png")),
            Heat(result, error, $"|prediction − reference| (relative L2 error {result.RelativeL2Error:E2})", Path.Combine(folder, "burgers-error.png")),
            Loss(result, Path.Combine(folder, "burgers-loss.png")),
        ];
        return paths;
    }

    /// <summary>A heat map with t across and x up.</summary>
    static string Heat(BurgersResult result, double[,] values, string title, string path)
    {
        var nt = result.GridT.Length;
        var nx = result.GridX.Length;
        // Rows of a heat map run from the top: row r is the largest x first.
        var cells = new double[nx, nt];
        for (var j = 0; j < nt; j++)
            for (var i = 0; i < nx; i++)
                cells[nx - 1 - i, j] = values[j, i];
        var plot = new Plot();
        var map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Turbo();
        map.Rectangle = new CoordinateRect(result.GridT[0], result.GridT[^1], result.GridX[0], result.GridX[^1]);
        plot.Add.ColorBar(map);
        plot.Title(title);
        plot.XLabel("t");
        plot.YLabel("x");
        plot.SavePng(path, 900, 520);
        return path;
    }

    /// <summary>The loss per Adam iteration, then per L-BFGS evaluation, on a log scale.</summary>
    static string Loss(BurgersResult result, string path)
    {
        var plot = new Plot();
        var adam = result.AdamLosses;
        var lbfgs = result.LbfgsLosses;
        if (adam.Length > 0)
        {
            var line = plot.Add.ScatterLine(Enumerable.Range(1, adam.Length).Select(k => (double)k).ToArray(), adam.Select(Math.Log10).ToArray());
            line.LegendText = "Adam (per iteration)";
            line.Color = Colors.SteelBlue;
        }
        if (lbfgs.Length > 0)
        {
            var line = plot.Add.ScatterLine(Enumerable.Range(1, lbfgs.Length).Select(k => (double)(adam.Length + k)).ToArray(), lbfgs.Select(Math.Log10).ToArray());
            line.LegendText = "L-BFGS (per evaluation)";
            line.Color = Colors.OrangeRed;
        }
        plot.Title("Burgers PINN: training loss");
        plot.XLabel("Adam iteration, then L-BFGS evaluation");
        plot.YLabel("log10 loss");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 520);
        return path;
    }
}
