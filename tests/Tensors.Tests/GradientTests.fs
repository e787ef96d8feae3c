/// The tensor gradcheck over the operations: JVP and VJP against finite differences on random shapes,
/// broadcasting included; Hessian-vector products against finite differences of gradients.
module Fluxion.Tensors.Tests.GradientTests

open System
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

let private rng = Random(42)

/// A constant operand of the given shape with values in [lo, hi).
let private c lo hi (shape: int[]) = uniform (Random(shape.Length * 31 + shape.Length)) lo hi shape

/// name, function of one tensor, input.
let private oneInput: (string * (T -> T) * T) list =
    [ "add (broadcast row)", (fun x -> Tensor.Add(x, c -1.0 1.0 [| 4 |])), uniform rng -1.0 1.0 [| 3; 4 |]
      "add (operand broadcast)", (fun x -> Tensor.Add(c -1.0 1.0 [| 2; 3; 4 |], x)), uniform rng -1.0 1.0 [| 3; 1 |]
      "subtract (scalar operand)", (fun x -> Tensor.Subtract(c -1.0 1.0 [| 2; 3 |], x)), uniform rng -1.0 1.0 [||]
      "multiply (broadcast)", (fun x -> Tensor.Multiply(x, c -1.0 1.0 [| 2; 1; 4 |])), uniform rng -1.0 1.0 [| 3; 4 |]
      "multiply self", (fun x -> Tensor.Multiply(x, x)), uniform rng -1.0 1.0 [| 5 |]
      "square", Tensor.Square, uniform rng -1.0 1.0 [| 2; 3 |]
      "divide", (fun x -> Tensor.Divide(c 0.5 2.0 [| 3; 4 |], x)), uniform rng 0.5 2.0 [| 4 |]
      "divide by self-dependent", (fun x -> Tensor.Divide(x, Tensor.Add(Tensor.Square x, Tensor.Scalar 1.0))), uniform rng -1.0 1.0 [| 2; 3 |]
      "negate", Tensor.Negate, uniform rng -1.0 1.0 [| 2; 2 |]
      "pow (constant exponent)", (fun x -> Tensor.Pow(x, 2.5)), uniform rng 0.5 2.0 [| 6 |]
      "pow (tensor exponent)", (fun x -> Tensor.Pow(c 0.5 2.0 [| 2; 3 |], x)), uniform rng -1.0 1.0 [| 3 |]
      "pow (both)", (fun x -> Tensor.Pow(x, Tensor.Add(x, Tensor.Scalar 0.5))), uniform rng 0.5 2.0 [| 4 |]
      "maximum", (fun x -> Tensor.Maximum(x, c -1.0 1.0 [| 2; 5 |])), uniform rng -1.0 1.0 [| 5 |]
      "minimum", (fun x -> Tensor.Minimum(c -1.0 1.0 [| 5 |], x)), uniform rng -1.0 1.0 [| 3; 5 |]
      "atan2", (fun x -> Tensor.Atan2(x, c 0.5 1.0 [| 3; 1 |])), uniform rng -1.0 1.0 [| 3; 2 |]
      "hypot", (fun x -> Tensor.Hypot(c 0.5 1.0 [| 2 |], x)), uniform rng 0.5 1.0 [| 3; 2 |]
      "relu (away from 0)", Tensor.Relu, tensor [| -1.0; 0.5; 2.0; -0.3 |] [| 2; 2 |]
      "gelu", Tensor.Gelu, uniform rng -2.0 2.0 [| 7 |]
      "scalar operators", (fun x -> (2.0 * x + 1.0) / 3.0 - x * 0.5), uniform rng -1.0 1.0 [| 3 |]
      "sum all", Tensor.Sum, uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "sum axes keepDims", (fun x -> Tensor.Sum(x, [| 0; 2 |], true)), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "sum axis", (fun x -> Tensor.Sum(x, -1, false)), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "mean all", Tensor.Mean, uniform rng -1.0 1.0 [| 3; 4 |]
      "mean axis", (fun x -> Tensor.Mean(x, 1, true)), uniform rng -1.0 1.0 [| 3; 4; 2 |]
      "reshape", (fun x -> Tensor.Multiply(Tensor.Reshape(x, 4, -1), c -1.0 1.0 [| 4; 3 |])), uniform rng -1.0 1.0 [| 2; 6 |]
      "broadcastTo", (fun x -> Tensor.Multiply(Tensor.BroadcastTo(x, 2, 3, 4), c -1.0 1.0 [| 2; 3; 4 |])), uniform rng -1.0 1.0 [| 3; 1 |]
      "permute", (fun x -> Tensor.Multiply(Tensor.Permute(x, 2, 0, 1), c -1.0 1.0 [| 4; 2; 3 |])), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "transpose", (fun x -> Tensor.Multiply(Tensor.Transpose x, c -1.0 1.0 [| 2; 4; 3 |])), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "transpose axes", (fun x -> Tensor.Sin(Tensor.Transpose(x, 0, 2))), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "slice", (fun x -> Tensor.Square(Tensor.Slice(x, 1, 1, 3))), uniform rng -1.0 1.0 [| 2; 4; 3 |]
      "slice block", (fun x -> Tensor.Exp(Tensor.Slice(x, [| 1; 0 |], [| 3; 2 |]))), uniform rng -1.0 1.0 [| 3; 3 |]
      "select", (fun x -> Tensor.Multiply(Tensor.Select(x, 1, 2), Tensor.Select(x, 0, 1))), uniform rng -1.0 1.0 [| 3; 3 |]
      "index", (fun x -> Tensor.Multiply(Tensor.Index(x, 1, 2), Tensor.Sum x)), uniform rng -1.0 1.0 [| 2; 3 |]
      "concat", (fun x -> Tensor.Concat([| x; Tensor.Sin x; c -1.0 1.0 [| 2; 1 |] |], 1)), uniform rng -1.0 1.0 [| 2; 3 |]
      "stack", (fun x -> Tensor.Stack([| Tensor.Square x; x; c -1.0 1.0 [| 2; 3 |] |], -1)), uniform rng -1.0 1.0 [| 2; 3 |]
      "take (repeated indices)", (fun x -> Tensor.Square(Tensor.Take(x, 0, [| 2; 0; 2 |]))), uniform rng -1.0 1.0 [| 3; 2 |]
      "gather", (fun x -> Tensor.Exp(Tensor.Gather(x, 1, [| 0; 2; 1; 1 |]))), uniform rng -1.0 1.0 [| 2; 3 |]
      "max along axis", (fun x -> Tensor.Max(x, 1, false)), tensor [| 0.1; 0.9; -0.3; 0.5; 0.2; 0.7 |] [| 2; 3 |]
      "min along axis (keepDims)", (fun x -> Tensor.Min(x, 0, true)), tensor [| 0.1; 0.9; -0.3; 0.5; 0.2; 0.7 |] [| 2; 3 |]
      "max of all", Tensor.Max, tensor [| 0.1; 0.9; -0.3; 0.5 |] [| 4 |]
      "logSumExp", (fun x -> Tensor.LogSumExp(x, 1, false)), uniform rng -2.0 2.0 [| 3; 4 |]
      "softmax", (fun x -> Tensor.Softmax(x, -1)), uniform rng -2.0 2.0 [| 3; 4 |]
      "logSoftmax", (fun x -> Tensor.LogSoftmax(x, 0)), uniform rng -2.0 2.0 [| 3; 4 |]
      "crossEntropy", (fun x -> Tensor.CrossEntropy(x, [| 2; 0; 3 |])), uniform rng -2.0 2.0 [| 3; 4 |]
      "meanSquaredError", (fun x -> Tensor.MeanSquaredError(x, c -1.0 1.0 [| 3; 2 |])), uniform rng -1.0 1.0 [| 3; 2 |]
      "matmul (left)", (fun x -> Tensor.MatMul(x, c -1.0 1.0 [| 4; 2 |])), uniform rng -1.0 1.0 [| 3; 4 |]
      "matmul (right)", (fun x -> Tensor.MatMul(c -1.0 1.0 [| 3; 4 |], x)), uniform rng -1.0 1.0 [| 4; 2 |]
      "matmul (self, transposed)", (fun x -> Tensor.MatMul(x, Tensor.Transpose x)), uniform rng -1.0 1.0 [| 3; 4 |]
      "matmul (batched, shared right)", (fun x -> Tensor.MatMul(x, c -1.0 1.0 [| 4; 2 |])), uniform rng -1.0 1.0 [| 2; 3; 4 |]
      "matmul (batched, broadcast batch)", (fun x -> Tensor.MatMul(c -1.0 1.0 [| 2; 1; 3; 4 |], x)), uniform rng -1.0 1.0 [| 3; 4; 2 |]
      "matmul (vector · matrix)", (fun x -> Tensor.MatMul(x, c -1.0 1.0 [| 4; 3 |])), uniform rng -1.0 1.0 [| 4 |]
      "matmul (matrix · vector)", (fun x -> Tensor.MatMul(x, c -1.0 1.0 [| 4 |])), uniform rng -1.0 1.0 [| 3; 4 |]
      "matmul (dot)", (fun x -> Tensor.MatMul(x, x)), uniform rng -1.0 1.0 [| 5 |]
      "composite", (fun x -> Tensor.Sum(Tensor.Tanh(Tensor.Add(Tensor.Multiply(x, c -1.0 1.0 [| 4; 3 |]), c -0.5 0.5 [| 3 |])), 0, false)),
      uniform rng -1.0 1.0 [| 4; 1 |] ]

