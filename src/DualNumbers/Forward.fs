namespace Fluxion

open System
open System.Numerics

/// <summary>
/// A scalar function written once for every generic-math number type. <see cref="M:Fluxion.ForwardMode.NthDerivative``1(Fluxion.IScalarFunction,System.Int32,``0)"/>
/// calls it on <c>Dual&lt;Dual&lt;…&gt;&gt;</c> nested as deep as the order asks, which a delegate of one fixed type cannot do.
/// </summary>
/// <example>
/// C#: <c>class Cube : IScalarFunction { public T Invoke&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt; =&gt; x * x * x; }</c>
/// </example>
type IScalarFunction =
    /// <summary>Evaluates the function on any generic-math number type.</summary>
    abstract Invoke<'N when 'N :> IFloatingPointIeee754<'N>> : x: 'N -> 'N

/// <summary>
/// The perturbation-confusion guard: at most one forward-mode evaluation per number type 'N is active in one
/// logical flow of control. An inner derivative entered while an outer one over the same number type is active
/// could close over the outer variable and mix the two perturbations; it is refused with
/// <see cref="T:System.InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// The flag is an <see cref="T:System.Threading.AsyncLocal`1"/>, not a thread-static field: it flows with the
/// execution context into work that f starts (<c>Task.Run</c>, <c>Parallel.For</c>, a new <c>Thread</c>, an
/// awaited continuation), so a derivative taken inside f on a worker thread is refused like one on f's own thread.
/// Independent derivatives started side by side (for example <c>Parallel.For</c> over points, each calling
/// <c>Forward.derivative</c>) run in sibling contexts that do not see each other's flag, and all proceed.
/// Work started with the execution context suppressed (<c>ExecutionContext.SuppressFlow</c>,
/// <c>ThreadPool.UnsafeQueueUserWorkItem</c>) does not carry the flag and cannot be checked.
/// </remarks>
/// One forward evaluation over 'N: active while its function runs (a mutable flag, so that leaving the evaluation
/// costs no second write of the AsyncLocal).
[<AllowNullLiteral>]
type internal ForwardFrame() =
    member val Active = true with get, set

and internal ForwardLevel<'N> private () =
    static let current = System.Threading.AsyncLocal<ForwardFrame>()

    static member private Describe(t: Type) : string =
        if t.IsGenericType then
            let args = t.GetGenericArguments() |> Array.map ForwardLevel<'N>.Describe
            $"""{t.Name.Substring(0, t.Name.IndexOf '`')}<{String.Join(", ", args)}>"""
        else t.Name

    /// Runs body as the active forward level of 'N in the current execution context, or throws if one is active
    /// already (on this thread, or in the evaluation that started this thread or task). Takes a Func so that the
    /// C# facade can call it too.
    static member Run<'R>(operation: string, body: Func<'R>) : 'R =
        let outer = current.Value
        if not (isNull outer) && outer.Active then
            let level = ForwardLevel<'N>.Describe typeof<'N>
            let deeper = ForwardLevel<'N>.Describe(typedefof<Dual<float>>.MakeGenericType typeof<'N>)
            raise (
                InvalidOperationException(
                    $"Perturbation confusion: {operation} was entered while another forward-mode derivative over {level} "
                    + "is active (on this thread, or in the derivative that started this thread or task), so the inner "
                    + "derivative could mix its perturbation with the outer one. "
                    + $"Nest one level deeper instead: differentiate the inner function over {deeper} and lift the outer "
                    + "variable into it with Dual.Constant."
                )
            )
        // One AsyncLocal write per evaluation (a write copies the execution context, about 100 ns): a new frame, which
        // work started inside body captures. It is not restored on exit, only deactivated: a context left holding an
        // inactive frame behaves as one holding none. Reusing an inactive frame instead of writing a new one would
        // not be safe: contexts captured earlier (sibling Parallel.For workers) may share it.
        let frame = ForwardFrame()
        current.Value <- frame
        try
            body.Invoke()
        finally
            frame.Active <- false

