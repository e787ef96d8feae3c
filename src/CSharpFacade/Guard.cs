namespace Fluxion;

/// <summary>Argument checks shared by the entry points: every refusal names the offending argument.</summary>
internal static class Guard
{
    public static void NotEmpty(ReadOnlySpan<double> x, string name)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The point must have at least one coordinate.", name);
    }

    /// <summary>
    /// A seed (direction or weight vector) must match its dimension and be finite: a NaN or infinite seed turns into
    /// NaN derivatives that comparisons and min/max can drop silently (the engines refuse it the same way).
    /// </summary>
    public static void Seed(ReadOnlySpan<double> seed, int expectedLength, string name, string dimension)
    {
        if (seed.Length != expectedLength)
            throw new ArgumentException(
                $"The seed vector has length {seed.Length} but must have length {expectedLength} ({dimension}).", name);
        for (var i = 0; i < seed.Length; i++)
            if (!double.IsFinite(seed[i]))
                throw new ArgumentException($"The seed vector has {seed[i]} at index {i}: a seed must be finite.", name);
    }

    /// <summary>Every entry finite (checked before the function runs, so that the refusal names the caller's argument).</summary>
    public static void Finite(ReadOnlySpan<double> seed, string name)
    {
        for (var i = 0; i < seed.Length; i++)
            if (!double.IsFinite(seed[i]))
                throw new ArgumentException($"The seed vector has {seed[i]} at index {i}: a seed must be finite.", name);
    }

    /// <summary>Checks what a vector function returned: not null, not empty, and the same length on every call.</summary>
    public static T[] Output<T>(T[]? y, int expectedLength, string name)
    {
        if (y is null)
            throw new ArgumentException("The function returned null instead of an array.", name);
        if (y.Length == 0)
            throw new ArgumentException("The function returned an empty array.", name);
        if (expectedLength >= 0 && y.Length != expectedLength)
            throw new ArgumentException(
                $"The function returned {y.Length} values on one call and {expectedLength} on another.", name);
        return y;
    }

    public static void Scalar(int outputLength, string name)
    {
        if (outputLength != 1)
            throw new ArgumentException(
                $"A Hessian needs a scalar function, but this one returned {outputLength} values.", name);
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be a positive finite number.");
    }
}
