/// HyperDual<'T>: exact first and second derivatives, mixed partials, against analytic values and nested Dual.
module Fluxion.Tests.HyperDualTests

open System
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Tests.GenericMath

type private DD = Dual<Dual<float>>

/// x seeded for nested Dual: Dual<Dual>(Dual(x, e2), Dual(e1, 0)) mirrors HyperDual(x, e1, e2, 0).
let private nested x e1 e2 = DD(Dual<float>(x, e2), Dual<float>(e1, 0.0))

[<Tests>]
let tests =
    testList "HyperDual" [
        test "x·y: each part is the chain rule with Chain's zero-tangent convention, part by part, for special values" {
            // Reference: ∂(xy)/∂x = y, ∂/∂y = x, second partials 0, 1, 0, each part combined by Chain.Combine and
            // Chain.Scale on its own (the product tests the three first-order parts' NaN once, together).
            let same (a: float) (b: float) = BitConverter.DoubleToInt64Bits a = BitConverter.DoubleToInt64Bits b || (Double.IsNaN a && Double.IsNaN b)
            let values = [| for p in [ 2.0; -0.5; infinity ] do
                              for e1 in [ 0.0; 1.0; infinity; -infinity; nan ] do
                                  for e2 in [ 0.0; -3.0; infinity; -infinity; nan ] do
                                      for e12 in [ 0.0; 1.0 ] -> HyperDual<float>(p, e1, e2, e12) |]
            for x in values do
                for y in values do
                    let r = x * y
                    let px, py = y.Primal, x.Primal
                    let e12 =
                        Chain.Combine(px, x.E12, py, y.E12) + Chain.Scale(0.0, x.E1 * x.E2)
                        + Chain.Scale(1.0, x.E1 * y.E2 + y.E1 * x.E2) + Chain.Scale(0.0, y.E1 * y.E2)
                    let expected = [| x.Primal * y.Primal; Chain.Combine(px, x.E1, py, y.E1); Chain.Combine(px, x.E2, py, y.E2); e12 |]
                    let actual = [| r.Primal; r.E1; r.E2; r.E12 |]
                    for k in 0 .. 3 do
                        if not (same actual[k] expected[k]) then
                            failtestf "(%O) * (%O): part %d is %g, expected %g" x y k actual[k] expected[k]
        }

        test "x^4 + 3x^2 + 2x at 2: value 32, f' = 46 in both ε parts, f'' = 54" {
            let y = polynomial (HyperDual<float>.Variable 2.0)
            Expect.equal (y.Primal, y.E1, y.E2, y.E12) (32.0, 46.0, 46.0, 54.0) "12x^2 + 6 at 2 is 54"
        }

        test "mixed partial of x^2 y + sin(xy) against the analytic value" {
            let x, y = 0.7, 1.3
            let r = (let hx = HyperDual<float>(x, 1.0, 0.0, 0.0) in let hy = HyperDual<float>(y, 0.0, 1.0, 0.0) in hx * hx * hy + sin (hx * hy))
            Expect.floatClose Accuracy.veryHigh r.E1 (2.0 * x * y + y * cos (x * y)) "df/dx"
            Expect.floatClose Accuracy.veryHigh r.E2 (x * x + x * cos (x * y)) "df/dy"
            Expect.floatClose Accuracy.veryHigh r.E12 (2.0 * x + cos (x * y) - x * y * sin (x * y)) "d2f/dxdy"
        }

        test "a transcendental mixture: HyperDual agrees with nested Dual at several points" {
            for x in [ 0.3; 0.9; 1.7; 3.2 ] do
                let h = mixture (HyperDual<float>.Variable x)
                let d = mixture (nested x 1.0 1.0)
                Expect.floatClose Accuracy.veryHigh h.Primal d.Primal.Primal $"value at {x}"
                Expect.floatClose Accuracy.veryHigh h.E1 d.Tangent.Primal $"f' at {x}"
                Expect.floatClose Accuracy.veryHigh h.E12 d.Tangent.Tangent $"f'' at {x}"
        }

        test "binary rules: all second partials agree with nested Dual" {
            for x, y in [ 0.5, 1.2; 1.4, 0.6; 2.0, 2.5 ] do
                for (sx1, sy1, sx2, sy2) in [ (1.0, 0.0, 1.0, 0.0); (1.0, 0.0, 0.0, 1.0); (0.0, 1.0, 0.0, 1.0) ] do
                    let h = mixture2 (HyperDual<float>(x, sx1, sx2, 0.0)) (HyperDual<float>(y, sy1, sy2, 0.0))
                    let d = mixture2 (nested x sx1 sx2) (nested y sy1 sy2)
                    Expect.floatClose Accuracy.veryHigh h.E12 d.Tangent.Tangent $"second partial ({sx1},{sy1})x({sx2},{sy2}) at ({x}, {y})"
        }

        test "second derivatives of single rules against analytic values" {
            let x = 0.8
            let check name (f: HyperDual<float> -> HyperDual<float>) expected =
                Expect.floatClose Accuracy.veryHigh (f (HyperDual<float>.Variable x)).E12 expected name
            check "sin" sin (-(sin x))
            check "exp" exp (exp x)
            check "log" log (-1.0 / (x * x))
            check "sqrt" sqrt (-0.25 * x ** -1.5)
            check "tanh" tanh (-2.0 * tanh x * (1.0 - tanh x ** 2.0))
            check "atan" atan (-2.0 * x / (1.0 + x * x) ** 2.0)
            check "x^2.5 (constant exponent)" (fun h -> HyperDual<float>.Pow(h, 2.5)) (2.5 * 1.5 * x ** 0.5)
            check "erf" HyperDual<float>.Erf (-4.0 * x / sqrt Math.PI * exp (-(x * x)))
            check "1/x" (fun h -> 1.0 / h) (2.0 / (x * x * x))
        }

        test "a zero ε part stays zero where the derivative is infinite (sqrt at 0)" {
            let r = sqrt (HyperDual<float>(0.0, 0.0, 1.0, 0.0))
            Expect.equal r.E1 0.0 "the unseeded direction is not NaN"
            Expect.equal r.E2 infinity "sqrt'(0) = +inf along the seeded direction"
        }

        test "the Dual conventions hold: zero parts stay zero through * and /, odd roots of negatives are real" {
            let r = HyperDual<float>(infinity, 1.0, 0.0, 0.0) * HyperDual<float>(2.0, 0.0, 1.0, 0.0)
            Expect.equal (r.E1, r.E2) (2.0, infinity) "(inf + e1)(2 + e2): E1 = 2, not inf * 0 = NaN"
            let q = HyperDual<float>.Variable(1.0) / 0.0
            Expect.equal q.E1 infinity "1/0 scaling keeps IEEE values"
            let c = HyperDual<float>.RootN(HyperDual<float>.Variable -8.0, 3)
            Expect.floatClose Accuracy.veryHigh c.Primal -2.0 "cbrt(-8)"
            Expect.floatClose Accuracy.veryHigh c.E1 (1.0 / 12.0) "1/(3 x^(2/3)) at -8"
            Expect.floatClose Accuracy.veryHigh c.E12 (1.0 / 3.0 * (-2.0 / 3.0) * (-1.0 / 32.0)) "(1/3)(-2/3) x^(-5/3) at -8, with (-8)^(-5/3) = -1/32"
        }

        test "generic-math parsing and conversions read and give primals (parsed numbers are constants)" {
            let parse (s: string) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.Parse(s, Globalization.CultureInfo.InvariantCulture)
            let create (v: int) : 'N when 'N :> IFloatingPointIeee754<'N> = 'N.CreateChecked v
            let p: HyperDual<float> = parse "2.5"
            Expect.equal (p.Primal, p.E1, p.E2, p.E12) (2.5, 0.0, 0.0, 0.0) "parsed"
            let c: HyperDual<float> = create 3
            Expect.equal (c.Primal, c.E1, c.E2, c.E12) (3.0, 0.0, 0.0, 0.0) "CreateChecked"
            Expect.equal (Double.CreateChecked(HyperDual<float>(7.5, 1.0, 1.0, 1.0))) 7.5 "conversion to double reads the primal"
        }

        test "comparisons use the primal" {
            let a = HyperDual<float>(1.0, 5.0, 0.0, 0.0)
            let b = HyperDual<float>(1.0, -5.0, 2.0, 3.0)
            Expect.isTrue (a = b) "equal primals are equal"
            Expect.isTrue (HyperDual<float>.Max(a, HyperDual<float>.Constant 2.0) > a) "max compares primals"
        }

        test "float32 second derivative" {
            let y = sin (HyperDual<float32>.Variable 0.5f) * HyperDual<float32>.Variable 0.5f
            Expect.isTrue (abs (float y.E12 - (2.0 * cos 0.5 - 0.5 * sin 0.5)) < 1e-6) "(x sin x)'' = 2cos x - x sin x"
        }

        test "no allocation per operation (after a warm-up pass that runs the type initialisers)" {
            let run (x0: HyperDual<float>) =
                let mutable x = x0
                for _ in 1 .. 1000 do
                    x <- sin x * x + exp (x * 0.001) / (x + 2.0)
                x
            run (HyperDual<float>.Variable 0.5) |> ignore
            // The least of three runs: a garbage collection started by a test running in parallel makes the unused
            // part of this thread's allocation quantum count as allocated in the run it interrupts; an allocation
            // per operation would show in every run.
            let bytes = Array.zeroCreate<int64> 3
            let last = ref (run (HyperDual<float>.Variable 0.5))
            for k in 0..2 do
                let before = GC.GetAllocatedBytesForCurrentThread()
                last.Value <- run (HyperDual<float>.Variable 0.5)
                bytes[k] <- GC.GetAllocatedBytesForCurrentThread() - before
            let x = last.Value
            Expect.equal (Array.min bytes) 0L "bytes allocated by 7000 operations (the least of three runs)"
            Expect.isFalse (Double.IsNaN x.E12) "the loop ran"
        }
    ]
