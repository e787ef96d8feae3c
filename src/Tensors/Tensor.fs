namespace Fluxion

open System
open System.Collections.Generic
open System.Numerics
open System.Threading

// ---------------------------------------------------------------------------------------------
// The tensor type and its differentiation machinery.
//
// Reverse mode (PyTorch-autograd style): a tensor that needs a gradient carries a Node. An operation
// with such an operand records a node for its result whose VJP closure maps the result's adjoint to
// its operands' adjoints. Nodes are numbered in execution order, which is a topological order of the
// graph, so the reverse sweep visits the nodes reachable from the output in decreasing order: no graph
// sort beyond ordering by that number. The graph lives in the tensors (a node holds its operands'
// nodes) rather than in a per-thread list: it is freed with the tensors by the garbage collector, so a
// forward pass whose gradient is never asked for (evaluation with parameter tensors) leaks nothing.
//
// Forward mode: a tensor may carry tangents of the running forward levels, as a tower tagged by level
// (see the type's comment). An operation with a tangent-carrying operand computes its result's tangent at
// the innermost level by its JVP rule, on primals that carry the outer levels' tangents, so forward
// levels nest to any depth without perturbation confusion.
//
// VJP and JVP rules are written with the differentiable operations themselves: a backward pass run
// with createGraph records, so gradients of gradients work, and a backward pass inside a forward level
// propagates tangents, so forward over reverse works. JVP rules see their operands with their nodes, so
// tangents record on the reverse graph (reverse over forward). Derivatives of an elementwise rule are
// again elementwise rule operations one order up, to any order (Cpu/HigherOrder.fs).
// ---------------------------------------------------------------------------------------------

/// Execution-order numbers of recorded operations (shared by every element type).
module internal Sequence =
    let mutable private last = 0L
    let next () = Interlocked.Increment(&last)

/// <summary>
/// The differentiation state of the current logical flow of control: whether operations record, and the stack of
/// running forward levels. Both are AsyncLocal, so work that a differentiated function hands to another thread
/// (Task.Run, Parallel.For) sees the levels and the recording state of the computation that started it: a
/// tangent is never silently dropped because an operation ran on a worker thread, and independent computations on
/// different threads each see only their own levels.
/// </summary>
[<AbstractClass; Sealed>]
type internal Modes =
    static let noGrad = AsyncLocal<bool>()
    // The running forward levels, outermost first (identifiers increase inwards); null when none.
    static let levels = AsyncLocal<int[]>()
    static let mutable lastLevel = 0

    /// True when operations on tensors that require gradients record nodes.
    static member Recording
        with get () = not noGrad.Value
        and set (v: bool) = noGrad.Value <- not v

    /// True when at least one forward level is running.
    static member AnyLevel = not (isNull levels.Value)

    /// Whether forward level `level` is running in this flow of control (0, "no level", never is).
    static member IsActive(level: int) =
        let ls = levels.Value
        level <> 0 && not (isNull ls) && Array.contains level ls

    /// Starts a new, innermost forward level; returns its identifier and the previous stack (for Restore).
    static member Push() : struct (int * int[]) =
        let previous = levels.Value
        let level = Interlocked.Increment(&lastLevel)
        levels.Value <- (if isNull previous then [| level |] else Array.append previous [| level |])
        struct (level, previous)

    /// Ends the levels started since the stack was `previous`.
    static member Restore(previous: int[]) = levels.Value <- previous

