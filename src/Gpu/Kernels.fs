namespace Fluxion.Gpu

open System
open System.Numerics
open ILGPU
open Fluxion

// ---------------------------------------------------------------------------------------------
// The ILGPU kernels of the tensor backend. Every kernel is a static method over value types (no classes,
// closures, exceptions or boxing inside), generic over the element type and, for elementwise rules, over
// the rule struct of src/DualNumbers/Rules.fs: the kernel calls the rule's static abstract Value /
// Derivative / SecondDerivative, so a device computes the same formula as every other mode. Shapes and
// strides travel in a small int view ("meta"): [rank; dims…; strides of operand 1…; strides of operand 2…].
// Loops are while loops with mutable locals (ILGPU compiles them to plain branches).
// ---------------------------------------------------------------------------------------------

/// Compile-time constants of the kernels.
module internal KernelSizes =
    /// The edge of a matrix-product tile (threads per group: Tile² = 64).
    [<Literal>]
    let Tile = 8

open KernelSizes

/// The kernels (static methods loaded by IlgpuBackend through reflection, once per accelerator).
[<AbstractClass; Sealed>]
type internal IlgpuKernels =

    /// The offset of the element at flat index `flat` (row-major over meta's dims) for the strides at meta[base..].
    static member Offset(meta: ArrayView<int>, flat: int, strideBase: int) : int =
        let rank = meta[0]
        let mutable rest = flat
        let mutable offset = 0
        let mutable d = rank - 1
        while d >= 0 do
            let extent = meta[1 + d]
            let index = rest % extent
            rest <- rest / extent
            offset <- offset + index * meta[strideBase + d]
            d <- d - 1
        offset

    /// partial · tangent with the chain rule's zero convention (Chain.Scale): a zero tangent stays zero where
    /// the partial is infinite or NaN. Written without IsFinite's bit tricks: p − p is 0 exactly for finite p.
    static member ChainScale<'T when 'T :> IFloatingPointIeee754<'T>>(p: 'T, t: 'T) : 'T =
        if 'T.op_Equality(p - p, 'T.Zero) || not ('T.op_Equality(t, 'T.Zero)) then p * t else 'T.Zero

    /// a·b + c, rounded twice (as TensorPrimitives.MultiplyAdd on the CPU), never fused.
    static member MulAdd<'T when 'T :> IFloatingPointIeee754<'T>>(a: 'T, b: 'T, c: 'T) : 'T =
        let product: 'T = a * b
        product + c

    // ----- creation and elementwise ------------------------------------------------------------

    static member Fill<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, y: ArrayView<'T>, value: 'T) =
        y[i] <- value

    static member RuleValue<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, y: ArrayView<'T>) =
        y[i] <- 'R.Value x[i]

    static member RuleDerivative<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, fx: ArrayView<'T>, y: ArrayView<'T>) =
        y[i] <- 'R.Derivative(x[i], fx[i])

    static member RuleSecondDerivative<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, fx: ArrayView<'T>, dfx: ArrayView<'T>, y: ArrayView<'T>) =
        y[i] <- 'R.SecondDerivative(x[i], fx[i], dfx[i])

    static member Negate<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, y: ArrayView<'T>) =
        y[i] <- 'T.op_UnaryNegation x[i]

    /// op(a, b)·scale with broadcasting; op: 0 add, 1 subtract, 2 multiply, 3 chain (ElementwiseOp).
    static member Combine<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, a: ArrayView<'T>, b: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>, op: int, scale: 'T) =
        let rank = meta[0]
        let va = a[IlgpuKernels.Offset(meta, i.X, 1 + rank)]
        let vb = b[IlgpuKernels.Offset(meta, i.X, 1 + 2 * rank)]
        let v =
            if op = 0 then va + vb
            elif op = 1 then va - vb
            elif op = 2 then va * vb
            else IlgpuKernels.ChainScale(va, vb)
        y[i] <- v * scale

    static member RuleBinary<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, a: ArrayView<'T>, b: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>) =
        let rank = meta[0]
        y[i] <- 'R.Value(a[IlgpuKernels.Offset(meta, i.X, 1 + rank)], b[IlgpuKernels.Offset(meta, i.X, 1 + 2 * rank)])

    /// ∂f/∂a (pick 0) or ∂f/∂b (pick 1), given z = f(a, b) over the output shape.
    static member RulePartial<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, a: ArrayView<'T>, b: ArrayView<'T>, z: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>, pick: int) =
        let rank = meta[0]
        let struct (p, q) = 'R.Partials(a[IlgpuKernels.Offset(meta, i.X, 1 + rank)], b[IlgpuKernels.Offset(meta, i.X, 1 + 2 * rank)], z[i])
        y[i] <- (if pick = 0 then p else q)

    /// ∂²f/∂a² (pick 0), ∂²f/∂a∂b (pick 1) or ∂²f/∂b² (pick 2), given z = f(a, b).
    static member RuleSecondPartial<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, a: ArrayView<'T>, b: ArrayView<'T>, z: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>, pick: int) =
        let rank = meta[0]
        let struct (p, q, r) = 'R.SecondPartials(a[IlgpuKernels.Offset(meta, i.X, 1 + rank)], b[IlgpuKernels.Offset(meta, i.X, 1 + 2 * rank)], z[i])
        y[i] <- (if pick = 0 then p elif pick = 1 then q else r)

    // ----- reductions ------------------------------------------------------------------------------

    /// y[o, i] = Σⱼ x[o, j, i] for x viewed as [outer, n, inner]; one thread per output element.
    static member SumMiddle<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, y: ArrayView<'T>, n: int, inner: int) =
        let o = i.X / inner
        let ii = i.X % inner
        let mutable s = 'T.Zero
        let mutable j = 0
        while j < n do
            s <- s + x[(o * n + j) * inner + ii]
            j <- j + 1
        y[i] <- s

    /// The extreme over the middle axis (NaN if a NaN takes part; +0 beats −0 for the maximum, −0 for the
    /// minimum) and each element's share of its derivative (1/ties where it attains the extreme, NaN for a NaN).
    static member Extreme<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, values: ArrayView<'T>, weights: ArrayView<'T>, n: int, inner: int, isMax: int) =
        let o = i.X / inner
        let ii = i.X % inner
        let mutable m = x[o * n * inner + ii]
        let mutable nan = not ('T.op_Equality(m, m))
        let mutable j = 1
        while j < n do
            let v = x[(o * n + j) * inner + ii]
            if not ('T.op_Equality(v, v)) then nan <- true
            elif isMax = 1 then
                if 'T.op_GreaterThan(v, m) then m <- v
                elif 'T.op_Equality(v, m) && 'T.op_Equality(v, 'T.Zero) && 'T.op_LessThan('T.One / m, 'T.Zero) then m <- v
            else
                if 'T.op_LessThan(v, m) then m <- v
                elif 'T.op_Equality(v, m) && 'T.op_Equality(v, 'T.Zero) && 'T.op_LessThan('T.One / v, 'T.Zero) then m <- v
            j <- j + 1
        if nan then
            values[i] <- 'T.NaN
            j <- 0
            while j < n do
                weights[(o * n + j) * inner + ii] <- 'T.NaN
                j <- j + 1
        else
            values[i] <- m
            // The ties are counted in 'T: 'T.CreateTruncating(int) tests types at run time, which ILGPU cannot compile.
            let mutable ties = 'T.Zero
            j <- 0
            while j < n do
                if 'T.op_Equality(x[(o * n + j) * inner + ii], m) then ties <- ties + 'T.One
                j <- j + 1
            let w = 'T.One / ties
            j <- 0
            while j < n do
                let at = (o * n + j) * inner + ii
                weights[at] <- (if 'T.op_Equality(x[at], m) then w else 'T.Zero)
                j <- j + 1

    // ----- movement --------------------------------------------------------------------------------

    /// y[i] = x[offset + Σ index_d · stride_d] over meta = [rank; dims; strides].
    static member Strided<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>, offset: int) =
        y[i] <- x[offset + IlgpuKernels.Offset(meta, i.X, 1 + meta[0])]

    /// y[offset + Σ index_d · stride_d] += x[i] (the placements of Assemble; two elements of x never meet).
    static member StridedAdd<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, y: ArrayView<'T>, meta: ArrayView<int>, offset: int) =
        let at = offset + IlgpuKernels.Offset(meta, i.X, 1 + meta[0])
        y[at] <- y[at] + x[i]

    /// y[o, j, i] = x[o, indices[(o·k + j)·inner + i], i].
    static member Gather<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, x: ArrayView<'T>, indices: ArrayView<int>, y: ArrayView<'T>, n: int, k: int, inner: int) =
        let o = i.X / (k * inner)
        let ii = i.X % inner
        y[i] <- x[(o * n + indices[i]) * inner + ii]

    /// One thread per (o, i) column adds its k gathered adjoints into y (zeros [outer, n, inner]): columns are
    /// disjoint, so no two threads write one element and the sums are in a fixed order.
    static member ScatterAdd<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, g: ArrayView<'T>, indices: ArrayView<int>, y: ArrayView<'T>, n: int, k: int, inner: int) =
        let o = i.X / inner
        let ii = i.X % inner
        let mutable j = 0
        while j < k do
            let at = (o * k + j) * inner + ii
            let d = (o * n + indices[at]) * inner + ii
            y[d] <- y[d] + g[at]
            j <- j + 1

    // ----- products --------------------------------------------------------------------------------

    /// C[z] = op(A[z])·op(B[z]) with Tile×Tile tiles staged in shared memory. A element (r, p) of batch z is at
    /// z·aBatch + r·aRow + p·aCol (transposition is a choice of strides), B likewise; C is dense m × n.
    /// Grid: (⌈n/Tile⌉, ⌈m/Tile⌉, batch) groups of (Tile, Tile) threads.
    static member MatMul<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (a: ArrayView<'T>, b: ArrayView<'T>, c: ArrayView<'T>, m: int, n: int, k: int,
         aRow: int, aCol: int, aBatch: int, bRow: int, bCol: int, bBatch: int) =
        let tileA = SharedMemory.Allocate<'T>(Tile * Tile)
        let tileB = SharedMemory.Allocate<'T>(Tile * Tile)
        let tx = Group.IdxX
        let ty = Group.IdxY
        let col = Grid.IdxX * Tile + tx
        let row = Grid.IdxY * Tile + ty
        let z = Grid.IdxZ
        let mutable acc = 'T.Zero
        let mutable t = 0
        while t < k do
            let ak = t + tx
            tileA[ty * Tile + tx] <- (if row < m && ak < k then a[z * aBatch + row * aRow + ak * aCol] else 'T.Zero)
            let bk = t + ty
            tileB[ty * Tile + tx] <- (if bk < k && col < n then b[z * bBatch + bk * bRow + col * bCol] else 'T.Zero)
            Group.Barrier()
            let mutable p = 0
            while p < Tile do
                let x: 'T = tileA[ty * Tile + p]
                let w: 'T = tileB[p * Tile + tx]
                acc <- acc + x * w
                p <- p + 1
            Group.Barrier()
            t <- t + Tile
        if row < m && col < n then c[z * m * n + row * n + col] <- acc

    // ----- in place --------------------------------------------------------------------------------

    static member AddInPlace<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, target: ArrayView<'T>, source: ArrayView<'T>) =
        target[i] <- target[i] + source[i]

    /// v ← μ·v + g (+ λ·p); p ← p − η·v.
    static member SgdMomentum<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, p: ArrayView<'T>, g: ArrayView<'T>, v: ArrayView<'T>, learningRate: 'T, momentum: 'T, weightDecay: 'T) =
        let gi: 'T = g[i]
        let pi: 'T = p[i]
        let vv: 'T = v[i]
        let v0 = IlgpuKernels.MulAdd(vv, momentum, gi)
        let vi = if 'T.op_Equality(weightDecay, 'T.Zero) then v0 else IlgpuKernels.MulAdd(pi, weightDecay, v0)
        v[i] <- vi
        p[i] <- pi - vi * learningRate

    /// p ← (1 − η·λ)·p − η·g.
    static member Sgd<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, p: ArrayView<'T>, g: ArrayView<'T>, learningRate: 'T, weightDecay: 'T) =
        let p0: 'T = p[i]
        let pi: 'T = if 'T.op_Equality(weightDecay, 'T.Zero) then p0 else p0 * ('T.One - learningRate * weightDecay)
        let gi: 'T = g[i]
        p[i] <- pi - gi * learningRate

    /// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p + minusStep·m/(√v·rootCorrection + ε).
    static member Adam<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, p: ArrayView<'T>, g: ArrayView<'T>, m: ArrayView<'T>, v: ArrayView<'T>,
         beta1: 'T, beta2: 'T, rootCorrection: 'T, minusStep: 'T, epsilon: 'T) =
        let gi: 'T = g[i]
        let m0: 'T = m[i]
        let v0: 'T = v[i]
        let p0: 'T = p[i]
        let c1: 'T = 'T.One - beta1
        let c2: 'T = 'T.One - beta2
        let g1: 'T = gi * c1
        let gg: 'T = gi * gi
        let g2: 'T = gg * c2
        let mi = IlgpuKernels.MulAdd(m0, beta1, g1)
        let vi = IlgpuKernels.MulAdd(v0, beta2, g2)
        m[i] <- mi
        v[i] <- vi
        let root: 'T = 'T.Sqrt vi
        let den = IlgpuKernels.MulAdd(root, rootCorrection, epsilon)
        let q: 'T = mi / den
        p[i] <- IlgpuKernels.MulAdd(q, minusStep, p0)
