module Fluxion.Tensors.Tests.MatMulTests

open System
open Expecto
open Fluxion

/// One product to check: shape, transposes, offsets and whether C is accumulated into.
type Case =
    { TransA: bool
      TransB: bool
      M: int
      N: int
      K: int
      AOffset: int
      BOffset: int
      COffset: int
      Accumulate: bool }

    override x.ToString() =
        sprintf "%dx%dx%d transA=%b transB=%b offsets=(%d,%d,%d) accumulate=%b" x.M x.N x.K x.TransA x.TransB
            x.AOffset x.BOffset x.COffset x.Accumulate

/// Operands with random values (and random values in the padding before each offset), for one case.
type Operands =
    { A: float[]
      B: float[]
      C: float[] }

let operands (rng: Random) (case: Case) =
    let values count = Array.init count (fun _ -> rng.NextDouble() * 2.0 - 1.0)
    // A few spare values after each matrix too, so an overrun would change something the check looks at.
    { A = values (case.AOffset + case.M * case.K + 3)
      B = values (case.BOffset + case.K * case.N + 3)
      C = values (case.COffset + case.M * case.N + 3) }

/// The textbook triple loop in float64, independent of any blocking, packing or library.
let reference (case: Case) (o: Operands) =
    let c = Array.copy o.C
    for i in 0 .. case.M - 1 do
        for j in 0 .. case.N - 1 do
            let mutable sum = 0.0
            for p in 0 .. case.K - 1 do
                let aip = if case.TransA then o.A[case.AOffset + p * case.M + i] else o.A[case.AOffset + i * case.K + p]
                let bpj = if case.TransB then o.B[case.BOffset + j * case.K + p] else o.B[case.BOffset + p * case.N + j]
                sum <- sum + aip * bpj
            let index = case.COffset + i * case.N + j
            c[index] <- if case.Accumulate then c[index] + sum else sum
    c

/// Runs a case through MatMulDispatch on one backend (and, for the managed one, with the 512-bit micro-kernel when
/// wide), in float64 or float32 (converted from the same values).
let runDoubleWith backend wide (case: Case) (o: Operands) =
    let c = Array.copy o.C
    MatMulDispatch.gemmWith backend wide
        (case.TransA, case.TransB, case.M, case.N, case.K, o.A, case.AOffset, o.B, case.BOffset, c, case.COffset,
         case.Accumulate)
    c

let runSingleWith backend wide (case: Case) (o: Operands) =
    let c = Array.map float32 o.C
    MatMulDispatch.gemmWith backend wide
        (case.TransA, case.TransB, case.M, case.N, case.K, Array.map float32 o.A, case.AOffset, Array.map float32 o.B,
         case.BOffset, c, case.COffset, case.Accumulate)
    Array.map float c

let runDouble backend = runDoubleWith backend ManagedGemm.wideAvailable
let runSingle backend = runSingleWith backend ManagedGemm.wideAvailable

/// Every value of C (padding included) within tolerance · (k + 1) of the reference; names the first bad index.
let expectClose (tolerance: float) (case: Case) (expected: float[]) (actual: float[]) =
    Expect.equal actual.Length expected.Length "length of C"
    let bound = tolerance * float (case.K + 1)
    for index in 0 .. expected.Length - 1 do
        if not (abs (actual[index] - expected[index]) <= bound) then
            failtestf "%O: C[%d] = %g, expected %g (tolerance %g)" case index actual[index] expected[index] bound

/// Shapes that hit every path: 1×1, k = 0, edges smaller than a micro-tile in each direction, sizes just over a
/// multiple of the tile and block sizes (6 rows, 8/16 columns, 96-row and 256-deep blocks), products large
/// enough to run on several threads, and small results of a long inner dimension (split along the depth on a
/// machine with several cores, the last share shorter than the others).
let shapes =
    [ 1, 1, 1
      1, 1, 0
      3, 4, 0
      0, 5, 3
      4, 0, 3
      1, 7, 5
      7, 1, 5
      5, 3, 1
      6, 16, 8
      6, 8, 3
      13, 17, 19
      12, 32, 64
      25, 9, 300
      97, 33, 257
      100, 70, 513
      130, 140, 90
      200, 37, 200
      20, 20, 2500
      21, 23, 2100 ]

