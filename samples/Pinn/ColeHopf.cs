using System.Numerics;

namespace Fluxion.Samples.Pinn;

/// <summary>
/// The exact solution of viscous Burgers u_t + u·u_x = ν·u_xx with u(x, 0) = −sin(πx) on x ∈ [−1, 1] (periodic, so
/// u(±1, t) = 0), from the Cole–Hopf transformation (Basdevant et al. 1986):
/// u(x, t) = −∫ sin(π(x − η)) f(x − η) e^(−η²/4νt) dη / ∫ f(x − η) e^(−η²/4νt) dη with f(y) = e^(−cos(πy)/2πν),
/// evaluated by Gauss–Hermite quadrature after η = √(4νt)·z.
/// </summary>
public sealed class ColeHopf
{
    readonly GaussHermite rule;

    /// <summary>The reference solution for viscosity nu with a Gauss–Hermite rule of the given number of nodes.</summary>
    /// <param name="nu">The viscosity ν (positive).</param>
    /// <param name="nodes">The number of quadrature nodes.</param>
    /// <exception cref="ArgumentOutOfRangeException">nu is not positive.</exception>
    public ColeHopf(double nu, int nodes)
    {
        if (!(nu > 0)) throw new ArgumentOutOfRangeException(nameof(nu), nu, "The viscosity must be positive.");
        Nu = nu;
        rule = new GaussHermite(nodes);
    }

    /// <summary>The viscosity ν.</summary>
    public double Nu { get; }

    /// <summary>u(x, t).</summary>
    public double Velocity(double x, double t) => Evaluate(x, x, t);

    /// <summary>∂u/∂x at (x, t), by forward-mode AD (Fluxion's Dual) through the quadrature.</summary>
    public double Slope(double x, double t) => Ad.Derivative(d => Evaluate(d, x, t), x);

    /// <summary>The quadrature written once in generic math, so that it can be differentiated in x.</summary>
    /// <param name="x">The position (a Dual to take the slope).</param>
    /// <param name="x0">The primal value of x, which fixes the scaling that keeps the exponentials finite.</param>
    /// <param name="t">The time (t ≥ 0).</param>
    T Evaluate<T>(T x, double x0, double t) where T : IFloatingPointIeee754<T>
    {
        if (!(t >= 0)) throw new ArgumentOutOfRangeException(nameof(t), t, "The time must be non-negative.");
        var pi = T.CreateChecked(Math.PI);
        if (t == 0) return -T.Sin(pi * x);
        var c = Math.Sqrt(4.0 * Nu * t);
        var k = 1.0 / (2.0 * Math.PI * Nu);
        // The integrands are exp(log wᵢ − cos(π yᵢ)/2πν), with exponents spanning hundreds: divide both sums by the
        // largest term (taken at the primal x; any common factor cancels in the ratio).
        var shift = double.NegativeInfinity;
        for (var i = 0; i < rule.Nodes.Length; i++)
            shift = Math.Max(shift, rule.LogWeights[i] - Math.Cos(Math.PI * (x0 - c * rule.Nodes[i])) * k);
        var numerator = T.Zero;
        var denominator = T.Zero;
        for (var i = 0; i < rule.Nodes.Length; i++)
        {
            var y = x - T.CreateChecked(c * rule.Nodes[i]);
            var term = T.Exp(T.CreateChecked(rule.LogWeights[i] - shift) - T.Cos(pi * y) * T.CreateChecked(k));
            numerator += T.Sin(pi * y) * term;
            denominator += term;
        }
        return -numerator / denominator;
    }
}