/// <summary>
/// A dense tensor of float32 or float64 elements: contiguous row-major storage, immutable. Operations are
/// static methods of <see cref="T:Fluxion.Tensor"/> and the arithmetic operators here; every operation is
/// differentiable in reverse mode (gradients, VJPs) and forward mode (JVPs), to any combination of the two.
/// </summary>
[<Sealed; AllowNullLiteral>]
type Tensor<'T when 'T :> IFloatingPointIeee754<'T>> internal (data: Storage<'T>, shape: int[], node: Node<'T>, tangent: Tensor<'T>, level: int, primal: Tensor<'T>) =

    static let supported = Type.op_Equality(typeof<'T>, typeof<float>) || Type.op_Equality(typeof<'T>, typeof<float32>)

    // A tensor is a tower of forward levels (nested dual numbers, tagged by level): without a tangent it is a plain
    // value; with one, it is primal + tangent·ε_level, where the primal (same values, same node) may itself carry
    // the tangent of an outer level (a smaller identifier) and the tangent may carry outer tangents too. The
    // outermost wrapper always holds the innermost (largest) level.

    // ----- internal view ------------------------------------------------------------------------

    /// The storage (immutable, except a parameter's, which optimisers update in place).
    member internal _.Data = data
    /// The backend (device) that holds the storage.
    member internal _.Backend = data.Backend
    /// The shape array itself (not a copy).
    member internal _.Dims = shape
    /// The reverse-mode node; null when the tensor does not require a gradient.
    member internal _.Node = node
    /// The forward level of the outermost tangent (0: none).
    member internal _.Level = if isNull tangent then 0 else level
    /// The outermost tangent, or null.
    member internal _.Tangent = tangent
    /// The same tensor without its outermost tangent (it keeps outer levels' tangents and the node).
    member internal x.Primal = if isNull tangent then x else primal
    /// The tensor with the tangents of ended forward levels removed from the outside in: what operations see.
    member internal x.Live : Tensor<'T> =
        if isNull tangent || Modes.IsActive level then x else primal.Live
    /// The tangent of forward level `lvl` if this tensor carries it outermost (after removing ended levels), else null.
    member internal x.TangentAt(lvl: int) =
        let live = x.Live
        if live.Level = lvl then live.Tangent else null
    /// The same values and tangents without the node (cut off from reverse mode), at every level.
    member internal x.WithoutNode() : Tensor<'T> =
        if isNull node then x
        elif isNull tangent then Tensor<'T>(data, shape, null, null, 0, null)
        else Tensor<'T>(data, shape, null, tangent, level, primal.WithoutNode())
    /// The same values and tangents with another node at every level.
    member internal x.WithNode(n: Node<'T>) : Tensor<'T> =
        if isNull tangent then Tensor<'T>(data, shape, n, null, 0, null)
        else Tensor<'T>(data, shape, n, tangent, level, primal.WithNode n)
    /// This tensor as the primal of a tangent of level `lvl` (which must be innermost of all levels it carries).
    member internal x.WithTangent(t: Tensor<'T>, lvl: int) = Tensor<'T>(data, shape, node, t, lvl, x)

    /// Refuses element types other than float32 and float64.
    static member internal CheckType() =
        if not supported then
            raise (NotSupportedException($"Tensor<{typeof<'T>.Name}> is not supported: tensors hold Single (float32) or Double (float64) elements."))

    /// A constant tensor over the given storage (not copied).
    static member internal Const(values: 'T[], dims: int[]) = Tensor<'T>(Devices.Default<'T>().FromHost values, dims, null, null, 0, null)

    /// A constant tensor over the given storage.
    static member internal Const(values: Storage<'T>, dims: int[]) = Tensor<'T>(values, dims, null, null, 0, null)

    /// A constant scalar (rank 0) on the given backend.
    static member internal ScalarOn(backend: TensorBackend<'T>, v: 'T) = Tensor<'T>(backend.Fill(1, v), [||], null, null, 0, null)

    /// A constant scalar (rank 0) on the default backend.
    static member internal Scalar(v: 'T) = Tensor<'T>.ScalarOn(Devices.Default<'T>(), v)

    /// A constant tensor of zeros on the given backend.
    static member internal ZerosOn(backend: TensorBackend<'T>, dims: int[]) = Tensor<'T>(backend.Fill(Shapes.size dims, 'T.Zero), dims, null, null, 0, null)

    /// A constant tensor of zeros on the backend of x.
    member internal x.ZerosLike(dims: int[]) = Tensor<'T>.ZerosOn(data.Backend, dims)

    // ----- public surface -------------------------------------------------------------------------

    /// <summary>The extent of each axis (a copy).</summary>
    member _.Shape = Array.copy shape
    /// <summary>The number of axes (0 for a scalar).</summary>
    member _.Rank = shape.Length
    /// <summary>The number of elements.</summary>
    member _.Length = data.Length
    /// <summary>True when the tensor takes part in reverse mode: gradients with respect to it (or flowing through it) can be computed.</summary>
    member _.RequiresGrad = not (isNull node)

    /// <summary>The element at the given index (one entry per axis). A plain value: use <c>Tensor.Index</c> for a differentiable element.</summary>
    /// <exception cref="T:System.ArgumentException">The number of indices is not the rank.</exception>
    /// <exception cref="T:System.IndexOutOfRangeException">An index is out of range.</exception>
    member _.Item
        with get ([<ParamArray>] index: int[]) : 'T =
            if isNull index then raise (ArgumentNullException(nameof index))
            if index.Length <> shape.Length then
                raise (ArgumentException($"{index.Length} indices for a tensor of shape {Shapes.show shape}.", nameof index))
            let mutable offset = 0
            for d in 0 .. shape.Length - 1 do
                let i = index[d]
                if i < 0 || i >= shape[d] then
                    raise (IndexOutOfRangeException($"Index {i} is out of range for axis {d} of a tensor of shape {Shapes.show shape}."))
                offset <- offset * shape[d] + i
            data.Backend.Get(data, offset)

    /// <summary>The elements in row-major order (a copy in host memory).</summary>
    member _.ToArray() : 'T[] =
        let values = Array.zeroCreate data.Length
        data.Backend.CopyToHost(data, Span<'T>(values))
        values

    /// <summary>The only element of a one-element tensor (a loss, for example).</summary>
    /// <exception cref="T:System.InvalidOperationException">The tensor has more or fewer than one element.</exception>
    member _.ToScalar() : 'T =
        if data.Length <> 1 then
            raise (InvalidOperationException($"ToScalar needs a tensor with one element; this one has shape {Shapes.show shape}."))
        data.Backend.Get(data, 0)

    /// <summary>The same values, cut off from differentiation: no gradient flows through the result and it carries no tangent.</summary>
    member x.Detach() : Tensor<'T> =
        if isNull node && isNull tangent then x else Tensor<'T>(data, shape, null, null, 0, null)

    /// <summary>
    /// The same values as a new leaf of reverse mode (a parameter): operations on it record, and
    /// <c>Tensor.Gradients(output, parameters)</c> gives the gradient of an output with respect to it.
    /// </summary>
    member _.AsParameter() : Tensor<'T> = Tensor<'T>(data, shape, Node<'T>([||], "parameter"), null, 0, null)

    /// <summary>The shape and the first elements, for display.</summary>
    override _.ToString() =
        let shown = Seq.init (min 8 data.Length) (fun i -> string (data.Backend.Get(data, i))) |> String.concat ", "
        let more = if data.Length > 8 then ", ..." else ""
        let grad = if isNull node then "" else " (requires grad)"
        $"Tensor<{typeof<'T>.Name}>{Shapes.show shape} [{shown}{more}]{grad}"

    /// The storage blocks of this tensor and of its tangents at every forward level.
    member internal x.Storages() : IReleasable seq =
        seq {
            yield data :> IReleasable
            if not (isNull tangent) then
                yield! tangent.Storages()
                yield! primal.Storages()
        }

    interface IHoldsStorage with
        member x.Storages() = x.Storages()

    // ----- recording ------------------------------------------------------------------------------

    /// <summary>
    /// Creates the result of an operation from its values: records a node (with the VJP) when an operand
    /// requires a gradient and recording is on, and computes the result's tangent with the JVP when an operand
    /// carries one. vjp operands result adjoint needs → operand adjoints (null where not needed); jvp primals
    /// result tangents → result tangent (tangents null where absent).
    /// </summary>
    static member internal Make
        (name: string, values: Storage<'T>, dims: int[], operands: Tensor<'T>[],
         vjp: Tensor<'T>[] -> Tensor<'T> -> Tensor<'T> -> bool[] -> Tensor<'T>[],
         jvp: Tensor<'T>[] -> Tensor<'T> -> Tensor<'T>[] -> Tensor<'T>) : Tensor<'T> =
        let mutable anyNode = false
        for x in operands do
            if not (isNull x.Node) then anyNode <- true
        let n = if anyNode && Modes.Recording then Node<'T>(operands |> Array.map (fun x -> x.Node), name) else null
        let result = Tensor<'T>.Lift(name, values, dims, operands |> Array.map (fun x -> x.Live), n, jvp)
        if not (isNull n) then n.Vjp <- (fun g needs -> vjp operands result g needs)
        result

    /// The result tower of an operation over live operands: at the innermost level L that an operand carries, the
    /// primal is the operation on the operands' primals (recursively, for the outer levels) and the tangent is the
    /// JVP rule applied to those primals and the operands' level-L tangents. Written with differentiable
    /// operations, the JVP propagates the outer levels' tangents itself (nested forward mode).
    static member private Lift
        (name: string, values: Storage<'T>, dims: int[], operands: Tensor<'T>[], n: Node<'T>,
         jvp: Tensor<'T>[] -> Tensor<'T> -> Tensor<'T>[] -> Tensor<'T>) : Tensor<'T> =
        let mutable top = 0
        for x in operands do
            if x.Level > top then top <- x.Level
        if top = 0 then Tensor<'T>(values, dims, n, null, 0, null)
        else
            let primals = operands |> Array.map (fun x -> if x.Level = top then x.Primal.Live else x)
            let tangents = operands |> Array.map (fun x -> if x.Level = top then x.Tangent else null)
            let primal = Tensor<'T>.Lift(name, values, dims, primals, n, jvp)
            let t = jvp primals primal tangents
            if isNull t || not (Shapes.same t.Dims dims) then
                raise (InvalidOperationException($"Internal error: the JVP of {name} gave a tangent of the wrong shape."))
            primal.WithTangent(t, top)

    /// A tangent sum where null means zero.
    static member internal AddOrNull(a: Tensor<'T>, b: Tensor<'T>) =
        if isNull a then b elif isNull b then a else Tensor<'T>.Add(a, b)

    // ----- structural primitives ------------------------------------------------------------------

    /// Reinterprets the storage with another shape of the same size (no copy).
    static member internal Reshape(x: Tensor<'T>, dims: int[]) : Tensor<'T> =
        if Shapes.size dims <> x.Length then
            raise (ArgumentException($"reshape: cannot reshape a tensor of shape {Shapes.show x.Dims} ({x.Length} elements) to {Shapes.show dims}.", "shape"))
        if Shapes.same dims x.Dims then x
        else
            let from = x.Dims
            Tensor<'T>.Make("reshape", x.Data, Array.copy dims, [| x |],
                (fun _ _ g _ -> [| Tensor<'T>.Reshape(g, from) |]),
                (fun _ _ ts -> Tensor<'T>.Reshape(ts[0], dims)))

    /// Broadcasts to a larger shape (NumPy rules), materialising the repeated values. VJP: sum back.
    static member internal Expand(x: Tensor<'T>, dims: int[]) : Tensor<'T> =
        if Shapes.same x.Dims dims then x
        else
            if not (Shapes.broadcastsTo x.Dims dims) then
                raise (ArgumentException($"broadcastTo: shape {Shapes.show x.Dims} cannot be broadcast to {Shapes.show dims}.", "shape"))
            let values = x.Backend.Strided(x.Data, 0, Shapes.broadcastStrides x.Dims dims, dims)
            let from = x.Dims
            Tensor<'T>.Make("broadcastTo", values, dims, [| x |],
                (fun _ _ g _ -> [| Tensor<'T>.SumTo(g, from) |]),
                (fun _ _ ts -> Tensor<'T>.Expand(ts[0], dims)))

    /// Sums a broadcast result back to an operand's shape (the VJP of broadcasting). VJP: broadcast again.
    static member internal SumTo(x: Tensor<'T>, dims: int[]) : Tensor<'T> =
        if Shapes.same x.Dims dims then x
        else
            if not (Shapes.broadcastsTo dims x.Dims) then
                raise (ArgumentException($"sumTo: shape {Shapes.show x.Dims} cannot be summed to {Shapes.show dims}.", "shape"))
            let lead = x.Rank - dims.Length
            let axes =
                [| for d in 0 .. x.Rank - 1 do
                       if d < lead || (dims[d - lead] = 1 && x.Dims[d] <> 1) then d |]
            let values = x.Backend.Sum(x.Data, x.Dims, axes)
            let from = x.Dims
            Tensor<'T>.Make("sumTo", values, dims, [| x |],
                (fun _ _ g _ -> [| Tensor<'T>.Expand(g, from) |]),
                (fun _ _ ts -> Tensor<'T>.SumTo(ts[0], dims)))

    /// Sums over the given (normalised, sorted) axes.
    static member internal SumAxes(x: Tensor<'T>, axes: int[], keepDims: bool) : Tensor<'T> =
        let kept = Shapes.reduced x.Dims axes true
        let dims = if keepDims then kept else Shapes.reduced x.Dims axes false
        let values = x.Backend.Sum(x.Data, x.Dims, axes)
        let from = x.Dims
        Tensor<'T>.Make("sum", values, dims, [| x |],
            (fun _ _ g _ -> [| Tensor<'T>.Expand(Tensor<'T>.Reshape(g, kept), from) |]),
            (fun _ _ ts -> Tensor<'T>.SumAxes(ts[0], axes, keepDims)))

    // ----- arithmetic -------------------------------------------------------------------------------

    /// op(a, b)·scale on the storage, with broadcasting; both operands must be on one device.
    static member internal Elementwise(op: ElementwiseOp, name: string, a: Tensor<'T>, b: Tensor<'T>, scale: 'T) =
        let dims = Shapes.broadcast name a.Dims b.Dims
        let backend = TensorBackend<'T>.Of(a.Data, b.Data, name)
        struct (backend.Combine(op, a.Data, a.Dims, b.Data, b.Dims, dims, scale), dims)

    /// a + b with broadcasting.
    static member internal Add(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        let struct (values, dims) = Tensor<'T>.Elementwise(ElementwiseOp.Add, "add", a, b, 'T.One)
        Tensor<'T>.Make("add", values, dims, [| a; b |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(g, xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.SumTo(g, xs[1].Dims) else null) |]),
            (fun _ _ ts -> Tensor<'T>.Expand(Tensor<'T>.AddOrNull(ts[0], ts[1]), dims)))

    /// a − b with broadcasting.
    static member internal Subtract(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        let struct (values, dims) = Tensor<'T>.Elementwise(ElementwiseOp.Subtract, "subtract", a, b, 'T.One)
        Tensor<'T>.Make("subtract", values, dims, [| a; b |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(g, xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.Negate(Tensor<'T>.SumTo(g, xs[1].Dims)) else null) |]),
            (fun _ _ ts ->
                let t =
                    if isNull ts[1] then ts[0]
                    elif isNull ts[0] then Tensor<'T>.Negate ts[1]
                    else Tensor<'T>.Subtract(ts[0], ts[1])
                Tensor<'T>.Expand(t, dims)))

    /// −x.
    static member internal Negate(x: Tensor<'T>) : Tensor<'T> =
        let values = x.Backend.Negate x.Data
        Tensor<'T>.Make("negate", values, x.Dims, [| x |],
            (fun _ _ g _ -> [| Tensor<'T>.Negate g |]),
            (fun _ _ ts -> Tensor<'T>.Negate ts[0]))

    /// The chain rule's product partial · t (an adjoint or tangent), with broadcasting: a zero t stays zero where
    /// the partial is infinite or NaN (Chain.Scale), as in every other mode of Fluxion.
    static member internal Chain(partial: Tensor<'T>, t: Tensor<'T>) : Tensor<'T> = Tensor<'T>.Chain(partial, t, 'T.One)

    /// c · (partial · t) with the chain rule's product: one pass and one result for a constant factor c (the 2 of
    /// a square's derivative, for example).
    static member internal Chain(partial: Tensor<'T>, t: Tensor<'T>, c: 'T) : Tensor<'T> =
        let struct (values, dims) = Tensor<'T>.Elementwise(ElementwiseOp.Chain, "multiply", partial, t, c)
        Tensor<'T>.Make("chain", values, dims, [| partial; t |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(Tensor<'T>.Chain(xs[1], g, c), xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.SumTo(Tensor<'T>.Chain(xs[0], g, c), xs[1].Dims) else null) |]),
            (fun ps _ ts ->
                let a = if isNull ts[0] then null else Tensor<'T>.Expand(Tensor<'T>.Chain(ts[0], ps[1], c), dims)
                let b = if isNull ts[1] then null else Tensor<'T>.Expand(Tensor<'T>.Chain(ps[0], ts[1], c), dims)
                Tensor<'T>.AddOrNull(a, b)))

    /// a · b with broadcasting. Multiplication is bilinear: its partials (b, a) are MultiplyRule's, applied as
    /// tensors with the chain rule's product.
    static member internal Multiply(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        let struct (values, dims) = Tensor<'T>.Elementwise(ElementwiseOp.Multiply, "multiply", a, b, 'T.One)
        Tensor<'T>.Make("multiply", values, dims, [| a; b |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(Tensor<'T>.Chain(xs[1], g), xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.SumTo(Tensor<'T>.Chain(xs[0], g), xs[1].Dims) else null) |]),
            (fun ps _ ts ->
                let a = if isNull ts[0] then null else Tensor<'T>.Expand(Tensor<'T>.Chain(ps[1], ts[0]), dims)
                let b = if isNull ts[1] then null else Tensor<'T>.Expand(Tensor<'T>.Chain(ps[0], ts[1]), dims)
                Tensor<'T>.AddOrNull(a, b)))

    /// x · x. Its VJP and JVP are Multiply's with both operands x (the partials of MultiplyRule, (x, x)),
    /// summed: 2·(x ⊙ t), in one pass.
    static member internal Square(x: Tensor<'T>) : Tensor<'T> =
        let struct (values, dims) = Tensor<'T>.Elementwise(ElementwiseOp.Multiply, "square", x, x, 'T.One)
        let two = 'T.op_Addition('T.One, 'T.One)
        Tensor<'T>.Make("square", values, dims, [| x |],
            (fun xs _ g _ -> [| Tensor<'T>.Chain(xs[0], g, two) |]),
            (fun ps _ ts -> Tensor<'T>.Chain(ps[0], ts[0], two)))

    // ----- the rule table ---------------------------------------------------------------------------

    /// f(x) for a unary rule f, elementwise. VJP g·f′(x), JVP f′(x)·t, with f′(x) the differentiable tensor
    /// operation RuleDerivative.
    static member internal Unary<'R when 'R :> IUnaryRule and 'R: struct>(x: Tensor<'T>) : Tensor<'T> =
        let values = x.Backend.Map<'R> x.Data
        let lower = [| values |]
        Tensor<'T>.Make('R.Name, values, x.Dims, [| x |],
            (fun xs _ g _ -> [| Tensor<'T>.Chain(Tensor<'T>.RuleDerivative<'R>(xs[0], lower, 1), g) |]),
            (fun ps _ ts -> Tensor<'T>.Chain(Tensor<'T>.RuleDerivative<'R>(ps[0], lower, 1), ts[0])))

    /// f⁽ⁿ⁾(x) (n ≥ 1) for a unary rule f, as a differentiable operation of x: VJP g·f⁽ⁿ⁺¹⁾(x), JVP f⁽ⁿ⁺¹⁾(x)·t, so
    /// derivatives of every order come from the rule (HigherOrder). `lower` holds the values f(x), f′(x), … already
    /// computed, which the table's first and second derivatives read.
    static member internal RuleDerivative<'R when 'R :> IUnaryRule and 'R: struct>(x: Tensor<'T>, lower: Storage<'T>[], n: int) : Tensor<'T> =
        let values = x.Backend.MapDerivative<'R>(x.Data, lower, n)
        let known = if lower.Length = n then Array.append lower [| values |] else lower
        Tensor<'T>.Make((if n = 1 then "d" else $"d{n}") + 'R.Name, values, x.Dims, [| x |],
            (fun xs _ g _ -> [| Tensor<'T>.Chain(Tensor<'T>.RuleDerivative<'R>(xs[0], known, n + 1), g) |]),
            (fun ps _ ts -> Tensor<'T>.Chain(Tensor<'T>.RuleDerivative<'R>(ps[0], known, n + 1), ts[0])))

    /// f(a, b) for a binary rule f, elementwise with broadcasting. VJP (g·∂f/∂a, g·∂f/∂b) summed back to the
    /// operands' shapes; JVP ∂f/∂a·ta + ∂f/∂b·tb; the partials are the differentiable operation RulePartial.
    static member internal Binary<'R when 'R :> IBinaryRule and 'R: struct>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        let dims = Shapes.broadcast 'R.Name a.Dims b.Dims
        let values = TensorBackend<'T>.Of(a.Data, b.Data, 'R.Name).MapBinary<'R>(a.Data, a.Dims, b.Data, b.Dims, dims)
        Tensor<'T>.Make('R.Name, values, dims, [| a; b |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(xs[0], xs[1], values, dims, 1, 0), g), xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.SumTo(Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(xs[0], xs[1], values, dims, 0, 1), g), xs[1].Dims) else null) |]),
            (fun ps _ ts -> Tensor<'T>.PartialsTimes<'R>(ps[0], ps[1], values, dims, 0, 0, ts[0], ts[1])))

    /// ∂ⁱ⁺ʲf/∂aⁱ∂bʲ (i + j ≥ 1) of a binary rule over the broadcast shape `dims`, as a differentiable operation of a
    /// and b (z = f(a, b) is passed in): its partials are the partials of order i + j + 1, and so on to any order.
    static member internal RulePartial<'R when 'R :> IBinaryRule and 'R: struct>(a: Tensor<'T>, b: Tensor<'T>, z: Storage<'T>, dims: int[], i: int, j: int) : Tensor<'T> =
        let values = TensorBackend<'T>.Of(a.Data, b.Data, 'R.Name).MapPartial<'R>(a.Data, a.Dims, b.Data, b.Dims, dims, z, i, j)
        Tensor<'T>.Make($"d{i},{j}" + 'R.Name, values, dims, [| a; b |],
            (fun xs _ g needs ->
                [| (if needs[0] then Tensor<'T>.SumTo(Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(xs[0], xs[1], z, dims, i + 1, j), g), xs[0].Dims) else null)
                   (if needs[1] then Tensor<'T>.SumTo(Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(xs[0], xs[1], z, dims, i, j + 1), g), xs[1].Dims) else null) |]),
            (fun ps _ ts -> Tensor<'T>.PartialsTimes<'R>(ps[0], ps[1], z, dims, i, j, ts[0], ts[1])))

    /// The tangent of ∂ⁱ⁺ʲf/∂aⁱ∂bʲ (f itself for i = j = 0) along tangents ta and tb (null: zero):
    /// ∂ⁱ⁺¹ʲf·ta + ∂ⁱʲ⁺¹f·tb, each product broadcast to `dims`.
    static member private PartialsTimes<'R when 'R :> IBinaryRule and 'R: struct>
        (a: Tensor<'T>, b: Tensor<'T>, z: Storage<'T>, dims: int[], i: int, j: int, ta: Tensor<'T>, tb: Tensor<'T>) : Tensor<'T> =
        let x = if isNull ta then null else Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(a, b, z, dims, i + 1, j), ta)
        let y = if isNull tb then null else Tensor<'T>.Chain(Tensor<'T>.RulePartial<'R>(a, b, z, dims, i, j + 1), tb)
        Tensor<'T>.Expand(Tensor<'T>.AddOrNull(x, y), dims)

    // ----- operators --------------------------------------------------------------------------------

    /// <summary>Elementwise sum with broadcasting (NumPy rules).</summary>
    static member (+)(a: Tensor<'T>, b: Tensor<'T>) = Tensor<'T>.Add(a, b)
    /// <summary>Adds a constant to every element.</summary>
    static member (+)(a: Tensor<'T>, c: 'T) = Tensor<'T>.Add(a, Tensor<'T>.ScalarOn(a.Backend, c))
    /// <summary>Adds a constant to every element.</summary>
    static member (+)(c: 'T, a: Tensor<'T>) = Tensor<'T>.Add(Tensor<'T>.ScalarOn(a.Backend, c), a)
    /// <summary>Elementwise difference with broadcasting.</summary>
    static member (-)(a: Tensor<'T>, b: Tensor<'T>) = Tensor<'T>.Subtract(a, b)
    /// <summary>Subtracts a constant from every element.</summary>
    static member (-)(a: Tensor<'T>, c: 'T) = Tensor<'T>.Subtract(a, Tensor<'T>.ScalarOn(a.Backend, c))
    /// <summary>Subtracts every element from a constant.</summary>
    static member (-)(c: 'T, a: Tensor<'T>) = Tensor<'T>.Subtract(Tensor<'T>.ScalarOn(a.Backend, c), a)
    /// <summary>Elementwise product with broadcasting.</summary>
    static member (*)(a: Tensor<'T>, b: Tensor<'T>) = Tensor<'T>.Multiply(a, b)
    /// <summary>Multiplies every element by a constant.</summary>
    static member (*)(a: Tensor<'T>, c: 'T) = Tensor<'T>.Multiply(a, Tensor<'T>.ScalarOn(a.Backend, c))
    /// <summary>Multiplies every element by a constant.</summary>
    static member (*)(c: 'T, a: Tensor<'T>) = Tensor<'T>.Multiply(Tensor<'T>.ScalarOn(a.Backend, c), a)
    /// <summary>Elementwise quotient with broadcasting (rule <see cref="T:Fluxion.DivideRule"/>).</summary>
    static member (/)(a: Tensor<'T>, b: Tensor<'T>) = Tensor<'T>.Binary<DivideRule>(a, b)
    /// <summary>Divides every element by a constant.</summary>
    static member (/)(a: Tensor<'T>, c: 'T) = Tensor<'T>.Multiply(a, Tensor<'T>.ScalarOn(a.Backend, 'T.One / c))
    /// <summary>Divides a constant by every element.</summary>
    static member (/)(c: 'T, a: Tensor<'T>) = Tensor<'T>.Binary<DivideRule>(Tensor<'T>.ScalarOn(a.Backend, c), a)
    /// <summary>Elementwise negation.</summary>
    static member (~-)(a: Tensor<'T>) = Tensor<'T>.Negate a

/// A recorded operation of reverse mode: the nodes of its operands (null for constants) and its VJP.
and [<Sealed; AllowNullLiteral>] internal Node<'T when 'T :> IFloatingPointIeee754<'T>>(inputs: Node<'T>[], name: string) =
    let seq = Sequence.next ()
    let mutable vjp: Tensor<'T> -> bool[] -> Tensor<'T>[] = Unchecked.defaultof<Tensor<'T> -> bool[] -> Tensor<'T>[]>
    /// The execution-order number (larger = later).
    member _.Seq = seq
    /// The operands' nodes; null entries are constants.
    member _.Inputs = inputs
    /// The operation's name (for messages).
    member _.Name = name
    /// adjoint → needs → operand adjoints; null for a leaf (a parameter or a differentiation input).
    member _.Vjp
        with get (): Tensor<'T> -> bool[] -> Tensor<'T>[] = vjp
        and set (v: Tensor<'T> -> bool[] -> Tensor<'T>[]) = vjp <- v
    /// True for a leaf.
    member _.IsLeaf: bool = isNull (box vjp)
