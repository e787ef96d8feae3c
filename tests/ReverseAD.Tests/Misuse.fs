/// Misuse gives a clear exception, never a silently wrong result.
module Fluxion.ReverseAD.Tests.Misuse

open System
open System.Threading
open System.Threading.Tasks
open Expecto
open Fluxion

let private throwsWith (fragment: string) (f: unit -> unit) (what: string) =
    let e = Expect.throwsC f id
    Expect.stringContains e.Message fragment what

/// The three ways code gets onto another thread: a thread-pool task, a LongRunning task (a thread of its own)
/// and a Thread.
let private threadKinds = [ "Task.Run"; "LongRunning"; "new Thread" ]

/// Runs `work` on another thread of the given kind, checks that it did run on another thread, and returns
/// what it threw (null when it did not throw).
let private onAnotherThread (kind: string) (work: unit -> unit) : exn =
    let caller = Environment.CurrentManagedThreadId
    let ranOn = ref caller
    let error = ref null
    let body () =
        ranOn.Value <- Environment.CurrentManagedThreadId
        try work () with e -> error.Value <- e
    match kind with
    | "Task.Run" ->
        let task = Task.Run(Action body)
        // Not task.Wait(): waiting on a task that has not started yet may run it inline on this thread.
        while not task.IsCompleted do
            Thread.Sleep 1
    | "LongRunning" -> Task.Factory.StartNew(Action body, TaskCreationOptions.LongRunning).Wait()
    | _ ->
        let t = Thread(body)
        t.Start()
        t.Join()
    Expect.notEqual ranOn.Value caller $"{kind}: the work ran on another thread"
    error.Value

/// Checks that `work`, run on another thread of each kind, throws InvalidOperationException saying `fragment`.
let private refusedOnEveryOtherThread (fragment: string) (what: string) (work: unit -> unit) =
    for kind in threadKinds do
        let e = onAnotherThread kind work
        Expect.isNotNull e $"{what} on {kind}: refused"
        Expect.equal (e.GetType()) typeof<InvalidOperationException> $"{what} on {kind}: {e}"
        Expect.stringContains e.Message fragment $"{what} on {kind}: the message says why"

