namespace Fluxion

open System
open System.Numerics

/// <summary>
/// Reverse-mode automatic differentiation for F#: functions of <c>Var&lt;'T&gt;[]</c> in, arrays out.
/// The same operations as <see cref="T:Fluxion.ReverseMode"/> (which C# callers use), curried.
/// </summary>
/// <example>
/// <code>
/// let f (x: Var&lt;float&gt;[]) = log x[0] + x[0] * x[1] - sin x[1]
/// Reverse.gradient f [| 2.0; 5.0 |]   // [| 5.5; 2 - cos 5 |]
/// </code>
/// </example>
// Hidden from C# IntelliSense (C# callers use ReverseMode and the Fluxion package's Ad); F# sees it as usual.
[<RequireQualifiedAccess; System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module Reverse =

    /// <summary>The gradient ∇f(x) of a scalar function, in one reverse sweep.</summary>
    let gradient (f: Var<'T>[] -> Var<'T>) (x: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        ReverseMode.Gradient(Func<_, _> f, x)

    /// <summary>The value f(x) and the gradient ∇f(x).</summary>
    let valueAndGradient (f: Var<'T>[] -> Var<'T>) (x: 'T[]) : 'T * 'T[] =
        Check.notNull (nameof f) f
        let r = ReverseMode.ValueAndGradient(Func<_, _> f, x)
        r.Value, r.Gradient

    /// <summary>Computes f(x), writes ∇f(x) into <c>gradient</c> and returns f(x); allocation-free after warm-up.</summary>
    let valueAndGradientInto (f: Func<Var<'T>[], Var<'T>>) (x: 'T[]) (gradient: 'T[]) : 'T =
        ReverseMode.ValueAndGradientInto(f, x, gradient)

    /// <summary>
    /// Records f once at x and returns its gradient program, replayed for new inputs without calling f again (see
    /// <c>ReverseMode.Compile</c> for what makes a function compilable).
    /// </summary>
    let compile (f: Var<'T>[] -> Var<'T>) (x: 'T[]) : CompiledGradient<'T> =
        Check.notNull (nameof f) f
        ReverseMode.Compile(Func<_, _> f, x)

    /// <summary>The values f(x) of a vector function and the vector-Jacobian product uᵀ·J(x) for the cotangent u.</summary>
    let vjp (f: Var<'T>[] -> Var<'T>[]) (x: 'T[]) (cotangent: 'T[]) : 'T[] * 'T[] =
        Check.notNull (nameof f) f
        let r = ReverseMode.Vjp(Func<_, _> f, x, cotangent)
        r.Value, r.Vjp

    /// <summary>The Jacobian J[i, j] = ∂fᵢ/∂xⱼ by reverse mode (one recording, one sweep per output).</summary>
    let jacobian (f: Var<'T>[] -> Var<'T>[]) (x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        ReverseMode.Jacobian(Func<_, _> f, x)

    /// <summary>The Hessian-vector product ∇²f(x)·v by forward over reverse (f evaluated on <c>Var&lt;Dual&lt;'T&gt;&gt;</c>).</summary>
    let hessianVectorProduct (f: Var<Dual<'T>>[] -> Var<Dual<'T>>) (x: 'T[]) (v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        ReverseMode.HessianVectorProduct(Func<_, _> f, x, v)

    /// <summary>The Hessian ∇²f(x) by forward over reverse, one Hessian-vector product per column.</summary>
    let hessian (f: Var<Dual<'T>>[] -> Var<Dual<'T>>) (x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        ReverseMode.Hessian(Func<_, _> f, x)

    /// <summary>The same value as a constant: no derivative flows through it.</summary>
    let stopGradient (x: Var<'T>) : Var<'T> = ReverseMode.StopGradient x

    /// <summary>
    /// Runs <c>segment</c> on <c>inputs</c> without keeping its inside on the tape; the reverse sweep recomputes it
    /// (see <c>ReverseMode.Checkpoint</c>).
    /// </summary>
    let checkpoint (segment: Var<'T>[] -> Var<'T>[]) (inputs: Var<'T>[]) : Var<'T>[] =
        Check.notNull (nameof segment) segment
        ReverseMode.Checkpoint(Func<_, _> segment, inputs)

    /// <summary>
    /// Records a custom operation: its value, its operands and its reverse step (a custom VJP), which adds the
    /// output adjoint times each partial into the operands' adjoints (see <c>ReverseMode.Custom</c>).
    /// </summary>
    let custom (value: 'T) (operands: Var<'T>[]) (backward: Adjoints<'T> -> unit) : Var<'T> =
        Check.notNull (nameof backward) backward
        ReverseMode.Custom(value, operands, Backward<'T> backward)

    /// <summary>A custom operation with several outputs; the reverse step reads <c>adjoints.Output k</c>.</summary>
    let customMany (values: 'T[]) (operands: Var<'T>[]) (backward: Adjoints<'T> -> unit) : Var<'T>[] =
        Check.notNull (nameof backward) backward
        ReverseMode.Custom(values, operands, Backward<'T> backward)

/// <summary>Gradient checking for F# (see <c>ReverseMode.CheckGradient</c>).</summary>
[<RequireQualifiedAccess; System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module GradCheck =
    /// <summary>
    /// Checks reverse-mode gradients of f at x against forward mode and against finite differences in 8 random
    /// directions, with tolerance 1e-6.
    /// </summary>
    let check (f: IMultivariateFunction) (x: float[]) : GradientCheckResult = ReverseMode.CheckGradient(f, x)
