namespace Fluxion

open System
open System.Numerics

/// <summary>
/// F# conveniences over <see cref="T:Fluxion.Tensor"/>'s differentiation methods: plain F# functions and tuples
/// instead of Func delegates and result objects.
/// </summary>
// Hidden from C# IntelliSense (C# callers use the static class Tensor); F# sees it as usual.
[<RequireQualifiedAccess; System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module TensorAD =
    /// <summary>∇f(x) of a function with one output element.</summary>
    let gradient<'T when 'T :> IFloatingPointIeee754<'T>> (f: Tensor<'T> -> Tensor<'T>) (x: Tensor<'T>) : Tensor<'T> =
        Tensor.Gradient(Func<_, _> f, x)

    /// <summary>(f(x), ∇f(x)) of a function with one output element.</summary>
    let valueAndGradient<'T when 'T :> IFloatingPointIeee754<'T>> (f: Tensor<'T> -> Tensor<'T>) (x: Tensor<'T>) : Tensor<'T> * Tensor<'T> =
        let r = Tensor.ValueAndGradient(Func<_, _> f, x)
        r.Value, r.Gradient

    /// <summary>(f(x), uᵀ·J(x)).</summary>
    let vjp<'T when 'T :> IFloatingPointIeee754<'T>> (f: Tensor<'T> -> Tensor<'T>) (x: Tensor<'T>) (u: Tensor<'T>) : Tensor<'T> * Tensor<'T> =
        let r = Tensor.Vjp(Func<_, _> f, x, u)
        r.Value, r.Vjp

    /// <summary>(f(x), J(x)·v) by forward mode.</summary>
    let jvp<'T when 'T :> IFloatingPointIeee754<'T>> (f: Tensor<'T> -> Tensor<'T>) (x: Tensor<'T>) (v: Tensor<'T>) : Tensor<'T> * Tensor<'T> =
        let r = Tensor.Jvp(Func<_, _> f, x, v)
        r.Value, r.Tangent

    /// <summary>∇²f(x)·v by forward over reverse.</summary>
    let hessianVectorProduct<'T when 'T :> IFloatingPointIeee754<'T>> (f: Tensor<'T> -> Tensor<'T>) (x: Tensor<'T>) (v: Tensor<'T>) : Tensor<'T> =
        Tensor.HessianVectorProduct(Func<_, _> f, x, v)

    /// <summary>The gradients of a one-element output with respect to parameters (without recording the sweep).</summary>
    let gradients<'T when 'T :> IFloatingPointIeee754<'T>> (output: Tensor<'T>) (parameters: Tensor<'T>[]) : Tensor<'T>[] =
        Tensor.Gradients(output, parameters)
