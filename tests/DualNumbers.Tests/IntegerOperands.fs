/// Integer operands (F#'s `2 * x`, `x / 2`, `1 - x`): every form of + − × ÷ with an int on either side, on Dual,
/// HyperDual and MultiDual, in float64 and float32, against analytic derivatives, and against the same expression
/// with the float constant (CreateChecked is exact for these small integers, so the two must agree bit for bit).
module Fluxion.Tests.IntegerOperands

open Expecto
open Fluxion

// One function with every int form (n·x, x·n, n − x, x − n, n / x, x / n, n + x; x + n in the MultiDual case):
// f(x)   = 3·x·x + x·2 − (1 − x) + (x − 4) + 6 / x + x / 8 + (2 + x)
// f′(x)  = 6x + 2 + 1 + 1 − 6/x² + 1/8 + 1          = 6x + 5.125 − 6/x²
// f″(x)  = 6 + 12/x³
let private fPrime (x: float) = 6.0 * x + 5.125 - 6.0 / (x * x)
let private fSecond (x: float) = 6.0 + 12.0 / (x * x * x)

[<Tests>]
let tests =
    testList "integer operands" [
        for x in [ 0.7; 2.0; -3.5 ] do
            test $"Dual<float>: every int form, f′({x}) analytic" {
                let d = Forward.derivative (fun x -> 3 * x * x + x * 2 - (1 - x) + (x - 4) + 6 / x + x / 8 + (2 + x)) x
                Expect.floatClose Accuracy.veryHigh d (fPrime x) "f′"
            }
            test $"HyperDual<float>: every int form, f″({x}) analytic" {
                let d = Forward.secondDerivative (fun x -> 3 * x * x + x * 2 - (1 - x) + (x - 4) + 6 / x + x / 8 + (2 + x)) x
                Expect.floatClose Accuracy.veryHigh d (fSecond x) "f″"
            }
            test $"Dual<Dual<float>>: int operands at both levels, f″({x}) analytic" {
                let d =
                    Forward.derivative (fun (y: Dual<float>) ->
                        Forward.derivative (fun x -> 3 * x * x + x * 2 - (1 - x) + (x - 4) + 6 / x + x / 8 + (2 + x)) y) x
                Expect.floatClose Accuracy.veryHigh d (fSecond x) "f″ by nesting"
            }
        test "Dual<float32>: int operands convert to float32" {
            let d = Forward.derivative (fun x -> 3 * x * x - x / 2 + 1) 1.5f
            Expect.floatClose Accuracy.high (float d) (6.0 * 1.5 - 0.5) "f′ in float32"
        }
        test "an int operand and its float constant give identical primal and tangent bits" {
            let x = Dual<float>(1.3, 0.7)
            let pairs =
                [ 2 * x, 2.0 * x; x * 2, x * 2.0; 3 + x, 3.0 + x; x + 3, x + 3.0; 5 - x, 5.0 - x; x - 5, x - 5.0
                  7 / x, 7.0 / x; x / 7, x / 7.0 ]
            for (a, b), i in List.zip pairs [ 0 .. pairs.Length - 1 ] do
                Expect.equal (a.Primal, a.Tangent) (b.Primal, b.Tangent) $"pair {i}"
        }
        test "MultiDual: int operands in the chunked gradient, against the analytic gradient" {
            // g(x, y) = 2xy − x/3 + 4/y + (1 − y)·5   →   ∂x = 2y − 1/3, ∂y = 2x − 4/y² − 5
            let x, y = 1.25, -0.8
            let g = Forward.gradient (fun v -> 2 * v[0] * v[1] - v[0] / 3 + 4 / v[1] + (1 - v[1]) * 5) [| x; y |]
            GenericMath.expectClose 1e-14 g [| 2.0 * y - 1.0 / 3.0; 2.0 * x - 4.0 / (y * y) - 5.0 |] "gradient"
        }
        test "HyperDual Hessian with int operands, against the analytic Hessian" {
            // h(x, y) = 3x²y − 2y/x   →   hxx = 6y − 4y/x³, hxy = 6x + 2/x², hyy = 0
            let x, y = 1.5, 0.5
            let h = Forward.hessian (fun v -> 3 * v[0] * v[0] * v[1] - 2 * v[1] / v[0]) [| x; y |]
            let expected = array2D [ [ 6.0 * y - 4.0 * y / (x * x * x); 6.0 * x + 2.0 / (x * x) ]; [ 6.0 * x + 2.0 / (x * x); 0.0 ] ]
            GenericMath.expectCloseMatrix 1e-13 h expected "Hessian"
        }
    ]

/// `3G` literals in inline functions serve every number type (checked against analytic values and plain floats).
let inline private cubicG x = x * x * x - 3G * x + 1G - 0G + 7G / x

[<Tests>]
let genericLiterals =
    testList "generic literals (3G)" [
        // c(x) = x³ − 3x + 1 + 7/x:  c′ = 3x² − 3 − 7/x²,  c″ = 6x + 14/x³
        for x in [ 0.5; 2.0; -1.25 ] do
            test $"one inline function on float, float32, Dual, HyperDual and Dual<Dual> at {x}" {
                Expect.floatClose Accuracy.veryHigh (cubicG x: float) (x * x * x - 3.0 * x + 1.0 + 7.0 / x) "float"
                Expect.floatClose Accuracy.high (float (cubicG (float32 x))) (x * x * x - 3.0 * x + 1.0 + 7.0 / x) "float32"
                Expect.floatClose Accuracy.veryHigh (Forward.derivative cubicG x: float) (3.0 * x * x - 3.0 - 7.0 / (x * x)) "Dual"
                Expect.floatClose Accuracy.veryHigh (Forward.secondDerivative cubicG x: float) (6.0 * x + 14.0 / (x * x * x)) "HyperDual"
                let nested = Forward.derivative (fun (y: Dual<float>) -> Forward.derivative cubicG y) x
                Expect.floatClose Accuracy.veryHigh nested (6.0 * x + 14.0 / (x * x * x)) "Dual<Dual>"
            }
        test "a 64-bit literal converts exactly" {
            let big: float = 9007199254740992G
            Expect.equal big 9007199254740992.0 "2^53"
        }
    ]
