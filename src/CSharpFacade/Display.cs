using System.Globalization;
using System.Text;

namespace Fluxion;

/// <summary>
/// How result types print: numbers in the invariant culture, six significant digits (like MathNet's matrices),
/// long vectors and big matrices cut to their first entries with the full size stated.
/// </summary>
internal static class Display
{
    /// <summary>Vectors longer than this show their first <see cref="MaxEntries"/> entries and an ellipsis.</summary>
    public const int MaxEntries = 10;

    /// <summary>Matrices show at most this many rows and columns.</summary>
    public const int MaxRowsOrColumns = 8;

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Vector(double[] values)
    {
        var shown = Math.Min(values.Length, MaxEntries);
        var text = new StringBuilder("[");
        for (var i = 0; i < shown; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(Number(values[i]));
        }
        if (shown < values.Length) text.Append($", … ({values.Length} entries)");
        return text.Append(']').ToString();
    }

    /// <summary>One line per row, columns right-aligned, each line indented by two spaces.</summary>
    public static string Matrix(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        int shownRows = Math.Min(rows, MaxRowsOrColumns), shownColumns = Math.Min(columns, MaxRowsOrColumns);
        var cells = new string[shownRows, shownColumns];
        var width = 1;
        for (var i = 0; i < shownRows; i++)
            for (var j = 0; j < shownColumns; j++)
                width = Math.Max(width, (cells[i, j] = Number(values[i, j])).Length);
        var text = new StringBuilder();
        for (var i = 0; i < shownRows; i++)
        {
            text.Append("  ");
            for (var j = 0; j < shownColumns; j++)
            {
                if (j > 0) text.Append("  ");
                text.Append(cells[i, j].PadLeft(width));
            }
            if (shownColumns < columns) text.Append("  …");
            text.AppendLine();
        }
        if (shownRows < rows) text.Append("  …").AppendLine();
        return text.ToString().TrimEnd('\r', '\n');
    }

    public static string Size(double[,] values) => $"{values.GetLength(0)}×{values.GetLength(1)}";
}
