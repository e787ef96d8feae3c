(**
---
title: Networks
category: Guides
categoryindex: 2
index: 5
---
*)
(*** hide ***)
#r "../src/Networks/bin/Release/net10.0/System.Numerics.Tensors.dll"
#r "../src/Networks/bin/Release/net10.0/MathNet.Numerics.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.DualNumbers.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.Tensors.dll"
#r "../src/Networks/bin/Release/net10.0/Fluxion.Networks.dll"
(**
# Networks: layers, optimisers, training, and second order

Fluxion's tensors come with the building blocks of small networks: linear layers and multilayer perceptrons,
activations, Xavier/Glorot and He/Kaiming initialisation from a seeded generator, parameter collections, SGD
with momentum, Adam, and a MathNet L-BFGS adapter for full-batch fits. They are ordinary classes (usable from
C# as they are) on top of the differentiable tensor operations, so everything below is differentiable again.

## A classifier on synthetic data

Three Gaussian blobs in the plane, one class each, 300 points for training and 300 for testing:
*)
open System
open Fluxion

let blobs (random: Random) (count: int) =
    let labels = Array.init count (fun i -> i % 3)
    let noise = (Tensor.RandomNormal<float>(random, count, 2)).ToArray()
    let point k =
        let i, axis = k / 2, k % 2
        let angle = 2.0 * Math.PI * float labels[i] / 3.0
        (if axis = 0 then 3.0 * cos angle else 3.0 * sin angle) + noise[k]
    Tensor.FromArray(Array.init (2 * count) point, count, 2), labels

let random = Random(11)
let x, labels = blobs random 300
let xTest, labelsTest = blobs random 300
(**
A perceptron with one hidden layer of 16 tanh units maps a point to three logits. Its constructor draws the
weights from the generator (Xavier/Glorot uniform for tanh, He/Kaiming for ReLU and GELU; biases start at zero):
*)
let net = MultilayerPerceptron<float>([| 2; 16; 3 |], Activation.Tanh, random)
let parameterCount = net.Parameters.ElementCount
(*** include-value: parameterCount ***)
(**
Training is a loop of forward pass, loss, and optimiser step. `Step(loss)` takes the gradients of the loss with
respect to the parameters in one reverse sweep and updates the parameters in place (the optimiser's state is
allocated once, so a step allocates nothing beyond the forward and backward passes):
*)
let adam = Adam<float>(net.Parameters, 0.05)

let losses =
    [| for _ in 1..150 do
           let loss = Tensor.CrossEntropy(net.Forward x, labels)
           adam.Step loss
           loss.ToScalar() |]

let firstAndLast = losses[0], losses[losses.Length - 1]
(*** include-value: firstAndLast ***)
(**
The accuracy on the held-out points, evaluated without recording (`Tensor.NoGrad`):
*)
let accuracy (logits: Tensor<float>) (labels: int[]) =
    let z = logits.ToArray()
    let predicted i = [| 0..2 |] |> Array.maxBy (fun c -> z[i * 3 + c])
    float (labels |> Array.indexed |> Array.filter (fun (i, l) -> predicted i = l) |> Array.length) / float labels.Length

let testAccuracy =
    use _ = Tensor.NoGrad()
    accuracy (net.Forward xTest) labelsTest
(*** include-value: testAccuracy ***)
(**
The classes overlap a little (the blobs have unit variance and centres 5.2 apart), so about 99% is the best any
classifier can do here.

## Second order: a Hessian-vector product of the loss

Because the backward pass is made of differentiable tensor operations, the gradient can be differentiated again.
`ParameterCollection.HessianVectorProduct` gives ∇²L·v for the loss L as a function of all the parameters,
along a direction v (one tensor per parameter), by reverse over reverse: the gradient of ⟨∇L, v⟩. No Hessian
(here 99 × 99; for real networks far too large) is formed.
*)
let loss () = Tensor.CrossEntropy(net.Forward x, labels)
let parameters = net.Parameters
let v = Array.init parameters.Count (fun k -> Tensor.RandomUniform(Random(k), -1.0, 1.0, parameters[k].Shape))
let hv = parameters.HessianVectorProduct(Func<_>(loss), v) |> Array.collect (fun t -> t.ToArray())
(**
An independent check: the centred finite difference of the gradient along v,
(∇L(θ + hv) − ∇L(θ − hv)) / 2h, moving the parameters with `CopyFrom` on their flat array:
*)
let theta = parameters.ToFlatArray()
let direction = v |> Array.collect (fun t -> t.ToArray())

let gradientAt (h: float) =
    parameters.CopyFrom(Array.map2 (fun p d -> p + h * d) theta direction)
    parameters.Gradients(loss ()) |> Array.collect (fun t -> t.ToArray())

let h = 1e-5
let finiteDifference = Array.map2 (fun a b -> (a - b) / (2.0 * h)) (gradientAt h) (gradientAt -h)
parameters.CopyFrom theta

let largestDifference = Array.map2 (fun a b -> abs (a - b)) hv finiteDifference |> Array.max
let largestEntry = hv |> Array.map abs |> Array.max
let largestDifferenceAndEntry = (largestDifference, largestEntry)
(*** include-value: largestDifferenceAndEntry ***)
(**
The two agree to about nine digits relative to the largest entry, within the truncation and rounding error of a
centred difference with this step. Curvature along a direction is vᵀ∇²L·v, here positive:
*)
let curvature = Array.fold2 (fun s a b -> s + a * b) 0.0 hv direction
(*** include-value: curvature ***)
(**
## Full-batch fits with L-BFGS

For a small model fitted on all the data at once, `Lbfgs.Minimize` hands the flattened parameters to MathNet's
limited-memory BFGS with the exact gradient from reverse mode, and leaves the parameters at the minimum. Fitting
sin on [−2, 2] with a 1-8-1 tanh perceptron:
*)
let xs = Tensor.FromArray(Array.init 40 (fun i -> -2.0 + 4.0 * float i / 39.0), 40, 1)
let ys = Tensor.Sin xs
let small = MultilayerPerceptron<float>([| 1; 8; 1 |], Activation.Tanh, Random(14))
let fit = Lbfgs.Minimize(small.Parameters, (fun () -> Tensor.MeanSquaredError(small.Forward xs, ys)), 1e-9, 400)
let fitted = fit.Loss, fit.Iterations, fit.Reason
(*** include-value: fitted ***)
(**
The mean squared error falls below 10⁻⁶ (the iteration limit stops the fit; `fit.Converged` tells which).

The same classes work from C#: `new MultilayerPerceptron<float>(new[] { 784, 256, 10 }, Activation.Relu, new Random(1))`,
`new Sgd<float>(net.Parameters, learningRate: 0.1, momentum: 0.9)`, `sgd.Step(Tensor.CrossEntropy(net.Forward(x), labels))`.
*)
