(**
---
title: Conventions at non-smooth and undefined points
category: Reference
categoryindex: 2
index: 1
---
*)
(*** hide ***)
#r "../src/DualNumbers/bin/Release/net10.0/Fluxion.DualNumbers.dll"
(**
# Conventions at non-smooth and undefined points

Every derivative in Fluxion comes from one rule table (`src/DualNumbers/Rules.fs`). Where a function has no
classical derivative, the table picks a value once, and every mode gives the same answer: Dual, nested Dual
(`Dual<Dual<_>>`), HyperDual, the multi-tangent dual (MultiDual), the reverse tape (Var), forward over reverse
(`Var<Dual<_>>`), reverse over reverse (`Var<Var<_>>`) and the Taylor jet (`Jet<_>`, first order in the table;
`JetTests.fs` checks order 8 at the edges too), in double and float32. The conventions are rows of the
shared test table (`unaryConventions` and `binaryConventions` in `tests/DualNumbers.Tests/RuleTable.fs`): each row
gives the value, the first and the second derivative (for two arguments: both partials and all three second
partials), and each row is checked exactly in every one of those modes (`RuleTableTests.fs` for the forward types,
`tests/ReverseAD.Tests/RuleTableReverse.fs` for the Var flavours). `Conventions.fs` adds Dual-specific checks
(overloads, parsing, conversions). Every rule is also checked at random points of its smooth domain against
analytic derivatives, Richardson-extrapolated finite differences and the complex step (`RuleTable.fs`,
`RuleChecks.fs`), on random expression trees over the whole table in every forward mode (`Properties.fs`), and for
relative accuracy where functions saturate (`unaryAccuracy`, `binaryAccuracy`).

## The rule for choosing

1. Where the function is smooth, the derivative is the derivative, to a few ulps *relative*, also where it is tiny:
   tanh′(20) ≈ 1.7e-17 and σ′(40) ≈ 4.2e-18 are computed as such (not as 1 − tanh² or σ(1 − σ), which give 0).
2. At the end of a domain (√ at 0, ln at 0, asin at ±1), every derivative is the one-sided limit from inside.
3. At ±∞ input, a derivative is its limit where the limit exists (atan′ and atan″ at ∞ are 0, exp″(∞) = ∞).
4. Inside the domain, where the two one-sided limits of a derivative differ, it is NaN (∛″(0): −∞ from the right,
   +∞ from the left), unless a row below fixes a value on purpose (|x|′ at 0, ties of max and min).
5. Outside the real domain, and for NaN input, the value and every derivative are NaN.

| Where | Convention | Why |
|---|---|---|
| `abs` at 0 | derivative 0, second derivative 0 | the subgradient of minimal norm (PyTorch returns the same), so optimisers do not drift at 0 |
| `sign`, `floor`, `ceiling`, `round`, `truncate` | derivatives 0 everywhere, also at the jumps | piecewise constant; a jump has no finite derivative and a Dirac spike cannot be represented |
| `sqrt`, even `rootn` at 0; `log`, `log2`, `log10` at 0; `log1p` at −1 | f′ = +∞, f″ = −∞ (and `log 0 = −∞`) | the one-sided limits from inside the domain; an honest infinity instead of a silent finite number |
| `cbrt`, odd `rootn` at 0 (also at −0) | f′ = +∞, f″ = NaN | f′ → +∞ from both sides, f″ → −∞ from the right and +∞ from the left |
| `asin` at 1, `acos` at 1, `atanh` at 1 | (f′, f″) = (+∞, +∞), (−∞, −∞), (+∞, +∞) | the limits from inside the domain |
| `atan` at ±∞ | f′ = f″ = 0 | the limits; `tanh`, `sigmoid` at ±∞ likewise have f′ = f″ = 0 |
| any partial that is ∞ or NaN, times a zero tangent | 0 | a direction that does not move the input must not be poisoned: in f(x, y) = √y + x at y = 0, ∂f/∂x is 1, not NaN (`Chain.Scale`; `Chain.Combine` for × and ÷) |
| outside the real domain (`log(−1)`, `sqrt(−1)`, `asin(2)`, `acosh(0.5)`, `atanh(2)`, Γ at 0, −1, −2, …) | value and every derivative NaN | no real value exists; NaN propagates so the caller sees it |
| `rootn(x, n)` for x < 0 | real for odd n (∛−8 = −2, derivatives 1/12 and 1/144), NaN for even n | the same value as `Double.RootN`, so generic code behaves the same on double and on Dual |
| `pow(x, y)` at x = 0 | ∂/∂y = 0, ∂²/∂y² = 0, ∂²/∂x∂y = x^(y−1) (0 for y > 1); ∂/∂x and ∂²/∂x² as for a constant exponent | the limits from the right of xʸ·ln x and xʸ·ln²x for y > 0 |
| `pow(x, y)` at x < 0 | value, ∂/∂x and ∂²/∂x² as IEEE `pow` (real for integer y); ∂/∂y, ∂²/∂x∂y, ∂²/∂y² NaN | xʸ is not real for non-integer y near a negative base; for a constant exponent the NaN partial meets a zero tangent |
| `pow(x, 0)` at x = 0 | value 1, derivatives 0 | x⁰ is the constant 1 |
| `hypot`, `atan2` at (0, 0) | zero partials and second partials | no direction is preferred; zero is the minimal-norm subgradient and keeps gradients finite |
| `min`, `max` at a tie | each argument gets half; second partials 0 | symmetric in the arguments, and the average of the two one-sided derivatives; `max(x, x)` has derivative 1 |
| `min`, `max`, `MinMagnitude`, `MaxMagnitude` with a NaN argument | value and both partials NaN; second partials 0 | IEEE 754 minimum/maximum propagate NaN; the functions are piecewise linear, so their second partials are 0 everywhere |
| `MinNumber`, `MaxNumber`, `MinMagnitudeNumber`, `MaxMagnitudeNumber` with one NaN argument | the other argument, with its derivative | IEEE 754 minNum/maxNum prefer the number |
| `MaxMagnitude(x, y)`, `MinMagnitude(x, y)` at \|x\| = \|y\| | value as .NET (the positive argument for MaxMagnitude, the negative one for MinMagnitude when x = −y); the derivative is the returned argument's; at x = y each argument gets half | the function is a selection; at x = y it is `max` (or `min`) locally and shares its tie convention (`MaxMagnitudeRule`, `MinMagnitudeRule`) |
| `clamp(x, lo, hi)` | derivative to x on the closed interval [lo, hi], to the violated bound outside; `ArgumentException` (parameter `min`) when lo > hi | inclusive bounds mean `clamp(x, x, x) = x` keeps its derivative; an empty interval is a caller error |
| division and multiplication at ∞ or 0 | IEEE values; tangent computed, and recomputed term by term only when it is NaN | `1/x` at +0 has f′ = −∞ and f″ = +∞ (the limits from the side of the signed zero), `(∞ + ε)·2` has tangent 2 whether 2 is a plain or a dual constant |
| `FusedMultiplyAdd` | the primal is fused (one rounding, as on double); the derivative parts are those of x·y + z | generic code computing an exact product's error term gets the same value on a dual number as on double |
| `ExpM1`, `LogP1` and their base-2 and base-10 forms | values accurate near 0 (.NET's own are `Exp(x) − 1` and `Log(x + 1)`, 8e-8 off at 1e-10) | the rule table computes them itself (`Special.ExpM1`, `Special.LogP1`, …) |
| NaN input | NaN value and NaN derivatives, except that a derivative that is constant wherever the function is defined keeps that constant: linear functions their slope, piecewise-constant ones 0, and piecewise-linear ones (`abs`, `min`, `max`, …) f″ = 0 | propagate, never hide; a constant derivative does not depend on the point |
| the generic-math constant `NaN` of a number type | a constant: NaN value, zero tangent (as `Zero`, `Pi` and every other constant) | Dual, HyperDual, MultiDual and Var agree; a derivative that must be NaN is written as x·NaN in the rule table (`R.nanAt`) |
| comparisons, equality, hashing | by the primal value only | `if x > 0` must take the same branch as the plain program; equal primals hash alike |
| parsing, `CreateChecked` from a plain number | a constant (zero tangent) | a literal does not depend on the input |
| `double.CreateChecked(dual)` | the primal | converting out of the dual number drops the derivative, like reading `.Primal` |

## What the entry points refuse

Every entry point returns the right derivative or throws; the forward checks live in one module (`Check` in
`src/DualNumbers/Forward.fs`), used by the F# `Forward` module and the `ForwardMode` class, and open (through
`InternalsVisibleTo`) to the reverse-mode, tensor and C# entry points, which follow the same rules.

| Input | Exception | Entry points |
|---|---|---|
| a null function | `ArgumentNullException`, parameter `f` | all |
| a null or empty point | `ArgumentException` (`ArgumentNullException` for null), parameter `x` | every entry point that takes a point array (gradient, Jacobian, Hessian, jvp, directional derivative, Hessian-vector product) |
| a direction (seed) of the wrong length, null, or with a NaN or infinite entry | `ArgumentException`, parameter `v` | jvp, directional derivative, Hessian-vector product |
| a function whose output length changes between passes | `ArgumentException`, parameter `f` | Jacobian |
| an order below 0 or above the limit for the primal type (12 for double, 13 for float32: order n nests Dual n levels deep, 2ⁿ values per number, and .NET rejects value types over 32 KiB) | `ArgumentOutOfRangeException`, parameter `order` | `Forward.nthDerivative`, `ForwardMode.NthDerivative` (`Forward.maxNthDerivativeOrder`, `ForwardMode.MaxNthDerivativeOrder` give the limit) |
| a derivative over number type N taken while another one over N is active (perturbation confusion) | `InvalidOperationException` naming both and saying where to nest instead | every forward entry point: on the same thread, and on threads and tasks started inside the outer function (`Task.Run`, `Parallel.For`, `new Thread`: the guard is an `AsyncLocal` that flows with the execution context). Independent derivatives on several threads at once run normally. Work started with the execution context suppressed (`ExecutionContext.SuppressFlow`, `UnsafeQueueUserWorkItem`) cannot be checked |

A NaN or infinite *point* is not refused: it is a legitimate input whose derivatives follow the conventions above.

## Examples

The derivative of `abs` at 0 and of `sqrt` at 0:
*)
open Fluxion