/// Scalar functions for second-order checks.
let private scalarFunctions: (string * (T -> T) * T) list =
    [ "sum of exp·sin", (fun x -> Tensor.Sum(Tensor.Multiply(Tensor.Exp x, Tensor.Sin x))), uniform rng -1.0 1.0 [| 5 |]
      "log-sum of squares", (fun x -> Tensor.Log(Tensor.Sum(Tensor.Square x))), uniform rng 0.5 1.0 [| 2; 3 |]
      "rosenbrock-like", (fun x ->
          let a = Tensor.Reshape(x, 2, 3)
          Tensor.Sum(Tensor.Add(Tensor.Square(Tensor.Subtract(Tensor.Sum(a, 0, false), Tensor.Square(Tensor.Mean(a, 1, true)))), Tensor.Square a))),
      uniform rng -1.0 1.0 [| 6 |]
      "broadcast product", (fun x -> Tensor.Sum(Tensor.Multiply(Tensor.Tanh(Tensor.Multiply(x, c -1.0 1.0 [| 3; 4 |])), x))), uniform rng -1.0 1.0 [| 4 |]
      "pow and division", (fun x -> Tensor.Sum(Tensor.Divide(Tensor.Pow(x, Tensor.Sigmoid x), Tensor.Add(x, Tensor.Scalar 1.0)))), uniform rng 0.5 1.5 [| 4 |]
      "gelu", (fun x -> Tensor.Sum(Tensor.Multiply(Tensor.Gelu x, x))), uniform rng -1.0 1.0 [| 5 |]
      "two-layer network in its weights", (fun x ->
          let w1 = Tensor.Reshape(Tensor.Slice(x, 0, 0, 6), 3, 2)
          let w2 = Tensor.Reshape(Tensor.Slice(x, 0, 6, 10), 2, 2)
          let h = Tensor.Tanh(Tensor.MatMul(c -1.0 1.0 [| 4; 3 |], w1))
          Tensor.CrossEntropy(Tensor.MatMul(h, w2), [| 0; 1; 1; 0 |])),
      uniform rng -1.0 1.0 [| 10 |]
      "cross-entropy", (fun x -> Tensor.CrossEntropy(Tensor.Reshape(x, 2, 3), [| 1; 2 |])), uniform rng -2.0 2.0 [| 6 |]
      "softmax-weighted", (fun x -> Tensor.Sum(Tensor.Multiply(Tensor.Softmax(x, 0), Tensor.Concat([| x; Tensor.Slice(x, 0, 0, 2) |], 0) |> fun t -> Tensor.Slice(t, 0, 1, 5)))), uniform rng -1.0 1.0 [| 4 |]
      "permuted quadratic form", (fun x ->
          let m = Tensor.Reshape(x, 2, 3)
          Tensor.Sum(Tensor.Multiply(Tensor.Stack([| Tensor.Transpose m; Tensor.Transpose(Tensor.Square m) |], 0), Tensor.Take(Tensor.Transpose m, 1, [| 1; 0 |])))),
      uniform rng -1.0 1.0 [| 6 |] ]

