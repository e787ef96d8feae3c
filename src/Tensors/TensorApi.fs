namespace Fluxion

open System
open System.Numerics

/// <summary>
/// Tensor factories, operations and differentiation, as static methods (callable from C# and F#). Every
/// operation works on float32 and float64 tensors, broadcasts its operands by NumPy's rules where it takes two,
/// and is differentiable in reverse mode (<c>Gradient</c>, <c>Vjp</c>, <c>Gradients</c>) and forward mode
/// (<c>Jvp</c>), including derivatives of derivatives (<c>HessianVectorProduct</c>).
/// </summary>
/// <remarks>
/// Elementwise functions come from the rule table (<see cref="T:Fluxion.IUnaryRule"/>,
/// <see cref="T:Fluxion.IBinaryRule"/>) with its conventions at non-smooth points; <c>Apply</c> maps any rule.
/// Gradients of gradients work to second order through elementwise functions (the table gives two derivatives);
/// a third derivative through one throws <see cref="T:System.NotSupportedException"/>.
/// </remarks>
[<AbstractClass; Sealed>]
type Tensor =

    static member private NotNull(value: obj, name: string) =
        if isNull value then raise (ArgumentNullException name)

    static member private Check<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, name: string) =
        if isNull x then raise (ArgumentNullException name)

    /// x · c for a constant c.
    static member private Scale<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, c: 'T) = Tensor<'T>.Multiply(x, Tensor<'T>.Scalar c)

    // ----- factories ----------------------------------------------------------------------------

    /// <summary>A tensor of zeros.</summary>
    static member Zeros<'T when 'T :> IFloatingPointIeee754<'T>>([<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor<'T>.CheckType()
        Shapes.check (nameof shape) shape
        Tensor<'T>.ZerosOf(Array.copy shape)

    /// <summary>A tensor of ones.</summary>
    static member Ones<'T when 'T :> IFloatingPointIeee754<'T>>([<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.Full('T.One, shape)

    /// <summary>A tensor with every element equal to value.</summary>
    static member Full<'T when 'T :> IFloatingPointIeee754<'T>>(value: 'T, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor<'T>.CheckType()
        Shapes.check (nameof shape) shape
        Tensor<'T>.Const(Array.create (Shapes.size shape) value, Array.copy shape)

    /// <summary>A scalar (rank 0) tensor.</summary>
    static member Scalar<'T when 'T :> IFloatingPointIeee754<'T>>(value: 'T) : Tensor<'T> =
        Tensor<'T>.CheckType()
        Tensor<'T>.Scalar value

    /// <summary>A vector (rank 1) with the given elements (copied).</summary>
    static member FromArray<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[]) : Tensor<'T> =
        Tensor.NotNull(values, nameof values)
        Tensor<'T>.CheckType()
        Tensor<'T>.Const(Array.copy values, [| values.Length |])

    /// <summary>A tensor of the given shape over elements in row-major order (copied).</summary>
    /// <exception cref="T:System.ArgumentException">The number of elements does not match the shape.</exception>
    static member FromArray<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[], [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.NotNull(values, nameof values)
        Shapes.check (nameof shape) shape
        Tensor<'T>.CheckType()
        if Shapes.size shape <> values.Length then
            raise (ArgumentException($"{values.Length} elements do not fill shape {Shapes.show shape}.", nameof values))
        Tensor<'T>.Const(Array.copy values, Array.copy shape)

    /// <summary>A matrix from a rectangular two-dimensional array (copied).</summary>
    static member FromArray<'T when 'T :> IFloatingPointIeee754<'T>>(values: 'T[,]) : Tensor<'T> =
        Tensor.NotNull(values, nameof values)
        Tensor<'T>.CheckType()
        let rows, cols = Array2D.length1 values, Array2D.length2 values
        Tensor<'T>.Const(Array.init (rows * cols) (fun k -> values[k / cols, k % cols]), [| rows; cols |])

    /// <summary>A matrix from rows of equal length (copied).</summary>
    /// <exception cref="T:System.ArgumentException">The rows have different lengths.</exception>
    static member FromRows<'T when 'T :> IFloatingPointIeee754<'T>>(rows: 'T[][]) : Tensor<'T> =
        Tensor.NotNull(rows, nameof rows)
        Tensor<'T>.CheckType()
        let cols = if rows.Length = 0 then 0 else (if isNull rows[0] then 0 else rows[0].Length)
        for i in 0 .. rows.Length - 1 do
            if isNull rows[i] || rows[i].Length <> cols then
                raise (ArgumentException($"Row {i} does not have the length {cols} of row 0.", nameof rows))
        Tensor<'T>.Const(Array.concat rows, [| rows.Length; cols |])

    /// <summary>The vector 0, 1, …, count − 1.</summary>
    static member Arange<'T when 'T :> IFloatingPointIeee754<'T>>(count: int) : Tensor<'T> =
        if count < 0 then raise (ArgumentOutOfRangeException(nameof count, count, "The count must not be negative."))
        Tensor<'T>.CheckType()
        Tensor<'T>.Const(Array.init count 'T.CreateChecked, [| count |])

    /// <summary>The vector start, start + step, … of the values below stop (above stop for a negative step).</summary>
    /// <exception cref="T:System.ArgumentException">step is zero or not finite.</exception>
    static member Arange<'T when 'T :> IFloatingPointIeee754<'T>>(start: 'T, stop: 'T, step: 'T) : Tensor<'T> =
        Tensor<'T>.CheckType()
        if 'T.IsZero step || not ('T.IsFinite step) then raise (ArgumentException("The step must be finite and not zero.", nameof step))
        let count = 'T.Max('T.Zero, 'T.Ceiling('T.op_Division('T.op_Subtraction(stop, start), step)))
        let n = Int32.CreateChecked count
        Tensor<'T>.Const(Array.init n (fun i -> 'T.op_Addition(start, 'T.op_Multiply('T.CreateChecked i, step))), [| n |])

    /// <summary>Standard normal samples (Box–Muller on the given generator; seed it for reproducible tensors).</summary>
    static member RandomNormal<'T when 'T :> IFloatingPointIeee754<'T>>(random: Random, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.NotNull(random, nameof random)
        Shapes.check (nameof shape) shape
        Tensor<'T>.CheckType()
        let n = Shapes.size shape
        let values = Array.zeroCreate n
        let mutable i = 0
        while i < n do
            let u1 = 1.0 - random.NextDouble()
            let u2 = random.NextDouble()
            let r = sqrt (-2.0 * log u1)
            values[i] <- 'T.CreateTruncating(r * cos (2.0 * Math.PI * u2))
            if i + 1 < n then values[i + 1] <- 'T.CreateTruncating(r * sin (2.0 * Math.PI * u2))
            i <- i + 2
        Tensor<'T>.Const(values, Array.copy shape)

    /// <summary>Samples uniform in [low, high) from the given generator.</summary>
    static member RandomUniform<'T when 'T :> IFloatingPointIeee754<'T>>(random: Random, low: 'T, high: 'T, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.NotNull(random, nameof random)
        Shapes.check (nameof shape) shape
        Tensor<'T>.CheckType()
        let width = 'T.op_Subtraction(high, low)
        let values = Array.init (Shapes.size shape) (fun _ -> 'T.op_Addition(low, 'T.op_Multiply(width, 'T.CreateTruncating(random.NextDouble()))))
        Tensor<'T>.Const(values, Array.copy shape)

    /// <summary>The same values as a new leaf of reverse mode (see <see cref="M:Fluxion.Tensor`1.AsParameter"/>).</summary>
    static member Parameter<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        x.AsParameter()

    // ----- arithmetic -----------------------------------------------------------------------------

    /// <summary>a + b with broadcasting.</summary>
    static member Add<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(a, nameof a)
        Tensor.Check(b, nameof b)
        Tensor<'T>.Add(a, b)

    /// <summary>a − b with broadcasting.</summary>
    static member Subtract<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(a, nameof a)
        Tensor.Check(b, nameof b)
        Tensor<'T>.Subtract(a, b)

    /// <summary>a · b elementwise with broadcasting.</summary>
    static member Multiply<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(a, nameof a)
        Tensor.Check(b, nameof b)
        Tensor<'T>.Multiply(a, b)

    /// <summary>a / b elementwise with broadcasting (rule <see cref="T:Fluxion.DivideRule"/>).</summary>
    static member Divide<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<DivideRule, 'T>(a, b)

    /// <summary>−x.</summary>
    static member Negate<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor<'T>.Negate x

    /// <summary>x · x.</summary>
    static member Square<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor<'T>.Multiply(x, x)

    /// <summary>xʸ elementwise with broadcasting (rule <see cref="T:Fluxion.PowRule"/>).</summary>
    static member Pow<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, y: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<PowRule, 'T>(x, y)

    /// <summary>xᶜ elementwise for a constant exponent c (rule <see cref="T:Fluxion.PowRule"/>).</summary>
    static member Pow<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, c: 'T) : Tensor<'T> =
        Tensor.Apply<PowRule, 'T>(x, Tensor<'T>.Scalar c)

    /// <summary>The larger of a and b elementwise with broadcasting (rule <see cref="T:Fluxion.MaxRule"/>: at a tie each gets half the derivative).</summary>
    static member Maximum<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<MaxRule, 'T>(a, b)

    /// <summary>The smaller of a and b elementwise with broadcasting (rule <see cref="T:Fluxion.MinRule"/>).</summary>
    static member Minimum<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<MinRule, 'T>(a, b)

    /// <summary>atan2(y, x) elementwise with broadcasting (rule <see cref="T:Fluxion.Atan2Rule"/>).</summary>
    static member Atan2<'T when 'T :> IFloatingPointIeee754<'T>>(y: Tensor<'T>, x: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<Atan2Rule, 'T>(y, x)

    /// <summary>√(x² + y²) elementwise with broadcasting (rule <see cref="T:Fluxion.HypotRule"/>).</summary>
    static member Hypot<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, y: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<HypotRule, 'T>(x, y)

    /// <summary>Any unary rule of the rule table, elementwise: value, VJP and JVP come from the rule.</summary>
    static member Apply<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor<'T>.Unary<'R> x

    /// <summary>Any binary rule of the rule table, elementwise with broadcasting.</summary>
    static member Apply<'R, 'T when 'R :> IBinaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(a, nameof a)
        Tensor.Check(b, nameof b)
        Tensor<'T>.Binary<'R>(a, b)

    // ----- elementwise functions of the rule table -----------------------------------------------

    /// <summary>√x (<see cref="T:Fluxion.SqrtRule"/>).</summary>
    static member Sqrt<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SqrtRule, 'T> x
    /// <summary>∛x (<see cref="T:Fluxion.CbrtRule"/>).</summary>
    static member Cbrt<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<CbrtRule, 'T> x
    /// <summary>eˣ (<see cref="T:Fluxion.ExpRule"/>).</summary>
    static member Exp<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<ExpRule, 'T> x
    /// <summary>2ˣ (<see cref="T:Fluxion.Exp2Rule"/>).</summary>
    static member Exp2<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Exp2Rule, 'T> x
    /// <summary>10ˣ (<see cref="T:Fluxion.Exp10Rule"/>).</summary>
    static member Exp10<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Exp10Rule, 'T> x
    /// <summary>eˣ − 1 (<see cref="T:Fluxion.Expm1Rule"/>).</summary>
    static member Expm1<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Expm1Rule, 'T> x
    /// <summary>ln x (<see cref="T:Fluxion.LogRule"/>).</summary>
    static member Log<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<LogRule, 'T> x
    /// <summary>log₂ x (<see cref="T:Fluxion.Log2Rule"/>).</summary>
    static member Log2<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Log2Rule, 'T> x
    /// <summary>log₁₀ x (<see cref="T:Fluxion.Log10Rule"/>).</summary>
    static member Log10<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Log10Rule, 'T> x
    /// <summary>ln(1 + x) (<see cref="T:Fluxion.Log1pRule"/>).</summary>
    static member Log1p<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<Log1pRule, 'T> x
    /// <summary>sin x (<see cref="T:Fluxion.SinRule"/>).</summary>
    static member Sin<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SinRule, 'T> x
    /// <summary>cos x (<see cref="T:Fluxion.CosRule"/>).</summary>
    static member Cos<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<CosRule, 'T> x
    /// <summary>tan x (<see cref="T:Fluxion.TanRule"/>).</summary>
    static member Tan<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<TanRule, 'T> x
    /// <summary>arcsin x (<see cref="T:Fluxion.AsinRule"/>).</summary>
    static member Asin<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AsinRule, 'T> x
    /// <summary>arccos x (<see cref="T:Fluxion.AcosRule"/>).</summary>
    static member Acos<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AcosRule, 'T> x
    /// <summary>arctan x (<see cref="T:Fluxion.AtanRule"/>).</summary>
    static member Atan<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AtanRule, 'T> x
    /// <summary>sinh x (<see cref="T:Fluxion.SinhRule"/>).</summary>
    static member Sinh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SinhRule, 'T> x
    /// <summary>cosh x (<see cref="T:Fluxion.CoshRule"/>).</summary>
    static member Cosh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<CoshRule, 'T> x
    /// <summary>tanh x (<see cref="T:Fluxion.TanhRule"/>).</summary>
    static member Tanh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<TanhRule, 'T> x
    /// <summary>arsinh x (<see cref="T:Fluxion.AsinhRule"/>).</summary>
    static member Asinh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AsinhRule, 'T> x
    /// <summary>arcosh x (<see cref="T:Fluxion.AcoshRule"/>).</summary>
    static member Acosh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AcoshRule, 'T> x
    /// <summary>artanh x (<see cref="T:Fluxion.AtanhRule"/>).</summary>
    static member Atanh<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AtanhRule, 'T> x
    /// <summary>|x| (<see cref="T:Fluxion.AbsRule"/>; derivative 0 at 0).</summary>
    static member Abs<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<AbsRule, 'T> x
    /// <summary>sign x (<see cref="T:Fluxion.SignRule"/>; derivative 0).</summary>
    static member Sign<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SignRule, 'T> x
    /// <summary>⌊x⌋ (<see cref="T:Fluxion.FloorRule"/>; derivative 0).</summary>
    static member Floor<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<FloorRule, 'T> x
    /// <summary>⌈x⌉ (<see cref="T:Fluxion.CeilingRule"/>; derivative 0).</summary>
    static member Ceiling<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<CeilingRule, 'T> x
    /// <summary>Rounding to nearest, ties to even (<see cref="T:Fluxion.RoundRule"/>; derivative 0).</summary>
    static member Round<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<RoundRule, 'T> x
    /// <summary>Rounding toward zero (<see cref="T:Fluxion.TruncateRule"/>; derivative 0).</summary>
    static member Truncate<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<TruncateRule, 'T> x
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ) (<see cref="T:Fluxion.SigmoidRule"/>).</summary>
    static member Sigmoid<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SigmoidRule, 'T> x
    /// <summary>softplus ln(1 + eˣ) (<see cref="T:Fluxion.SoftplusRule"/>).</summary>
    static member Softplus<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<SoftplusRule, 'T> x
    /// <summary>The error function (<see cref="T:Fluxion.ErfRule"/>).</summary>
    static member Erf<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<ErfRule, 'T> x
    /// <summary>Γ(x) (<see cref="T:Fluxion.GammaRule"/>).</summary>
    static member Gamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<GammaRule, 'T> x
    /// <summary>ln |Γ(x)| (<see cref="T:Fluxion.LogGammaRule"/>).</summary>
    static member LogGamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<LogGammaRule, 'T> x
    /// <summary>ψ(x) (<see cref="T:Fluxion.DigammaRule"/>).</summary>
    static member Digamma<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) = Tensor.Apply<DigammaRule, 'T> x

    // ----- activations ----------------------------------------------------------------------------

    /// <summary>
    /// max(x, 0) elementwise, through <see cref="T:Fluxion.MaxRule"/>: its tie convention gives ReLU′(0) = 1/2
    /// (PyTorch uses 0; the two differ only at exactly 0).
    /// </summary>
    static member Relu<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<MaxRule, 'T>(x, Tensor<'T>.Scalar 'T.Zero)

    /// <summary>The Gaussian error linear unit x·Φ(x) = x·(1 + erf(x/√2))/2 (exact, not the tanh approximation).</summary>
    static member Gelu<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let half = 'T.CreateTruncating 0.5
        let erf = Tensor<'T>.Unary<ErfRule>(Tensor.Scale(x, 'T.CreateTruncating 0.70710678118654752440))
        Tensor<'T>.Multiply(Tensor.Scale(x, half), Tensor<'T>.Add(erf, Tensor<'T>.Scalar 'T.One))

    // ----- shape --------------------------------------------------------------------------------

    /// <summary>The same elements with another shape of the same size; one extent may be −1 (inferred).</summary>
    /// <exception cref="T:System.ArgumentException">The sizes differ, or more than one extent is −1.</exception>
    static member Reshape<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.NotNull(shape, nameof shape)
        let dims = Array.copy shape
        match dims |> Array.filter (fun d -> d = -1) |> Array.length with
        | 0 -> ()
        | 1 ->
            let known = dims |> Array.filter (fun d -> d <> -1) |> Shapes.size
            if known = 0 || x.Length % known <> 0 then
                raise (ArgumentException($"reshape: cannot reshape a tensor of shape {Shapes.show x.Dims} to {Shapes.show shape}.", nameof shape))
            dims[Array.IndexOf(dims, -1)] <- x.Length / known
        | _ -> raise (ArgumentException($"reshape: at most one extent may be -1 (got {Shapes.show shape}).", nameof shape))
        Shapes.check (nameof shape) dims
        Tensor<'T>.Reshape(x, dims)

    /// <summary>The elements broadcast (repeated) to a larger shape, by NumPy's rules.</summary>
    static member BroadcastTo<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Shapes.check (nameof shape) shape
        Tensor<'T>.Expand(x, Array.copy shape)

    // ----- reductions -----------------------------------------------------------------------------

    /// <summary>The sum of all elements (a scalar tensor).</summary>
    static member Sum<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor<'T>.SumAxes(x, Array.init x.Rank id, false)

    /// <summary>Sums over the given axes (negative axes count from the end); keepDims keeps them with extent 1.</summary>
    static member Sum<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axes: int[], keepDims: bool) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor<'T>.SumAxes(x, Shapes.axes "sum" x.Rank axes, keepDims)

    /// <summary>Sums over one axis (negative counts from the end); keepDims keeps it with extent 1.</summary>
    static member Sum<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool) : Tensor<'T> =
        Tensor.Sum(x, [| axis |], keepDims)

    /// <summary>The mean of all elements (a scalar tensor).</summary>
    static member Mean<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Scale(Tensor.Sum x, 'T.One / 'T.CreateChecked x.Length)

    /// <summary>Means over the given axes; keepDims keeps them with extent 1.</summary>
    static member Mean<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axes: int[], keepDims: bool) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let ks = Shapes.axes "mean" x.Rank axes
        let count = ks |> Array.map (fun k -> x.Dims[k]) |> Shapes.size
        Tensor.Scale(Tensor<'T>.SumAxes(x, ks, keepDims), 'T.One / 'T.CreateChecked count)

    /// <summary>The mean over one axis; keepDims keeps it with extent 1.</summary>
    static member Mean<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool) : Tensor<'T> =
        Tensor.Mean(x, [| axis |], keepDims)

    // ----- differentiation ------------------------------------------------------------------------

    /// <summary>
    /// The gradients of output with respect to inputs (like torch.autograd.grad): inputs are parameters
    /// (<see cref="M:Fluxion.Tensor`1.AsParameter"/>) or intermediate tensors of the computation; output must have
    /// one element. An input that output does not depend on gets zeros. Without createGraph the sweep does not
    /// record (the cheap choice for training); with it, the gradients can be differentiated again.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">An input does not require a gradient, or output is not a single element.</exception>
    static member Gradients<'T when 'T :> IFloatingPointIeee754<'T>>(output: Tensor<'T>, inputs: Tensor<'T>[], createGraph: bool) : Tensor<'T>[] =
        Tensor.Check(output, nameof output)
        if output.Length <> 1 then
            raise (ArgumentException($"Gradients needs an output with one element; this one has shape {Shapes.show output.Dims} (pass a seed for a vector-Jacobian product).", nameof output))
        Backprop.Run(output, inputs, Tensor<'T>.Const(Array.create 1 'T.One, output.Dims), createGraph)

    /// <summary>The gradients of a one-element output with respect to inputs, without recording the sweep.</summary>
    static member Gradients<'T when 'T :> IFloatingPointIeee754<'T>>(output: Tensor<'T>, inputs: Tensor<'T>[]) : Tensor<'T>[] =
        Tensor.Gradients(output, inputs, false)

    /// <summary>
    /// The vector-Jacobian products seedᵀ·∂output/∂input for each input: the reverse sweep seeded with a tensor of
    /// output's shape.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">seed does not have output's shape, or an input does not require a gradient.</exception>
    static member Gradients<'T when 'T :> IFloatingPointIeee754<'T>>(output: Tensor<'T>, inputs: Tensor<'T>[], seed: Tensor<'T>, createGraph: bool) : Tensor<'T>[] =
        Tensor.Check(output, nameof output)
        Tensor.Check(seed, nameof seed)
        Backprop.Run(output, inputs, seed, createGraph)

    /// <summary>The gradient ∇f(x) of a function with one output element.</summary>
    /// <example><code>var g = Tensor.Gradient&lt;double&gt;(x =&gt; Tensor.Sum(x * x), Tensor.FromArray(new[] { 1.0, 2.0 })); // [2, 4]</code></example>
    static member Gradient<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>, Tensor<'T>>, x: Tensor<'T>) : Tensor<'T> =
        (Tensor.ValueAndGradient(f, x)).Gradient

    /// <summary>f(x) and ∇f(x) for a function with one output element, in one forward and one reverse pass.</summary>
    static member ValueAndGradient<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>, Tensor<'T>>, x: Tensor<'T>) : TensorValueAndGradient<'T> =
        Tensor.NotNull(f, nameof f)
        Tensor.Check(x, nameof x)
        let struct (y, gs) = Backprop.Reverse((fun xs -> f.Invoke xs[0]), [| x |], null, true)
        TensorValueAndGradient<'T>(y, gs[0])

    /// <summary>The gradients of a function of several tensors with one output element, one per input.</summary>
    static member Gradient<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>[], Tensor<'T>>, x: Tensor<'T>[]) : Tensor<'T>[] =
        Tensor.NotNull(f, nameof f)
        Tensor.NotNull(x, nameof x)
        let struct (_, gs) = Backprop.Reverse((fun xs -> f.Invoke xs), x, null, true)
        gs

    /// <summary>f(x) and the vector-Jacobian product uᵀ·J(x), with u of f(x)'s shape.</summary>
    /// <exception cref="T:System.ArgumentException">u does not have the shape of f(x).</exception>
    static member Vjp<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>, Tensor<'T>>, x: Tensor<'T>, u: Tensor<'T>) : TensorValueAndVjp<'T> =
        Tensor.NotNull(f, nameof f)
        Tensor.Check(x, nameof x)
        Tensor.Check(u, nameof u)
        let struct (y, gs) =
            Backprop.Reverse((fun xs ->
                let y = f.Invoke xs[0]
                if not (isNull y) && not (Shapes.same y.Dims u.Dims) then
                    raise (ArgumentException($"The seed u has shape {Shapes.show u.Dims} but f(x) has shape {Shapes.show y.Dims}.", nameof u))
                y), [| x |], u, false)
        TensorValueAndVjp<'T>(y, gs[0])

    /// <summary>f(x) and the Jacobian-vector product J(x)·v (forward mode: one pass carrying tangents).</summary>
    /// <exception cref="T:System.ArgumentException">v does not have the shape of x.</exception>
    /// <exception cref="T:System.NotSupportedException">Called inside another Jvp on the same thread.</exception>
    static member Jvp<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>, Tensor<'T>>, x: Tensor<'T>, v: Tensor<'T>) : TensorValueAndJvp<'T> =
        Tensor.NotNull(f, nameof f)
        Tensor.Check(x, nameof x)
        Tensor.Check(v, nameof v)
        let struct (y, t) = Backprop.Forward((fun xs -> f.Invoke xs[0]), [| x |], [| v |])
        TensorValueAndJvp<'T>(y, t)

    /// <summary>f(x) and Σₖ Jₖ(x)·vₖ for a function of several tensors, one tangent per input.</summary>
    static member Jvp<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>[], Tensor<'T>>, x: Tensor<'T>[], v: Tensor<'T>[]) : TensorValueAndJvp<'T> =
        Tensor.NotNull(f, nameof f)
        Tensor.NotNull(x, nameof x)
        Tensor.NotNull(v, nameof v)
        let struct (y, t) = Backprop.Forward((fun xs -> f.Invoke xs), x, v)
        TensorValueAndJvp<'T>(y, t)

    /// <summary>
    /// The Hessian-vector product ∇²f(x)·v of a function with one output element, by forward over reverse: the
    /// directional derivative of the gradient along v, in one pass (no Hessian is formed).
    /// </summary>
    static member HessianVectorProduct<'T when 'T :> IFloatingPointIeee754<'T>>(f: Func<Tensor<'T>, Tensor<'T>>, x: Tensor<'T>, v: Tensor<'T>) : Tensor<'T> =
        Tensor.NotNull(f, nameof f)
        (Tensor.Jvp(Func<_, _>(fun x -> Tensor.Gradient(f, x)), x, v)).Tangent

    /// <summary>A scope in which operations do not record for reverse mode (for evaluation or parameter updates). Dispose it to end.</summary>
    static member NoGrad() : NoGradScope = new NoGradScope()
