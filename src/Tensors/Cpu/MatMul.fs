namespace Fluxion

// The packing routines and micro-kernels read and write pinned arrays through NativePtr, so that the hot loops carry
// no bounds checks; F# flags every such use as unverifiable IL (warning 9).
#nowarn "9"

open System
open System.Buffers
open System.Runtime.InteropServices
open System.Runtime.Intrinsics
open System.Runtime.Intrinsics.X86
open System.Threading.Tasks
open Microsoft.FSharp.NativeInterop

/// Which matrix-product implementation runs.
type MatMulBackend =
    /// OpenBLAS when the system library could be loaded, otherwise the managed kernel.
    | Automatic = 0
    /// The managed, cache-blocked SIMD kernel (always available).
    | Managed = 1
    /// OpenBLAS's cblas_sgemm / cblas_dgemm through P/Invoke (needs libopenblas, e.g. `apt-get install libopenblas0`).
    | OpenBlas = 2

/// OpenBLAS's row-major CBLAS products, bound at run time (no link-time dependency: the library is optional).
module internal OpenBlas =
    [<Literal>]
    let private RowMajor = 101

    [<Literal>]
    let private NoTrans = 111

    [<Literal>]
    let private Trans = 112

    /// cblas_sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc).
    [<UnmanagedFunctionPointer(CallingConvention.Cdecl)>]
    type SgemmFunction =
        delegate of int * int * int * int * int * int * float32 * nativeint * int * nativeint * int * float32 * nativeint * int -> unit

    /// cblas_dgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc).
    [<UnmanagedFunctionPointer(CallingConvention.Cdecl)>]
    type DgemmFunction =
        delegate of int * int * int * int * int * int * float * nativeint * int * nativeint * int * float * nativeint * int -> unit

    /// The two bound entry points of a loaded libopenblas.
    type Functions = { Sgemm: SgemmFunction; Dgemm: DgemmFunction }

    /// Library names tried in order: Debian's runtime package ships only the versioned soname; "openblas" lets
    /// the runtime probe the platform's prefixes and suffixes (libopenblas.dylib, openblas.dll).
    let libraryNames = [| "libopenblas.so.0"; "libopenblas.so"; "openblas" |]

    let private load () : Functions option =
        let assembly = typeof<MatMulBackend>.Assembly
        let tryBind (handle: nativeint) =
            match NativeLibrary.TryGetExport(handle, "cblas_sgemm"), NativeLibrary.TryGetExport(handle, "cblas_dgemm") with
            | (true, s), (true, d) ->
                Some
                    { Sgemm = Marshal.GetDelegateForFunctionPointer<SgemmFunction> s
                      Dgemm = Marshal.GetDelegateForFunctionPointer<DgemmFunction> d }
            | _ -> None
        libraryNames
        |> Array.tryPick (fun name ->
            match NativeLibrary.TryLoad(name, assembly, Nullable()) with
            | true, handle -> tryBind handle
            | _ -> None)

    /// Loaded on first use; None when no libopenblas with both entry points exists.
    let functions = lazy (load ())

    let private transposeFlag t = if t then Trans else NoTrans

    /// C = op(A)·op(B) (+ C when accumulate) for row-major float32 matrices at the given pointers.
    let sgemm (f: Functions) transA transB m n k (a: nativeint) (b: nativeint) (c: nativeint) accumulate =
        let lda = if transA then m else k
        let ldb = if transB then k else n
        f.Sgemm.Invoke(RowMajor, transposeFlag transA, transposeFlag transB, m, n, k, 1.0f, a, lda, b, ldb,
                       (if accumulate then 1.0f else 0.0f), c, n)

    /// C = op(A)·op(B) (+ C when accumulate) for row-major float64 matrices at the given pointers.
    let dgemm (f: Functions) transA transB m n k (a: nativeint) (b: nativeint) (c: nativeint) accumulate =
        let lda = if transA then m else k
        let ldb = if transB then k else n
        f.Dgemm.Invoke(RowMajor, transposeFlag transA, transposeFlag transB, m, n, k, 1.0, a, lda, b, ldb,
                       (if accumulate then 1.0 else 0.0), c, n)

