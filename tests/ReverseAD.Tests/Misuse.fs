/// Misuse gives a clear exception, never a silently wrong result.
module Fluxion.ReverseAD.Tests.Misuse

open System
open System.Threading
open Expecto
open Fluxion

let private throwsWith (fragment: string) (f: unit -> unit) (what: string) =
    let e = Expect.throwsC f id
    Expect.stringContains e.Message fragment what

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
    ]
