namespace Fluxion

open System
open System.Numerics

// ---------------------------------------------------------------------------------------------
// The backend seam. A tensor's elements live in a Storage owned by a TensorBackend (the CPU, a GPU); every
// differentiable operation, VJP, JVP, layer and optimiser is written with tensor operations, and those are
// written with the raw primitives below only. A backend implements the primitives and nothing else: an
// operation, its derivatives and every higher derivative then run on it unchanged (DiffSharp's RawTensor,
// JAX's one lowering per primitive). Primitives take and return contiguous row-major storage with the
// shapes passed explicitly; they never differentiate. Storage is immutable once a primitive has returned
// it, except through the explicitly in-place primitives, which the library applies only to storage that
// nothing else shares (a sum of adjoints under construction, a parameter updated by an optimiser).
// ---------------------------------------------------------------------------------------------

/// <summary>Storage whose memory can be handed back before the garbage collector would free it (see <see cref="T:Fluxion.TensorScope"/>).</summary>
[<AllowNullLiteral>]
type IReleasable =
    /// <summary>Returns the memory to its backend; every later use of the storage throws <see cref="T:System.ObjectDisposedException"/>.</summary>
    abstract Release: unit -> unit

/// <summary>The elements of a tensor on one backend (device). Created and read only through its backend.</summary>
and [<AbstractClass; AllowNullLiteral>] Storage<'T when 'T :> IFloatingPointIeee754<'T>>(length: int) =
    /// <summary>The number of elements.</summary>
    member _.Length = length
    /// <summary>The backend that owns this storage.</summary>
    abstract Backend: TensorBackend<'T>
    /// <summary>Returns the memory to the backend (a scope's end); later uses throw.</summary>
    abstract Release: unit -> unit
    interface IReleasable with
        member s.Release() = s.Release()

/// <summary>The elementwise combinations of two operands that every backend provides natively.</summary>
and ElementwiseOp =
    /// <summary>a + b.</summary>
    | Add = 0
    /// <summary>a − b.</summary>
    | Subtract = 1
    /// <summary>a · b (IEEE).</summary>
    | Multiply = 2
    /// <summary>The chain rule's product partial · t: IEEE multiplication, except that a zero t stays zero where the partial is infinite or NaN (<see cref="T:Fluxion.Chain"/>).</summary>
    | Chain = 3

/// <summary>A block of a source storage added into a destination at an offset with strides (see <c>Assemble</c>).</summary>
and [<Struct>] Placement<'T when 'T :> IFloatingPointIeee754<'T>> =
    {
      /// <summary>The contiguous source elements.</summary>
      Source: Storage<'T>
      /// <summary>The source's shape.</summary>
      Shape: int[]
      /// <summary>Where the source's first element goes in the destination.</summary>
      Offset: int
      /// <summary>The destination strides along the source's axes; two source elements never meet.</summary>
      Strides: int[] }

