namespace Fluxion

open System
open System.Numerics
open System.Threading

/// <summary>
/// Thrown by a <see cref="T:Fluxion.CompiledGradient`1"/> when a decision the function took on its values while it
/// was recorded (a comparison, a classification such as IsNaN, Sign, an ordering) comes out differently at the new
/// point: the function would take another branch there, so the recorded program does not describe it.
/// </summary>
/// <remarks>Compile again at the new point, or use the uncompiled <c>ReverseMode.ValueAndGradientInto</c>.</remarks>
[<Sealed>]
type BranchChangedException internal (message: string, decision: string, guard: int) =
    inherit InvalidOperationException(message)
    /// <summary>What was decided, for example "the comparison a &gt; b".</summary>
    member _.Decision = decision
    /// <summary>Which recorded decision changed (0 for the first the function took).</summary>
    member _.GuardIndex = guard

/// <summary>
/// A function's gradient program, recorded once by <c>ReverseMode.Compile</c> and replayed for new inputs: one
/// forward loop over the recorded operations recomputes every value and local partial derivative (no user code,
/// no Var, no allocation), the recorded decisions are checked, and one reverse sweep over the same entries gives
/// the gradient.
/// </summary>
/// <remarks>
/// <para>The replay is right for every input at which the function performs the same operations in the same order
/// as at the compile point. Decisions on values (comparisons of Vars, IsNaN and the other classifications, Sign,
/// ILogB, CompareTo, and the choices Clamp, CopySign, MaxNumber and MinNumber make with them) are re-evaluated;
/// when one comes out differently the call throws <see cref="T:Fluxion.BranchChangedException"/>. Rules that
/// choose inside themselves (Abs, Max, Min, Floor, Round …) are replayed with their own value and derivative at the
/// new point and need no check. Everything the function reads besides its Vars (captured numbers and arrays) is
/// fixed at the compile point.</para>
/// <para>One instance holds one set of work arrays: calls from two threads at once throw
/// InvalidOperationException; compile once per thread for parallel use.</para>
/// </remarks>
[<Sealed>]
type CompiledGradient<'T when 'T :> IFloatingPointIeee754<'T>> internal (program: Program<'T>) =
    let steps = program.Steps
    let values = program.Values
    let count = program.Count
    let n = program.Inputs
    let output = program.Output
    let kernels = program.Kernels
    let guards = program.Guards
    let adjoints: 'T[] = Array.zeroCreate values.Length
    let mutable busy = 0

    /// <summary>The number of inputs the function was compiled for.</summary>
    member _.InputCount = n

    /// <summary>
    /// The number of recorded entries: one sink, one per input and one per operation (the tape's
    /// <c>EntryCount</c> for the same function). Each costs about 40 bytes for double.
    /// </summary>
    member _.EntryCount = count

    /// <summary>The number of decisions on values that every call re-checks.</summary>
    member _.GuardCount = guards.Length

    member private _.Enter(x: 'T[]) =
        Check.notNull (nameof x) x
        if x.Length <> n then
            raise (ArgumentException($"x has length {x.Length} but the function was compiled for {n} inputs; they must match.", nameof x))
        if Interlocked.CompareExchange(&busy, 1, 0) <> 0 then
            raise (
                InvalidOperationException
                    "This CompiledGradient is already running on another thread: one instance holds one set of work arrays. Compile the function once per thread for parallel use."
            )

    member private _.Forward(x: 'T[]) =
        Array.Copy(x, 0, values, 1, n)
        let values = values
        let steps = steps
        for i in n + 1 .. count - 1 do
            let s = &steps[i]
            match s.Code with
            | OpCode.Add -> values[i] <- 'T.op_Addition(values[s.A1], values[s.A2])
            | OpCode.Sub -> values[i] <- 'T.op_Subtraction(values[s.A1], values[s.A2])
            | OpCode.Mul ->
                let a = values[s.A1]
                let b = values[s.A2]
                let z = 'T.op_Multiply(a, b)
                values[i] <- z
                let struct (p1, p2) = BinaryRuleOf.Partials<MultiplyRule, 'T>(a, b, z)
                s.P1 <- p1
                s.P2 <- p2
            | OpCode.Div ->
                let a = values[s.A1]
                let b = values[s.A2]
                let z = 'T.op_Division(a, b)
                values[i] <- z
                let struct (p1, p2) = BinaryRuleOf.Partials<DivideRule, 'T>(a, b, z)
                s.P1 <- p1
                s.P2 <- p2
            | OpCode.Neg -> values[i] <- 'T.op_UnaryNegation values[s.A1]
            | OpCode.PowC ->
                let a = values[s.A1]
                let c = values[s.A2]
                values[i] <- PowerRule.Value(a, c)
                s.P1 <- PowerRule.Derivative(a, c)
            | OpCode.RootN ->
                let fx = RootNRule.Value(values[s.A1], s.Aux)
                values[i] <- fx
                s.P1 <- RootNRule.Derivative(s.Aux, fx)
            | OpCode.Polygamma ->
                let a = values[s.A1]
                values[i] <- PolygammaRule.Value(s.Aux, a)
                s.P1 <- PolygammaRule.Derivative(s.Aux, a)
            | OpCode.ScaleB -> values[i] <- 'T.ScaleB(values[s.A1], s.Aux)
            | OpCode.Shift -> values[i] <- (if s.Aux > 0 then 'T.BitIncrement values[s.A1] else 'T.BitDecrement values[s.A1])
            | OpCode.Sin ->
                let struct (sin, cos) = SinRule.ValueAndDerivative values[s.A1]
                values[i] <- sin
                s.P1 <- cos
            | OpCode.Cos ->
                let struct (cos, minusSin) = CosRule.ValueAndDerivative values[s.A1]
                values[i] <- cos
                s.P1 <- minusSin
            | OpCode.Fma ->
                let product = &steps[s.Aux]
                values[i] <- 'T.FusedMultiplyAdd(values[product.A1], values[product.A2], values[s.A2])
            | OpCode.Copy -> values[i] <- values[s.Aux]
            | _ -> kernels[s.Aux].Run(steps, values, i)
        for k in 0 .. guards.Length - 1 do
            let g = guards[k]
            let now = Guard.Outcome(g, values)
            if now <> g.Expected then
                let what = GuardKind.describe g.Kind
                raise (
                    BranchChangedException(
                        $"The compiled gradient does not describe the function at this point: {what} (decision {k + 1} of {guards.Length}, taken after {g.After} tape entries) was {Guard.Show(g.Kind, g.Expected)} when the function was compiled and is {Guard.Show(g.Kind, now)} now, so the function would take another branch. Compile it again at this point, or use the uncompiled ReverseMode.ValueAndGradientInto.",
                        what,
                        k
                    )
                )

    member private _.Sweep(gradient: 'T[]) =
        let adj = adjoints
        let steps = steps
        Array.Clear adj
        adj[output] <- 'T.One
        let mutable i = count - 1
        while i > n do
            let s = &steps[i]
            let a = adj[i]
            adj[s.A1] <- 'T.op_Addition(adj[s.A1], Chain.Scale(s.P1, a))
            adj[s.A2] <- 'T.op_Addition(adj[s.A2], Chain.Scale(s.P2, a))
            i <- i - 1
        Array.Copy(adj, 1, gradient, 0, n)

    /// <summary>
    /// Computes f(x) and writes ∇f(x) into <paramref name="gradient"/> by replaying the recorded program; allocates
    /// nothing. For the same x it gives the uncompiled <c>ReverseMode.ValueAndGradientInto</c>'s numbers bit for bit.
    /// </summary>
    /// <returns>The value f(x).</returns>
    /// <exception cref="T:System.ArgumentNullException">x or gradient is null.</exception>
    /// <exception cref="T:System.ArgumentException">x or gradient does not have InputCount entries.</exception>
    /// <exception cref="T:Fluxion.BranchChangedException">A decision the function took on its values while it was
    /// recorded comes out differently at x.</exception>
    /// <exception cref="T:System.InvalidOperationException">The instance is in use on another thread.</exception>
    member c.ValueAndGradientInto(x: 'T[], gradient: 'T[]) : 'T =
        Check.notNull (nameof gradient) gradient
        Check.notNull (nameof x) x
        Check.sameLength (nameof gradient) gradient (nameof x) x
        c.Enter x
        try
            c.Forward x
            c.Sweep gradient
            values[output]
        finally
            Volatile.Write(&busy, 0)

    /// <summary>The gradient ∇f(x), replayed (see <c>ValueAndGradientInto</c>).</summary>
    /// <exception cref="T:System.ArgumentNullException">x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x does not have InputCount entries.</exception>
    /// <exception cref="T:Fluxion.BranchChangedException">A recorded decision comes out differently at x.</exception>
    /// <exception cref="T:System.InvalidOperationException">The instance is in use on another thread.</exception>
    member c.Gradient(x: 'T[]) : 'T[] =
        Check.notNull (nameof x) x
        let g = Array.zeroCreate x.Length
        c.ValueAndGradientInto(x, g) |> ignore
        g

    /// <summary>The value f(x) alone: the forward loop and the checks, without the sweep.</summary>
    /// <exception cref="T:System.ArgumentNullException">x is null.</exception>
    /// <exception cref="T:System.ArgumentException">x does not have InputCount entries.</exception>
    /// <exception cref="T:Fluxion.BranchChangedException">A recorded decision comes out differently at x.</exception>
    /// <exception cref="T:System.InvalidOperationException">The instance is in use on another thread.</exception>
    member c.Value(x: 'T[]) : 'T =
        c.Enter x
        try
            c.Forward x
            values[output]
        finally
            Volatile.Write(&busy, 0)

    /// <summary>A summary: inputs, entries and checked decisions.</summary>
    override _.ToString() = $"compiled gradient: {n} inputs, {count} tape entries, {guards.Length} checked decisions"

/// Records a function's program (ReverseMode.Compile calls this).
[<AbstractClass; Sealed>]
type internal Compiler =
    static member Compile<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Var<'T>[], Var<'T>>, x: 'T[]) : CompiledGradient<'T> =
        Check.notNull (nameof f) f
        Check.nonEmpty (nameof x) x
        if not (isNull ProgramRecorder<'T>.Active) then
            raise (InvalidOperationException "ReverseMode.Compile was called inside a function that is being compiled; compile functions one at a time.")
        let t = Tape<'T>.Begin()
        let owner = t.Owner
        let id = owner ||| TapeIds.CompileBit
        let r = ProgramRecorder<'T>(t, id, x)
        ProgramRecorder<'T>.Active <- r
        try
            let y = f.Invoke(Array.init x.Length (fun i -> Var<'T>(x[i], t.PushInput(), id)))
            let out =
                if y.TapeId = 0 then r.Operand(0, true, y.P)
                elif y.TapeId = id then y.Index
                else raise (Tape<'T>.Foreign y.TapeId)
            CompiledGradient<'T>(r.Finish out)
        finally
            ProgramRecorder<'T>.Active <- null
            t.End owner
