namespace Fluxion

// The thread check takes the address of a local (never dereferenced), which F# flags as unverifiable IL.
#nowarn "9" "51"

open System
open System.Numerics
open System.Runtime.CompilerServices
open System.Threading
open Microsoft.FSharp.NativeInterop

// ---------------------------------------------------------------------------------------------
// The scalar tape (a Wengert list). Entries are appended in execution order, which is already a
// topological order, so the reverse sweep is one backward loop with no graph sort. Each entry holds
// the tape indices of its (at most two) operands and the local partials the rule table gave when the
// operation ran; the sweep multiplies them by the entry's adjoint (Chain.Scale) and adds the products
// into the operands' adjoints. Entry 0 is a sink: constants and missing operands point at it with a
// zero partial, so the sweep needs no branch for unary operations or constant operands.
//
// Entries live in one array of small structs (operand indices and partials side by side) and the
// adjoints in a second array: recording writes one entry, the sweep reads one entry per step, each
// with a single bounds check and one sequential memory stream. The arrays grow by doubling and are
// reused by the next computation on the same thread, so after warm-up nothing is allocated per
// operation. When a computation ends, storage larger than the high-water mark of the thread's last
// RecentComputations computations is given back (see Trim), so one huge gradient does not pin its
// memory for the life of the thread; Tape.Release drops an idle thread's tapes altogether.
//
// Custom operations (user VJPs, checkpointed segments, later tensor operations) are the extension
// point: such an entry's first operand field holds −(k + 1), where k indexes a list of TapeOp
// objects whose Backward runs during the sweep. Built-in operations never go through it.
//
// Which tape an operation records on. Each Var carries the id of the computation that recorded it, and
// the id finds the tape: every running computation of 'T, on any thread, has a slot in one table
// (Tape.Of: slot = id &&& (table length − 1)), and a computation's id is drawn so that its slot is
// free. So recording needs no thread-static lookup (on linux-x64 every [ThreadStatic] read is a call
// to the runtime's TLS getter, which spills the live registers), and a Var<double> is 16 bytes with no
// object reference: the JIT passes it in two registers, and storing it into an array needs no GC write
// barrier. The checks that the thread-static lookup used to give for free are kept as follows:
// - A finished computation: its slot is given back (it holds an idle tape, or the tape of a later
//   computation) and a reused tape's RecordingId changes, so the Var's id no longer matches (ids repeat
//   only after 2³⁰ − 1 computations, see TapeIds).
// - A Var of an enclosing computation used in a nested one of the same type: while a nested
//   computation runs, its parent is suspended (RecordingId 0), so the parent's Vars do not match.
// - Recording during the reverse sweep: RecordingId is −owner while the sweep runs.
// - Two Vars of different computations: both ids must equal the tape's RecordingId.
// - A Var used from another thread (see OnOwnThread): the tape keeps the address range of its own
//   thread's stack that it has seen, and each recorded operation checks that the address of one of its
//   locals lies in it; outside it, a slow path asks the thread-static chain of running tapes.
// ---------------------------------------------------------------------------------------------

/// Identifiers for running computations (shared by every number type).
module internal TapeIds =
    let mutable private last = 0

    /// The bit that marks the Vars of a computation being compiled (ReverseMode.Compile): they carry the tape's
    /// owner id with this bit set, so that the tape's ordinary id check sends every operation on them to the cold
    /// path that records the compiled program, and comparisons can tell them apart at the cost of one bit test.
    [<Literal>]
    let CompileBit = 0x40000000

    /// A fresh identifier: positive, below CompileBit (0 means "no computation" and negative ids mark a running
    /// sweep). Identifiers repeat after 2³⁰ − 1 computations, long after any Var of the first one is gone.
    let next () =
        let mutable id = Interlocked.Increment(&last) &&& (CompileBit - 1)
        while id = 0 do
            id <- Interlocked.Increment(&last) &&& (CompileBit - 1)
        id

    /// The owner id of a Var's computation, without the compile bit.
    let plain (id: int) = id &&& ~~~CompileBit

    /// The lock that guards the tables of running tapes (Tape.Register, Tape.Unregister) of every number type.
    let Gate = obj ()

/// One recorded operation: operand indices and the local partials ∂out/∂operand.
[<Struct; NoEquality; NoComparison>]
type internal Entry<'T> =
    val mutable A1: int
    val mutable A2: int
    val mutable P1: 'T
    val mutable P2: 'T

