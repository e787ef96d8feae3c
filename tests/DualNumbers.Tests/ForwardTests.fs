/// The forward-mode API: every entry point against analytic values and against the other entry points,
/// the perturbation-confusion rule, and every refusal of bad input.
module Fluxion.Tests.ForwardTests

open System
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Tests.GenericMath

/// sin, written once for every number type: its n-th derivative at x is sin(x + nπ/2).
let private sine = { new IScalarFunction with member _.Invoke<'N when 'N :> IFloatingPointIeee754<'N>>(x: 'N) = 'N.Sin x }

/// e^(2x) · x: n-th derivative 2ⁿ⁻¹ e^(2x) (2x + n).
let private expTimesX =
    { new IScalarFunction with member _.Invoke<'N when 'N :> IFloatingPointIeee754<'N>>(x: 'N) = 'N.op_Multiply('N.Exp('N.op_Addition(x, x)), x) }

let private vectorJacobian (x: float[]) =
    array2D [ [ x[1] * x[2]; x[0] * x[2]; x[0] * x[1] ]
              [ cos x[0]; exp (x[1] - x[2]); -exp (x[1] - x[2]) ] ]

let private rosenbrockPoint = [| -1.2; 1.0; 0.8; 1.3; -0.4; 0.9; 2.0; 1.1; 0.3; -0.7; 1.5 |]

let private expectArgument (name: string) (f: unit -> unit) (message: string) =
    let e = Expect.throwsC f (fun e -> e)
    Expect.isTrue (e :? ArgumentException) $"{message}: throws ArgumentException (got {e.GetType().Name})"
    Expect.equal (e :?> ArgumentException).ParamName name $"{message}: names the argument"
    // A null function is ArgumentNullException (not a NullReferenceException from inside, nor a plain ArgumentException).
    if name = "f" && message.Contains "null" then
        Expect.isTrue (e :? ArgumentNullException) $"{message}: throws ArgumentNullException (got {e.GetType().Name})"

[<Tests>]
let tests =
    testList "Forward" [
        test "a nested dual prints its parts in parentheses" {
            let x = Dual<Dual<float>>(Dual<float>(2.0, 1.0), Dual<float>(1.0, 0.0))
            Expect.equal (x.ToString("G", Globalization.CultureInfo.InvariantCulture)) "(2 + 1ε) + (1 + 0ε)ε" "nested"
            Expect.equal ((Dual<float>(32.0, 46.0)).ToString("G", Globalization.CultureInfo.InvariantCulture)) "32 + 46ε" "plain"
        }
        testList "scalar" [
            test "derivative and secondDerivative of x^4 + 3x^2 + 2x at 2 are 46 and 54" {
                Expect.equal (Forward.derivative polynomial 2.0) 46.0 "f'"
                Expect.equal (Forward.secondDerivative polynomial 2.0) 54.0 "f''"
            }

            test "nthDerivative of sin is sin(x + nπ/2) up to order 6" {
                for n in 0 .. 6 do
                    Expect.floatClose Accuracy.veryHigh (Forward.nthDerivative<float> n sine 0.7) (sin (0.7 + float n * Math.PI / 2.0)) $"order {n}"
            }

            test "nthDerivative of x e^(2x) is 2^(n-1) e^(2x) (2x + n)" {
                let x = 0.3
                for n in 1 .. 5 do
                    Expect.floatClose Accuracy.veryHigh (Forward.nthDerivative<float> n expTimesX x) (2.0 ** float (n - 1) * exp (2.0 * x) * (2.0 * x + float n)) $"order {n}"
            }

            test "nthDerivative order 1 and 2 agree with derivative and secondDerivative" {
                Expect.floatClose Accuracy.veryHigh (Forward.nthDerivative<float> 1 expTimesX 0.4) (Forward.derivative<float> expTimesX.Invoke 0.4) "first"
                Expect.floatClose Accuracy.veryHigh (Forward.nthDerivative<float> 2 expTimesX 0.4) (Forward.secondDerivative<float> expTimesX.Invoke 0.4) "second"
            }
        ]

        testList "gradient and Jacobian" [
            test "∇(ln x1 + x1 x2 − sin x2) at (2, 5) = (5.5, 1.716…)" {
                let g = Forward.gradient textbook [| 2.0; 5.0 |]
                expectClose 1e-15 g [| 5.5; 2.0 - cos 5.0 |] "gradient"
                Expect.isTrue (abs (g[1] - 1.716) < 1e-3) "1.716"
            }

            test "∇(x1² + x2) at (2, 3) = (4, 1)" {
                Expect.equal (Forward.gradient (fun x -> x[0] * x[0] + x[1]) [| 2.0; 3.0 |]) [| 4.0; 1.0 |] "gradient"
            }

            test "Rosenbrock gradient (several chunks, last one partial) against the analytic formula" {
                expectClose 1e-14 (Forward.gradient rosenbrock rosenbrockPoint) (rosenbrockGradient rosenbrockPoint) "gradient"
            }

            test "Rosenbrock gradient and Jacobian for every way n splits into chunks" {
                // Width lanes per pass: n below one chunk, exactly one, one lane past it, and several chunks with a
                // partial last one.
                let width = MultiDual<float>.Width
                for n in List.distinct [ 2; width - 1; width; width + 1; 2 * width; 2 * width + 3 ] |> List.filter (fun n -> n >= 2) do
                    let x = Array.init n (fun i -> 1.2 * sin (0.9 * float i + 0.4))
                    let expected = rosenbrockGradient x
                    expectClose 1e-14 (Forward.gradient rosenbrock x) expected $"gradient, n = {n}"
                    let j = Forward.jacobian (fun v -> [| rosenbrock v; v[n - 1] * v[0] |]) x
                    expectClose 1e-14 j[0, *] expected $"Jacobian row 0, n = {n}"
                    let row1 = Array.init n (fun i -> (if i = 0 then x[n - 1] else 0.0) + (if i = n - 1 then x[0] else 0.0))
                    expectClose 1e-15 j[1, *] row1 $"Jacobian row 1 (x[n-1]·x[0]), n = {n}"
            }

            test "gradient in float32" {
                let g = Forward.gradient rosenbrock (Array.map float32 rosenbrockPoint) |> Array.map float
                expectClose 1e-5 g (rosenbrockGradient (Array.map (float32 >> float) rosenbrockPoint)) "gradient"
            }

            test "Jacobian against the analytic one" {
                let x = [| 0.5; -1.25; 0.75 |]
                expectCloseMatrix 1e-15 (Forward.jacobian vectorFunction x) (vectorJacobian x) "Jacobian"
            }

            test "Jacobian of a 9-input function matches row by row the gradients" {
                let x = Array.init 9 (fun i -> 0.3 + 0.2 * float i)
                let j = Forward.jacobian threeOutputs x
                expectClose 1e-15 j[0, *] (Forward.gradient rosenbrock x) "row 0"
                expectClose 1e-15 j[1, *] (Forward.gradient textbook x) "row 1"
            }

            test "jvp equals Jacobian times v; directionalDerivative equals gradient · v" {
                let x = [| 0.5; -1.25; 0.75 |]
                let v = [| 2.0; -1.0; 0.5 |]
                let jac = vectorJacobian x
                let expected = Array.init 2 (fun i -> Array.fold2 (fun s a b -> s + a * b) 0.0 jac[i, *] v)
                expectClose 1e-15 (Forward.jvp vectorFunction x v) expected "J v"
                let g = rosenbrockGradient rosenbrockPoint
                let w = Array.init rosenbrockPoint.Length (fun i -> float (i % 3) - 1.0)
                Expect.floatClose Accuracy.veryHigh (Forward.directionalDerivative<float> rosenbrock rosenbrockPoint w) (Array.fold2 (fun s a b -> s + a * b) 0.0 g w) "∇f · v"
            }
        ]

        testList "Hessian" [
            test "Rosenbrock Hessian against the analytic formula" {
                expectCloseMatrix 1e-14 (Forward.hessian rosenbrock rosenbrockPoint) (rosenbrockHessian rosenbrockPoint) "Hessian"
            }

            test "hyper-dual Hessian equals the nested-Dual Hessian on a transcendental function" {
                let f = mixture3
                let x = [| 0.8; 1.3; 0.6 |]
                let nested =
                    Array2D.init 3 3 (fun i j ->
                        let inputs = x |> Array.mapi (fun k xk -> Dual<Dual<float>>(Dual<float>(xk, (if k = j then 1.0 else 0.0)), Dual<float>((if k = i then 1.0 else 0.0), 0.0)))
                        (f inputs).Tangent.Tangent)
                expectCloseMatrix 1e-13 (Forward.hessian f x) nested "Hessian"
            }

            test "hessianVectorProduct equals the Hessian times v" {
                let v = Array.init rosenbrockPoint.Length (fun i -> 0.5 - 0.1 * float i)
                let h = rosenbrockHessian rosenbrockPoint
                let expected = Array.init v.Length (fun i -> Array.fold2 (fun s a b -> s + a * b) 0.0 h[i, *] v)
                expectClose 1e-13 (Forward.hessianVectorProduct rosenbrock rosenbrockPoint v) expected "H v"
            }
        ]

        testList "perturbation confusion" [
            test "d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1 when the inner derivative is one level deeper" {
                let result =
                    Forward.derivative (fun (x: Dual<float>) ->
                        x * Forward.derivative (fun (y: Dual<Dual<float>>) -> Dual<Dual<float>>.Constant x + y) (Dual<float>.Constant 1.0)) 1.0
                Expect.equal result 1.0 "d/dx [x · 1] = 1"
            }

            test "the confusing variant (inner derivative at the same level, closing over x) is refused" {
                let confused () =
                    Forward.derivative (fun (x: Dual<float>) -> x * Dual<float>.Constant(Forward.derivative (fun y -> x + y) 1.0)) 1.0 |> ignore
                let e = Expect.throwsC confused (fun e -> e)
                Expect.isTrue (e :? InvalidOperationException) "InvalidOperationException"
                Expect.stringContains e.Message "Perturbation confusion" "the message names the problem"
                Expect.stringContains e.Message "Dual<Dual<Double>>" "and says where to nest"
            }

            test "the guard is released after f throws, and is per number type" {
                Expect.throwsT<DivideByZeroException> (fun () -> Forward.derivative (fun (_: Dual<float>) -> raise (DivideByZeroException())) 1.0 |> ignore) "f throws"
                Expect.equal (Forward.derivative (fun x -> x * x) 3.0) 6.0 "the next derivative runs"
                let inner =
                    Forward.derivative (fun x ->
                        let g = Forward.gradient (fun y -> y[0] * y[0]) [| 2.0 |]
                        x * Dual<float>.Constant g[0]) 1.0
                Expect.equal inner 4.0 "a gradient over MultiDual inside a derivative over Dual is a different level"
            }
        ]

        testList "perturbation confusion across threads" [
            let expectConfusion (message: string) (f: unit -> unit) =
                let e = Expect.throwsC f (fun e -> e)
                let e = match e with :? AggregateException as a -> a.InnerException | e -> e
                Expect.isTrue (e :? InvalidOperationException) $"{message}: InvalidOperationException (got {e.GetType().Name})"
                Expect.stringContains e.Message "Perturbation confusion" $"{message}: the message names the problem"

            test "an inner derivative on a Task.Run worker, closing over x, is refused (it used to return 2)" {
                expectConfusion "Forward.derivative" (fun () ->
                    Forward.derivative (fun (x: Dual<float>) ->
                        let inner = Threading.Tasks.Task.Run(fun () -> Forward.derivative (fun y -> x + y) 1.0).Result
                        x * Dual<float>.Constant inner) 1.0 |> ignore)
                expectConfusion "ForwardMode.Derivative" (fun () ->
                    ForwardMode.Derivative<float>((fun x ->
                        let inner = Threading.Tasks.Task.Run(fun () -> ForwardMode.Derivative<float>((fun y -> x + y), 1.0)).Result
                        x * Dual<float>.Constant inner), 1.0) |> ignore)
            }

            test "an inner gradient on a new Thread and on Parallel.For workers is refused" {
                expectConfusion "Thread" (fun () ->
                    Forward.gradient (fun (x: MultiDual<float>[]) ->
                        let mutable error: exn = null
                        let t = Threading.Thread(fun () ->
                            try Forward.gradient (fun y -> x[0] * y[0]) [| 1.0 |] |> ignore with e -> error <- e)
                        t.Start()
                        t.Join()
                        if not (isNull error) then raise error
                        x[0]) [| 1.0; 2.0 |] |> ignore)
                expectConfusion "Parallel.For" (fun () ->
                    Forward.hessian (fun (x: HyperDual<float>[]) ->
                        Threading.Tasks.Parallel.For(0, 4, fun _ -> Forward.hessian (fun y -> x[0] * y[0]) [| 1.0 |] |> ignore) |> ignore
                        x[0]) [| 1.0 |] |> ignore)
            }

            test "the right nesting (one level deeper) works on a worker thread too: d/dx [x · d/dy (x + y)] = 1" {
                let result =
                    Forward.derivative (fun (x: Dual<float>) ->
                        let inner =
                            Threading.Tasks.Task.Run(fun () ->
                                Forward.derivative (fun (y: Dual<Dual<float>>) -> Dual<Dual<float>>.Constant x + y) (Dual<float>.Constant 1.0)).Result
                        x * inner) 1.0
                Expect.equal result 1.0 "d/dx [x · 1] = 1"
            }

            test "independent derivatives on several threads at once all run and are right" {
                // A finished evaluation on this thread leaves its (inactive) mark in this execution context, which the
                // workers below inherit: it must not refuse them.
                Expect.equal (Forward.derivative (fun x -> x * x) 3.0) 6.0 "a derivative before the parallel ones"
                // Two evaluations that are certainly active at the same time: each waits inside f for the other.
                use barrier = new Threading.Barrier(2)
                let both (x0: float) () =
                    Forward.derivative (fun (x: Dual<float>) ->
                        if not (barrier.SignalAndWait(TimeSpan.FromSeconds 30.0)) then failwith "the other evaluation never arrived"
                        x * Dual<float>.Sin x) x0
                let a = Threading.Tasks.Task.Run(both 0.5)
                let b = Threading.Tasks.Task.Run(both 1.5)
                for x, r in [ 0.5, a.Result; 1.5, b.Result ] do
                    Expect.floatClose Accuracy.veryHigh r (sin x + x * cos x) $"(x sin x)' at {x}"
                let points = Array.init 256 (fun i -> -3.0 + 0.025 * float i)
                let derivatives = Array.zeroCreate points.Length
                let gradients = Array.zeroCreate points.Length
                let hessians = Array.zeroCreate points.Length
                Threading.Tasks.Parallel.For(0, points.Length, fun i ->
                    let p = points[i]
                    derivatives[i] <- ForwardMode.Derivative<float>((fun x -> Dual<float>.Exp x * x), p)
                    gradients[i] <- (Forward.gradient (fun x -> x[0] * x[1] * x[1]) [| p; 2.0 |])
                    hessians[i] <- (Forward.hessian (fun x -> x[0] * x[0] * x[1]) [| p; 2.0 |])) |> ignore
                for i in 0 .. points.Length - 1 do
                    let p = points[i]
                    Expect.floatClose Accuracy.veryHigh derivatives[i] (exp p * (p + 1.0)) $"(x eˣ)' at {p}"
                    Expect.equal gradients[i] [| 4.0; 4.0 * p |] $"gradient at {p}"
                    Expect.equal hessians[i] (array2D [ [ 4.0; 2.0 * p ]; [ 2.0 * p; 0.0 ] ]) $"Hessian at {p}"
            }
        ]

        testList "nthDerivative limits" [
            test "order 13 over double is refused with the limit in the message (it threw InvalidProgramException)" {
                Expect.equal (Forward.maxNthDerivativeOrder<float>) 12 "double"
                Expect.equal (ForwardMode.MaxNthDerivativeOrder<float32>()) 13 "float32"
                let e = Expect.throwsC (fun () -> ForwardMode.NthDerivative<float>(sine, 13, 0.7) |> ignore) (fun e -> e)
                Expect.isTrue (e :? ArgumentOutOfRangeException) $"ArgumentOutOfRangeException (got {e.GetType().Name})"
                Expect.equal (e :?> ArgumentException).ParamName "order" "names the argument"
                Expect.stringContains e.Message "up to 12" "states the limit"
                expectArgument "order" (fun () -> Forward.nthDerivative<float32> 14 sine 0.7f |> ignore) "float32, order 14"
                expectArgument "f" (fun () -> ForwardMode.NthDerivative<float>(null, 2, 0.7) |> ignore) "null f"
            }

            test "the highest accepted orders compute: sin⁽¹²⁾ in double, sin⁽¹³⁾ in float32" {
                Expect.floatClose Accuracy.veryHigh (Forward.nthDerivative<float> 12 sine 0.7) (sin 0.7) "order 12 = sin"
                let d13 = float (Forward.nthDerivative<float32> 13 sine 0.7f)
                Expect.isTrue (abs (d13 - cos (float 0.7f)) < 1e-5) $"order 13 = cos, got {d13}"
            }
        ]

        testList "argument refusals" [
            test "null functions" {
                expectArgument "f" (fun () -> Forward.derivative<float> Unchecked.defaultof<_> 1.0 |> ignore) "derivative, null"
                expectArgument "f" (fun () -> Forward.secondDerivative<float> Unchecked.defaultof<_> 1.0 |> ignore) "secondDerivative, null"
                expectArgument "f" (fun () -> Forward.nthDerivative<float> 2 Unchecked.defaultof<_> 1.0 |> ignore) "nthDerivative, null"
                expectArgument "f" (fun () -> Forward.gradient<float> Unchecked.defaultof<_> [| 1.0 |] |> ignore) "gradient, null"
                expectArgument "f" (fun () -> Forward.jacobian<float> Unchecked.defaultof<_> [| 1.0 |] |> ignore) "jacobian, null"
                expectArgument "f" (fun () -> Forward.jvp<float> Unchecked.defaultof<_> [| 1.0 |] [| 1.0 |] |> ignore) "jvp, null"
                expectArgument "f" (fun () -> Forward.directionalDerivative<float> Unchecked.defaultof<_> [| 1.0 |] [| 1.0 |] |> ignore) "directionalDerivative, null"
                expectArgument "f" (fun () -> Forward.hessian<float> Unchecked.defaultof<_> [| 1.0 |] |> ignore) "hessian, null"
                expectArgument "f" (fun () -> Forward.hessianVectorProduct<float> Unchecked.defaultof<_> [| 1.0 |] [| 1.0 |] |> ignore) "hessianVectorProduct, null"
                expectArgument "f" (fun () -> ForwardMode.Gradient<float>(null, [| 1.0 |]) |> ignore) "C# Gradient, null"
            }

            test "null and empty inputs" {
                expectArgument "x" (fun () -> Forward.gradient rosenbrock Array.empty<float> |> ignore) "gradient, empty"
                expectArgument "x" (fun () -> Forward.gradient rosenbrock (null: float[]) |> ignore) "gradient, null"
                expectArgument "x" (fun () -> Forward.jacobian vectorFunction Array.empty<float> |> ignore) "jacobian"
                expectArgument "x" (fun () -> Forward.hessian rosenbrock Array.empty<float> |> ignore) "hessian"
                expectArgument "x" (fun () -> Forward.jvp vectorFunction Array.empty<float> Array.empty |> ignore) "jvp"
                expectArgument "x" (fun () -> Forward.directionalDerivative rosenbrock Array.empty<float> Array.empty |> ignore) "directionalDerivative"
                expectArgument "x" (fun () -> Forward.hessianVectorProduct rosenbrock Array.empty<float> Array.empty |> ignore) "hessianVectorProduct"
            }

            test "directions of the wrong length, null, NaN or infinite" {
                let x = [| 1.0; 2.0 |]
                expectArgument "v" (fun () -> Forward.jvp vectorFunction x [| 1.0 |] |> ignore) "jvp, short"
                expectArgument "v" (fun () -> Forward.jvp vectorFunction x (null: float[]) |> ignore) "jvp, null"
                expectArgument "v" (fun () -> Forward.directionalDerivative rosenbrock x [| 1.0; 2.0; 3.0 |] |> ignore) "directional, long"
                expectArgument "v" (fun () -> Forward.hessianVectorProduct rosenbrock x [| 1.0 |] |> ignore) "hvp, short"
                expectArgument "v" (fun () -> Forward.jvp vectorFunction x [| 1.0; nan |] |> ignore) "jvp, NaN"
                expectArgument "v" (fun () -> Forward.directionalDerivative rosenbrock x [| nan; 0.0 |] |> ignore) "directional, NaN"
                expectArgument "v" (fun () -> Forward.hessianVectorProduct rosenbrock x [| 0.0; infinity |] |> ignore) "hvp, infinite"
            }

            test "ForwardMode refuses exactly what Forward refuses (one Check module)" {
                let x = [| 1.0; 2.0 |]
                let f1 = Func<Dual<float>[], Dual<float>>(fun v -> v[0] * v[1])
                let fn = Func<Dual<float>[], Dual<float>[]>(fun v -> v)
                let g = Func<MultiDual<float>[], MultiDual<float>>(fun v -> v[0] * v[1])
                let gn = Func<MultiDual<float>[], MultiDual<float>[]>(fun v -> v)
                let h = Func<HyperDual<float>[], HyperDual<float>>(fun v -> v[0] * v[1])
                expectArgument "f" (fun () -> ForwardMode.Derivative<float>(null, 1.0) |> ignore) "Derivative, null f"
                expectArgument "f" (fun () -> ForwardMode.SecondDerivative<float>(null, 1.0) |> ignore) "SecondDerivative, null f"
                expectArgument "f" (fun () -> ForwardMode.Jacobian<float>(null, x) |> ignore) "Jacobian, null f"
                expectArgument "f" (fun () -> ForwardMode.Hessian<float>(null, x) |> ignore) "Hessian, null f"
                expectArgument "f" (fun () -> ForwardMode.Jvp<float>(null, x, x) |> ignore) "Jvp, null f"
                expectArgument "f" (fun () -> ForwardMode.DirectionalDerivative<float>(null, x, x) |> ignore) "DirectionalDerivative, null f"
                expectArgument "f" (fun () -> ForwardMode.HessianVectorProduct<float>(null, x, x) |> ignore) "HessianVectorProduct, null f"
                for name, call in
                    [ "Gradient", (fun (p: float[]) -> ForwardMode.Gradient(g, p) |> ignore)
                      "Jacobian", (fun p -> ForwardMode.Jacobian(gn, p) |> ignore)
                      "Hessian", (fun p -> ForwardMode.Hessian(h, p) |> ignore)
                      "Jvp", (fun p -> ForwardMode.Jvp(fn, p, p) |> ignore)
                      "DirectionalDerivative", (fun p -> ForwardMode.DirectionalDerivative(f1, p, p) |> ignore)
                      "HessianVectorProduct", (fun p -> ForwardMode.HessianVectorProduct(h, p, p) |> ignore) ] do
                    expectArgument "x" (fun () -> call Array.empty) $"{name}, empty x"
                    expectArgument "x" (fun () -> call null) $"{name}, null x"
                for bad in [ nan; infinity; -infinity ] do
                    expectArgument "v" (fun () -> ForwardMode.Jvp(fn, x, [| 1.0; bad |]) |> ignore) $"Jvp, v = {bad}"
                    expectArgument "v" (fun () -> ForwardMode.DirectionalDerivative(f1, x, [| bad; 1.0 |]) |> ignore) $"DirectionalDerivative, v = {bad}"
                    expectArgument "v" (fun () -> ForwardMode.HessianVectorProduct(h, x, [| bad; 0.0 |]) |> ignore) $"HessianVectorProduct, v = {bad}"
                    expectArgument "v" (fun () -> Forward.jvp (fun v -> v) x [| 1.0; bad |] |> ignore) $"jvp, v = {bad}"
            }

            test "a negative order" {
                expectArgument "order" (fun () -> Forward.nthDerivative -1 sine 1.0 |> ignore) "nthDerivative"
            }

            test "a Jacobian whose output length changes between passes" {
                let mutable calls = 0
                let unstable (x: MultiDual<float>[]) =
                    calls <- calls + 1
                    Array.create calls x[0]
                let x = Array.create (MultiDual<float>.Width + 1) 1.0
                expectArgument "f" (fun () -> Forward.jacobian unstable x |> ignore) "jacobian"
            }
        ]
    ]
