namespace Fluxion

open System
open System.Numerics

/// <summary>
/// The coordinates of one point, as an <see cref="T:Fluxion.IPointFunction"/> reads them: <c>x[i]</c> for
/// 0 ≤ i &lt; <see cref="P:Fluxion.IPointInput`1.Length"/>. Fluxion passes its own struct implementations (over arrays
/// on the CPU, over device memory on an accelerator); <see cref="T:Fluxion.PointArray`1"/> is one over an array.
/// </summary>
type IPointInput<'T> =
    /// <summary>The number of coordinates (the function's <c>Inputs</c>).</summary>
    abstract Length: int
    /// <summary>Coordinate <paramref name="index"/> of the point.</summary>
    abstract Item: index: int -> 'T with get

/// <summary>
/// The outputs of one point, as an <see cref="T:Fluxion.IPointFunction"/> writes them: <c>y[k] = …</c> for
/// 0 ≤ k &lt; <see cref="P:Fluxion.IPointOutput`1.Length"/>. An output that the function does not assign is 0.
/// </summary>
type IPointOutput<'T> =
    /// <summary>The number of outputs (the function's <c>Outputs</c>).</summary>
    abstract Length: int
    /// <summary>Sets output <paramref name="index"/> of the point.</summary>
    abstract Item: index: int -> 'T with set

/// <summary>
/// A function ℝⁿ → ℝᵐ written once with .NET generic math, as a struct with static members, so that Fluxion can
/// evaluate it over millions of points on the CPU and inside ILGPU kernels (which cannot call virtual generic
/// methods): <see cref="T:Fluxion.Batched`1"/> gives its values, JVPs, second derivatives, per-sample Jacobians and
/// VJPs. <c>Evaluate</c> reads <c>x[0] … x[Inputs − 1]</c> and assigns <c>y[0] … y[Outputs − 1]</c>; it is called
/// with <c>T</c> = the element type, <see cref="T:Fluxion.Dual`1"/> or <see cref="T:Fluxion.HyperDual`1"/>.
/// </summary>
/// <remarks>
/// <para>In C#:</para>
/// <code>
/// struct Spring : IPointFunction
/// {
///     public static int Inputs =&gt; 3;
///     public static int Outputs =&gt; 2;
///     public static void Evaluate&lt;T, TX, TY&gt;(in TX x, ref TY y)
///         where T : IFloatingPointIeee754&lt;T&gt; where TX : struct, IPointInput&lt;T&gt; where TY : struct, IPointOutput&lt;T&gt;
///     {
///         y[0] = T.Sin(x[0]) * x[1];
///         y[1] = T.Exp(x[2] * x[0]);
///     }
/// }
/// </code>
/// <para>For the ILGPU devices the body must be kernel code: no arrays, objects, exceptions or delegates; constants
/// written as <c>T.One + T.One</c> or passed in as coordinates rather than <c>T.CreateChecked(2.0)</c>, whose .NET
/// body tests types at run time, which ILGPU cannot compile. The CPU path has no such limits.</para>
/// </remarks>
type IPointFunction =
    /// <summary>n, the number of coordinates of a point (at least 1).</summary>
    static abstract Inputs: int
    /// <summary>m, the number of outputs (at least 1).</summary>
    static abstract Outputs: int
    /// <summary>Reads the point <paramref name="x"/> and assigns the outputs <paramref name="y"/>.</summary>
    static abstract Evaluate<'T, 'TX, 'TY
        when 'T :> IFloatingPointIeee754<'T> and 'TX: struct and 'TX :> IPointInput<'T> and 'TY: struct and 'TY :> IPointOutput<'T>> :
        x: inref<'TX> * y: byref<'TY> -> unit

