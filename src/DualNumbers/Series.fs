/// <summary>
/// Arithmetic on truncated Taylor series (coefficient arrays a₀…a_K of a(t) = Σ aₖtᵏ), shared by
/// <see cref="T:Fluxion.Jet`1"/> and the Taylor recurrences that rules offer (<see cref="T:Fluxion.ITaylorRule"/>).
/// No derivative formula lives here: these are the product, quotient and integral of series.
/// </summary>
/// <remarks>
/// A product of two coefficients follows the zero-tangent convention of <c>Chain.Scale</c>: 0 times an infinite or
/// NaN coefficient is 0 (sqrt′(0) = ∞ must not turn the zero coefficients of a linear x(t) into NaN). Sums are
/// computed plainly first and only recomputed term by term when they come out NaN, which is rare.
/// </remarks>
module internal Fluxion.Series

open System.Numerics
open Fluxion.GenericOperators

/// a·b, except that a zero factor gives 0 even where the other factor is infinite or NaN.
let inline term<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) : 'T =
    let p = a * b
    if 'T.IsNaN p && ('T.IsZero a || 'T.IsZero b) then 'T.Zero else p

/// The integer n as a 'T.
let inline count<'T when 'T :> IFloatingPointIeee754<'T>> (n: int) : 'T = 'T.CreateTruncating n

/// Σ_{i=lo}^{k} a_i·b_{k−i} (with the zero convention of <c>term</c>).
let sumProducts<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T[]) (b: 'T[]) (lo: int) (k: int) : 'T =
    let mutable s = 'T.Zero
    for i in lo .. k do
        s <- s + a[i] * b[Operators.(-) k i]
    if 'T.IsNaN s then
        s <- 'T.Zero
        for i in lo .. k do
            s <- s + term a[i] b[Operators.(-) k i]
    s

/// The k-th coefficient of the product a·b (the Cauchy product).
let inline product<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T[]) (b: 'T[]) (k: int) : 'T = sumProducts a b 0 k

/// The k-th coefficient of a².
let inline square<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T[]) (k: int) : 'T = sumProducts a a 0 k

/// <summary>
/// The k-th coefficient (k ≥ 1) of ∫ g·x′ dt, that is (g·x′)_{k−1}/k = (1/k)·Σ_{j=0}^{k−1} g_j·(k−j)·x_{k−j}:
/// the step that turns the series of f′(x(t)) into the series of f(x(t)), since d/dt f(x(t)) = f′(x(t))·x′(t).
/// Reads g₀…g_{k−1} and x₁…x_k.
/// </summary>
let flow<'T when 'T :> IFloatingPointIeee754<'T>> (g: 'T[]) (x: 'T[]) (k: int) : 'T =
    let mutable s = 'T.Zero
    for j in 0 .. Operators.(-) k 1 do
        s <- s + g[j] * (count (Operators.(-) k j) * x[Operators.(-) k j])
    if 'T.IsNaN s then
        s <- 'T.Zero
        for j in 0 .. Operators.(-) k 1 do
            s <- s + term g[j] (count (Operators.(-) k j) * x[Operators.(-) k j])
    s / count k

/// <summary>
/// The k-th coefficient (k ≥ 1) of d where u·d is a constant: d_k = −(Σ_{i=1}^{k} u_i·d_{k−i})/u₀. Reads u₁…u_k
/// and d₀…d_{k−1}; u₀ is passed on its own (log1p has u = 1 + x).
/// </summary>
let inline reciprocalStep<'T when 'T :> IFloatingPointIeee754<'T>> (u: 'T[]) (u0: 'T) (d: 'T[]) (k: int) : 'T =
    -(sumProducts u d 1 k) / u0
