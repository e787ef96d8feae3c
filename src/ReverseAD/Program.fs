namespace Fluxion

open System
open System.Collections.Generic
open System.Numerics

// ---------------------------------------------------------------------------------------------
// Compiled tapes (ReverseMode.Compile): the program a function records once, replayed for new inputs.
//
// While a function is compiled, its Vars carry the compiling tape's owner id with TapeIds.CompileBit set. The
// tape's own id check in Var.Record therefore fails for them, and the operation goes to Var's cold path, which
// hands it to the ProgramRecorder of this thread: one Step per operation, with the operation's code, its
// operands (entry indices, or constant slots for constant operands) and the partials it had at the compile
// point. The cold call returns and the entry is pushed on the tape as usual, so step i is tape entry i and Vars
// get their indices from the tape. Ordinary recording never reaches this code. Decisions the function takes on
// primal values (comparisons, classifications, Sign, ILogB) become Guards that the replay checks.
//
// The replay keeps every value in one array: entry i's value at index i, and after the last entry the constant
// slots, written once here. A constant operand is an index into the slots, so the forward loop reads x + c and
// x + y alike, and the sweep adds adjoints into the slots too (nobody reads them). The partials of an entry and
// its operands share one 32-byte Step, which the forward loop rewrites and the sweep reads.
// ---------------------------------------------------------------------------------------------

/// Operation codes of a compiled program (Step.Code). The first group is what the replay executes; the second is
/// what Var's members report for operations with a constant, which the recorder rewrites into the first group.
module internal OpCode =
    // 0: an input or the sink (nothing to compute; the forward loop starts after the inputs).
    /// A1 + A2.
    [<Literal>]
    let Add = 1
    /// A1 − A2.
    [<Literal>]
    let Sub = 2
    /// A1 · A2 (MultiplyRule).
    [<Literal>]
    let Mul = 3
    /// A1 / A2 (DivideRule).
    [<Literal>]
    let Div = 4
    /// −A1.
    [<Literal>]
    let Neg = 5
    /// A1 raised to the constant A2 (PowerRule).
    [<Literal>]
    let PowC = 6
    /// The Aux-th root of A1 (RootNRule).
    [<Literal>]
    let RootN = 7
    /// ψ⁽ᴬᵘˣ⁾(A1) (PolygammaRule).
    [<Literal>]
    let Polygamma = 8
    /// A1 · 2^Aux.
    [<Literal>]
    let ScaleB = 9
    /// BitIncrement (Aux = 1) or BitDecrement (Aux = −1) of A1.
    [<Literal>]
    let Shift = 10
    /// sin A1 (SinRule, one SinCos).
    [<Literal>]
    let Sin = 11
    /// cos A1 (CosRule, one SinCos).
    [<Literal>]
    let Cos = 12
    /// FusedMultiplyAdd of the operands of the product entry Aux and A2 (A1 is the product).
    [<Literal>]
    let Fma = 13
    /// The value of entry Aux without its derivative (stop-gradient; A1 is the sink).
    [<Literal>]
    let Copy = 14
    /// A unary rule: kernel Aux.
    [<Literal>]
    let Unary = 15
    /// A binary rule: kernel Aux.
    [<Literal>]
    let Binary = 16
    /// x + c or c + x, reported with the constant c.
    [<Literal>]
    let AddC = 100
    /// x − c.
    [<Literal>]
    let SubC = 101
    /// c − x.
    [<Literal>]
    let CSub = 102
    /// x·c or c·x.
    [<Literal>]
    let MulC = 103
    /// x / c.
    [<Literal>]
    let DivC = 104

/// One operation of a compiled program: its code, its operands, and the local partials of its latest evaluation.
[<Struct; NoEquality; NoComparison>]
type internal Step<'T> =
    val mutable Code: int
    /// The code's integer parameter (kernel index, root order, product entry …).
    val mutable Aux: int
    val mutable A1: int
    val mutable A2: int
    val mutable P1: 'T
    val mutable P2: 'T

/// The replay of a rule that has no code of its own in the forward loop.
[<AbstractClass>]
type internal Kernel<'T>() =
    /// Computes entry i's value and partials from its operands' values.
    abstract Run: steps: Step<'T>[] * values: 'T[] * i: int -> unit

/// Replays Var.Apply of a unary rule: the same Value and Derivative calls.
[<Sealed>]
type internal UnaryKernel<'T, 'R when 'T :> IFloatingPointIeee754<'T> and 'R :> IUnaryRule> private () =
    inherit Kernel<'T>()
    static let instance = UnaryKernel<'T, 'R>()
    /// The one kernel of this rule and number type.
    static member Instance = instance

    override _.Run(steps, values, i) =
        let s = &steps[i]
        let x = values[s.A1]
        let fx = 'R.Value x
        values[i] <- fx
        s.P1 <- 'R.Derivative(x, fx)

