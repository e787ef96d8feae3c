/// Tensor scopes: a step's storage is handed back and reused, never read stale; the ownership rules hold.
module Fluxion.Tensors.Tests.ScopeTests

open System
open System.Threading.Tasks
open Expecto
open Fluxion
open Fluxion.Tensors.Tests.Check

/// A small tanh perceptron trained by SGD with momentum for `steps` steps, each in a scope or not; the final
/// parameters and every step's loss.
let private train (scoped: bool) (steps: int) =
    let rng = Random 4
    let net = MultilayerPerceptron<float>([| 64; 48; 10 |], Activation.Tanh, rng, Initialization.XavierUniform)
    let sgd = Sgd<float>(net.Parameters, 0.05, 0.9)
    let x = Tensor.RandomNormal<float>(rng, 40, 64)
    let labels = Array.init 40 (fun i -> i % 10)
    let losses =
        [| for _ in 1..steps ->
               let scope = if scoped then Tensor.Scope() else null
               try
                   let loss = Tensor.CrossEntropy(net.Forward x, labels)
                   sgd.Step loss
                   loss.ToScalar()
               finally
                   if scoped then scope.Dispose() |]
    losses, net.Parameters.ToFlatArray()

[<Tests>]
let tests =
    testList "tensor scopes" [
        test "training in scopes gives bit-identical results to training without them" {
            let lossesPlain, paramsPlain = train false 12
            let lossesScoped, paramsScoped = train true 12
            Expect.equal lossesScoped lossesPlain "losses"
            Expect.equal paramsScoped paramsPlain "parameters"
            Expect.isLessThan lossesScoped[11] lossesScoped[0] "the loss falls"
        }
        test "a tensor read after its scope ended throws instead of showing reused memory" {
            let x = Tensor.RandomNormal<float>(Random 1, 64, 64)
            let reference = (Tensor.Tanh x).ToArray()
            let mutable escaped: T = null
            do
                use _ = Tensor.Scope()
                escaped <- Tensor.Tanh x
            throwsWith<ObjectDisposedException> [ "TensorScope"; "Keep" ] (fun () -> escaped.ToArray() |> ignore)
            throwsWith<ObjectDisposedException> [ "TensorScope" ] (fun () -> Tensor.Add(escaped, x) |> ignore)
            // The memory went back to the pool and is reused by the next computation, which is right.
            use _ = Tensor.Scope()
            Expect.equal ((Tensor.Tanh x).ToArray()) reference "a fresh result in reused memory"
        }
        test "Keep moves a tensor to the enclosing scope, and out of scopes at the outermost" {
            let x = Tensor.RandomNormal<float>(Random 2, 50, 50)
            let expected = (Tensor.Exp x).ToArray()
            let mutable kept: T = null
            let mutable keptInner: T = null
            do
                use outer = Tensor.Scope()
                do
                    use inner = Tensor.Scope()
                    keptInner <- inner.Keep(Tensor.Exp x)
                // Alive in the outer scope after the inner one ended.
                Expect.equal (keptInner.ToArray()) expected "kept into the outer scope"
                kept <- outer.Keep(Tensor.Exp x)
            Expect.equal (kept.ToArray()) expected "kept out of every scope"
            throwsWith<ObjectDisposedException> [ "TensorScope" ] (fun () -> keptInner.ToArray() |> ignore)
        }
        test "host data, parameters and optimiser state are never owned by a scope" {
            let mutable p: T = null
            let mutable c: T = null
            do
                use _ = Tensor.Scope()
                p <- Tensor.FromArray(Array.init 2000 float).AsParameter()
                c <- Tensor.Zeros<float>(3000)
            Expect.equal (p.ToArray()[1999]) 1999.0 "a parameter made from host data"
            Expect.equal (c.ToArray().Length) 3000 "zeros"
        }
        test "work handed to another thread belongs to the scope of the computation that started it" {
            let x = Tensor.RandomNormal<float>(Random 3, 40, 40)
            use scope = Tensor.Scope()
            let before = scope.OwnedCount
            let y = Task.Run(fun () -> Tensor.Sin x).Result
            Expect.isGreaterThan scope.OwnedCount before "owned by the scope"
            close 0.0 (y.ToArray()) (x.ToArray() |> Array.map Math.Sin) "values"
        }
        test "scopes are disposed innermost first" {
            let outer = Tensor.Scope()
            let inner = Tensor.Scope()
            throwsWith<InvalidOperationException> [ "innermost first" ] (fun () -> outer.Dispose())
            inner.Dispose()
            outer.Dispose()
        }
        test "a second step in a scope reuses the first step's buffers" {
            let rng = Random 6
            let net = MultilayerPerceptron<float>([| 128; 128; 10 |], Activation.Tanh, rng, Initialization.XavierUniform)
            let sgd = Sgd<float>(net.Parameters, 0.01, 0.9)
            let x = Tensor.RandomNormal<float>(rng, 128, 128)
            let labels = Array.init 128 (fun i -> i % 10)
            // Counted on this thread (where the step rents its arrays): the process-wide count also sees the tests
            // that Expecto runs in parallel, which made this check fail at random.
            let step () =
                let before = GC.GetAllocatedBytesForCurrentThread()
                do
                    use _ = Tensor.Scope()
                    sgd.Step(Tensor.CrossEntropy(net.Forward x, labels))
                GC.GetAllocatedBytesForCurrentThread() - before
            let first = step ()
            let second = List.init 3 (fun _ -> step ()) |> List.min
            // The step's arrays (about 1 MB here) come back from the pool; what remains is graph bookkeeping.
            Expect.isLessThan second (first / 4L) $"allocated {second} bytes in the second step, {first} in the first"
        }
    ]
