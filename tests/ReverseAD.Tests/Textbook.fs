/// The textbook cases, checked against hand-derived analytic values.
module Fluxion.ReverseAD.Tests.Textbook

open Expecto
open Fluxion

[<Tests>]
let tests =
    testList "textbook (reverse)" [
        test "y = ln x1 + x1 x2 - sin x2 at (2, 5): dy/dx1 = 5.5, dy/dx2 = 2 - cos 5 ~ 1.716" {
            let f (x: Var<float>[]) = log x[0] + x[0] * x[1] - sin x[1]
            let y, g = Reverse.valueAndGradient f [| 2.0; 5.0 |]
            Expect.floatClose Accuracy.veryHigh y (log 2.0 + 10.0 - sin 5.0) "value"
            Expect.floatClose Accuracy.veryHigh g[0] 5.5 "1/x1 + x2"
            Expect.floatClose Accuracy.veryHigh g[1] (2.0 - cos 5.0) "x1 - cos x2"
            Expect.isTrue (abs (g[1] - 1.716) < 1e-3) "~ 1.716"
        }
        test "y = x1^2 + x2 at (2, 3): value 7, gradient (4, 1)" {
            let f (x: Var<float>[]) = x[0] * x[0] + x[1]
            let y, g = Reverse.valueAndGradient f [| 2.0; 3.0 |]
            Expect.equal y 7.0 "value"
            Expect.equal g [| 4.0; 1.0 |] "gradient"
        }
        test "f(x) = x^4 + 3x^2 + 2x: f'(1), f'(2), f'(3) = 12, 46, 128" {
            let f (x: Var<float>[]) =
                let x = x[0]
                x * x * x * x + 3.0 * x * x + 2.0 * x
            let d x = (Reverse.gradient f [| x |])[0]
            Expect.equal [ d 1.0; d 2.0; d 3.0 ] [ 12.0; 46.0; 128.0 ] "4x^3 + 6x + 2"
        }
        test "f''(2) = 54 by forward over reverse" {
            let f (x: Var<Dual<float>>[]) =
                let x = x[0]
                x * x * x * x + Dual<float>.Constant 3.0 * x * x + Dual<float>.Constant 2.0 * x
            let h = Reverse.hessian f [| 2.0 |]
            Expect.equal h[0, 0] 54.0 "12x^2 + 6"
        }
        test "integer operands on Var: every int form, against the analytic gradient" {
            // g(x, y) = 2xy + y·3 − (1 − x) + (y − 4) + 5/x + x/8 + (2 + y)
            //   ∂x = 2y + 1 − 5/x² + 1/8,   ∂y = 2x + 3 + 1 + 1
            let x, y = 1.5, -0.75
            let g = Reverse.gradient (fun v -> 2 * v[0] * v[1] + v[1] * 3 - (1 - v[0]) + (v[1] - 4) + 5 / v[0] + v[0] / 8 + (2 + v[1])) [| x; y |]
            Expect.floatClose Accuracy.veryHigh g[0] (2.0 * y + 1.0 - 5.0 / (x * x) + 0.125) "∂x"
            Expect.floatClose Accuracy.veryHigh g[1] (2.0 * x + 5.0) "∂y"
        }
        test "integer operands on Var<Dual<float>>: f''(2) = 54 for x^4 + 3x^2 + 2x" {
            let h = Reverse.hessian (fun (x: Var<Dual<float>>[]) -> x[0] * x[0] * x[0] * x[0] + 3 * x[0] * x[0] + 2 * x[0]) [| 2.0 |]
            Expect.equal h[0, 0] 54.0 "12x^2 + 6"
        }
    ]