/// Replays Var.Apply of a binary rule: the same Value and Partials calls.
[<Sealed>]
type internal BinaryKernel<'T, 'R when 'T :> IFloatingPointIeee754<'T> and 'R :> IBinaryRule> private () =
    inherit Kernel<'T>()
    static let instance = BinaryKernel<'T, 'R>()
    /// The one kernel of this rule and number type.
    static member Instance = instance

    override _.Run(steps, values, i) =
        let s = &steps[i]
        let x = values[s.A1]
        let y = values[s.A2]
        let z = 'R.Value(x, y)
        values[i] <- z
        let struct (px, py) = 'R.Partials(x, y, z)
        s.P1 <- px
        s.P2 <- py

/// Calls of binary rules by name from the replay's own cases.
[<AbstractClass; Sealed>]
type internal BinaryRuleOf =
    /// The rule's partials.
    static member Partials<'R, 'T when 'R :> IBinaryRule and 'T :> IFloatingPointIeee754<'T>>(x: 'T, y: 'T, z: 'T) = 'R.Partials(x, y, z)

/// The decisions on primal values that a compiled program re-checks (Guard.Kind).
module internal GuardKind =
    [<Literal>]
    let LessThan = 0
    [<Literal>]
    let LessThanOrEqual = 1
    [<Literal>]
    let GreaterThan = 2
    [<Literal>]
    let GreaterThanOrEqual = 3
    [<Literal>]
    let Equal = 4
    [<Literal>]
    let NotEqual = 5
    /// The sign of CompareTo.
    [<Literal>]
    let CompareTo = 6
    [<Literal>]
    let Sign = 7
    [<Literal>]
    let ILogB = 8
    // Classifications, in the order of `classifications`.
    [<Literal>]
    let IsCanonical = 10
    [<Literal>]
    let IsComplexNumber = 11
    [<Literal>]
    let IsEvenInteger = 12
    [<Literal>]
    let IsFinite = 13
    [<Literal>]
    let IsImaginaryNumber = 14
    [<Literal>]
    let IsInfinity = 15
    [<Literal>]
    let IsInteger = 16
    [<Literal>]
    let IsNaN = 17
    [<Literal>]
    let IsNegative = 18
    [<Literal>]
    let IsNegativeInfinity = 19
    [<Literal>]
    let IsNormal = 20
    [<Literal>]
    let IsOddInteger = 21
    [<Literal>]
    let IsPositive = 22
    [<Literal>]
    let IsPositiveInfinity = 23
    [<Literal>]
    let IsRealNumber = 24
    [<Literal>]
    let IsSubnormal = 25
    [<Literal>]
    let IsZero = 26

    let private classifications =
        [| "IsCanonical"; "IsComplexNumber"; "IsEvenInteger"; "IsFinite"; "IsImaginaryNumber"; "IsInfinity"; "IsInteger"
           "IsNaN"; "IsNegative"; "IsNegativeInfinity"; "IsNormal"; "IsOddInteger"; "IsPositive"; "IsPositiveInfinity"
           "IsRealNumber"; "IsSubnormal"; "IsZero" |]

    /// How a message names the decision.
    let describe (kind: int) =
        match kind with
        | LessThan -> "the comparison a < b"
        | LessThanOrEqual -> "the comparison a <= b"
        | GreaterThan -> "the comparison a > b"
        | GreaterThanOrEqual -> "the comparison a >= b"
        | Equal -> "the equality test a == b"
        | NotEqual -> "the inequality test a != b"
        | CompareTo -> "CompareTo (the order of two Vars)"
        | Sign -> "Sign (the sign of a Var as an int)"
        | ILogB -> "ILogB (the binary exponent of a Var)"
        | k -> $"the classification {classifications[k - IsCanonical]}"

    /// The outcome of a classification of v.
    let classify<'T when 'T :> IFloatingPointIeee754<'T>> (kind: int) (v: 'T) : bool =
        match kind with
        | IsCanonical -> 'T.IsCanonical v
        | IsComplexNumber -> 'T.IsComplexNumber v
        | IsEvenInteger -> 'T.IsEvenInteger v
        | IsFinite -> 'T.IsFinite v
        | IsImaginaryNumber -> 'T.IsImaginaryNumber v
        | IsInfinity -> 'T.IsInfinity v
        | IsInteger -> 'T.IsInteger v
        | IsNaN -> 'T.IsNaN v
        | IsNegative -> 'T.IsNegative v
        | IsNegativeInfinity -> 'T.IsNegativeInfinity v
        | IsNormal -> 'T.IsNormal v
        | IsOddInteger -> 'T.IsOddInteger v
        | IsPositive -> 'T.IsPositive v
        | IsPositiveInfinity -> 'T.IsPositiveInfinity v
        | IsRealNumber -> 'T.IsRealNumber v
        | IsSubnormal -> 'T.IsSubnormal v
        | _ -> 'T.IsZero v

