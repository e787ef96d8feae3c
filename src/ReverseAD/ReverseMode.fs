namespace Fluxion

open System
open System.Numerics
open System.Runtime.InteropServices

/// How the result types print: invariant culture, six significant digits, vectors cut to their first 10 entries.
module internal ResultDisplay =
    let private entry (v: 'T) =
        match box v with
        | :? IFormattable as f -> f.ToString("G6", Globalization.CultureInfo.InvariantCulture)
        | o -> string o

    let vector (values: 'T[]) =
        let shown = values |> Array.truncate 10 |> Array.map entry |> String.concat ", "
        if values.Length > 10 then $"[{shown}, … ({values.Length} entries)]" else $"[{shown}]"

    let scalar (value: 'T) = entry value

/// <summary>A function value together with its gradient.</summary>
[<Sealed>]
type ValueAndGradient<'T>(value: 'T, gradient: 'T[]) =
    /// <summary>The value f(x).</summary>
    member _.Value = value
    /// <summary>The gradient ∇f(x), one entry per input.</summary>
    member _.Gradient = gradient
    /// <summary>The numbers, for example <c>value 18, gradient [12, 9]</c> (long gradients show their first 10 entries).</summary>
    override _.ToString() = $"value {ResultDisplay.scalar value}, gradient {ResultDisplay.vector gradient}"

/// <summary>The values of a vector function together with a vector-Jacobian product.</summary>
[<Sealed>]
type ValueAndVjp<'T>(value: 'T[], vjp: 'T[]) =
    /// <summary>The values f(x), one per output.</summary>
    member _.Value = value
    /// <summary>The vector-Jacobian product uᵀ·J(x), one entry per input.</summary>
    member _.Vjp = vjp
    /// <summary>The numbers, for example <c>value [6, 5], vjp [3, 4]</c> (long vectors show their first 10 entries).</summary>
    override _.ToString() = $"value {ResultDisplay.vector value}, vjp {ResultDisplay.vector vjp}"

/// <summary>
/// A function of several inputs written once with .NET generic math, so that it can be evaluated on plain
/// numbers, on dual numbers (forward mode) and on Vars (reverse mode). The gradient checker needs all three.
/// </summary>
type IMultivariateFunction =
    /// <summary>Evaluates the function at x.</summary>
    abstract Evaluate<'U when 'U :> IFloatingPointIeee754<'U>> : x: 'U[] -> 'U

/// <summary>The outcome of a gradient check (see <c>ReverseMode.CheckGradient</c>).</summary>
[<Sealed>]
type GradientCheckResult
    internal (value: float, reverse: float[], forward: float[], errorForward: float, errorFiniteDifferences: float, directions: int, tolerance: float) =
    /// <summary>The function value at the checked point.</summary>
    member _.Value = value
    /// <summary>The gradient from reverse mode.</summary>
    member _.ReverseGradient = reverse
    /// <summary>The gradient from forward mode (one dual-number pass per input).</summary>
    member _.ForwardGradient = forward
    /// <summary>The worst relative error between the reverse and forward gradients, over all entries.</summary>
    member _.MaxRelativeErrorVsForward = errorForward
    /// <summary>
    /// The worst relative error between the reverse directional derivative ∇f·v and centered finite
    /// differences of f along v (Richardson-extrapolated), over the random unit directions v.
    /// </summary>
    member _.MaxRelativeErrorVsFiniteDifferences = errorFiniteDifferences
    /// <summary>The number of random directions checked against finite differences.</summary>
    member _.Directions = directions
    /// <summary>The tolerance both errors were held to.</summary>
    member _.Tolerance = tolerance
    /// <summary>True when both worst errors are within the tolerance.</summary>
    member _.Passed = errorForward <= tolerance && errorFiniteDifferences <= tolerance
    /// <summary>A one-line summary.</summary>
    override r.ToString() =
        let verdict = if r.Passed then "passed" else "FAILED"
        $"gradient check {verdict}: worst relative error {errorForward:E2} vs forward mode, {errorFiniteDifferences:E2} vs finite differences in {directions} directions (tolerance {tolerance:E1})"

/// <summary>
/// Reverse-mode automatic differentiation for C# and other .NET callers: gradients, vector-Jacobian
/// products, Jacobians, Hessians (forward over reverse), stop-gradient, checkpointing, custom VJPs and a
/// gradient checker. Functions are written with <see cref="T:Fluxion.Var`1"/> (or once with generic math).
/// </summary>
/// <remarks>
/// <para>Each thread records on its own tape, reused between calls, so independent gradients run in parallel and,
/// after warm-up, recording and sweeping allocate nothing per operation. The tape's memory is bounded by recent
/// use: when a computation ends, the thread keeps storage for the largest of its last 8 computations (rounded
/// up to a power of two, at least 1,024 entries) and gives back the rest; <c>ReleaseTape</c> gives back all of
/// it.</para>
/// <para>Arguments are checked like those of ForwardMode: a null function throws ArgumentNullException("f"); an
/// empty point, a length mismatch (the message gives both lengths), and a NaN or infinite direction, cotangent
/// or seed (the message gives its index and value) throw ArgumentException naming the argument.</para>
/// <para>Relative errors reported by the gradient checker are |a − b| / max(1, |a|, |b|).</para>
/// </remarks>
[<AbstractClass; Sealed>]
type ReverseMode =
    /// An array of n input Vars for tape t, reused by this nesting level between calls.
    static member private InputArray<'T when 'T :> IFloatingPointIeee754<'T>>(t: Tape<'T>, n: int) : Var<'T>[] =
        match t.InputCache with
        | :? (Var<'T>[]) as a when a.Length = n -> a
        | _ ->
            let a = Array.zeroCreate n
            t.InputCache <- a
            a

    /// The inputs as Vars on tape t (entries 1..n), in an array that this nesting level reuses.
    static member private Inputs<'T when 'T :> IFloatingPointIeee754<'T>>(t: Tape<'T>, x: 'T[]) : Var<'T>[] =
        let xs = ReverseMode.InputArray(t, x.Length)
        let owner = t.Owner
        for i in 0 .. x.Length - 1 do
            xs[i] <- Var<'T>(x[i], t.PushInput(), owner)
        xs

    static member private CheckOutput<'T when 'T :> IFloatingPointIeee754<'T>>(t: Tape<'T>, y: Var<'T>) =
        if y.TapeId <> 0 && y.TapeId <> t.Owner then raise (Tape<'T>.Foreign y.TapeId)

    /// <summary>
    /// Computes f(x) and writes ∇f(x) into <paramref name="gradient"/>. After warm-up this allocates nothing
    /// (the tape and the input array are reused), which makes it the call for optimisation loops.
    /// </summary>
    /// <returns>The value f(x).</returns>
    /// <exception cref="T:System.ArgumentNullException">f, x or gradient is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, or gradient and x have different lengths.</exception>
    static member ValueAndGradientInto<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>>, x: 'T[], gradient: 'T[]) : 'T =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        Check.sameLength (nameof gradient) gradient (nameof x) x
        let t = Tape<'T>.Begin()
        let owner = t.Owner
        try
            let y = f.Invoke(ReverseMode.Inputs(t, x))
            ReverseMode.CheckOutput(t, y)
            t.ClearForSweep()
            t.AddAdjoint(y.Index, 'T.One)
            t.Sweep()
            Array.Copy(t.Adjoints, 1, gradient, 0, x.Length)
            y.P
        finally
            t.End owner

    /// <summary>
    /// Records f once at x and returns its gradient program, to be replayed for new inputs of the same length
    /// (ReverseDiff.jl's compiled tapes, JAX's jit): each call re-evaluates every recorded operation's value and local
    /// partials in one forward loop, without calling f, and sweeps the same entries. For functions whose operations
    /// do not depend on the inputs' values (no branch on them), such as a fixed-step ODE solve or a sum of terms.
    /// </summary>
    /// <remarks>
    /// <para>Decisions f takes on values (comparisons of Vars, classifications such as IsNaN, Sign, ILogB, CompareTo,
    /// and the choices of Clamp, CopySign, MaxNumber, MinNumber) are recorded and re-checked by every call, which
    /// throws <see cref="T:Fluxion.BranchChangedException"/> when one comes out differently. Rules that choose inside
    /// themselves (Abs, Max, Min, Floor …) are replayed at the new point. Compilation refuses, with
    /// NotSupportedException naming the operation, what a replay cannot reproduce: reading a recorded Var's
    /// <c>Primal</c> (or converting it to a plain number, formatting or hashing it), custom VJPs
    /// (<c>Custom</c>), checkpoints, rounding to digits, and FusedMultiplyAdd with two constant factors.
    /// Everything else f reads (captured numbers and arrays) is fixed at the compile point.</para>
    /// </remarks>
    /// <param name="f">The function; called once, now.</param>
    /// <param name="x">The point at which f is recorded; later calls take points of the same length.</param>
    /// <returns>The compiled gradient.</returns>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    /// <exception cref="T:System.NotSupportedException">f uses an operation a compiled tape cannot replay (the message
    /// names it).</exception>
    /// <exception cref="T:System.InvalidOperationException">Called inside a function being compiled.</exception>
    /// <example><code>
    /// var g = ReverseMode.Compile&lt;double&gt;(v =&gt; v[0] * v[0] + v[1], new[] { 2.0, 3.0 });
    /// double[] at = g.Gradient(new[] { 5.0, 1.0 });   // { 10, 1 }
    /// </code></example>
    static member Compile<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>>, x: 'T[]) : CompiledGradient<'T> =
        Compiler.Compile(f, x)

    /// <summary>The gradient ∇f(x) of a scalar function of several inputs, in one reverse sweep.</summary>
    /// <example><code>double[] g = ReverseMode.Gradient&lt;double&gt;(v =&gt; v[0] * v[0] + v[1], new[] { 2.0, 3.0 }); // { 4, 1 }</code></example>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member Gradient<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>>, x: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        let g = Array.zeroCreate x.Length
        ReverseMode.ValueAndGradientInto(f, x, g) |> ignore
        g

    /// <summary>The value f(x) and the gradient ∇f(x), in one recording and one reverse sweep.</summary>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member ValueAndGradient<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>>, x: 'T[]) : ValueAndGradient<'T> =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        let g = Array.zeroCreate x.Length
        let v = ReverseMode.ValueAndGradientInto(f, x, g)
        ValueAndGradient<'T>(v, g)

    /// <summary>
    /// The values f(x) of a vector function and the vector-Jacobian product uᵀ·J(x) for the cotangent u, in one
    /// reverse sweep.
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f, x or cotangent is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, the cotangent has a NaN or infinite entry, or its
    /// length differs from the number of outputs.</exception>
    static member Vjp<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>[]>, x: 'T[], cotangent: 'T[]) : ValueAndVjp<'T> =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        Check.notNull (nameof cotangent) cotangent
        Check.finiteDirection (nameof cotangent) cotangent
        let t = Tape<'T>.Begin()
        let owner = t.Owner
        try
            let ys = f.Invoke(ReverseMode.Inputs(t, x))
            Check.notNull "f's result" ys
            if ys.Length <> cotangent.Length then
                raise (ArgumentException($"cotangent has length {cotangent.Length} but f has {ys.Length} outputs; they must match.", nameof cotangent))
            for y in ys do
                ReverseMode.CheckOutput(t, y)
            t.ClearForSweep()
            for k in 0 .. ys.Length - 1 do
                t.AddAdjoint(ys[k].Index, cotangent[k])
            t.Sweep()
            let vjp = Array.zeroCreate x.Length
            Array.Copy(t.Adjoints, 1, vjp, 0, x.Length)
            ValueAndVjp<'T>(ys |> Array.map (fun y -> y.P), vjp)
        finally
            t.End owner

    /// <summary>
    /// The Jacobian J[i, j] = ∂fᵢ/∂xⱼ of a vector function by reverse mode: one recording, one sweep per output
    /// (the better choice when there are fewer outputs than inputs).
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member Jacobian<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>[]>, x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        let t = Tape<'T>.Begin()
        let owner = t.Owner
        try
            let ys = f.Invoke(ReverseMode.Inputs(t, x))
            Check.notNull "f's result" ys
            for y in ys do
                ReverseMode.CheckOutput(t, y)
            let jac = Array2D.zeroCreate ys.Length x.Length
            for i in 0 .. ys.Length - 1 do
                t.ClearForSweep()
                t.AddAdjoint(ys[i].Index, 'T.One)
                t.Sweep()
                let adj = t.Adjoints
                for j in 0 .. x.Length - 1 do
                    jac[i, j] <- adj[j + 1]
            jac
        finally
            t.End owner

    /// <summary>
    /// The Hessian-vector product ∇²f(x)·v by forward over reverse: one recording on
    /// <c>Var&lt;Dual&lt;T&gt;&gt;</c> with tangents v and one reverse sweep (a few evaluations' cost).
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f, x or v is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, v has a different length than x, or v has a NaN or
    /// infinite entry.</exception>
    static member HessianVectorProduct<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<Dual<'T>>[], Var<Dual<'T>>>, x: 'T[], v: 'T[]) : 'T[] =
        Check.notNull (nameof f) f
        Check.pointAndDirection x v
        let result = Array.zeroCreate x.Length
        ReverseMode.HessianVectorProductInto(f, x, v, result) |> ignore
        result

    /// <summary>
    /// Computes f(x) and writes the Hessian-vector product ∇²f(x)·v into <paramref name="result"/>, by forward
    /// over reverse like <c>HessianVectorProduct</c>. After warm-up this allocates nothing (the tape and the
    /// input array are reused), which makes it the call for Newton-Krylov and truncated-Newton loops.
    /// </summary>
    /// <returns>The value f(x).</returns>
    /// <exception cref="T:System.ArgumentNullException">f, x, v or result is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, v or result has a different length than x, or v has
    /// a NaN or infinite entry.</exception>
    static member HessianVectorProductInto<'T when 'T :> IFloatingPointIeee754<'T>>
        (f: Func<Var<Dual<'T>>[], Var<Dual<'T>>>, x: 'T[], v: 'T[], result: 'T[]) : 'T =
        Check.notNull (nameof f) f
        Check.pointAndDirection x v
        Check.sameLength (nameof result) result (nameof x) x
        let t = Tape<Dual<'T>>.Begin()
        let owner = t.Owner
        try
            let xs = ReverseMode.InputArray(t, x.Length)
            for i in 0 .. x.Length - 1 do
                xs[i] <- Var<Dual<'T>>(Dual<'T>(x[i], v[i]), t.PushInput(), owner)
            let y = f.Invoke xs
            ReverseMode.CheckOutput(t, y)
            t.ClearForSweep()
            t.AddAdjoint(y.Index, Dual<'T>.One)
            t.Sweep()
            let adj = t.Adjoints
            for i in 0 .. x.Length - 1 do
                result[i] <- adj[i + 1].Tangent
            y.P.Primal
        finally
            t.End owner

    /// <summary>
    /// The full Hessian ∇²f(x) by forward over reverse: one Hessian-vector product per input (column). For
    /// large inputs prefer <c>HessianVectorProduct</c>.
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    static member Hessian<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<Dual<'T>>[], Var<Dual<'T>>>, x: 'T[]) : 'T[,] =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        let n = x.Length
        let h = Array2D.zeroCreate n n
        let g = Array.zeroCreate n
        let seeded = Array.zeroCreate n
        for j in 0 .. n - 1 do
            for i in 0 .. n - 1 do
                seeded[i] <- Dual<'T>(x[i], (if i = j then 'T.One else 'T.Zero))
            ReverseMode.ValueAndGradientInto(f, seeded, g) |> ignore
            for i in 0 .. n - 1 do
                h[i, j] <- g[i].Tangent
        h

    /// <summary>
    /// Gives back the memory of the current thread's tapes for number type <c>'T</c> (every nesting
    /// level); the next computation of that type on this thread starts with a small tape again. Without it, a
    /// thread keeps the storage its last 8 computations needed (the largest of them), and gives back the rest
    /// when a computation ends.
    /// </summary>
    /// <exception cref="T:System.InvalidOperationException">A gradient computation over T is running on this
    /// thread.</exception>
    static member ReleaseTape<'T when 'T :> IFloatingPointIeee754<'T>>() = Tape<'T>.Release()

    /// <summary>
    /// The same value as a constant: derivatives do not flow through it (stop-gradient). In a function being
    /// compiled it is an entry that copies the value and passes no derivative back, so that the replay uses the
    /// value at the new point.
    /// </summary>
    static member StopGradient<'T when 'T :> IFloatingPointIeee754<'T>>(x: Var<'T>) : Var<'T> = Var<'T>.Stopped x

    /// <summary>
    /// Runs a segment of a computation without storing its inside on the tape: only its inputs and outputs are
    /// kept, and the reverse sweep recomputes the segment when it reaches it. Checkpointing every k steps of a
    /// long loop keeps the tape's memory proportional to the number of checkpoints, at the cost of evaluating
    /// each segment twice. The gradients equal those without checkpointing (bit for bit when every value the
    /// segment uses flows in through its inputs).
    /// </summary>
    /// <remarks>
    /// Checkpoints may nest. When a segment makes exactly one nested checkpoint call (a chain, each level
    /// wrapping the rest), the recomputation takes the nested call's outputs from what the sweep's own run on
    /// constants remembered (its inputs must be bit-identical, which a deterministic segment over float, float32
    /// or Dual gives), so a chain of D levels costs O(D) segment runs rather than O(D²), and the remembered
    /// values, O(D), are no more than the sweep holds for the chain anyway. A segment with two or more nested
    /// checkpoints (a binomial, memory-saving scheme) remembers nothing and its nested segments are recomputed,
    /// as such a scheme intends. Each nesting level takes a few stack frames in the user's recursion and in the
    /// sweep, so very deep nesting needs a thread with a large stack.
    /// </remarks>
    /// <param name="segment">A function of the inputs; called once now on constants and once per reverse sweep.
    /// It must compute the same outputs each time (no side effects that change its result).</param>
    /// <param name="inputs">The segment's inputs.</param>
    /// <exception cref="T:System.ArgumentNullException">segment or inputs is null.</exception>
    /// <exception cref="T:System.ArgumentException">The segment returned no outputs.</exception>
    static member Checkpoint<'T when 'T :> IFloatingPointIeee754<'T>>(segment: Func<Var<'T>[], Var<'T>[]>, inputs: Var<'T>[]) : Var<'T>[] =
        Record.Checkpoint(segment, inputs)

    /// <summary>
    /// Records a custom operation with a user-defined reverse step (a custom VJP), for example an
    /// implicit-function rule for a value computed by an iterative solver. The value is computed by any means;
    /// during the reverse sweep <paramref name="backward"/> adds the output's adjoint times each partial
    /// derivative into the operands' adjoints.
    /// </summary>
    /// <param name="value">The operation's result (computed from the operands' primal values).</param>
    /// <param name="operands">Every Var the result depends on.</param>
    /// <param name="backward">The reverse step: reads <c>adjoints.Output()</c>, calls <c>adjoints.Add(operand, ...)</c>.</param>
    /// <returns>The result as a Var (a constant when every operand is a constant).</returns>
    static member Custom<'T when 'T :> IFloatingPointIeee754<'T>>(value: 'T, operands: Var<'T>[], backward: Backward<'T>) : Var<'T> =
        (Record.Custom([| value |], operands, backward))[0]

    /// <summary>A custom operation with several outputs (see <c>Custom</c>); the reverse step reads
    /// <c>adjoints.Output(k)</c> for each output k.</summary>
    static member Custom<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[], operands: Var<'T>[], backward: Backward<'T>) : Var<'T>[] =
        Record.Custom(values, operands, backward)

    /// <summary>
    /// Checks a function's reverse-mode gradient at x against forward mode (every entry) and against centered,
    /// Richardson-extrapolated finite differences along random unit directions, like PyTorch's gradcheck and
    /// JAX's check_grads. Relative errors are |a − b| / max(1, |a|, |b|).
    /// </summary>
    /// <param name="f">The function, written once with generic math.</param>
    /// <param name="x">The point.</param>
    /// <param name="directions">How many random directions to check with finite differences (default 8).</param>
    /// <param name="tolerance">The largest acceptable relative error (default 1e-6).</param>
    /// <param name="step">The finite-difference step relative to max(1, |x|∞) (default 1e-3).</param>
    /// <param name="seed">The random seed for the directions (default 0).</param>
    /// <exception cref="T:System.ArgumentNullException">f or x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">directions is negative, or tolerance or step is not
    /// positive.</exception>
    static member CheckGradient
        (
            f: IMultivariateFunction,
            x: float[],
            [<Optional; DefaultParameterValue(8)>] directions: int,
            [<Optional; DefaultParameterValue(1e-6)>] tolerance: float,
            [<Optional; DefaultParameterValue(1e-3)>] step: float,
            [<Optional; DefaultParameterValue(0)>] seed: int
        ) : GradientCheckResult =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        if directions < 0 then raise (ArgumentOutOfRangeException(nameof directions, directions, "Must be 0 or more."))
        if not (tolerance > 0.0) then raise (ArgumentOutOfRangeException(nameof tolerance, tolerance, "Must be positive."))
        if not (step > 0.0) then raise (ArgumentOutOfRangeException(nameof step, step, "Must be positive."))
        let n = x.Length
        let rel (a: float) (b: float) =
            if a = b then 0.0
            elif Double.IsNaN a || Double.IsNaN b then infinity
            else abs (a - b) / max 1.0 (max (abs a) (abs b))
        let reverse = ReverseMode.ValueAndGradient(Func<Var<float>[], Var<float>>(fun v -> f.Evaluate v), x)
        let forward =
            Array.init n (fun i -> (f.Evaluate(Array.init n (fun j -> Dual<float>(x[j], (if i = j then 1.0 else 0.0))))).Tangent)
        let errorForward = Array.fold2 (fun worst a b -> max worst (rel a b)) 0.0 reverse.Gradient forward
        let rng = Random(seed)
        let h = step * (if n = 0 then 1.0 else max 1.0 (x |> Array.map abs |> Array.max))
        let along (v: float[]) (s: float) = f.Evaluate(Array.init n (fun i -> x[i] + s * v[i]))
        let central (v: float[]) (s: float) = (along v s - along v (-s)) / (2.0 * s)
        let mutable errorFd = 0.0
        for _ in 1..directions do
            // A random unit direction (normal entries, normalised).
            let v =
                Array.init n (fun _ ->
                    let u1 = 1.0 - rng.NextDouble()
                    sqrt (-2.0 * log u1) * cos (2.0 * Math.PI * rng.NextDouble()))
            let norm = sqrt (Array.sumBy (fun a -> a * a) v)
            if norm > 0.0 then
                let v = v |> Array.map (fun a -> a / norm)
                let fd = (4.0 * central v (h / 2.0) - central v h) / 3.0
                let exact = Array.fold2 (fun acc g d -> acc + g * d) 0.0 reverse.Gradient v
                errorFd <- max errorFd (rel exact fd)
        GradientCheckResult(reverse.Value, reverse.Gradient, forward, errorForward, errorFd, directions, tolerance)