let cases =
    [ for (m, n, k) in shapes do
          for transA in [ false; true ] do
              for transB in [ false; true ] do
                  for accumulate in [ false; true ] do
                      // Offsets vary with the case so that both zero and odd offsets meet every shape.
                      let offset = (m + 2 * n + 3 * k + (if transA then 1 else 0)) % 5
                      { TransA = transA
                        TransB = transB
                        M = m
                        N = n
                        K = k
                        AOffset = offset
                        BOffset = (offset + 2) % 5
                        COffset = (offset + 3) % 4
                        Accumulate = accumulate } ]

/// Runs f, expecting it to throw 'E; returns the exception for further checks.
let throwing<'E when 'E :> exn> (what: string) (f: unit -> unit) : 'E =
    try
        f ()
        failtestf "%s: expected %s, nothing was thrown" what typeof<'E>.Name
    with
    | :? 'E as e -> e

let seeded (case: Case) = Random(case.M * 1_000_003 + case.N * 10_007 + case.K * 101 + case.AOffset)

let notAvailable =
    "OpenBLAS is not installed here (libopenblas.so.0 / libopenblas.so could not be loaded), so the OpenBLAS backend "
    + "could not be compared with the managed kernel; install it with `apt-get install libopenblas0`."

let roundedToSingle (o: Operands) =
    { A = Array.map (float32 >> float) o.A; B = Array.map (float32 >> float) o.B; C = Array.map (float32 >> float) o.C }

let noWideKernel =
    "This processor (or runtime) has no accelerated Vector512/AVX-512, so the 512-bit micro-kernel cannot run here; "
    + "the 256-bit kernel's tests cover the managed backend."

/// The managed kernel of one width against the triple loop: every case in float64 and float32, and a product large
/// enough to be split over threads.
let managedKernelTests (name: string) wide =
    let available () = if wide && not ManagedGemm.wideAvailable then skiptest noWideKernel
    testList $"MatMul managed {name} kernel = triple loop" [
        testCase "float64, every shape, transpose, offset and accumulate combination" <| fun () ->
            available ()
            for case in cases do
                let o = operands (seeded case) case
                expectClose 1e-14 case (reference case o) (runDoubleWith MatMulBackend.Managed wide case o)
        testCase "float32, every shape, transpose, offset and accumulate combination" <| fun () ->
            available ()
            for case in cases do
                // Reference on the float32-rounded operands, so that only the product's own rounding differs.
                let o = operands (seeded case) case
                expectClose 2e-6 case (reference case (roundedToSingle o)) (runSingleWith MatMulBackend.Managed wide case o)
        testCase "a large float32 product split over threads" <| fun () ->
            available ()
            let case =
                { TransA = false; TransB = true; M = 256; N = 256; K = 784; AOffset = 0; BOffset = 0; COffset = 0; Accumulate = false }
            let o = operands (Random 17) case
            expectClose 2e-6 case (reference case (roundedToSingle o)) (runSingleWith MatMulBackend.Managed wide case o)
    ]

[<Tests>]
let managedAgainstTripleLoop =
    testList "MatMul managed kernels" [ managedKernelTests "256-bit" false; managedKernelTests "512-bit" true ]

