using MathNet.Numerics.LinearAlgebra;

namespace Fluxion.Samples.Pinn;

/// <summary>
/// The n-point Gauss–Hermite rule ∫ f(z) e^(−z²) dz ≈ Σ wᵢ f(zᵢ): nodes from the Golub–Welsch eigenvalue problem,
/// refined by Newton's method on the Hermite functions, with the weights kept as logarithms (the outer weights of a
/// rule with hundreds of nodes are far below 1e-100 and are multiplied by huge factors in the Cole–Hopf integrals).
/// </summary>
public sealed class GaussHermite
{
    /// <summary>The nodes zᵢ, ascending.</summary>
    public double[] Nodes { get; }

    /// <summary>The natural logarithms of the weights wᵢ.</summary>
    public double[] LogWeights { get; }

    /// <summary>The rule with the given number of nodes.</summary>
    /// <param name="count">The number of nodes (1 to 700: beyond that e^(−z²/2) underflows at the outer nodes).</param>
    /// <exception cref="ArgumentOutOfRangeException">count is outside 1..700.</exception>
    public GaussHermite(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 700);
        // Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the Hermite recurrence
        // (zero diagonal, off-diagonal √(k/2)).
        var jacobi = Matrix<double>.Build.Dense(count, count);
        for (var k = 1; k < count; k++)
        {
            jacobi[k - 1, k] = Math.Sqrt(k / 2.0);
            jacobi[k, k - 1] = Math.Sqrt(k / 2.0);
        }
        var guesses = jacobi.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();
        Nodes = new double[count];
        LogWeights = new double[count];
        for (var i = 0; i < count; i++)
        {
            var z = guesses[i];
            // Newton on ψₙ: ψₙ′ = √(2n) ψₙ₋₁ − z ψₙ, and at a root the step is ψₙ / (√(2n) ψₙ₋₁).
            for (var iteration = 0; iteration < 10; iteration++)
            {
                var (pn, pn1) = HermiteFunctions(count, z);
                var step = pn / (Math.Sqrt(2.0 * count) * pn1 - z * pn);
                z -= step;
                if (Math.Abs(step) <= 1e-15 * Math.Max(1.0, Math.Abs(z))) break;
            }
            var (_, previous) = HermiteFunctions(count, z);
            Nodes[i] = z;
            // wᵢ = 1 / (n pₙ₋₁(zᵢ)²) for the orthonormal Hermite polynomials pₖ; with ψₖ = pₖ e^(−z²/2):
            // log wᵢ = −zᵢ² − log n − 2 log |ψₙ₋₁(zᵢ)|.
            LogWeights[i] = -z * z - Math.Log(count) - 2.0 * Math.Log(Math.Abs(previous));
        }
    }

    /// <summary>ψₙ(z) and ψₙ₋₁(z), the orthonormal Hermite functions pₖ(z)·e^(−z²/2), by their three-term recurrence.</summary>
    static (double Current, double Previous) HermiteFunctions(int n, double z)
    {
        var previous = 0.0;
        var current = Math.Pow(Math.PI, -0.25) * Math.Exp(-z * z / 2.0);
        for (var k = 1; k <= n; k++)
        {
            var next = Math.Sqrt(2.0 / k) * z * current - Math.Sqrt((k - 1.0) / k) * previous;
            previous = current;
            current = next;
        }
        return (current, previous);
    }
}
