module Fluxion.Gpu.Tests.Main

open Expecto
open Fluxion

/// Runs every test with ILGPU's CPU accelerator as the default device: the tensor suite (linked from
/// tests/Tensors.Tests) then creates its tensors there and every operation runs through the ILGPU kernels.
[<EntryPoint>]
let main argv =
    let device = Device.IlgpuCpu
    let code =
        using (Device.Use device) (fun _ -> Tests.runTestsInAssemblyWithCLIArgs [] argv)
    device.Dispose()
    code