/// <summary>
/// The raw primitives of a device, for float32 or float64 elements. Fluxion's tensors call nothing else, so a new
/// device is one implementation of this class. Every primitive returns new storage unless its name says in place.
/// </summary>
and [<AbstractClass; AllowNullLiteral>] TensorBackend<'T when 'T :> IFloatingPointIeee754<'T>>() =
    /// <summary>The device's name, for messages (for example "CPU").</summary>
    abstract Name: string

    // ----- transfer and creation -----
    /// <summary>Storage holding the given elements; the backend may keep the array itself (the caller gives it up).</summary>
    abstract FromHost: values: 'T[] -> Storage<'T>
    /// <summary>Copies every element to host memory.</summary>
    abstract CopyToHost: source: Storage<'T> * destination: Span<'T> -> unit
    /// <summary>Overwrites every element from host memory, in place.</summary>
    abstract CopyFromHostInPlace: source: ReadOnlySpan<'T> * destination: Storage<'T> -> unit
    /// <summary>One element.</summary>
    abstract Get: source: Storage<'T> * index: int -> 'T
    /// <summary>count elements equal to value.</summary>
    abstract Fill: count: int * value: 'T -> Storage<'T>
    /// <summary>A copy.</summary>
    abstract Copy: source: Storage<'T> -> Storage<'T>

    // ----- elementwise -----
    /// <summary>f(x) elementwise for a unary rule of the table.</summary>
    abstract Map<'R when 'R :> IUnaryRule and 'R: struct> : x: Storage<'T> -> Storage<'T>
    /// <summary>f⁽ⁿ⁾(x) elementwise (n ≥ 1) for a unary rule; lower holds f(x), f′(x), … where already computed.</summary>
    abstract MapDerivative<'R when 'R :> IUnaryRule and 'R: struct> : x: Storage<'T> * lower: Storage<'T>[] * order: int -> Storage<'T>
    /// <summary>op(a, b)·scale elementwise, operands broadcast (NumPy rules) from their shapes to outShape.</summary>
    abstract Combine: op: ElementwiseOp * a: Storage<'T> * aShape: int[] * b: Storage<'T> * bShape: int[] * outShape: int[] * scale: 'T -> Storage<'T>
    /// <summary>−x.</summary>
    abstract Negate: x: Storage<'T> -> Storage<'T>
    /// <summary>f(a, b) elementwise with broadcasting for a binary rule of the table.</summary>
    abstract MapBinary<'R when 'R :> IBinaryRule and 'R: struct> : a: Storage<'T> * aShape: int[] * b: Storage<'T> * bShape: int[] * outShape: int[] -> Storage<'T>
    /// <summary>∂ⁱ⁺ʲf/∂aⁱ∂bʲ (i + j ≥ 1) elementwise with broadcasting for a binary rule, given z = f(a, b) over outShape.</summary>
    abstract MapPartial<'R when 'R :> IBinaryRule and 'R: struct> :
        a: Storage<'T> * aShape: int[] * b: Storage<'T> * bShape: int[] * outShape: int[] * z: Storage<'T> * i: int * j: int -> Storage<'T>

    // ----- reductions -----
    /// <summary>Sums over the sorted axes; the result keeps them with extent 1.</summary>
    abstract Sum: x: Storage<'T> * shape: int[] * axes: int[] -> Storage<'T>
    /// <summary>
    /// The maximum (or minimum) of x viewed as [outer, n, inner] over its middle axis (NaN if a NaN takes part), and
    /// each element's share of the derivative: 1/(number of ties) where it attains the extreme, 0 elsewhere, NaN for
    /// a NaN extreme.
    /// </summary>
    abstract Extreme: x: Storage<'T> * outer: int * n: int * inner: int * isMax: bool -> struct (Storage<'T> * Storage<'T>)

    // ----- movement -----
    /// <summary>Elements read at offset with strides (zero strides repeat), written contiguously in outShape's order.</summary>
    abstract Strided: x: Storage<'T> * offset: int * strides: int[] * outShape: int[] -> Storage<'T>
    /// <summary>count zeros with every placement added in (padding, concatenation, the VJPs of slicing).</summary>
    abstract Assemble: count: int * pieces: Placement<'T>[] -> Storage<'T>
    /// <summary>out[o, j, i] = x[o, indices[(o·k + j)·inner + i], i] with x viewed as [outer, n, inner] (result [outer, k, inner]).</summary>
    abstract Gather: x: Storage<'T> * outer: int * n: int * inner: int * indices: int[] * k: int -> Storage<'T>
    /// <summary>The adjoint of Gather: zeros [outer, n, inner] with g[o, j, i] added at [o, indices[…], i].</summary>
    abstract ScatterAdd: g: Storage<'T> * outer: int * k: int * inner: int * indices: int[] * n: int -> Storage<'T>

    // ----- products -----
    /// <summary>op(a)·op(b) for batch matrices stored one after another (a: batch × ra × ca, b: batch × rb × cb), op transposing when its flag is set; the result is batch × m × n.</summary>
    abstract MatMul: transA: bool * transB: bool * batch: int * m: int * n: int * k: int * a: Storage<'T> * b: Storage<'T> -> Storage<'T>

    // ----- in place (storage that nothing else shares) -----
    /// <summary>target ← target + source, in place.</summary>
    abstract AddInPlace: target: Storage<'T> * source: Storage<'T> -> unit
    /// <summary>One SGD step in place: with momentum μ &gt; 0, v ← μ·v + g + λ·p and p ← p − η·v; otherwise p ← (1 − ηλ)·p − η·g.</summary>
    abstract SgdStepInPlace: p: Storage<'T> * g: Storage<'T> * velocity: Storage<'T> * learningRate: 'T * momentum: 'T * weightDecay: 'T -> unit
    /// <summary>One Adam step in place: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p + minusStep·m/(√v·rootCorrection + ε).</summary>
    abstract AdamStepInPlace:
        p: Storage<'T> * g: Storage<'T> * m: Storage<'T> * v: Storage<'T> * beta1: 'T * beta2: 'T * rootCorrection: 'T * minusStep: 'T * epsilon: 'T -> unit

    /// <summary>The backend shared by operands, or an exception naming both devices.</summary>
    static member Of(a: Storage<'T>, b: Storage<'T>, operation: string) : TensorBackend<'T> =
        let ba = a.Backend
        if Object.ReferenceEquals(ba, b.Backend) then ba
        else raise (InvalidOperationException($"{operation}: the operands live on different devices ({ba.Name} and {b.Backend.Name}); move one of them first."))
