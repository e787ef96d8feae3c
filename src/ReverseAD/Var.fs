namespace Fluxion

open System
open System.Globalization
open System.Numerics
open System.Runtime.CompilerServices
// ReverseOperators pins + - * / to 'T; on Var values themselves they would dispatch back into the interface
// implementations below, so Var-level arithmetic in this file calls the Var op_ members by name.
open Fluxion.ReverseOperators

/// <summary>
/// A reverse-mode number: a primal value and its place on the running thread's tape. Operations on Vars
/// compute their values as usual and record, for each result, its operands and local partial derivatives
/// (from the rule table); one reverse sweep then gives the derivative of one output with respect to every
/// input (<see cref="T:Fluxion.Reverse"/>, <see cref="T:Fluxion.ReverseMode"/>, <see cref="T:Fluxion.GradientTape`1"/>).
/// </summary>
/// <remarks>
/// <para>Var implements the .NET generic-math interfaces up to <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>,
/// so code written once against them (from C# or F#) runs unchanged on it, as on double, Dual and HyperDual.
/// It nests: <c>Var&lt;Dual&lt;double&gt;&gt;</c> gives Hessian-vector products (forward over reverse) and
/// <c>Var&lt;Var&lt;double&gt;&gt;</c> gradients of gradients.</para>
/// <para>A Var is valid only inside the gradient computation (and on the thread) that created it; using it
/// elsewhere throws <see cref="T:System.InvalidOperationException"/>. A Var built from a plain value
/// (<see cref="M:Fluxion.Var`1.Constant(`0)"/>, the implicit conversion, parsing) is a constant: it is valid
/// everywhere and operations on constants only are not recorded.</para>
/// <para>Comparisons, equality and hashing use the primal value only.</para>
/// </remarks>
[<Struct; CustomEquality; CustomComparison>]
type Var<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// The primal (ordinary) value; users read it through Primal.
    val internal P: 'T
    /// The entry on the tape (0, the tape's sink entry, for constants).
    val internal Index: int
    /// The id of the computation that recorded this Var (0 for constants). It also finds the tape (Tape.Of), so
    /// operations record without a thread-static lookup; Record checks that the tape still runs the Var's
    /// computation, on this thread (see Tape.fs).
    val internal TapeId: int

    internal new(primal: 'T, index: int, tapeId: int) = { P = primal; Index = index; TapeId = tapeId }

    /// <summary>Creates a constant (not recorded, derivative zero).</summary>
    new(value: 'T) = { P = value; Index = 0; TapeId = 0 }

    /// <summary>A constant: the given value, not recorded, with no derivative.</summary>
    static member Constant(value: 'T) = Var<'T>(value)

    /// <summary>The primal (ordinary) value.</summary>
    /// <exception cref="T:System.NotSupportedException">Read inside a function being compiled by
    /// <c>ReverseMode.Compile</c>: what the function does with the number cannot be replayed.</exception>
    member x.Primal : 'T = x.Read "Var.Primal"

    /// The primal value for a member that uses it as a plain number: refused in compile mode, naming the operation.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    member internal x.Read(operation: string) : 'T =
        if x.TapeId &&& TapeIds.CompileBit <> 0 then raise (Var<'T>.Unreplayable operation) else x.P

    /// <summary>True for a constant (a Var that no gradient computation recorded).</summary>
    member x.IsConstant = x.TapeId = 0

    /// <summary>The constant 0 (F#'s <c>LanguagePrimitives.GenericZero</c> reads it).</summary>
    static member Zero = Var<'T>.ZeroValue()

    /// <summary>The constant 1 (F#'s <c>LanguagePrimitives.GenericOne</c> and <c>pown</c> read it).</summary>
    static member One = Var<'T>.OneValue()

    // Zero and One are read in loops by generic code (T.One - x). F# ignores MethodImpl on property getters, and
    // a getter's own IL with the constrained call to 'T.Zero is 17 bytes, over the JIT's always-inline size, so a
    // loop paid a call that spills every live register. The getters call these instead (6 bytes of IL).
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private ZeroValue() = Var<'T>('T.Zero)

    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private OneValue() = Var<'T>('T.One)

    /// <summary>Converts a plain value to a constant.</summary>
    static member op_Implicit(value: 'T) : Var<'T> = Var<'T>(value)

    // ----- recording ---------------------------------------------------------------------------

    /// Records z = f(x) with ∂z/∂x = px (x is not a constant): every unary operation records through here.
    /// `op` (an OpCode), `aux` and the constant `c` say what the operation was, for compile mode only: the
    /// ordinary path never reads them. A compiled function's Vars fail the id check; the cold call records the
    /// operation in the program (or throws for a Var that is not valid here), pushes the entry and returns its index,
    /// so that only an int merges with the hot path.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member internal Record(z: 'T, x: Var<'T>, px: 'T, op: int, aux: int, c: 'T) : Var<'T> =
        let id = x.TapeId
        let t = Tape<'T>.Of id
        let index = if t.RecordingId <> id || not (t.OnOwnThread()) then Var<'T>.OffTape(z, x, px, op, aux, c) else t.Push(x.Index, px)
        Var<'T>(z, index, id)

    /// Records z = f(x, y) with partials px, py (at least one of x, y is not a constant): every binary
    /// operation records through here. Both ids must be the tape's recording id or 0 (a constant), so the tape is
    /// the one of id xi ||| yi, and so is the result's id (which is also right for a compiled function's Vars). Two
    /// different non-zero ids give some tape whose recording id differs from at least one of them, which the check
    /// refuses. `op` as above.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member internal Record(z: 'T, x: Var<'T>, px: 'T, y: Var<'T>, py: 'T, op: int) : Var<'T> =
        let xi = x.TapeId
        let yi = y.TapeId
        let t = Tape<'T>.Of(xi ||| yi)
        let id = t.RecordingId
        let index =
            if (xi <> id && xi <> 0) || (yi <> id && yi <> 0) || not (t.OnOwnThread()) then Var<'T>.OffTape(z, x, px, y, py, op)
            else t.Push(x.Index, px, y.Index, py)
        Var<'T>(z, index, xi ||| yi)

    /// Records a unary rule's result (as Record; the rule is the compiled program's operation).
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member internal RecordRule<'R when 'R :> IUnaryRule>(z: 'T, x: Var<'T>, px: 'T) : Var<'T> =
        let id = x.TapeId
        let t = Tape<'T>.Of id
        let index = if t.RecordingId <> id || not (t.OnOwnThread()) then Var<'T>.RuleOffTape<'R>(z, x, px) else t.Push(x.Index, px)
        Var<'T>(z, index, id)

    /// Records a binary rule's result (as Record; the rule is the compiled program's operation).
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member internal RecordRule<'R when 'R :> IBinaryRule>(z: 'T, x: Var<'T>, px: 'T, y: Var<'T>, py: 'T) : Var<'T> =
        let xi = x.TapeId
        let yi = y.TapeId
        let t = Tape<'T>.Of(xi ||| yi)
        let id = t.RecordingId
        let index =
            if (xi <> id && xi <> 0) || (yi <> id && yi <> 0) || not (t.OnOwnThread()) then Var<'T>.RuleOffTape<'R>(z, x, px, y, py)
            else t.Push(x.Index, px, y.Index, py)
        Var<'T>(z, index, xi ||| yi)

    // ----- the cold paths: Vars of a function being compiled, or Vars used where they are not valid ---------------

    /// The recorder of x's compilation, or the exception for a Var that is not valid here.
    static member private RecorderOf(x: Var<'T>) : ProgramRecorder<'T> =
        let r = ProgramRecorder<'T>.For x.TapeId
        if isNull r then raise (Tape<'T>.Foreign x.TapeId)
        r

    /// The recorder of a two-operand operation's compilation (each operand is a constant or one of its Vars).
    static member private RecorderOf(x: Var<'T>, y: Var<'T>) : ProgramRecorder<'T> =
        let xi = x.TapeId
        let yi = y.TapeId
        let r = ProgramRecorder<'T>.For(if xi &&& TapeIds.CompileBit <> 0 then xi else yi)
        if isNull r || (xi <> 0 && xi <> r.Id) || (yi <> 0 && yi <> r.Id) then
            raise (Tape<'T>.Foreign(xi, yi))
        r

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member private OffTape(z: 'T, x: Var<'T>, px: 'T, op: int, aux: int, c: 'T) : int =
        let r = Var<'T>.RecorderOf x
        r.Unary(op, aux, z, x.Index, px, c)
        r.Tape.Push(x.Index, px)

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member private OffTape(z: 'T, x: Var<'T>, px: 'T, y: Var<'T>, py: 'T, op: int) : int =
        let r = Var<'T>.RecorderOf(x, y)
        let aux =
            if op <> OpCode.Fma then 0
            elif x.TapeId = 0 then raise (Var<'T>.Unreplayable "FusedMultiplyAdd with two constant factors")
            else x.Index
        r.Binary(op, aux, z, r.Operand(x.Index, x.TapeId = 0, x.P), px, r.Operand(y.Index, y.TapeId = 0, y.P), py)
        r.Tape.Push(x.Index, px, y.Index, py)

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member private RuleOffTape<'R when 'R :> IUnaryRule>(z: 'T, x: Var<'T>, px: 'T) : int =
        let r = Var<'T>.RecorderOf x
        r.UnaryRule<'R>(z, x.Index, px)
        r.Tape.Push(x.Index, px)

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member private RuleOffTape<'R when 'R :> IBinaryRule>(z: 'T, x: Var<'T>, px: 'T, y: Var<'T>, py: 'T) : int =
        let r = Var<'T>.RecorderOf(x, y)
        r.BinaryRule<'R>(z, r.Operand(x.Index, x.TapeId = 0, x.P), px, r.Operand(y.Index, y.TapeId = 0, y.P), py)
        r.Tape.Push(x.Index, px, y.Index, py)

    /// The refusal of an operation that a compiled program cannot replay (cold path).
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member internal Unreplayable(operation: string) : exn =
        NotSupportedException(
            $"ReverseMode.Compile: {operation} cannot be replayed by a compiled tape (it uses a Var's value as a plain number, or has no replay code). Differentiate this function with the uncompiled ReverseMode.ValueAndGradientInto instead."
        )
        :> exn

    /// Records a decision on primal values of a compilation's Vars as a guard (cold path; other Vars are ignored).
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member private Decided(kind: int, x: Var<'T>, y: Var<'T>, outcome: int) =
        let r = ProgramRecorder<'T>.For(if x.TapeId &&& TapeIds.CompileBit <> 0 then x.TapeId else y.TapeId)
        if not (isNull r) then
            // Constants, and Vars of other computations (captured values), are constants of the program.
            let operand (v: Var<'T>) = r.Operand(v.Index, v.TapeId <> r.Id, v.P)
            r.Guard(kind, operand x, (if kind >= GuardKind.Sign && kind <> GuardKind.CompareTo then 0 else operand y), outcome)

    /// A comparison's outcome, recorded as a guard in compile mode.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private Compared(kind: int, x: Var<'T>, y: Var<'T>, outcome: bool) : bool =
        if (x.TapeId ||| y.TapeId) &&& TapeIds.CompileBit <> 0 then Var<'T>.Decided(kind, x, y, (if outcome then 1 else 0))
        outcome

    /// A classification's outcome, recorded as a guard in compile mode.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private Classified(kind: int, x: Var<'T>, outcome: bool) : bool =
        if x.TapeId &&& TapeIds.CompileBit <> 0 then Var<'T>.Decided(kind, x, Var<'T>.Zero, (if outcome then 1 else 0))
        outcome

    /// An integer function of the primal (Sign, ILogB, CompareTo's sign), recorded as a guard in compile mode.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member private Counted(kind: int, x: Var<'T>, y: Var<'T>, outcome: int) : int =
        if (x.TapeId ||| y.TapeId) &&& TapeIds.CompileBit <> 0 then Var<'T>.Decided(kind, x, y, outcome)
        outcome

    /// Whether the primal is NaN (a guarded decision), for the members that pick an argument by it.
    static member private IsNaNOf(x: Var<'T>) = Var<'T>.Classified(GuardKind.IsNaN, x, 'T.IsNaN x.P)

    /// The same value without its derivative (ReverseMode.StopGradient): a constant, or in compile mode an entry
    /// that copies the value and passes no adjoint back.
    static member internal Stopped(x: Var<'T>) : Var<'T> =
        if x.TapeId &&& TapeIds.CompileBit = 0 then Var<'T>(x.P)
        else
            let r = Var<'T>.RecorderOf x
            r.Unary(OpCode.Copy, 0, x.P, x.Index, 'T.Zero, 'T.Zero)
            Var<'T>(x.P, r.Tape.Push(0, 'T.Zero), x.TapeId)

    // ----- the rule table, applied -----------------------------------------------------------

    /// A unary rule's value, for members that name their rule.
    static member private ValueOf<'R when 'R :> IUnaryRule>(x: 'T) = 'R.Value x

    /// A binary rule's partials, for operators that name their rule.
    static member private PartialsOf<'R when 'R :> IBinaryRule>(x: 'T, y: 'T, z: 'T) = 'R.Partials(x, y, z)

    /// <summary>Applies a unary rule from the table: value f(x), recorded partial f′(x).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Apply<'R when 'R :> IUnaryRule>(x: Var<'T>) : Var<'T> =
        let fx = 'R.Value x.P
        if x.TapeId = 0 then Var<'T>(fx) else Var<'T>.RecordRule<'R>(fx, x, 'R.Derivative(x.P, fx))

    /// <summary>Applies a binary rule from the table: value f(x, y), recorded partials ∂f/∂x and ∂f/∂y.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Apply<'R when 'R :> IBinaryRule>(x: Var<'T>, y: Var<'T>) : Var<'T> =
        let z = 'R.Value(x.P, y.P)
        if (x.TapeId ||| y.TapeId) = 0 then Var<'T>(z)
        else
            let struct (px, py) = 'R.Partials(x.P, y.P, z)
            Var<'T>.RecordRule<'R>(z, x, px, y, py)

    // ----- arithmetic ------------------------------------------------------------------------

    /// <summary>Addition (partials 1 and 1).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: Var<'T>, y: Var<'T>) =
        let z = x.P + y.P
        if (x.TapeId ||| y.TapeId) = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, y, 'T.One, OpCode.Add)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(x: Var<'T>, c: 'T) =
        let z = x.P + c
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, OpCode.AddC, 0, c)
    /// <summary>Adds a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (+)(c: 'T, x: Var<'T>) =
        let z = c + x.P
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, OpCode.AddC, 0, c)
    /// <summary>Subtraction (partials 1 and −1).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: Var<'T>, y: Var<'T>) =
        let z = x.P - y.P
        if (x.TapeId ||| y.TapeId) = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, y, 'T.NegativeOne, OpCode.Sub)
    /// <summary>Subtracts a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(x: Var<'T>, c: 'T) =
        let z = x.P - c
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, OpCode.SubC, 0, c)
    /// <summary>Subtracts from a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (-)(c: 'T, x: Var<'T>) =
        let z = c - x.P
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.NegativeOne, OpCode.CSub, 0, c)
    /// <summary>Multiplication (rule <see cref="T:Fluxion.MultiplyRule"/>).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: Var<'T>, y: Var<'T>) =
        let z = x.P * y.P
        if (x.TapeId ||| y.TapeId) = 0 then Var<'T>(z)
        else
            let struct (px, py) = Var<'T>.PartialsOf<MultiplyRule>(x.P, y.P, z)
            Var<'T>.Record(z, x, px, y, py, OpCode.Mul)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(x: Var<'T>, c: 'T) =
        let z = x.P * c
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, c, OpCode.MulC, 0, c)
    /// <summary>Multiplies by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (*)(c: 'T, x: Var<'T>) =
        let z = c * x.P
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, c, OpCode.MulC, 0, c)
    /// <summary>Division (rule <see cref="T:Fluxion.DivideRule"/>; IEEE semantics at a zero divisor).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<DivideRule>(x, y)
    /// <summary>Divides by a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(x: Var<'T>, c: 'T) =
        let z = x.P / c
        if x.TapeId = 0 then Var<'T>(z)
        else
            let struct (px, _) = Var<'T>.PartialsOf<DivideRule>(x.P, c, z)
            Var<'T>.Record(z, x, px, OpCode.DivC, 0, c)
    /// <summary>Divides a constant.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (/)(c: 'T, x: Var<'T>) = Var<'T>.op_Division(Var<'T>.Constant c, x)
    /// <summary>Truncated remainder (rule <see cref="T:Fluxion.ModulusRule"/>).</summary>
    static member (%)(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<ModulusRule>(x, y)
    /// <summary>Negation (partial −1).</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member (~-)(x: Var<'T>) =
        let z = -x.P
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.NegativeOne, OpCode.Neg, 0, 'T.Zero)
    /// <summary>Unary plus (identity).</summary>
    static member (~+)(x: Var<'T>) = x
    /// <summary>Raises to a variable power, xʸ (rule <see cref="T:Fluxion.PowRule"/>); F#'s <c>**</c>.</summary>
    static member Pow(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<PowRule>(x, y)
    /// <summary>Raises to a constant power xᶜ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    static member Pow(x: Var<'T>, c: 'T) =
        let z = PowerRule.Value(x.P, c)
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, PowerRule.Derivative(x.P, c), OpCode.PowC, 0, c)
    /// <summary>Raises to an integer power xⁿ (rule <see cref="T:Fluxion.PowerRule"/>).</summary>
    static member Pow(x: Var<'T>, n: int) = Var<'T>.Pow(x, 'T.CreateChecked n)

    // ----- integer operands: F#'s `2 * x` and `x / 2` without a `.0`; C#'s int arguments pick these too. The integer
    // becomes a constant 'T by 'T.CreateChecked (exact for |n| ≤ 2⁵³ in float64, 2²⁴ in float32), so each result
    // is the one the 'T-constant overload gives for that constant.

    /// <summary>Adds an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (+)(x: Var<'T>, n: int) = Var<'T>.op_Addition(x, 'T.CreateChecked n)
    /// <summary>Adds to an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (+)(n: int, x: Var<'T>) = Var<'T>.op_Addition('T.CreateChecked n, x)
    /// <summary>Subtracts an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (-)(x: Var<'T>, n: int) = Var<'T>.op_Subtraction(x, 'T.CreateChecked n)
    /// <summary>Subtracts from an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (-)(n: int, x: Var<'T>) = Var<'T>.op_Subtraction('T.CreateChecked n, x)
    /// <summary>Multiplies by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (*)(x: Var<'T>, n: int) = Var<'T>.op_Multiply(x, 'T.CreateChecked n)
    /// <summary>Multiplies an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (*)(n: int, x: Var<'T>) = Var<'T>.op_Multiply('T.CreateChecked n, x)
    /// <summary>Divides by an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (/)(x: Var<'T>, n: int) = Var<'T>.op_Division(x, 'T.CreateChecked n)
    /// <summary>Divides an integer (the same as the constant <c>'T.CreateChecked n</c>).</summary>
    static member (/)(n: int, x: Var<'T>) = Var<'T>.op_Division('T.CreateChecked n, x)

    // ----- comparisons by primal ------------------------------------------------------------

    /// <summary>Equality of primal values (a guarded decision in a compiled function, as every comparison).</summary>
    static member op_Equality(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.Equal, x, y, 'T.op_Equality(x.P, y.P))
    /// <summary>Inequality of primal values.</summary>
    static member op_Inequality(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.NotEqual, x, y, 'T.op_Inequality(x.P, y.P))
    /// <summary>Compares primal values.</summary>
    static member op_LessThan(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.LessThan, x, y, 'T.op_LessThan(x.P, y.P))
    /// <summary>Compares primal values.</summary>
    static member op_LessThanOrEqual(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.LessThanOrEqual, x, y, 'T.op_LessThanOrEqual(x.P, y.P))
    /// <summary>Compares primal values.</summary>
    static member op_GreaterThan(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.GreaterThan, x, y, 'T.op_GreaterThan(x.P, y.P))
    /// <summary>Compares primal values.</summary>
    static member op_GreaterThanOrEqual(x: Var<'T>, y: Var<'T>) = Var<'T>.Compared(GuardKind.GreaterThanOrEqual, x, y, 'T.op_GreaterThanOrEqual(x.P, y.P))

    // ----- elementary functions (each one rule from the table) -------------------------------

    /// <summary>|x|; derivative 0 at 0 (see <see cref="T:Fluxion.AbsRule"/>).</summary>
    static member Abs(x: Var<'T>) = Var<'T>.Apply<AbsRule> x
    /// <summary>√x (see <see cref="T:Fluxion.SqrtRule"/>).</summary>
    static member Sqrt(x: Var<'T>) = Var<'T>.Apply<SqrtRule> x
    /// <summary>∛x (see <see cref="T:Fluxion.CbrtRule"/>).</summary>
    static member Cbrt(x: Var<'T>) = Var<'T>.Apply<CbrtRule> x
    /// <summary>eˣ.</summary>
    static member Exp(x: Var<'T>) = Var<'T>.Apply<ExpRule> x
    /// <summary>2ˣ.</summary>
    static member Exp2(x: Var<'T>) = Var<'T>.Apply<Exp2Rule> x
    /// <summary>10ˣ.</summary>
    static member Exp10(x: Var<'T>) = Var<'T>.Apply<Exp10Rule> x
    /// <summary>eˣ − 1.</summary>
    static member ExpM1(x: Var<'T>) = Var<'T>.Apply<Expm1Rule> x
    /// <summary>2ˣ − 1.</summary>
    static member Exp2M1(x: Var<'T>) = Var<'T>.Apply<Exp2m1Rule> x
    /// <summary>10ˣ − 1.</summary>
    static member Exp10M1(x: Var<'T>) = Var<'T>.Apply<Exp10m1Rule> x
    /// <summary>ln x (see <see cref="T:Fluxion.LogRule"/>).</summary>
    static member Log(x: Var<'T>) = Var<'T>.Apply<LogRule> x
    /// <summary>Logarithm to a given base, ln x / ln b.</summary>
    static member Log(x: Var<'T>, newBase: Var<'T>) = Var<'T>.op_Division(Var<'T>.Log x, Var<'T>.Log newBase)
    /// <summary>log₂ x.</summary>
    static member Log2(x: Var<'T>) = Var<'T>.Apply<Log2Rule> x
    /// <summary>log₁₀ x.</summary>
    static member Log10(x: Var<'T>) = Var<'T>.Apply<Log10Rule> x
    /// <summary>ln(1 + x).</summary>
    static member LogP1(x: Var<'T>) = Var<'T>.Apply<Log1pRule> x
    /// <summary>log₂(1 + x).</summary>
    static member Log2P1(x: Var<'T>) = Var<'T>.Apply<Log2p1Rule> x
    /// <summary>log₁₀(1 + x).</summary>
    static member Log10P1(x: Var<'T>) = Var<'T>.Apply<Log10p1Rule> x
    /// <summary>sin x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Sin(x: Var<'T>) =
        if x.TapeId = 0 then Var<'T>(Var<'T>.ValueOf<SinRule> x.P)
        else
            let struct (s, c) = SinRule.ValueAndDerivative x.P
            Var<'T>.Record(s, x, c, OpCode.Sin, 0, 'T.Zero)
    /// <summary>cos x.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Cos(x: Var<'T>) =
        if x.TapeId = 0 then Var<'T>(Var<'T>.ValueOf<CosRule> x.P)
        else
            let struct (c, ms) = CosRule.ValueAndDerivative x.P
            Var<'T>.Record(c, x, ms, OpCode.Cos, 0, 'T.Zero)
    /// <summary>tan x.</summary>
    static member Tan(x: Var<'T>) = Var<'T>.Apply<TanRule> x
    /// <summary>sin(πx).</summary>
    static member SinPi(x: Var<'T>) = Var<'T>.Apply<SinPiRule> x
    /// <summary>cos(πx).</summary>
    static member CosPi(x: Var<'T>) = Var<'T>.Apply<CosPiRule> x
    /// <summary>tan(πx).</summary>
    static member TanPi(x: Var<'T>) = Var<'T>.Apply<TanPiRule> x
    /// <summary>arcsin x.</summary>
    static member Asin(x: Var<'T>) = Var<'T>.Apply<AsinRule> x
    /// <summary>arccos x.</summary>
    static member Acos(x: Var<'T>) = Var<'T>.Apply<AcosRule> x
    /// <summary>arctan x.</summary>
    static member Atan(x: Var<'T>) = Var<'T>.Apply<AtanRule> x
    /// <summary>arcsin(x)/π.</summary>
    static member AsinPi(x: Var<'T>) = Var<'T>.Apply<AsinPiRule> x
    /// <summary>arccos(x)/π.</summary>
    static member AcosPi(x: Var<'T>) = Var<'T>.Apply<AcosPiRule> x
    /// <summary>arctan(x)/π.</summary>
    static member AtanPi(x: Var<'T>) = Var<'T>.Apply<AtanPiRule> x
    /// <summary>atan2(y, x) (see <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    static member Atan2(y: Var<'T>, x: Var<'T>) = Var<'T>.Apply<Atan2Rule>(y, x)
    /// <summary>atan2(y, x)/π.</summary>
    static member Atan2Pi(y: Var<'T>, x: Var<'T>) =
        Var<'T>.op_Division(Var<'T>.Atan2(y, x), 'T.Pi)
    /// <summary>sinh x.</summary>
    static member Sinh(x: Var<'T>) = Var<'T>.Apply<SinhRule> x
    /// <summary>cosh x.</summary>
    static member Cosh(x: Var<'T>) = Var<'T>.Apply<CoshRule> x
    /// <summary>tanh x.</summary>
    static member Tanh(x: Var<'T>) = Var<'T>.Apply<TanhRule> x
    /// <summary>arsinh x.</summary>
    static member Asinh(x: Var<'T>) = Var<'T>.Apply<AsinhRule> x
    /// <summary>arcosh x.</summary>
    static member Acosh(x: Var<'T>) = Var<'T>.Apply<AcoshRule> x
    /// <summary>artanh x.</summary>
    static member Atanh(x: Var<'T>) = Var<'T>.Apply<AtanhRule> x
    /// <summary>√(x² + y²) (see <see cref="T:Fluxion.HypotRule"/>).</summary>
    static member Hypot(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<HypotRule>(x, y)
    /// <summary>The n-th root x^(1/n), real for negative x when n is odd (see <see cref="T:Fluxion.RootNRule"/>).</summary>
    static member RootN(x: Var<'T>, n: int) =
        let fx = RootNRule.Value(x.P, n)
        if x.TapeId = 0 then Var<'T>(fx) else Var<'T>.Record(fx, x, RootNRule.Derivative(n, fx), OpCode.RootN, n, 'T.Zero)
    /// <summary>⌊x⌋ (derivative 0).</summary>
    static member Floor(x: Var<'T>) = Var<'T>.Apply<FloorRule> x
    /// <summary>⌈x⌉ (derivative 0).</summary>
    static member Ceiling(x: Var<'T>) = Var<'T>.Apply<CeilingRule> x
    /// <summary>Round to nearest even (derivative 0).</summary>
    static member Round(x: Var<'T>) = Var<'T>.Apply<RoundRule> x
    /// <summary>Round to a number of digits (derivative 0).</summary>
    static member Round(x: Var<'T>, digits: int) = Var<'T>.Constant('T.Round(x.Read "Round(x, digits)", digits))
    /// <summary>Round with a midpoint mode (derivative 0).</summary>
    static member Round(x: Var<'T>, mode: MidpointRounding) = Var<'T>.Constant('T.Round(x.Read "Round(x, mode)", mode))
    /// <summary>Round to digits with a midpoint mode (derivative 0).</summary>
    static member Round(x: Var<'T>, digits: int, mode: MidpointRounding) = Var<'T>.Constant('T.Round(x.Read "Round(x, digits, mode)", digits, mode))
    /// <summary>Round toward zero (derivative 0).</summary>
    static member Truncate(x: Var<'T>) = Var<'T>.Apply<TruncateRule> x
    /// <summary>max(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MaxRule"/>).</summary>
    static member Max(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<MaxRule>(x, y)
    /// <summary>min(x, y); a tie splits the derivative evenly (see <see cref="T:Fluxion.MinRule"/>).</summary>
    static member Min(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<MinRule>(x, y)
    /// <summary>max(x, y), preferring the number when one argument is NaN.</summary>
    static member MaxNumber(x: Var<'T>, y: Var<'T>) =
        if Var<'T>.IsNaNOf x then y elif Var<'T>.IsNaNOf y then x else Var<'T>.Max(x, y)
    /// <summary>min(x, y), preferring the number when one argument is NaN.</summary>
    static member MinNumber(x: Var<'T>, y: Var<'T>) =
        if Var<'T>.IsNaNOf x then y elif Var<'T>.IsNaNOf y then x else Var<'T>.Min(x, y)
    /// <summary>
    /// Clamps x to [min, max]. The derivative flows to x inside the closed interval, to the violated bound outside.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">min is greater than max.</exception>
    static member Clamp(x: Var<'T>, min: Var<'T>, max: Var<'T>) =
        if Var<'T>.op_GreaterThan(min, max) then
            raise (ArgumentException($"Clamp: min ({min.P}) is greater than max ({max.P}).", nameof min))
        if Var<'T>.op_LessThan(x, min) then min
        elif Var<'T>.op_GreaterThan(x, max) then max
        else x
    /// <summary>The sign of the primal as −1, 0 or 1 (generic math's Sign).</summary>
    /// <exception cref="T:System.ArithmeticException">The primal is NaN.</exception>
    static member Sign(x: Var<'T>) : int = Var<'T>.Counted(GuardKind.Sign, x, Var<'T>.Zero, 'T.Sign x.P)
    /// <summary>|x| with the sign of y: x or −x, chosen by the signs (derivative follows the choice).</summary>
    static member CopySign(x: Var<'T>, y: Var<'T>) =
        if Var<'T>.Classified(GuardKind.IsNegative, x, 'T.IsNegative x.P) = Var<'T>.Classified(GuardKind.IsNegative, y, 'T.IsNegative y.P) then x else Var<'T>.op_UnaryNegation x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ).</summary>
    static member Sigmoid(x: Var<'T>) = Var<'T>.Apply<SigmoidRule> x
    /// <summary>softplus ln(1 + eˣ).</summary>
    static member Softplus(x: Var<'T>) = Var<'T>.Apply<SoftplusRule> x
    /// <summary>The error function.</summary>
    static member Erf(x: Var<'T>) = Var<'T>.Apply<ErfRule> x
    /// <summary>The gamma function.</summary>
    static member Gamma(x: Var<'T>) = Var<'T>.Apply<GammaRule> x
    /// <summary>ln |Γ(x)|.</summary>
    static member LogGamma(x: Var<'T>) = Var<'T>.Apply<LogGammaRule> x
    /// <summary>The digamma function ψ(x).</summary>
    static member Digamma(x: Var<'T>) = Var<'T>.Apply<DigammaRule> x
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x).</summary>
    static member Polygamma(n: int, x: Var<'T>) =
        let z = PolygammaRule.Value(n, x.P)
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, PolygammaRule.Derivative(n, x.P), OpCode.Polygamma, n, 'T.Zero)
    /// <summary>x·y + z (composed from the multiply and add rules).</summary>
    static member FusedMultiplyAdd(x: Var<'T>, y: Var<'T>, z: Var<'T>) =
        // The value is rounded once, as for the primal type (and Dual's); the derivative is that of x·y + z.
        let v = 'T.FusedMultiplyAdd(x.P, y.P, z.P)
        let p = Var<'T>.op_Multiply(x, y)
        if (p.TapeId ||| z.TapeId) = 0 then Var<'T>(v) else Var<'T>.Record(v, p, 'T.One, z, 'T.One, OpCode.Fma)
    /// <summary>The IEEE remainder (see <see cref="T:Fluxion.RemainderRule"/>).</summary>
    static member Ieee754Remainder(x: Var<'T>, y: Var<'T>) = Var<'T>.Apply<RemainderRule>(x, y)
    /// <summary>x·2ⁿ (linear in x).</summary>
    static member ScaleB(x: Var<'T>, n: int) =
        let z = 'T.ScaleB(x.P, n)
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.ScaleB('T.One, n), OpCode.ScaleB, n, 'T.Zero)
    /// A value z next to x (BitIncrement, direction 1; BitDecrement, −1) that keeps x's derivative (partial 1).
    static member private Shift(z: 'T, x: Var<'T>, direction: int) =
        if x.TapeId = 0 then Var<'T>(z) else Var<'T>.Record(z, x, 'T.One, OpCode.Shift, direction, 'T.Zero)

    // ----- object members ----------------------------------------------------------------------

    /// <summary>Equality of primal values.</summary>
    override x.Equals(o: obj) =
        match o with
        | :? Var<'T> as d -> Var<'T>.op_Equality(x, d)
        | _ -> false

    /// <summary>Hash of the primal value.</summary>
    override x.GetHashCode() : int = System.Collections.Generic.EqualityComparer<'T>.Default.GetHashCode(x.Read "GetHashCode")

    /// <summary>Formats the primal value.</summary>
    override x.ToString() = x.ToString(null, CultureInfo.CurrentCulture)

    /// <summary>Formats the primal value with the given format.</summary>
    member x.ToString(format: string | null, provider: IFormatProvider | null) = Primal.Format(x.Read "ToString", format, provider)

    interface IComparable with
        member x.CompareTo(o: obj) : int =
            match o with
            | null -> 1
            | :? Var<'T> as d -> Var<'T>.Counted(GuardKind.CompareTo, x, d, Math.Sign(x.P.CompareTo(d.P)))
            | _ -> raise (ArgumentException($"Object must be of type {typeof<Var<'T>>.Name}.", nameof o))

    interface IComparable<Var<'T>> with
        member x.CompareTo(d: Var<'T>) : int = Var<'T>.Counted(GuardKind.CompareTo, x, d, Math.Sign(x.P.CompareTo(d.P)))

    interface IEquatable<Var<'T>> with
        member x.Equals(d: Var<'T>) : bool = Var<'T>.op_Equality(x, d)

    interface ISpecialFunctions<Var<'T>> with
        static member Erf x = Var<'T>.Erf x
        static member Gamma x = Var<'T>.Gamma x
        static member LogGamma x = Var<'T>.LogGamma x
        static member Digamma x = Var<'T>.Digamma x
        static member Polygamma(n, x) = Var<'T>.Polygamma(n, x)

    interface IFloatingPointIeee754<Var<'T>> with
        // constants and identities
        static member E = Var<'T>.Constant 'T.E
        static member Pi = Var<'T>.Constant 'T.Pi
        static member Tau = Var<'T>.Constant 'T.Tau
        static member Epsilon = Var<'T>.Constant 'T.Epsilon
        static member NaN = Var<'T>.Constant 'T.NaN
        static member NegativeInfinity = Var<'T>.Constant 'T.NegativeInfinity
        static member NegativeZero = Var<'T>.Constant 'T.NegativeZero
        static member PositiveInfinity = Var<'T>.Constant 'T.PositiveInfinity
        static member NegativeOne = Var<'T>.Constant 'T.NegativeOne
        static member One = Var<'T>.One
        static member Zero = Var<'T>.Zero
        static member Radix = 'T.Radix
        static member AdditiveIdentity = Var<'T>.Constant 'T.Zero
        static member MultiplicativeIdentity = Var<'T>.Constant 'T.One
        // operators
        static member op_Addition(x, y) = Var<'T>.op_Addition(x, y)
        static member op_Subtraction(x, y) = Var<'T>.op_Subtraction(x, y)
        static member op_Multiply(x, y) = Var<'T>.op_Multiply(x, y)
        static member op_Division(x, y) = Var<'T>.op_Division(x, y)
        static member op_Modulus(x, y) = Var<'T>.op_Modulus(x, y)
        static member op_UnaryNegation x = Var<'T>.op_UnaryNegation x
        static member op_UnaryPlus x = x
        static member op_Increment x = Var<'T>.op_Addition(x, 'T.One)
        static member op_Decrement x = Var<'T>.op_Subtraction(x, 'T.One)
        static member op_Equality(x, y) = Var<'T>.op_Equality(x, y)
        static member op_Inequality(x, y) = Var<'T>.op_Inequality(x, y)
        static member op_LessThan(x, y) = Var<'T>.op_LessThan(x, y)
        static member op_LessThanOrEqual(x, y) = Var<'T>.op_LessThanOrEqual(x, y)
        static member op_GreaterThan(x, y) = Var<'T>.op_GreaterThan(x, y)
        static member op_GreaterThanOrEqual(x, y) = Var<'T>.op_GreaterThanOrEqual(x, y)
        // classification by primal
        static member IsCanonical x = Var<'T>.Classified(GuardKind.IsCanonical, x, 'T.IsCanonical x.P)
        static member IsComplexNumber x = Var<'T>.Classified(GuardKind.IsComplexNumber, x, 'T.IsComplexNumber x.P)
        static member IsEvenInteger x = Var<'T>.Classified(GuardKind.IsEvenInteger, x, 'T.IsEvenInteger x.P)
        static member IsFinite x = Var<'T>.Classified(GuardKind.IsFinite, x, 'T.IsFinite x.P)
        static member IsImaginaryNumber x = Var<'T>.Classified(GuardKind.IsImaginaryNumber, x, 'T.IsImaginaryNumber x.P)
        static member IsInfinity x = Var<'T>.Classified(GuardKind.IsInfinity, x, 'T.IsInfinity x.P)
        static member IsInteger x = Var<'T>.Classified(GuardKind.IsInteger, x, 'T.IsInteger x.P)
        static member IsNaN x = Var<'T>.Classified(GuardKind.IsNaN, x, 'T.IsNaN x.P)
        static member IsNegative x = Var<'T>.Classified(GuardKind.IsNegative, x, 'T.IsNegative x.P)
        static member IsNegativeInfinity x = Var<'T>.Classified(GuardKind.IsNegativeInfinity, x, 'T.IsNegativeInfinity x.P)
        static member IsNormal x = Var<'T>.Classified(GuardKind.IsNormal, x, 'T.IsNormal x.P)
        static member IsOddInteger x = Var<'T>.Classified(GuardKind.IsOddInteger, x, 'T.IsOddInteger x.P)
        static member IsPositive x = Var<'T>.Classified(GuardKind.IsPositive, x, 'T.IsPositive x.P)
        static member IsPositiveInfinity x = Var<'T>.Classified(GuardKind.IsPositiveInfinity, x, 'T.IsPositiveInfinity x.P)
        static member IsRealNumber x = Var<'T>.Classified(GuardKind.IsRealNumber, x, 'T.IsRealNumber x.P)
        static member IsSubnormal x = Var<'T>.Classified(GuardKind.IsSubnormal, x, 'T.IsSubnormal x.P)
        static member IsZero x = Var<'T>.Classified(GuardKind.IsZero, x, 'T.IsZero x.P)
        // selection
        static member Abs x = Var<'T>.Abs x
        static member MaxMagnitude(x, y) = Var<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MaxMagnitudeNumber(x, y) =
            if Var<'T>.IsNaNOf x then y elif Var<'T>.IsNaNOf y then x else Var<'T>.Apply<MaxMagnitudeRule>(x, y)
        static member MinMagnitude(x, y) = Var<'T>.Apply<MinMagnitudeRule>(x, y)
        static member MinMagnitudeNumber(x, y) =
            if Var<'T>.IsNaNOf x then y elif Var<'T>.IsNaNOf y then x else Var<'T>.Apply<MinMagnitudeRule>(x, y)
        static member Max(x, y) = Var<'T>.Max(x, y)
        static member Min(x, y) = Var<'T>.Min(x, y)
        static member MaxNumber(x, y) = Var<'T>.MaxNumber(x, y)
        static member MinNumber(x, y) = Var<'T>.MinNumber(x, y)
        static member Clamp(x, lo, hi) = Var<'T>.Clamp(x, lo, hi)
        static member Sign x = Var<'T>.Sign x
        static member CopySign(x, y) = Var<'T>.CopySign(x, y)
        // functions
        static member Sqrt x = Var<'T>.Sqrt x
        static member Cbrt x = Var<'T>.Cbrt x
        static member Hypot(x, y) = Var<'T>.Hypot(x, y)
        static member RootN(x, n) = Var<'T>.RootN(x, n)
        static member Pow(x, y) = Var<'T>.Pow(x, y)
        static member Exp x = Var<'T>.Exp x
        static member Exp2 x = Var<'T>.Exp2 x
        static member Exp10 x = Var<'T>.Exp10 x
        static member ExpM1 x = Var<'T>.ExpM1 x
        static member Exp2M1 x = Var<'T>.Exp2M1 x
        static member Exp10M1 x = Var<'T>.Exp10M1 x
        static member Log(x: Var<'T>) = Var<'T>.Log x
        static member Log(x: Var<'T>, b: Var<'T>) = Var<'T>.Log(x, b)
        static member Log2 x = Var<'T>.Log2 x
        static member Log10 x = Var<'T>.Log10 x
        static member LogP1 x = Var<'T>.LogP1 x
        static member Log2P1 x = Var<'T>.Log2P1 x
        static member Log10P1 x = Var<'T>.Log10P1 x
        static member Sin x = Var<'T>.Sin x
        static member Cos x = Var<'T>.Cos x
        static member Tan x = Var<'T>.Tan x
        static member SinPi x = Var<'T>.SinPi x
        static member CosPi x = Var<'T>.CosPi x
        static member TanPi x = Var<'T>.TanPi x
        static member SinCos x = struct (Var<'T>.Sin x, Var<'T>.Cos x)
        static member SinCosPi x = struct (Var<'T>.SinPi x, Var<'T>.CosPi x)
        static member Asin x = Var<'T>.Asin x
        static member Acos x = Var<'T>.Acos x
        static member Atan x = Var<'T>.Atan x
        static member AsinPi x = Var<'T>.AsinPi x
        static member AcosPi x = Var<'T>.AcosPi x
        static member AtanPi x = Var<'T>.AtanPi x
        static member Atan2(y, x) = Var<'T>.Atan2(y, x)
        static member Atan2Pi(y, x) = Var<'T>.Atan2Pi(y, x)
        static member Sinh x = Var<'T>.Sinh x
        static member Cosh x = Var<'T>.Cosh x
        static member Tanh x = Var<'T>.Tanh x
        static member Asinh x = Var<'T>.Asinh x
        static member Acosh x = Var<'T>.Acosh x
        static member Atanh x = Var<'T>.Atanh x
        static member Floor x = Var<'T>.Floor x
        static member Ceiling x = Var<'T>.Ceiling x
        static member Truncate x = Var<'T>.Truncate x
        static member Round(x: Var<'T>) = Var<'T>.Round x
        static member Round(x: Var<'T>, digits: int) = Var<'T>.Round(x, digits)
        static member Round(x: Var<'T>, mode: MidpointRounding) = Var<'T>.Round(x, mode)
        static member Round(x: Var<'T>, digits: int, mode: MidpointRounding) = Var<'T>.Round(x, digits, mode)
        static member FusedMultiplyAdd(x, y, z) = Var<'T>.FusedMultiplyAdd(x, y, z)
        static member Ieee754Remainder(x, y) = Var<'T>.Ieee754Remainder(x, y)
        static member ScaleB(x, n) = Var<'T>.ScaleB(x, n)
        static member ILogB x = Var<'T>.Counted(GuardKind.ILogB, x, Var<'T>.Zero, 'T.ILogB x.P)
        static member BitIncrement x = Var<'T>.Shift('T.BitIncrement x.P, x, 1)
        static member BitDecrement x = Var<'T>.Shift('T.BitDecrement x.P, x, -1)
        // parsing, formatting, conversion (primal only; parsed numbers are constants)
        static member Parse(s: string, style: NumberStyles, provider: IFormatProvider | null) =
            Var<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member Parse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null) =
            Var<'T>.Constant(Primal.Parse<'T>(s, style, provider))
        static member TryParse(s: string | null, style: NumberStyles, provider: IFormatProvider | null, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryParse<'T>(s, style, provider, &p)
            result <- Var<'T>.Constant p
            ok
        static member TryParse(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryParse<'T>(s, style, provider, &p)
            result <- Var<'T>.Constant p
            ok
        static member Parse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null) : Var<'T> =
            Var<'T>.Constant('T.Parse(utf8, style, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider | null, result: byref<Var<'T>>) : bool =
            let mutable p = 'T.Zero
            let ok = 'T.TryParse(utf8, style, provider, &p)
            result <- Var<'T>.Constant p
            ok
        static member TryConvertFromChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryFrom<'T, 'TOther>(value, 0, &p)
            result <- Var<'T>.Constant p
            ok
        static member TryConvertFromSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryFrom<'T, 'TOther>(value, 1, &p)
            result <- Var<'T>.Constant p
            ok
        static member TryConvertFromTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: 'TOther, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryFrom<'T, 'TOther>(value, 2, &p)
            result <- Var<'T>.Constant p
            ok
        static member TryConvertToChecked<'TOther when 'TOther :> INumberBase<'TOther>>(value: Var<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Read $"conversion to {typeof<'TOther>.Name}", 0, &result)
        static member TryConvertToSaturating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Var<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Read $"conversion to {typeof<'TOther>.Name}", 1, &result)
        static member TryConvertToTruncating<'TOther when 'TOther :> INumberBase<'TOther>>(value: Var<'T>, result: byref<'TOther>) =
            Primal.TryTo<'T, 'TOther>(value.Read $"conversion to {typeof<'TOther>.Name}", 2, &result)
        member x.ToString(format, provider) = x.ToString(format, provider)
        member x.TryFormat(destination: Span<char>, charsWritten: byref<int>, format: ReadOnlySpan<char>, provider: IFormatProvider | null) =
            Primal.TryFormat(x.ToString(format.ToString(), provider), destination, &charsWritten)
        member x.GetExponentByteCount() = Primal.ExponentByteCount(x.Read "GetExponentByteCount")
        member x.GetExponentShortestBitLength() = Primal.ExponentShortestBitLength(x.Read "GetExponentShortestBitLength")
        member x.GetSignificandBitLength() = Primal.SignificandBitLength(x.Read "GetSignificandBitLength")
        member x.GetSignificandByteCount() = Primal.SignificandByteCount(x.Read "GetSignificandByteCount")
        member x.TryWriteExponentBigEndian(destination, bytesWritten) = Primal.WriteExponent(x.Read "TryWriteExponentBigEndian", true, destination, &bytesWritten)
        member x.TryWriteExponentLittleEndian(destination, bytesWritten) = Primal.WriteExponent(x.Read "TryWriteExponentLittleEndian", false, destination, &bytesWritten)
        member x.TryWriteSignificandBigEndian(destination, bytesWritten) = Primal.WriteSignificand(x.Read "TryWriteSignificandBigEndian", true, destination, &bytesWritten)
        member x.TryWriteSignificandLittleEndian(destination, bytesWritten) = Primal.WriteSignificand(x.Read "TryWriteSignificandLittleEndian", false, destination, &bytesWritten)

    interface ISpanParsable<Var<'T>> with
        static member Parse(s: ReadOnlySpan<char>, provider: IFormatProvider | null) =
            Var<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: ReadOnlySpan<char>, provider: IFormatProvider | null, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryParse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &p)
            result <- Var<'T>.Constant p
            ok

    interface IParsable<Var<'T>> with
        static member Parse(s: string, provider: IFormatProvider | null) =
            Var<'T>.Constant(Primal.Parse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(s: string | null, provider: IFormatProvider | null, result: byref<Var<'T>>) =
            let mutable p = 'T.Zero
            let ok = Primal.TryParse<'T>(s, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &p)
            result <- Var<'T>.Constant p
            ok

    interface IUtf8SpanParsable<Var<'T>> with
        static member Parse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null) : Var<'T> =
            Var<'T>.Constant('T.Parse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider))
        static member TryParse(utf8: ReadOnlySpan<byte>, provider: IFormatProvider | null, result: byref<Var<'T>>) : bool =
            let mutable p = 'T.Zero
            let ok = 'T.TryParse(utf8, NumberStyles.Float ||| NumberStyles.AllowThousands, provider, &p)
            result <- Var<'T>.Constant p
            ok
