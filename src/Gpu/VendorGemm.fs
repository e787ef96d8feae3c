namespace Fluxion.Gpu

open System
open System.Numerics
open ILGPU
open ILGPU.Runtime.Cuda

/// <summary>
/// A matrix product from a vendor library (cuBLAS on CUDA), in the layout of the tiled kernel: row-major A, B and C,
/// batch consecutive products, C (m × n) = op(A)·op(B) with op(A) m × k (A stored m × k, or k × m when transA) and
/// op(B) k × n (B stored k × n, or n × k when transB). The ILGPU backend uses one only after it has agreed with the
/// tiled kernel on a first-use check (<see cref="T:Fluxion.Gpu.GemmSelection"/>).
/// </summary>
type internal IVendorGemm<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType> =
    inherit IDisposable
    /// A short name for messages ("cuBLAS 12").
    abstract Name: string
    /// Writes the batch of products into c, on the accelerator's default stream (in order with the kernels).
    abstract Gemm:
        transA: bool * transB: bool * batch: int * m: int * n: int * k: int * a: ArrayView<'T> * b: ArrayView<'T> * c: ArrayView<'T> ->
            unit

/// <summary>
/// cuBLAS through ILGPU.Algorithms (its bindings load libcublas 10, 11 or 12). cuBLAS is column-major, and a row-major
/// matrix read as column-major is its transpose, so the row-major C = op(A)·op(B) is computed as the column-major
/// Cᵀ = op(B)ᵀ·op(A)ᵀ: B and A swap places, each keeps its own transposition flag, and the leading dimensions are the
/// row lengths of the stored matrices (n or k for B, k or m for A, n for C).
/// </summary>
[<Sealed>]
type internal CuBlasGemm<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>(accelerator: CudaAccelerator) =
    let blas = new CuBlas<CuBlasPointerModeHandlers.AutomaticMode>(accelerator)
    do
        // Full float32 arithmetic (no TF32 tensor-core rounding), as the tiled kernel computes.
        blas.MathMode <- CuBlasMathMode.DefaultMath
        blas.Stream <- accelerator.DefaultStream :?> CudaStream

    static let operation transposed = if transposed then CuBlasOperation.Transpose else CuBlasOperation.NonTranspose

    interface IVendorGemm<'T> with
        member _.Name = $"cuBLAS {blas.Version}"

        member _.Gemm(transA, transB, batch, m, n, k, a, b, c) =
            let lda = if transA then m else k
            let ldb = if transB then k else n
            for i in 0 .. batch - 1 do
                let ai = a.SubView(int64 i * int64 (m * k), int64 (m * k))
                let bi = b.SubView(int64 i * int64 (k * n), int64 (k * n))
                let ci = c.SubView(int64 i * int64 (m * n), int64 (m * n))
                if Type.op_Equality(typeof<'T>, typeof<float>) then
                    blas.Gemm(operation transB, operation transA, n, m, k, 1.0, bi.Cast<float>(), ldb, ai.Cast<float>(), lda, 0.0, ci.Cast<float>(), n)
                else
                    blas.Gemm(operation transB, operation transA, n, m, k, 1.0f, bi.Cast<float32>(), ldb, ai.Cast<float32>(), lda, 0.0f, ci.Cast<float32>(), n)

        member _.Dispose() = blas.Dispose()

/// <summary>
/// Whether a vendor matrix product may replace the tiled kernel: it must load, and then give the tiled kernel's
/// products, within rounding, on a first-use check of every transposition pair on batched sizes that are multiples of
/// no tile size. A library that fails to load, throws or disagrees is not used, and the reason is kept for
/// <c>Device.MatrixProducts</c>; the tiled kernel, which the test suite checks against the CPU, then serves. This is
/// what makes an untested binding (ILGPU 1.5.3's cuBLAS against whatever CUDA a machine has) safe to try.
/// </summary>
module internal GemmSelection =
    /// The sizes of the check: batch, m, n, k.
    let checkSizes = struct (2, 19, 23, 37)

    /// Deterministic check inputs in [−1, 1] (a differs from b so that a swapped operand shows).
    let checkValues (count: int) (phase: float) =
        Array.init count (fun i -> Math.Sin(0.37 * float i + phase))

    /// The tolerance relative to k (every |aᵢ·bᵢ| ≤ 1): a few units of rounding per accumulated term.
    let tolerance<'T when 'T :> IFloatingPointIeee754<'T>> () : float =
        if Type.op_Equality(typeof<'T>, typeof<float>) then 1e-13 else 1e-5

    /// Compares a vendor product with the tiled one: None when they agree, otherwise what differed.
    let compare (what: string) (k: int) (tolerance: float) (vendor: float[]) (tiled: float[]) : string option =
        if vendor.Length <> tiled.Length then Some $"{what}: {vendor.Length} elements instead of {tiled.Length}"
        else
            let bound = tolerance * float (max 1 k)
            let bad = Array.tryFindIndex (fun i -> not (abs (vendor[i] - tiled[i]) <= bound)) [| 0 .. vendor.Length - 1 |]
            bad |> Option.map (fun i -> $"{what}, element {i}: {vendor[i]:R} where the tiled kernel gives {tiled[i]:R}")
