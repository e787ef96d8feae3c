namespace Fluxion

open System
open System.Numerics
open System.Threading

/// The backend that creation functions (FromArray, Zeros, constants) use for 'T: the CPU unless a scope chose
/// another (AsyncLocal, so the choice follows the computation onto other threads and ends with its scope).
[<AbstractClass; Sealed>]
type internal DefaultBackend<'T when 'T :> IFloatingPointIeee754<'T>> =
    static let chosen = AsyncLocal<TensorBackend<'T>>()

    /// The current default backend.
    static member Current: TensorBackend<'T> =
        match chosen.Value with
        | null -> CpuBackend<'T>.Instance :> TensorBackend<'T>
        | b -> b

    /// Makes `backend` the default until the returned scope is disposed.
    static member Use(backend: TensorBackend<'T>) : IDisposable =
        let previous = chosen.Value
        chosen.Value <- backend
        { new IDisposable with
            member _.Dispose() = chosen.Value <- previous }

/// Shortcuts to the default backend.
[<AbstractClass; Sealed>]
type internal Devices =
    /// The default backend for 'T.
    static member Default<'T when 'T :> IFloatingPointIeee754<'T>>() : TensorBackend<'T> = DefaultBackend<'T>.Current
