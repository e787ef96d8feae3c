namespace Fluxion

open System
open System.Numerics
open System.Reflection
open System.Runtime.ExceptionServices
open System.Threading.Tasks
open ILGPU
open ILGPU.Runtime
open Fluxion.Gpu

/// <summary>
/// Batched derivatives of a user function (Fluxion's <c>vmap</c>): the values, Jacobian-vector products, second
/// directional derivatives, per-sample Jacobians and vector-Jacobian products of an
/// <see cref="T:Fluxion.IPointFunction"/> <c>F</c> at N points in one call, exact to rounding (forward mode on
/// <see cref="T:Fluxion.Dual`1"/> and <see cref="T:Fluxion.HyperDual`1"/>, whose every derivative comes from the rule
/// table).
/// </summary>
/// <remarks>
/// <para>Points are flat row-major arrays of float64 or float32: N × n coordinates (point p's coordinate i at
/// p·n + i), directions the same shape, outputs N × m. On <see cref="P:Fluxion.Device.Cpu"/> (the default) the points
/// are split into chunks evaluated in parallel on the thread pool, with the function specialised by the JIT for each
/// number type; on an ILGPU device (<see cref="M:Fluxion.Device.Cuda(System.Int32)"/>, or
/// <see cref="P:Fluxion.Device.IlgpuCpu"/> for tests) one kernel thread evaluates one point. Jacobians and VJPs take
/// n forward passes per point (one per input direction); a VJP uᵀJ is formed from those columns, which suits the
/// small n of per-point functions.</para>
/// <para>Bad input throws before anything runs, naming the argument: a null array, a length that is not a multiple of
/// n (or m), a batch size that differs between arrays, a direction or weight that is NaN or infinite. Coordinates may
/// be anything, NaN included (the derivatives are then NaN). A function that reads or writes outside its point throws
/// <see cref="T:System.InvalidOperationException"/> naming the function.</para>
/// </remarks>
[<AbstractClass; Sealed>]
type Batched<'F when 'F :> IPointFunction and 'F: struct> =

    static member private Name = typeof<'F>.Name

    /// n and m, checked.
    static member private Dimensions() =
        let n = 'F.Inputs
        let m = 'F.Outputs
        if n < 1 then raise (ArgumentException($"{Batched<'F>.Name}.Inputs is {n}; a point function has at least one input.", "F"))
        if m < 1 then raise (ArgumentException($"{Batched<'F>.Name}.Outputs is {m}; a point function has at least one output.", "F"))
        struct (n, m)

    static member private ElementType<'T>() =
        if Type.op_Inequality(typeof<'T>, typeof<float>) && Type.op_Inequality(typeof<'T>, typeof<float32>) then
            raise (NotSupportedException($"Batched<{Batched<'F>.Name}> computes in Double (float64) or Single (float32), not {typeof<'T>.Name}."))

    /// N, the number of points, after checking that `x` holds whole points of `width` coordinates.
    static member private Count<'T>(x: 'T[], width: int, name: string, what: string) =
        if isNull x then raise (ArgumentNullException(name))
        if x.Length % width <> 0 then
            raise (
                ArgumentException(
                    $"{name} has {x.Length} elements, which is not a multiple of {what} = {width} ({name} is row-major, one row of {width} per point).",
                    name
                )
            )
        x.Length / width

    /// `x` (a direction or weight array) has `count` rows of `width` and only finite entries.
    static member private Seeds<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], count: int, width: int, name: string, what: string, pointsName: string) =
        let c = Batched<'F>.Count(x, width, name, what)
        if c <> count then
            raise (ArgumentException($"{name} has {c} rows of {width} but {pointsName} has {count} points: one row per point.", name))
        for i in 0 .. x.Length - 1 do
            if not ('T.IsFinite x[i]) then
                raise (ArgumentException($"{name} has {x[i]} at index {i} (point {i / width}): a seed must be finite.", name))

    static member private Output<'T>(count: int, width: int, name: string) : 'T[] =
        let total = int64 count * int64 width
        if total > int64 Array.MaxLength then
            raise (ArgumentException($"The result would have {total} elements, more than an array holds; pass fewer points per call.", name))
        Array.zeroCreate (int total)

    static member private CheckDevice(device: Fluxion.Device) =
        if isNull device then raise (ArgumentNullException(nameof device))
        if not (isNull device.Runtime) && device.Runtime.IsDisposed then
            raise (ObjectDisposedException(device.Name, $"The device {device.Name} was disposed."))

    /// Runs body over chunks of the points in parallel; a user exception comes out as itself, an index error
    /// with the function's name.
    static member private OnCpu(count: int, body: Action<int, int>) =
        let chunk = max 512 (count / (8 * Environment.ProcessorCount))
        let chunks = (count + chunk - 1) / chunk
        try
            if chunks <= 1 then body.Invoke(0, count)
            else Parallel.For(0, chunks, fun c -> body.Invoke(c * chunk, min count ((c + 1) * chunk))) |> ignore
        with
        | :? AggregateException as e when e.InnerExceptions.Count >= 1 ->
            match e.InnerExceptions[0] with
            | :? PointIndexException as inner -> raise (InvalidOperationException($"{Batched<'F>.Name}.{inner.Message}", inner))
            | inner -> ExceptionDispatchInfo.Capture(inner).Throw()
        | :? PointIndexException as inner -> raise (InvalidOperationException($"{Batched<'F>.Name}.{inner.Message}", inner))

    /// The launcher of kernel `name` for F and 'T on the device (loaded once, then cached by the runtime).
    static member private Launcher<'D, 'T when 'D :> Delegate>(runtime: IlgpuRuntime, name: string, generic: bool) : 'D =
        KernelIntrinsics.Ensure()
        let kernel = typeof<BatchedKernels>.GetMethod(name, BindingFlags.Public ||| BindingFlags.NonPublic ||| BindingFlags.Static)
        let kernel = if generic then kernel.MakeGenericMethod(typeof<'F>, typeof<'T>) else kernel.MakeGenericMethod(typeof<'T>)
        // Loaded under the device's gate, as the tensor backend loads its kernels: never beside a launch.
        try lock runtime.Gate (fun () -> runtime.Launcher<'D>(kernel))
        with e ->
            raise (
                NotSupportedException(
                    $"{Batched<'F>.Name}.Evaluate could not be compiled for {runtime.Name} ({name} kernel): {e.Message}. Kernel code cannot use arrays, objects, exceptions or delegates, nor T.CreateChecked/CreateTruncating (their .NET bodies test types at run time); Device.Cpu has no such limits.",
                    e
                )
            )

    /// Uploads the inputs, runs `launch` with the device views, downloads the outputs and checks the error flag.
    static member private OnDevice<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (runtime: IlgpuRuntime, inputs: 'T[][], outputs: 'T[][], launch: Action<AcceleratorStream, ArrayView<'T>[], ArrayView<'T>[], ArrayView<int>>) =
        let accelerator = runtime.Accelerator
        lock runtime.Gate (fun () ->
            let stream = accelerator.DefaultStream
            let ins = inputs |> Array.map (fun a -> ArrayViewExtensions.Allocate1D<'T>(accelerator, stream, a))
            let outs = outputs |> Array.map (fun a -> accelerator.Allocate1D<'T>(int64 a.Length))
            use error = accelerator.Allocate1D<int>(1L)
            try
                error.MemSetToZero(stream)
                for o in outs do o.MemSetToZero(stream)
                launch.Invoke(
                    stream,
                    ins |> Array.map (fun b -> b.View.BaseView),
                    outs |> Array.map (fun b -> b.View.BaseView),
                    error.View.BaseView
                )
                stream.Synchronize()
                let flag = ArrayViewExtensions.GetAsArray1D<int>(error.View, stream)[0]
                if flag = 1 then
                    raise (InvalidOperationException($"{Batched<'F>.Name}.Evaluate read x[i] outside a point's Inputs = {'F.Inputs} coordinates on {runtime.Name}."))
                if flag = 2 then
                    raise (InvalidOperationException($"{Batched<'F>.Name}.Evaluate assigned y[k] outside a point's Outputs = {'F.Outputs} values on {runtime.Name}."))
                for i in 0 .. outs.Length - 1 do
                    ArrayViewExtensions.CopyToCPU<'T>(outs[i].View.BaseView, stream, outputs[i])
                stream.Synchronize()
            finally
                for b in ins do b.Dispose()
                for b in outs do b.Dispose())

    // ----- values ------------------------------------------------------------------------------

    /// <summary>f(xₚ) for every point, on the CPU.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <returns>N × m values, row-major.</returns>
    /// <exception cref="T:System.ArgumentException">points is null or its length is not a multiple of n.</exception>
    static member Values<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[]) : 'T[] =
        Batched<'F>.Values(points, Fluxion.Device.Cpu)

    /// <summary>f(xₚ) for every point, on the given device.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="device">Where to compute: <see cref="P:Fluxion.Device.Cpu"/> or an ILGPU device.</param>
    /// <returns>N × m values, row-major.</returns>
    /// <exception cref="T:System.ArgumentException">points is null or its length is not a multiple of n.</exception>
    static member Values<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], device: Fluxion.Device) : 'T[] =
        Batched<'F>.ElementType<'T>()
        let struct (n, m) = Batched<'F>.Dimensions()
        let count = Batched<'F>.Count(points, n, nameof points, "Inputs")
        Batched<'F>.CheckDevice device
        let values = Batched<'F>.Output<'T>(count, m, nameof points)
        if count > 0 then
            if isNull device.Runtime then
                Batched<'F>.OnCpu(count, fun start stop -> HostBatch.Values<'F, 'T>(points, values, start, stop))
            else
                let launcher =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>, 'T>(device.Runtime, "Values", true)
                Batched<'F>.OnDevice(device.Runtime, [| points |], [| values |], fun s i o e -> launcher.Invoke(s, Index1D count, i[0], o[0], e))
        values

    // ----- JVP -----------------------------------------------------------------------------------

    /// <summary>f(xₚ) and J(xₚ)·vₚ for every point (one pass on <see cref="T:Fluxion.Dual`1"/> per point), on the CPU.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="directions">N × n directions vₚ, row-major, finite.</param>
    /// <returns>The values and the directional derivatives, N × m each.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, has a length that is not a multiple of n, the
    /// two batch sizes differ, or a direction is not finite.</exception>
    static member Jvp<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], directions: 'T[]) : BatchedJvp<'T> =
        Batched<'F>.Jvp(points, directions, Fluxion.Device.Cpu)

    /// <summary>f(xₚ) and J(xₚ)·vₚ for every point, on the given device.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="directions">N × n directions vₚ, row-major, finite.</param>
    /// <param name="device">Where to compute: <see cref="P:Fluxion.Device.Cpu"/> or an ILGPU device.</param>
    /// <returns>The values and the directional derivatives, N × m each.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, has a length that is not a multiple of n, the
    /// two batch sizes differ, or a direction is not finite.</exception>
    static member Jvp<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], directions: 'T[], device: Fluxion.Device) : BatchedJvp<'T> =
        Batched<'F>.ElementType<'T>()
        let struct (n, m) = Batched<'F>.Dimensions()
        let count = Batched<'F>.Count(points, n, nameof points, "Inputs")
        Batched<'F>.Seeds(directions, count, n, nameof directions, "Inputs", nameof points)
        Batched<'F>.CheckDevice device
        let values = Batched<'F>.Output<'T>(count, m, nameof points)
        let tangents = Batched<'F>.Output<'T>(count, m, nameof points)
        if count > 0 then
            if isNull device.Runtime then
                Batched<'F>.OnCpu(count, fun start stop -> HostBatch.Jvp<'F, 'T>(points, directions, values, tangents, start, stop))
            else
                let launcher =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>, 'T>(
                        device.Runtime, "Jvp", true)
                Batched<'F>.OnDevice(device.Runtime, [| points; directions |], [| values; tangents |], fun s i o e ->
                    launcher.Invoke(s, Index1D count, i[0], i[1], o[0], o[1], e))
        BatchedJvp<'T>(count, m, values, tangents)

    // ----- second derivative ---------------------------------------------------------------------

    /// <summary>
    /// f(xₚ), ∇fₖ(xₚ)·vₚ and vₚᵀ·∇²fₖ(xₚ)·vₚ for every point and output: the first and second derivatives of
    /// t ↦ f(xₚ + t·vₚ) at 0, in one pass on <see cref="T:Fluxion.HyperDual`1"/> seeded with vₚ in both ε parts; on
    /// the CPU. With a unit vector vₚ = eᵢ the second part is ∂²fₖ/∂xᵢ².
    /// </summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="directions">N × n directions vₚ, row-major, finite.</param>
    /// <returns>Values, first and second directional derivatives, N × m each.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, has a length that is not a multiple of n, the
    /// two batch sizes differ, or a direction is not finite.</exception>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], directions: 'T[]) : BatchedSecondDerivative<'T> =
        Batched<'F>.SecondDerivative(points, directions, Fluxion.Device.Cpu)

    /// <summary>f(xₚ), ∇fₖ(xₚ)·vₚ and vₚᵀ·∇²fₖ(xₚ)·vₚ for every point and output, on the given device.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="directions">N × n directions vₚ, row-major, finite.</param>
    /// <param name="device">Where to compute: <see cref="P:Fluxion.Device.Cpu"/> or an ILGPU device.</param>
    /// <returns>Values, first and second directional derivatives, N × m each.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, has a length that is not a multiple of n, the
    /// two batch sizes differ, or a direction is not finite.</exception>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], directions: 'T[], device: Fluxion.Device) : BatchedSecondDerivative<'T> =
        Batched<'F>.ElementType<'T>()
        let struct (n, m) = Batched<'F>.Dimensions()
        let count = Batched<'F>.Count(points, n, nameof points, "Inputs")
        Batched<'F>.Seeds(directions, count, n, nameof directions, "Inputs", nameof points)
        Batched<'F>.CheckDevice device
        let values = Batched<'F>.Output<'T>(count, m, nameof points)
        let first = Batched<'F>.Output<'T>(count, m, nameof points)
        let second = Batched<'F>.Output<'T>(count, m, nameof points)
        if count > 0 then
            if isNull device.Runtime then
                Batched<'F>.OnCpu(count, fun start stop -> HostBatch.SecondDerivative<'F, 'T>(points, directions, values, first, second, start, stop))
            else
                let launcher =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>, 'T>(
                        device.Runtime, "SecondDerivative", true)
                Batched<'F>.OnDevice(device.Runtime, [| points; directions |], [| values; first; second |], fun s i o e ->
                    launcher.Invoke(s, Index1D count, i[0], i[1], o[0], o[1], o[2], e))
        BatchedSecondDerivative<'T>(count, m, values, first, second)

    // ----- Jacobian ------------------------------------------------------------------------------

    /// <summary>f(xₚ) and the m × n Jacobian J(xₚ) of every point (n passes on <see cref="T:Fluxion.Dual`1"/> per
    /// point, one per input), on the CPU.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <returns>Values (N × m) and Jacobians (N × m × n), row-major.</returns>
    /// <exception cref="T:System.ArgumentException">points is null or its length is not a multiple of n.</exception>
    static member Jacobian<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[]) : BatchedJacobian<'T> =
        Batched<'F>.Jacobian(points, Fluxion.Device.Cpu)

    /// <summary>f(xₚ) and the m × n Jacobian J(xₚ) of every point, on the given device.</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="device">Where to compute: <see cref="P:Fluxion.Device.Cpu"/> or an ILGPU device.</param>
    /// <returns>Values (N × m) and Jacobians (N × m × n), row-major.</returns>
    /// <exception cref="T:System.ArgumentException">points is null or its length is not a multiple of n.</exception>
    static member Jacobian<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], device: Fluxion.Device) : BatchedJacobian<'T> =
        Batched<'F>.ElementType<'T>()
        let struct (n, m) = Batched<'F>.Dimensions()
        let count = Batched<'F>.Count(points, n, nameof points, "Inputs")
        Batched<'F>.CheckDevice device
        let values = Batched<'F>.Output<'T>(count, m, nameof points)
        let jacobians = Batched<'F>.Output<'T>(count, m * n, nameof points)
        if count > 0 then
            if isNull device.Runtime then
                Batched<'F>.OnCpu(count, fun start stop -> HostBatch.Jacobian<'F, 'T>(points, values, jacobians, start, stop))
            else
                let launcher =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>, 'T>(
                        device.Runtime, "Jacobian", true)
                Batched<'F>.OnDevice(device.Runtime, [| points |], [| values; jacobians |], fun s i o e ->
                    launcher.Invoke(s, Index1D count, i[0], o[0], o[1], e))
        BatchedJacobian<'T>(count, n, m, values, jacobians)

    // ----- VJP -----------------------------------------------------------------------------------

    /// <summary>
    /// f(xₚ) and uₚᵀ·J(xₚ) for every point: the gradient of the weighted sum uₚ·f at xₚ, formed from the n columns
    /// of J(xₚ) (n passes on <see cref="T:Fluxion.Dual`1"/> per point), on the CPU.
    /// </summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="weights">N × m weights uₚ, row-major, finite.</param>
    /// <returns>Values (N × m) and products (N × n), row-major.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, points' length is not a multiple of n or
    /// weights' of m, the two batch sizes differ, or a weight is not finite.</exception>
    static member Vjp<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], weights: 'T[]) : BatchedVjp<'T> =
        Batched<'F>.Vjp(points, weights, Fluxion.Device.Cpu)

    /// <summary>f(xₚ) and uₚᵀ·J(xₚ) for every point, on the given device (there through the Jacobians, N × m × n
    /// elements of device memory, and a contraction kernel).</summary>
    /// <param name="points">N × n coordinates, row-major.</param>
    /// <param name="weights">N × m weights uₚ, row-major, finite.</param>
    /// <param name="device">Where to compute: <see cref="P:Fluxion.Device.Cpu"/> or an ILGPU device.</param>
    /// <returns>Values (N × m) and products (N × n), row-major.</returns>
    /// <exception cref="T:System.ArgumentException">An array is null, points' length is not a multiple of n or
    /// weights' of m, the two batch sizes differ, or a weight is not finite.</exception>
    static member Vjp<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (points: 'T[], weights: 'T[], device: Fluxion.Device) : BatchedVjp<'T> =
        Batched<'F>.ElementType<'T>()
        let struct (n, m) = Batched<'F>.Dimensions()
        let count = Batched<'F>.Count(points, n, nameof points, "Inputs")
        Batched<'F>.Seeds(weights, count, m, nameof weights, "Outputs", nameof points)
        Batched<'F>.CheckDevice device
        let values = Batched<'F>.Output<'T>(count, m, nameof points)
        let gradients = Batched<'F>.Output<'T>(count, n, nameof points)
        if count > 0 then
            if isNull device.Runtime then
                Batched<'F>.OnCpu(count, fun start stop -> HostBatch.Vjp<'F, 'T>(points, weights, values, gradients, start, stop))
            else
                let jacobian =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, ArrayView<int>>, 'T>(
                        device.Runtime, "Jacobian", true)
                let contract =
                    Batched<'F>.Launcher<Action<AcceleratorStream, Index1D, ArrayView<'T>, ArrayView<'T>, ArrayView<'T>, int, int>, 'T>(
                        device.Runtime, "Contract", false)
                let accelerator = device.Runtime.Accelerator
                Batched<'F>.OnDevice(device.Runtime, [| points; weights |], [| values; gradients |], fun s i o e ->
                    use jacobians = accelerator.Allocate1D<'T>(int64 count * int64 m * int64 n)
                    jacobians.MemSetToZero(s)
                    jacobian.Invoke(s, Index1D count, i[0], o[0], jacobians.View.BaseView, e)
                    contract.Invoke(s, Index1D(count * n), jacobians.View.BaseView, i[1], o[1], m, n)
                    s.Synchronize())
        BatchedVjp<'T>(count, n, m, values, gradients)
