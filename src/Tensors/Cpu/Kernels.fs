namespace Fluxion

open System
open System.Numerics
open System.Numerics.Tensors
open System.Threading

// ---------------------------------------------------------------------------------------------
// Raw kernels on contiguous row-major arrays: no tensors, no differentiation. Elementwise work goes
// through System.Numerics.Tensors' TensorPrimitives (SIMD) where it covers the function and otherwise
// through the rule table with the rule as a struct type parameter, so the JIT specialises every loop
// (no closure or virtual call per element). Work on more than ParallelThreshold elements is split
// across cores.
// ---------------------------------------------------------------------------------------------

/// A binary elementwise operation on rows: both operands contiguous, or one of them a single value.
type internal IRowOp<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// dst[i] = op(a[i], b[i]).
    static abstract Rows: a: ReadOnlySpan<'T> * b: ReadOnlySpan<'T> * dst: Span<'T> -> unit
    /// dst[i] = op(a[i], b).
    static abstract RowScalar: a: ReadOnlySpan<'T> * b: 'T * dst: Span<'T> -> unit
    /// dst[i] = op(a, b[i]).
    static abstract ScalarRow: a: 'T * b: ReadOnlySpan<'T> * dst: Span<'T> -> unit

/// a + b.
[<Struct>]
type internal AddOp<'T when 'T :> IFloatingPointIeee754<'T>> =
    interface IRowOp<'T> with
        static member Rows(a, b, dst) = TensorPrimitives.Add(a, b, dst)
        static member RowScalar(a, b, dst) = TensorPrimitives.Add(a, b, dst)
        static member ScalarRow(a, b, dst) = TensorPrimitives.Add(b, a, dst)

/// a − b.
[<Struct>]
type internal SubtractOp<'T when 'T :> IFloatingPointIeee754<'T>> =
    interface IRowOp<'T> with
        static member Rows(a, b, dst) = TensorPrimitives.Subtract(a, b, dst)
        static member RowScalar(a, b, dst) = TensorPrimitives.Subtract(a, b, dst)
        static member ScalarRow(a, b, dst) = TensorPrimitives.Subtract(a, b, dst)

/// a · b with IEEE semantics.
[<Struct>]
type internal MultiplyOp<'T when 'T :> IFloatingPointIeee754<'T>> =
    interface IRowOp<'T> with
        static member Rows(a, b, dst) = TensorPrimitives.Multiply(a, b, dst)
        static member RowScalar(a, b, dst) = TensorPrimitives.Multiply(a, b, dst)
        static member ScalarRow(a, b, dst) = TensorPrimitives.Multiply(b, a, dst)

/// The chain rule's product partial · tangent (a = partial, b = tangent or adjoint): IEEE multiplication,
/// except that a zero tangent stays zero where the partial is infinite or NaN (Chain.Scale). The plain product
/// runs first; only a row that contains a NaN, which is rare, is recomputed element by element.
[<Struct>]
type internal ChainOp<'T when 'T :> IFloatingPointIeee754<'T>> =
    interface IRowOp<'T> with
        static member Rows(a, b, dst) =
            TensorPrimitives.Multiply(a, b, dst)
            if TensorPrimitives.IsNaNAny(Span.op_Implicit dst) then
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- Chain.Scale(a[i], b[i])
        static member RowScalar(a, b, dst) =
            TensorPrimitives.Multiply(a, b, dst)
            if TensorPrimitives.IsNaNAny(Span.op_Implicit dst) then
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- Chain.Scale(a[i], b)
        static member ScalarRow(a, b, dst) =
            TensorPrimitives.Multiply(b, a, dst)
            if TensorPrimitives.IsNaNAny(Span.op_Implicit dst) then
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- Chain.Scale(a, b[i])