[<Tests>]
let tests =
    testList "misuse (reverse)" [
        test "a Var from a finished computation" {
            let mutable leaked = Var<float>.Zero
            Reverse.gradient (fun (x: Var<float>[]) -> (leaked <- x[0]; x[0] * x[0])) [| 2.0 |] |> ignore
            Expect.throwsT<InvalidOperationException> (fun () -> leaked * leaked |> ignore) "outside any computation"
            // Inside a later computation on the same (reused) tape it is still refused.
            Expect.throwsT<InvalidOperationException>
                (fun () -> Reverse.gradient (fun (x: Var<float>[]) -> x[0] + leaked) [| 1.0 |] |> ignore)
                "inside a later computation"
        }
        test "a Var from another thread" {
            let f (x: Var<float>[]) =
                let mutable error: exn = null
                let t = Thread(fun () -> try sin x[0] |> ignore with e -> error <- e)
                t.Start()
                t.Join()
                Expect.isNotNull error "the other thread threw"
                Expect.isTrue (error :? InvalidOperationException) (string error)
                x[0]
            Reverse.gradient f [| 1.0 |] |> ignore
        }
        test "reading adjoints before the sweep" {
            use tape = GradientTape<float>.Start()
            let x = tape.Variable 2.0
            let y = x * x
            throwsWith "before the reverse sweep" (fun () -> tape.Adjoint x |> ignore) "before Backward"
            tape.Backward y
            Expect.equal (tape.Adjoint x) 4.0 "after Backward"
            let z = y * x
            throwsWith "after the last reverse sweep" (fun () -> tape.Adjoint z |> ignore) "recorded after the sweep"
            tape.Backward z
            Expect.equal (tape.Adjoint x) 12.0 "second sweep on the same recording"
        }
        test "nesting mistake: an enclosing Var inside a nested computation of the same type" {
            let outer (x: Var<float>[]) =
                throwsWith "Nesting mistake" (fun () -> Reverse.gradient (fun (y: Var<float>[]) -> x[0] * y[0]) [| 1.0 |] |> ignore) "nested"
                x[0]
            Reverse.gradient outer [| 1.0 |] |> ignore
        }
        test "an independent nested computation of the same type is fine" {
            let outer (x: Var<float>[]) =
                let inner = Reverse.gradient (fun (y: Var<float>[]) -> y[0] * y[0]) [| x[0].Primal |]
                x[0] * inner[0]
            Expect.equal (Reverse.gradient outer [| 3.0 |]) [| 6.0 |] "the inner result is a constant"
        }
        test "nesting mistake: ending an outer tape while a nested one runs" {
            let outer = GradientTape<float>.Start()
            let inner = GradientTape<float>.Start()
            throwsWith "Nesting mistake" (fun () -> outer.Dispose()) "outer first"
            inner.Dispose()
            outer.Dispose()
            throwsWith "has ended" (fun () -> outer.Variable 1.0 |> ignore) "use after Dispose"
        }
        test "recording inside a custom backward step" {
            let f (x: Var<float>[]) =
                Reverse.custom (x[0].Primal * 2.0) [| x[0] |] (fun adj -> adj.Add(x[0], (x[0] * 2.0).Primal * adj.Output()))
            throwsWith "during the reverse sweep" (fun () -> Reverse.gradient f [| 1.0 |] |> ignore) "Var arithmetic in backward"
        }
        test "a custom step adding into a Var that is not its operand" {
            let f (x: Var<float>[]) =
                let later = ref Var<float>.Zero
                let y = Reverse.custom x[0].Primal [| x[0] |] (fun adj -> adj.Add(later.Value, adj.Output()))
                later.Value <- y * 2.0
                later.Value
            throwsWith "recorded after the custom operation" (fun () -> Reverse.gradient f [| 1.0 |] |> ignore) "not an operand"
        }
        test "Backward from inside a backward step" {
            use tape = GradientTape<float>.Start()
            let x = tape.Variable 1.0
            let y = Reverse.custom x.Primal [| x |] (fun adj -> tape.Backward x; adj.Add(x, adj.Output()))
            throwsWith "already running" (fun () -> tape.Backward y) "re-entrant sweep"
        }
        test "bad arguments name the argument" {
            let f = Func<Var<float>[], Var<float>>(fun x -> x[0])
            let e = Expect.throwsC (fun () -> ReverseMode.ValueAndGradientInto(f, [| 1.0 |], [| 1.0; 2.0 |]) |> ignore) id
            Expect.equal (e :?> ArgumentException).ParamName "gradient" "gradient length"
            let e = Expect.throwsC (fun () -> ReverseMode.Gradient(null, [| 1.0 |]) |> ignore) id
            Expect.equal (e :?> ArgumentNullException).ParamName "f" "null f"
            let e = Expect.throwsC (fun () -> Reverse.hessianVectorProduct (fun x -> x[0]) [| 1.0 |] [| 1.0; 2.0 |] |> ignore) id
            Expect.equal (e :?> ArgumentException).ParamName "v" "direction length"
            let e = Expect.throwsC (fun () -> Reverse.vjp (fun x -> [| x[0] |]) [| 1.0 |] [| 1.0; 2.0 |] |> ignore) id
            Expect.equal (e :?> ArgumentException).ParamName "cotangent" "cotangent length"
        }
        test "an empty point is refused by every reverse entry point, naming x, before f runs" {
            // f would throw IndexOutOfRangeException on an empty input; every entry point must refuse first.
            let g (v: Var<float>[]) = v[0] * v[0]
            let gs (v: Var<float>[]) = [| v[0] |]
            let h (v: Var<Dual<float>>[]) = v[0] * v[0]
            let empty: float[] = [||]
            let calls: (string * (unit -> unit)) list = [
                "ReverseMode.Gradient", (fun () -> ReverseMode.Gradient(Func<_, _> g, empty) |> ignore)
                "ReverseMode.ValueAndGradient", (fun () -> ReverseMode.ValueAndGradient(Func<_, _> g, empty) |> ignore)
                "ReverseMode.ValueAndGradientInto", (fun () -> ReverseMode.ValueAndGradientInto(Func<_, _> g, empty, [||]) |> ignore)
                "ReverseMode.Vjp", (fun () -> ReverseMode.Vjp(Func<_, _> gs, empty, [| 1.0 |]) |> ignore)
                "ReverseMode.Jacobian", (fun () -> ReverseMode.Jacobian(Func<_, _> gs, empty) |> ignore)
                "ReverseMode.HessianVectorProduct", (fun () -> ReverseMode.HessianVectorProduct(Func<_, _> h, empty, [||]) |> ignore)
                "ReverseMode.HessianVectorProductInto",
                (fun () -> ReverseMode.HessianVectorProductInto(Func<_, _> h, empty, [||], [||]) |> ignore)
                "ReverseMode.Hessian", (fun () -> ReverseMode.Hessian(Func<_, _> h, empty) |> ignore)
                "ReverseMode.CheckGradient",
                (fun () ->
                    let f = { new IMultivariateFunction with member _.Evaluate<'U when 'U :> Numerics.IFloatingPointIeee754<'U>>(x: 'U[]) = x[0] }
                    ReverseMode.CheckGradient(f, empty) |> ignore)
                "Reverse.gradient", (fun () -> Reverse.gradient g empty |> ignore)
                "Reverse.valueAndGradient", (fun () -> Reverse.valueAndGradient g empty |> ignore)
                "Reverse.valueAndGradientInto", (fun () -> Reverse.valueAndGradientInto (Func<_, _> g) empty [||] |> ignore)
                "Reverse.vjp", (fun () -> Reverse.vjp gs empty [| 1.0 |] |> ignore)
                "Reverse.jacobian", (fun () -> Reverse.jacobian gs empty |> ignore)
                "Reverse.hessianVectorProduct", (fun () -> Reverse.hessianVectorProduct h empty [||] |> ignore)
                "Reverse.hessian", (fun () -> Reverse.hessian h empty |> ignore)
            ]
            for name, call in calls do
                let e = Expect.throwsC call id
                Expect.equal (e.GetType()) typeof<ArgumentException> $"{name}: {e}"
                Expect.equal (e :?> ArgumentException).ParamName "x" name
        }
        test "a NaN or infinite direction, cotangent or seed is refused, naming the argument, its index and value" {
            let h (v: Var<Dual<float>>[]) = v[0] * v[1]
            let gs (v: Var<float>[]) = [| v[0]; v[0] * v[1] |]
            let x = [| 1.0; 2.0 |]
            for bad in [ nan; infinity; -infinity ] do
                let calls: (string * string * (unit -> unit)) list = [
                    "ReverseMode.HessianVectorProduct", "v", (fun () -> ReverseMode.HessianVectorProduct(Func<_, _> h, x, [| 1.0; bad |]) |> ignore)
                    "ReverseMode.HessianVectorProductInto", "v",
                    (fun () -> ReverseMode.HessianVectorProductInto(Func<_, _> h, x, [| 1.0; bad |], [| 0.0; 0.0 |]) |> ignore)
                    "Reverse.hessianVectorProduct", "v", (fun () -> Reverse.hessianVectorProduct h x [| 1.0; bad |] |> ignore)
                    "ReverseMode.Vjp", "cotangent", (fun () -> ReverseMode.Vjp(Func<_, _> gs, x, [| 1.0; bad |]) |> ignore)
                    "Reverse.vjp", "cotangent", (fun () -> Reverse.vjp gs x [| 1.0; bad |] |> ignore)
                    "GradientTape.Backward", "seeds",
                    (fun () ->
                        use tape = GradientTape<float>.Start()
                        let v = tape.Variables x
                        tape.Backward(gs v, [| 1.0; bad |]))
                ]
                for name, argument, call in calls do
                    let e = Expect.throwsC call id
                    Expect.equal (e.GetType()) typeof<ArgumentException> $"{name} with {bad}: {e}"
                    Expect.equal (e :?> ArgumentException).ParamName argument $"{name} with {bad}"
                    Expect.stringContains e.Message $"{argument}[1] is {bad}" $"{name}: the index and the value"
        }
        test "a null function is refused with ArgumentNullException naming it, by the F# module too" {
            let calls: (string * string * (unit -> unit)) list = [
                "Reverse.gradient", "f", (fun () -> Reverse.gradient Unchecked.defaultof<Var<float>[] -> Var<float>> [| 1.0 |] |> ignore)
                "Reverse.valueAndGradient", "f",
                (fun () -> Reverse.valueAndGradient Unchecked.defaultof<Var<float>[] -> Var<float>> [| 1.0 |] |> ignore)
                "Reverse.valueAndGradientInto", "f", (fun () -> Reverse.valueAndGradientInto null [| 1.0 |] [| 0.0 |] |> ignore)
                "Reverse.vjp", "f", (fun () -> Reverse.vjp Unchecked.defaultof<Var<float>[] -> Var<float>[]> [| 1.0 |] [| 1.0 |] |> ignore)
                "Reverse.jacobian", "f", (fun () -> Reverse.jacobian Unchecked.defaultof<Var<float>[] -> Var<float>[]> [| 1.0 |] |> ignore)
                "Reverse.hessianVectorProduct", "f",
                (fun () -> Reverse.hessianVectorProduct Unchecked.defaultof<Var<Dual<float>>[] -> Var<Dual<float>>> [| 1.0 |] [| 1.0 |] |> ignore)
                "Reverse.hessian", "f", (fun () -> Reverse.hessian Unchecked.defaultof<Var<Dual<float>>[] -> Var<Dual<float>>> [| 1.0 |] |> ignore)
                "Reverse.checkpoint", "segment",
                (fun () ->
                    Reverse.gradient (fun x -> (Reverse.checkpoint Unchecked.defaultof<Var<float>[] -> Var<float>[]> x)[0]) [| 1.0 |] |> ignore)
                "Reverse.custom", "backward",
                (fun () -> Reverse.gradient (fun x -> Reverse.custom 1.0 x Unchecked.defaultof<Adjoints<float> -> unit>) [| 1.0 |] |> ignore)
                "Reverse.customMany", "backward",
                (fun () -> Reverse.gradient (fun x -> (Reverse.customMany [| 1.0 |] x Unchecked.defaultof<Adjoints<float> -> unit>)[0]) [| 1.0 |] |> ignore)
                "ReverseMode.Jacobian", "f", (fun () -> ReverseMode.Jacobian<float>(null, [| 1.0 |]) |> ignore)
                "ReverseMode.Vjp", "f", (fun () -> ReverseMode.Vjp<float>(null, [| 1.0 |], [| 1.0 |]) |> ignore)
                "ReverseMode.Hessian", "f", (fun () -> ReverseMode.Hessian<float>(null, [| 1.0 |]) |> ignore)
                "ReverseMode.HessianVectorProduct", "f", (fun () -> ReverseMode.HessianVectorProduct<float>(null, [| 1.0 |], [| 1.0 |]) |> ignore)
                "ReverseMode.CheckGradient", "f", (fun () -> ReverseMode.CheckGradient(null, [| 1.0 |]) |> ignore)
            ]
            for name, argument, call in calls do
                let e = Expect.throwsC call id
                Expect.equal (e.GetType()) typeof<ArgumentNullException> $"{name}: {e}"
                Expect.equal (e :?> ArgumentNullException).ParamName argument name
        }
        test "length mismatches name the argument and give both lengths" {
            let g (v: Var<float>[]) = v[0] * v[1]
            let gs (v: Var<float>[]) = [| v[0]; v[0] * v[1] |]
            let h (v: Var<Dual<float>>[]) = v[0] * v[1]
            let x = [| 1.0; 2.0 |]
            let calls: (string * string * (unit -> unit)) list = [
                "ReverseMode.ValueAndGradientInto", "gradient", (fun () -> ReverseMode.ValueAndGradientInto(Func<_, _> g, x, [| 0.0; 0.0; 0.0 |]) |> ignore)
                "ReverseMode.HessianVectorProduct", "v", (fun () -> ReverseMode.HessianVectorProduct(Func<_, _> h, x, [| 1.0; 1.0; 1.0 |]) |> ignore)
                "ReverseMode.HessianVectorProductInto", "result",
                (fun () -> ReverseMode.HessianVectorProductInto(Func<_, _> h, x, [| 1.0; 1.0 |], [| 0.0; 0.0; 0.0 |]) |> ignore)
                "ReverseMode.Vjp", "cotangent", (fun () -> ReverseMode.Vjp(Func<_, _> gs, x, [| 1.0; 1.0; 1.0 |]) |> ignore)
                "GradientTape.Backward", "seeds",
                (fun () ->
                    use tape = GradientTape<float>.Start()
                    tape.Backward(gs (tape.Variables x), [| 1.0; 1.0; 1.0 |]))
            ]
            for name, argument, call in calls do
                let e = Expect.throwsC call id
                Expect.equal (e.GetType()) typeof<ArgumentException> $"{name}: {e}"
                Expect.equal (e :?> ArgumentException).ParamName argument name
                Expect.stringContains e.Message "length 3" $"{name}: the argument's length"
                Expect.stringContains e.Message "2" $"{name}: the other length"
        }
        test "a derivative taken on another thread (Task.Run) inside f, closing over f's Var, is refused" {
            // The tape is per thread: the worker thread's computation cannot see the outer one, so using the
            // outer Var there must throw, not give 2 (x + y counted with the outer perturbation) or 0.
            // Task.Run's task may also run inline on the waiting thread (then it is a nesting mistake on one
            // thread); a LongRunning task gets a thread of its own.
            let outer (x: Var<float>[]) =
                let inner () = Reverse.gradient (fun (y: Var<float>[]) -> x[0] + y[0]) [| 1.0 |]
                for task, says in
                    [ Task.Run inner, [ "another thread"; "Nesting mistake" ]
                      Task.Factory.StartNew(inner, TaskCreationOptions.LongRunning), [ "another thread" ] ] do
                    let e = Expect.throwsC (fun () -> task.Wait()) id
                    let cause = (e :?> AggregateException).InnerException
                    Expect.isTrue (cause :? InvalidOperationException) (string cause)
                    Expect.isTrue (says |> List.exists cause.Message.Contains) $"the message says why: {cause.Message}"
                // Plain arithmetic with the outer Var on another thread is refused the same way.
                let e = Expect.throwsC (fun () -> Task.Factory.StartNew((fun () -> sin x[0]), TaskCreationOptions.LongRunning).Wait()) id
                Expect.isTrue ((e :?> AggregateException).InnerException :? InvalidOperationException) (string e)
                x[0] * x[0]
            Expect.equal (Reverse.gradient outer [| 3.0 |]) [| 6.0 |] "the outer computation is unharmed"
            // The same with forward over reverse (Var<Dual>) inside a Hessian-vector product.
            let outerHvp (x: Var<Dual<float>>[]) =
                let e = Expect.throwsC (fun () -> Task.Factory.StartNew((fun () -> x[0] * x[0]), TaskCreationOptions.LongRunning).Wait()) id
                Expect.isTrue ((e :?> AggregateException).InnerException :? InvalidOperationException) (string e)
                x[0] * x[0] * x[0]
            Expect.equal (Reverse.hessianVectorProduct outerHvp [| 2.0 |] [| 1.0 |]) [| 12.0 |] "6x at 2"
        }
    ]