/// <summary>
/// The one validation module of Fluxion's entry points (open to ReverseAD, Tensors and the C# facade through
/// InternalsVisibleTo). The rules: a null function → ArgumentNullException naming it ("f"); a null or empty point →
/// ArgumentException naming it ("x"); a direction or seed of the wrong length, null, or with a NaN or infinite entry →
/// ArgumentException naming it ("v"). A NaN or infinite point is not refused (its derivatives follow the conventions).
/// </summary>
module internal Check =
    let notNull (name: string) (value: obj) =
        if isNull value then raise (ArgumentNullException(name))

    let nonEmpty (name: string) (values: 'T[]) =
        notNull name values
        if values.Length = 0 then raise (ArgumentException($"{name} must not be empty.", name))

    let sameLength (name: string) (values: 'T[]) (otherName: string) (other: 'T[]) =
        notNull name values
        if values.Length <> other.Length then
            raise (ArgumentException($"{name} has length {values.Length} but {otherName} has length {other.Length}; they must match.", name))

    /// A NaN or infinite direction would turn into NaN tangents that comparisons and min/max can then drop
    /// silently, leaving a plausible but wrong derivative; refuse it at the boundary.
    let finiteDirection<'T when 'T :> IFloatingPointIeee754<'T>> (name: string) (direction: 'T[]) =
        for i in 0 .. direction.Length - 1 do
            if not ('T.IsFinite direction[i]) then
                raise (ArgumentException($"{name}[{i}] is {direction[i]}: a direction must be finite.", name))

    /// x is a non-empty point and v a finite direction of the same length (the arguments named x and v).
    let pointAndDirection<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) (v: 'T[]) =
        nonEmpty "x" x
        sameLength "v" v "x" x
        finiteDirection "v" v

/// The derivative of an IScalarFunction, itself an IScalarFunction: evaluating it at 'N evaluates the original at
/// Dual<'N>. Applying it n times nests Dual n levels deep (polymorphic recursion through the generic Invoke).
type private DerivativeOf(f: IScalarFunction) =
    interface IScalarFunction with
        member _.Invoke<'N when 'N :> IFloatingPointIeee754<'N>>(x: 'N) : 'N = (f.Invoke(Dual<'N>.Variable x)).Tangent

