/// Shape mismatches and misuse give clear exceptions.
module Fluxion.Tensors.Tests.MisuseTests

open System
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

[<Tests>]
let tests =
    testList "tensor misuse" [
        test "broadcasting mismatch names the operation and both shapes" {
            let a = Tensor.Zeros<float>(2, 3)
            let b = Tensor.Zeros<float>(4)
            throwsWith<ArgumentException> [ "add"; "[2, 3]"; "[4]" ] (fun () -> Tensor.Add(a, b) |> ignore)
            throwsWith<ArgumentException> [ "multiply"; "[2, 3]"; "[4]" ] (fun () -> (a * b) |> ignore)
            throwsWith<ArgumentException> [ "pow"; "[2, 3]"; "[4]" ] (fun () -> Tensor.Pow(a, b) |> ignore)
        }
        test "reshape to another size" {
            throwsWith<ArgumentException> [ "reshape"; "[2, 3]"; "[4]" ] (fun () -> Tensor.Reshape(Tensor.Zeros<float>(2, 3), 4) |> ignore)
        }
        test "unsupported element type" {
            throwsWith<NotSupportedException> [ "Half" ] (fun () -> Tensor.Zeros<Half>(2) |> ignore)
            throwsWith<NotSupportedException> [ "Dual" ] (fun () -> Tensor.FromArray [| Dual<float>.Variable 1.0 |] |> ignore)
        }
        test "Gradients with an input that does not require a gradient" {
            let x = Tensor.Ones<float>(2)
            let p = x.AsParameter()
            let y = Tensor.Sum(Tensor.Multiply(p, p))
            throwsWith<ArgumentException> [ "inputs[1]"; "AsParameter" ] (fun () -> Tensor.Gradients(y, [| p; x |]) |> ignore)
        }
        test "Gradient of a function with several outputs" {
            throwsWith<ArgumentException> [ "one output element"; "[2]" ] (fun () -> Tensor.Gradient(Func<_, _>(fun (t: T) -> Tensor.Exp t), Tensor.Ones<float>(2)) |> ignore)
        }
        test "a seed of the wrong shape" {
            let x = Tensor.Ones<float>(3)
            throwsWith<ArgumentException> [ "[2]"; "[3]" ] (fun () -> Tensor.Vjp(Func<_, _>(fun (t: T) -> Tensor.Exp t), x, Tensor.Ones<float>(2)) |> ignore)
            let p = x.AsParameter()
            throwsWith<ArgumentException> [ "seed"; "[2]"; "[3]" ] (fun () -> Tensor.Gradients(Tensor.Exp p, [| p |], Tensor.Ones<float>(2), false) |> ignore)
        }
        test "a tangent of the wrong shape" {
            throwsWith<ArgumentException> [ "[2]"; "[3]" ] (fun () -> Tensor.Jvp(Func<_, _>(fun (t: T) -> t), Tensor.Ones<float>(3), Tensor.Ones<float>(2)) |> ignore)
        }
        test "a tensor kept from an ended Jvp carries no tangent later" {
            let mutable kept: T = null
            Tensor.Jvp(Func<_, _>(fun (t: T) -> (kept <- Tensor.Exp t; kept)), Tensor.Ones<float>(2), Tensor.Ones<float>(2)) |> ignore
            // In a later forward pass the kept tensor is a constant: the tangent is that of the new input only.
            let r = Tensor.Jvp(Func<_, _>(fun (t: T) -> Tensor.Add(t, kept)), Tensor.Zeros<float>(2), Tensor.Full(3.0, 2))
            Expect.equal (r.Tangent.ToArray()) [| 3.0; 3.0 |] "kept tensor is constant"
        }
        test "indexer checks rank and range" {
            let x = Tensor.Zeros<float>(2, 3)
            throwsWith<ArgumentException> [ "1 indices"; "[2, 3]" ] (fun () -> x[1] |> ignore)
            throwsWith<IndexOutOfRangeException> [ "axis 1" ] (fun () -> x[1, 3] |> ignore)
            Expect.equal x[1, 2] 0.0 "in range"
        }
        test "structural operations check their arguments" {
            let x = Tensor.Zeros<float>(2, 3)
            throwsWith<ArgumentException> [ "concat"; "[2, 3]"; "[3, 3]" ] (fun () -> Tensor.Concat([| x; Tensor.Zeros<float>(3, 3) |], 1) |> ignore)
            throwsWith<ArgumentException> [ "stack"; "[2, 3]"; "[3, 2]" ] (fun () -> Tensor.Stack([| x; Tensor.Zeros<float>(3, 2) |], 0) |> ignore)
            throwsWith<ArgumentException> [ "permute"; "[0, 0]" ] (fun () -> Tensor.Permute(x, 0, 0) |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "slice"; "1..4" ] (fun () -> Tensor.Slice(x, 1, 1, 4) |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "take" ] (fun () -> Tensor.Take(x, 0, [| 2 |]) |> ignore)
            throwsWith<ArgumentOutOfRangeException> [ "axis 2" ] (fun () -> Tensor.Sum(x, 2, false) |> ignore)
            throwsWith<ArgumentException> [ "matmul"; "[2, 3]"; "[2, 3]" ] (fun () -> Tensor.MatMul(x, x) |> ignore)
            throwsWith<ArgumentException> [ "matmul"; "[2, 2, 3]"; "[3, 3, 2]" ] (fun () -> Tensor.MatMul(Tensor.Zeros<float>(2, 2, 3), Tensor.Zeros<float>(3, 3, 2)) |> ignore)
            throwsWith<ArgumentException> [ "crossEntropy"; "3 labels" ] (fun () -> Tensor.CrossEntropy(x, [| 0; 1; 2 |]) |> ignore)
            throwsWith<ArgumentException> [ "meanSquaredError"; "[2, 3]"; "[3]" ] (fun () -> Tensor.MeanSquaredError(x, Tensor.Zeros<float>(3)) |> ignore)
        }
        test "a label out of range names the labels argument, not an internal operation" {
            let logits = Tensor.Zeros<float>(2, 3)
            let e = Expect.throwsC (fun () -> Tensor.CrossEntropy(logits, [| 0; 3 |]) |> ignore) id
            Expect.isTrue (e :? ArgumentOutOfRangeException) $"expected ArgumentOutOfRangeException, got {e}"
            Expect.equal (e :?> ArgumentException).ParamName "labels" "names the argument"
            Expect.stringContains e.Message "labels[1] = 3" "names the entry"
            Expect.stringContains e.Message "3 classes" "says the range"
            throwsWith<ArgumentOutOfRangeException> [ "labels[0] = -1" ] (fun () -> Tensor.CrossEntropy(logits, [| -1; 0 |]) |> ignore)
        }
        test "ToScalar on a tensor with several elements" {
            throwsWith<InvalidOperationException> [ "[2]" ] (fun () -> Tensor.Ones<float>(2).ToScalar() |> ignore)
        }
    ]
