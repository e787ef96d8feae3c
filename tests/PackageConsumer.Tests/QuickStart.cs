using System.Numerics;
using Fluxion;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

public static class QuickStart
{
    // Lambdas, written as usual: operators and literals work on Fluxion's numbers. Math.Sin(x) does not (it takes a
    // double): write Dual<double>.Sin(x) in a lambda, or T.Sin(x) in a generic method as below.
    public static double Slope() => Ad.Derivative(x => x * x * x + 3 * x, 2.0);                       // 3·2² + 3 = 15

    public static double[] Gradient() => Ad.Gradient(x => x[0] * x[0] * x[1], [3.0, 2.0]);            // [12, 9]

    public static JacobianResult Jacobian() => Ad.Jacobian(x => new[] { x[0] * x[1], x[0] + x[1] }, [3.0, 2.0]);

    public static HessianResult Hessian() => Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]);

    // Your code, written once with .NET generic math. It knows nothing about differentiation.
    public static T Energy<T>(T[] x) where T : IFloatingPointIeee754<T> => x[0] * x[0] * x[1] + T.Sin(x[2]);

    // Pass it by name: each operation picks the number type (Var<double> here: reverse mode, one sweep for any n).
    public static double[] EnergyGradient() => Ad.Gradient(Energy, [3.0, 2.0, 0.5]);                  // [12, 9, cos 0.5]

    public static HessianResult EnergyHessian() => Ad.Hessian(Energy, [3.0, 2.0, 0.5]);

    // Or implement one generic Evaluate: MathNet's minimizers get exact gradients through Ad.Objective.
    public readonly struct Rosenbrock : IMultivariateFunction
    {
        public T Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>
        {
            T a = T.One - x[0], b = x[1] - x[0] * x[0];
            return a * a + T.CreateChecked(100) * b * b;
        }
    }

    // L-BFGS from the classic start (-1.2, 1) to the minimum (1, 1).
    public static double[] Minimum()
    {
        var objective = Ad.Objective(new Rosenbrock());
        var lbfgs = new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 1000);
        return lbfgs.FindMinimum(objective, CreateVector.Dense(new[] { -1.2, 1.0 })).MinimizingPoint.ToArray();
    }
}