/// <summary>
/// Forward-mode automatic differentiation for F# code: derivatives, gradients, Jacobians, directional derivatives,
/// Hessians and Hessian-vector products. Each function takes f written on the number type it evaluates
/// (Dual, HyperDual or MultiDual); an <c>inline</c> or generic-math f serves them all.
/// </summary>
/// <remarks>
/// <para><b>Nesting rule (perturbation confusion).</b> While a function here runs f over a number type N (say
/// <c>Dual&lt;float&gt;</c>), calling another one over the same N on the same thread throws
/// <see cref="T:System.InvalidOperationException"/>: an inner derivative that closes over the outer variable would
/// otherwise add both perturbations into one tangent and return a wrong number. To differentiate inside f, nest one
/// level deeper: run the inner derivative over <c>Dual&lt;N&gt;</c> and lift outer values into it with
/// <c>Dual.Constant</c>. Example: d/dx [x · d/dy (x + y) at y = 1] at x = 1 is
/// <c>Forward.derivative (fun x -> x * Forward.derivative (fun y -> Dual.Constant x + y) (Dual.Constant 1.0)) 1.0</c> = 1.</para>
/// </remarks>
// Hidden from C# IntelliSense (C# callers use ForwardMode and the Fluxion package's Ad); F# sees it as usual.
[<RequireQualifiedAccess; System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module Forward =

    /// <summary>f′(x): one pass of f over <see cref="T:Fluxion.Dual`1"/>.</summary>
    /// <exception cref="T:System.InvalidOperationException">Called inside another derivative over the same Dual type (see the nesting rule).</exception>
    let derivative<'T when 'T :> IFloatingPointIeee754<'T>> (f: Dual<'T> -> Dual<'T>) (x: 'T) : 'T =
        Check.notNull (nameof f) f
        ForwardLevel<Dual<'T>>.Run("Forward.derivative", fun () -> (f (Dual<'T>.Variable x)).Tangent)

    /// <summary>f″(x): one pass of f over <see cref="T:Fluxion.HyperDual`1"/> seeded in both directions.</summary>
    let secondDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (f: HyperDual<'T> -> HyperDual<'T>) (x: 'T) : 'T =
        Check.notNull (nameof f) f
        ForwardLevel<HyperDual<'T>>.Run("Forward.secondDerivative", fun () -> (f (HyperDual<'T>.Variable x)).E12)

    /// <summary>
    /// The largest order <see cref="M:Fluxion.Forward.nthDerivative``1(System.Int32,Fluxion.IScalarFunction,``0)"/>
    /// accepts for the primal type 'T: the nested dual number of order n holds 2ⁿ values of 'T, and the .NET runtime
    /// rejects value types above 32 KiB (an <see cref="T:System.InvalidProgramException"/> when the method is
    /// compiled). 12 for double, 13 for float32, 14 for Half.
    /// </summary>
    let maxNthDerivativeOrder<'T when 'T :> IFloatingPointIeee754<'T>> : int =
        let size = System.Runtime.CompilerServices.Unsafe.SizeOf<'T>()
        let mutable order = 0
        while (size <<< (order + 1)) <= 32768 do
            order <- order + 1
        order

    /// <summary>
    /// The n-th derivative f⁽ⁿ⁾(x) by nesting: f runs once over Dual nested n levels deep (2ⁿ parts per number).
    /// Order 0 is f(x) itself; the largest order is <see cref="M:Fluxion.Forward.maxNthDerivativeOrder``1"/>
    /// (12 for double, 13 for float32).
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative or above the limit for 'T.</exception>
    let nthDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (order: int) (f: IScalarFunction) (x: 'T) : 'T =
        Check.notNull (nameof f) f
        if order < 0 then raise (ArgumentOutOfRangeException(nameof order, order, "The order of a derivative must be 0 or more."))
        let limit = maxNthDerivativeOrder<'T>
        if order > limit then
            raise (
                ArgumentOutOfRangeException(
                    nameof order,
                    order,
                    $"nthDerivative over {typeof<'T>.Name} supports orders up to {limit}: order n nests Dual n levels deep, "
                    + $"a number of 2^n values of {System.Runtime.CompilerServices.Unsafe.SizeOf<'T>()} bytes, and the .NET runtime "
                    + "rejects value types larger than 32 KiB."
                )
            )
        let rec nest (n: int) (g: IScalarFunction) = if n = 0 then g else nest (n - 1) (DerivativeOf g)
        ForwardLevel<Dual<'T>>.Run("Forward.nthDerivative", fun () -> (nest order f).Invoke x)

    /// <summary>
    /// The directional derivative ∇f(x)·v: one pass of f over <see cref="T:Fluxion.Dual`1"/>.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    let directionalDerivative<'T when 'T :> IFloatingPointIeee754<'T>> (f: Dual<'T>[] -> Dual<'T>) (x: 'T[]) (v: 'T[]) : 'T =
        Check.notNull (nameof f) f
        Check.pointAndDirection x v
        ForwardLevel<Dual<'T>>.Run("Forward.directionalDerivative", fun () -> (f (Array.map2 (fun xi vi -> Dual<'T>(xi, vi)) x v)).Tangent)

    /// <summary>The Jacobian-vector product J(x)·v of f: ℝⁿ → ℝᵐ: one pass of f over <see cref="T:Fluxion.Dual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    let jvp<'T when 'T :> IFloatingPointIeee754<'T>> (f: Dual<'T>[] -> Dual<'T>[]) (x: 'T[]) (v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Check.pointAndDirection x v
        ForwardLevel<Dual<'T>>.Run("Forward.jvp", fun () ->
            let y = f (Array.map2 (fun xi vi -> Dual<'T>(xi, vi)) x v)
            Check.notNull "f's result" y
            y |> Array.map (fun yi -> yi.Tangent))

    /// Evaluates f on x with the inputs in [start, start + Width) seeded along lanes 0, 1, …, the rest constant.
    /// Every input is rewritten each pass (f may have changed the array); the unit tangents are built once.
    let private chunkPass<'T, 'Y when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (f: MultiDual<'T>[] -> 'Y) (x: 'T[]) (units: Vector<'T>[]) (inputs: MultiDual<'T>[]) (start: int) (stop: int) : 'Y =
        for i in 0 .. x.Length - 1 do
            inputs[i] <- MultiDual<'T>.Constant x[i]
        for i in start .. stop - 1 do
            inputs[i] <- MultiDual<'T>(x[i], units[i - start])
        f inputs

    /// The unit tangent vectors e₀ … e_(Width−1).
    let private unitTangents<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType> () =
        Array.init MultiDual<'T>.Width (fun lane -> MultiDual<'T>.Variable('T.Zero, lane).Tangents)

    /// <summary>
    /// The gradient ∇f(x), forward mode in chunks: each pass of f over <see cref="T:Fluxion.MultiDual`1"/> seeds
    /// <c>MultiDual.Width</c> inputs at once, so n inputs take ⌈n / Width⌉ passes.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    let gradient<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (f: MultiDual<'T>[] -> MultiDual<'T>) (x: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        ForwardLevel<MultiDual<'T>>.Run("Forward.gradient", fun () ->
            let n = x.Length
            let g = Array.zeroCreate<'T> n
            let units = unitTangents<'T> ()
            let inputs = Array.zeroCreate<MultiDual<'T>> n
            for start in 0 .. MultiDual<'T>.Width .. n - 1 do
                let stop = min n (start + MultiDual<'T>.Width)
                let y = chunkPass f x units inputs start stop
                for i in start .. stop - 1 do
                    g[i] <- y.Tangents[i - start]
            g)

    /// <summary>
    /// The Jacobian (m × n, entry [i, j] = ∂fᵢ/∂xⱼ) of f: ℝⁿ → ℝᵐ, forward mode in chunks of
    /// <c>MultiDual.Width</c> columns per pass of f over <see cref="T:Fluxion.MultiDual`1"/>.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">x is empty, or f returns arrays of different lengths.</exception>
    let jacobian<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (f: MultiDual<'T>[] -> MultiDual<'T>[]) (x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        ForwardLevel<MultiDual<'T>>.Run("Forward.jacobian", fun () ->
            let n = x.Length
            let units = unitTangents<'T> ()
            let inputs = Array.zeroCreate<MultiDual<'T>> n
            let columns = [|
                for start in 0 .. MultiDual<'T>.Width .. n - 1 do
                    let stop = min n (start + MultiDual<'T>.Width)
                    let y = chunkPass f x units inputs start stop
                    Check.notNull "f's result" y
                    start, stop, y
            |]
            let _, _, first = columns[0]
            let m = first.Length
            let jac = Array2D.zeroCreate<'T> m n
            for start, stop, y in columns do
                if y.Length <> m then
                    raise (ArgumentException($"f returned {m} outputs in one pass and {y.Length} in another; it must return the same number.", nameof f))
                for i in 0 .. m - 1 do
                    for j in start .. stop - 1 do
                        jac[i, j] <- y[i].Tangents[j - start]
            jac)

    /// Evaluates f with ε₁ seeds u and ε₂ seed e_j (the j-th unit vector) and returns the ε₁ε₂ part, uᵀ·H·e_j.
    let private hyperPass<'T when 'T :> IFloatingPointIeee754<'T>> (f: HyperDual<'T>[] -> HyperDual<'T>) (x: 'T[]) (inputs: HyperDual<'T>[]) (u: int -> 'T) (j: int) : 'T =
        for k in 0 .. x.Length - 1 do
            inputs[k] <- HyperDual<'T>(x[k], u k, (if k = j then 'T.One else 'T.Zero), 'T.Zero)
        (f inputs).E12

    /// <summary>
    /// The Hessian of f: ℝⁿ → ℝ, exact, from n(n+1)/2 passes of f over <see cref="T:Fluxion.HyperDual`1"/>
    /// (one per entry on and above the diagonal; the matrix is symmetric).
    /// </summary>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    let hessian<'T when 'T :> IFloatingPointIeee754<'T>> (f: HyperDual<'T>[] -> HyperDual<'T>) (x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        ForwardLevel<HyperDual<'T>>.Run("Forward.hessian", fun () ->
            let n = x.Length
            let h = Array2D.zeroCreate<'T> n n
            let inputs = Array.zeroCreate<HyperDual<'T>> n
            for i in 0 .. n - 1 do
                for j in i .. n - 1 do
                    let hij = hyperPass f x inputs (fun k -> if k = i then 'T.One else 'T.Zero) j
                    h[i, j] <- hij
                    h[j, i] <- hij
            h)

    /// <summary>
    /// The Hessian-vector product H(x)·v of f: ℝⁿ → ℝ, forward over forward: n passes of f over
    /// <see cref="T:Fluxion.HyperDual`1"/> with ε₁ seeded along v and ε₂ along each unit vector.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    let hessianVectorProduct<'T when 'T :> IFloatingPointIeee754<'T>> (f: HyperDual<'T>[] -> HyperDual<'T>) (x: 'T[]) (v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Check.pointAndDirection x v
        ForwardLevel<HyperDual<'T>>.Run("Forward.hessianVectorProduct", fun () ->
            let inputs = Array.zeroCreate<HyperDual<'T>> x.Length
            Array.init x.Length (fun j -> hyperPass f x inputs (fun k -> v[k]) j))

