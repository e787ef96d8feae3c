/// Independent references for the tensor tests: centered finite differences (Richardson-extrapolated) in float64,
/// written here with plain arrays, never with the library's derivatives.
module Fluxion.Tensors.Tests.Check

open System
open Expecto
open Fluxion

type T = Tensor<float>

/// A tensor with the given values and shape.
let tensor (values: float[]) (shape: int[]) = Tensor.FromArray(values, shape)

/// Random values in [lo, hi).
let uniform (rng: Random) (lo: float) (hi: float) (shape: int[]) : T = Tensor.RandomUniform(rng, lo, hi, shape)

/// f evaluated on plain values (no differentiation): x + h·v.
let private along (f: T -> T) (x: T) (v: T) (h: float) =
    let xs = Array.map2 (fun a b -> a + h * b) (x.ToArray()) (v.ToArray())
    (f (tensor xs x.Shape)).ToArray()

/// The directional derivative of f at x along v by centered differences with one Richardson step.
let finiteDifference (f: T -> T) (x: T) (v: T) : float[] =
    let h = 1e-3
    let d (h: float) = Array.map2 (fun a b -> (a - b) / (2.0 * h)) (along f x v h) (along f x v -h)
    let d1 = d h
    let d2 = d (h / 2.0)
    Array.map2 (fun a b -> (4.0 * b - a) / 3.0) d1 d2

/// |a − b| / max(1, |a|, |b|).
let relError (a: float) (b: float) = abs (a - b) / (max 1.0 (max (abs a) (abs b)))

/// Every pair of entries within the tolerance (relative, see relError); the message names the worst entry.
let close (tolerance: float) (actual: float[]) (expected: float[]) (what: string) =
    Expect.equal actual.Length expected.Length $"{what}: length"
    let mutable worst = 0.0
    let mutable at = -1
    for i in 0 .. actual.Length - 1 do
        let e = relError actual[i] expected[i]
        if not (e <= worst) then
            worst <- e
            at <- i
    if at >= 0 && not (worst <= tolerance) then
        failtestf "%s: entry %d is %g, expected %g (relative error %g > %g)" what at actual[at] expected[at] worst tolerance

let dot (a: float[]) (b: float[]) = Array.fold2 (fun s x y -> s + x * y) 0.0 a b

/// The tensor gradcheck: for random directions v (input) and weights u (output), the JVP J·v and the VJP uᵀ·J of
/// f at x agree with finite differences: J·v elementwise and ⟨uᵀJ, v⟩ = ⟨u, J·v⟩.
let gradcheck (rng: Random) (name: string) (f: T -> T) (x: T) =
    for _ in 1..2 do
        let v = uniform rng -1.0 1.0 x.Shape
        let fd = finiteDifference f x v
        let jvp = Tensor.Jvp(Func<_, _>(f), x, v)
        close 1e-6 (jvp.Tangent.ToArray()) fd $"{name}: JVP vs finite differences"
        let u = uniform rng -1.0 1.0 jvp.Value.Shape
        let vjp = Tensor.Vjp(Func<_, _>(f), x, u)
        close 1e-6 [| dot (vjp.Vjp.ToArray()) (v.ToArray()) |] [| dot (u.ToArray()) fd |] $"{name}: VJP vs finite differences"
        // The two modes against each other: ⟨uᵀJ, v⟩ = ⟨u, J·v⟩ to rounding.
        close 1e-12 [| dot (vjp.Vjp.ToArray()) (v.ToArray()) |] [| dot (u.ToArray()) (jvp.Tangent.ToArray()) |] $"{name}: VJP vs JVP"
        close 1e-12 (vjp.Value.ToArray()) ((f x).ToArray()) $"{name}: value"

/// The Hessian-vector product of a scalar function against finite differences of its gradient.
let hvpcheck (rng: Random) (name: string) (f: T -> T) (x: T) =
    let v = uniform rng -1.0 1.0 x.Shape
    let grad (y: T) = Tensor.Gradient(Func<_, _>(f), y)
    let fd = finiteDifference grad x v
    let hvp = Tensor.HessianVectorProduct(Func<_, _>(f), x, v)
    close 1e-6 (hvp.ToArray()) fd $"{name}: HVP (forward over reverse) vs finite differences of the gradient"
    // Reverse over reverse: the gradient of ⟨∇f(x), v⟩.
    let rr = Tensor.Gradient(Func<_, _>(fun y -> Tensor.Sum(Tensor.Multiply(grad y, v))), x)
    close 1e-6 (rr.ToArray()) fd $"{name}: HVP (reverse over reverse) vs finite differences of the gradient"

/// The gradcheck for a function of several tensors (each input moved along its own random direction).
let gradcheckMany (rng: Random) (name: string) (f: T[] -> T) (xs: T[]) =
    let vs = xs |> Array.map (fun x -> uniform rng -1.0 1.0 x.Shape)
    let plain (h: float) =
        let moved = Array.map2 (fun (x: T) (v: T) -> tensor (Array.map2 (fun a b -> a + h * b) (x.ToArray()) (v.ToArray())) x.Shape) xs vs
        (f moved).ToArray()
    let d (h: float) = Array.map2 (fun a b -> (a - b) / (2.0 * h)) (plain h) (plain -h)
    let fd = Array.map2 (fun a b -> (4.0 * b - a) / 3.0) (d 1e-3) (d 5e-4)
    let jvp = Tensor.Jvp(Func<_, _>(f), xs, vs)
    close 1e-6 (jvp.Tangent.ToArray()) fd $"{name}: JVP vs finite differences"
    let u = uniform rng -1.0 1.0 jvp.Value.Shape
    let gs = Tensor.Gradient(Func<_, _>(fun (ys: T[]) -> Tensor.Sum(Tensor.Multiply(f ys, u))), xs)
    let vjpDotV = Array.map2 (fun (g: T) (v: T) -> dot (g.ToArray()) (v.ToArray())) gs vs |> Array.sum
    close 1e-6 [| vjpDotV |] [| dot (u.ToArray()) fd |] $"{name}: VJP vs finite differences"

/// f throws an exception of type 'E whose message contains every fragment.
let throwsWith<'E when 'E :> exn> (fragments: string list) (f: unit -> unit) =
    let e = Expect.throwsC f id
    Expect.isTrue (e :? 'E) $"expected {typeof<'E>.Name}, got {e}"
    for s in fragments do
        Expect.stringContains e.Message s "message"
