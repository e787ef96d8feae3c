/// The first-use check that decides whether a vendor matrix product (cuBLAS on CUDA) may replace the tiled kernel,
/// exercised on ILGPU's CPU accelerator with stand-in vendor products: a right one is adopted and then serves every
/// product; one that mixes up a transposition, ignores the batch, is off by more than rounding, or fails to load is
/// refused, and the tiled kernel keeps giving the right products.
module Fluxion.Gpu.Tests.VendorGemmTests

open System
open Expecto
open ILGPU
open ILGPU.Runtime
open Fluxion
open Fluxion.Gpu

/// The row-major reference product on the host: C = op(A)·op(B), batch after batch.
let private reference (transA: bool) (transB: bool) (batch: int) (m: int) (n: int) (k: int) (a: float[]) (b: float[]) =
    Array.init (batch * m * n) (fun idx ->
        let s, rest = idx / (m * n), idx % (m * n)
        let r, c = rest / n, rest % n
        let mutable sum = 0.0
        for p in 0 .. k - 1 do
            let av = if transA then a[s * m * k + p * m + r] else a[s * m * k + r * k + p]
            let bv = if transB then b[s * k * n + c * k + p] else b[s * k * n + p * n + c]
            sum <- sum + av * bv
        sum)

/// How a stand-in vendor product goes wrong (or not).
type private Flaw =
    | Right
    | IgnoresTransB
    | FirstBatchOnly
    | Perturbed of float

/// A stand-in vendor product computed on the host from the device views, with a chosen flaw; counts its calls.
type private HostGemm(accelerator: Accelerator, flaw: Flaw) =
    member val Calls = 0 with get, set
    member val Disposed = false with get, set

    interface IVendorGemm<float> with
        member _.Name = $"host stand-in ({flaw})"

        member g.Gemm(transA, transB, batch, m, n, k, a, b, c) =
            g.Calls <- g.Calls + 1
            let fetch (v: ArrayView<float>) (count: int) =
                let host = Array.zeroCreate<float> count
                ArrayViewExtensions.CopyToCPU<float, ArrayView<float>>(v.SubView(0L, int64 count), accelerator.DefaultStream, &host[0], int64 count)
                accelerator.DefaultStream.Synchronize()
                host
            let ha = fetch a (batch * m * k)
            let hb = fetch b (batch * k * n)
            let product =
                match flaw with
                | Right -> reference transA transB batch m n k ha hb
                | IgnoresTransB -> reference transA false batch m n k ha hb
                | FirstBatchOnly ->
                    let first = reference transA transB 1 m n k ha hb
                    Array.init (batch * m * n) (fun i -> first[i % (m * n)])
                | Perturbed by -> reference transA transB batch m n k ha hb |> Array.map (fun v -> v + by)
            ArrayViewExtensions.CopyFromCPU<float, ArrayView<float>>(c.SubView(0L, int64 product.Length), accelerator.DefaultStream, &product[0], int64 product.Length)
            accelerator.DefaultStream.Synchronize()

        member g.Dispose() = g.Disposed <- true

/// A backend of its own on the shared ILGPU CPU accelerator (so that adopting a stand-in affects no other test).
let private freshBackend () =
    let runtime = Device.IlgpuCpu.Runtime
    runtime, IlgpuBackend<float>(runtime, "ILGPU CPU accelerator (vendor-product test)")

/// Products through the backend, against the host reference, for every transposition pair.
let private productsAreRight (backend: IlgpuBackend<float>) =
    let rng = Random 11
    for (batch, m, n, k) in [ 3, 9, 14, 21; 1, 1, 5, 2 ] do
        for transA in [ false; true ] do
            for transB in [ false; true ] do
                let a = Array.init (batch * m * k) (fun _ -> rng.NextDouble() - 0.5)
                let b = Array.init (batch * k * n) (fun _ -> rng.NextDouble() - 0.5)
                let s = backend.MatMul(transA, transB, batch, m, n, k, backend.FromHost(Array.copy a), backend.FromHost(Array.copy b))
                let got = backend.Download s
                let want = reference transA transB batch m n k a b
                for i in 0 .. got.Length - 1 do
                    if abs (got[i] - want[i]) > 1e-13 then
                        failtestf "batch %d, %d×%d×%d, transA %b, transB %b, element %d: %g instead of %g" batch m n k transA transB i got[i] want[i]

