/// Values of the structural operations, reductions and losses against plain-array references written here.
module Fluxion.Tensors.Tests.ValueTests

open System
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

let private m23 = tensor [| 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 |] [| 2; 3 |]

[<Tests>]
let tests =
    testList "tensor values" [
        test "factories" {
            Expect.equal (Tensor.Zeros<float>(2, 3).ToArray()) (Array.zeroCreate 6) "zeros"
            Expect.equal (Tensor.Full(2.5, 2).ToArray()) [| 2.5; 2.5 |] "full"
            Expect.equal (Tensor.Arange<float>(4).ToArray()) [| 0.0; 1.0; 2.0; 3.0 |] "arange count"
            Expect.equal (Tensor.Arange(1.0, 2.0, 0.25).ToArray()) [| 1.0; 1.25; 1.5; 1.75 |] "arange step"
            Expect.equal (Tensor.FromArray(array2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ]).ToArray()) [| 1.0; 2.0; 3.0; 4.0 |] "2-D array"
            Expect.equal (Tensor.FromRows [| [| 1.0; 2.0 |]; [| 3.0; 4.0 |] |]).Shape [| 2; 2 |] "rows"
            let r1 = Tensor.RandomNormal<float>(Random 5, 1000)
            let r2 = Tensor.RandomNormal<float>(Random 5, 1000)
            Expect.equal (r1.ToArray()) (r2.ToArray()) "seeded"
            let mean = Array.average (r1.ToArray())
            Expect.isLessThan (abs mean) 0.15 "mean near 0"
            let u = Tensor.RandomUniform(Random 1, -1.0f, 1.0f, 100).ToArray()
            Expect.isTrue (u |> Array.forall (fun v -> v >= -1.0f && v < 1.0f)) "uniform range"
        }
        test "broadcasting arithmetic" {
            let r = Tensor.Add(m23, tensor [| 10.0; 20.0; 30.0 |] [| 3 |])
            Expect.equal (r.ToArray()) [| 11.0; 22.0; 33.0; 14.0; 25.0; 36.0 |] "row"
            let col = Tensor.Multiply(m23, tensor [| 2.0; -1.0 |] [| 2; 1 |])
            Expect.equal (col.ToArray()) [| 2.0; 4.0; 6.0; -4.0; -5.0; -6.0 |] "column"
            let outer = Tensor.Subtract(tensor [| 1.0; 2.0 |] [| 2; 1 |], tensor [| 1.0; 2.0; 3.0 |] [| 3 |])
            Expect.equal outer.Shape [| 2; 3 |] "outer shape"
            Expect.equal (outer.ToArray()) [| 0.0; -1.0; -2.0; 1.0; 0.0; -1.0 |] "outer"
        }
        test "structure" {
            Expect.equal (Tensor.Transpose(m23).ToArray()) [| 1.0; 4.0; 2.0; 5.0; 3.0; 6.0 |] "transpose"
            Expect.equal (Tensor.Slice(m23, 1, 1, 3).ToArray()) [| 2.0; 3.0; 5.0; 6.0 |] "slice"
            Expect.equal (Tensor.Select(m23, 0, 1).ToArray()) [| 4.0; 5.0; 6.0 |] "select"
            Expect.equal (Tensor.Index(m23, 1, 0).ToScalar()) 4.0 "index"
            let c = Tensor.Concat([| m23; tensor [| 7.0; 8.0 |] [| 2; 1 |] |], 1)
            Expect.equal (c.ToArray()) [| 1.0; 2.0; 3.0; 7.0; 4.0; 5.0; 6.0; 8.0 |] "concat"
            let s = Tensor.Stack([| tensor [| 1.0; 2.0 |] [| 2 |]; tensor [| 3.0; 4.0 |] [| 2 |] |], 1)
            Expect.equal (s.ToArray()) [| 1.0; 3.0; 2.0; 4.0 |] "stack"
            Expect.equal (Tensor.Take(m23, 1, [| 2; 2; 0 |]).ToArray()) [| 3.0; 3.0; 1.0; 6.0; 6.0; 4.0 |] "take"
            Expect.equal (Tensor.Gather(m23, 1, [| 2; 0 |]).ToArray()) [| 3.0; 4.0 |] "gather"
            let p = Tensor.Permute(Tensor.Reshape(Tensor.Arange<float>(24), 2, 3, 4), 2, 0, 1)
            Expect.equal p.Shape [| 4; 2; 3 |] "permute shape"
            Expect.equal p[3, 1, 2] (float (1 * 12 + 2 * 4 + 3)) "permute element"
        }
        test "matrix products against a triple loop" {
            let rng = Random 8
            let check (ashape: int[]) (bshape: int[]) =
                let a = uniform rng -1.0 1.0 ashape
                let b = uniform rng -1.0 1.0 bshape
                let p = Tensor.MatMul(a, b)
                let m, k, n = ashape[ashape.Length - 2], ashape[ashape.Length - 1], bshape[bshape.Length - 1]
                let batches = p.Length / (m * n)
                let av, bv = a.ToArray(), b.ToArray()
                let bBatched = bshape.Length > 2
                let expected =
                    Array.init p.Length (fun idx ->
                        let q, r = idx / (m * n), idx % (m * n)
                        let i, j = r / n, r % n
                        let boff = if bBatched then q * k * n else 0
                        Seq.sum (seq { for l in 0 .. k - 1 -> av[q * m * k + i * k + l] * bv[boff + l * n + j] }))
                Expect.equal batches (if ashape.Length > 2 then ashape[0] else 1) "batches"
                close 1e-13 (p.ToArray()) expected $"matmul {Shapes.show ashape} {Shapes.show bshape}"
            check [| 3; 4 |] [| 4; 5 |]
            check [| 1; 1 |] [| 1; 7 |]
            check [| 2; 3; 4 |] [| 4; 2 |]
            check [| 3; 2; 5 |] [| 3; 5; 4 |]
            Expect.equal (Tensor.MatMul(Tensor.Ones<float>(4), Tensor.Ones<float>(4)).Shape) [||] "dot is a scalar"
            Expect.equal (Tensor.MatMul(Tensor.Ones<float>(2, 3, 4), Tensor.Ones<float>(4)).Shape) [| 2; 3 |] "matrix · vector"
            Expect.equal (Tensor.MatMul(Tensor.Ones<float>(2, 1, 3, 4), Tensor.Ones<float>(5, 4, 6)).Shape) [| 2; 5; 3; 6 |] "broadcast batch"
            let f32 = Tensor.MatMul(Tensor.Ones<float32>(2, 3), Tensor.Full(2.0f, 3, 2))
            Expect.equal (f32.ToArray()) (Array.create 4 6.0f) "float32"
        }
        test "reductions" {
            Expect.equal (Tensor.Sum(m23).ToScalar()) 21.0 "sum"
            Expect.equal (Tensor.Sum(m23, 0, false).ToArray()) [| 5.0; 7.0; 9.0 |] "sum axis 0"
            Expect.equal (Tensor.Sum(m23, [| 1 |], true).Shape) [| 2; 1 |] "keepDims"
            Expect.equal (Tensor.Mean(m23, 1, false).ToArray()) [| 2.0; 5.0 |] "mean"
            Expect.equal (Tensor.Max(m23, 0, false).ToArray()) [| 4.0; 5.0; 6.0 |] "max"
            Expect.equal (Tensor.Min(m23).ToScalar()) 1.0 "min"
        }
        test "max shares the derivative among ties" {
            let g = Tensor.Gradient(Func<_, _>(fun (x: T) -> Tensor.Max x), tensor [| 1.0; 3.0; 3.0; 2.0 |] [| 4 |])
            Expect.equal (g.ToArray()) [| 0.0; 0.5; 0.5; 0.0 |] "half each"
        }
        test "relu at 0 has derivative 1/2 (the max rule's tie convention)" {
            let g = Tensor.Gradient(Func<_, _>(fun (x: T) -> Tensor.Sum(Tensor.Relu x)), tensor [| -1.0; 0.0; 2.0 |] [| 3 |])
            Expect.equal (g.ToArray()) [| 0.0; 0.5; 1.0 |] "relu'"
        }
        test "softmax, logSumExp and cross-entropy" {
            let x = [| 0.5; -1.0; 2.0 |]
            let sumExp = x |> Array.sumBy exp
            close 1e-15 (Tensor.Softmax(tensor x [| 3 |], 0).ToArray()) (x |> Array.map (fun v -> exp v / sumExp)) "softmax"
            close 1e-15 [| Tensor.LogSumExp(tensor x [| 3 |]).ToScalar() |] [| log sumExp |] "logSumExp"
            // Stable for large arguments: log(e¹⁰⁰⁰ + e¹⁰⁰⁰) = 1000 + ln 2.
            close 1e-15 [| Tensor.LogSumExp(tensor [| 1000.0; 1000.0 |] [| 2 |]).ToScalar() |] [| 1000.0 + log 2.0 |] "large"
            let logits = tensor [| 0.5; -1.0; 2.0; 1.0; 1.0; 0.0 |] [| 2; 3 |]
            let rowLoss (r: float[]) label = log (r |> Array.sumBy exp) - r[label]
            let expected = (rowLoss [| 0.5; -1.0; 2.0 |] 2 + rowLoss [| 1.0; 1.0; 0.0 |] 0) / 2.0
            close 1e-15 [| Tensor.CrossEntropy(logits, [| 2; 0 |]).ToScalar() |] [| expected |] "cross-entropy"
            close 1e-15 [| Tensor.MeanSquaredError(m23, Tensor.Zeros<float>(2, 3)).ToScalar() |] [| 91.0 / 6.0 |] "mse"
        }
        test "large tensors (parallel kernels) agree with small-tensor arithmetic" {
            let n = 300_000
            let x = uniform (Random 9) -1.0 1.0 [| 3; n / 3 |]
            let y = uniform (Random 10) -1.0 1.0 [| n / 3 |]
            let z = Tensor.Add(Tensor.Multiply(x, y), Tensor.Tanh x)
            let xs, ys = x.ToArray(), y.ToArray()
            close 1e-15 (z.ToArray()) (Array.init n (fun i -> xs[i] * ys[i % (n / 3)] + tanh xs[i])) "values"
            let s = Tensor.Sum(x, 0, false).ToArray()
            close 1e-12 s (Array.init (n / 3) (fun j -> xs[j] + xs[j + n / 3] + xs[j + 2 * n / 3])) "column sums"
            close 1e-9 [| Tensor.Sum(x).ToScalar() |] [| Array.sum xs |] "total"
        }
    ]
