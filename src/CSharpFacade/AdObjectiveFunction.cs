using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Fluxion;

/// <summary>
/// A MathNet.Numerics objective function whose gradient (and, when asked for, Hessian) comes from Fluxion's
/// automatic differentiation: exact to rounding, no finite-difference step to tune. MathNet's
/// <see cref="BfgsMinimizer"/>, <see cref="LimitedMemoryBfgsMinimizer"/> and (with a Hessian)
/// <see cref="NewtonMinimizer"/> run on it. Create one with <see cref="Ad.Objective(IMultivariateFunction, bool)"/>.
/// </summary>
/// <example>
/// <code>
/// var objective = Ad.Objective(new Rosenbrock());
/// objective.Evaluated += (_, e) =&gt; Console.WriteLine($"{e.Count}: f = {e.Value}");
/// var result = new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 1000)
///     .FindMinimum(objective, Vector&lt;double&gt;.Build.Dense([-1.2, 1.0]));
/// // result.MinimizingPoint is (1, 1)
/// </code>
/// </example>
public sealed class AdObjectiveFunction : IObjectiveFunction
{
    readonly Func<double[], ValueAndGradient<double>> valueAndGradient;
    readonly Func<double[], double[,]>? hessian;
    // Shared with every objective derived by Fork or CreateNew: MathNet's minimizers and line searches evaluate
    // those rather than the objective they are given.
    readonly EvaluationCounter counter;
    Matrix<double>? hessianAtPoint;
    Vector<double>? point;
    Vector<double>? gradient;

    internal AdObjectiveFunction(Func<double[], ValueAndGradient<double>> valueAndGradient, Func<double[], double[,]>? hessian)
        : this(valueAndGradient, hessian, new EvaluationCounter())
    {
    }

    AdObjectiveFunction(Func<double[], ValueAndGradient<double>> valueAndGradient, Func<double[], double[,]>? hessian, EvaluationCounter counter)
    {
        this.valueAndGradient = valueAndGradient;
        this.hessian = hessian;
        this.counter = counter;
    }

    sealed class EvaluationCounter
    {
        public int Value;
    }

    /// <summary>Raised after every evaluation, for progress reports.</summary>
    public event EventHandler<ObjectiveEvaluatedEventArgs>? Evaluated;

    /// <summary>
    /// How many times this objective and every objective derived from it by <see cref="Fork"/> or
    /// <see cref="CreateNew"/> have been evaluated. MathNet's minimizers evaluate such derived objectives, so
    /// this counts every evaluation of a minimisation.
    /// </summary>
    public int EvaluationCount => counter.Value;

    /// <summary>The point of the last evaluation.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been evaluated yet.</exception>
    public Vector<double> Point => point ?? throw NotEvaluated();

    /// <summary>The function value at <see cref="Point"/>.</summary>
    public double Value { get; private set; }

    /// <summary>Always true: the gradient comes from automatic differentiation.</summary>
    public bool IsGradientSupported => true;

    /// <summary>The exact gradient at <see cref="Point"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been evaluated yet.</exception>
    public Vector<double> Gradient => gradient ?? throw NotEvaluated();

    /// <summary>Whether this objective was created with a Hessian.</summary>
    public bool IsHessianSupported => hessian is not null;

    /// <summary>The exact Hessian at <see cref="Point"/>, computed on first access after each evaluation.</summary>
    /// <exception cref="NotSupportedException">The objective was created without a Hessian.</exception>
    /// <exception cref="InvalidOperationException">Nothing has been evaluated yet.</exception>
    public Matrix<double> Hessian
    {
        get
        {
            if (hessian is null)
                throw new NotSupportedException("This objective was created without a Hessian: pass withHessian: true to Ad.Objective.");
            var at = point ?? throw NotEvaluated();
            return hessianAtPoint ??= Matrix<double>.Build.DenseOfArray(hessian(at.ToArray()));
        }
    }

    /// <summary>Evaluates the value and the gradient at <paramref name="point"/>.</summary>
    /// <param name="point">The point; its dimension is the function's number of inputs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="point"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="point"/> is empty.</exception>
    public void EvaluateAt(Vector<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var x = point.ToArray();
        Guard.NotEmpty(x, nameof(point));
        var vg = valueAndGradient(x);
        this.point = Vector<double>.Build.DenseOfArray(x);
        Value = vg.Value;
        gradient = Vector<double>.Build.DenseOfArray(vg.Gradient);
        hessianAtPoint = null;
        var count = Interlocked.Increment(ref counter.Value);
        Evaluated?.Invoke(this, new ObjectiveEvaluatedEventArgs(count, this.point, Value, gradient.L2Norm()));
    }

    /// <summary>
    /// A copy with the same function, state and subscribers, evaluated independently from now on; it shares
    /// <see cref="EvaluationCount"/> with this objective.
    /// </summary>
    /// <returns>The copy.</returns>
    public IObjectiveFunction Fork()
    {
        var copy = new AdObjectiveFunction(valueAndGradient, hessian, counter)
        {
            point = point,
            gradient = gradient,
            Value = Value,
            hessianAtPoint = hessianAtPoint,
        };
        copy.Evaluated = Evaluated;
        return copy;
    }

    /// <summary>
    /// A fresh, unevaluated objective for the same function, with the same subscribers; it shares
    /// <see cref="EvaluationCount"/> with this objective.
    /// </summary>
    /// <returns>The new objective.</returns>
    public IObjectiveFunction CreateNew() => new AdObjectiveFunction(valueAndGradient, hessian, counter) { Evaluated = Evaluated };

    static InvalidOperationException NotEvaluated() => new("The objective has not been evaluated yet: call EvaluateAt first.");
}

/// <summary>What an <see cref="AdObjectiveFunction"/> reports after each evaluation.</summary>
public sealed class ObjectiveEvaluatedEventArgs : EventArgs
{
    /// <summary>Creates the report.</summary>
    /// <param name="count">The number of evaluations so far, this one included.</param>
    /// <param name="point">The point evaluated.</param>
    /// <param name="value">The function value there.</param>
    /// <param name="gradientNorm">The Euclidean norm of the gradient there.</param>
    public ObjectiveEvaluatedEventArgs(int count, Vector<double> point, double value, double gradientNorm)
    {
        Count = count;
        Point = point;
        Value = value;
        GradientNorm = gradientNorm;
    }

    /// <summary>The number of evaluations so far, this one included.</summary>
    public int Count { get; }

    /// <summary>The point evaluated.</summary>
    public Vector<double> Point { get; }

    /// <summary>The function value there.</summary>
    public double Value { get; }

    /// <summary>The Euclidean norm of the gradient there.</summary>
    public double GradientNorm { get; }
}