[<Tests>]
let openBlasAgainstManaged =
    testList "MatMul OpenBLAS = managed kernel" [
        testCase "float64 and float32, every case" <| fun () ->
            if not MatMul.IsOpenBlasAvailable then skiptest notAvailable
            for case in cases do
                let o = operands (seeded case) case
                expectClose 1e-14 case (runDouble MatMulBackend.Managed case o) (runDouble MatMulBackend.OpenBlas case o)
                expectClose 2e-6 case (runSingle MatMulBackend.Managed case o) (runSingle MatMulBackend.OpenBlas case o)
        testCase "Automatic runs OpenBLAS when it is available, unless the managed kernel is the faster one here" <| fun () ->
            Expect.equal (MatMulDispatch.resolve MatMulBackend.Automatic MatMul.IsOpenBlasAvailable)
                (if MatMul.IsOpenBlasAvailable && not MatMulDispatch.managedPreferred then MatMulBackend.OpenBlas else MatMulBackend.Managed) "Automatic's choice"
            let case =
                { TransA = true; TransB = false; M = 9; N = 11; K = 13; AOffset = 1; BOffset = 2; COffset = 3; Accumulate = true }
            let o = operands (Random 5) case
            let c = Array.copy o.C
            MatMul.Gemm(true, false, 9, 11, 13, o.A, 1, o.B, 2, c, 3, true)
            expectClose 1e-14 case (reference case o) c
    ]

[<Tests>]
let backendChoice =
    testList "MatMul backend choice" [
        testCase "forcing OpenBlas without the library throws, saying how to install it" <| fun () ->
            let e = throwing<InvalidOperationException> "forced OpenBlas" (fun () -> MatMulDispatch.resolve MatMulBackend.OpenBlas false |> ignore)
            Expect.stringContains e.Message "apt-get install libopenblas0" "the message says how to install OpenBLAS"
        testCase "Automatic without the library is the managed kernel" <| fun () ->
            Expect.equal (MatMulDispatch.resolve MatMulBackend.Automatic false) MatMulBackend.Managed "fallback"
        testCase "Automatic with the library: OpenBLAS, or the managed kernel where it is faster" <| fun () ->
            Expect.equal (MatMulDispatch.resolveOn MatMulBackend.Automatic true false) MatMulBackend.OpenBlas "OpenBLAS preferred"
            Expect.equal (MatMulDispatch.resolveOn MatMulBackend.Automatic true true) MatMulBackend.Managed "managed preferred"
            Expect.equal (MatMulDispatch.resolveOn MatMulBackend.Automatic false false) MatMulBackend.Managed "no library"
        testCase "Managed stays managed with the library" <| fun () ->
            Expect.equal (MatMulDispatch.resolve MatMulBackend.Managed true) MatMulBackend.Managed "forced managed"
        // The backend is process-wide: this test changes it, so it runs alone, never beside tests that multiply.
        (testCase "setting OpenBlas follows availability; the property keeps the last accepted value" >> testSequenced) <| fun () ->
            let before = MatMul.Backend
            try
                MatMul.Backend <- MatMulBackend.Managed
                if MatMul.IsOpenBlasAvailable then
                    MatMul.Backend <- MatMulBackend.OpenBlas
                    Expect.equal MatMul.Backend MatMulBackend.OpenBlas "forced OpenBLAS"
                else
                    Expect.throwsT<InvalidOperationException> (fun () -> MatMul.Backend <- MatMulBackend.OpenBlas) "absent OpenBLAS"
                    Expect.equal MatMul.Backend MatMulBackend.Managed "the refused value was not stored"
            finally
                MatMul.Backend <- before
    ]

/// Calls the public Gemm in float64 with a valid 2×3·3×4 product, except for what `change` alters.
let gemmWith (change: int * int * int * float[] * int * float[] * int * float[] * int -> int * int * int * float[] * int * float[] * int * float[] * int) =
    let m, n, k, a, aOffset, b, bOffset, c, cOffset = change (2, 4, 3, Array.zeroCreate 6, 0, Array.zeroCreate 12, 0, Array.zeroCreate 8, 0)
    MatMul.Gemm(false, false, m, n, k, a, aOffset, b, bOffset, c, cOffset, false)