/// A binary rule's value f(a, b), element by element through the rule table.
[<Struct>]
type internal RuleOp<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>> =
    interface IRowOp<'T> with
        static member Rows(a, b, dst) =
            if Type.op_Equality(typeof<'R>, typeof<DivideRule>) then TensorPrimitives.Divide(a, b, dst)
            else
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- 'R.Value(a[i], b[i])
        static member RowScalar(a, b, dst) =
            if Type.op_Equality(typeof<'R>, typeof<DivideRule>) then TensorPrimitives.Divide(a, b, dst)
            else
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- 'R.Value(a[i], b)
        static member ScalarRow(a, b, dst) =
            if Type.op_Equality(typeof<'R>, typeof<DivideRule>) then TensorPrimitives.Divide(a, b, dst)
            else
                for i in 0 .. dst.Length - 1 do
                    dst[i] <- 'R.Value(a, b[i])

/// The raw kernels.
[<AbstractClass; Sealed>]
type internal Kernels =
    // Outputs that a kernel writes completely are allocated uninitialised (no zeroing pass over large arrays).

    /// Work on at least this many elements is split across cores.
    static member ParallelThreshold = 262144

    /// Runs body(start, stop) over [0, count) of units that each cost `unitCost` elements of work: in one call
    /// for small work, in a few chunks for large work. The calling thread takes chunks too and waits only for
    /// chunks that a pool thread has actually started: a pool thread that is scheduled late finds no work left
    /// and costs nothing (Parallel.For would wait for it to start, which on a busy machine takes milliseconds).
    static member Chunks(count: int, unitCost: int, body: int -> int -> unit) =
        let work = int64 count * int64 (max 1 unitCost)
        if count <= 1 || work < int64 Kernels.ParallelThreshold || Environment.ProcessorCount = 1 then body 0 count
        else
            let parts = int (min (int64 Environment.ProcessorCount * 2L) (min (int64 count) (work / 16384L)))
            let size = (count + parts - 1) / parts
            let next = ref 0
            let remaining = ref parts
            let failure: exn ref = ref null
            use finished = new ManualResetEventSlim(false)
            let run () =
                let mutable p = Interlocked.Increment(&next.contents) - 1
                while p < parts do
                    try
                        let s = p * size
                        let e = min count (s + size)
                        if s < e then body s e
                    with ex ->
                        Interlocked.CompareExchange(&failure.contents, ex, null) |> ignore
                    if Interlocked.Decrement(&remaining.contents) = 0 then finished.Set()
                    p <- Interlocked.Increment(&next.contents) - 1
            for _ in 2 .. Environment.ProcessorCount do
                ThreadPool.UnsafeQueueUserWorkItem((fun _ -> run ()), null) |> ignore
            run ()
            finished.Wait()
            if not (isNull failure.Value) then
                Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.Value).Throw()

    /// Calls body(aOffset, bOffset, outOffset, n) for every row (last axis) of the output shape, with operand
    /// offsets computed from their (possibly zero, for broadcasting) strides; rows run in parallel for large work.
    static member ForRows(outShape: int[], aStrides: int[], bStrides: int[], body: int -> int -> int -> int -> unit) =
        let r = outShape.Length
        if r = 0 then body 0 0 0 1
        else
            let n = outShape[r - 1]
            let total = Shapes.size outShape
            if total > 0 then
                let rows = total / n
                Kernels.Chunks(rows, n, fun r0 r1 ->
                    let idx = Array.zeroCreate (max 0 (r - 1))
                    let mutable rem = r0
                    let mutable ao = 0
                    let mutable bo = 0
                    for d in r - 2 .. -1 .. 0 do
                        idx[d] <- rem % outShape[d]
                        rem <- rem / outShape[d]
                        ao <- ao + idx[d] * aStrides[d]
                        bo <- bo + idx[d] * bStrides[d]
                    for row in r0 .. r1 - 1 do
                        body ao bo (row * n) n
                        let mutable d = r - 2
                        let mutable carry = true
                        while carry && d >= 0 do
                            idx[d] <- idx[d] + 1
                            ao <- ao + aStrides[d]
                            bo <- bo + bStrides[d]
                            if idx[d] = outShape[d] then
                                ao <- ao - aStrides[d] * outShape[d]
                                bo <- bo - bStrides[d] * outShape[d]
                                idx[d] <- 0
                                d <- d - 1
                            else carry <- false)

    /// op(a, b) over the broadcast shape `outShape`.
    static member Binary<'Op, 'T when 'Op :> IRowOp<'T> and 'Op: struct and 'T :> IFloatingPointIeee754<'T>>
        (a: 'T[], aShape: int[], b: 'T[], bShape: int[], outShape: int[]) : 'T[] =
        let total = Shapes.size outShape
        let out = CpuPool<'T>.Rent total
        if a.Length = total && b.Length = total then
            Kernels.Chunks(total, 1, fun s e ->
                'Op.Rows(ReadOnlySpan(a, s, e - s), ReadOnlySpan(b, s, e - s), Span(out, s, e - s)))
        elif b.Length = 1 && a.Length = total then
            let bv = b[0]
            Kernels.Chunks(total, 1, fun s e -> 'Op.RowScalar(ReadOnlySpan(a, s, e - s), bv, Span(out, s, e - s)))
        elif a.Length = 1 && b.Length = total then
            let av = a[0]
            Kernels.Chunks(total, 1, fun s e -> 'Op.ScalarRow(av, ReadOnlySpan(b, s, e - s), Span(out, s, e - s)))
        elif total > 0 then
            let sa = Shapes.broadcastStrides aShape outShape
            let sb = Shapes.broadcastStrides bShape outShape
            let r = outShape.Length
            let ia = sa[r - 1]
            let ib = sb[r - 1]
            Kernels.ForRows(outShape, sa, sb, fun ao bo oo n ->
                let dst = Span(out, oo, n)
                if ia = 1 && ib = 1 then 'Op.Rows(ReadOnlySpan(a, ao, n), ReadOnlySpan(b, bo, n), dst)
                elif ia = 1 then 'Op.RowScalar(ReadOnlySpan(a, ao, n), b[bo], dst)
                elif ib = 1 then 'Op.ScalarRow(a[ao], ReadOnlySpan(b, bo, n), dst)
                else
                    // Both operands repeat along the last axis: one value, repeated.
                    'Op.RowScalar(ReadOnlySpan(a, ao, 1), b[bo], Span(out, oo, 1))
                    dst.Slice(1).Fill(out[oo]))
        out

    /// Elements of `src` read through offset and strides (zero strides repeat), written contiguously in the
    /// row-major order of `outShape`: broadcasting, transposition and slicing are all this copy.
    static member Strided<'T>(src: 'T[], offset: int, srcStrides: int[], outShape: int[]) : 'T[] =
        let out = CpuPool<'T>.Rent(Shapes.size outShape)
        if out.Length > 0 then
            let r = outShape.Length
            if r = 0 then out[0] <- src[offset]
            else
                let inner = srcStrides[r - 1]
                Kernels.ForRows(outShape, srcStrides, Array.zeroCreate r, fun so _ oo n ->
                    let so = so + offset
                    if inner = 1 then Array.Copy(src, so, out, oo, n)
                    elif inner = 0 then Array.Fill(out, src[so], oo, n)
                    else
                        for i in 0 .. n - 1 do
                            out[oo + i] <- src[so + i * inner])
        out

    /// The inverse of Strided: adds the contiguous `src` (of shape srcShape) into `dst` at offset and strides.
    /// The strides must not make two source elements meet (slices and permutations).
    static member StridedAddInto<'T when 'T :> IFloatingPointIeee754<'T>>
        (dst: 'T[], offset: int, dstStrides: int[], src: 'T[], srcShape: int[]) =
        if src.Length > 0 then
            let r = srcShape.Length
            if r = 0 then dst[offset] <- 'T.op_Addition(dst[offset], src[0])
            else
                let inner = dstStrides[r - 1]
                Kernels.ForRows(srcShape, dstStrides, Array.zeroCreate r, fun d _ so n ->
                    let d = d + offset
                    if inner = 1 then
                        TensorPrimitives.Add(ReadOnlySpan(dst, d, n), ReadOnlySpan(src, so, n), Span(dst, d, n))
                    else
                        for i in 0 .. n - 1 do
                            dst[d + i * inner] <- 'T.op_Addition(dst[d + i * inner], src[so + i]))

    /// Sums a tensor viewed as [outer, n, inner] over its middle axis: the result is [outer, inner].
    static member SumMiddle<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], outer: int, n: int, inner: int) : 'T[] =
        let out = CpuPool<'T>.RentZeroed(outer * inner)
        if inner = 1 then
            Kernels.Chunks(outer, n, fun s e ->
                for o in s .. e - 1 do
                    out[o] <- TensorPrimitives.Sum(ReadOnlySpan(x, o * n, n)))
        elif outer = 1 then
            // One output row: split it into column blocks so that large sums still use every core.
            Kernels.Chunks(inner, n, fun s e ->
                let dst = Span(out, s, e - s)
                for k in 0 .. n - 1 do
                    TensorPrimitives.Add(Span.op_Implicit dst, ReadOnlySpan(x, k * inner + s, e - s), dst))
        else
            Kernels.Chunks(outer, n * inner, fun s e ->
                for o in s .. e - 1 do
                    let dst = Span(out, o * inner, inner)
                    for k in 0 .. n - 1 do
                        TensorPrimitives.Add(Span.op_Implicit dst, ReadOnlySpan(x, (o * n + k) * inner, inner), dst))
        out

    /// The maximum (or minimum) over the middle axis of [outer, n, inner] (n ≥ 1); NaN if a NaN takes part.
    static member ExtremeMiddle<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T[], outer: int, n: int, inner: int, isMax: bool) : 'T[] =
        let out = CpuPool<'T>.RentZeroed(outer * inner)
        Kernels.Chunks(outer, n * inner, fun s e ->
            for o in s .. e - 1 do
                if inner = 1 then
                    let row = ReadOnlySpan(x, o * n, n)
                    out[o] <- if isMax then TensorPrimitives.Max row else TensorPrimitives.Min row
                else
                    let dst = Span(out, o * inner, inner)
                    ReadOnlySpan(x, o * n * inner, inner).CopyTo dst
                    for k in 1 .. n - 1 do
                        let row = ReadOnlySpan(x, (o * n + k) * inner, inner)
                        if isMax then TensorPrimitives.Max(Span.op_Implicit dst, row, dst)
                        else TensorPrimitives.Min(Span.op_Implicit dst, row, dst))
        out

    /// A unary rule's value f(x) element by element. SIMD only where it gives the rule's value: TensorPrimitives for
    /// the correctly rounded functions (sqrt, abs, floor, ceiling, truncate), VectorMath's tanh; everything else
    /// (exp, log, sin, cos, ... whose TensorPrimitives versions differ from the scalar functions, and Sin/Cos by
    /// an ulp between calls) through the scalar rule, so a tensor agrees with every other mode.
    static member RuleValue<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(x: 'T[]) : 'T[] =
        let y = CpuPool<'T>.Rent x.Length
        Kernels.Chunks(x.Length, 2, fun s e ->
            let xs = ReadOnlySpan(x, s, e - s)
            let ys = Span(y, s, e - s)
            let r = typeof<'R>
            if Type.op_Equality(r, typeof<SqrtRule>) then TensorPrimitives.Sqrt(xs, ys)
            elif Type.op_Equality(r, typeof<AbsRule>) then TensorPrimitives.Abs(xs, ys)
            elif Type.op_Equality(r, typeof<FloorRule>) then TensorPrimitives.Floor(xs, ys)
            elif Type.op_Equality(r, typeof<CeilingRule>) then TensorPrimitives.Ceiling(xs, ys)
            elif Type.op_Equality(r, typeof<TruncateRule>) then TensorPrimitives.Truncate(xs, ys)
            elif Type.op_Equality(r, typeof<TanhRule>) && Type.op_Equality(typeof<'T>, typeof<float>) then
                VectorMath.Tanh(ReadOnlySpan<float>(box x :?> float[], s, e - s), Span<float>(box y :?> float[], s, e - s))
            elif Type.op_Equality(r, typeof<TanhRule>) && Type.op_Equality(typeof<'T>, typeof<float32>) then
                VectorMath.Tanh(ReadOnlySpan<float32>(box x :?> float32[], s, e - s), Span<float32>(box y :?> float32[], s, e - s))
            else
                for i in s .. e - 1 do
                    y[i] <- 'R.Value x[i])
        y

    /// A unary rule's derivative f′(x) element by element, given fx = f(x).
    static member RuleDerivative<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(x: 'T[], fx: 'T[]) : 'T[] =
        let d = CpuPool<'T>.Rent x.Length
        Kernels.Chunks(x.Length, 2, fun s e ->
            if Type.op_Equality(typeof<'R>, typeof<ExpRule>) then Array.Copy(fx, s, d, s, e - s)
            else
                for i in s .. e - 1 do
                    d[i] <- 'R.Derivative(x[i], fx[i]))
        d

    /// A unary rule's second derivative f″(x) element by element, given fx and dfx = f′(x).
    static member RuleSecondDerivative<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], fx: 'T[], dfx: 'T[]) : 'T[] =
        let d = CpuPool<'T>.Rent x.Length
        Kernels.Chunks(x.Length, 2, fun s e ->
            for i in s .. e - 1 do
                d[i] <- 'R.SecondDerivative(x[i], fx[i], dfx[i]))
        d

    /// Applies per(ia, ib, io) for every element of the broadcast output (rare paths: partials of binary rules).
    static member ForElements(aShape: int[], bShape: int[], outShape: int[], per: int -> int -> int -> unit) =
        let sa = Shapes.broadcastStrides aShape outShape
        let sb = Shapes.broadcastStrides bShape outShape
        let r = outShape.Length
        let ia = if r = 0 then 0 else sa[r - 1]
        let ib = if r = 0 then 0 else sb[r - 1]
        Kernels.ForRows(outShape, sa, sb, fun ao bo oo n ->
            for i in 0 .. n - 1 do
                per (ao + i * ia) (bo + i * ib) (oo + i))