/// The managed matrix product: B is packed into column panels NR wide and A into row panels MR high (packing absorbs
/// the transposes and zero-pads the edges), and a register-blocked micro-kernel keeps an MR × NR tile of C in
/// 2·MR SIMD accumulators while it streams through both panels with fused multiply-adds. Large products split their
/// rows over the thread pool; every worker shares the packed B block and packs its own A blocks.
module internal ManagedGemm =
    /// Whether the 512-bit micro-kernel can run (8 × 2 Vector512 accumulators in AVX-512's 32 registers); the
    /// 256-bit one (6 × 2 Vector256 accumulators in AVX2's 16) runs everywhere else. The runtime reports Vector512
    /// as not accelerated on processors where 512-bit instructions slow the clock down.
    let wideAvailable = Vector512.IsHardwareAccelerated && Avx512F.IsSupported

    /// Rows per micro-tile (MR) of the 512-bit (wide) or 256-bit kernel.
    let inline tileRows wide = if wide then 8 else 6

    /// Columns per micro-tile (NR) of the 512-bit (wide) or 256-bit kernel: two vectors of 'T.
    let inline tileColumns<'T> wide = if wide then 2 * Vector512<'T>.Count else 2 * Vector256<'T>.Count

    /// Depth of a packed block: an NR-wide B panel (kc × NR values) stays in L1 while A panels stream past it.
    [<Literal>]
    let KC = 256

    /// Rows of a packed A block (a multiple of both tile heights): 96 × 256 values stay in L2.
    [<Literal>]
    let MC = 96

    /// Columns of a packed B block.
    [<Literal>]
    let NC = 2048

    /// Below this many multiply-adds a product runs on the calling thread: the pool's start-up cost would dominate.
    [<Literal>]
    let ParallelThreshold = 1_000_000L

    // Type tests on 'T are constants in the JIT's specialised code: only one branch of each survives.
    let inline private isSingle<'T> = Type.op_Equality (typeof<'T>, typeof<float32>)

    let inline private fma (a: Vector256<'T>) (b: Vector256<'T>) (c: Vector256<'T>) : Vector256<'T> =
        if Fma.IsSupported then
            if isSingle<'T> then
                Fma.MultiplyAdd(Vector256.As<'T, float32> a, Vector256.As<'T, float32> b, Vector256.As<'T, float32> c)
                |> Vector256.As<float32, 'T>
            else
                Fma.MultiplyAdd(Vector256.As<'T, float> a, Vector256.As<'T, float> b, Vector256.As<'T, float> c)
                |> Vector256.As<float, 'T>
        else
            Vector256.Add(Vector256.Multiply(a, b), c)

    let inline private fma512 (a: Vector512<'T>) (b: Vector512<'T>) (c: Vector512<'T>) : Vector512<'T> =
        if isSingle<'T> then
            Avx512F.FusedMultiplyAdd(Vector512.As<'T, float32> a, Vector512.As<'T, float32> b, Vector512.As<'T, float32> c)
            |> Vector512.As<float32, 'T>
        else
            Avx512F.FusedMultiplyAdd(Vector512.As<'T, float> a, Vector512.As<'T, float> b, Vector512.As<'T, float> c)
            |> Vector512.As<float, 'T>

    let inline private storeRow (c: nativeptr<'T>) (overwrite: bool) (x0: Vector256<'T>) (x1: Vector256<'T>) =
        let c1 = NativePtr.add c Vector256<'T>.Count
        if overwrite then
            Vector256.Store(x0, c)
            Vector256.Store(x1, c1)
        else
            Vector256.Store(Vector256.Add(Vector256.Load c, x0), c)
            Vector256.Store(Vector256.Add(Vector256.Load c1, x1), c1)

    let inline private storeRow512 (c: nativeptr<'T>) (overwrite: bool) (x0: Vector512<'T>) (x1: Vector512<'T>) =
        let c1 = NativePtr.add c Vector512<'T>.Count
        if overwrite then
            Vector512.Store(x0, c)
            Vector512.Store(x1, c1)
        else
            Vector512.Store(Vector512.Add(Vector512.Load c, x0), c)
            Vector512.Store(Vector512.Add(Vector512.Load c1, x1), c1)

    /// The 6 × (2 Vector256) tile at c (row stride ldc) becomes (or, unless overwrite, gains) the product of a packed
    /// A panel (kc steps of 6 values) and a packed B panel (kc steps of 2 vectors).
    let kernel256<'T when 'T: unmanaged> (kc: int) (a: nativeptr<'T>) (b: nativeptr<'T>) (c: nativeptr<'T>) (ldc: int) overwrite =
        let w = Vector256<'T>.Count
        let mutable c00 = Vector256<'T>.Zero
        let mutable c01 = Vector256<'T>.Zero
        let mutable c10 = Vector256<'T>.Zero
        let mutable c11 = Vector256<'T>.Zero
        let mutable c20 = Vector256<'T>.Zero
        let mutable c21 = Vector256<'T>.Zero
        let mutable c30 = Vector256<'T>.Zero
        let mutable c31 = Vector256<'T>.Zero
        let mutable c40 = Vector256<'T>.Zero
        let mutable c41 = Vector256<'T>.Zero
        let mutable c50 = Vector256<'T>.Zero
        let mutable c51 = Vector256<'T>.Zero
        let mutable pa = a
        let mutable pb = b
        for _ in 1..kc do
            let b0 = Vector256.Load pb
            let b1 = Vector256.Load(NativePtr.add pb w)
            let a0 = Vector256.Create(NativePtr.get pa 0)
            c00 <- fma a0 b0 c00
            c01 <- fma a0 b1 c01
            let a1 = Vector256.Create(NativePtr.get pa 1)
            c10 <- fma a1 b0 c10
            c11 <- fma a1 b1 c11
            let a2 = Vector256.Create(NativePtr.get pa 2)
            c20 <- fma a2 b0 c20
            c21 <- fma a2 b1 c21
            let a3 = Vector256.Create(NativePtr.get pa 3)
            c30 <- fma a3 b0 c30
            c31 <- fma a3 b1 c31
            let a4 = Vector256.Create(NativePtr.get pa 4)
            c40 <- fma a4 b0 c40
            c41 <- fma a4 b1 c41
            let a5 = Vector256.Create(NativePtr.get pa 5)
            c50 <- fma a5 b0 c50
            c51 <- fma a5 b1 c51
            pa <- NativePtr.add pa 6
            pb <- NativePtr.add pb (2 * w)
        storeRow c overwrite c00 c01
        storeRow (NativePtr.add c ldc) overwrite c10 c11
        storeRow (NativePtr.add c (2 * ldc)) overwrite c20 c21
        storeRow (NativePtr.add c (3 * ldc)) overwrite c30 c31
        storeRow (NativePtr.add c (4 * ldc)) overwrite c40 c41
        storeRow (NativePtr.add c (5 * ldc)) overwrite c50 c51

    /// The 8 × (2 Vector512) tile at c (row stride ldc) becomes (or, unless overwrite, gains) the product of a packed
    /// A panel (kc steps of 8 values) and a packed B panel (kc steps of 2 vectors).
    let kernel512<'T when 'T: unmanaged> (kc: int) (a: nativeptr<'T>) (b: nativeptr<'T>) (c: nativeptr<'T>) (ldc: int) overwrite =
        let w = Vector512<'T>.Count
        let mutable c00 = Vector512<'T>.Zero
        let mutable c01 = Vector512<'T>.Zero
        let mutable c10 = Vector512<'T>.Zero
        let mutable c11 = Vector512<'T>.Zero
        let mutable c20 = Vector512<'T>.Zero
        let mutable c21 = Vector512<'T>.Zero
        let mutable c30 = Vector512<'T>.Zero
        let mutable c31 = Vector512<'T>.Zero
        let mutable c40 = Vector512<'T>.Zero
        let mutable c41 = Vector512<'T>.Zero
        let mutable c50 = Vector512<'T>.Zero
        let mutable c51 = Vector512<'T>.Zero
        let mutable c60 = Vector512<'T>.Zero
        let mutable c61 = Vector512<'T>.Zero
        let mutable c70 = Vector512<'T>.Zero
        let mutable c71 = Vector512<'T>.Zero
        let mutable pa = a
        let mutable pb = b
        for _ in 1..kc do
            let b0 = Vector512.Load pb
            let b1 = Vector512.Load(NativePtr.add pb w)
            let a0 = Vector512.Create(NativePtr.get pa 0)
            c00 <- fma512 a0 b0 c00
            c01 <- fma512 a0 b1 c01
            let a1 = Vector512.Create(NativePtr.get pa 1)
            c10 <- fma512 a1 b0 c10
            c11 <- fma512 a1 b1 c11
            let a2 = Vector512.Create(NativePtr.get pa 2)
            c20 <- fma512 a2 b0 c20
            c21 <- fma512 a2 b1 c21
            let a3 = Vector512.Create(NativePtr.get pa 3)
            c30 <- fma512 a3 b0 c30
            c31 <- fma512 a3 b1 c31
            let a4 = Vector512.Create(NativePtr.get pa 4)
            c40 <- fma512 a4 b0 c40
            c41 <- fma512 a4 b1 c41
            let a5 = Vector512.Create(NativePtr.get pa 5)
            c50 <- fma512 a5 b0 c50
            c51 <- fma512 a5 b1 c51
            let a6 = Vector512.Create(NativePtr.get pa 6)
            c60 <- fma512 a6 b0 c60
            c61 <- fma512 a6 b1 c61
            let a7 = Vector512.Create(NativePtr.get pa 7)
            c70 <- fma512 a7 b0 c70
            c71 <- fma512 a7 b1 c71
            pa <- NativePtr.add pa 8
            pb <- NativePtr.add pb (2 * w)
        storeRow512 c overwrite c00 c01
        storeRow512 (NativePtr.add c ldc) overwrite c10 c11
        storeRow512 (NativePtr.add c (2 * ldc)) overwrite c20 c21
        storeRow512 (NativePtr.add c (3 * ldc)) overwrite c30 c31
        storeRow512 (NativePtr.add c (4 * ldc)) overwrite c40 c41
        storeRow512 (NativePtr.add c (5 * ldc)) overwrite c50 c51
        storeRow512 (NativePtr.add c (6 * ldc)) overwrite c60 c61
        storeRow512 (NativePtr.add c (7 * ldc)) overwrite c70 c71

    /// One product's operands: pointers to the first element of A, B and C, the shape, the transposes, and which
    /// micro-kernel runs (Wide: the 512-bit one).
    [<Struct>]
    type Operands<'T when 'T: unmanaged> =
        { Wide: bool
          A: nativeint
          B: nativeint
          C: nativeint
          M: int
          N: int
          K: int
          TransA: bool
          TransB: bool }

    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into panels of NR columns: panel s holds, for each p, the NR values
    /// op(B)[p, j0 + s·NR ..], zero beyond column n.
    let packB<'T when 'T: unmanaged> (o: Operands<'T>) p0 kc j0 nc (dst: nativeptr<'T>) =
        let nr = tileColumns<'T> o.Wide
        let b: nativeptr<'T> = NativePtr.ofNativeInt o.B
        let panels = (nc + nr - 1) / nr
        for s in 0 .. panels - 1 do
            let j = j0 + s * nr
            let cols = min nr (j0 + nc - j)
            let panel = NativePtr.add dst (s * nr * kc)
            if o.TransB then
                // op(B)[p, j] = B[j, p]: column jj of the panel is a contiguous run of row j + jj.
                for jj in 0 .. nr - 1 do
                    if jj < cols then
                        let src = NativePtr.add b ((j + jj) * o.K + p0)
                        for p in 0 .. kc - 1 do
                            NativePtr.set panel (p * nr + jj) (NativePtr.get src p)
                    else
                        for p in 0 .. kc - 1 do
                            NativePtr.set panel (p * nr + jj) Unchecked.defaultof<'T>
            elif cols = nr then
                let w = Vector256<'T>.Count
                for p in 0 .. kc - 1 do
                    let src = NativePtr.add b ((p0 + p) * o.N + j)
                    let row = NativePtr.add panel (p * nr)
                    for v in 0 .. w .. nr - 1 do
                        Vector256.Store(Vector256.Load(NativePtr.add src v), NativePtr.add row v)
            else
                for p in 0 .. kc - 1 do
                    let src = NativePtr.add b ((p0 + p) * o.N + j)
                    let row = NativePtr.add panel (p * nr)
                    for jj in 0 .. nr - 1 do
                        NativePtr.set row jj (if jj < cols then NativePtr.get src jj else Unchecked.defaultof<'T>)

    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into panels of MR rows: panel t holds, for each p, the MR values
    /// op(A)[i0 + t·MR .., p], zero beyond row m.
    let packA<'T when 'T: unmanaged> (o: Operands<'T>) i0 mc p0 kc (dst: nativeptr<'T>) =
        let mr = tileRows o.Wide
        let a: nativeptr<'T> = NativePtr.ofNativeInt o.A
        let panels = (mc + mr - 1) / mr
        for t in 0 .. panels - 1 do
            let i = i0 + t * mr
            let rows = min mr (i0 + mc - i)
            let panel = NativePtr.add dst (t * mr * kc)
            if o.TransA then
                // op(A)[i, p] = A[p, i]: the MR values of one step are contiguous in row p of A.
                for p in 0 .. kc - 1 do
                    let src = NativePtr.add a ((p0 + p) * o.M + i)
                    let step = NativePtr.add panel (p * mr)
                    for ii in 0 .. mr - 1 do
                        NativePtr.set step ii (if ii < rows then NativePtr.get src ii else Unchecked.defaultof<'T>)
            else
                for ii in 0 .. mr - 1 do
                    if ii < rows then
                        let src = NativePtr.add a ((i + ii) * o.K + p0)
                        for p in 0 .. kc - 1 do
                            NativePtr.set panel (p * mr + ii) (NativePtr.get src p)
                    else
                        for p in 0 .. kc - 1 do
                            NativePtr.set panel (p * mr + ii) Unchecked.defaultof<'T>

    /// Multiplies rows r0 .. r1 of op(A)[.., p0 .. p0+kc] into C[r0 .. r1, j0 .. j0+nc], with B's block already packed.
    let private rows<'T when 'T: unmanaged> (o: Operands<'T>) (packedB: nativeptr<'T>) p0 kc j0 nc overwrite r0 r1 =
        let mr = tileRows o.Wide
        let nr = tileColumns<'T> o.Wide
        let inline kernel panelA panelB target ldc overwrite =
            if o.Wide then kernel512 kc panelA panelB target ldc overwrite
            else kernel256 kc panelA panelB target ldc overwrite
        let aBuffer = ArrayPool<'T>.Shared.Rent(MC * kc)
        try
            use packedA = fixed aBuffer
            let tile = NativePtr.stackalloc<'T> (mr * nr)
            let c: nativeptr<'T> = NativePtr.ofNativeInt o.C
            let columnPanels = (nc + nr - 1) / nr
            let mutable i0 = r0
            while i0 < r1 do
                let mc = min MC (r1 - i0)
                packA o i0 mc p0 kc packedA
                let rowPanels = (mc + mr - 1) / mr
                for s in 0 .. columnPanels - 1 do
                    let j = j0 + s * nr
                    let cols = min nr (j0 + nc - j)
                    let panelB = NativePtr.add packedB (s * nr * kc)
                    for t in 0 .. rowPanels - 1 do
                        let i = i0 + t * mr
                        let rowCount = min mr (i0 + mc - i)
                        let panelA = NativePtr.add packedA (t * mr * kc)
                        let target = NativePtr.add c (i * o.N + j)
                        if rowCount = mr && cols = nr then
                            kernel panelA panelB target o.N overwrite
                        else
                            // Edge tile: compute a whole tile in scratch space, then copy the part inside C.
                            for ii in 0 .. mr - 1 do
                                for jj in 0 .. nr - 1 do
                                    NativePtr.set tile (ii * nr + jj)
                                        (if overwrite || ii >= rowCount || jj >= cols then Unchecked.defaultof<'T>
                                         else NativePtr.get target (ii * o.N + jj))
                            kernel panelA panelB tile nr false
                            for ii in 0 .. rowCount - 1 do
                                for jj in 0 .. cols - 1 do
                                    NativePtr.set target (ii * o.N + jj) (NativePtr.get tile (ii * nr + jj))
                i0 <- i0 + mc
        finally
            ArrayPool<'T>.Shared.Return aBuffer

    /// C = (or += when accumulate) the part of op(A)·op(B) over the depths [pStart, pEnd), on the calling thread.
    let private depthRange<'T when 'T: unmanaged> (o: Operands<'T>) pStart pEnd accumulate =
        let nr = tileColumns<'T> o.Wide
        let bBuffer = ArrayPool<'T>.Shared.Rent(KC * ((min NC o.N + nr - 1) / nr * nr))
        try
            use packedB = fixed bBuffer
            let mutable j0 = 0
            while j0 < o.N do
                let nc = min NC (o.N - j0)
                let mutable p0 = pStart
                while p0 < pEnd do
                    let kc = min KC (pEnd - p0)
                    packB o p0 kc j0 nc packedB
                    rows o packedB p0 kc j0 nc (p0 = pStart && not accumulate) 0 o.M
                    p0 <- p0 + kc
                j0 <- j0 + nc
        finally
            ArrayPool<'T>.Shared.Return bBuffer

    /// Products with a small result and a long inner dimension (a weight gradient Xᵀ·G over 10,000 rows: 20 × 20
    /// from k = 10,000) have too few row panels to share among cores, and splitting rows would fork once per
    /// depth block. They are split along the depth instead: each part multiplies its share of k into its own
    /// buffer (the first straight into C), and the parts are added at the end.
    let private byDepth<'T when 'T: unmanaged> (o: Operands<'T>) accumulate parts =
        let blocks = (o.K + KC - 1) / KC
        let share = (blocks + parts - 1) / parts * KC
        let cells = o.M * o.N
        let partial = Array.init (parts - 1) (fun _ -> ArrayPool<'T>.Shared.Rent cells)
        try
            Parallel.For(0, parts, fun part ->
                let pStart = part * share
                let pEnd = min o.K (pStart + share)
                if pStart < pEnd then
                    if part = 0 then depthRange o pStart pEnd accumulate
                    else
                        use target = fixed partial[part - 1]
                        depthRange { o with C = NativePtr.toNativeInt target } pStart pEnd false)
            |> ignore
            for part in 1 .. parts - 1 do
                if part * share < o.K then
                    if isSingle<'T> then
                        let c: nativeptr<float32> = NativePtr.ofNativeInt o.C
                        let buffer = box partial[part - 1] :?> float32[]
                        for i in 0 .. cells - 1 do
                            NativePtr.set c i (NativePtr.get c i + buffer[i])
                    else
                        let c: nativeptr<float> = NativePtr.ofNativeInt o.C
                        let buffer = box partial[part - 1] :?> float[]
                        for i in 0 .. cells - 1 do
                            NativePtr.set c i (NativePtr.get c i + buffer[i])
        finally
            for buffer in partial do
                ArrayPool<'T>.Shared.Return buffer

    /// C = op(A)·op(B), or C += op(A)·op(B) when accumulate; m, n, k > 0.
    let gemm<'T when 'T: unmanaged> (o: Operands<'T>) accumulate =
        let mr = tileRows o.Wide
        let depthParts = min Environment.ProcessorCount (o.K / (2 * KC))
        if int64 o.M * int64 o.N * int64 o.K >= ParallelThreshold && int64 o.M * int64 o.N <= 16384L && depthParts > 1
           && (o.M + mr - 1) / mr < 2 * Environment.ProcessorCount then
            byDepth o accumulate depthParts
        else
            let nr = tileColumns<'T> o.Wide
            let parallelRows = int64 o.M * int64 o.N * int64 o.K >= ParallelThreshold && o.M > mr
            // Chunks of whole MR-row panels, about two per core so that a slow (shared) core does not hold up the rest.
            let chunkRows =
                if parallelRows then
                    let chunks = min ((o.M + mr - 1) / mr) (2 * Environment.ProcessorCount)
                    ((o.M + chunks - 1) / chunks + mr - 1) / mr * mr
                else
                    o.M
            let chunks = (o.M + chunkRows - 1) / chunkRows
            let bBuffer = ArrayPool<'T>.Shared.Rent(KC * ((min NC o.N + nr - 1) / nr * nr))
            try
                use packedB = fixed bBuffer
                let packedBAddress = NativePtr.toNativeInt packedB
                let mutable j0 = 0
                while j0 < o.N do
                    let nc = min NC (o.N - j0)
                    let mutable p0 = 0
                    while p0 < o.K do
                        let kc = min KC (o.K - p0)
                        let overwrite = p0 = 0 && not accumulate
                        packB o p0 kc j0 nc packedB
                        if chunks = 1 then
                            rows o packedB p0 kc j0 nc overwrite 0 o.M
                        else
                            let j = j0
                            let p = p0
                            Parallel.For(0, chunks, fun chunk ->
                                let r0 = chunk * chunkRows
                                rows o (NativePtr.ofNativeInt packedBAddress) p kc j nc overwrite r0 (min o.M (r0 + chunkRows)))
                            |> ignore
                        p0 <- p0 + kc
                    j0 <- j0 + nc
            finally
                ArrayPool<'T>.Shared.Return bBuffer

/// Process-wide backend choice and the dispatch behind MatMul.
module internal MatMulDispatch =
    /// The backend MatMul.Backend last set; read once per product.
    let mutable requested = MatMulBackend.Automatic

    let isOpenBlasAvailable () = OpenBlas.functions.Force().IsSome

    /// Whether Automatic prefers the managed kernel even where OpenBLAS is installed: on processors where 512-bit
    /// vectors are accelerated, the managed AVX-512 kernel measured about twice as fast as Debian's OpenBLAS on
    /// this project's products (benchmarks/README.md, "Matrix products"); elsewhere OpenBLAS is the faster choice.
    let managedPreferred = Vector512.IsHardwareAccelerated

    /// The backend that runs for a request, given whether OpenBLAS is loadable and whether the managed kernel is
    /// the faster one on this processor; forcing an absent OpenBLAS throws.
    let resolveOn (backend: MatMulBackend) (openBlasAvailable: bool) (preferManaged: bool) =
        match backend with
        | MatMulBackend.Automatic -> if openBlasAvailable && not preferManaged then MatMulBackend.OpenBlas else MatMulBackend.Managed
        | MatMulBackend.Managed -> MatMulBackend.Managed
        | MatMulBackend.OpenBlas when openBlasAvailable -> MatMulBackend.OpenBlas
        | MatMulBackend.OpenBlas ->
            raise (
                InvalidOperationException(
                    "The OpenBLAS matrix-product backend was requested but no OpenBLAS library could be loaded (tried "
                    + String.Join(", ", OpenBlas.libraryNames)
                    + "). Install it (Debian/Ubuntu: apt-get install libopenblas0) or use MatMulBackend.Automatic or Managed."
                )
            )
        | other -> raise (ArgumentOutOfRangeException("backend", other, "Not a MatMulBackend value."))

    /// The backend that runs for a request on this processor.
    let resolve (backend: MatMulBackend) (openBlasAvailable: bool) = resolveOn backend openBlasAvailable managedPreferred

    let private checkArray (array: 'T[]) (offset: int) (count: int64) (arrayName: string) (offsetName: string) =
        if isNull array then
            raise (ArgumentNullException(arrayName))
        if offset < 0 || offset > array.Length then
            raise (ArgumentOutOfRangeException(offsetName, offset, $"The offset must lie within {arrayName} (length {array.Length})."))
        if int64 array.Length - int64 offset < count then
            raise (
                ArgumentException(
                    $"{arrayName} holds {array.Length} values; {count} are needed from offset {offset}.",
                    arrayName
                )
            )

    let private overlaps (x: obj) xOffset (xCount: int64) (y: obj) yOffset (yCount: int64) =
        obj.ReferenceEquals(x, y) && xCount > 0L && yCount > 0L
        && int64 xOffset < int64 yOffset + yCount && int64 yOffset < int64 xOffset + xCount

    let private run<'T when 'T: unmanaged>
        backend wide transA transB m n k (a: 'T[]) aOffset (b: 'T[]) bOffset (c: 'T[]) cOffset accumulate
        (openBlas: OpenBlas.Functions -> bool -> bool -> int -> int -> int -> nativeint -> nativeint -> nativeint -> bool -> unit)
        =
        use pa = fixed a
        use pb = fixed b
        use pc = fixed c
        let pa = NativePtr.toNativeInt (NativePtr.add pa aOffset)
        let pb = NativePtr.toNativeInt (NativePtr.add pb bOffset)
        let pc = NativePtr.toNativeInt (NativePtr.add pc cOffset)
        match backend with
        | MatMulBackend.OpenBlas -> openBlas (OpenBlas.functions.Force().Value) transA transB m n k pa pb pc accumulate
        | _ ->
            ManagedGemm.gemm<'T>
                { Wide = wide; A = pa; B = pb; C = pc; M = m; N = n; K = k; TransA = transA; TransB = transB }
                accumulate

    /// Validates the arguments and runs the product on the given backend (already resolved or not); the managed
    /// backend uses the 512-bit micro-kernel when wide is true (which needs ManagedGemm.wideAvailable).
    let gemmWith<'T>
        (backend: MatMulBackend)
        (wide: bool)
        (transA: bool, transB: bool, m: int, n: int, k: int, a: 'T[], aOffset: int, b: 'T[], bOffset: int, c: 'T[],
         cOffset: int, accumulate: bool)
        =
        if not (Type.op_Equality (typeof<'T>, typeof<float32>) || Type.op_Equality (typeof<'T>, typeof<float>)) then
            raise (NotSupportedException($"MatMul.Gemm supports float32 (Single) and float64 (Double), not {typeof<'T>.FullName}."))
        if m < 0 then raise (ArgumentOutOfRangeException("m", m, "The number of rows of C must not be negative."))
        if n < 0 then raise (ArgumentOutOfRangeException("n", n, "The number of columns of C must not be negative."))
        if k < 0 then raise (ArgumentOutOfRangeException("k", k, "The inner dimension must not be negative."))
        let aCount = int64 m * int64 k
        let bCount = int64 k * int64 n
        let cCount = int64 m * int64 n
        checkArray a aOffset aCount "a" "aOffset"
        checkArray b bOffset bCount "b" "bOffset"
        checkArray c cOffset cCount "c" "cOffset"
        if overlaps c cOffset cCount a aOffset aCount then
            raise (ArgumentException("c overlaps a: the product cannot be written over its own operand.", "c"))
        if overlaps c cOffset cCount b bOffset bCount then
            raise (ArgumentException("c overlaps b: the product cannot be written over its own operand.", "c"))
        let backend = resolve backend (backend <> MatMulBackend.Managed && isOpenBlasAvailable ())
        if cCount = 0L then
            ()
        elif k = 0 then
            if not accumulate then
                Array.Fill(c, Unchecked.defaultof<'T>, cOffset, int cCount)
        elif Type.op_Equality (typeof<'T>, typeof<float32>) then
            run<float32> backend wide transA transB m n k (box a :?> float32[]) aOffset (box b :?> float32[]) bOffset
                (box c :?> float32[]) cOffset accumulate OpenBlas.sgemm
        else
            run<float> backend wide transA transB m n k (box a :?> float[]) aOffset (box b :?> float[]) bOffset
                (box c :?> float[]) cOffset accumulate OpenBlas.dgemm

    /// Validates the arguments and runs the product on the given backend, with the widest managed kernel available.
    let gemm<'T> (backend: MatMulBackend) arguments =
        gemmWith<'T> backend ManagedGemm.wideAvailable arguments

/// Dense matrix products C (+)= op(A)·op(B) on row-major float32 or float64 arrays. They run on OpenBLAS when the
/// system library is present (Debian/Ubuntu: `apt-get install libopenblas0`) and otherwise on a managed,
/// cache-blocked SIMD kernel that uses every core for large products; `Backend` forces either.
[<AbstractClass; Sealed>]
type MatMul =
    /// True when libopenblas (libopenblas.so.0, libopenblas.so, or the platform's "openblas" library) could be loaded
    /// and exports cblas_sgemm and cblas_dgemm. The first call tries to load it.
    static member IsOpenBlasAvailable: bool = MatMulDispatch.isOpenBlasAvailable ()

    /// The implementation products run on, for the whole process. Automatic (the default) uses the managed kernel
    /// on processors with accelerated 512-bit vectors (where it measured faster than OpenBLAS), and elsewhere
    /// OpenBLAS when it is available, the managed kernel otherwise. Setting OpenBlas when the library cannot be loaded throws
    /// InvalidOperationException (install it with `apt-get install libopenblas0`); the previous choice then stays.
    static member Backend
        with get () = MatMulDispatch.requested
        and set (value: MatMulBackend) =
            MatMulDispatch.resolve value (value = MatMulBackend.OpenBlas && MatMulDispatch.isOpenBlasAvailable ())
            |> ignore
            MatMulDispatch.requested <- value

    /// <summary>
    /// C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is true, on row-major contiguous
    /// matrices stored in arrays from the given offsets. op(A) is m×k: A is stored m×k, or k×m when
    /// <paramref name="transA"/> is true. op(B) is k×n: B is stored k×n, or n×k when <paramref name="transB"/>
    /// is true. C is m×n and must not overlap A or B. With k = 0 the product is the zero matrix.
    /// </summary>
    /// <typeparam name="T">float32 (Single) or float64 (Double); any other type throws NotSupportedException.</typeparam>
    /// <param name="transA">Whether A is stored transposed (k×m).</param>
    /// <param name="transB">Whether B is stored transposed (n×k).</param>
    /// <param name="m">Rows of C and of op(A); not negative.</param>
    /// <param name="n">Columns of C and of op(B); not negative.</param>
    /// <param name="k">Columns of op(A) and rows of op(B); not negative.</param>
    /// <param name="a">Array holding A's m·k values from aOffset.</param>
    /// <param name="aOffset">Index of A's first value in a.</param>
    /// <param name="b">Array holding B's k·n values from bOffset.</param>
    /// <param name="bOffset">Index of B's first value in b.</param>
    /// <param name="c">Array receiving C's m·n values from cOffset.</param>
    /// <param name="cOffset">Index of C's first value in c.</param>
    /// <param name="accumulate">Add the product to C's current values instead of overwriting them.</param>
    /// <exception cref="T:System.ArgumentException">A dimension or offset is negative, an array is too short or
    /// null, or C overlaps A or B; the exception names the argument.</exception>
    /// <exception cref="T:System.NotSupportedException">T is neither float32 nor float64.</exception>
    /// <exception cref="T:System.InvalidOperationException">Backend was forced to OpenBlas and the library cannot be loaded.</exception>
    static member Gemm<'T>
        (
            transA: bool,
            transB: bool,
            m: int,
            n: int,
            k: int,
            a: 'T[],
            aOffset: int,
            b: 'T[],
            bOffset: int,
            c: 'T[],
            cOffset: int,
            accumulate: bool
        ) : unit =
        MatMulDispatch.gemm MatMulDispatch.requested (transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate)
