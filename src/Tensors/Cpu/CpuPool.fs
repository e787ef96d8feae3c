namespace Fluxion

open System
open System.Collections.Generic

/// <summary>
/// Arrays handed back by ended tensor scopes, by exact length (a training loop asks for the same sizes every
/// step), for the CPU kernels to reuse. Small arrays are not worth keeping; the pool keeps at most a sixteenth of
/// the memory the process may use (at least 512 MB) per element type and lets the garbage collector have the rest.
/// (A physics-informed step of a 2-20×8-1 network at 10,000 points in float64 ends with about 860 MB of
/// intermediates; under a fixed 512 MB a third of them were allocated afresh every step.)
/// </summary>
[<AbstractClass; Sealed>]
type internal CpuPool<'T> =
    static let buckets = Dictionary<int, Stack<'T[]>>()
    static let mutable retained = 0L
    static let limit =
        let bytes = max (512L <<< 20) (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16L)
        bytes / int64 (max 1 (Runtime.CompilerServices.Unsafe.SizeOf<'T>()))

    /// Arrays shorter than this are allocated and dropped as usual.
    static member MinLength = 1024

    /// An array of length n with unspecified contents.
    static member Rent(n: int) : 'T[] =
        if n < CpuPool<'T>.MinLength then GC.AllocateUninitializedArray n
        else
            let reused =
                lock buckets (fun () ->
                    match buckets.TryGetValue n with
                    | true, stack when stack.Count > 0 ->
                        retained <- retained - int64 n
                        stack.Pop()
                    | _ -> null)
            if isNull reused then GC.AllocateUninitializedArray n else reused

    /// An array of length n filled with zeros.
    static member RentZeroed(n: int) : 'T[] =
        if n < CpuPool<'T>.MinLength then Array.zeroCreate n
        else
            let a = CpuPool<'T>.Rent n
            Array.Clear a
            a

    /// Takes an array back (nothing may use it any more).
    static member Return(a: 'T[]) =
        if a.Length >= CpuPool<'T>.MinLength then
            lock buckets (fun () ->
                if retained + int64 a.Length <= limit then
                    match buckets.TryGetValue a.Length with
                    | true, stack -> stack.Push a
                    | _ ->
                        let stack = Stack<'T[]>()
                        stack.Push a
                        buckets[a.Length] <- stack
                    retained <- retained + int64 a.Length)

    /// The number of elements kept for reuse (for tests).
    static member Retained = lock buckets (fun () -> retained)