[<Tests>]
let tests =
    testList "vendor matrix products (first-use check)" [
        test "a right vendor product is adopted and then computes every product" {
            let runtime, backend = freshBackend ()
            let vendor = new HostGemm(runtime.Accelerator, Right)
            Expect.isTrue (backend.Adopt(fun () -> vendor :> IVendorGemm<float>)) "adopted"
            Expect.stringContains backend.GemmEngine "host stand-in" "named in GemmEngine"
            let checkCalls = vendor.Calls
            Expect.equal checkCalls 4 "the check runs each of the four transposition pairs once"
            productsAreRight backend
            Expect.equal (vendor.Calls - checkCalls) 8 "the eight products afterwards went to the vendor product"
            runtime.Detach vendor
            Expect.isTrue vendor.Disposed "released when detached"
        }
        for flaw, why in [ IgnoresTransB, "mixes up a transposition"; FirstBatchOnly, "ignores the batch"; Perturbed 1e-9, "is off by more than rounding" ] do
            test $"a vendor product that {why} is refused and the tiled kernel stays right" {
                let runtime, backend = freshBackend ()
                let vendor = new HostGemm(runtime.Accelerator, flaw)
                Expect.isFalse (backend.Adopt(fun () -> vendor :> IVendorGemm<float>)) "refused"
                Expect.stringContains backend.GemmEngine "disagreed with the tiled kernel" "the reason is kept"
                Expect.isTrue vendor.Disposed "the refused product is released"
                let calls = vendor.Calls
                productsAreRight backend
                Expect.equal vendor.Calls calls "no product went to the refused vendor product"
            }
        test "a vendor product within rounding of the tiled kernel is adopted (the check is not tuned to identical bits)" {
            let runtime, backend = freshBackend ()
            let vendor = new HostGemm(runtime.Accelerator, Perturbed 1e-15)
            Expect.isTrue (backend.Adopt(fun () -> vendor :> IVendorGemm<float>)) "adopted"
            runtime.Detach vendor
        }
        test "a vendor library that cannot be loaded is refused with the loader's message" {
            let _, backend = freshBackend ()
            let adopted = backend.Adopt(fun () -> raise (DllNotFoundException "libcublas.so.12: cannot open shared object file"))
            Expect.isFalse adopted "refused"
            Expect.stringContains backend.GemmEngine "DllNotFoundException: libcublas.so.12" "the reason names the library"
            productsAreRight backend
        }
        test "adopting a second vendor product releases the first" {
            let runtime, backend = freshBackend ()
            let first = new HostGemm(runtime.Accelerator, Right)
            let second = new HostGemm(runtime.Accelerator, Right)
            Expect.isTrue (backend.Adopt(fun () -> first :> IVendorGemm<float>)) "first adopted"
            Expect.isTrue (backend.Adopt(fun () -> second :> IVendorGemm<float>)) "second adopted"
            Expect.isTrue first.Disposed "first released"
            Expect.isFalse second.Disposed "second in use"
            runtime.Detach second
        }
        test "Device.MatrixProducts names the tiled kernel on the ILGPU CPU accelerator and the MatMul choice on the CPU" {
            Expect.stringContains Device.IlgpuCpu.MatrixProducts "float32: tiled shared-memory kernel" "float32"
            Expect.stringContains Device.IlgpuCpu.MatrixProducts "float64: tiled shared-memory kernel" "float64"
            Expect.stringContains Device.Cpu.MatrixProducts "MatMul.Backend" "CPU"
        }
    ]
