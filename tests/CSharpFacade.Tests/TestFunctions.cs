using System.Numerics;

namespace Fluxion.CSharpFacade.Tests;

/// <summary>Functions under test, written once with generic math, each with its analytic derivatives as the reference.</summary>
static class Fn
{
    // f(x) = x sin x e^(x/3)
    public static T Scalar<T>(T x) where T : IFloatingPointIeee754<T>
        => x * T.Sin(x) * T.Exp(x / T.CreateChecked(3));

    public static double ScalarPrime(double x)
    {
        double g = x * Math.Sin(x), g1 = Math.Sin(x) + x * Math.Cos(x), e = Math.Exp(x / 3);
        return g1 * e + g * e / 3;
    }

    public static double ScalarSecond(double x)
    {
        double g = x * Math.Sin(x), g1 = Math.Sin(x) + x * Math.Cos(x), g2 = 2 * Math.Cos(x) - x * Math.Sin(x), e = Math.Exp(x / 3);
        return g2 * e + 2 * g1 * e / 3 + g * e / 9;
    }

    // f(x) = exp(x0 x1) + sin(x2) x0² + log(1 + x1²)
    public static T Mixed<T>(T[] x) where T : IFloatingPointIeee754<T>
        => T.Exp(x[0] * x[1]) + T.Sin(x[2]) * x[0] * x[0] + T.Log(T.One + x[1] * x[1]);

    public static double MixedValue(double[] x) => Math.Exp(x[0] * x[1]) + Math.Sin(x[2]) * x[0] * x[0] + Math.Log(1 + x[1] * x[1]);

    public static double[] MixedGradient(double[] x) =>
    [
        x[1] * Math.Exp(x[0] * x[1]) + 2 * x[0] * Math.Sin(x[2]),
        x[0] * Math.Exp(x[0] * x[1]) + 2 * x[1] / (1 + x[1] * x[1]),
        Math.Cos(x[2]) * x[0] * x[0],
    ];

    public static double[,] MixedHessian(double[] x)
    {
        double e = Math.Exp(x[0] * x[1]), q = 1 + x[1] * x[1];
        double h00 = x[1] * x[1] * e + 2 * Math.Sin(x[2]);
        double h01 = e + x[0] * x[1] * e;
        double h02 = 2 * x[0] * Math.Cos(x[2]);
        double h11 = x[0] * x[0] * e + (2 * q - 4 * x[1] * x[1]) / (q * q);
        double h22 = -Math.Sin(x[2]) * x[0] * x[0];
        return new[,] { { h00, h01, h02 }, { h01, h11, 0 }, { h02, 0, h22 } };
    }

    // f(r, θ) = [r cos θ, r sin θ, r²]
    public static T[] Polar<T>(T[] p) where T : IFloatingPointIeee754<T>
        => [p[0] * T.Cos(p[1]), p[0] * T.Sin(p[1]), p[0] * p[0]];

    public static double[] PolarValue(double[] p) => [p[0] * Math.Cos(p[1]), p[0] * Math.Sin(p[1]), p[0] * p[0]];

    public static double[,] PolarJacobian(double[] p) => new[,]
    {
        { Math.Cos(p[1]), -p[0] * Math.Sin(p[1]) },
        { Math.Sin(p[1]), p[0] * Math.Cos(p[1]) },
        { 2 * p[0], 0 },
    };

    // f(x) = [x0 x1 x2, x0 + sin x2]: more inputs than outputs
    public static T[] Wide<T>(T[] x) where T : IFloatingPointIeee754<T> => [x[0] * x[1] * x[2], x[0] + T.Sin(x[2])];

    public static double[] WideValue(double[] x) => [x[0] * x[1] * x[2], x[0] + Math.Sin(x[2])];

    public static double[,] WideJacobian(double[] x) => new[,]
    {
        { x[1] * x[2], x[0] * x[2], x[0] * x[1] },
        { 1, 0, Math.Cos(x[2]) },
    };

    public static double Rosenbrock(double[] x) => (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
}

readonly struct ScalarFn : IScalarFunction
{
    public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => Fn.Scalar(x);
}

readonly struct MixedFn : IMultivariateFunction
{
    public T Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => Fn.Mixed(x);
}

readonly struct PolarFn : IVectorFunction
{
    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => Fn.Polar(x);
}

readonly struct WideFn : IVectorFunction
{
    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => Fn.Wide(x);
}

readonly struct RosenbrockFn : IMultivariateFunction
{
    public T Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>
    {
        T a = T.One - x[0], b = x[1] - x[0] * x[0];
        return a * a + T.CreateChecked(100) * b * b;
    }
}

/// <summary>The mixed function as a one-output vector function.</summary>
readonly struct MixedAsVectorFn : IVectorFunction
{
    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => [Fn.Mixed(x)];
}

/// <summary>Returns null: a broken function the entry points must refuse.</summary>
readonly struct NullFn : IVectorFunction
{
    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => null!;
}

/// <summary>Returns an empty array.</summary>
readonly struct EmptyFn : IVectorFunction
{
    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T> => [];
}

/// <summary>Returns as many outputs as the first coordinate's tangent suggests: a length that varies between passes.</summary>
sealed class VaryingFn : IVectorFunction
{
    int calls;

    public T[] Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>
        => ++calls % 2 == 1 ? [x[0]] : [x[0], x[0]];
}

static class Check
{
    public static void Close(double expected, double actual, double tolerance = 1e-12)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R}");

    public static void Close(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public static void Close(double[,] expected, double[,] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
            for (var j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance * Math.Max(1, Math.Abs(expected[i, j])),
                    $"entry [{i}, {j}]: expected {expected[i, j]:R}, got {actual[i, j]:R}");
    }
}
