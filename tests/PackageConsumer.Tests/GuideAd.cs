using System.Numerics;
using Fluxion;

public static class GuideAd
{
    // 1. A lambda. The compiler gives x the number type of the operation's mode; operators and literals just work.
    public static double Slope() => Ad.Derivative(x => x * x * x + 3 * x, 2.0);                    // 15
    public static double Curvature() => Ad.SecondDerivative(x => x * x * x + 3 * x, 2.0);          // 12
    public static double SlopeOfSine() => Ad.Derivative(x => x * Dual<double>.Sin(x), 2.0);        // sin 2 + 2 cos 2

    // 2. A generic method, passed by name: T is inferred per operation, so one method serves all of them.
    public static T Cost<T>(T[] x) where T : IFloatingPointIeee754<T>
        => x[0] * x[0] * x[1] + T.Exp(x[1]) + T.CreateChecked(3) * x[0];

    public static double[] CostGradient() => Ad.Gradient(Cost, [1.0, 0.0]);                        // [2·1·0 + 3, 1 + 1]
    public static HessianResult CostHessian() => Ad.Hessian(Cost, [1.0, 0.0]);                      // [[0, 2], [2, 1]]
    public static double[] CostCurvatureAlong() => Ad.HessianVectorProduct(Cost, [1.0, 0.0], [1.0, 0.0]);   // [0, 2]

    // Vector functions: Jacobian (reverse by default), Jvp (forward, J·v), Vjp (reverse, uᵀ·J).
    public static T[] Polar<T>(T[] p) where T : IFloatingPointIeee754<T> => [p[0] * T.Cos(p[1]), p[0] * T.Sin(p[1])];

    public static JacobianResult PolarJacobian() => Ad.Jacobian(Polar, [2.0, 0.0]);                // [[1, 0], [0, 2]]
    public static JvpResult PolarJvp() => Ad.Jvp(Polar, [2.0, 0.0], [0.0, 1.0]);                    // tangent [0, 2]
    public static ValueAndVjp<double> PolarVjp() => Ad.Vjp(Polar, [2.0, 0.0], [0.0, 1.0]);          // vjp [0, 2]

    // Choosing the mode: Forward… runs forward mode (several tangents per pass) where the default is reverse.
    public static double[] CostGradientForward() => Ad.ForwardGradient(Cost, [1.0, 0.0]);
    public static JacobianResult PolarJacobianForward() => Ad.ForwardJacobian(Polar, [2.0, 0.0]);

    // Results print their numbers.
    public static string Printed() => Ad.Hessian(x => x[0] * x[0] * x[1] + 3 * x[1], [3.0, 2.0]).ToString();

    // A derivative inside the function of another one over the same number type is refused, never answered wrongly.
    public static string Nested()
    {
        try
        {
            return Ad.Derivative(x => x * Ad.Derivative(y => x + y, 1.0), 1.0).ToString();
        }
        catch (InvalidOperationException e)
        {
            return e.Message[..e.Message.IndexOf(':')];                                              // "Perturbation confusion"
        }
    }
}
