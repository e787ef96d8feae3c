namespace Fluxion

open System
open System.Collections.Generic
open System.Numerics
open System.Runtime.CompilerServices
open ILGPU
open ILGPU.Runtime
open ILGPU.Runtime.CPU
open ILGPU.Runtime.Cuda
open Fluxion.Gpu

/// <summary>The kind of a <see cref="T:Fluxion.Device"/>.</summary>
type DeviceKind =
    /// <summary>The CPU backend (SIMD kernels, OpenBLAS): where tensors live unless a device is chosen.</summary>
    | Cpu = 0
    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator.</summary>
    | Cuda = 1
    /// <summary>ILGPU's CPU accelerator: runs the GPU kernels on the CPU threads (slowly), for tests without a GPU.</summary>
    | IlgpuCpu = 2

/// <summary>
/// Where tensors live and operations run, as in PyTorch: <see cref="P:Fluxion.Device.Cpu"/>,
/// <see cref="M:Fluxion.Device.Cuda(System.Int32)"/> or <see cref="P:Fluxion.Device.IlgpuCpu"/>. Create tensors on a
/// device inside <see cref="M:Fluxion.Device.Use(Fluxion.Device)"/>, move them with <c>x.ToDevice(device)</c> and
/// <c>x.ToHost()</c>, ask where one lives with <c>x.GetDevice()</c>. An operation on tensors of two devices throws an
/// exception naming both. A GPU device owns an ILGPU context and accelerator: dispose it to release them (tensors
/// still on it can no longer be used).
/// </summary>
[<Sealed; AllowNullLiteral>]
type Device private (kind: DeviceKind, index: int, runtime: IlgpuRuntime) =
    static let gate = obj ()
    static let devices = Dictionary<struct (DeviceKind * int), Device>()
    static let cpu = new Device(DeviceKind.Cpu, 0, null)
    let double' = if isNull runtime then null else IlgpuBackend<float>(runtime, runtime.Name)
    let single' = if isNull runtime then null else IlgpuBackend<float32>(runtime, runtime.Name)

    static let create (kind: DeviceKind) (index: int) =
        // The CPU accelerator simulates one group of Tile² = 64 threads (8 warps of 8), what the matrix-product
        // kernel asks for; ILGPU's default CPU device has 16 threads.
        DeviceIntrinsics.register ()
        let context =
            Context.Create(fun b ->
                (if kind = DeviceKind.Cuda then b.Cuda() else b.CPU(CPUDevice(8, 8, 1))).EnableAlgorithms() |> ignore)
        try
            let accelerator: Accelerator =
                if kind = DeviceKind.Cuda then
                    let count = context.GetCudaDevices().Count
                    if index >= count then
                        raise (
                            InvalidOperationException(
                                if count = 0 then
                                    $"Device.Cuda({index}): no CUDA device was found (no NVIDIA GPU or driver on this machine). Fluxion does not fall back to the CPU: use Device.Cpu."
                                else
                                    $"Device.Cuda({index}): this machine has {count} CUDA device(s), numbered 0 to {count - 1}."
                            )
                        )
                    context.CreateCudaAccelerator(index)
                else context.CreateCPUAccelerator(0)
            let name = if kind = DeviceKind.Cuda then $"cuda:{index} ({accelerator.Name})" else "ILGPU CPU accelerator"
            new Device(kind, index, new IlgpuRuntime(context, accelerator, name))
        with _ ->
            context.Dispose()
            reraise ()

    static let get (kind: DeviceKind) (index: int) =
        lock gate (fun () ->
            match devices.TryGetValue(struct (kind, index)) with
            | true, d -> d
            | _ ->
                let d = create kind index
                devices[struct (kind, index)] <- d
                d)

    /// <summary>The CPU (the default device).</summary>
    static member Cpu = cpu

    /// <summary>The CUDA GPU with the given index (0 for the first), created on first use and then shared.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">index is negative.</exception>
    /// <exception cref="T:System.InvalidOperationException">There is no such CUDA device (never a silent fall-back to the CPU).</exception>
    static member Cuda(index: int) : Device =
        if index < 0 then raise (ArgumentOutOfRangeException(nameof index, index, "A CUDA device index is 0 or more."))
        get DeviceKind.Cuda index

    /// <summary>ILGPU's CPU accelerator: the GPU kernels run on CPU threads, about 70 times slower than the CPU backend; for tests.</summary>
    static member IlgpuCpu : Device = get DeviceKind.IlgpuCpu 0

    /// <summary>The number of CUDA devices on this machine (0 where there is no NVIDIA GPU or driver).</summary>
    static member CudaDeviceCount : int =
        try
            use context = Context.Create(fun b -> b.Cuda() |> ignore)
            context.GetCudaDevices().Count
        with _ -> 0

    /// <summary>The kind of device.</summary>
    member _.Kind = kind
    /// <summary>The device index within its kind (0 for the CPU).</summary>
    member _.Index = index
    /// <summary>A readable name ("cpu", "cuda:0 (…)", "ILGPU CPU accelerator").</summary>
    member _.Name = if isNull runtime then "cpu" else runtime.Name
    /// <summary>The name.</summary>
    override d.ToString() = d.Name

    /// The ILGPU runtime (null for the CPU).
    member internal _.Runtime = runtime

    /// The tensor backend of this device for 'T (float32 or float64).
    member internal _.Backend<'T when 'T :> IFloatingPointIeee754<'T>>() : TensorBackend<'T> =
        if Type.op_Inequality(typeof<'T>, typeof<float>) && Type.op_Inequality(typeof<'T>, typeof<float32>) then
            raise (NotSupportedException($"Tensor<{typeof<'T>.Name}> is not supported: tensors hold Single (float32) or Double (float64) elements."))
        if isNull runtime then CpuBackend<'T>.Instance :> TensorBackend<'T>
        elif runtime.IsDisposed then raise (ObjectDisposedException(runtime.Name, $"The device {runtime.Name} was disposed."))
        elif Type.op_Equality(typeof<'T>, typeof<float>) then box double' :?> TensorBackend<'T>
        else box single' :?> TensorBackend<'T>

    /// The device that owns a backend.
    static member internal Of<'T when 'T :> IFloatingPointIeee754<'T>>(backend: TensorBackend<'T>) : Device =
        match box backend with
        | :? IlgpuBackend<float> as b -> lock gate (fun () -> devices.Values |> Seq.find (fun d -> Object.ReferenceEquals(d.Runtime, b.Runtime)))
        | :? IlgpuBackend<float32> as b -> lock gate (fun () -> devices.Values |> Seq.find (fun d -> Object.ReferenceEquals(d.Runtime, b.Runtime)))
        | _ -> cpu

    /// <summary>
    /// Makes the device the default for tensor creation (FromArray, Zeros, constants, parameters, layers) in this
    /// flow of control until the returned scope is disposed; operations run where their operands live.
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">device is null.</exception>
    static member Use(device: Device) : IDisposable =
        if isNull device then raise (ArgumentNullException(nameof device))
        let d = DefaultBackend<float>.Use(device.Backend<float>())
        let s = DefaultBackend<float32>.Use(device.Backend<float32>())
        { new IDisposable with
            member _.Dispose() =
                s.Dispose()
                d.Dispose() }

    /// <summary>
    /// What computes matrix products on this device, per element type, and why: on CUDA, cuBLAS once it has agreed
    /// with the tiled kernel on a first-use check (every transposition pair), otherwise the tiled shared-memory kernel
    /// with the reason cuBLAS was not used (not loadable, threw, or disagreed); on ILGPU's CPU accelerator the tiled
    /// kernel; on the CPU the <c>MatMul.Backend</c> choice. Reading it makes that decision if no product has yet.
    /// </summary>
    member _.MatrixProducts : string =
        if isNull runtime then $"CPU: MatMul.Backend {MatMul.Backend} (OpenBLAS available: {MatMul.IsOpenBlasAvailable})"
        else $"float32: {single'.GemmEngine}; float64: {double'.GemmEngine}"

    /// <summary>Device buffers allocated on this device and not yet released (0 for the CPU): for leak checks.</summary>
    member _.LiveBuffers = if isNull runtime then 0L else runtime.LiveBuffers

    /// <summary>Releases the accelerator and its context (nothing for the CPU); Device.Cuda(i) afterwards creates a fresh one.</summary>
    member d.Dispose() =
        if not (isNull runtime) then
            lock gate (fun () ->
                match devices.TryGetValue(struct (kind, index)) with
                | true, x when Object.ReferenceEquals(x, d) -> devices.Remove(struct (kind, index)) |> ignore
                | _ -> ())
            runtime.Dispose()

    interface IDisposable with
        member d.Dispose() = d.Dispose()