/// A decision taken on primal values while recording: operands A (and B for two-operand kinds) and the outcome.
[<Struct; NoEquality; NoComparison>]
type internal Guard =
    { Kind: int
      A: int
      B: int
      /// The outcome at the compile point: 0 or 1 for a bool, the int itself for Sign, ILogB and CompareTo's sign.
      Expected: int
      /// How many entries had been recorded when the decision was taken (for messages).
      After: int }

    /// The outcome of the decision for the values now in `values`.
    static member Outcome<'T when 'T :> IFloatingPointIeee754<'T>>(g: Guard, values: 'T[]) : int =
        let a = values[g.A]
        let inline bit b = if b then 1 else 0
        match g.Kind with
        | GuardKind.LessThan -> bit ('T.op_LessThan(a, values[g.B]))
        | GuardKind.LessThanOrEqual -> bit ('T.op_LessThanOrEqual(a, values[g.B]))
        | GuardKind.GreaterThan -> bit ('T.op_GreaterThan(a, values[g.B]))
        | GuardKind.GreaterThanOrEqual -> bit ('T.op_GreaterThanOrEqual(a, values[g.B]))
        | GuardKind.Equal -> bit ('T.op_Equality(a, values[g.B]))
        | GuardKind.NotEqual -> bit ('T.op_Inequality(a, values[g.B]))
        | GuardKind.CompareTo -> Math.Sign(a.CompareTo(values[g.B]))
        | GuardKind.Sign -> 'T.Sign a
        | GuardKind.ILogB -> 'T.ILogB a
        | k -> bit (GuardKind.classify k a)

    /// The outcome as a message shows it.
    static member Show(kind: int, outcome: int) =
        match kind with
        | GuardKind.Sign
        | GuardKind.ILogB
        | GuardKind.CompareTo -> string outcome
        | _ -> if outcome <> 0 then "true" else "false"

/// What a compilation produced: the program, ready to replay.
[<NoEquality; NoComparison>]
type internal Program<'T> =
    { Steps: Step<'T>[]
      /// Entry values at the compile point, followed by the constant slots.
      Values: 'T[]
      /// Entries (the sink, the inputs and the operations); the constant slots follow them in Values.
      Count: int
      Inputs: int
      /// The entry (or constant slot) of the function's result.
      Output: int
      Kernels: Kernel<'T>[]
      Guards: Guard[] }

/// Builds the program of the function being compiled on this thread (see the comment at the top of this file).
[<Sealed; AllowNullLiteral>]
type internal ProgramRecorder<'T when 'T :> IFloatingPointIeee754<'T>>(tape: Tape<'T>, id: int, inputs: 'T[]) =
    [<ThreadStatic; DefaultValue>]
    static val mutable private active: ProgramRecorder<'T>

    let mutable steps: Step<'T>[] = Array.zeroCreate (max 1024 (2 * (inputs.Length + 1)))
    let mutable values: 'T[] = Array.zeroCreate steps.Length
    let mutable count = inputs.Length + 1
    let constants = ResizeArray<'T>()
    let kernels = ResizeArray<Kernel<'T>>()
    let kernelIndex = Dictionary<Kernel<'T>, int>(HashIdentity.Reference)
    let guards = ResizeArray<Guard>()
    do Array.Copy(inputs, 0, values, 1, inputs.Length)

    /// The recorder compiling on this thread, or null.
    static member Active
        with get () = ProgramRecorder<'T>.active
        and set (r: ProgramRecorder<'T>) = ProgramRecorder<'T>.active <- r

    /// The recorder that owns Vars with this id, when it is compiling on this thread at the current nesting level.
    static member For(varId: int) : ProgramRecorder<'T> =
        let r = ProgramRecorder<'T>.active
        if not (isNull r) && r.Id = varId && Object.ReferenceEquals(Tape<'T>.Current, r.Tape) then r else null

    /// The id the Vars of this compilation carry (the tape's owner with TapeIds.CompileBit).
    member _.Id = id
    member _.Tape = tape

    /// The operand index of a Var: its entry, or a new constant slot (encoded −(k + 1) until Finish) for a constant.
    member _.Operand(index: int, isConstant: bool, value: 'T) : int =
        if isConstant then
            constants.Add value
            -constants.Count
        else index

    /// Appends the step of the entry that the compiling tape is about to push (the two stay in step: every
    /// operation of the compiled function records one of each, and its inputs are the tape's first entries).
    member private _.Push(code: int, aux: int, z: 'T, a1: int, p1: 'T, a2: int, p2: 'T) =
        let n = count
        if n <> tape.Count then
            raise (InvalidOperationException $"ReverseMode.Compile: the compiled program (entry {n}) and the tape (entry {tape.Count}) are out of step.")
        if n >= steps.Length then
            Array.Resize(&steps, 2 * steps.Length)
            Array.Resize(&values, steps.Length)
        let s = &steps[n]
        s.Code <- code
        s.Aux <- aux
        s.A1 <- a1
        s.A2 <- a2
        s.P1 <- p1
        s.P2 <- p2
        values[n] <- z
        count <- n + 1

    /// Records a one-operand operation as Var reports it (OpCode; c is the constant of the *C forms).
    member r.Unary(op: int, aux: int, z: 'T, x: int, px: 'T, c: 'T) =
        match op with
        | OpCode.AddC -> r.Push(OpCode.Add, 0, z, x, 'T.One, r.Operand(0, true, c), 'T.One)
        | OpCode.SubC -> r.Push(OpCode.Sub, 0, z, x, 'T.One, r.Operand(0, true, c), 'T.NegativeOne)
        | OpCode.CSub -> r.Push(OpCode.Sub, 0, z, r.Operand(0, true, c), 'T.One, x, 'T.NegativeOne)
        | OpCode.MulC -> r.Push(OpCode.Mul, 0, z, x, px, r.Operand(0, true, c), 'T.Zero)
        | OpCode.DivC -> r.Push(OpCode.Div, 0, z, x, px, r.Operand(0, true, c), 'T.Zero)
        | OpCode.PowC -> r.Push(OpCode.PowC, 0, z, x, px, r.Operand(0, true, c), 'T.Zero)
        // The sweep must not reach the source: its derivative is stopped.
        | OpCode.Copy -> r.Push(OpCode.Copy, x, z, 0, 'T.Zero, 0, 'T.Zero)
        | _ -> r.Push(op, aux, z, x, px, 0, 'T.Zero)

    /// Records a two-operand operation; x and y are operand indices from Operand.
    member r.Binary(op: int, aux: int, z: 'T, x: int, px: 'T, y: int, py: 'T) = r.Push(op, aux, z, x, px, y, py)

    /// Records Var.Apply of a unary rule.
    member r.UnaryRule<'R when 'R :> IUnaryRule>(z: 'T, x: int, px: 'T) =
        r.Push(OpCode.Unary, r.Kernel(UnaryKernel<'T, 'R>.Instance), z, x, px, 0, 'T.Zero)

    /// Records Var.Apply of a binary rule; division gets the forward loop's own case.
    member r.BinaryRule<'R when 'R :> IBinaryRule>(z: 'T, x: int, px: 'T, y: int, py: 'T) =
        if typeof<'R> = typeof<DivideRule> then r.Push(OpCode.Div, 0, z, x, px, y, py)
        else r.Push(OpCode.Binary, r.Kernel(BinaryKernel<'T, 'R>.Instance), z, x, px, y, py)

    member private _.Kernel(k: Kernel<'T>) : int =
        match kernelIndex.TryGetValue k with
        | true, i -> i
        | _ ->
            kernelIndex[k] <- kernels.Count
            kernels.Add k
            kernels.Count - 1

    /// Records a decision; a and b are operand indices from Operand (b = 0 for one-operand kinds).
    member _.Guard(kind: int, a: int, b: int, outcome: int) =
        guards.Add { Kind = kind; A = a; B = b; Expected = outcome; After = count }

    /// The finished program, with constant slots placed after the last entry.
    member _.Finish(output: int) : Program<'T> =
        let slot (i: int) = if i < 0 then count - i - 1 else i
        let program = Array.sub steps 0 count
        for i in 0 .. count - 1 do
            let s = &program[i]
            s.A1 <- slot s.A1
            s.A2 <- slot s.A2
        let all = Array.zeroCreate (count + constants.Count)
        Array.Copy(values, all, count)
        constants.CopyTo(all, count)
        { Steps = program
          Values = all
          Count = count
          Inputs = inputs.Length
          Output = slot output
          Kernels = kernels.ToArray()
          Guards = guards.ToArray() |> Array.map (fun g -> { g with A = slot g.A; B = slot g.B }) }
