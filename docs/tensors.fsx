(**
---
title: Tensors
category: Guides
categoryindex: 2
index: 4
---
*)
(*** hide ***)
#r "../src/Tensors/bin/Release/net10.0/System.Numerics.Tensors.dll"
#r "../src/Tensors/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/Tensors/bin/Release/net10.0/Fluxion.Tensors.dll"
(**
# Tensors: gradients, JVPs and Hessian-vector products on arrays

`Tensor<'T>` is a dense float32 or float64 array with a shape, stored contiguously in row-major order and
immutable. Every operation — elementwise functions of the rule table, arithmetic with NumPy broadcasting,
reductions, reshaping and slicing, softmax and losses — is differentiable in reverse mode (gradients,
vector-Jacobian products) and in forward mode (Jacobian-vector products), and the two combine for second
derivatives. The operations are static methods of `Tensor`, callable alike from F# and C#.
*)
open System
open Fluxion

let x = Tensor.FromArray([| 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 |], 2, 3)
let shifted = x + Tensor.FromArray [| 10.0; 20.0; 30.0 |] // broadcast over the rows
(*** include-value: shifted ***)
(**
Matrix products follow `numpy.matmul` (batches broadcast) and run on OpenBLAS or the managed kernel
(`MatMul.Backend`); their VJPs are again products, with operands read transposed rather than copied:
*)
let product = Tensor.MatMul(x, Tensor.Transpose x)
(*** include-value: product ***)
(**
## Gradients

`Tensor.Gradient` differentiates a function with one output element. Here f(x) = Σ exp(x)·sin(x):
*)
let f (x: Tensor<float>) = Tensor.Sum(Tensor.Exp x * Tensor.Sin x)

let g = Tensor.Gradient(Func<_, _>(f), x)
(*** include-value: g ***)
(**
For training loops the parameters are tensors marked with `AsParameter()`, and `Tensor.Gradients(loss,
parameters)` returns one gradient per parameter, like `torch.autograd.grad`:
*)
let rng = Random 1
let w = Tensor.RandomNormal<float>(rng, 3, 2).AsParameter()
let b = Tensor.Zeros<float>(2).AsParameter()
let inputs = Tensor.RandomNormal<float>(rng, 4, 3, 1) // 4 samples of 3 features (as a column)
let predictions = Tensor.Tanh(Tensor.Sum(inputs * w, 1, false) + b)
let loss = Tensor.MeanSquaredError(predictions, Tensor.Ones<float>(4, 2))
let grads = Tensor.Gradients(loss, [| w; b |])
let biasGradient = grads[1]
(*** include-value: biasGradient ***)
(**
Only operations on tensors that require a gradient record anything; inside `use _ = Tensor.NoGrad()` nothing
records at all. The graph lives in the tensors (each recorded result holds its operands' nodes) and is freed
with them by the garbage collector, so a forward pass whose gradient is never taken costs nothing later.

## Jacobian-vector products

Forward mode carries a tangent with every tensor: `Tensor.Jvp(f, x, v)` gives f(x) and the directional
derivative J(x)·v in one pass, without forming J.
*)
let softmaxRows (x: Tensor<float>) = Tensor.Softmax(x, 1)
let v = Tensor.Ones<float>(2, 3)
let jvp = Tensor.Jvp(Func<_, _>(softmaxRows), x, v)
let tangent = jvp.Tangent
(*** include-value: tangent ***)
(**
Adding the same constant to every logit of a row does not change its softmax, so the tangent along the
all-ones direction is zero (up to rounding).

Forward levels nest. The second and third derivatives of x·sin x, elementwise, by a JVP of a JVP (of a JVP) —
the way a physics-informed loss takes u_xx of a network — are −x·sin x + 2 cos x and −3 sin x − x cos x:
*)
let along (f: Tensor<float> -> Tensor<float>) (t: Tensor<float>) = Tensor.Jvp(Func<_, _>(f), t, Tensor.Ones<float>(t.Shape)).Tangent
let xSinX (t: Tensor<float>) = t * Tensor.Sin t
let points = Tensor.FromArray [| 0.5; 1.0; 2.0 |]
let second = along (along xSinX) points
let third = along (along (along xSinX)) points
(*** include-value: second ***)
(*** include-value: third ***)
(**

## Second derivatives

Every VJP and JVP rule is itself written with differentiable tensor operations, so derivatives of derivatives
come without a second set of rules. `Tensor.HessianVectorProduct(f, x, v)` runs forward mode over reverse mode:
the directional derivative of the gradient.
*)
let rosenbrock (x: Tensor<float>) =
    let n = x.Length
    let a = Tensor.Slice(x, 0, 0, n - 1)
    let b = Tensor.Slice(x, 0, 1, n)
    Tensor.Sum(100.0 * Tensor.Square(b - Tensor.Square a) + Tensor.Square(1.0 - a))

let x0 = Tensor.FromArray [| -1.2; 1.0; 0.5 |]
let direction = Tensor.FromArray [| 1.0; 0.0; 0.0 |]
let hv = Tensor.HessianVectorProduct(Func<_, _>(rosenbrock), x0, direction) // the first column of the Hessian
(*** include-value: hv ***)
(**
The same column by reverse over reverse: differentiate ⟨∇f(x), v⟩.
*)
let hv2 =
    Tensor.Gradient(Func<_, _>(fun x -> Tensor.Sum(Tensor.Gradient(Func<_, _>(rosenbrock), x) * direction)), x0)
(*** include-value: hv2 ***)
(**
## Conventions

- Elementwise functions come from the rule table, with its conventions at non-smooth points; `Tensor.Apply<'R, 'T>`
  maps any rule. Derivatives of every order come from the table too: the third and higher derivatives through an
  elementwise function are the rule's own second derivative evaluated on nested dual numbers (up to order 12;
  order 13 and up throw `NotSupportedException` saying so).
- A zero adjoint or tangent stays zero where a partial derivative is infinite (the gradient of Σ √x·w at x = 0
  with w = 0 is 0, not NaN), as in every other mode of Fluxion.
- `Relu` is `max(x, 0)` through the max rule, whose tie convention gives ReLU′(0) = ½ (PyTorch uses 0).
  `Max`/`Min` along axes share the derivative equally among tied elements.
- Forward levels nest: a `Jvp` inside a `Jvp` (inside a `Gradient`, …) is a derivative of a derivative, with every
  level's perturbation kept apart by its tag, so d/dx [x · d/dy (x + y)] is 1, not 2. Work a function hands to
  other threads (`Task.Run`, `Parallel.For`) keeps its tangents.
- `Tensor.Scope()` hands a step's buffers back for reuse when disposed; see the architecture page for its rules.
- Results are materialised (transposes and slices copy): simple, contiguous inputs for every kernel.
*)