/// What a checkpoint's run on constants found out about the one checkpoint nested in its segment: the nested
/// call's segment, inputs and outputs, and (recursively) the same for the call nested in that one. The reverse
/// step that recomputes the enclosing segment takes the nested call's outputs from here instead of running the
/// nested segment again, which is what makes a chain of nested checkpoints cost linear rather than quadratic
/// time (see Record.Checkpoint).
[<Sealed; AllowNullLiteral>]
type internal CheckpointMemo<'T>(segment: Reflection.MethodInfo, inputs: 'T[]) =
    /// The method of the nested call's segment (a cheap guard that the recomputation makes the same call).
    member _.Segment = segment
    member _.Inputs = inputs
    member val Outputs: 'T[] = null with get, set
    /// Checkpoint calls made directly inside this call's segment (a memo is kept only when there is one).
    member val Calls = 0 with get, set
    /// The memo of the one checkpoint call nested directly in this call's segment, or null.
    member val Nested: CheckpointMemo<'T> = null with get, set

    /// Whether two arrays hold the same bits (so that a deterministic segment gives the same outputs). Padding
    /// or references compare unequal, which only costs a recomputation.
    static member SameBits(a: 'T[], b: 'T[]) : bool =
        if a.Length <> b.Length then false
        elif a.Length = 0 then true
        elif RuntimeHelpers.IsReferenceOrContainsReferences<'T>() then false
        else
            let bytes = a.Length * Unsafe.SizeOf<'T>()
            let sa = Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(&Unsafe.As<'T, byte>(&a[0]), bytes)
            let sb = Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(&Unsafe.As<'T, byte>(&b[0]), bytes)
            sa.SequenceEqual sb

/// An operation whose reverse step is code rather than two stored partials (custom VJPs, checkpoints).
[<AbstractClass>]
type internal TapeOp<'T when 'T :> IFloatingPointIeee754<'T>>() =
    /// Adds the operation's contribution to its operands' adjoints. `first` and `count` locate its outputs
    /// on the tape (consecutive entries); their adjoints are complete when this runs.
    abstract Backward: tape: Tape<'T> * first: int * count: int -> unit

/// A per-thread tape for numbers of type 'T. Internal: users see GradientTape, Var and the Reverse API.
and [<Sealed; AllowNullLiteral>] internal Tape<'T when 'T :> IFloatingPointIeee754<'T>>(parent: Tape<'T>) =
    [<ThreadStatic; DefaultValue>]
    static val mutable private current: Tape<'T>

    /// The tapes of the running computations of 'T on every thread, at slot id &&& (length − 1); the length is a
    /// power of two and free slots hold `idle`. Null until the first computation; replaced (never changed in place
    /// except for one slot at a time, under TapeIds.Gate) when it grows.
    [<DefaultValue>]
    static val mutable private running: Tape<'T>[]

    /// The tape free slots hold: never started, so its RecordingId and Owner are 0 and no Var matches it.
    [<DefaultValue>]
    static val mutable private idle: Tape<'T>

    /// The number of slots of `running` that hold a running computation's tape.
    [<DefaultValue>]
    static val mutable private registered: int

    /// The next slot Register looks at for a tape whose thread has exited (see Register).
    [<DefaultValue>]
    static val mutable private sweepCursor: int

    let mutable entries: Entry<'T>[] = Array.zeroCreate Tape<'T>.MinCapacity
    let mutable adjoints: 'T[] = Array.zeroCreate Tape<'T>.MinCapacity
    let mutable count = 1
    /// The most entries the running computation has held at once (checkpoints rewind `count`).
    let mutable peak = 0
    /// The peaks of this tape's last RecentComputations computations (a ring; 0 for none yet).
    let recentPeaks: int[] = Array.zeroCreate Tape<'T>.RecentComputations
    let mutable nextPeak = 0
    let ops = ResizeArray<TapeOp<'T>>()
    let opFirst = ResizeArray<int>()
    let opCount = ResizeArray<int>()
    /// The identifier Vars of the running computation carry; 0 when idle, negated during the reverse sweep.
    let mutable id = 0
    /// What a Var's id must equal for an operation to record on this tape: `id`, or 0 while a nested
    /// computation of the same type runs on this thread (the tape is suspended then).
    let mutable recordingId = 0
    let mutable suspended = false
    /// The lowest and highest stack addresses of this tape's thread seen by a verified check (OnOwnThread);
    /// the empty range [MaxValue, 0] until the first check. Each only moves outwards.
    let mutable stackLow = UIntPtr.MaxValue
    let mutable stackHigh = 0un
    /// The identifier of the computation that owns this tape (also while sweeping); 0 when idle. Set under
    /// TapeIds.Gate together with the tape's slot, since growing the table places each tape by its owner.
    let mutable owner = 0
    /// The thread that started the running computation (Register frees the slots of exited threads).
    let mutable thread: Thread = null
    /// Entries below this index have valid adjoints (set by a completed sweep).
    let mutable sweptCount = 0
    let mutable child: Tape<'T> = null

    /// The capacity a tape starts with and never shrinks below (entries).
    static member MinCapacity = 1024

    /// How many finished computations the retained capacity covers: after a computation ends, the tape keeps
    /// the smallest power of two (at least MinCapacity) that holds the largest of the last this-many peaks.
    static member RecentComputations = 8

    /// The innermost running tape of this thread, or null.
    static member Current = Tape<'T>.current

    member _.Parent = parent
    /// The running computation's id (also while suspended), negated during the sweep; 0 when idle.
    member _.Id = id
    /// The id a Var must carry to record on this tape now (0 while suspended or idle, −owner while sweeping).
    member _.RecordingId = recordingId
    member _.Owner = owner
    member _.Count = count
    member _.SweptCount = sweptCount
    member _.Adjoints = adjoints
    /// The number of entries the tape's storage holds without growing.
    member _.Capacity = entries.Length

    /// Sets the computation's id (and the recording id unless the tape is suspended).
    member private _.SetId(value: int) =
        id <- value
        if not suspended then recordingId <- value

    /// Starts a new computation on this thread: the idle root tape, or a nested tape when one is running. A
    /// running tape is suspended while the nested one runs, so that its Vars are refused there.
    static member Begin() : Tape<'T> =
        let cur = Tape<'T>.current
        let t =
            if isNull cur then Tape<'T>(null)
            elif cur.Owner = 0 then cur
            else cur.Child
        t.Start()
        if not (Object.ReferenceEquals(t, cur)) && not (isNull cur) then cur.Suspend()
        Tape<'T>.current <- t
        t

    member private _.Suspend() =
        suspended <- true
        recordingId <- 0

    member private _.Resume() =
        suspended <- false
        recordingId <- id

    member private t.Child =
        if isNull child then child <- Tape<'T>(t)
        child

    /// The tape of the computation with this id (of a Var: plain or with the compile bit), or a tape that does not
    /// run it (its RecordingId and Owner differ from the id): the idle tape, or the tape of another computation whose
    /// id shares the slot. Callers rule out id 0 (a constant): only the id of a Var that some computation recorded
    /// is looked up, so the table exists.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Of(id: int) : Tape<'T> =
        let s = Tape<'T>.running
        s[id &&& (s.Length - 1)]

    /// As Of, for the cold paths: null when no computation of 'T ever ran.
    static member private Find(id: int) : Tape<'T> =
        let s = Tape<'T>.running
        if isNull s then null else s[id &&& (s.Length - 1)]

    /// Makes a filled table the one readers see (a full fence first, so that no thread sees the new array before
    /// its slots; readers then load slots through the array they read).
    static member private Publish(s: Tape<'T>[]) =
        Interlocked.MemoryBarrier()
        Tape<'T>.running <- s

    /// <summary>
    /// Draws a fresh computation id whose slot in the table of running tapes is free, makes it this tape's owner
    /// and puts the tape in the slot. The table is kept at most half full (it doubles before), so a free slot takes
    /// two draws on average; doubling keeps every running id's slot distinct, since ids that differ in their low
    /// bits still differ in more low bits.
    /// </summary>
    /// <remarks>
    /// A computation whose thread exited without ending it (a GradientTape never disposed) can never end, and its
    /// slot would keep the tape (and the closures of its custom operations) alive for the life of the process.
    /// So each registration also looks at one slot in turn and frees it when its tape's thread has exited: such a
    /// tape is dropped within as many registrations as the table has slots, and its Vars then say that their
    /// computation has ended (they were refused before too: their thread is gone).
    /// </remarks>
    member private t.Register() =
        lock TapeIds.Gate (fun () ->
            let mutable s = Tape<'T>.running
            if isNull s then
                Tape<'T>.idle <- Tape<'T>(null)
                s <- Array.create 64 Tape<'T>.idle
                Tape<'T>.Publish s
            else
                let k = Tape<'T>.sweepCursor &&& (s.Length - 1)
                Tape<'T>.sweepCursor <- k + 1
                let r = s[k]
                if not (Object.ReferenceEquals(r, Tape<'T>.idle)) && not r.ThreadAlive then
                    s[k] <- Tape<'T>.idle
                    Tape<'T>.registered <- Tape<'T>.registered - 1
                if 2 * (Tape<'T>.registered + 1) > s.Length then
                    let bigger = Array.create (2 * s.Length) Tape<'T>.idle
                    for r in s do
                        if not (Object.ReferenceEquals(r, Tape<'T>.idle)) then bigger[r.Owner &&& (bigger.Length - 1)] <- r
                    s <- bigger
                    Tape<'T>.Publish s
            let mask = s.Length - 1
            let mutable id = TapeIds.next ()
            while not (Object.ReferenceEquals(s[id &&& mask], Tape<'T>.idle)) do
                id <- TapeIds.next ()
            owner <- id
            thread <- Thread.CurrentThread
            s[id &&& mask] <- t
            Tape<'T>.registered <- Tape<'T>.registered + 1)

    /// Whether the thread that started the running computation is still alive.
    member private _.ThreadAlive = thread.IsAlive

    /// Gives back the slot of the computation this tape runs (called as it ends).
    member private _.Unregister() =
        lock TapeIds.Gate (fun () ->
            let s = Tape<'T>.running
            s[owner &&& (s.Length - 1)] <- Tape<'T>.idle
            Tape<'T>.registered <- Tape<'T>.registered - 1
            thread <- null)

    member private t.Start() =
        t.Register()
        suspended <- false
        t.SetId owner
        count <- 1
        peak <- 0
        sweptCount <- 0
        let sink = &entries[0]
        sink.A1 <- 0
        sink.A2 <- 0
        sink.P1 <- 'T.Zero
        sink.P2 <- 'T.Zero
        ops.Clear()
        opFirst.Clear()
        opCount.Clear()
        t.Building <- null
        t.Replaying <- false
        t.Expected <- null

    /// Ends the computation with the given owner id; the enclosing tape becomes current again.
    member t.End(expectedOwner: int) =
        if owner <> expectedOwner then
            raise (InvalidOperationException "This gradient computation has already ended.")
        if Object.ReferenceEquals(Tape<'T>.current, t) |> not then
            raise (
                InvalidOperationException(
                    if Tape<'T>.IsOnThisThread t then
                        "Nesting mistake: a gradient computation was ended while a computation nested inside it is still running. End nested computations first (use 'use' / 'using')."
                    else
                        "A gradient computation can only be ended on the thread that started it."
                )
            )
        t.Unregister()
        owner <- 0
        t.SetId 0
        sweptCount <- 0
        // Do not keep user closures (and what they capture) alive between computations.
        ops.Clear()
        recentPeaks[nextPeak] <- max peak count
        nextPeak <- (nextPeak + 1) % recentPeaks.Length
        t.Trim()
        if isNull parent then Tape<'T>.current <- t
        else
            parent.Resume()
            Tape<'T>.current <- parent

    /// Gives back storage beyond what the last RecentComputations computations needed (called when idle).
    member private t.Trim() =
        let mutable keep = Tape<'T>.MinCapacity
        let needed = Array.max recentPeaks
        while keep < needed do
            keep <- keep * 2
        if entries.Length > keep then
            // Nothing on an idle tape needs keeping: Start rewrites the sink entry.
            entries <- Array.zeroCreate keep
            adjoints <- Array.zeroCreate keep
            t.InputCache <- null

    /// Drops this thread's idle tapes for 'T (every nesting level) and their storage; the next computation
    /// starts a fresh tape with MinCapacity entries.
    static member Release() =
        let cur = Tape<'T>.current
        if not (isNull cur) then
            if cur.Owner <> 0 then
                raise (
                    InvalidOperationException
                        $"The tape cannot be released while a gradient computation over {typeof<'T>.Name} runs on this thread: release it after the computation has ended."
                )
            Tape<'T>.current <- null

    // ----- recording ------------------------------------------------------------------------

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    member private _.Grow() =
        let n = entries.Length * 2
        Array.Resize(&entries, n)
        Array.Resize(&adjoints, n)

    /// Appends an entry with two operands; returns its index.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    member t.Push(a1: int, p1: 'T, a2: int, p2: 'T) : int =
        let n = count
        if n >= entries.Length then t.Grow()
        let e = &entries[n]
        e.A1 <- a1
        e.A2 <- a2
        e.P1 <- p1
        e.P2 <- p2
        count <- n + 1
        n

    /// Appends an entry with one operand; returns its index.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    member t.Push(a1: int, p1: 'T) : int =
        let n = count
        if n >= entries.Length then t.Grow()
        let e = &entries[n]
        e.A1 <- a1
        e.A2 <- 0
        e.P1 <- p1
        e.P2 <- 'T.Zero
        count <- n + 1
        n

    /// Appends an independent variable (no operands); returns its index.
    member t.PushInput() : int = t.Push(0, 'T.Zero)

    /// Appends `outputs` entries for a custom operation; returns the index of the first.
    member t.PushOp(op: TapeOp<'T>, outputs: int) : int =
        let first = t.PushInput()
        for _ in 2..outputs do
            t.PushInput() |> ignore
        entries[first].A1 <- -(ops.Count + 1)
        ops.Add op
        opFirst.Add first
        opCount.Add outputs
        first

    /// The number of custom operations recorded (a mark for Rewind).
    member _.OpCount = ops.Count

    /// Drops every entry from `mark` on and every custom operation from `opMark` on.
    member _.Rewind(mark: int, opMark: int) =
        if count > peak then peak <- count
        count <- mark
        if ops.Count > opMark then
            ops.RemoveRange(opMark, ops.Count - opMark)
            opFirst.RemoveRange(opMark, opFirst.Count - opMark)
            opCount.RemoveRange(opMark, opCount.Count - opMark)

    /// Lets a checkpoint record during the sweep: returns the sweep-time id to restore afterwards.
    member t.ResumeRecording() : int =
        let saved = id
        t.SetId owner
        saved

    /// Restores the id saved by ResumeRecording.
    member t.RestoreId(saved: int) = t.SetId saved

    // ----- the thread check -------------------------------------------------------------------

    /// Whether this tape is one of the running tapes of the current thread (the innermost or an enclosing one).
    static member IsOnThisThread(t: Tape<'T>) : bool =
        let mutable c = Tape<'T>.current
        while not (isNull c) && not (Object.ReferenceEquals(c, t)) do
            c <- c.Parent
        not (isNull c)

    /// <summary>
    /// True when the calling thread is this tape's thread. The fast test: the address of a local of the caller
    /// lies in [stackLow, stackHigh], a range of addresses that earlier checks saw on this tape's thread's stack.
    /// A thread's stack is one contiguous region that no other living thread's stack overlaps, so an address
    /// between two addresses seen on it is on it too; no other thread can pass. Outside the range the slow
    /// test asks the thread-static chain of running tapes and, when this tape is on it, widens the range.
    /// </summary>
    /// <remarks>
    /// Only this tape's thread writes the bounds, and each moves only outwards (stackLow down, stackHigh up)
    /// between addresses seen on its stack, so another thread reading them at any moment (stale, or one bound
    /// updated and the other not yet, in either order) sees a subrange of verified addresses or an empty one:
    /// the check needs no lock or barrier. No P/Invoke is needed for the
    /// stack's real bounds, and it works the same on every platform. The one case it cannot tell is a thread
    /// whose stack memory once belonged to a thread that has exited while this tape still ran a computation
    /// (a GradientTape never disposed); only that new thread can then record on the tape (no two threads
    /// at once), so nothing is recorded concurrently.
    /// </remarks>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    member t.OnOwnThread() : bool =
        let mutable probe = 0uy
        let address = unativeint (NativePtr.toNativeInt &&probe)
        (address >= stackLow && address <= stackHigh) || t.VerifyThread address

    /// The slow test of OnOwnThread: asks the thread-static chain, and widens the range when it says yes.
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    member private t.VerifyThread(address: unativeint) : bool =
        if Tape<'T>.IsOnThisThread t then
            if address < stackLow then stackLow <- address
            if address > stackHigh then stackHigh <- address
            true
        else false

    // ----- the reverse sweep ----------------------------------------------------------------

    /// Zeroes the adjoints of entries [from, count).
    member _.ClearAdjoints(from: int) =
        if adjoints.Length < entries.Length then Array.Resize(&adjoints, entries.Length)
        Array.Fill(adjoints, 'T.Zero, from, count - from)

    /// Adds a contribution to the adjoint of an entry.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    member _.AddAdjoint(index: int, value: 'T) = adjoints[index] <- 'T.op_Addition(adjoints[index], value)

    /// The adjoint of an entry.
    member _.AdjointAt(index: int) : 'T = adjoints[index]

    /// Runs the sweep over entries [lo, hi), from the top down.
    member t.SweepRange(hi: int, lo: int) =
        let mutable es = entries
        let mutable adj = adjoints
        let mutable i = hi - 1
        while i >= lo do
            let e = &es[i]
            let a1 = e.A1
            if a1 >= 0 then
                let a = adj[i]
                adj[a1] <- 'T.op_Addition(adj[a1], Chain.Scale(e.P1, a))
                let a2 = e.A2
                adj[a2] <- 'T.op_Addition(adj[a2], Chain.Scale(e.P2, a))
            else
                let k = -a1 - 1
                ops[k].Backward(t, opFirst[k], opCount[k])
                // A checkpoint recomputes its segment on this tape, which may grow the arrays.
                es <- entries
                adj <- adjoints
            i <- i - 1

    /// Prepares a full sweep: refuses to run inside another sweep, and zeroes every adjoint (seeds are added next).
    member t.ClearForSweep() =
        if id <= 0 then
            raise (
                InvalidOperationException
                    "A reverse sweep is already running on this tape: Backward or a gradient of the same computation was called from a custom backward step."
            )
        sweptCount <- 0
        t.ClearAdjoints 0

    /// Sweeps the whole tape (after ClearForSweep and seeding). Recording is refused while it runs: a custom
    /// backward step must not extend the tape (checkpoints re-enable it for their recomputation).
    member t.Sweep() =
        let n = count
        t.SetId -owner
        try
            t.SweepRange(n, 1)
        finally
            t.SetId owner
        sweptCount <- n

    /// Per-nesting-level storage for the input array that allocation-free gradient calls reuse.
    member val InputCache: obj = null with get, set

    /// The memo of the checkpoint whose segment is running on constants now, when that run is building one.
    member val Building: CheckpointMemo<'T> = null with get, set

    /// True while a checkpoint's reverse step recomputes its segment (then nested checkpoints build memos).
    member val Replaying = false with get, set

    /// The memo the recomputation running now expects its (first) nested checkpoint call to match, or null.
    member val Expected: CheckpointMemo<'T> = null with get, set

    /// Why a Var (recorded with computation id `id`, with or without the compile bit; `vt` is the tape in that id's
    /// slot, or null) cannot take part in an operation recorded on the current thread now, or null when it can (it
    /// belongs to the computation recording on this thread).
    static member private Diagnose(vt: Tape<'T>, id: int) : string =
        // A compiled function's Vars carry the owner's id with the compile bit.
        let varId = TapeIds.plain id
        let name = typeof<'T>.Name
        if isNull vt || vt.Owner <> varId then
            $"This Var<{name}> belongs to a gradient computation that has ended (its tape was reset for reuse). A Var is valid only inside the computation that created it."
        elif not (Tape<'T>.IsOnThisThread vt) then
            $"This Var<{name}> belongs to a gradient computation running on another thread. A Var is valid only on the thread of the computation that created it: pass plain values (Var.Primal) to other threads, or compute there with a computation of their own."
        elif vt.Id = -varId then
            $"Var<{name}> arithmetic during the reverse sweep of its own computation: a custom backward step must compute with plain values (Var.Primal), not record new operations."
        elif not (Object.ReferenceEquals(Tape<'T>.current, vt)) then
            $"Nesting mistake: a Var<{name}> of an enclosing gradient computation was used inside a nested computation of the same type. Its derivative would be lost. For derivatives of derivatives differentiate with Var<Var<{name}>> (reverse over reverse) or Var<Dual<{name}>> (forward over reverse), or pass the value in as a constant (Reverse.stopGradient)."
        else null

    /// The exception for a Var (its computation id `varId`, with or without the compile bit) refused by an operation
    /// (cold path).
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member Foreign(varId: int) : exn =
        match Tape<'T>.Diagnose(Tape<'T>.Find varId, varId) with
        | null ->
            InvalidOperationException(
                $"This Var<{typeof<'T>.Name}> belongs to another gradient computation than the one this operation belongs to. A Var is valid only inside the computation that created it."
            )
        | message -> InvalidOperationException message
        :> exn

    /// The exception for an operation on two Vars (their ids, as Foreign's) refused by the recording check (cold path):
    /// the reason of the first operand that cannot take part, else the second's. A constant (id 0) always can.
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member Foreign(xi: int, yi: int) : exn =
        match (if xi = 0 then null else Tape<'T>.Diagnose(Tape<'T>.Find xi, xi)) with
        | null -> Tape<'T>.Foreign(if yi = 0 then xi else yi)
        | message -> InvalidOperationException message :> exn
