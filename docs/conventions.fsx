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
classical derivative, the table picks a value once, and every mode (Dual, nested Dual, HyperDual, the
multi-tangent dual, the reverse tape) gives the same answer. The conventions are rows of the shared test
table (`unaryConventions` and `binaryConventions` in `tests/DualNumbers.Tests/RuleTable.fs`), checked in every
flavour; `Conventions.fs` adds Dual-specific checks (overloads, parsing, conversions). Every rule is also checked
at random points of its smooth domain against analytic derivatives, Richardson-extrapolated finite differences
and the complex step (`RuleTable.fs`, `RuleChecks.fs`).

| Where | Convention | Why |
|---|---|---|
| `abs` at 0 | derivative 0 | the subgradient of minimal norm (PyTorch returns the same), so optimisers do not drift at 0 |
| `sign`, `floor`, `ceiling`, `round`, `truncate` | derivative 0 everywhere, also at the jumps | piecewise constant; a jump has no finite derivative and a Dirac spike cannot be represented |
| `sqrt`, `cbrt`, `rootn` at 0; `log`, `log2`, `log10` at 0; `log1p` at −1 | derivative +∞ (and `log 0 = −∞`) | the one-sided limit of the derivative; an honest infinity instead of a silent finite number |
| `asin`, `acos` at ±1; `atanh` at ±1 | derivative ±∞ | the limit from inside the domain |
| any partial that is ∞ or NaN, times a zero tangent | 0 | a direction that does not move the input must not be poisoned: in f(x, y) = √y + x at y = 0, ∂f/∂x is 1, not NaN (`Chain.Scale`; `Chain.Combine` for × and ÷) |
| outside the real domain (`log(−1)`, `sqrt(−1)`, `asin(2)`, `acosh(0.5)`, `atanh(2)`, Γ at 0, −1, −2, …) | value and every derivative NaN | no real value exists; NaN propagates so the caller sees it |
| `rootn(x, n)` for x < 0 | real for odd n (∛−8 = −2, derivative 1/12), NaN for even n | the same value as `Double.RootN`, so generic code behaves the same on double and on Dual |
| `pow(x, y)`: ∂/∂y at x = 0 | 0 | the limit from the right of xʸ·ln x for y > 0 |
| `pow(x, y)`: ∂/∂y at x < 0 | NaN | xʸ is not real for non-integer y near a negative base; ∂/∂x stays defined (for a constant exponent the NaN partial meets a zero tangent) |
| `pow(x, 0)` at x = 0 | value 1, derivative 0 | x⁰ is the constant 1 |
| `hypot`, `atan2` at (0, 0) | zero partials | no direction is preferred; zero is the minimal-norm subgradient and keeps gradients finite |
| `min`, `max` at a tie | each argument gets half | symmetric in the arguments, and the average of the two one-sided derivatives; `max(x, x)` has derivative 1 |
| `clamp(x, lo, hi)` | derivative to x on the closed interval [lo, hi], to the violated bound outside; `ArgumentException` (parameter `min`) when lo > hi | inclusive bounds mean `clamp(x, x, x) = x` keeps its derivative; an empty interval is a caller error |
| division and multiplication at ∞ or 0 | IEEE values; tangent computed, and recomputed term by term only when it is NaN | `1/x` at 0 has derivative −∞ (the limit), `(∞ + ε)·2` has tangent 2 whether 2 is a plain or a dual constant |
| NaN input | NaN value and NaN derivative (linear and piecewise-constant functions keep their constant derivative) | propagate, never hide |
| comparisons, equality, hashing | by the primal value only | `if x > 0` must take the same branch as the plain program; equal primals hash alike |
| parsing, `CreateChecked` from a plain number | a constant (zero tangent) | a literal does not depend on the input |
| `double.CreateChecked(dual)` | the primal | converting out of the dual number drops the derivative, like reading `.Primal` |

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
