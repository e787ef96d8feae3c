/// Every elementwise function of the rule table on tensors, against the scalar dual numbers (another AD mode):
/// values, gradients (reverse), tangents (forward) and second derivatives (Hessian-vector products).
module Fluxion.Tensors.Tests.ElementwiseTests

open System
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

let private nameOf<'R when 'R :> IUnaryRule> () = 'R.Name

let private unary<'R when 'R :> IUnaryRule and 'R: struct> (lo: float) (hi: float) =
    test (nameOf<'R> ()) {
        let rng = Random(17)
        let x = uniform rng lo hi [| 3; 5 |]
        let xs = x.ToArray()
        let first = xs |> Array.map (fun v -> Dual<float>.Apply<'R>(Dual<float>.Variable v))
        let second = xs |> Array.map (fun v -> Dual<Dual<float>>.Apply<'R>(Dual<Dual<float>>(Dual<float>(v, 1.0), Dual<float>(1.0, 0.0))))
        let f (t: T) = Tensor.Apply<'R, float> t
        close 1e-13 ((f x).ToArray()) (first |> Array.map _.Primal) "value vs Dual"
        let g = Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(f t)), x)
        close 1e-13 (g.ToArray()) (first |> Array.map _.Tangent) "gradient vs Dual"
        let ones = Tensor.Ones<float>(3, 5)
        let jvp = Tensor.Jvp(Func<_, _>(f), x, ones)
        close 1e-13 (jvp.Tangent.ToArray()) (first |> Array.map _.Tangent) "JVP vs Dual"
        let hvp = Tensor.HessianVectorProduct(Func<_, _>(fun t -> Tensor.Sum(f t)), x, ones)
        close 1e-12 (hvp.ToArray()) (second |> Array.map (fun d -> d.Tangent.Tangent)) "second derivative vs Dual<Dual>"
        Expect.equal (g.Shape) [| 3; 5 |] "gradient shape"
    }

[<Tests>]
let tests =
    testList "elementwise rules on tensors" [
        unary<SqrtRule> 0.1 3.0
        unary<CbrtRule> 0.1 3.0
        unary<ExpRule> -2.0 2.0
        unary<Exp2Rule> -2.0 2.0
        unary<Exp10Rule> -1.0 1.0
        unary<Expm1Rule> -2.0 2.0
        unary<LogRule> 0.1 3.0
        unary<Log2Rule> 0.1 3.0
        unary<Log10Rule> 0.1 3.0
        unary<Log1pRule> -0.5 2.0
        unary<SinRule> -3.0 3.0
        unary<CosRule> -3.0 3.0
        unary<TanRule> -1.0 1.0
        unary<AsinRule> -0.9 0.9
        unary<AcosRule> -0.9 0.9
        unary<AtanRule> -3.0 3.0
        unary<SinhRule> -2.0 2.0
        unary<CoshRule> -2.0 2.0
        unary<TanhRule> -2.0 2.0
        unary<AsinhRule> -2.0 2.0
        unary<AcoshRule> 1.1 3.0
        unary<AtanhRule> -0.9 0.9
        unary<AbsRule> -2.0 2.0
        unary<SignRule> -2.0 2.0
        unary<FloorRule> -2.0 2.0
        unary<CeilingRule> -2.0 2.0
        unary<RoundRule> -2.0 2.0
        unary<TruncateRule> -2.0 2.0
        unary<SigmoidRule> -4.0 4.0
        unary<SoftplusRule> -4.0 4.0
        unary<ErfRule> -2.0 2.0
        unary<GammaRule> 0.5 3.0
        unary<LogGammaRule> 0.5 3.0
        unary<DigammaRule> 0.5 3.0
        test "named functions are the rules" {
            let x = uniform (Random 3) 0.2 0.9 [| 4 |]
            let pairs: (string * (T -> T) * (T -> T)) list =
                [ "exp", Tensor.Exp, Tensor.Apply<ExpRule, float>
                  "log", Tensor.Log, Tensor.Apply<LogRule, float>
                  "tanh", Tensor.Tanh, Tensor.Apply<TanhRule, float>
                  "sigmoid", Tensor.Sigmoid, Tensor.Apply<SigmoidRule, float>
                  "asin", Tensor.Asin, Tensor.Apply<AsinRule, float> ]
            for name, f, g in pairs do
                Expect.equal ((f x).ToArray()) ((g x).ToArray()) name
        }
        test "zero adjoints stay zero where a derivative is infinite (sqrt at 0)" {
            // d/dx [sqrt(x) · 0] at x = 0: the chain rule's product keeps 0 (as every mode of Fluxion does).
            let x = tensor [| 0.0; 4.0 |] [| 2 |]
            let w = tensor [| 0.0; 1.0 |] [| 2 |]
            let g = Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(Tensor.Multiply(Tensor.Sqrt t, w))), x)
            Expect.equal (g.ToArray()) [| 0.0; 0.25 |] "gradient"
        }
        test "float32 gradients of a network agree with float64" {
            let rng = Random 12
            let x64 = uniform rng -1.0 1.0 [| 5; 4 |]
            let w64 = uniform rng -1.0 1.0 [| 4; 3 |]
            let to32 (t: T) = Tensor.FromArray(t.ToArray() |> Array.map float32, t.Shape)
            let loss32 (w: Tensor<float32>) = Tensor.CrossEntropy(Tensor.MatMul(Tensor.Gelu(to32 x64), w), [| 0; 2; 1; 1; 0 |])
            let loss64 (w: T) = Tensor.CrossEntropy(Tensor.MatMul(Tensor.Gelu x64, w), [| 0; 2; 1; 1; 0 |])
            let g32 = Tensor.Gradient(Func<_, _>(loss32), to32 w64).ToArray() |> Array.map float
            let g64 = Tensor.Gradient(Func<_, _>(loss64), w64).ToArray()
            close 1e-5 g32 g64 "float32 vs float64 gradient"
            let h32 = Tensor.HessianVectorProduct(Func<_, _>(loss32), to32 w64, Tensor.Ones<float32>(4, 3)).ToArray() |> Array.map float
            let h64 = Tensor.HessianVectorProduct(Func<_, _>(loss64), w64, Tensor.Ones<float>(4, 3)).ToArray()
            close 1e-5 h32 h64 "float32 vs float64 Hessian-vector product"
        }
        test "float32 values and gradients" {
            let x = Tensor.FromArray [| 0.5f; 1.5f; -0.25f |]
            let y = Tensor.Tanh x
            let g = Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(Tensor.Tanh t)), x)
            for i in 0..2 do
                let xi = float (x.ToArray()[i])
                Expect.floatClose Accuracy.medium (float (y.ToArray()[i])) (tanh xi) "tanh value"
                Expect.floatClose Accuracy.medium (float (g.ToArray()[i])) (1.0 - tanh xi ** 2.0) "tanh derivative"
        }
    ]
