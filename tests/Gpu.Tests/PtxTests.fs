/// Every kernel of the ILGPU backend compiles to CUDA PTX for sm_75 and sm_90 (ILGPU's PTX backend needs no GPU),
/// rule kernels for every rule of the table; the rules that cannot compile are exactly the host-computed ones.
module Fluxion.Gpu.Tests.PtxTests

open System
open System.Reflection
open Expecto
open ILGPU
open ILGPU.Backends.EntryPoints
open ILGPU.Backends.PTX
open ILGPU.Runtime
open ILGPU.Runtime.Cuda
open Fluxion
open Fluxion.Gpu

let private architectures = [ CudaArchitecture.SM_75, CudaInstructionSet.ISA_80; CudaArchitecture.SM_90, CudaInstructionSet.ISA_80 ]

/// Compiles the kernel for every architecture, each in a fresh context (a failed compilation leaves its context
/// unusable), with the device replacements that Fluxion's devices register: None, or the first failure's message.
let compile (explicitlyGrouped: bool) (kernel: MethodInfo) : string option =
    DeviceIntrinsics.register ()
    architectures
    |> List.tryPick (fun (arch, isa) ->
        use context = Context.Create(fun b -> b.Cuda().EnableAlgorithms() |> ignore)
        use backend = new PTXBackend(context, CudaCapabilityContext(arch), arch, isa, null)
        try
            let entry =
                if explicitlyGrouped then EntryPointDescription.FromExplicitlyGroupedKernel kernel
                else EntryPointDescription.FromImplicitlyGroupedKernel kernel
            let specialization = KernelSpecialization.Empty
            let compiled = backend.Compile(&entry, &specialization)
            let ptx = (compiled :?> PTXCompiledKernel).PTXAssembly
            if ptx.Contains ".entry" then None else Some $"{arch}: no entry point in the PTX"
        with e ->
            let inner = if isNull e.InnerException then e else e.InnerException
            Some $"{arch}: {inner.GetType().Name}: {inner.Message}")

let private ruleTypes (iface: Type) =
    typeof<SinRule>.Assembly.GetTypes()
    |> Array.filter (fun t -> t.IsValueType && iface.IsAssignableFrom t)
    |> Array.sortBy (fun t -> t.Name)

/// Every unary (binary) rule struct of the table.
let unaryRules = ruleTypes typeof<IUnaryRule>
let binaryRules = ruleTypes typeof<IBinaryRule>

let private elements = [ typeof<float>; typeof<float32> ]

[<Tests>]
let tests =
    testList "PTX compilation (sm_75, sm_90)" [
        test "the rule table is found" {
            Expect.isGreaterThan unaryRules.Length 40 "unary rules"
            Expect.isGreaterThan binaryRules.Length 6 "binary rules"
        }
        for name in [ "Fill"; "Negate"; "Combine"; "SumMiddle"; "Extreme"; "Strided"; "StridedAdd"; "Gather"; "ScatterAdd"; "AddInPlace"; "SgdMomentum"; "Sgd"; "Adam"; "MatMul" ] do
            for t in elements do
                test $"{name}<{t.Name}>" {
                    match compile (name = "MatMul") (KernelMethods.Get(name, t)) with
                    | None -> ()
                    | Some e -> failtestf "%s<%s> did not compile: %s" name t.Name e
                }
        for (rules, kernels) in
            [ unaryRules, [ "RuleValue"; "RuleDerivative"; "RuleSecondDerivative" ]
              binaryRules, [ "RuleBinary"; "RulePartial"; "RuleSecondPartial" ] ] do
            for r in rules do
                test $"{r.Name}: every kernel compiles to PTX unless it is computed on the host" {
                    for k in kernels do
                        for t in elements do
                            let failure = compile false (KernelMethods.Get(k, r, t))
                            match failure, HostRules.Contains(r, k, t) with
                            | None, false
                            | Some _, true -> ()
                            | Some e, false -> failtestf "%s<%s, %s> does not compile for a device; list it in HostRules: %s" k r.Name t.Name e
                            | None, true -> failtestf "%s<%s, %s> is listed in HostRules, but compiles for sm_75 and sm_90: take it off the list" k r.Name t.Name
                }
    ]
