/// Test helpers: analytic references, tolerant comparisons, and test functions written once for every number type.
module Fluxion.Tests.GenericMath

open System.Numerics

/// The analytic gradient of Rosenbrock's function.
let rosenbrockGradient (x: float[]) =
    let n = x.Length
    Array.init n (fun i ->
        let fromLeft = if i > 0 then 200.0 * (x[i] - x[i - 1] ** 2.0) else 0.0
        let fromRight = if i < n - 1 then -400.0 * x[i] * (x[i + 1] - x[i] ** 2.0) - 2.0 * (1.0 - x[i]) else 0.0
        fromLeft + fromRight)

/// The analytic Hessian of Rosenbrock's function (tridiagonal).
let rosenbrockHessian (x: float[]) =
    let n = x.Length
    Array2D.init n n (fun i j ->
        if i = j then
            (if i > 0 then 200.0 else 0.0)
            + (if i < n - 1 then 1200.0 * x[i] ** 2.0 - 400.0 * x[i + 1] + 2.0 else 0.0)
        elif j = i + 1 then -400.0 * x[i]
        elif i = j + 1 then -400.0 * x[j]
        else 0.0)

/// Asserts two arrays agree to a relative tolerance, naming the first differing index.
let expectClose (tolerance: float) (actual: float[]) (expected: float[]) (message: string) =
    Expecto.Expect.equal actual.Length expected.Length $"{message}: length"
    for i in 0 .. actual.Length - 1 do
        let scale = max 1.0 (abs expected[i])
        if not (abs (actual[i] - expected[i]) <= tolerance * scale) then
            Expecto.Tests.failtestf "%s: [%d] is %.17g, expected %.17g" message i actual[i] expected[i]

/// Asserts two matrices agree to a relative tolerance.
let expectCloseMatrix (tolerance: float) (actual: float[,]) (expected: float[,]) (message: string) =
    Expecto.Expect.equal (Array2D.length1 actual, Array2D.length2 actual) (Array2D.length1 expected, Array2D.length2 expected) $"{message}: shape"
    for i in 0 .. Array2D.length1 actual - 1 do
        expectClose tolerance actual[i, *] expected[i, *] $"{message}, row {i}"

// ----- generic-math test functions -----------------------------------------------------------------

/// Operators pinned to one generic-math type: F# reports FS0670 on `a * b * c` for a type variable constrained
/// only by the generic-math interfaces. Opened only where test functions are written generically.
module Pinned =
    let inline ( + ) (a: 'N) (b: 'N) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.op_Addition(a, b)
    let inline ( - ) (a: 'N) (b: 'N) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.op_Subtraction(a, b)
    let inline ( * ) (a: 'N) (b: 'N) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.op_Multiply(a, b)
    let inline ( / ) (a: 'N) (b: 'N) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.op_Division(a, b)
    let inline num<'N when 'N :> IFloatingPointIeee754<'N>> (v: float) : 'N = 'N.CreateChecked v

open Pinned

/// The textbook polynomial x⁴ + 3x² + 2x (at 2: value 32, f′ = 46, f″ = 54).
let polynomial<'N when 'N :> IFloatingPointIeee754<'N>> (x: 'N) : 'N = x * x * x * x + num 3.0 * x * x + num 2.0 * x

/// A transcendental-heavy test function of one variable (domain x > 0.2), written once for every number type.
let mixture<'N when 'N :> IFloatingPointIeee754<'N>> (x: 'N) : 'N =
    'N.Sin x * 'N.Exp(x / num 3.0) + 'N.Log x * 'N.Sqrt x - 'N.Tanh(x * x) + 'N.Atan x / 'N.Cosh x
    + 'N.Pow(x, num 2.5) + 'N.Hypot(x, num 1.5) + 'N.Cbrt x * 'N.Asinh x + 'N.Log2 x

/// A test function of two variables exercising the binary rules (domain x, y > 0.2).
let mixture2<'N when 'N :> IFloatingPointIeee754<'N>> (x: 'N) (y: 'N) : 'N =
    x * x * y + 'N.Sin(x * y) + 'N.Pow(x, y) + 'N.Hypot(x, y) + 'N.Atan2(y, x) + x / y + 'N.Exp(x - y) * 'N.Log(x + y)

/// Rosenbrock's function Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)².
let rosenbrock<'N when 'N :> IFloatingPointIeee754<'N>> (x: 'N[]) : 'N =
    let mutable s = 'N.Zero
    for xi, next in Array.pairwise x do
        let a = next - xi * xi
        let b = 'N.One - xi
        s <- s + num 100.0 * a * a + b * b
    s


/// f: ℝ³ → ℝ² with a known Jacobian (see vectorJacobian).
let vectorFunction (x: 'N[]) : 'N[] when 'N :> IFloatingPointIeee754<'N> = [| x[0] * x[1] * x[2]; 'N.Sin x[0] + 'N.Exp(x[1] - x[2]) |]

/// The textbook case y = ln x1 + x1·x2 − sin x2.
let textbook (x: 'N[]) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.Log x[0] + x[0] * x[1] - 'N.Sin x[1]

/// Three outputs mixing Rosenbrock, the textbook case and a product (for Jacobian-versus-gradient checks).
let threeOutputs (x: 'N[]) : 'N[] when 'N :> IFloatingPointIeee754<'N> = [| rosenbrock x; textbook x; x[8] * x[0] |]

/// A function of three variables built from both mixtures (for Hessian cross-checks).
let mixture3 (x: 'N[]) : 'N when 'N :> IFloatingPointIeee754<'N> = mixture2 x[0] x[1] * mixture x[2]