/// A Var finds its tape through its computation's id, so recording asks no thread-static; these check that every way of reaching a tape from
/// another thread is still refused (Tape.OnOwnThread), and that the refusal leaves the computation intact.
[<Tests>]
let threadTests =
    testList "misuse across threads (reverse)" [
        test "every recording path refuses a running computation's Var on another thread" {
            let f (x: Var<float>[]) =
                let says = "running on another thread"
                let operations: (string * (unit -> unit)) list = [
                    "a unary operation", (fun () -> sin x[0] |> ignore)
                    "a binary operation on two of its Vars", (fun () -> x[0] * x[1] |> ignore)
                    "an operation with a plain constant", (fun () -> x[0] * 2.0 |> ignore)
                    "an operation with a constant Var", (fun () -> x[0] + Var<float>.Constant 1.0 |> ignore)
                    "an operation with the other thread's own Var",
                    (fun () -> Reverse.gradient (fun (y: Var<float>[]) -> y[0] * x[0]) [| 1.0 |] |> ignore)
                    "a custom operation", (fun () -> Reverse.custom 1.0 [| x[0] |] (fun _ -> ()) |> ignore)
                    "a checkpoint", (fun () -> Reverse.checkpoint (fun v -> [| v[0] * v[0] |]) [| x[0] |] |> ignore)
                ]
                for what, work in operations do
                    refusedOnEveryOtherThread says what work
                x[0] * x[1] + sin x[0]
            let x = [| 0.5; 3.0 |]
            let expected = [| x[1] + cos x[0]; x[0] |]
            Expect.equal (Reverse.gradient f x) expected "the computation is unharmed by the refused attempts"
        }
        test "a Var of a finished computation on another thread says the computation has ended" {
            let leaked = ref Var<float>.Zero
            Reverse.gradient (fun (x: Var<float>[]) -> (leaked.Value <- x[0]; x[0] * x[0])) [| 2.0 |] |> ignore
            refusedOnEveryOtherThread "has ended" "a finished computation's Var" (fun () -> leaked.Value * leaked.Value |> ignore)
            throwsWith "has ended" (fun () -> leaked.Value * leaked.Value |> ignore) "on its own thread too"
        }
        test "a GradientTape is refused on another thread and keeps working on its own" {
            use tape = GradientTape<float>.Start()
            let x = tape.Variable 3.0
            let y = x * x
            let says = "belongs to another thread"
            refusedOnEveryOtherThread says "Variable" (fun () -> tape.Variable 1.0 |> ignore)
            refusedOnEveryOtherThread says "EntryCount" (fun () -> tape.EntryCount |> ignore)
            refusedOnEveryOtherThread says "Backward" (fun () -> tape.Backward y)
            refusedOnEveryOtherThread "ended on the thread that started it" "Dispose" (fun () -> tape.Dispose())
            Expect.equal tape.EntryCount 3 "nothing was recorded from the other threads (sink, x, x·x)"
            tape.Backward y
            refusedOnEveryOtherThread says "Adjoint" (fun () -> tape.Adjoint x |> ignore)
            Expect.equal (tape.Adjoint x) 6.0 "on its own thread"
        }
        test "Adjoints.Add on another thread than the sweep's is refused" {
            let f (x: Var<float>[]) =
                let y =
                    Reverse.custom (x[0].Primal * 5.0) [| x[0] |] (fun adj ->
                        refusedOnEveryOtherThread "another thread" "Adjoints.Add" (fun () -> adj.Add(x[0], 1.0))
                        adj.Add(x[0], 5.0 * adj.Output()))
                y * x[0]
            Expect.equal (Reverse.gradient f [| 2.0 |]) [| 20.0 |] "d(5x·x)/dx at 2, only the own thread's contribution"
        }
        test "a thread hammering a running computation's Vars is always refused and never corrupts its tape" {
            // While this thread records 20,000 operations, another tries 20,000 operations on this computation's
            // Vars at the same time; every one of them must throw, and the gradient must be exact.
            let n = 20_000
            let f (x: Var<float>[]) =
                let started = new ManualResetEventSlim(false)
                let accepted = ref 0
                let refused = ref 0
                let intruder =
                    Thread(fun () ->
                        started.Set()
                        for _ in 1..n do
                            try
                                x[0] * x[0] |> ignore
                                accepted.Value <- accepted.Value + 1
                            with :? InvalidOperationException -> refused.Value <- refused.Value + 1)
                intruder.Start()
                started.Wait()
                let mutable s = Var<float>.Zero
                for _ in 1..n do
                    s <- s + x[0] * x[1]
                intruder.Join()
                Expect.equal accepted.Value 0 "no operation from the other thread was recorded"
                Expect.equal refused.Value n "every one was refused"
                s
            Expect.equal (Reverse.gradient f [| 2.0; 3.0 |]) [| float n * 3.0; float n * 2.0 |] "the exact gradient"
        }
        test "a nested computation suspends the enclosing one until it ends" {
            use outer = GradientTape<float>.Start()
            let x = outer.Variable 2.0
            let a = x * x
            do
                use inner = GradientTape<float>.Start()
                let y = inner.Variable 5.0
                throwsWith "Nesting mistake" (fun () -> x * y |> ignore) "an enclosing Var with a nested one"
                throwsWith "Nesting mistake" (fun () -> sin x |> ignore) "an enclosing Var alone"
                inner.Backward(y * y)
                Expect.equal (inner.Adjoint y) 10.0 "the nested computation"
            // Resumed: the enclosing computation records again.
            let b = a * x
            outer.Backward b
            Expect.equal (outer.Adjoint x) 12.0 "d(x³)/dx at 2"
        }
        test "a gradient computed inside a custom backward step: the sweep stays closed to recording after it" {
            let f (x: Var<float>[]) =
                let y =
                    Reverse.custom (x[0].Primal * x[0].Primal) [| x[0] |] (fun adj ->
                        // A nested computation of the same type during the sweep (an implicit-function rule might).
                        let slope = (Reverse.gradient (fun (v: Var<float>[]) -> v[0] * v[0]) [| x[0].Primal |])[0]
                        throwsWith "during the reverse sweep" (fun () -> x[0] * 2.0 |> ignore) "recording after the nested one"
                        adj.Add(x[0], slope * adj.Output()))
                y * 3.0
            Expect.equal (Reverse.gradient f [| 1.5 |]) [| 9.0 |] "d(3x²)/dx at 1.5"
        }
    ]