/// <summary>Moving tensors between devices and asking where they live (extension methods, for C# and F#).</summary>
[<AbstractClass; Sealed; Extension>]
type TensorDevices =
    /// <summary>
    /// The tensor's values on the given device (the tensor itself if it is there already): a constant tensor, owned by
    /// no scope. Moving is not differentiable: a tensor that requires a gradient or carries a tangent is refused; move
    /// data first and make parameters on the device (for example <c>x.ToDevice(d).AsParameter()</c>).
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">x or device is null.</exception>
    /// <exception cref="T:System.InvalidOperationException">x requires a gradient or carries a tangent.</exception>
    [<Extension>]
    static member ToDevice<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, device: Device) : Tensor<'T> =
        if isNull x then raise (ArgumentNullException(nameof x))
        if isNull device then raise (ArgumentNullException(nameof device))
        let x = x.Live
        let target = device.Backend<'T>()
        if Object.ReferenceEquals(x.Backend, target) then x
        elif not (isNull x.Node) || not (isNull x.Tangent) then
            raise (
                InvalidOperationException(
                    $"ToDevice: the tensor (x) requires a gradient or carries a tangent, and moving between devices is not differentiable; move the data before differentiating, then make parameters on {device.Name} (x.ToDevice(device).AsParameter())."
                )
            )
        else
            let values = Array.zeroCreate<'T> x.Data.Length
            x.Backend.CopyToHost(x.Data, Span<'T>(values))
            Tensor<'T>.Const(target.FromHost values, Array.copy x.Dims)

    /// <summary>The tensor's values on the CPU (see <see cref="M:Fluxion.TensorDevices.ToDevice``1(Fluxion.Tensor{``0},Fluxion.Device)"/>).</summary>
    [<Extension>]
    static member ToHost<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> = TensorDevices.ToDevice(x, Device.Cpu)

    /// <summary>The device that holds the tensor's values.</summary>
    /// <exception cref="T:System.ArgumentNullException">x is null.</exception>
    [<Extension>]
    static member GetDevice<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Device =
        if isNull x then raise (ArgumentNullException(nameof x))
        Device.Of x.Backend