[<Tests>]
let tests =
    testList "tensor gradcheck" [
        testList "VJP and JVP vs finite differences" [
            for name, f, x in oneInput do
                test name { gradcheck rng name f x }
        ]
        testList "several inputs" [
            test "binary ops, both operands differentiated" {
                let a = uniform rng 0.5 1.5 [| 3; 1 |]
                let b = uniform rng 0.5 1.5 [| 4 |]
                gradcheckMany rng "add" (fun xs -> Tensor.Add(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "subtract" (fun xs -> Tensor.Subtract(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "multiply" (fun xs -> Tensor.Multiply(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "divide" (fun xs -> Tensor.Divide(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "pow" (fun xs -> Tensor.Pow(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "atan2" (fun xs -> Tensor.Atan2(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "hypot" (fun xs -> Tensor.Hypot(xs[0], xs[1])) [| a; b |]
                gradcheckMany rng "matmul" (fun xs -> Tensor.MatMul(xs[0], xs[1])) [| uniform rng -1.0 1.0 [| 3; 4 |]; uniform rng -1.0 1.0 [| 4; 5 |] |]
                gradcheckMany rng "batched matmul" (fun xs -> Tensor.MatMul(xs[0], xs[1])) [| uniform rng -1.0 1.0 [| 2; 3; 4 |]; uniform rng -1.0 1.0 [| 2; 4; 5 |] |]
                gradcheckMany rng "linear layer" (fun xs -> Tensor.Tanh(Tensor.Add(Tensor.MatMul(xs[0], xs[1]), xs[2])))
                    [| uniform rng -1.0 1.0 [| 5; 3 |]; uniform rng -1.0 1.0 [| 3; 4 |]; uniform rng -1.0 1.0 [| 4 |] |]
            }
        ]
        testList "Hessian-vector products vs finite differences of gradients" [
            for name, f, x in scalarFunctions do
                test name { hvpcheck rng name f x }
        ]
        test "gradients of parameters (training-loop style)" {
            let w = (uniform rng -1.0 1.0 [| 3; 2 |]).AsParameter()
            let b = (uniform rng -1.0 1.0 [| 2 |]).AsParameter()
            let x = uniform rng -1.0 1.0 [| 3; 1 |]
            let loss = Tensor.Sum(Tensor.Square(Tensor.Tanh(Tensor.Add(Tensor.Sum(Tensor.Multiply(x, w), 0, false), b))))
            let gs = Tensor.Gradients(loss, [| w; b |])
            // Reference: the same loss as a function of w (then b) alone, by finite differences.
            let lossOf (w: T) (b: T) = Tensor.Sum(Tensor.Square(Tensor.Tanh(Tensor.Add(Tensor.Sum(Tensor.Multiply(x, w), 0, false), b))))
            let wv, bv = w.Detach(), b.Detach()
            let e i n = tensor (Array.init n (fun k -> if k = i then 1.0 else 0.0))
            let fdW = Array.init 6 (fun i -> (finiteDifference (fun t -> lossOf t bv) wv (e i 6 [| 3; 2 |]))[0])
            let fdB = Array.init 2 (fun i -> (finiteDifference (fun t -> lossOf wv t) bv (e i 2 [| 2 |]))[0])
            close 1e-8 (gs[0].ToArray()) fdW "dloss/dw"
            close 1e-8 (gs[1].ToArray()) fdB "dloss/db"
            Expect.isFalse gs[0].RequiresGrad "no graph without createGraph"
        }
        test "a tensor used on several paths sums its adjoints" {
            let x = tensor [| 1.0; 2.0 |] [| 2 |]
            // f = Σ (x·x + 3x + x) : ∇f = 2x + 4
            let g = Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(Tensor.Add(Tensor.Add(Tensor.Multiply(t, t), t * 3.0), t))), x)
            Expect.equal (g.ToArray()) [| 6.0; 8.0 |] "2x + 4"
        }
        test "nesting: d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1" {
            let x0 = tensor [| 1.0 |] [| 1 |]
            let g =
                Tensor.Gradient(Func<_, _>(fun x ->
                    let inner = Tensor.Gradient(Func<_, _>(fun y -> Tensor.Sum(Tensor.Add(x, y))), tensor [| 1.0 |] [| 1 |])
                    Tensor.Sum(Tensor.Multiply(x, inner))), x0)
            Expect.equal (g.ToArray()) [| 1.0 |] "no perturbation confusion"
        }
        test "reverse over forward: the gradient of a directional derivative" {
            // f(x) = Σ x³ ; J·v = 3x²·v ; ∇ₓ Σ(3x²·v) = 6x·v
            let x = uniform rng -1.0 1.0 [| 4 |]
            let v = uniform rng -1.0 1.0 [| 4 |]
            let g =
                Tensor.Gradient(Func<_, _>(fun t ->
                    Tensor.Sum((Tensor.Jvp(Func<_, _>(fun s -> Tensor.Sum(Tensor.Pow(s, 3.0))), t, v)).Tangent)), x)
            close 1e-13 (g.ToArray()) (Array.map2 (fun a b -> 6.0 * a * b) (x.ToArray()) (v.ToArray())) "6x·v"
        }
        test "createGraph gradients can be differentiated again" {
            let x = (tensor [| 0.5; -1.0 |] [| 2 |]).AsParameter()
            let y = Tensor.Sum(Tensor.Multiply(Tensor.Square x, x))
            let g = (Tensor.Gradients(y, [| x |], true))[0]
            Expect.isTrue g.RequiresGrad "records"
            let h = (Tensor.Gradients(Tensor.Sum g, [| x |]))[0]
            close 1e-14 (h.ToArray()) [| 3.0; -6.0 |] "Σ 6x"
        }
        test "the library gradient check passes smooth functions and fails a jump" {
            let smooth = Tensor.CheckGradient(Func<_, _>(fun x -> Tensor.Softmax(Tensor.Tanh x, 1)), uniform rng -1.0 1.0 [| 2; 3 |], Random 4, 3, 1e-6)
            Expect.isTrue smooth.Passed (string smooth)
            // floor has derivative 0 by convention, but jumps at 0: finite differences see the jump.
            let jump = Tensor.CheckGradient(Func<_, _>(fun x -> Tensor.Floor x), tensor [| 0.0; 1.5 |] [| 2 |], Random 4, 2, 1e-6)
            Expect.isFalse jump.Passed (string jump)
        }
        test "F# conveniences" {
            let x = uniform rng -1.0 1.0 [| 3 |]
            let f (t: T) = Tensor.Sum(Tensor.Exp t)
            let value, g = TensorAD.valueAndGradient f x
            close 1e-15 [| value.ToScalar() |] [| x.ToArray() |> Array.sumBy exp |] "value"
            close 1e-15 (g.ToArray()) (x.ToArray() |> Array.map exp) "gradient"
            let _, t = TensorAD.jvp Tensor.Exp x (Tensor.Ones<float>(3))
            close 1e-15 (t.ToArray()) (x.ToArray() |> Array.map exp) "jvp"
            close 1e-15 ((TensorAD.hessianVectorProduct f x (Tensor.Ones<float>(3))).ToArray()) (x.ToArray() |> Array.map exp) "hvp"
        }
        test "no-grad scope records nothing" {
            let x = (tensor [| 1.0 |] [| 1 |]).AsParameter()
            use _ = Tensor.NoGrad()
            Expect.isFalse (Tensor.Exp x).RequiresGrad "not recorded"
        }
    ]