// A Var finds its tape through its computation's id: every running computation of a number type, on any thread,
// holds a slot of one table (slot = id modulo the table's length, which doubles as more computations run at
// once). These tests run enough computations to reuse every slot of the first table and to make it grow, nested
// and on many threads at once, and check the gradients against analytic ones and that no Var is mistaken for
// another computation's.
[<Tests>]
let tableTests =
    testList "the running computations' table (reverse)" [
        test "a finished computation's Var is refused by each of the next 1,000 computations, whichever slot they take" {
            let mutable leaked = Var<float>.Zero
            Reverse.gradient (fun (x: Var<float>[]) -> (leaked <- x[0]; x[0] * x[0])) [| 2.0 |] |> ignore
            for k in 1..1000 do
                let e =
                    Expect.throwsC
                        (fun () -> Reverse.gradient (fun (x: Var<float>[]) -> x[0] * leaked) [| float k |] |> ignore)
                        id
                Expect.stringContains e.Message "has ended" $"computation {k} refuses the ended computation's Var"
                // Alone (a unary operation, and one with a plain constant), the Var's own id finds the slot: the
                // tape there, idle or another computation's, must not take it.
                let alone =
                    Expect.throwsC
                        (fun () -> Reverse.gradient (fun (x: Var<float>[]) -> (sin leaked * 2.0 |> ignore; x[0])) [| float k |] |> ignore)
                        id
                Expect.stringContains alone.Message "has ended" $"computation {k} refuses sin of the ended computation's Var"
                // The refused attempt leaves nothing behind: the next computation is right.
                Expect.equal (Reverse.gradient (fun (x: Var<float>[]) -> x[0] * x[0] * x[0]) [| float k |]) [| 3.0 * float k * float k |] $"computation {k}"
        }
        test "200 nested computations: each level's gradient is right and every other level's Var is refused" {
            let depth = 200
            let tapes = ResizeArray<GradientTape<float>>()
            let vars = Array.zeroCreate<Var<float>> depth
            try
                for level in 0 .. depth - 1 do
                    // Computations in between spread the levels' ids over many bits, so that their slots in the
                    // grown tables differ from those in the first.
                    for k in 1..37 do
                        Expect.equal (Reverse.gradient (fun (x: Var<float>[]) -> x[0] * x[0]) [| float k |]) [| 2.0 * float k |] "in between"
                    tapes.Add(GradientTape<float>.Start())
                    vars[level] <- tapes[level].Variable(float (level + 1))
                    // Every enclosing level is suspended while this one runs.
                    for outer in [ 0; level / 2; level - 1 ] |> List.distinct |> List.filter (fun o -> o >= 0 && o < level) do
                        throwsWith "Nesting mistake" (fun () -> vars[level] * vars[outer] |> ignore) $"level {level} with level {outer}'s Var"
                        throwsWith "Nesting mistake" (fun () -> sin vars[outer] |> ignore) $"level {level}: sin of level {outer}'s Var"
                for level in depth - 1 .. -1 .. 0 do
                    let t = tapes[level]
                    let x = vars[level]
                    let y = x * x * sin x
                    t.Backward y
                    let v = float (level + 1)
                    Expect.floatClose Accuracy.veryHigh (t.Adjoint x) (2.0 * v * sin v + v * v * cos v) $"level {level}: d(x² sin x)/dx"
                    t.Dispose()
                    tapes.RemoveAt level
                    throwsWith "has ended" (fun () -> vars[level] * 2.0 |> ignore) $"level {level}'s Var after it ended"
            finally
                // Innermost first, as nesting requires.
                for k in tapes.Count - 1 .. -1 .. 0 do
                    tapes[k].Dispose()
        }
        test "16 threads, each 48 computations deep, while the table grows: every gradient right, no Var crosses" {
            // 768 computations at once: more than any other test runs, so the table grows during this one.
            let threads = 16
            let depth = 48
            let failures = Collections.Concurrent.ConcurrentQueue<string>()
            use start = new Barrier(threads)
            let work (w: int) () =
                try
                    start.SignalAndWait()
                    for round in 1..8 do
                        let tapes = ResizeArray<GradientTape<float>>()
                        let xs = Array.zeroCreate<Var<float>> depth
                        try
                            for level in 0 .. depth - 1 do
                                for _ in 1 .. (w + level) % 7 do
                                    Reverse.gradient (fun (x: Var<float>[]) -> x[0] * x[0]) [| 1.0 |] |> ignore
                                tapes.Add(GradientTape<float>.Start())
                                xs[level] <- tapes[level].Variable(0.1 * float (w + 1) + 0.01 * float (level + round))
                                // Record a little before going deeper, so that recording interleaves with other
                                // threads' registrations (and the table's growth).
                                xs[level] <- xs[level] + 0.0
                            for level in depth - 1 .. -1 .. 0 do
                                let x = xs[level]
                                let mutable y = x
                                for _ in 1..50 do
                                    y <- sin y * x
                                tapes[level].Backward y
                                // Reference: forward mode over the same expression.
                                let xd = Dual<float>(x.Primal, 1.0)
                                let mutable yd = xd
                                for _ in 1..50 do
                                    yd <- sin yd * xd
                                // The two modes sum the chain rule's products in different orders: equal to rounding.
                                let reverse = tapes[level].Adjoint xs[level]
                                if not (abs (reverse - yd.Tangent) <= 1e-12 * (1.0 + abs yd.Tangent)) then
                                    failures.Enqueue $"thread {w}, round {round}, level {level}: reverse {reverse} forward {yd.Tangent}"
                                tapes[level].Dispose()
                                tapes.RemoveAt level
                        finally
                            for k in tapes.Count - 1 .. -1 .. 0 do
                                tapes[k].Dispose()
                with e -> failures.Enqueue $"thread {w}: {e}"
            let ts = Array.init threads (fun w -> Thread(work w))
            for t in ts do t.Start()
            for t in ts do t.Join()
            Expect.equal (List.ofSeq failures |> List.truncate 5) [] "every thread's every gradient equals forward mode's (to rounding)"
        }
        test "a Var of another thread's running computation is refused while that thread's computations come and go" {
            let ready = new ManualResetEventSlim(false)
            let stop = new ManualResetEventSlim(false)
            let foreign = ref Var<float>.Zero
            let owner =
                Thread(fun () ->
                    use t = GradientTape<float>.Start()
                    foreign.Value <- t.Variable 3.0
                    ready.Set()
                    // Keep starting and ending nested computations, so that slots change while the other thread tries.
                    while not stop.IsSet do
                        Reverse.gradient (fun (x: Var<float>[]) -> x[0] * x[0]) [| 1.0 |] |> ignore)
            owner.Start()
            ready.Wait()
            try
                for _ in 1..2000 do
                    let e = Expect.throwsC (fun () -> Reverse.gradient (fun (x: Var<float>[]) -> x[0] * foreign.Value) [| 2.0 |] |> ignore) id
                    Expect.stringContains e.Message "another thread" "refused, naming the other thread"
            finally
                stop.Set()
                owner.Join()
        }
        test "a thread that exits without ending its computation leaves nothing alive, and its Var is refused" {
            let leaked = ref Var<float>.Zero
            let captured = ref (WeakReference(null))
            let t =
                Thread(fun () ->
                    // Never disposed: the computation cannot end once its thread is gone.
                    let g = GradientTape<float>.Start()
                    let x = g.Variable 2.0
                    let payload = obj ()
                    captured.Value <- WeakReference payload
                    leaked.Value <- (Reverse.custom (x.Primal * 3.0) [| x |] (fun adj -> (GC.KeepAlive payload; adj.Add(x, 3.0 * adj.Output())))))
            t.Start()
            t.Join()
            Expect.throwsT<InvalidOperationException> (fun () -> leaked.Value * leaked.Value |> ignore) "the exited thread's Var, before its slot is freed"
            // Each computation frees at most one slot of an exited thread, in turn: enough computations free all.
            for _ in 1..20000 do
                Reverse.gradient (fun (x: Var<float>[]) -> x[0] * x[0]) [| 1.0 |] |> ignore
            // A few collections, a moment apart, in case the runtime releases the exited thread's own storage late;
            // a tape the table still held would stay alive through all of them.
            let mutable attempts = 0
            while captured.Value.IsAlive && attempts < 20 do
                GC.Collect()
                GC.WaitForPendingFinalizers()
                GC.Collect()
                if captured.Value.IsAlive then Thread.Sleep 10
                attempts <- attempts + 1
            Expect.isFalse captured.Value.IsAlive "the exited thread's tape (and its custom operation's closure) was collected"
            throwsWith "has ended" (fun () -> leaked.Value * leaked.Value |> ignore) "the exited thread's Var, after"
            throwsWith "has ended" (fun () -> sin leaked.Value |> ignore) "the exited thread's Var alone, after"
        }
    ]