let refusesArgument name (what: string) change =
    testCase $"refuses {what} (names {name})" <| fun () ->
        let e = throwing<ArgumentException> name (fun () -> gemmWith change)
        Expect.equal e.ParamName name "the exception names the argument"

[<Tests>]
let refusals =
    testList "MatMul argument refusals" [
        refusesArgument "m" "a negative m" (fun (_, n, k, a, ao, b, bo, c, co) -> -1, n, k, a, ao, b, bo, c, co)
        refusesArgument "n" "a negative n" (fun (m, _, k, a, ao, b, bo, c, co) -> m, -1, k, a, ao, b, bo, c, co)
        refusesArgument "k" "a negative k" (fun (m, n, _, a, ao, b, bo, c, co) -> m, n, -2, a, ao, b, bo, c, co)
        refusesArgument "a" "a too short" (fun (m, n, k, _, ao, b, bo, c, co) -> m, n, k, Array.zeroCreate 5, ao, b, bo, c, co)
        refusesArgument "b" "b too short" (fun (m, n, k, a, ao, _, bo, c, co) -> m, n, k, a, ao, Array.zeroCreate 11, bo, c, co)
        refusesArgument "c" "c too short" (fun (m, n, k, a, ao, b, bo, _, co) -> m, n, k, a, ao, b, bo, Array.zeroCreate 7, co)
        refusesArgument "a" "a null a" (fun (m, n, k, _, ao, b, bo, c, co) -> m, n, k, null, ao, b, bo, c, co)
        refusesArgument "aOffset" "a negative aOffset" (fun (m, n, k, a, _, b, bo, c, co) -> m, n, k, a, -1, b, bo, c, co)
        refusesArgument "a" "an aOffset leaving too few values" (fun (m, n, k, a, _, b, bo, c, co) -> m, n, k, a, 1, b, bo, c, co)
        refusesArgument "bOffset" "a bOffset past the end" (fun (m, n, k, a, ao, b, _, c, co) -> m, n, k, a, ao, b, 13, c, co)
        refusesArgument "cOffset" "a negative cOffset" (fun (m, n, k, a, ao, b, bo, c, _) -> m, n, k, a, ao, b, bo, c, -3)
        refusesArgument "c" "c overlapping a" (fun (m, n, k, _, _, b, bo, _, _) ->
            let shared = Array.zeroCreate 20
            m, n, k, shared, 0, b, bo, shared, 4)
        refusesArgument "c" "c overlapping b" (fun (m, n, k, a, ao, _, _, _, _) ->
            let shared = Array.zeroCreate 30
            m, n, k, a, ao, shared, 10, shared, 3)
        testCase "refuses element types other than float32 and float64, naming the type" <| fun () ->
            let e = throwing<NotSupportedException> "int" (fun () -> MatMul.Gemm(false, false, 1, 1, 1, [| 1 |], 0, [| 2 |], 0, [| 0 |], 0, false))
            Expect.stringContains e.Message "System.Int32" "the message names the type"
    ]

[<Tests>]
let overwriting =
    testCase "accumulate = false overwrites C even where it held NaN, on every backend and kernel here" <| fun () ->
        let case =
            { TransA = false; TransB = true; M = 13; N = 35; K = 17; AOffset = 1; BOffset = 0; COffset = 2; Accumulate = false }
        let o = operands (Random 3) case
        let inside index = index >= case.COffset && index < case.COffset + case.M * case.N
        let o = { o with C = o.C |> Array.mapi (fun index value -> if inside index then nan else value) }
        let expected = reference case o
        expectClose 1e-14 case expected (runDoubleWith MatMulBackend.Managed false case o)
        if ManagedGemm.wideAvailable then
            expectClose 1e-14 case expected (runDoubleWith MatMulBackend.Managed true case o)
        if MatMul.IsOpenBlasAvailable then
            expectClose 1e-14 case expected (runDouble MatMulBackend.OpenBlas case o)
