/// Devices: moving tensors, asking where they live, mixing devices, a missing CUDA device, deterministic release of
/// device memory and no leak over 10,000 scoped steps, kernels loaded once.
module Fluxion.Gpu.Tests.DeviceTests

open System
open Expecto
open Fluxion

let private ilgpu = Device.IlgpuCpu

[<Tests>]
let tests =
    testSequenced
    <| testList "devices" [
        test "ToDevice and ToHost move values exactly; GetDevice says where a tensor lives" {
            let values = [| 1.5; -2.0; 3.25; 1e-300; Double.MaxValue; -0.0 |]
            let x = Tensor.FromArray(values, [| 2; 3 |]).ToHost()
            Expect.equal (x.GetDevice()) Device.Cpu "created on the CPU (ToHost moves nothing)"
            let g = x.ToDevice ilgpu
            Expect.equal (g.GetDevice()) ilgpu "moved to the ILGPU device"
            Expect.equal g.Shape [| 2; 3 |] "shape"
            let back = g.ToHost()
            Expect.equal (back.GetDevice()) Device.Cpu "back on the CPU"
            Expect.equal (back.ToArray() |> Array.map BitConverter.DoubleToInt64Bits) (values |> Array.map BitConverter.DoubleToInt64Bits) "bit for bit"
            Expect.isTrue (Object.ReferenceEquals(g.ToDevice ilgpu, g)) "moving to the same device returns the tensor"
        }
        test "an operation on tensors of two devices throws naming both" {
            let a = Tensor.FromArray([| 1.0; 2.0 |], [| 2 |]).ToHost()
            let b = a.ToDevice ilgpu
            Expect.throwsT<InvalidOperationException> (fun () -> (a + b) |> ignore) "mixed devices"
        }
        test "the message of a mixed-device operation names both devices" {
            let a = Tensor.FromArray([| 1.0; 2.0 |], [| 2 |]).ToHost()
            let b = a.ToDevice ilgpu
            try
                (a * b) |> ignore
                failtest "no exception"
            with :? InvalidOperationException as e ->
                Expect.stringContains e.Message "CPU" "names the CPU"
                Expect.stringContains e.Message "ILGPU CPU accelerator" "names the ILGPU device"
        }
        test "a missing CUDA device is an error, never a fall-back to the CPU" {
            let count = Device.CudaDeviceCount
            try
                Device.Cuda count |> ignore
                failtest "no exception"
            with :? InvalidOperationException as e ->
                Expect.stringContains e.Message $"Device.Cuda({count})" "names the device asked for"
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> Device.Cuda -1 |> ignore) "negative index"
        }
        test "operations that make their own constants run where their operands live (outside Device.Use)" {
            // CrossEntropy and LogSoftmax shift by the row maximum, a constant they create; CheckGradient makes
            // moved points and random seeds. All must be made on the operands' device, not the default one.
            let host = Tensor.FromArray([| 0.5; -1.0; 2.0; 0.25; 3.0; -0.5 |], [| 2; 3 |]).ToHost()
            let logits = host.ToDevice ilgpu
            let labels = [| 2; 0 |]
            let onDevice = Tensor.CrossEntropy(logits, labels)
            Expect.equal (onDevice.GetDevice()) ilgpu "the loss lives on the device"
            Expect.floatClose Accuracy.veryHigh (onDevice.ToHost().ToScalar()) (Tensor.CrossEntropy(host, labels).ToScalar()) "same loss as on the CPU"
            let soft = Tensor.LogSoftmax(logits, 1)
            Array.iter2 (fun a e -> Expect.floatClose Accuracy.veryHigh a e "log-softmax") (soft.ToHost().ToArray()) (Tensor.LogSoftmax(host, 1).ToArray())
            let check = Tensor.CheckGradient((fun t -> Tensor.Tanh t * t), logits, Random 3, 2, 1e-6)
            Expect.isTrue check.Passed $"gradient check on the device: {check}"
        }
        test "moving is refused for tensors in a differentiated computation" {
            let p = Tensor.FromArray([| 1.0; 2.0 |], [| 2 |]).ToHost().AsParameter()
            Expect.throwsT<InvalidOperationException> (fun () -> p.ToDevice ilgpu |> ignore) "parameter"
        }
        test "Device.Use makes a device the default for creation, and ends with its scope" {
            using (Device.Use Device.Cpu) (fun _ ->
                Expect.equal (Tensor.Zeros<float>(3).GetDevice()) Device.Cpu "CPU inside Use(Cpu)"
                using (Device.Use ilgpu) (fun _ ->
                    Expect.equal (Tensor.Zeros<float32>(3).GetDevice()) ilgpu "float32 on the device"
                    Expect.equal (Tensor.FromArray([| 1.0 |], [| 1 |]).GetDevice()) ilgpu "float64 on the device")
                Expect.equal (Tensor.Zeros<float>(3).GetDevice()) Device.Cpu "back to the CPU")
        }
        test "a scope hands device memory back when it ends; reading afterwards throws" {
            let x = Tensor.FromArray([| 1.0; 2.0; 3.0 |], [| 3 |]).ToDevice ilgpu
            let before = ilgpu.LiveBuffers
            let mutable y = null
            using (Tensor.Scope()) (fun _ ->
                y <- Tensor.Tanh(x * x + x)
                Expect.isGreaterThan ilgpu.LiveBuffers before "buffers in use inside the scope")
            Expect.isLessThanOrEqual ilgpu.LiveBuffers before "released at the scope's end"
            Expect.throwsT<ObjectDisposedException> (fun () -> y.ToArray() |> ignore) "stale read refused"
        }
        test "10,000 scoped training steps leak no device memory and load no kernel twice" {
            let rng = Random 2
            let w = Tensor.FromArray(Array.init 4 (fun _ -> rng.NextDouble() - 0.5), [| 4 |]).ToDevice(ilgpu).AsParameter()
            let x = Tensor.FromArray(Array.init 12 (fun _ -> rng.NextDouble()), [| 3; 4 |]).ToDevice ilgpu
            let sgd = Sgd<float>(ParameterCollection<float>([| w |]), 0.01)
            let step () =
                use _ = Tensor.Scope()
                let loss = Tensor.Sum(x * w)
                sgd.Step loss
            step ()
            let kernels = ilgpu.Runtime.LoadedKernels
            GC.Collect()
            GC.WaitForPendingFinalizers()
            let before = ilgpu.LiveBuffers
            for _ in 1..10_000 do
                step ()
            GC.Collect()
            GC.WaitForPendingFinalizers()
            GC.Collect()
            Expect.isLessThanOrEqual ilgpu.LiveBuffers (before + 16L) "live device buffers after 10,000 steps"
            Expect.equal ilgpu.Runtime.LoadedKernels kernels "kernels are loaded once"
        }
    ]
