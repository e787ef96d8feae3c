/// Forward-mode demo: derivatives of the course examples, printed next to their analytic values.
module Fluxion.Samples.ForwardDemo

open Fluxion

[<EntryPoint>]
let main _ =
    let poly (x: Dual<float>) = x * x * x * x + 3.0 * x * x + 2.0 * x
    printfn "f(x) = x^4 + 3x^2 + 2x"
    for x in [ 1.0; 2.0; 3.0 ] do
        let y = poly (Dual<float>.Variable x)
        printfn "  x = %g: f = %g, f' = %g (analytic 4x^3 + 6x + 2 = %g)" x y.Primal y.Tangent (4.0 * x ** 3.0 + 6.0 * x + 2.0)
    let x = Dual<Dual<float>>(Dual<float>(2.0, 1.0), Dual<float>(1.0, 0.0))
    let c v = Dual<Dual<float>>.Constant(Dual<float>.Constant v)
    let y2 = x * x * x * x + c 3.0 * x * x + c 2.0 * x
    printfn "  f''(2) = %g (analytic 12x^2 + 6 = 54)" y2.Tangent.Tangent
    let g (x1: Dual<float>) (x2: Dual<float>) = log x1 + x1 * x2 - sin x2
    let y = g (Dual<float>.Variable 2.0) (Dual<float>.Constant 5.0)
    let d2 = (g (Dual<float>.Constant 2.0) (Dual<float>.Variable 5.0)).Tangent
    printfn "y = ln x1 + x1 x2 - sin x2 at (2, 5): y = %.6f, dy/dx1 = %g, dy/dx2 = %.6f" y.Primal y.Tangent d2
    let h (x1: Dual<float>) (x2: Dual<float>) = x1 * x1 + x2
    let a = h (Dual<float>.Variable 2.0) (Dual<float>.Constant 3.0)
    let b = h (Dual<float>.Constant 2.0) (Dual<float>.Variable 3.0)
    printfn "y = x1^2 + x2 at (2, 3): y = %g, gradient = (%g, %g)" a.Primal a.Tangent b.Tangent
    0