/// <summary>
/// A point over an array (input and output at once): calls an <see cref="T:Fluxion.IPointFunction"/> directly on
/// any number type, for example <c>Spring.Evaluate&lt;Var&lt;double&gt;, PointArray&lt;Var&lt;double&gt;&gt;,
/// PointArray&lt;Var&lt;double&gt;&gt;&gt;(in x, ref y)</c> to differentiate one point in reverse mode.
/// </summary>
[<Struct>]
type PointArray<'T> =
    /// <summary>The array read and written.</summary>
    val Values: 'T[]

    /// <summary>A point over <paramref name="values"/> (not copied).</summary>
    /// <exception cref="T:System.ArgumentNullException">values is null.</exception>
    new(values: 'T[]) =
        if isNull values then raise (ArgumentNullException(nameof values))
        { Values = values }

    /// <summary>The array's length.</summary>
    member p.Length = p.Values.Length

    /// <summary>Element <paramref name="index"/>.</summary>
    member p.Item
        with get (index: int) = p.Values[index]
        and set (index: int) (value: 'T) = p.Values[index] <- value

    interface IPointInput<'T> with
        member p.Length = p.Values.Length
        member p.Item with get index = p.Values[index]

    interface IPointOutput<'T> with
        member p.Length = p.Values.Length
        member p.Item with set index value = p.Values[index] <- value

/// <summary>Values and Jacobian-vector products of a batch (<see cref="M:Fluxion.Batched`1.Jvp``1(``0[],``0[])"/>).</summary>
[<Sealed>]
type BatchedJvp<'T>(count: int, outputs: int, values: 'T[], tangents: 'T[]) =
    /// <summary>N, the number of points.</summary>
    member _.Count = count
    /// <summary>m, the number of outputs per point.</summary>
    member _.Outputs = outputs
    /// <summary>f(xₚ), N × m row-major: output k of point p at p·m + k.</summary>
    member _.Values = values
    /// <summary>J(xₚ)·vₚ, N × m row-major: the derivative of output k along point p's direction at p·m + k.</summary>
    member _.Tangents = tangents

/// <summary>
/// Values, first and second directional derivatives of a batch
/// (<see cref="M:Fluxion.Batched`1.SecondDerivative``1(``0[],``0[])"/>).
/// </summary>
[<Sealed>]
type BatchedSecondDerivative<'T>(count: int, outputs: int, values: 'T[], first: 'T[], second: 'T[]) =
    /// <summary>N, the number of points.</summary>
    member _.Count = count
    /// <summary>m, the number of outputs per point.</summary>
    member _.Outputs = outputs
    /// <summary>f(xₚ), N × m row-major.</summary>
    member _.Values = values
    /// <summary>∇fₖ(xₚ)·vₚ, N × m row-major: d/dt fₖ(xₚ + t·vₚ) at t = 0.</summary>
    member _.First = first
    /// <summary>vₚᵀ·∇²fₖ(xₚ)·vₚ, N × m row-major: d²/dt² fₖ(xₚ + t·vₚ) at t = 0.</summary>
    member _.Second = second

/// <summary>Values and per-sample Jacobians of a batch (<see cref="M:Fluxion.Batched`1.Jacobian``1(``0[])"/>).</summary>
[<Sealed>]
type BatchedJacobian<'T>(count: int, inputs: int, outputs: int, values: 'T[], jacobians: 'T[]) =
    /// <summary>N, the number of points.</summary>
    member _.Count = count
    /// <summary>n, the number of coordinates per point.</summary>
    member _.Inputs = inputs
    /// <summary>m, the number of outputs per point.</summary>
    member _.Outputs = outputs
    /// <summary>f(xₚ), N × m row-major.</summary>
    member _.Values = values
    /// <summary>J(xₚ), N × m × n row-major: ∂fₖ/∂xⱼ at point p at (p·m + k)·n + j.</summary>
    member _.Jacobians = jacobians

/// <summary>Values and vector-Jacobian products of a batch (<see cref="M:Fluxion.Batched`1.Vjp``1(``0[],``0[])"/>).</summary>
[<Sealed>]
type BatchedVjp<'T>(count: int, inputs: int, outputs: int, values: 'T[], gradients: 'T[]) =
    /// <summary>N, the number of points.</summary>
    member _.Count = count
    /// <summary>n, the number of coordinates per point.</summary>
    member _.Inputs = inputs
    /// <summary>m, the number of outputs per point.</summary>
    member _.Outputs = outputs
    /// <summary>f(xₚ), N × m row-major.</summary>
    member _.Values = values
    /// <summary>uₚᵀ·J(xₚ), N × n row-major: Σₖ uₚₖ·∂fₖ/∂xⱼ at point p at p·n + j (the gradient of uₚ·f at xₚ).</summary>
    member _.Gradients = gradients
