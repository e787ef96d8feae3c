namespace Fluxion

open System
open System.Numerics

/// <summary>
/// What a custom backward step (<see cref="T:Fluxion.Backward`1"/>) sees during the reverse sweep: the
/// adjoints of the operation's outputs, and a way to add into the adjoints of its operands.
/// </summary>
[<Struct; NoEquality; NoComparison>]
type Adjoints<'T when 'T :> IFloatingPointIeee754<'T>> =
    val private tape: Tape<'T>
    val private first: int
    val private count: int
    val private owner: int

    internal new(tape: Tape<'T>, first: int, count: int) = { tape = tape; first = first; count = count; owner = tape.Owner }

    /// <summary>The number of outputs of the custom operation.</summary>
    member a.OutputCount = a.count

    /// <summary>The adjoint (∂result/∂output) of output k of the custom operation; complete when the step runs.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">k is not an output index.</exception>
    member a.Output(k: int) : 'T =
        if k < 0 || k >= a.count then
            raise (ArgumentOutOfRangeException(nameof k, k, $"The operation has {a.count} output(s)."))
        a.tape.AdjointAt(a.first + k)

    /// <summary>The adjoint of the (only or first) output.</summary>
    member a.Output() : 'T = a.tape.AdjointAt a.first

    /// <summary>
    /// Adds a contribution (output adjoint × ∂output/∂operand, summed over outputs) to an operand's adjoint.
    /// Constants are accepted and ignored.
    /// </summary>
    /// <exception cref="T:System.InvalidOperationException">The Var belongs to another computation, was
    /// recorded after the custom operation (it cannot be one of its operands), or this is called on another
    /// thread than the sweep's.</exception>
    member a.Add(operand: Var<'T>, contribution: 'T) =
        if operand.TapeId <> 0 then
            if operand.TapeId <> a.owner then raise (Tape<'T>.Foreign operand.TapeId)
            if not (a.tape.OnOwnThread()) then
                raise (InvalidOperationException "Adjoints.Add was called on another thread than the one running the reverse sweep.")
            if operand.Index >= a.first then
                raise (
                    InvalidOperationException
                        "Adjoints.Add: the Var was recorded after the custom operation, so it cannot be one of its operands."
                )
            a.tape.AddAdjoint(operand.Index, contribution)

/// <summary>
/// The reverse step of a custom operation (a user-defined vector-Jacobian product): it reads the outputs'
/// adjoints and adds adjoint × partial derivative into each operand's adjoint with <c>Adjoints.Add</c>. It runs
/// once per reverse sweep, after every use of the outputs has been swept. It must compute with plain values
/// (<c>Var.Primal</c>, captured numbers), not with Var arithmetic of the same type.
/// </summary>
type Backward<'T when 'T :> IFloatingPointIeee754<'T>> = delegate of adjoints: Adjoints<'T> -> unit

/// A user-defined operation on the tape.
[<Sealed>]
type internal CustomOp<'T when 'T :> IFloatingPointIeee754<'T>>(backward: Backward<'T>) =
    inherit TapeOp<'T>()
    override _.Backward(tape, first, count) = backward.Invoke(Adjoints<'T>(tape, first, count))

/// A checkpointed segment: only its inputs and outputs are on the tape; the sweep recomputes its inside.
/// `memo` (or null) remembers the outputs of the checkpoint nested in the segment, for the recomputation.
[<Sealed>]
type internal CheckpointOp<'T when 'T :> IFloatingPointIeee754<'T>>
    (segment: Func<Var<'T>[], Var<'T>[]>, inputs: Var<'T>[], memo: CheckpointMemo<'T>) =
    inherit TapeOp<'T>()

    override _.Backward(tape, first, count) =
        let owner = tape.Owner
        let mark = tape.Count
        let opMark = tape.OpCount
        let sweepId = tape.ResumeRecording()
        let replaying = tape.Replaying
        let expected = tape.Expected
        try
            // Fresh copies of the inputs (identity entries, partial 1) so the segment's sub-tape starts at `mark`
            // and its sweep flows back into the original inputs through them.
            let fresh =
                inputs
                |> Array.map (fun v -> if v.TapeId = 0 then v else Var<'T>(v.P, tape.Push(v.Index, 'T.One), owner))
            tape.Replaying <- true
            tape.Expected <- (if isNull memo then null else memo.Nested)
            let outputs =
                try segment.Invoke fresh
                finally
                    tape.Replaying <- replaying
                    tape.Expected <- expected
            if isNull outputs || outputs.Length <> count then
                raise (InvalidOperationException "Checkpoint: the segment returned a different number of outputs when recomputed.")
            tape.ClearAdjoints mark
            for j in 0 .. count - 1 do
                let o = outputs[j]
                if o.TapeId <> 0 then
                    if o.TapeId <> owner then raise (Tape<'T>.Foreign o.TapeId)
                    tape.AddAdjoint(o.Index, tape.AdjointAt(first + j))
            tape.RestoreId sweepId
            tape.SweepRange(tape.Count, mark)
        finally
            tape.RestoreId sweepId
            tape.Rewind(mark, opMark)

/// The operations that record user-defined steps on the running tape (used by Reverse and ReverseMode).
[<AbstractClass; Sealed>]
type internal Record =
    /// The tape every non-constant operand records on now, or null when all operands are constants (the same
    /// checks as Var.Record: the recording id, and that this is the tape's thread). A Var of a function being
    /// compiled is refused: `operation` (a custom VJP, a checkpoint) has no replay code.
    static member TapeOf<'T when 'T :> IFloatingPointIeee754<'T>>(operands: Var<'T>[], operation: string) : Tape<'T> =
        let mutable t: Tape<'T> = null
        for v in operands do
            if v.TapeId &&& TapeIds.CompileBit <> 0 then raise (Var<'T>.Unreplayable operation)
            if v.TapeId <> 0 then
                let vt = Tape<'T>.Of v.TapeId
                if vt.RecordingId <> v.TapeId || not (vt.OnOwnThread()) then raise (Tape<'T>.Foreign v.TapeId)
                t <- vt
        t

    static member Custom<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[], operands: Var<'T>[], backward: Backward<'T>) : Var<'T>[] =
        if isNull values then raise (ArgumentNullException(nameof values))
        if isNull operands then raise (ArgumentNullException(nameof operands))
        if isNull (box backward) then raise (ArgumentNullException(nameof backward))
        if values.Length = 0 then raise (ArgumentException("A custom operation needs at least one output.", nameof values))
        let t = Record.TapeOf(operands, "ReverseMode.Custom (a custom VJP)")
        if isNull t then values |> Array.map Var<'T>
        else
            let first = t.PushOp(CustomOp<'T>(backward), values.Length)
            let id = t.RecordingId
            values |> Array.mapi (fun k v -> Var<'T>(v, first + k, id))

    // Nested checkpoints. The reverse step of a checkpoint recomputes its segment on Vars; a checkpoint nested in
    // that segment then needs its own outputs, and running its segment on constants again for them makes a chain
    // of D nested checkpoints cost O(D²) segment runs. So a run on constants during the sweep (Tape.Replaying)
    // builds a CheckpointMemo of the one checkpoint nested directly in the segment (inputs and outputs, and its
    // own nested memo), and the recomputation takes the nested call's outputs from it when the call has the same
    // segment method and bit-identical inputs; otherwise it runs the segment as before. A chain then costs O(D)
    // segment runs and its memos O(D) values, no more than the sweep's stack of sub-tapes holds anyway. Segments
    // with two or more nested checkpoints keep no memo (a memo of all of them would hold what nested checkpoints
    // are there to drop), and the forward pass keeps none (it would live until the sweep).

    /// The segment run on constants; `building` (or null) receives what the run finds out.
    static member private OnConstants<'T when 'T :> IFloatingPointIeee754<'T>>
        (t: Tape<'T>, segment: Func<Var<'T>[], Var<'T>[]>, inputs: Var<'T>[], building: CheckpointMemo<'T>) : Var<'T>[] =
        let saved = struct (t.Building, t.Replaying, t.Expected)
        t.Building <- building
        t.Replaying <- false
        t.Expected <- null
        let outputs =
            try segment.Invoke(inputs |> Array.map (fun v -> Var<'T>(v.P)))
            finally
                let struct (b, r, e) = saved
                t.Building <- b
                t.Replaying <- r
                t.Expected <- e
        if isNull outputs || outputs.Length = 0 then
            raise (ArgumentException("Checkpoint: the segment must return at least one output.", nameof segment))
        if not (isNull building) then building.Outputs <- outputs |> Array.map (fun o -> o.P)
        outputs

    static member Checkpoint<'T when 'T :> IFloatingPointIeee754<'T>>(segment: Func<Var<'T>[], Var<'T>[]>, inputs: Var<'T>[]) : Var<'T>[] =
        if isNull segment then raise (ArgumentNullException(nameof segment))
        if isNull inputs then raise (ArgumentNullException(nameof inputs))
        let t = Record.TapeOf(inputs, "ReverseMode.Checkpoint")
        let cur = Tape<'T>.Current
        let enclosing = if isNull cur then null else cur.Building
        if not (isNull enclosing) then
            // Inside a run on constants that builds a memo: this call is nested in that segment.
            enclosing.Calls <- enclosing.Calls + 1
            if enclosing.Calls > 1 || not (isNull t) then enclosing.Nested <- null
        if isNull t then
            if isNull enclosing || enclosing.Calls > 1 then segment.Invoke inputs
            else
                let memo = CheckpointMemo<'T>(segment.Method, inputs |> Array.map (fun v -> v.P))
                enclosing.Nested <- memo
                Record.OnConstants(cur, segment, inputs, memo)
        else
            let mark = t.Count
            let opMark = t.OpCount
            let expected = t.Expected
            // Only the first checkpoint call of a recomputation can match the memo of the one nested call.
            t.Expected <- null
            let primals = inputs |> Array.map (fun v -> v.P)
            let memo, outputs =
                if not (isNull expected) && expected.Segment = segment.Method && CheckpointMemo<'T>.SameBits(expected.Inputs, primals) then
                    expected, expected.Outputs
                else
                    // Run the segment on constants: nothing it computes stays on the tape (anything recorded through
                    // captured Vars is dropped again); the sweep recomputes it from the stored inputs.
                    let memo = if t.Replaying then CheckpointMemo<'T>(segment.Method, primals) else null
                    let outputs = Record.OnConstants(t, segment, inputs, memo)
                    t.Rewind(mark, opMark)
                    memo, outputs |> Array.map (fun o -> o.P)
            let first = t.PushOp(CheckpointOp<'T>(segment, Array.copy inputs, memo), outputs.Length)
            let id = t.RecordingId
            outputs |> Array.mapi (fun k o -> Var<'T>(o, first + k, id))

/// <summary>
/// A gradient computation on the current thread, step by step: create input variables, compute with them,
/// run <c>Backward</c> from an output, read the adjoints. Dispose it to end the computation (its Vars become
/// invalid and the thread's tape is reused by the next computation). The functions in
/// <see cref="T:Fluxion.Reverse"/> and <see cref="T:Fluxion.ReverseMode"/> use it for you.
/// </summary>
/// <remarks>
/// A GradientTape started while another of the same number type runs on this thread is nested: it uses its own
/// tape, and mixing their Vars throws. End nested tapes first.
/// </remarks>
[<Sealed>]
type GradientTape<'T when 'T :> IFloatingPointIeee754<'T>> private (tape: Tape<'T>, owner: int) =

    /// <summary>Starts a gradient computation on the current thread.</summary>
    static member Start() : GradientTape<'T> =
        let t = Tape<'T>.Begin()
        new GradientTape<'T>(t, t.Owner)

    member private _.Running() =
        if tape.Owner <> owner then raise (ObjectDisposedException(nameof GradientTape, "This GradientTape has ended."))
        if not (tape.OnOwnThread()) then
            raise (InvalidOperationException "This GradientTape belongs to another thread: use it on the thread that started it.")

    member private _.Check(v: Var<'T>) =
        if v.TapeId <> 0 && v.TapeId <> owner then raise (Tape<'T>.Foreign v.TapeId)

    /// <summary>A new independent variable with the given value.</summary>
    /// <exception cref="T:System.InvalidOperationException">Called during the reverse sweep.</exception>
    member g.Variable(value: 'T) : Var<'T> =
        g.Running()
        if tape.Id <> owner then raise (Tape<'T>.Foreign owner)
        Var<'T>(value, tape.PushInput(), owner)

    /// <summary>
    /// The number of entries on this computation's tape so far: one per input variable, one per recorded
    /// operation, one per output of a custom operation or checkpoint, plus one sink entry. The tape's memory is
    /// proportional to it.
    /// </summary>
    member g.EntryCount : int =
        g.Running()
        tape.Count

    /// <summary>
    /// The number of entries this computation's tape can hold before its storage grows (about 32 bytes per
    /// entry for double). The storage is the thread's, reused from one computation to the next: when a
    /// computation ends, capacity beyond the largest need of the thread's last 8 computations is given back,
    /// and <see cref="M:Fluxion.ReverseMode.ReleaseTape``1"/> gives back all of it.
    /// </summary>
    member g.Capacity : int =
        g.Running()
        tape.Capacity

    /// <summary>New independent variables with the given values.</summary>
    member g.Variables(values: 'T[]) : Var<'T>[] =
        if isNull values then raise (ArgumentNullException(nameof values))
        values |> Array.map g.Variable

    /// <summary>Runs the reverse sweep from one output (seed 1): afterwards <c>Adjoint(v)</c> is ∂output/∂v.</summary>
    member g.Backward(output: Var<'T>) =
        g.Running()
        g.Check output
        tape.ClearForSweep()
        tape.AddAdjoint(output.Index, 'T.One)
        tape.Sweep()

    /// <summary>
    /// Runs the reverse sweep seeded with one weight per output (a vector-Jacobian product): afterwards
    /// <c>Adjoint(v)</c> is Σₖ seeds[k]·∂outputs[k]/∂v. Can be repeated with other seeds on the same recording.
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">outputs or seeds is null.</exception>
    /// <exception cref="T:System.ArgumentException">The arrays have different lengths, or a seed is NaN or infinite.</exception>
    member g.Backward(outputs: Var<'T>[], seeds: 'T[]) =
        Check.notNull (nameof outputs) outputs
        Check.notNull (nameof seeds) seeds
        if seeds.Length <> outputs.Length then
            raise (ArgumentException($"seeds has length {seeds.Length} but outputs has length {outputs.Length}; they must match.", nameof seeds))
        Check.finiteDirection (nameof seeds) seeds
        g.Running()
        for o in outputs do
            g.Check o
        tape.ClearForSweep()
        for k in 0 .. outputs.Length - 1 do
            tape.AddAdjoint(outputs[k].Index, seeds[k])
        tape.Sweep()

    /// <summary>The adjoint of v computed by the last <c>Backward</c> (zero for a constant).</summary>
    /// <exception cref="T:System.InvalidOperationException">No sweep has run yet, v was recorded after it, or v
    /// belongs to another computation.</exception>
    member g.Adjoint(v: Var<'T>) : 'T =
        g.Running()
        g.Check v
        if v.TapeId = 0 then 'T.Zero
        elif v.Index >= tape.SweptCount then
            raise (
                InvalidOperationException(
                    if tape.SweptCount = 0 then "Adjoints are read before the reverse sweep: call Backward first."
                    else "This Var was recorded after the last reverse sweep: call Backward again first."
                )
            )
        else tape.AdjointAt v.Index

    /// <summary>The adjoints of several Vars (see <c>Adjoint</c>).</summary>
    member g.Adjoints(vs: Var<'T>[]) : 'T[] =
        if isNull vs then raise (ArgumentNullException(nameof vs))
        vs |> Array.map g.Adjoint

    /// <summary>Ends the computation: its Vars become invalid and the tape is reused.</summary>
    member _.Dispose() =
        if tape.Owner = owner then tape.End owner

    interface IDisposable with
        member g.Dispose() = g.Dispose()
