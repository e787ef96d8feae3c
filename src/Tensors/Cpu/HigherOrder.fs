namespace Fluxion

open System
open System.Numerics

// ---------------------------------------------------------------------------------------------
// Derivatives of order three and more of a rule of the table, with no formula of their own: the rule's
// generic second derivative (a function of x, f(x) and f′(x) written with generic math) is evaluated
// on Dual numbers nested one level per further derivative, every level seeded with the same direction.
// The coefficient of ε₁ε₂…ε_k of f″(x + ε₁ + … + ε_k) is f⁽ᵏ⁺²⁾(x). The nesting type is built at run time
// by polymorphic recursion, once per array (not per element); Dual nested k levels holds 2ᵏ numbers.
// ---------------------------------------------------------------------------------------------

/// Elementwise derivatives of any order of unary and binary rules, from the rules' second derivatives.
[<AbstractClass; Sealed>]
type internal HigherOrder =

    /// The highest derivative order through an elementwise rule: f⁽ⁿ⁾ nests Dual n − 2 levels deep (2ⁿ⁻² numbers
    /// per element), and beyond this the nested structs grow past what the runtime compiles.
    static member MaxOrder = 12

    /// Refuses orders above MaxOrder with a message naming the rule and the limit.
    static member Check(name: string, order: int) =
        if order > HigherOrder.MaxOrder then
            raise (
                NotSupportedException(
                    $"A derivative of order {order} through the elementwise function '{name}' was asked for; tensors support derivatives of order up to {HigherOrder.MaxOrder} through elementwise functions."
                )
            )

    /// y[i] = the ε-product coefficient of f″ at seed(x[i]) for i in [s, e), after `depth` more levels of nesting.
    static member private UnaryAt<'R, 'T, 'N when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'N :> IFloatingPointIeee754<'N>>
        (depth: int, seed: Func<'T, 'N>, top: Func<'N, 'T>, x: 'T[], y: 'T[], s: int, e: int) : unit =
        if depth = 0 then
            for i in s .. e - 1 do
                let v = seed.Invoke x[i]
                let fv = 'R.Value v
                y[i] <- top.Invoke('R.SecondDerivative(v, fv, 'R.Derivative(v, fv)))
        else
            HigherOrder.UnaryAt<'R, 'T, Dual<'N>>(
                depth - 1,
                Func<'T, Dual<'N>>(fun t -> Dual<'N>(seed.Invoke t, 'N.One)),
                Func<Dual<'N>, 'T>(fun d -> top.Invoke d.Tangent),
                x, y, s, e)

    /// f⁽ⁿ⁾(x[i]) for i in [s, e) into y, n ≥ 3.
    static member Unary<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(n: int, x: 'T[], y: 'T[], s: int, e: int) =
        HigherOrder.Check('R.Name, n)
        HigherOrder.UnaryAt<'R, 'T, 'T>(n - 2, Func<'T, 'T>(id), Func<'T, 'T>(id), x, y, s, e)

    /// Visits every element of a broadcast binary operation with values lifted to 'N: per(ia, ib, io) is handed
    /// the lifted operands through the seeds; `dirs` lists the remaining levels (true: along a, false: along b).
    static member private BinaryAt<'R, 'T, 'N when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T> and 'N :> IFloatingPointIeee754<'N>>
        (dirs: bool list, seedA: Func<'T, 'N>, seedB: Func<'T, 'N>, top: Func<'N, 'T>, pick: int,
         a: 'T[], aDims: int[], b: 'T[], bDims: int[], dims: int[], out: 'T[]) : unit =
        match dirs with
        | [] ->
            Kernels.ForElements(aDims, bDims, dims, fun ia ib io ->
                let va = seedA.Invoke a[ia]
                let vb = seedB.Invoke b[ib]
                let struct (faa, fab, fbb) = 'R.SecondPartials(va, vb, 'R.Value(va, vb))
                out[io] <- top.Invoke(if pick = 0 then faa elif pick = 1 then fab else fbb))
        | alongA :: rest ->
            let da = if alongA then 'N.One else 'N.Zero
            let db = if alongA then 'N.Zero else 'N.One
            HigherOrder.BinaryAt<'R, 'T, Dual<'N>>(
                rest,
                Func<'T, Dual<'N>>(fun t -> Dual<'N>(seedA.Invoke t, da)),
                Func<'T, Dual<'N>>(fun t -> Dual<'N>(seedB.Invoke t, db)),
                Func<Dual<'N>, 'T>(fun d -> top.Invoke d.Tangent),
                pick, a, aDims, b, bDims, dims, out)

    /// ∂ⁱ⁺ʲf/∂aⁱ∂bʲ over the broadcast shape, i + j ≥ 3: a second partial of the rule (∂²/∂a², ∂²/∂a∂b or ∂²/∂b²)
    /// differentiated along a for the remaining i and along b for the remaining j levels.
    static member Binary<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>
        (i: int, j: int, a: 'T[], aDims: int[], b: 'T[], bDims: int[], dims: int[], out: 'T[]) =
        HigherOrder.Check('R.Name, i + j)
        let pick, ra, rb = if i >= 2 then 0, i - 2, j elif j >= 2 then 2, i, j - 2 else 1, i - 1, j - 1
        let dirs = List.replicate ra true @ List.replicate rb false
        HigherOrder.BinaryAt<'R, 'T, 'T>(dirs, Func<'T, 'T>(id), Func<'T, 'T>(id), Func<'T, 'T>(id), pick, a, aDims, b, bDims, dims, out)

    /// f‴(x[i]) for i in [s, e) into y, given f, f′ and f″ at x: the rule's f″ = S(x, f, f′) evaluated once on
    /// Duals whose tangents are the arguments' own derivatives, already known (x with 1, f(x) with f′(x), f′(x)
    /// with f″(x)), so the tangent is dS/dx = f‴(x) by the chain rule. The value and f′ are not evaluated again on
    /// Duals (for tanh that saved two exponentials of Dual numbers per element), and no delegate runs per element.
    static member private ThirdFromKnown<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], f: 'T[], df: 'T[], d2f: 'T[], y: 'T[], s: int, e: int) =
        for i in s .. e - 1 do
            let r = 'R.SecondDerivative(Dual<'T>(x[i], 'T.One), Dual<'T>(f[i], df[i]), Dual<'T>(df[i], d2f[i]))
            y[i] <- r.Tangent

    /// f⁽ⁿ⁾(x) elementwise (n ≥ 1) for a unary rule; lower holds f(x), f′(x), … as far as already computed (the
    /// table's first derivative reads f(x), its second f(x) and f′(x), the third f(x), f′(x) and f″(x) where known).
    static member Derivative<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(x: 'T[], lower: 'T[][], n: int) : 'T[] =
        match n with
        | 1 -> Kernels.RuleDerivative<'R, 'T>(x, lower[0])
        | 2 -> Kernels.RuleSecondDerivative<'R, 'T>(x, lower[0], lower[1])
        | 3 when lower.Length >= 3 ->
            let y = CpuPool<'T>.Rent x.Length
            Kernels.Chunks(x.Length, 4, fun s e -> HigherOrder.ThirdFromKnown<'R, 'T>(x, lower[0], lower[1], lower[2], y, s, e))
            y
        | _ ->
            HigherOrder.Check('R.Name, n)
            let y = CpuPool<'T>.Rent x.Length
            Kernels.Chunks(x.Length, 1 <<< (n - 1), fun s e -> HigherOrder.Unary<'R, 'T>(n, x, y, s, e))
            y

    /// ∂ⁱ⁺ʲf/∂aⁱ∂bʲ elementwise over the broadcast shape (i + j ≥ 1) for a binary rule; z = f(a, b).
    static member Partial<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>
        (a: 'T[], aDims: int[], b: 'T[], bDims: int[], dims: int[], z: 'T[], i: int, j: int) : 'T[] =
        let out = CpuPool<'T>.Rent(Shapes.size dims)
        match i + j with
        | 1 ->
            Kernels.ForElements(aDims, bDims, dims, fun ia ib io ->
                let struct (p, q) = 'R.Partials(a[ia], b[ib], z[io])
                out[io] <- if i = 1 then p else q)
        | 2 ->
            Kernels.ForElements(aDims, bDims, dims, fun ia ib io ->
                let struct (p, q, r) = 'R.SecondPartials(a[ia], b[ib], z[io])
                out[io] <- if i = 2 then p elif i = 1 then q else r)
        | _ -> HigherOrder.Binary<'R, 'T>(i, j, a, aDims, b, bDims, dims, out)
        out
