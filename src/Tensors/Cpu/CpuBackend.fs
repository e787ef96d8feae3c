namespace Fluxion

open System
open System.Numerics
open System.Numerics.Tensors

/// Storage in a CLR array on the CPU.
[<Sealed; AllowNullLiteral>]
type internal CpuStorage<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[]) =
    inherit Storage<'T>(values.Length)
    let mutable values = values
    /// The elements (null once released).
    member _.Values = values
    override _.Backend = CpuBackend<'T>.Instance :> TensorBackend<'T>
    override _.Release() =
        let v = values
        values <- null
        if not (isNull v) then CpuPool<'T>.Return v

/// <summary>
/// The CPU backend: SIMD kernels (System.Numerics.Tensors where they give the rule's value, Fluxion's own
/// elsewhere), work split across cores for large tensors, and matrix products on OpenBLAS or the managed blocked
/// kernel (<see cref="T:Fluxion.MatMul"/>).
/// </summary>
and [<Sealed>] internal CpuBackend<'T when 'T :> IFloatingPointIeee754<'T>> private () =
    inherit TensorBackend<'T>()
    static let instance = CpuBackend<'T>()

    // Adam's per-block workspace, one per thread: a step allocates nothing.
    [<ThreadStatic; DefaultValue>]
    static val mutable private scratch: 'T[]

    /// The one CPU backend for 'T.
    static member Instance = instance

    /// The array of a storage, which must be the CPU's.
    static member Array(s: Storage<'T>) : 'T[] =
        match s with
        | :? CpuStorage<'T> as c ->
            let v = c.Values
            if isNull v then
                raise (
                    ObjectDisposedException(
                        "Tensor",
                        "This tensor's storage was handed back when the TensorScope that computed it ended; read it inside the scope, or keep it with scope.Keep(tensor)."
                    )
                )
            v
        | null -> raise (ArgumentNullException "storage")
        | other -> raise (InvalidOperationException($"A tensor on {other.Backend.Name} was given to the CPU backend; move it to the CPU first."))

    /// The result of a primitive: owned by the current tensor scope, if any.
    static member private Wrap(values: 'T[]) =
        let s = CpuStorage<'T>(values)
        TensorScope.Register s
        s :> Storage<'T>

    /// Storage that no scope owns (host data, constants, parameters, optimiser state).
    static member private Persistent(values: 'T[]) = CpuStorage<'T>(values) :> Storage<'T>
    static member private A(s: Storage<'T>) = CpuBackend<'T>.Array s

    override _.Name = "CPU"

    override _.FromHost(values) = CpuBackend<'T>.Persistent values
    override _.CopyToHost(source, destination) = ReadOnlySpan<'T>(CpuBackend<'T>.A source).CopyTo destination
    override _.CopyFromHostInPlace(source, destination) = source.CopyTo(Span<'T>(CpuBackend<'T>.A destination))
    override _.Get(source, index) = (CpuBackend<'T>.A source)[index]
    override _.Fill(count, value) =
        let values = GC.AllocateUninitializedArray count
        Array.Fill(values, value)
        CpuBackend<'T>.Persistent values
    override _.Copy(source) = CpuBackend<'T>.Persistent(Array.copy (CpuBackend<'T>.A source))

    override _.Map<'R when 'R :> IUnaryRule and 'R: struct>(x) = CpuBackend<'T>.Wrap(Kernels.RuleValue<'R, 'T>(CpuBackend<'T>.A x))
    override _.MapDerivative<'R when 'R :> IUnaryRule and 'R: struct>(x, lower, order) =
        CpuBackend<'T>.Wrap(HigherOrder.Derivative<'R, 'T>(CpuBackend<'T>.A x, lower |> Array.map CpuBackend<'T>.A, order))

    override _.Combine(op, a, aShape, b, bShape, outShape, scale) =
        let av, bv = CpuBackend<'T>.A a, CpuBackend<'T>.A b
        let values =
            match op with
            | ElementwiseOp.Add -> Kernels.Binary<AddOp<'T>, 'T>(av, aShape, bv, bShape, outShape)
            | ElementwiseOp.Subtract -> Kernels.Binary<SubtractOp<'T>, 'T>(av, aShape, bv, bShape, outShape)
            | ElementwiseOp.Multiply -> Kernels.Binary<MultiplyOp<'T>, 'T>(av, aShape, bv, bShape, outShape)
            | ElementwiseOp.Chain -> Kernels.Binary<ChainOp<'T>, 'T>(av, aShape, bv, bShape, outShape)
            | _ -> raise (ArgumentOutOfRangeException(nameof op))
        if not ('T.op_Equality(scale, 'T.One)) then
            Kernels.Chunks(values.Length, 1, fun s e ->
                let span = Span(values, s, e - s)
                TensorPrimitives.Multiply(Span.op_Implicit span, scale, span))
        CpuBackend<'T>.Wrap values

    override _.Negate(x) =
        let xv = CpuBackend<'T>.A x
        let values = CpuPool<'T>.Rent xv.Length
        Kernels.Chunks(xv.Length, 1, fun s e -> TensorPrimitives.Negate(ReadOnlySpan(xv, s, e - s), Span(values, s, e - s)))
        CpuBackend<'T>.Wrap values

    override _.MapBinary<'R when 'R :> IBinaryRule and 'R: struct>(a, aShape, b, bShape, outShape) =
        CpuBackend<'T>.Wrap(Kernels.Binary<RuleOp<'R, 'T>, 'T>(CpuBackend<'T>.A a, aShape, CpuBackend<'T>.A b, bShape, outShape))

    override _.MapPartial<'R when 'R :> IBinaryRule and 'R: struct>(a, aShape, b, bShape, outShape, z, i, j) =
        CpuBackend<'T>.Wrap(HigherOrder.Partial<'R, 'T>(CpuBackend<'T>.A a, aShape, CpuBackend<'T>.A b, bShape, outShape, CpuBackend<'T>.A z, i, j))

    override _.Sum(x, shape, axes) =
        let values = CpuBackend<'T>.A x
        let mutable cur = values
        for struct (outer, n, inner) in Shapes.sumGroups shape axes do
            cur <- Kernels.SumMiddle(cur, outer, n, inner)
        CpuBackend<'T>.Wrap(if Object.ReferenceEquals(cur, values) then Array.copy values else cur)

    override _.Extreme(x, outer, n, inner, isMax) =
        let xv = CpuBackend<'T>.A x
        let values = Kernels.ExtremeMiddle(xv, outer, n, inner, isMax)
        let weights = CpuPool<'T>.RentZeroed xv.Length
        for o in 0 .. outer - 1 do
            for i in 0 .. inner - 1 do
                let m = values[o * inner + i]
                let mutable ties = 0
                for j in 0 .. n - 1 do
                    if 'T.op_Equality(xv[(o * n + j) * inner + i], m) then ties <- ties + 1
                if ties > 0 then
                    let w = 'T.One / 'T.CreateChecked ties
                    for j in 0 .. n - 1 do
                        let at = (o * n + j) * inner + i
                        if 'T.op_Equality(xv[at], m) then weights[at] <- w
                else
                    // NaN: the derivative is NaN too.
                    for j in 0 .. n - 1 do
                        weights[(o * n + j) * inner + i] <- 'T.NaN
        struct (CpuBackend<'T>.Wrap values, CpuBackend<'T>.Wrap weights)

    override _.Strided(x, offset, strides, outShape) = CpuBackend<'T>.Wrap(Kernels.Strided(CpuBackend<'T>.A x, offset, strides, outShape))

    override _.Assemble(count, pieces) =
        let values = CpuPool<'T>.RentZeroed count
        for p in pieces do
            Kernels.StridedAddInto(values, p.Offset, p.Strides, CpuBackend<'T>.A p.Source, p.Shape)
        CpuBackend<'T>.Wrap values

    override _.Gather(x, outer, n, inner, indices, k) =
        let xv = CpuBackend<'T>.A x
        let values = CpuPool<'T>.Rent(outer * k * inner)
        for o in 0 .. outer - 1 do
            for j in 0 .. k - 1 do
                let at = (o * k + j) * inner
                for i in 0 .. inner - 1 do
                    values[at + i] <- xv[(o * n + indices[at + i]) * inner + i]
        CpuBackend<'T>.Wrap values

    override _.ScatterAdd(g, outer, k, inner, indices, n) =
        let gv = CpuBackend<'T>.A g
        let values = CpuPool<'T>.RentZeroed(outer * n * inner)
        for o in 0 .. outer - 1 do
            for j in 0 .. k - 1 do
                let at = (o * k + j) * inner
                for i in 0 .. inner - 1 do
                    let d = (o * n + indices[at + i]) * inner + i
                    values[d] <- 'T.op_Addition(values[d], gv[at + i])
        CpuBackend<'T>.Wrap values

    override _.MatMul(transA, transB, batch, m, n, k, a, b) =
        let av, bv = CpuBackend<'T>.A a, CpuBackend<'T>.A b
        let sa, sb = av.Length / max 1 batch, bv.Length / max 1 batch
        let values = if k = 0 then CpuPool<'T>.RentZeroed(batch * m * n) else CpuPool<'T>.Rent(batch * m * n)
        for i in 0 .. batch - 1 do
            MatMul.Gemm(transA, transB, m, n, k, av, i * sa, bv, i * sb, values, i * m * n, false)
        CpuBackend<'T>.Wrap values

    override _.AddInPlace(target, source) =
        let t, s = CpuBackend<'T>.A target, CpuBackend<'T>.A source
        Kernels.Chunks(t.Length, 1, fun a e ->
            let span = Span(t, a, e - a)
            TensorPrimitives.Add(Span.op_Implicit span, ReadOnlySpan(s, a, e - a), span))

    override _.SgdStepInPlace(p, g, velocity, learningRate, momentum, weightDecay) =
        let p = CpuBackend<'T>.A p
        let g = ReadOnlySpan<'T>(CpuBackend<'T>.A g)
        let pr = ReadOnlySpan<'T>(p)
        if not ('T.IsZero momentum) then
            let v = CpuBackend<'T>.A velocity
            let vr = ReadOnlySpan<'T>(v)
            // v ← μ·v + g (+ λ·p); p ← p − η·v.
            TensorPrimitives.MultiplyAdd(vr, momentum, g, Span<'T>(v))
            if not ('T.IsZero weightDecay) then TensorPrimitives.MultiplyAdd(pr, weightDecay, vr, Span<'T>(v))
            TensorPrimitives.MultiplyAdd(vr, -learningRate, pr, Span<'T>(p))
        else
            // p ← (1 − η·λ)·p − η·g.
            if not ('T.IsZero weightDecay) then TensorPrimitives.Multiply(pr, 'T.One - learningRate * weightDecay, Span<'T>(p))
            TensorPrimitives.MultiplyAdd(g, -learningRate, pr, Span<'T>(p))

    override _.AdamStepInPlace(p, g, m, v, beta1, beta2, rootCorrection, minusStep, epsilon) =
        let p, m, v = CpuBackend<'T>.A p, CpuBackend<'T>.A m, CpuBackend<'T>.A v
        let g = ReadOnlySpan<'T>(CpuBackend<'T>.A g)
        let c1, c2 = 'T.One - beta1, 'T.One - beta2
        // Block by block through a per-thread workspace: no allocation per step.
        let block = 256
        if isNull CpuBackend<'T>.scratch then CpuBackend<'T>.scratch <- Array.zeroCreate block
        let scratch = Span<'T>(CpuBackend<'T>.scratch)
        let mutable s = 0
        while s < p.Length do
            let e = min p.Length (s + block)
            let n = e - s
            let w = scratch.Slice(0, n)
            let wr = Span.op_Implicit w : ReadOnlySpan<'T>
            let gs = g.Slice(s, n)
            let ms = Span<'T>(m, s, n)
            let vs = Span<'T>(v, s, n)
            let ps = Span<'T>(p, s, n)
            TensorPrimitives.Multiply(gs, c1, w)
            TensorPrimitives.MultiplyAdd(Span.op_Implicit ms, beta1, wr, ms)
            TensorPrimitives.Multiply(gs, gs, w)
            TensorPrimitives.Multiply(wr, c2, w)
            TensorPrimitives.MultiplyAdd(Span.op_Implicit vs, beta2, wr, vs)
            TensorPrimitives.Sqrt(Span.op_Implicit vs, w)
            TensorPrimitives.Multiply(wr, rootCorrection, w)
            TensorPrimitives.Add(wr, epsilon, w)
            TensorPrimitives.Divide(Span.op_Implicit ms, wr, w)
            TensorPrimitives.MultiplyAdd(wr, minusStep, Span.op_Implicit ps, ps)
            s <- e
