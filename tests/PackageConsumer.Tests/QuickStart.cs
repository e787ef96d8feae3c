using System.Numerics;
using Fluxion;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

public static class QuickStart
{
    // Your code, written once with .NET generic math. It knows nothing about differentiation.
    public static T F<T>(T x) where T : IFloatingPointIeee754<T>
        => x * x * x * x + T.CreateChecked(3) * x * x + T.CreateChecked(2) * x;

    // Instantiate it on Dual<double> and pass it in: f'(2) = 4·2³ + 6·2 + 2 = 46.
    public static double Slope() => Ad.Derivative(F<Dual<double>>, 2.0);

    // On Var<double> it runs in reverse mode: one sweep gives the whole gradient, whatever the number of inputs.
    public static T Energy<T>(T[] x) where T : IFloatingPointIeee754<T> => x[0] * x[0] * x[1] + T.Sin(x[2]);

    public static double[] EnergyGradient() => Ad.Gradient(Energy<Var<double>>, [3.0, 2.0, 0.5]);   // [12, 9, cos 0.5]

    // Functions of several variables: implement one generic Evaluate and Fluxion picks the number types.
    public readonly struct Rosenbrock : IMultivariateFunction
    {
        public T Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>
        {
            T a = T.One - x[0], b = x[1] - x[0] * x[0];
            return a * a + T.CreateChecked(100) * b * b;
        }
    }

    public static ValueAndGradient ValueAndGradient() => Ad.ValueAndGradient(new Rosenbrock(), [-1.2, 1.0]);

    public static HessianResult Hessian() => Ad.Hessian(new Rosenbrock(), [1.0, 1.0]);

    // Exact gradients for MathNet's minimizers: L-BFGS from the classic start (-1.2, 1) to the minimum (1, 1).
    public static double[] Minimum()
    {
        var objective = Ad.Objective(new Rosenbrock());
        var lbfgs = new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 1000);
        return lbfgs.FindMinimum(objective, CreateVector.Dense(new[] { -1.2, 1.0 })).MinimizingPoint.ToArray();
    }
}
