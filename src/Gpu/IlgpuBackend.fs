namespace Fluxion.Gpu

open System
open System.Collections.Concurrent
open System.Numerics
open System.Reflection
open System.Runtime.InteropServices
open System.Threading
open ILGPU
open ILGPU.Backends.EntryPoints
open ILGPU.Runtime
open Fluxion
open KernelSizes

/// <summary>
/// One ILGPU accelerator with its context: the device memory of every tensor placed on it, the kernels loaded for
/// it (once each, ILGPU issue 192), and a gate that orders the work of all threads on its one stream.
/// </summary>
[<Sealed; AllowNullLiteral>]
type internal IlgpuRuntime(context: Context, accelerator: Accelerator, name: string) =
    let kernels = ConcurrentDictionary<MethodInfo, Delegate>()
    let gate = obj ()
    let mutable live = 0L
    let mutable disposed = false
    /// Native handles bound to the accelerator (a vendor library's), released before it.
    let attached = ResizeArray<IDisposable>()

    /// The accelerator.
    member _.Accelerator = accelerator
    /// The context (for the PTX compilation tests).
    member _.Context = context
    /// The device's name, for messages.
    member _.Name = name
    /// Serialises launches and copies from several threads.
    member _.Gate = gate
    /// Device buffers allocated and not yet released (nor collected).
    member _.LiveBuffers = Interlocked.Read(&live)
    /// Kernels loaded so far.
    member _.LoadedKernels = kernels.Count
    member internal _.Allocated() = Interlocked.Increment(&live) |> ignore
    member internal _.Released() = Interlocked.Decrement(&live) |> ignore
    /// True once disposed.
    member _.IsDisposed = disposed

    /// Releases a native handle bound to the accelerator (a vendor library's) when the accelerator is disposed.
    member _.Attach(handle: IDisposable) = lock gate (fun () -> attached.Add handle)

    /// Releases an attached handle now.
    member _.Detach(handle: IDisposable) =
        lock gate (fun () ->
            if attached.Remove handle then handle.Dispose())

    /// The launcher of an implicitly grouped kernel (loaded on first use, then cached).
    member _.Launcher<'D when 'D :> Delegate>(kernel: MethodInfo) : 'D =
        kernels.GetOrAdd(kernel, fun (k: MethodInfo) -> accelerator.LoadAutoGroupedKernel(k).CreateLauncherDelegate<'D>() :> Delegate) :?> 'D

    /// The launcher of an explicitly grouped kernel (loaded on first use, then cached).
    member _.GroupedLauncher<'D when 'D :> Delegate>(kernel: MethodInfo) : 'D =
        kernels.GetOrAdd(kernel, fun (k: MethodInfo) -> accelerator.LoadKernel<'D>(k) :> Delegate) :?> 'D

    /// Releases the accelerator and the context; storage on it can no longer be used.
    member _.Dispose() =
        if not disposed then
            disposed <- true
            lock gate (fun () ->
                kernels.Clear()
                for h in attached do
                    h.Dispose()
                attached.Clear()
                accelerator.Dispose()
                context.Dispose())

    interface IDisposable with
        member r.Dispose() = r.Dispose()

/// The kernels' MethodInfos, found once.
[<Sealed>]
type internal KernelMethods private () =
    static let find (name: string) =
        typeof<IlgpuKernels>.GetMethod(name, BindingFlags.Public ||| BindingFlags.NonPublic ||| BindingFlags.Static)
    static let cache = ConcurrentDictionary<struct (string * Type * Type), MethodInfo>()

    /// The kernel `name` instantiated for the given type arguments (rule, element) or (element).
    static member Get(name: string, t: Type) =
        cache.GetOrAdd(struct (name, null, t), fun _ -> (find name).MakeGenericMethod(t))
    static member Get(name: string, r: Type, t: Type) =
        cache.GetOrAdd(struct (name, r, t), fun _ -> (find name).MakeGenericMethod(r, t))

/// <summary>
/// The rule kernels that ILGPU 1.5.3 cannot compile, which the ILGPU backend therefore computes on the host with the
/// CPU backend's kernels (copy to the host, compute, copy back): right, only slower. What is left after the device
/// replacements of <see cref="T:Fluxion.Gpu.DeviceFunctions"/>: the special functions erf, gamma, log-gamma and
/// digamma (their values come from MathNet.Numerics through type tests and delegates; polygamma's argument check
/// throws, "IL instruction of type 'Throw'"), the IEEE remainder (its library body throws), and the float64 paths that
/// reach .NET's bit-twiddling Hypot or TanPi ("Not supported intrinsic type 'BitCast'": hypot, the partials of atan2,
/// asinh′ and tanpi). Determined by compiling every rule kernel to PTX; the PTX test "compiles to PTX unless computed
/// on the host" keeps this list exact in both directions (a kernel listed here must fail to compile, every other must
/// compile for sm_75 and sm_90). A failed compilation leaves an ILGPU context unusable, so the backend never tries one
/// of these on an accelerator.
/// </summary>
[<Sealed>]
type internal HostRules private () =
    static let entries: struct (Type * string * Type)[] =
        [|
          struct (typeof<AsinhRule>, "RuleDerivative", typeof<float>)
          struct (typeof<DigammaRule>, "RuleValue", typeof<float>)
          struct (typeof<DigammaRule>, "RuleValue", typeof<float32>)
          struct (typeof<DigammaRule>, "RuleDerivative", typeof<float>)
          struct (typeof<DigammaRule>, "RuleDerivative", typeof<float32>)
          struct (typeof<DigammaRule>, "RuleSecondDerivative", typeof<float>)
          struct (typeof<DigammaRule>, "RuleSecondDerivative", typeof<float32>)
          struct (typeof<ErfRule>, "RuleValue", typeof<float>)
          struct (typeof<ErfRule>, "RuleValue", typeof<float32>)
          struct (typeof<GammaRule>, "RuleValue", typeof<float>)
          struct (typeof<GammaRule>, "RuleValue", typeof<float32>)
          struct (typeof<GammaRule>, "RuleDerivative", typeof<float>)
          struct (typeof<GammaRule>, "RuleDerivative", typeof<float32>)
          struct (typeof<GammaRule>, "RuleSecondDerivative", typeof<float>)
          struct (typeof<GammaRule>, "RuleSecondDerivative", typeof<float32>)
          struct (typeof<LogGammaRule>, "RuleValue", typeof<float>)
          struct (typeof<LogGammaRule>, "RuleValue", typeof<float32>)
          struct (typeof<LogGammaRule>, "RuleDerivative", typeof<float>)
          struct (typeof<LogGammaRule>, "RuleDerivative", typeof<float32>)
          struct (typeof<LogGammaRule>, "RuleSecondDerivative", typeof<float>)
          struct (typeof<LogGammaRule>, "RuleSecondDerivative", typeof<float32>)
          struct (typeof<TanPiRule>, "RuleValue", typeof<float>)
          struct (typeof<Atan2Rule>, "RulePartial", typeof<float>)
          struct (typeof<Atan2Rule>, "RuleSecondPartial", typeof<float>)
          struct (typeof<HypotRule>, "RuleBinary", typeof<float>)
          struct (typeof<RemainderRule>, "RuleBinary", typeof<float>)
          struct (typeof<RemainderRule>, "RuleBinary", typeof<float32>)
        |]

    /// (rule, kernel, element type) triples computed on the host.
    static member Entries = entries
    /// Whether the kernel for rule r and element type t runs on the host.
    static member Contains(r: Type, kernel: string, t: Type) =
        entries |> Array.exists (fun struct (er, ek, et) -> er = r && ek = kernel && et = t)

/// Device memory of one tensor: a MemoryBuffer1D owned by this storage and disposed by Release (a scope's end).
[<Sealed; AllowNullLiteral>]
type internal IlgpuStorage<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
    (backend: TensorBackend<'T>, runtime: IlgpuRuntime, buffer: MemoryBuffer1D<'T, Stride1D.Dense>, length: int) =
    inherit Storage<'T>(length)
    let mutable buffer = buffer
    let mutable counted = 1

    /// The device view (at least one element long, even for empty storage).
    member _.View : ArrayView<'T> =
        let b = buffer
        if isNull b then
            raise (
                ObjectDisposedException(
                    "Tensor",
                    "This tensor's device storage was handed back when the TensorScope that computed it ended; read it inside the scope, or keep it with scope.Keep(tensor)."
                )
            )
        b.View.BaseView.SubView(0L, int64 (max 1 length))

    override _.Backend = backend

    override _.Release() =
        let b = buffer
        buffer <- null
        if not (isNull b) then
            lock runtime.Gate (fun () -> if not runtime.IsDisposed then b.Dispose())
            if Interlocked.Exchange(&counted, 0) = 1 then runtime.Released()

    /// Storage never released by a scope (constants, parameters) is collected; ILGPU's buffer frees its memory then.
    override _.Finalize() =
        if Interlocked.Exchange(&counted, 0) = 1 then runtime.Released()

/// <summary>
/// The tensor backend on an ILGPU accelerator (CUDA, or ILGPU's CPU accelerator in tests): every primitive is an
/// ILGPU kernel, elementwise rules are kernels generic over the rule structs (the one table), matrix products a
/// tiled shared-memory kernel, or cuBLAS on CUDA once it has agreed with that kernel on a first-use check
/// (<see cref="T:Fluxion.Gpu.GemmSelection"/>). Derivatives of order ≥ 3 through elementwise rules, and the rules of
/// <see cref="T:Fluxion.Gpu.HostRules"/>, are computed on the host with the CPU backend's kernels.
/// </summary>
[<Sealed; AllowNullLiteral>]
type internal IlgpuBackend<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
    (runtime: IlgpuRuntime, name: string) =
    inherit TensorBackend<'T>()
    let accelerator = runtime.Accelerator
    let stream () = accelerator.DefaultStream
    let t = typeof<'T>
    /// The vendor product in use (None: the tiled kernel), chosen at the first product (or by Adopt).
    let mutable vendor: IVendorGemm<'T> option = None
    let mutable gemmDecided = false
    let mutable gemmEngine = "tiled shared-memory kernel"

    /// The runtime (accelerator, kernels, gate).
    member _.Runtime: IlgpuRuntime = runtime

    override _.Name = name

    /// The device view of storage, which must be this backend's.
    member b.V(s: Storage<'T>) : ArrayView<'T> =
        match s with
        | :? IlgpuStorage<'T> as g when Object.ReferenceEquals(g.Backend, b) -> g.View
        | null -> raise (ArgumentNullException "storage")
        | other -> raise (InvalidOperationException($"A tensor on {other.Backend.Name} was given to {name}; move it to this device first (ToDevice)."))

    /// New uninitialised device storage of n elements; registered with the current scope when `scoped`.
    member b.Allocate(n: int, scoped: bool) : IlgpuStorage<'T> =
        if runtime.IsDisposed then raise (ObjectDisposedException(name, $"The device {name} was disposed."))
        let buffer = accelerator.Allocate1D<'T>(int64 (max 1 n))
        runtime.Allocated()
        let s = new IlgpuStorage<'T>(b, runtime, buffer, n)
        if scoped then TensorScope.Register s
        s

    /// Device storage holding host values.
    member b.Upload(values: ReadOnlySpan<'T>, scoped: bool) : IlgpuStorage<'T> =
        let s = b.Allocate(values.Length, scoped)
        if values.Length > 0 then
            let view = s.View.SubView(0L, int64 values.Length)
            ArrayViewExtensions.CopyFromCPU<'T, ArrayView<'T>>(view, stream (), &MemoryMarshal.GetReference values, int64 values.Length)
        s

    /// The elements on the host (a new array).
    member b.Download(s: Storage<'T>) : 'T[] =
        let values = Array.zeroCreate s.Length
        b.CopyToHost(s, Span<'T>(values))
        values

    /// An int view on the device for one launch (shapes, strides, indices); disposed by the caller.
    member _.Ints(values: int[]) : MemoryBuffer1D<int, Stride1D.Dense> =
        let buffer = accelerator.Allocate1D<int>(int64 (max 1 values.Length))
        if values.Length > 0 then
            let view = buffer.View.BaseView.SubView(0L, int64 values.Length)
            ArrayViewExtensions.CopyFromCPU<int, ArrayView<int>>(view, stream (), &values[0], int64 values.Length)
        buffer

    /// [rank; dims; strides of each operand].
    static member Meta(dims: int[], strides: int[][]) =
        Array.concat (Array.append [| [| dims.Length |]; dims |] strides)

    /// Row-major strides of `shape` read as broadcast to `dims` (0 along broadcast axes).
    static member BroadcastStrides(shape: int[], dims: int[]) =
        let r = dims.Length
        let strides = Array.zeroCreate r
        let mutable s = 1
        for d in shape.Length - 1 .. -1 .. 0 do
            let at = r - shape.Length + d
            strides[at] <- (if shape[d] = 1 then 0 else s)
            s <- s * shape[d]
        strides

    member private _.L<'D when 'D :> Delegate>(kernel: string) = runtime.Launcher<'D>(KernelMethods.Get(kernel, t))
    member private _.LR<'D when 'D :> Delegate>(kernel: string, r: Type) = runtime.Launcher<'D>(KernelMethods.Get(kernel, r, t))

    /// Runs f under the device gate.
    member private _.Locked(f: unit -> 'X) : 'X = lock runtime.Gate f

    // ----- host fallback (rules that do not compile for a device, derivatives of order ≥ 3) -------

    member private b.OnHost(compute: unit -> 'T[]) : Storage<'T> =
        let values = compute ()
        let s = b.Locked(fun () -> b.Upload(ReadOnlySpan<'T>(values), true))
        CpuPool<'T>.Return values
        s :> Storage<'T>

    // ----- transfer and creation ------------------------------------------------------------------

    override b.FromHost(values) = b.Locked(fun () -> b.Upload(ReadOnlySpan<'T>(values), false) :> Storage<'T>)

    override b.CopyToHost(source, destination) =
        // Spans cannot enter a closure: the gate is taken by hand.
        Monitor.Enter runtime.Gate
        try
            let v = (b.V source).SubView(0L, int64 source.Length)
            if source.Length > 0 then
                ArrayViewExtensions.CopyToCPU<'T, ArrayView<'T>>(v, stream (), &MemoryMarshal.GetReference destination, int64 source.Length)
            stream().Synchronize()
        finally
            Monitor.Exit runtime.Gate

    override b.CopyFromHostInPlace(source, destination) =
        if source.Length <> destination.Length then raise (ArgumentException("The source and destination lengths differ.", nameof source))
        Monitor.Enter runtime.Gate
        try
            let v = (b.V destination).SubView(0L, int64 source.Length)
            if source.Length > 0 then
                ArrayViewExtensions.CopyFromCPU<'T, ArrayView<'T>>(v, stream (), &MemoryMarshal.GetReference source, int64 source.Length)
            stream().Synchronize()
        finally
            Monitor.Exit runtime.Gate

    override b.Get(source, index) =
        if index < 0 || index >= source.Length then raise (ArgumentOutOfRangeException(nameof index))
        let one = Array.zeroCreate<'T> 1
        b.Locked(fun () ->
            let v = (b.V source).SubView(int64 index, 1L)
            ArrayViewExtensions.CopyToCPU<'T, ArrayView<'T>>(v, stream (), &one[0], 1L)
            stream().Synchronize())
        one[0]

    member private b.FillInto(s: IlgpuStorage<'T>, count: int, value: 'T) =
        if count > 0 then
            b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, 'T>>("Fill").Invoke(stream (), Index1D count, s.View, value)

    override b.Fill(count, value) =
        b.Locked(fun () ->
            let s = b.Allocate(count, false)
            b.FillInto(s, count, value)
            s :> Storage<'T>)

    override b.Copy(source) =
        b.Locked(fun () ->
            let s = b.Allocate(source.Length, false)
            if source.Length > 0 then
                let dst = s.View.SubView(0L, int64 source.Length)
                (b.V source).SubView(0L, int64 source.Length).CopyTo(stream (), &dst)
            s :> Storage<'T>)

    // ----- elementwise ------------------------------------------------------------------------------

    override b.Map<'R when 'R :> IUnaryRule and 'R: struct>(x) =
        if HostRules.Contains(typeof<'R>, "RuleValue", t) then b.OnHost(fun () -> Kernels.RuleValue<'R, 'T>(b.Download x))
        else
            b.Locked(fun () ->
                let y = b.Allocate(x.Length, true)
                if x.Length > 0 then
                    b.LR<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>>>("RuleValue", typeof<'R>)
                        .Invoke(stream (), Index1D x.Length, b.V x, y.View)
                y :> Storage<'T>)

    override b.MapDerivative<'R when 'R :> IUnaryRule and 'R: struct>(x, lower, order) =
        if order >= 3 || HostRules.Contains(typeof<'R>, (if order = 1 then "RuleDerivative" else "RuleSecondDerivative"), t) then
            b.OnHost(fun () -> HigherOrder.Derivative<'R, 'T>(b.Download x, lower |> Array.map b.Download, order))
        else
            b.Locked(fun () ->
                let y = b.Allocate(x.Length, true)
                if x.Length > 0 then
                    if order = 1 then
                        b.LR<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>>>("RuleDerivative", typeof<'R>)
                            .Invoke(stream (), Index1D x.Length, b.V x, b.V lower[0], y.View)
                    else
                        b.LR<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>>>("RuleSecondDerivative", typeof<'R>)
                            .Invoke(stream (), Index1D x.Length, b.V x, b.V lower[0], b.V lower[1], y.View)
                y :> Storage<'T>)

    override b.Combine(op, a, aShape, bs, bShape, outShape, scale) =
        let opCode =
            match op with
            | ElementwiseOp.Add -> 0
            | ElementwiseOp.Subtract -> 1
            | ElementwiseOp.Multiply -> 2
            | ElementwiseOp.Chain -> 3
            | _ -> raise (ArgumentOutOfRangeException(nameof op))
        let n = Shapes.size outShape
        b.Locked(fun () ->
            let y = b.Allocate(n, true)
            if n > 0 then
                use meta = b.Ints(IlgpuBackend<'T>.Meta(outShape, [| IlgpuBackend<'T>.BroadcastStrides(aShape, outShape); IlgpuBackend<'T>.BroadcastStrides(bShape, outShape) |]))
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>, int, 'T>>("Combine")
                    .Invoke(stream (), Index1D n, b.V a, b.V bs, y.View, meta.View.BaseView, opCode, scale)
                stream().Synchronize()
            y :> Storage<'T>)

    override b.Negate(x) =
        b.Locked(fun () ->
            let y = b.Allocate(x.Length, true)
            if x.Length > 0 then
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>>>("Negate").Invoke(stream (), Index1D x.Length, b.V x, y.View)
            y :> Storage<'T>)

    override b.MapBinary<'R when 'R :> IBinaryRule and 'R: struct>(a, aShape, bs, bShape, outShape) =
        if HostRules.Contains(typeof<'R>, "RuleBinary", t) then
            b.OnHost(fun () -> Kernels.Binary<RuleOp<'R, 'T>, 'T>(b.Download a, aShape, b.Download bs, bShape, outShape))
        else
            let n = Shapes.size outShape
            b.Locked(fun () ->
                let y = b.Allocate(n, true)
                if n > 0 then
                    use meta = b.Ints(IlgpuBackend<'T>.Meta(outShape, [| IlgpuBackend<'T>.BroadcastStrides(aShape, outShape); IlgpuBackend<'T>.BroadcastStrides(bShape, outShape) |]))
                    b.LR<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>>("RuleBinary", typeof<'R>)
                        .Invoke(stream (), Index1D n, b.V a, b.V bs, y.View, meta.View)
                    stream().Synchronize()
                y :> Storage<'T>)

    override b.MapPartial<'R when 'R :> IBinaryRule and 'R: struct>(a, aShape, bs, bShape, outShape, z, i, j) =
        if i + j >= 3 || HostRules.Contains(typeof<'R>, (if i + j = 1 then "RulePartial" else "RuleSecondPartial"), t) then
            b.OnHost(fun () -> HigherOrder.Partial<'R, 'T>(b.Download a, aShape, b.Download bs, bShape, outShape, b.Download z, i, j))
        else
            let n = Shapes.size outShape
            let kernel, pick = if i + j = 1 then "RulePartial", (if i = 1 then 0 else 1) else "RuleSecondPartial", (if i = 2 then 0 elif i = 1 then 1 else 2)
            b.Locked(fun () ->
                let y = b.Allocate(n, true)
                if n > 0 then
                    use meta = b.Ints(IlgpuBackend<'T>.Meta(outShape, [| IlgpuBackend<'T>.BroadcastStrides(aShape, outShape); IlgpuBackend<'T>.BroadcastStrides(bShape, outShape) |]))
                    b.LR<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>, int>>(kernel, typeof<'R>)
                        .Invoke(stream (), Index1D n, b.V a, b.V bs, b.V z, y.View, meta.View.BaseView, pick)
                    stream().Synchronize()
                y :> Storage<'T>)

    // ----- reductions -------------------------------------------------------------------------------

    override b.Sum(x, shape, axes) =
        b.Locked(fun () ->
            let mutable cur = b.V x
            let mutable owned: IlgpuStorage<'T> = null
            for struct (outer, n, inner) in Shapes.sumGroups shape axes do
                let y = b.Allocate(outer * inner, false)
                if outer * inner > 0 then
                    if n = 0 then b.FillInto(y, outer * inner, 'T.Zero)
                    else
                        b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, int, int>>("SumMiddle")
                            .Invoke(stream (), Index1D(outer * inner), cur, y.View, n, inner)
                if not (isNull owned) then owned.Release()
                owned <- y
                cur <- y.View
            let result =
                if isNull owned then
                    let s = b.Allocate(x.Length, false)
                    if x.Length > 0 then
                        let dst = s.View.SubView(0L, int64 x.Length)
                        (b.V x).SubView(0L, int64 x.Length).CopyTo(stream (), &dst)
                    s
                else owned
            TensorScope.Register result
            result :> Storage<'T>)

    override b.Extreme(x, outer, n, inner, isMax) =
        b.Locked(fun () ->
            let values = b.Allocate(outer * inner, true)
            let weights = b.Allocate(x.Length, true)
            if outer * inner > 0 && n > 0 then
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, int, int, int>>("Extreme")
                    .Invoke(stream (), Index1D(outer * inner), b.V x, values.View, weights.View, n, inner, (if isMax then 1 else 0))
            struct (values :> Storage<'T>, weights :> Storage<'T>))

    // ----- movement ---------------------------------------------------------------------------------

    override b.Strided(x, offset, strides, outShape) =
        let n = Shapes.size outShape
        b.Locked(fun () ->
            let y = b.Allocate(n, true)
            if n > 0 then
                use meta = b.Ints(IlgpuBackend<'T>.Meta(outShape, [| strides |]))
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<int>, int>>("Strided")
                    .Invoke(stream (), Index1D n, b.V x, y.View, meta.View.BaseView, offset)
                stream().Synchronize()
            y :> Storage<'T>)

    override b.Assemble(count, pieces) =
        b.Locked(fun () ->
            let y = b.Allocate(count, true)
            if count > 0 then
                b.FillInto(y, count, 'T.Zero)
                for p in pieces do
                    if p.Source.Length > 0 then
                        use meta = b.Ints(IlgpuBackend<'T>.Meta(p.Shape, [| p.Strides |]))
                        b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<int>, int>>("StridedAdd")
                            .Invoke(stream (), Index1D p.Source.Length, b.V p.Source, y.View, meta.View.BaseView, p.Offset)
                        stream().Synchronize()
            y :> Storage<'T>)

    override b.Gather(x, outer, n, inner, indices, k) =
        let count = outer * k * inner
        b.Locked(fun () ->
            let y = b.Allocate(count, true)
            if count > 0 then
                use idx = b.Ints indices
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<int>, ArrayView<'T>, int, int, int>>("Gather")
                    .Invoke(stream (), Index1D count, b.V x, idx.View.BaseView, y.View, n, k, inner)
                stream().Synchronize()
            y :> Storage<'T>)

    override b.ScatterAdd(g, outer, k, inner, indices, n) =
        let count = outer * n * inner
        b.Locked(fun () ->
            let y = b.Allocate(count, true)
            if count > 0 then
                b.FillInto(y, count, 'T.Zero)
                if outer * inner > 0 && k > 0 then
                    use idx = b.Ints indices
                    b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<int>, ArrayView<'T>, int, int, int>>("ScatterAdd")
                        .Invoke(stream (), Index1D(outer * inner), b.V g, idx.View.BaseView, y.View, n, k, inner)
                    stream().Synchronize()
            y :> Storage<'T>)

    // ----- products ---------------------------------------------------------------------------------

    /// The tiled kernel's batch of products into y (the reference any vendor product is checked against).
    member private _.Tiled(transA, transB, batch, m, n, k, a: ArrayView<'T>, bs: ArrayView<'T>, y: ArrayView<'T>) =
        // op(A) is m × k: A stored m × k (row stride k) or, transposed, k × m (element (r, p) at p·m + r).
        let aRow, aCol = if transA then 1, m else k, 1
        let bRow, bCol = if transB then 1, k else n, 1
        let grid = Index3D((n + Tile - 1) / Tile, (m + Tile - 1) / Tile, batch)
        let group = Index3D(Tile, Tile, 1)
        runtime
            .GroupedLauncher<Action<AcceleratorStream, KernelConfig, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, int, int, int, int, int, int, int, int, int>>(
                KernelMethods.Get("MatMul", t)
            )
            .Invoke(stream (), KernelConfig(grid, group), a, bs, y, m, n, k, aRow, aCol, m * k, bRow, bCol, k * n)

    /// What a candidate vendor product disagrees on against the tiled kernel (every transposition pair, batched
    /// sizes that are multiples of no tile), or None when it agrees within rounding.
    member private b.Disagreement(candidate: IVendorGemm<'T>) : string option =
        let struct (batch, m, n, k) = GemmSelection.checkSizes
        let upload (values: float[]) =
            let buffer = accelerator.Allocate1D<'T>(int64 values.Length)
            let converted = Array.map 'T.CreateTruncating values
            ArrayViewExtensions.CopyFromCPU<'T, ArrayView<'T>>(buffer.View.BaseView, stream (), &converted[0], int64 converted.Length)
            buffer
        let download (buffer: MemoryBuffer1D<'T, Stride1D.Dense>) =
            let values = Array.zeroCreate<'T> (int buffer.Length)
            ArrayViewExtensions.CopyToCPU<'T, ArrayView<'T>>(buffer.View.BaseView, stream (), &values[0], int64 values.Length)
            stream().Synchronize()
            Array.map (fun (v: 'T) -> Double.CreateTruncating v) values
        use a = upload (GemmSelection.checkValues (batch * m * k) 0.1)
        use bs = upload (GemmSelection.checkValues (batch * k * n) 1.3)
        use fromTiled = accelerator.Allocate1D<'T>(int64 (batch * m * n))
        use fromVendor = accelerator.Allocate1D<'T>(int64 (batch * m * n))
        [ for transA in [ false; true ] do
              for transB in [ false; true ] -> transA, transB ]
        |> List.tryPick (fun (transA, transB) ->
            b.Tiled(transA, transB, batch, m, n, k, a.View.BaseView, bs.View.BaseView, fromTiled.View.BaseView)
            candidate.Gemm(transA, transB, batch, m, n, k, a.View.BaseView, bs.View.BaseView, fromVendor.View.BaseView)
            let what = $"{candidate.Name} (transA {transA}, transB {transB}, batch {batch}, {m}×{n}×{k})"
            GemmSelection.compare what k (GemmSelection.tolerance<'T> ()) (download fromVendor) (download fromTiled))

    /// Checks a vendor product against the tiled kernel and uses it for every later product when it agrees; one that
    /// fails to load, throws or disagrees is disposed and the tiled kernel stays, with the reason in GemmEngine.
    /// Returns whether the candidate was adopted.
    member internal b.Adopt(candidate: unit -> IVendorGemm<'T>) : bool =
        b.Locked(fun () ->
            gemmDecided <- true
            vendor |> Option.iter (fun v -> runtime.Detach v)
            vendor <- None
            let mutable loaded = None
            let reason =
                try
                    let v = candidate ()
                    loaded <- Some v
                    b.Disagreement v |> Option.map (fun d -> $"disagreed with the tiled kernel: {d}")
                with e -> Some $"{e.GetType().Name}: {e.Message}"
            match reason, loaded with
            | None, Some v ->
                runtime.Attach v
                vendor <- Some v
                gemmEngine <- $"{v.Name} (agreed with the tiled kernel on its first-use check)"
                true
            | _ ->
                loaded |> Option.iter (fun v -> v.Dispose())
                let why = defaultArg reason "no product was created"
                gemmEngine <- $"tiled shared-memory kernel (the vendor product was not used: {why})"
                false)

    /// Decides, once, what computes matrix products: cuBLAS on CUDA when it passes its check, the tiled kernel otherwise.
    member private b.DecideGemm() =
        if not gemmDecided then
            b.Locked(fun () ->
                if not gemmDecided then
                    match accelerator with
                    | :? ILGPU.Runtime.Cuda.CudaAccelerator as cuda -> b.Adopt(fun () -> new CuBlasGemm<'T>(cuda) :> IVendorGemm<'T>) |> ignore
                    | _ -> gemmDecided <- true)

    /// What computes this backend's matrix products, and why (decided at the first product).
    member b.GemmEngine : string =
        b.DecideGemm()
        gemmEngine

    override b.MatMul(transA, transB, batch, m, n, k, a, bs) =
        let count = batch * m * n
        b.DecideGemm()
        b.Locked(fun () ->
            let y = b.Allocate(count, true)
            if count > 0 then
                if k = 0 then b.FillInto(y, count, 'T.Zero)
                else
                    match vendor with
                    | Some v -> v.Gemm(transA, transB, batch, m, n, k, b.V a, b.V bs, y.View)
                    | None -> b.Tiled(transA, transB, batch, m, n, k, b.V a, b.V bs, y.View)
            y :> Storage<'T>)

    // ----- in place ---------------------------------------------------------------------------------

    override b.AddInPlace(target, source) =
        b.Locked(fun () ->
            if target.Length > 0 then
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>>>("AddInPlace").Invoke(stream (), Index1D target.Length, b.V target, b.V source))

    override b.SgdStepInPlace(p, g, velocity, learningRate, momentum, weightDecay) =
        b.Locked(fun () ->
            if p.Length > 0 then
                if not ('T.IsZero momentum) then
                    b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, 'T, 'T, 'T>>("SgdMomentum")
                        .Invoke(stream (), Index1D p.Length, b.V p, b.V g, b.V velocity, learningRate, momentum, weightDecay)
                else
                    b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, 'T, 'T>>("Sgd")
                        .Invoke(stream (), Index1D p.Length, b.V p, b.V g, learningRate, weightDecay))

    override b.AdamStepInPlace(p, g, m, v, beta1, beta2, rootCorrection, minusStep, epsilon) =
        b.Locked(fun () ->
            if p.Length > 0 then
                b.L<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, 'T, 'T, 'T, 'T, 'T>>("Adam")
                    .Invoke(stream (), Index1D p.Length, b.V p, b.V g, b.V m, b.V v, beta1, beta2, rootCorrection, minusStep, epsilon))
