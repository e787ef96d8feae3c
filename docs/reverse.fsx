(**
---
title: Reverse mode
category: Guides
categoryindex: 2
index: 2
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/ReverseAD/bin/Release/net10.0/Fluxion.ReverseAD.dll"
(**
# Reverse mode: the whole gradient in one backward pass

Forward mode (dual numbers) gives one directional derivative per evaluation, so a gradient of n inputs
costs n evaluations. Reverse mode records the evaluation once on a *tape* and then walks it backwards,
accumulating adjoints ∂y/∂v for every intermediate v: one backward sweep gives ∂y/∂xᵢ for all inputs at a
cost of a few evaluations, whatever n is. That is what training and inverse problems need.

In Fluxion a reverse-mode number is a `Var<'T>`. Write the function on `Var<float>` (or once with .NET
generic math) and ask for its gradient:
*)
open System
open Fluxion

let f (x: Var<float>[]) = log x[0] + x[0] * x[1] - sin x[1]

let value, grad = Reverse.valueAndGradient f [| 2.0; 5.0 |]
(*** include-value: grad ***)
(**
`∂y/∂x₁ = 1/x₁ + x₂ = 5.5` and `∂y/∂x₂ = x₁ − cos x₂ ≈ 1.716`. Branches and loops are ordinary F#: the tape
records the operations that actually ran, in order.
*)
let newtonSqrt (a: Var<float>[]) =
    let mutable x = a[0]
    for _ in 1..30 do
        x <- 0.5 * (x + a[0] / x)
    x

let dSqrt = Reverse.gradient newtonSqrt [| 7.0 |]
(*** include-value: dSqrt ***)
(**
That is `1/(2√7)`.

## How the tape works

Each operation on Vars computes its value as usual and appends one entry to the running thread's tape:
the indices of its operands and its local partial derivatives, taken from Fluxion's rule table (the same
table that drives `Dual`). Entries are appended in execution order, which is already a topological order,
so the reverse sweep is a single loop from the last entry to the first:

    adjoint[operand] += Chain.Scale(partial, adjoint[entry])

Adjoints of a value used along several paths add up. The tape's arrays grow by doubling and are reused
by the next gradient on the same thread, so after warm-up recording and sweeping allocate nothing per
operation. `Reverse.valueAndGradientInto` also reuses the input and output arrays, for optimisation loops.

The memory a thread keeps is bounded by its recent use. When a computation ends, the tape keeps storage
for the largest of the thread's last 8 computations (rounded up to a power of two, at least 1,024
entries; about 32 bytes per entry for `float`) and gives the rest back, so one huge gradient does not pin
its memory for the life of the thread, while a loop of same-sized gradients never reallocates. A thread
that is done with reverse mode can give all of it back at once with `ReverseMode.ReleaseTape<float>()`
(one call per number type; it throws if a computation of that type is running on the thread).
`GradientTape.Capacity` shows the current storage in entries.

Each thread has its own tape, so independent gradients run in parallel. A `Var` is valid only inside the
computation, and on the thread, that created it: using it anywhere else throws an
`InvalidOperationException` that says what went wrong (a finished computation, another thread, a nesting
mistake, Var arithmetic inside a backward step), never a silently wrong number. A derivative taken on
another thread inside f (`Task.Run`) that uses f's Vars is refused the same way. Arguments are checked as
in forward mode: a null function throws `ArgumentNullException` naming it; an empty point, a length
mismatch (both lengths in the message) and a NaN or infinite direction, cotangent or seed (its index and
value in the message) throw `ArgumentException` naming the argument.

For step-by-step control there is `GradientTape`:
*)
let tapeResult =
    use tape = GradientTape<float>.Start()
    let x = tape.Variable 3.0
    let y = x * x * x
    tape.Backward y
    tape.Adjoint x // 3x² = 27
