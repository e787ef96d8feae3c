/// The textbook cases from the course material, checked against hand-derived analytic values.
module Fluxion.Tests.Textbook

open Expecto
open Fluxion

let private poly (x: Dual<float>) = x * x * x * x + 3.0 * x * x + 2.0 * x

[<Tests>]
let tests =
    testList "textbook" [
        test "f(x) = x^4 + 3x^2 + 2x at 2: value 32, f' = 46" {
            let y = poly (Dual<float>.Variable 2.0)
            Expect.equal y.Primal 32.0 "f(2)"
            Expect.equal y.Tangent 46.0 "f'(2) = 4*8 + 6*2 + 2"
        }
        test "f' at 1, 2, 3 is 12, 46, 128 (not the 42, 58, 102 some notes print)" {
            let d x = (poly (Dual<float>.Variable x)).Tangent
            Expect.equal [ d 1.0; d 2.0; d 3.0 ] [ 12.0; 46.0; 128.0 ] "4x^3 + 6x + 2"
        }
        test "f'' at 2 is 54 by nesting Dual<Dual<float>>" {
            let x = Dual<Dual<float>>(Dual<float>(2.0, 1.0), Dual<float>(1.0, 0.0))
            let y = x * x * x * x + Dual<Dual<float>>.Constant(Dual<float>.Constant 3.0) * x * x + Dual<Dual<float>>.Constant(Dual<float>.Constant 2.0) * x
            Expect.equal y.Tangent.Tangent 54.0 "12x^2 + 6 at 2"
        }
        test "y = ln x1 + x1 x2 - sin x2 at (2, 5)" {
            let f (x1: Dual<float>) (x2: Dual<float>) = log x1 + x1 * x2 - sin x2
            let d1 = f (Dual<float>.Variable 2.0) (Dual<float>.Constant 5.0)
            let d2 = f (Dual<float>.Constant 2.0) (Dual<float>.Variable 5.0)
            Expect.floatClose Accuracy.veryHigh d1.Primal (log 2.0 + 10.0 - sin 5.0) "value 11.652..."
            Expect.isTrue (abs (d1.Primal - 11.652) < 1e-3) "value 11.652"
            Expect.floatClose Accuracy.veryHigh d1.Tangent 5.5 "dy/dx1 = 1/x1 + x2"
            Expect.floatClose Accuracy.veryHigh d2.Tangent (2.0 - cos 5.0) "dy/dx2 = x1 - cos x2"
            Expect.isTrue (abs (d2.Tangent - 1.716) < 1e-3) "dy/dx2 ~ 1.716"
        }
        test "y = x1^2 + x2 at (2, 3) gives 7 and gradient (4, 1)" {
            let f (x1: Dual<float>) (x2: Dual<float>) = x1 * x1 + x2
            let g1 = f (Dual<float>.Variable 2.0) (Dual<float>.Constant 3.0)
            let g2 = f (Dual<float>.Constant 2.0) (Dual<float>.Variable 3.0)
            Expect.equal g1.Primal 7.0 "value"
            Expect.equal (g1.Tangent, g2.Tangent) (4.0, 1.0) "gradient"
        }
    ]
