/// Generic-math helpers for the tests: operators pinned to one number type (F# cannot resolve `a * b * c`
/// on a type variable constrained only by IFloatingPointIeee754, FS0670) and test functions written once.
module Fluxion.ReverseAD.Tests.Generic

open System.Numerics

/// The pinned operators; opened only by the generic test functions below.
module Pinned =
  let inline ( + ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Addition(a, b)
  let inline ( - ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Subtraction(a, b)
  let inline ( * ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Multiply(a, b)
  let inline ( / ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Division(a, b)
  let inline ( ~- ) (a: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_UnaryNegation a
  let inline k<'T when 'T :> IFloatingPointIeee754<'T>> (c: float) : 'T = 'T.CreateTruncating c
  let inline lt<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) = 'T.op_LessThan(a, b)

/// Test functions written once with generic math.
module Functions =
  open Pinned

  /// A smooth test function of 4 inputs with products, quotients, transcendental functions and reuse.
  let mixed<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) : 'T =
      let a = x[0] * x[1] + 'T.Sin(x[2]) * 'T.Exp(x[0] / k 3.0)
      let b = 'T.Log(k 2.0 + x[3] * x[3]) / ('T.One + x[1] * x[1])
      let c = 'T.Sqrt(k 1.5 + x[0] * x[0]) * 'T.Tanh(x[2] - x[3]) + 'T.Atan2(x[1], x[3] + k 3.0)
      a * b + c * c + 'T.Pow(k 1.2 + x[2] * x[2], x[1] / k 4.0) + 'T.Hypot(x[0], x[3])

  /// The scalar Rosenbrock function, written element by element.
  let rosenbrock<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) : 'T =
      let mutable s = 'T.Zero
      for i in 0 .. Operators.(-) x.Length 2 do
          let d = x[Operators.(+) i 1] - x[i] * x[i]
          let e = 'T.One - x[i]
          s <- s + k 100.0 * d * d + e * e
      s

  /// Σ sin(xᵢ)·exp(xᵢ/10).
  let sinExp<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T[]) : 'T =
      let mutable s = 'T.Zero
      for xi in x do
          s <- s + 'T.Sin xi * 'T.Exp(xi / k 10.0)
      s


/// Forward-mode references and comparisons.
module Reference =
  /// The gradient by forward mode: one Dual pass per input (an independent reference for reverse mode).
  let forwardGradient (f: Fluxion.Dual<float>[] -> Fluxion.Dual<float>) (x: float[]) =
      Array.init x.Length (fun i -> (f (Array.init x.Length (fun j -> Fluxion.Dual<float>(x[j], (if i = j then 1.0 else 0.0))))).Tangent)

  /// The Hessian by nested forward mode, Dual<Dual<float>>: H[i, j] = ∂²f/∂xᵢ∂xⱼ.
  let forwardHessian (f: Fluxion.Dual<Fluxion.Dual<float>>[] -> Fluxion.Dual<Fluxion.Dual<float>>) (x: float[]) =
      let n = x.Length
      Array2D.init n n (fun i j ->
          let xs =
              Array.init n (fun m ->
                  Fluxion.Dual<Fluxion.Dual<float>>(
                      Fluxion.Dual<float>(x[m], (if m = j then 1.0 else 0.0)),
                      Fluxion.Dual<float>((if m = i then 1.0 else 0.0), 0.0)
                  ))
          (f xs).Tangent.Tangent)

  /// |a − b| / max(1, |a|, |b|).
  let relErr (a: float) (b: float) = if a = b then 0.0 else abs (a - b) / max 1.0 (max (abs a) (abs b))
