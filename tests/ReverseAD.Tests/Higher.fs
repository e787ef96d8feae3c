/// Higher order: forward over reverse (Var<Dual>), reverse over reverse (Var<Var>), nesting safety.
module Fluxion.ReverseAD.Tests.Higher

open Expecto
open Fluxion
open Fluxion.ReverseAD.Tests.Generic.Functions
open Fluxion.ReverseAD.Tests.Generic.Reference

let private point = [| 0.7; -1.3; 0.4; 2.1 |]

[<Tests>]
let tests =
    testList "higher order (reverse)" [
        test "Hessian by forward over reverse equals the nested-Dual Hessian" {
            let h = Reverse.hessian mixed<Var<Dual<float>>> point
            let reference = forwardHessian mixed<Dual<Dual<float>>> point
            for i in 0..3 do
                for j in 0..3 do
                    Expect.isLessThan (relErr h[i, j] reference[i, j]) 1e-13 $"H[{i},{j}]: {h[i, j]} vs {reference[i, j]}"
        }
        test "Hessian-vector product equals H v" {
            let v = [| 0.3; -0.2; 1.1; 0.5 |]
            let hv = Reverse.hessianVectorProduct mixed<Var<Dual<float>>> point v
            let h = forwardHessian mixed<Dual<Dual<float>>> point
            for i in 0..3 do
                let expected = Seq.sum (seq { for j in 0..3 -> h[i, j] * v[j] })
                Expect.isLessThan (relErr hv[i] expected) 1e-13 $"(Hv)[{i}]"
        }
        test "HessianVectorProductInto writes H v, returns f(x), and validates its arguments" {
            let v = [| 0.3; -0.2; 1.1; 0.5 |]
            let f = System.Func<Var<Dual<float>>[], Var<Dual<float>>>(mixed<Var<Dual<float>>>)
            let h = forwardHessian mixed<Dual<Dual<float>>> point
            let result = Array.zeroCreate 4
            // Twice, so that the second call runs on the reused tape and input array.
            for _ in 1..2 do
                let value = ReverseMode.HessianVectorProductInto(f, point, v, result)
                Expect.floatClose Accuracy.veryHigh value (mixed<float> point) "f(x)"
                for i in 0..3 do
                    let expected = Seq.sum (seq { for j in 0..3 -> h[i, j] * v[j] })
                    Expect.isLessThan (relErr result[i] expected) 1e-13 $"(Hv)[{i}]"
            Expect.throwsT<System.ArgumentException> (fun () -> ReverseMode.HessianVectorProductInto(f, point, v, Array.zeroCreate 3) |> ignore) "short result"
            Expect.throwsT<System.ArgumentException> (fun () -> ReverseMode.HessianVectorProductInto(f, point, [| 1.0 |], result) |> ignore) "short direction"
        }
        test "Rosenbrock Hessian by forward over reverse equals the analytic tridiagonal Hessian" {
            let x = [| 0.5; -0.3; 1.2; 0.8 |]
            let h = Reverse.hessian rosenbrock<Var<Dual<float>>> x
            let n = x.Length
            for i in 0 .. n - 1 do
                for j in 0 .. n - 1 do
                    let expected =
                        if i = j then
                            (if i < n - 1 then 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0 else 0.0) + (if i > 0 then 200.0 else 0.0)
                        elif j = i + 1 then -400.0 * x[i]
                        elif i = j + 1 then -400.0 * x[j]
                        else 0.0
                    Expect.isLessThan (relErr h[i, j] expected) 1e-14 $"H[{i},{j}]"
        }
        test "gradient of a gradient (reverse over reverse) equals the Hessian-vector product" {
            let v = [| 0.3; -0.2; 1.1; 0.5 |]
            // g(x) = ∇f(x)·v, with ∇f taken by an inner reverse pass on Var<Var<float>>.
            let g (x: Var<float>[]) =
                let inner = Reverse.gradient mixed<Var<Var<float>>> x
                let mutable s = Var<float>.Zero
                for i in 0 .. x.Length - 1 do
                    s <- s + inner[i] * v[i]
                s
            let hv = Reverse.gradient g point
            let h = forwardHessian mixed<Dual<Dual<float>>> point
            for i in 0..3 do
                let expected = Seq.sum (seq { for j in 0..3 -> h[i, j] * v[j] })
                Expect.isLessThan (relErr hv[i] expected) 1e-13 $"(Hv)[{i}]"
        }
        test "no perturbation confusion: d/dx [x * (d/dy (x + y) at y = 1)] at x = 1 is 1" {
            let outer (x: Var<float>[]) =
                let inner = Reverse.gradient (fun (y: Var<Var<float>>[]) -> Var<Var<float>>.Constant x[0] + y[0]) [| Var<float>.Constant 1.0 |]
                x[0] * inner[0]
            Expect.equal (Reverse.gradient outer [| 1.0 |]) [| 1.0 |] "d/dx [x * 1]"
        }
        test "reverse over reverse sees the inner gradient's dependence on x: d/dx [d/dy (x y)] = 1" {
            let outer (x: Var<float>[]) =
                let inner = Reverse.gradient (fun (y: Var<Var<float>>[]) -> Var<Var<float>>.Constant x[0] * y[0]) [| Var<float>.Constant 2.0 |]
                inner[0] * x[0]
            Expect.equal (Reverse.gradient outer [| 3.0 |]) [| 6.0 |] "d/dx [x * x] = 2x"
        }
        test "third order: Var<Dual<Dual<float>>> gives a directional third derivative" {
            // f(x) = x^5. Seeding X = x + e1 + e2 (two nested tangents) makes the gradient f'(X), whose e1 e2 part is f'''(x) = 60 x^2.
            let f (x: Var<Dual<Dual<float>>>[]) =
                let x = x[0]
                x * x * x * x * x
            let x = Dual<Dual<float>>(Dual<float>(1.5, 1.0), Dual<float>(1.0, 0.0))
            let g = Reverse.gradient f [| x |]
            Expect.floatClose Accuracy.veryHigh g[0].Tangent.Tangent (60.0 * 1.5 * 1.5) "third derivative 60 x^2"
            Expect.floatClose Accuracy.veryHigh g[0].Primal.Primal (5.0 * 1.5 ** 4.0) "f'"
        }
    ]
