namespace Fluxion

open System
open System.Collections.Generic
open System.Threading

/// <summary>
/// A scope that owns the storage of every tensor computed while it is active and hands that memory back when it is
/// disposed, so that a training loop reuses one step's buffers in the next instead of allocating (and collecting)
/// them again. Create one per step with <c>Tensor.Scope()</c> in a <c>using</c>/<c>use</c>.
/// </summary>
/// <remarks>
/// <para><b>Ownership rules.</b> (1) A tensor computed by an operation while a scope is active belongs to the innermost
/// active scope of that flow of control (work handed to other threads with Task.Run or Parallel.For included). (2)
/// Tensors created from host data (FromArray, Zeros, constants), parameters made from them, and optimiser state are
/// never owned by a scope. (3) When the scope is disposed, the storage it owns is returned to its device: reading
/// such a tensor afterwards, or computing with it, throws <see cref="T:System.ObjectDisposedException"/> (never a
/// stale value). (4) <see cref="M:Fluxion.TensorScope.Keep``1(``0)"/> moves a tensor (with its
/// tangents) to the enclosing scope, or out of scope ownership altogether, so that it outlives this scope. (5)
/// Scopes nest and are disposed innermost first. (6) An optimiser step updates parameters in place and so can run
/// inside the scope that computed the gradients. Device backends follow the same rules with device memory.</para>
/// </remarks>
/// <summary>Something that holds device storage a <see cref="T:Fluxion.TensorScope"/> may own: a tensor (with its tangents).</summary>
[<AllowNullLiteral>]
type IHoldsStorage =
    /// <summary>Every storage block held.</summary>
    abstract Storages: unit -> IReleasable seq

[<Sealed; AllowNullLiteral>]
type TensorScope internal () as this =
    static let current = AsyncLocal<TensorScope>()
    let parent = current.Value
    let owned = HashSet<IReleasable>(HashIdentity.Reference)
    let mutable disposed = false
    do current.Value <- this

    /// The innermost active scope of this flow of control, or null.
    static member internal Current = current.Value

    /// Records storage made by a backend primitive as owned by the current scope (if any).
    static member internal Register(storage: IReleasable) =
        let s = current.Value
        if not (isNull s) then s.Own storage

    member internal _.Own(storage: IReleasable) = lock owned (fun () -> owned.Add storage |> ignore)

    /// Takes the storage away from this scope (to the parent, or to no scope); true if this scope owned it.
    member internal _.Disown(storage: IReleasable) =
        let removed = lock owned (fun () -> owned.Remove storage)
        if removed && not (isNull parent) then parent.Own storage
        removed

    /// <summary>The number of storage blocks this scope owns now.</summary>
    member _.OwnedCount = lock owned (fun () -> owned.Count)

    /// <summary>
    /// Lets a tensor computed in this scope outlive it: its storage (and its tangents') moves to the enclosing
    /// scope, or, at the outermost scope, to the garbage collector. Returns the tensor, for chaining.
    /// </summary>
    /// <exception cref="T:System.ObjectDisposedException">The scope has ended.</exception>
    member _.Keep<'X when 'X :> IHoldsStorage and 'X: null>(tensor: 'X) : 'X =
        if disposed then raise (ObjectDisposedException(nameof TensorScope, "This scope has ended: its tensors can no longer be kept."))
        if isNull tensor then raise (ArgumentNullException(nameof tensor))
        for s in tensor.Storages() do
            this.Disown s |> ignore
        tensor

    /// <summary>Ends the scope: every storage it still owns goes back to its device.</summary>
    /// <exception cref="T:System.InvalidOperationException">A scope started inside this one is still active.</exception>
    member _.Dispose() =
        if not disposed then
            if not (Object.ReferenceEquals(current.Value, this)) then
                raise (InvalidOperationException "A TensorScope started inside this one is still active: dispose scopes innermost first.")
            disposed <- true
            current.Value <- parent
            let blocks = lock owned (fun () -> let a = Seq.toArray owned in owned.Clear(); a)
            for b in blocks do
                b.Release()

    interface IDisposable with
        member s.Dispose() = s.Dispose()
