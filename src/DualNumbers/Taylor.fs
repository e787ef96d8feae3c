namespace Fluxion

open System
open System.Numerics

/// <summary>
/// Taylor mode for F# code: the Taylor coefficients and the derivatives of a scalar function up to a chosen order in
/// one pass of f over <see cref="T:Fluxion.Jet`1"/> (the jet x + t of that order). Against nested duals, whose size
/// doubles with every order (2ⁿ parts for order n), a jet of order n has n + 1 coefficients and an operation costs
/// O(n²).
/// </summary>
/// <remarks>
/// Nesting rule: while a function here runs f over <c>Jet&lt;T&gt;</c>, calling another one over the same jet type
/// throws <see cref="T:System.InvalidOperationException"/> (perturbation confusion, as in
/// <see cref="T:Fluxion.Forward"/>). To expand inside f, use a different number type for the inner variable
/// (<c>Jet&lt;Dual&lt;T&gt;&gt;</c>, <c>Dual&lt;Jet&lt;T&gt;&gt;</c>).
/// </remarks>
[<RequireQualifiedAccess; System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module Taylor =

    /// The coefficients h₀…h_order of f(x + t); a constant result (order 0) has zero coefficients above h₀.
    let private expand<'T when 'T :> IFloatingPointIeee754<'T>> (operation: string) (f: Jet<'T> -> Jet<'T>) (x: 'T) (order: int) : 'T[] =
        Check.notNull "f" f
        if order < 0 then
            raise (ArgumentOutOfRangeException("order", order, "The order of a Taylor expansion must be 0 or more."))
        if order = 0 then
            ForwardLevel<Jet<'T>>.Run(operation, fun () -> [| (f (Jet<'T>.Constant x)).Primal |])
        else
            let h = ForwardLevel<Jet<'T>>.Run(operation, fun () -> f (Jet<'T>.Variable(x, order)))
            if h.Order = order then h.ToArray()
            elif h.Order = 0 then Array.init (order + 1) (fun k -> if k = 0 then h.Primal else 'T.Zero)
            else
                raise (
                    ArgumentException(
                        $"f returned a jet of order {h.Order}, but the expansion was asked to order {order}: f must build its result from its argument (and constants).",
                        "f"
                    )
                )

    /// <summary>
    /// The Taylor coefficients h₀…h_order of f at x (hₖ = f⁽ᵏ⁾(x)/k!), in one pass of f over the jet x + t.
    /// </summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative.</exception>
    /// <exception cref="T:System.InvalidOperationException">Called inside another Taylor expansion over the same jet type.</exception>
    /// <example><c>Taylor.coefficients (fun x -> exp x) 0.0 4</c> is [| 1; 1; 1/2; 1/6; 1/24 |].</example>
    let coefficients<'T when 'T :> IFloatingPointIeee754<'T>> (f: Jet<'T> -> Jet<'T>) (x: 'T) (order: int) : 'T[] =
        expand "Taylor.coefficients" f x order

    /// <summary>The derivatives f(x), f′(x), …, f⁽ᵒʳᵈᵉʳ⁾(x) (k!·hₖ), in one pass of f over the jet x + t.</summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative.</exception>
    /// <exception cref="T:System.InvalidOperationException">Called inside another Taylor expansion over the same jet type.</exception>
    let derivatives<'T when 'T :> IFloatingPointIeee754<'T>> (f: Jet<'T> -> Jet<'T>) (x: 'T) (order: int) : 'T[] =
        let h = expand "Taylor.derivatives" f x order
        let mutable factorial = 'T.One
        for k in 1 .. order do
            factorial <- 'T.op_Multiply(factorial, 'T.CreateTruncating k)
            h[k] <- 'T.op_Multiply(h[k], factorial)
        h

    /// <summary>The n-th derivative f⁽ⁿ⁾(x), in one pass of f over the jet x + t of order n (n = 0 is f(x)).</summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">n is negative.</exception>
    /// <exception cref="T:System.InvalidOperationException">Called inside another Taylor expansion over the same jet type.</exception>
    /// <example><c>Taylor.derivative 8 (fun x -> sin x) 0.0</c> is sin⁽⁸⁾(0) = 0.</example>
    let derivative<'T when 'T :> IFloatingPointIeee754<'T>> (n: int) (f: Jet<'T> -> Jet<'T>) (x: 'T) : 'T =
        if n < 0 then raise (ArgumentOutOfRangeException("n", n, "The order of a derivative must be 0 or more."))
        (derivatives f x n)[n]

/// <summary>
/// Taylor mode for C# (and any .NET language): <see cref="T:Fluxion.Taylor"/> with delegates and PascalCase names.
/// A generic-math method <c>T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c> can be passed as it is.
/// </summary>
[<AbstractClass; Sealed>]
type TaylorMode =
    /// <summary>The Taylor coefficients h₀…h_order of f at x (hₖ = f⁽ᵏ⁾(x)/k!), one pass over <see cref="T:Fluxion.Jet`1"/>.</summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative.</exception>
    static member Coefficients<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Jet<'T>, Jet<'T>>, x: 'T, order: int) : 'T[] =
        Check.notNull (nameof f) f
        Taylor.coefficients f.Invoke x order

    /// <summary>The derivatives f(x), f′(x), …, f⁽ᵒʳᵈᵉʳ⁾(x), one pass over <see cref="T:Fluxion.Jet`1"/>.</summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative.</exception>
    static member Derivatives<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Jet<'T>, Jet<'T>>, x: 'T, order: int) : 'T[] =
        Check.notNull (nameof f) f
        Taylor.derivatives f.Invoke x order

    /// <summary>The n-th derivative f⁽ⁿ⁾(x), one pass over the jet of order n.</summary>
    /// <exception cref="T:System.ArgumentNullException">f is null.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">order is negative.</exception>
    static member NthDerivative<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Jet<'T>, Jet<'T>>, order: int, x: 'T) : 'T =
        Check.notNull (nameof f) f
        if order < 0 then raise (ArgumentOutOfRangeException(nameof order, order, "The order of a derivative must be 0 or more."))
        Taylor.derivative order f.Invoke x