(*** include-value: tapeResult ***)
(**
## Vector functions: VJP and Jacobian

For f: ℝⁿ → ℝᵐ, `Reverse.vjp` gives uᵀJ for one cotangent u in one sweep, and `Reverse.jacobian` records
once and sweeps once per output (the right choice when m < n; forward mode wins when n < m).
*)
let polar (p: Var<float>[]) = [| p[0] * cos p[1]; p[0] * sin p[1] |]
let jacobian = Reverse.jacobian polar [| 2.0; 0.5 |]
(*** include-value: jacobian ***)
(**
## One function, every number type

`Var<'T>` implements the same .NET generic-math interfaces as `double` and `Dual<'T>`
(`IFloatingPointIeee754<Var<'T>>`), so a function written once against them runs on all of them. From C#:

    static T F<T>(T[] x) where T : IFloatingPointIeee754<T> => T.Log(x[0]) + x[0] * x[1] - T.Sin(x[1]);
    double[] g = ReverseMode.Gradient<double>(x => F(x), new[] { 2.0, 5.0 });

In F#, write it as an inline function (operators and `'T.Sin` then resolve at each use):
*)
let inline g (x: 'T[]) : 'T when 'T :> Numerics.IFloatingPointIeee754<'T> = 'T.Sin x[0] * 'T.Exp x[1] + 'T.Sqrt x[1]

let onDouble = g [| 1.0; 2.0 |]
let onVar = Reverse.gradient g [| 1.0; 2.0 |]
(*** include-value: onVar ***)
(**
## Higher order

Vars nest, like dual numbers.

* **Forward over reverse**, `Var<Dual<'T>>`: seed the inputs' tangents with v and the reverse gradient's
  tangents are the Hessian-vector product ∇²f·v, for a few evaluations' cost. `Reverse.hessianVectorProduct`
  does exactly that; `Reverse.hessian` takes one product per column.
* **Reverse over reverse**, `Var<Var<'T>>`: an inner gradient computed on `Var<Var<float>>` returns
  `Var<float>` values that are still on the outer tape, so they can be differentiated again.

The Rosenbrock function's Hessian at (1, 1) is [[802, −400], [−400, 200]]:
*)
let inline rosenbrock (x: 'T[]) =
    let d = x[1] - x[0] * x[0]
    let e = 1G - x[0]
    100G * d * d + e * e

let hessian = Reverse.hessian rosenbrock [| 1.0; 1.0 |]
(*** include-value: hessian ***)
(**
A gradient of a gradient, here d/dx of (d/dy (x·y)) · x = d/dx x² = 2x at x = 3:
*)
let outer (x: Var<float>[]) =
    let inner = Reverse.gradient (fun (y: Var<Var<float>>[]) -> Var<Var<float>>.Constant x[0] * y[0]) [| Var<float>.Constant 2.0 |]
    inner[0] * x[0]

let secondOrder = Reverse.gradient outer [| 3.0 |]
(*** include-value: secondOrder ***)
(**
The types keep the two levels apart, so perturbation confusion cannot happen silently. A nested gradient of
the *same* type is allowed only when it is independent of the enclosing one; using an enclosing Var inside it
throws ("Nesting mistake"), because its derivative would be lost.

`Reverse.stopGradient x` returns x's value as a constant: no derivative flows through it.

## Custom VJPs: the extension point

Some values are better differentiated by hand than by recording how they were computed: the result of an
iterative solver, for example, whose derivative the implicit function theorem gives directly. A custom
operation records its value, its operands, and a *backward step* that runs during the sweep and adds the
output's adjoint times each partial derivative into the operands' adjoints. Built-in tensor operations and
checkpoints use the same mechanism.

Here x(p) solves x³ + x = p by Newton's method on plain numbers; the implicit function theorem gives
dx/dp = 1/(3x² + 1):
*)
let cubicRoot (p: Var<float>) : Var<float> =
    let mutable x = 0.0
    for _ in 1..60 do
        x <- x - (x * x * x + x - p.Primal) / (3.0 * x * x + 1.0)
    let slope = 1.0 / (3.0 * x * x + 1.0)
    Reverse.custom x [| p |] (fun adjoints -> adjoints.Add(p, adjoints.Output() * slope))

// x(2) = 1, so dx/dp = 1/4.
let dRoot = Reverse.gradient (fun p -> cubicRoot p[0]) [| 2.0 |]
(*** include-value: dRoot ***)
(**
The backward step must compute with plain values (`Var.Primal`, captured numbers): Var arithmetic of the
same type inside it throws. `Reverse.customMany` records an operation with several outputs; its backward
step reads `adjoints.Output k`. From C# the same is `ReverseMode.Custom(value, operands, adjoints => ...)`.

## Checkpointing long loops

A tape stores every intermediate value's partials, so differentiating a loop of 10⁶ steps stores 10⁶ steps.
`Reverse.checkpoint segment inputs` runs a segment without keeping its inside: only its inputs and outputs
stay on the tape, and the reverse sweep recomputes the segment when it reaches it. Checkpointing every k
steps keeps memory proportional to the number of checkpoints (plus one segment during the sweep), at the
price of running each segment twice.
*)
let step (s: Var<float>[]) =
    let dt = 1e-3
    [| s[0] + dt * s[1]; s[1] + dt * (-(s[2] * s[0]) - 0.1 * s[1]); s[2] |]

let loss (checkpointEvery: int) (p: Var<float>[]) =
    let segment (s: Var<float>[]) =
        let mutable s = s
        for _ in 1..checkpointEvery do
            s <- step s
        s
    let mutable s = p
    for _ in 1 .. 10000 / checkpointEvery do
        s <- Reverse.checkpoint segment s
    s[0] * s[0]

let plainLoss (p: Var<float>[]) =
    let mutable s = p
    for _ in 1..10000 do
        s <- step s
    s[0] * s[0]

let sameGradient = Reverse.gradient (loss 100) [| 1.0; 0.0; 4.0 |] = Reverse.gradient plainLoss [| 1.0; 0.0; 4.0 |]
(*** include-value: sameGradient ***)
(**
The gradients agree to the last bit when every value the segment uses flows in through its inputs (as the
stiffness `s[2]` does here). The segment must be a pure function of its inputs: it runs once on constants
while recording and once per sweep.

Checkpoints nest. A two-level or binomial scheme (segments that contain several checkpoints) trades time
for memory as it should: nested segments are recomputed when their enclosing one is. A chain, where each
level's segment makes exactly one nested checkpoint call (a recursive loop that checkpoints each call),
saves no memory by nesting, and recomputing level k's nested segment for every enclosing level would cost
O(D²) for D levels; instead the sweep remembers the one nested call's inputs and outputs (when its inputs
are bit-identical on recomputation, as they are for a deterministic segment over `float` or `Dual`), so a
chain of 20,000 levels costs about as much as 20,000 plain steps. Very deep recursion needs a thread with a
large stack, in the user's code as in the sweep.

## Record once, sweep many: compiled tapes

An optimiser evaluates the same function at many points, and most scientific objectives (a fixed-step ODE
solve, a sum of residuals, a network's forward pass) perform the same operations in the same order whatever
the point is. For them `Reverse.compile f x` (C#: `ReverseMode.Compile` or `Ad.CompileGradient`) records f
once, at x, and returns a `CompiledGradient`, like ReverseDiff.jl's compiled tapes or JAX's `jit`. Each
later call takes a new point of the same length and does not run f at all: one forward loop over the recorded
operations recomputes every entry's value and local partial derivatives from the rule table, and one reverse
sweep over the same entries gives the gradient. No user code, no `Var`, no allocation.
*)
let compiled = Reverse.compile plainLoss [| 1.0; 0.0; 4.0 |]
let replayed = compiled.Gradient [| 0.9; 0.1; 4.2 |]
let sameAsTape = replayed = Reverse.gradient plainLoss [| 0.9; 0.1; 4.2 |]
(*** include-value: sameAsTape ***)
(**
The replay computes exactly what recording would: the same rule calls in the same order, so the numbers
agree with the uncompiled gradient bit for bit. Each recorded entry keeps an operation code (one per rule
applied through `Var.Apply`, plus the arithmetic operators and the members with an integer parameter such as
`RootN`, `ScaleB`, `Polygamma`); constant operands (`x - 2.0`, `x * Var.Constant c`, a captured
`T.CreateChecked(observation)`) are stored with the program. Ordinary recording does not pay for this: the
Vars of a function being compiled fail the tape's usual id check, and that check's cold path, never taken by
ordinary recording, records the operation code.

**What makes a function compilable.** Everything f reads besides its `Var` inputs (captured numbers, arrays,
options) is fixed at the compile point, and f must do the same operations for every point it is called at.
Decisions on values are where that can fail, so they are recorded too and re-checked by every call:

* comparisons of Vars (`<`, `<=`, `=`, F#'s generic comparison and `max`/`min`, `CompareTo`, `Equals`),
* the classifications (`IsNaN`, `IsPositive`, `IsInteger`, … all seventeen), `Sign` and `ILogB`,
* the choices `Clamp`, `CopySign`, `MaxNumber`, `MinNumber`, `MaxMagnitudeNumber` and `MinMagnitudeNumber`
  make with them.

When one comes out differently at the new point, the call throws `BranchChangedException`, naming the decision
and both outcomes; the compiled gradient stays usable at other points. (Compile again at the new point, or use
the uncompiled gradient, for functions whose branches move.) Rules that choose inside themselves (`Abs`,
`Max`, `Min`, `Floor`, `Round`, `Sigmoid` …) need no guard: their value and derivative are recomputed at the new
point, on either side of the switch.
*)
let relu (x: Var<float>[]) = if x[0] > Var<float>.Zero then x[0] * x[1] else Var<float>.Zero
let compiledRelu = Reverse.compile relu [| 1.0; 2.0 |]
let branchChanged =
    try
        compiledRelu.Gradient [| -1.0; 2.0 |] |> ignore
        "no exception"
    with :? BranchChangedException as e -> e.Decision
(*** include-value: branchChanged ***)
(**
**What compilation refuses.** Where no check can tell whether a replay is right, `compile` throws
`NotSupportedException` naming the operation: reading a recorded Var's `Primal` inside f (what f does with the
number is unknown), converting a Var to a plain number (`float`, `double.CreateChecked`), formatting or hashing
it, rounding to digits (`Round(x, digits)`), custom VJPs (`Reverse.custom`), checkpoints, and
`FusedMultiplyAdd` with two constant factors. `Reverse.stopGradient` is supported (the replay copies the value
at the new point and passes no derivative back).
*)
let refused =
    try
        Reverse.compile (fun x -> x[0] * x[0].Primal) [| 2.0 |] |> ignore
        "compiled"
    with :? NotSupportedException as e -> e.Message.Substring(0, 60)
(*** include-value: refused ***)
(**
Calls check their arguments like the uncompiled ones (a point of another length throws ArgumentException
naming `x`; NaN inputs flow through as they would on the tape). One `CompiledGradient` holds one set of work
arrays: a call while another thread is inside it throws, so compile once per thread for parallel work.

The inverse-problem sample (`samples/InverseProblem`) fits on a compiled misfit: L-BFGS's 70-odd evaluations
replay the 1,000-step RK4 program recorded at the initial guess, and take the same path as the recorded
gradients to the last bit. benchmarks/README.md has the figures.

## Checking gradients

`GradCheck.check` compares a function's reverse gradient with forward mode (every entry) and with
centered, Richardson-extrapolated finite differences along random directions, like PyTorch's `gradcheck`
and JAX's `check_grads`, and reports the worst relative error. The function is written once with generic
math, as an `IMultivariateFunction`:
*)
let check =
    GradCheck.check
        { new IMultivariateFunction with
            member _.Evaluate<'U when 'U :> Numerics.IFloatingPointIeee754<'U>>(x: 'U[]) = rosenbrock x }
        [| 0.3; -0.7 |]
(*** include-value: check.Passed ***)
(**
It is the first thing to run on a custom VJP. From C#, `ReverseMode.CheckGradient(function, x)` takes the
same interface and optional direction count, tolerance, step and seed.
*)