/// <summary>
/// Forward-mode automatic differentiation for C# (and any .NET language): the entry points of
/// <see cref="T:Fluxion.Forward"/> with delegates, arrays and PascalCase names. A generic-math method
/// <c>T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c> can be passed as it is: C# infers T.
/// </summary>
/// <remarks>
/// Nesting rule: while one of these methods runs f over a number type N, calling one over the same N on the same
/// thread throws <see cref="T:System.InvalidOperationException"/> (perturbation confusion). Differentiate inside f
/// one level deeper, over <c>Dual&lt;N&gt;</c>, and lift outer values with <c>Dual.Constant</c>.
/// </remarks>
[<AbstractClass; Sealed>]
type ForwardMode =
    /// <summary>f′(x), one pass over <see cref="T:Fluxion.Dual`1"/>.</summary>
    /// <example><c>double d = ForwardMode.Derivative(F, 2.0);</c></example>
    static member Derivative<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Dual<'T>, Dual<'T>>, x: 'T) : 'T =
        Check.notNull (nameof f) f
        Forward.derivative f.Invoke x

    /// <summary>f″(x), one pass over <see cref="T:Fluxion.HyperDual`1"/>.</summary>
    static member SecondDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<HyperDual<'T>, HyperDual<'T>>, x: 'T) : 'T =
        Check.notNull (nameof f) f
        Forward.secondDerivative f.Invoke x

    /// <summary>
    /// The n-th derivative f⁽ⁿ⁾(x), by nesting Dual <paramref name="order"/> levels deep (order 0 is f(x)); orders up
    /// to <see cref="M:Fluxion.ForwardMode.MaxNthDerivativeOrder``1"/> (12 for double, 13 for float).
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative or above the limit for T.</exception>
    static member NthDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(f: IScalarFunction, order: int, x: 'T) : 'T =
        Check.notNull (nameof f) f
        Forward.nthDerivative order f x

    /// <summary>
    /// The largest order <see cref="M:Fluxion.ForwardMode.NthDerivative``1(Fluxion.IScalarFunction,System.Int32,``0)"/>
    /// accepts for T: 2ⁿ values of T must fit in 32 KiB, the largest value type the .NET runtime compiles.
    /// </summary>
    static member MaxNthDerivativeOrder<'T when 'T :> IFloatingPointIeee754<'T>>() : int = Forward.maxNthDerivativeOrder<'T>

    /// <summary>The directional derivative ∇f(x)·v, one pass over <see cref="T:Fluxion.Dual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    static member DirectionalDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Dual<'T>[], Dual<'T>>, x: 'T[], v: 'T[]) : 'T =
        Check.notNull (nameof f) f
        Forward.directionalDerivative f.Invoke x v

    /// <summary>The Jacobian-vector product J(x)·v, one pass over <see cref="T:Fluxion.Dual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    static member Jvp<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Dual<'T>[], Dual<'T>[]>, x: 'T[], v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Forward.jvp f.Invoke x v

    /// <summary>The gradient ∇f(x), in ⌈n / Width⌉ passes over <see cref="T:Fluxion.MultiDual`1"/>.</summary>
    /// <example><c>double[] g = ForwardMode.Gradient(x =&gt; x[0] * x[0] + x[1], new[] { 2.0, 3.0 });</c></example>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member Gradient<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (f: Func<MultiDual<'T>[], MultiDual<'T>>, x: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Forward.gradient f.Invoke x

    /// <summary>The m × n Jacobian, in ⌈n / Width⌉ passes over <see cref="T:Fluxion.MultiDual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty, or f returns arrays of different lengths.</exception>
    static member Jacobian<'T when 'T :> IFloatingPointIeee754<'T> and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (f: Func<MultiDual<'T>[], MultiDual<'T>[]>, x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Forward.jacobian f.Invoke x

    /// <summary>The exact Hessian, in n(n+1)/2 passes over <see cref="T:Fluxion.HyperDual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member Hessian<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<HyperDual<'T>[], HyperDual<'T>>, x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Forward.hessian f.Invoke x

    /// <summary>The Hessian-vector product H(x)·v, in n passes over <see cref="T:Fluxion.HyperDual`1"/>.</summary>
    /// <exception cref="T:System.ArgumentException">x is empty, v's length differs, or v has a NaN or infinite entry.</exception>
    static member HessianVectorProduct<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<HyperDual<'T>[], HyperDual<'T>>, x: 'T[], v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Forward.hessianVectorProduct f.Invoke x v