let absAtZero = Dual<float>.Abs(Dual<float>.Variable 0.0)
(*** include-value: absAtZero ***)
let sqrtAtZero = Dual<float>.Sqrt(Dual<float>.Variable 0.0)
(*** include-value: sqrtAtZero ***)
(**
A zero tangent stays zero through the infinite partial of `sqrt` at 0: differentiating √y + x by x at y = 0
gives 1.
*)
let zeroTangent = (Dual<float>.Sqrt(Dual<float>.Constant 0.0) + Dual<float>.Variable 5.0).Tangent
(*** include-value: zeroTangent ***)
(**
A tie in `max` splits the derivative: with tangents 2 and 4 the result has tangent 3.
*)
let tie = Dual<float>.Max(Dual<float>(1.0, 2.0), Dual<float>(1.0, 4.0))
(*** include-value: tie ***)
(**
Outside the domain, value and derivative are NaN:
*)
let logOfMinusOne = Dual<float>.Log(Dual<float>.Variable -1.0)
(*** include-value: logOfMinusOne ***)
(**
`pow`: the derivative in the exponent at base 0 is 0, and odd roots of negative numbers are real:
*)
let powAtZero = Dual<float>.Pow(Dual<float>.Constant 0.0, Dual<float>.Variable 2.0)
(*** include-value: powAtZero ***)
let cubeRoot = Dual<float>.RootN(Dual<float>.Variable -8.0, 3)
(*** include-value: cubeRoot ***)
