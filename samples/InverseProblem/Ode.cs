using System.Numerics;

namespace Fluxion.Samples.InverseProblem;

/// <summary>An autonomous ODE system dy/dt = f(y; p), written once with generic math.</summary>
public interface IOdeSystem
{
    /// <summary>The number of state variables.</summary>
    static abstract int Dimension { get; }

    /// <summary>Writes dy/dt at state <paramref name="y"/> with parameters <paramref name="p"/> into <paramref name="rates"/>.</summary>
    /// <typeparam name="T">Any IEEE 754 number type: double to simulate, Fluxion's number types to differentiate.</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="y">The state.</param>
    /// <param name="rates">Receives dy/dt.</param>
    static abstract void Rates<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> rates) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// Lotka–Volterra predator–prey dynamics: prey x and predators y with
/// dx/dt = αx − βxy and dy/dt = δxy − γy; parameters p = (α, β, δ, γ).
/// </summary>
public readonly struct LotkaVolterra : IOdeSystem
{
    /// <inheritdoc/>
    public static int Dimension => 2;

    /// <inheritdoc/>
    public static void Rates<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> rates) where T : IFloatingPointIeee754<T>
    {
        T prey = y[0], predators = y[1], meetings = prey * predators;
        rates[0] = p[0] * prey - p[1] * meetings;
        rates[1] = p[2] * meetings - p[3] * predators;
    }
}

/// <summary>The classical fixed-step fourth-order Runge–Kutta method, written once with generic math.</summary>
public static class RungeKutta4
{
    /// <summary>
    /// Integrates from <paramref name="initial"/> and records the state every <paramref name="stepsPerSample"/>
    /// steps of size <paramref name="dt"/>: row k of the result is the state at time k·stepsPerSample·dt.
    /// </summary>
    /// <typeparam name="TSystem">The ODE system.</typeparam>
    /// <typeparam name="T">The number type the whole integration runs in.</typeparam>
    /// <param name="p">The system's parameters.</param>
    /// <param name="initial">The state at time 0.</param>
    /// <param name="dt">The step size.</param>
    /// <param name="stepsPerSample">Steps between recorded states.</param>
    /// <param name="samples">The number of recorded states, the initial one included.</param>
    /// <returns>The recorded states, samples × dimension.</returns>
    public static T[,] Solve<TSystem, T>(ReadOnlySpan<T> p, ReadOnlySpan<T> initial, double dt, int stepsPerSample, int samples)
        where TSystem : IOdeSystem
        where T : IFloatingPointIeee754<T>
    {
        var n = TSystem.Dimension;
        T h = T.CreateChecked(dt), half = T.CreateChecked(0.5), sixth = T.CreateChecked(1.0 / 6.0), two = T.CreateChecked(2);
        var y = initial.ToArray();
        var stage = new T[n];
        T[] k1 = new T[n], k2 = new T[n], k3 = new T[n], k4 = new T[n];
        var record = new T[samples, n];
        for (var s = 0; s < samples; s++)
        {
            if (s > 0)
                for (var step = 0; step < stepsPerSample; step++)
                {
                    TSystem.Rates<T>(p, y, k1);
                    for (var i = 0; i < n; i++) stage[i] = y[i] + half * h * k1[i];
                    TSystem.Rates<T>(p, stage, k2);
                    for (var i = 0; i < n; i++) stage[i] = y[i] + half * h * k2[i];
                    TSystem.Rates<T>(p, stage, k3);
                    for (var i = 0; i < n; i++) stage[i] = y[i] + h * k3[i];
                    TSystem.Rates<T>(p, stage, k4);
                    for (var i = 0; i < n; i++) y[i] = y[i] + sixth * h * (k1[i] + two * k2[i] + two * k3[i] + k4[i]);
                }
            for (var i = 0; i < n; i++) record[s, i] = y[i];
        }
        return record;
    }
}
