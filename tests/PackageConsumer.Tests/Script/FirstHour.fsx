// A newcomer's F# script, run by `dotnet fsi` against the PACKED Fluxion package: the NuGet.config beside it adds
// artifacts/packages as a package source, and build.fsx's consumer target runs it with a private, cleared package
// cache (NUGET_PACKAGES), so a stale package is never used. Every check compares with an analytic value; the script
// prints a count and exits 1 on the first failure.
#r "nuget: Fluxion, 0.1.0"

open System
open System.Numerics
open Fluxion

let mutable checks = 0

let check (name: string) (expected: float) (actual: float) =
    let tolerance = 1e-12 * max 1.0 (abs expected)
    if not (abs (expected - actual) <= tolerance) then
        eprintfn "FAILED %s: expected %.17g, got %.17g" name expected actual
        exit 1
    checks <- checks + 1

let checkText (name: string) (expected: string) (actual: string) =
    if expected <> actual then
        eprintfn "FAILED %s: expected %s, got %s" name expected actual
        exit 1
    checks <- checks + 1

// The argument type follows from the call: the lambda runs on Dual<float>, HyperDual<float> or Var<float>.
check "derivative of a lambda" 46.0 (Forward.derivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0)
check "second derivative of a lambda" 54.0 (Forward.secondDerivative (fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x) 2.0)
check "sin on a dual" (cos 0.5) (Forward.derivative (fun x -> sin x) 0.5)
let readme = Reverse.gradient (fun x -> x[0] * x[0] * x[1]) [| 3.0; 2.0 |]
check "README gradient, d/dx0" 12.0 readme[0]
check "README gradient, d/dx1" 9.0 readme[1]

// Integer literals mix with every number type where the lambda's type comes from the call.
check "int literals on Dual" 11.75 (Forward.derivative (fun x -> 2 * x * x - x / 4 + 1) 3.0)
check "int literals on HyperDual" 18.0 (Forward.secondDerivative (fun x -> 3 * x * x * x - 2 * x + 7) 1.0)
let gi = Reverse.gradient (fun x -> 3 * x[0] * x[1] - 2 / x[1]) [| 1.0; 2.0 |]
check "int literals on Var, d/dx0" 6.0 gi[0]
check "int literals on Var, d/dx1" 3.5 gi[1]

// One inline function serves every number type: F# instantiates it at each call. (A bare literal inside it,
// `3 * x` or `3.0 * x`, would fix x to int or float; write literals as 3G, as below.)
let inline poly x = x * x * x + x
check "inline on Dual" 13.0 (Forward.derivative poly 2.0)
check "inline on HyperDual" 12.0 (Forward.secondDerivative poly 2.0)
check "inline on float" 10.0 (poly 2.0)
let g = Reverse.gradient (fun (x: Var<float>[]) -> poly x[0] * x[1]) [| 2.0; 5.0 |]
check "inline on Var, d/dx0" 65.0 g[0]
check "inline on Var, d/dx1" 10.0 g[1]

// Generic literals: 3G is 3 in whatever number type the call needs, nested duals included.
let inline cubicPlus x = x * x * x + 3G * x
check "generic literal on float" 14.0 (cubicPlus 2.0)
check "generic literal on HyperDual" 12.0 (Forward.secondDerivative cubicPlus 2.0)
// 'T.CreateChecked spells out the same conversion under an explicit generic-math constraint.
let inline cubicChecked (x: 'T) : 'T when 'T :> INumberBase<'T> = x * x * x + 'T.CreateChecked 3 * x
check "CreateChecked literal on Dual" 15.0 (Forward.derivative cubicChecked 2.0)
check "generic-math literal on Dual" 15.0 (Forward.derivative cubicPlus 2.0)
let gv = Reverse.gradient (fun (x: Var<float>[]) -> cubicPlus x[0]) [| 2.0 |]
check "generic-math literal on Var" 15.0 gv[0]

// Second derivative by nesting Dual in Dual: the inner derivative runs over Dual<Dual<float>>, the outer over
// Dual<float>, so the nesting guard keeps the two perturbations apart.
let nested = Forward.derivative (fun (x: Dual<float>) -> Forward.derivative cubicPlus x) 2.0
check "nested derivative" 12.0 nested

// The classic perturbation-confusion check, nested one level deeper as the guard's message says: the answer is 1.
let confusion =
    Forward.derivative (fun x -> x * Forward.derivative (fun y -> Dual.Constant x + y) (Dual.Constant 1.0)) 1.0
check "d/dx [x · d/dy (x + y)]" 1.0 confusion

// Nesting over the same number type is refused rather than answered wrongly.
let refused =
    try
        Forward.derivative (fun x -> x * Forward.derivative (fun y -> x + y) 1.0) 1.0 |> ignore
        false
    with :? InvalidOperationException -> true
checkText "same-level nesting refused" "True" (string refused)

// Conversions: a float becomes a constant dual implicitly where a method expects one, explicitly with op_Implicit.
let c: Dual<float> = Dual<float>.op_Implicit 2.5
check "op_Implicit primal" 2.5 c.Primal
check "op_Implicit tangent" 0.0 c.Tangent

// Printing: a dual shows its value and tangent.
checkText "printing" "32 + 46ε" (string (Dual<float>.Variable 2.0 |> fun x -> x * x * x * x + 3.0 * x * x + 2.0 * x))

// Tensors come with the same package.
let tg = TensorAD.gradient (fun t -> Tensor.Sum(t * t)) (Tensor.FromArray([| 1.0; -2.0; 3.0 |]))
check "tensor gradient" -4.0 (tg.ToArray()[1])

printfn "%d passed, 0 failed" checks
