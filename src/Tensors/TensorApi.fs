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
/// Derivatives of every order, in any nesting of reverse and forward mode (Jvp inside Jvp included), come from the
/// rule table: orders three and up through an elementwise function are the rule's second derivative on nested dual
/// numbers. Orders above 12 through one elementwise function throw <see cref="T:System.NotSupportedException"/>.
/// </remarks>
[<AbstractClass; Sealed>]
type Tensor =

    static member private NotNull(value: obj, name: string) =
        if isNull value then raise (ArgumentNullException name)

    static member private Check<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, name: string) =
        if isNull x then raise (ArgumentNullException name)

    /// x · c for a constant c.
    static member private Scale<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, c: 'T) = Tensor<'T>.Multiply(x, Tensor<'T>.ScalarOn(x.Backend, c))

    // ----- factories ----------------------------------------------------------------------------

    /// <summary>A tensor of zeros.</summary>
    static member Zeros<'T when 'T :> IFloatingPointIeee754<'T>>([<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor<'T>.CheckType()
        Shapes.check (nameof shape) shape
        Tensor<'T>.ZerosOn(Devices.Default<'T>(), Array.copy shape)

    /// <summary>A tensor of ones.</summary>
    static member Ones<'T when 'T :> IFloatingPointIeee754<'T>>([<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor.Full('T.One, shape)

    /// <summary>A tensor with every element equal to value.</summary>
    static member Full<'T when 'T :> IFloatingPointIeee754<'T>>(value: 'T, [<ParamArray>] shape: int[]) : Tensor<'T> =
        Tensor<'T>.CheckType()
        Shapes.check (nameof shape) shape
        Tensor<'T>.Const(Devices.Default<'T>().Fill(Shapes.size shape, value), Array.copy shape)

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
        Tensor<'T>.Square x

    /// <summary>xʸ elementwise with broadcasting (rule <see cref="T:Fluxion.PowRule"/>).</summary>
    static member Pow<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, y: Tensor<'T>) : Tensor<'T> =
        Tensor.Apply<PowRule, 'T>(x, y)

    /// <summary>xᶜ elementwise for a constant exponent c (rule <see cref="T:Fluxion.PowRule"/>).</summary>
    static member Pow<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, c: 'T) : Tensor<'T> =
        Tensor.Apply<PowRule, 'T>(x, Tensor<'T>.ScalarOn(x.Backend, c))

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
        Tensor.Apply<MaxRule, 'T>(x, Tensor<'T>.ScalarOn(x.Backend, 'T.Zero))

    /// <summary>The Gaussian error linear unit x·Φ(x) = x·(1 + erf(x/√2))/2 (exact, not the tanh approximation).</summary>
    static member Gelu<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let half = 'T.CreateTruncating 0.5
        let erf = Tensor<'T>.Unary<ErfRule>(Tensor.Scale(x, 'T.CreateTruncating 0.70710678118654752440))
        Tensor<'T>.Multiply(Tensor.Scale(x, half), Tensor<'T>.Add(erf, Tensor<'T>.ScalarOn(x.Backend, 'T.One)))

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

    // ----- structure ------------------------------------------------------------------------------

    /// <summary>The axes reordered: axis i of the result is axis permutation[i] of x (a copy).</summary>
    /// <exception cref="T:System.ArgumentException">permutation is not a permutation of the axes.</exception>
    static member Permute<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, [<ParamArray>] permutation: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Structure.Permute(x, permutation)

    /// <summary>The transpose of a matrix, or of the last two axes of a batch of matrices.</summary>
    /// <exception cref="T:System.ArgumentException">x has rank below 2.</exception>
    static member Transpose<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        if x.Rank < 2 then raise (ArgumentException($"transpose: needs rank 2 or more, got shape {Shapes.show x.Dims}.", nameof x))
        Tensor.Transpose(x, -2, -1)

    /// <summary>Swaps two axes (negative axes count from the end).</summary>
    static member Transpose<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis1: int, axis2: int) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let a = Shapes.axis "transpose" x.Rank axis1
        let b = Shapes.axis "transpose" x.Rank axis2
        let perm = Array.init x.Rank id
        perm[a] <- b
        perm[b] <- a
        Structure.Permute(x, perm)

    /// <summary>The elements start ≤ i &lt; stop along one axis (negative axis counts from the end).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">The range is not within the axis.</exception>
    static member Slice<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, start: int, stop: int) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let a = Shapes.axis "slice" x.Rank axis
        let starts = Array.zeroCreate x.Rank
        let stops = Array.copy x.Dims
        starts[a] <- start
        stops[a] <- stop
        Tensor.Slice(x, starts, stops)

    /// <summary>The block starts[d] ≤ i &lt; stops[d] along every axis d.</summary>
    /// <exception cref="T:System.ArgumentException">The arrays do not have one entry per axis.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">A range is not within its axis.</exception>
    static member Slice<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, starts: int[], stops: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.NotNull(starts, nameof starts)
        Tensor.NotNull(stops, nameof stops)
        if starts.Length <> x.Rank || stops.Length <> x.Rank then
            raise (ArgumentException($"slice: {starts.Length} starts and {stops.Length} stops for a tensor of shape {Shapes.show x.Dims}.", nameof starts))
        for d in 0 .. x.Rank - 1 do
            if starts[d] < 0 || stops[d] < starts[d] || stops[d] > x.Dims[d] then
                raise (ArgumentOutOfRangeException(nameof starts, $"slice: range {starts[d]}..{stops[d]} is not within axis {d} of a tensor of shape {Shapes.show x.Dims}."))
        Structure.Slice(x, Array.copy starts, Array.init x.Rank (fun d -> stops[d] - starts[d]))

    /// <summary>The sub-tensor at one index along an axis, without that axis (x[i] for axis 0).</summary>
    static member Select<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, index: int) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let a = Shapes.axis "select" x.Rank axis
        if index < 0 || index >= x.Dims[a] then
            raise (ArgumentOutOfRangeException(nameof index, index, $"select: index out of range for axis {a} of a tensor of shape {Shapes.show x.Dims}."))
        let part = Tensor.Slice(x, a, index, index + 1)
        Tensor<'T>.Reshape(part, x.Dims |> Array.removeAt a)

    /// <summary>The element at the given index (one entry per axis) as a differentiable scalar tensor.</summary>
    static member Index<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, [<ParamArray>] index: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.NotNull(index, nameof index)
        if index.Length <> x.Rank then
            raise (ArgumentException($"index: {index.Length} indices for a tensor of shape {Shapes.show x.Dims}.", nameof index))
        let part = Tensor.Slice(x, index, index |> Array.map (fun i -> i + 1))
        Tensor<'T>.Reshape(part, [||])

    /// <summary>The tensors joined along an existing axis; every other extent must agree.</summary>
    /// <exception cref="T:System.ArgumentException">No tensors, or their shapes differ off the axis.</exception>
    static member Concat<'T when 'T :> IFloatingPointIeee754<'T>>(tensors: Tensor<'T>[], axis: int) : Tensor<'T> =
        Tensor.NotNull(tensors, nameof tensors)
        if tensors.Length = 0 then raise (ArgumentException("concat: no tensors.", nameof tensors))
        for k in 0 .. tensors.Length - 1 do
            Tensor.Check(tensors[k], $"tensors[{k}]")
        let first = tensors[0].Dims
        let a = Shapes.axis "concat" first.Length axis
        for t in tensors do
            if t.Rank <> first.Length || Array.exists id (Array.init first.Length (fun d -> d <> a && t.Dims[d] <> first[d])) then
                raise (ArgumentException($"concat: shapes {Shapes.show first} and {Shapes.show t.Dims} differ off axis {a}.", nameof tensors))
        Structure.Concat(tensors, a)

    /// <summary>The tensors (all of one shape) stacked along a new axis.</summary>
    /// <exception cref="T:System.ArgumentException">No tensors, or their shapes differ.</exception>
    static member Stack<'T when 'T :> IFloatingPointIeee754<'T>>(tensors: Tensor<'T>[], axis: int) : Tensor<'T> =
        Tensor.NotNull(tensors, nameof tensors)
        if tensors.Length = 0 then raise (ArgumentException("stack: no tensors.", nameof tensors))
        for k in 0 .. tensors.Length - 1 do
            Tensor.Check(tensors[k], $"tensors[{k}]")
        let first = tensors[0].Dims
        for t in tensors do
            if not (Shapes.same t.Dims first) then
                raise (ArgumentException($"stack: shapes {Shapes.show first} and {Shapes.show t.Dims} differ.", nameof tensors))
        let a = Shapes.axis "stack" (first.Length + 1) axis
        let dims = Array.insertAt a 1 first
        Structure.Concat(tensors |> Array.map (fun t -> Tensor<'T>.Reshape(t, dims)), a)

    /// <summary>
    /// The slices of x at the given indices along an axis, in that order (numpy.take, torch.index_select):
    /// the result has extent indices.Length along the axis. Indices may repeat; the VJP adds their adjoints.
    /// </summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">An index is out of range.</exception>
    static member Take<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, indices: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.NotNull(indices, nameof indices)
        let a = Shapes.axis "take" x.Rank axis
        for i in indices do
            if i < 0 || i >= x.Dims[a] then
                raise (ArgumentOutOfRangeException(nameof indices, i, $"take: index out of range for axis {a} of a tensor of shape {Shapes.show x.Dims}."))
        let outer = Shapes.size x.Dims[.. a - 1]
        let inner = Shapes.size x.Dims[a + 1 ..]
        let k = indices.Length
        let full = Array.init (outer * k * inner) (fun p -> indices[(p / inner) % k])
        Structure.Gather(x, a, full, k)

    /// <summary>
    /// Gathers along an axis with one index per result element (torch.gather): the result has x's shape with
    /// extent k = indices.Length / (product of the other extents) along the axis, and
    /// result[…, j, …] = x[…, indices[…, j, …], …]; indices are given in the result's row-major order.
    /// With k = 1 along the class axis this picks one entry per row (a label's logit).
    /// </summary>
    /// <exception cref="T:System.ArgumentException">indices.Length is not a multiple of the other extents' product.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">An index is out of range.</exception>
    static member Gather<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, indices: int[]) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.NotNull(indices, nameof indices)
        let a = Shapes.axis "gather" x.Rank axis
        let others = Shapes.size x.Dims / (max 1 x.Dims[a])
        if others = 0 || indices.Length % others <> 0 then
            raise (ArgumentException($"gather: {indices.Length} indices do not fit a tensor of shape {Shapes.show x.Dims} along axis {a}.", nameof indices))
        for i in indices do
            if i < 0 || i >= x.Dims[a] then
                raise (ArgumentOutOfRangeException(nameof indices, i, $"gather: index out of range for axis {a} of a tensor of shape {Shapes.show x.Dims}."))
        Structure.Gather(x, a, Array.copy indices, indices.Length / others)

    // ----- matrix products ------------------------------------------------------------------------

    /// <summary>
    /// The matrix product with NumPy's rules (numpy.matmul): [m, k]·[k, n] → [m, n]; batches [..., m, k]·[..., k, n]
    /// with the batch axes broadcast; a 2-D right operand applies to every matrix of a batched left operand (as
    /// one product); a vector operand is a row (left) or column (right) whose axis is dropped from the result.
    /// Runs on <see cref="T:Fluxion.MatMul"/> (OpenBLAS or the managed kernel); VJPs and JVPs are again products,
    /// with operands read transposed rather than copied.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">The inner extents differ, or the batch axes cannot be broadcast.</exception>
    static member MatMul<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, b: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(a, nameof a)
        Tensor.Check(b, nameof b)
        if a.Rank = 0 || b.Rank = 0 then
            raise (ArgumentException($"matmul: shapes {Shapes.show a.Dims} and {Shapes.show b.Dims}: scalars have no matrix product (use Multiply).", nameof a))
        let a2 = if a.Rank = 1 then Tensor<'T>.Reshape(a, [| 1; a.Length |]) else a
        let b2 = if b.Rank = 1 then Tensor<'T>.Reshape(b, [| b.Length; 1 |]) else b
        let k = a2.Dims[a2.Rank - 1]
        if b2.Dims[b2.Rank - 2] <> k then
            raise (ArgumentException($"matmul: shapes {Shapes.show a.Dims} and {Shapes.show b.Dims} do not match (inner extents {k} and {b2.Dims[b2.Rank - 2]}).", nameof b))
        let m = a2.Dims[a2.Rank - 2]
        let n = b2.Dims[b2.Rank - 1]
        let product =
            if b2.Rank = 2 then
                // Every matrix of a's batch times the same b: one product of the stacked rows.
                let lead = a2.Dims[.. a2.Rank - 3]
                let rows = Tensor<'T>.Reshape(a2, [| Shapes.size lead * m; k |])
                Tensor<'T>.Reshape(Products.Batched(rows, false, b2, false, [||]), Array.append lead [| m; n |])
            else
                let lead =
                    try Shapes.broadcast "matmul" a2.Dims[.. a2.Rank - 3] b2.Dims[.. b2.Rank - 3]
                    with :? ArgumentException ->
                        raise (ArgumentException($"matmul: the batch axes of shapes {Shapes.show a.Dims} and {Shapes.show b.Dims} cannot be broadcast together.", nameof b))
                let ea = Tensor<'T>.Expand(a2, Array.append lead [| m; k |])
                let eb = Tensor<'T>.Expand(b2, Array.append lead [| k; n |])
                Products.Batched(ea, false, eb, false, lead)
        let dims = product.Dims
        let keep = Array.init dims.Length (fun d -> not ((a.Rank = 1 && d = dims.Length - 2) || (b.Rank = 1 && d = dims.Length - 1)))
        if Array.forall id keep then product
        else Tensor<'T>.Reshape(product, dims |> Array.indexed |> Array.filter (fun (d, _) -> keep[d]) |> Array.map snd)

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

    /// <summary>The largest element (a scalar tensor). At ties the derivative is shared equally; NaN if an element is NaN.</summary>
    static member Max<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.Extreme(x, true)

    /// <summary>The largest elements along an axis; keepDims keeps it with extent 1. Ties share the derivative equally.</summary>
    static member Max<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.Extreme(x, axis, keepDims, true)

    /// <summary>The smallest element (a scalar tensor). At ties the derivative is shared equally.</summary>
    static member Min<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.Extreme(x, false)

    /// <summary>The smallest elements along an axis; keepDims keeps it with extent 1.</summary>
    static member Min<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.Extreme(x, axis, keepDims, false)

    static member private Extreme<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, isMax: bool) : Tensor<'T> =
        if x.Length = 0 then raise (ArgumentException("max/min of an empty tensor.", nameof x))
        Tensor<'T>.Reshape(Structure.Extreme(Tensor<'T>.Reshape(x, [| x.Length |]), 0, isMax), [||])

    static member private Extreme<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool, isMax: bool) : Tensor<'T> =
        let a = Shapes.axis (if isMax then "max" else "min") x.Rank axis
        if x.Dims[a] = 0 then raise (ArgumentException($"max/min over an empty axis of shape {Shapes.show x.Dims}.", nameof x))
        let m = Structure.Extreme(x, a, isMax)
        if keepDims then m else Tensor<'T>.Reshape(m, x.Dims |> Array.removeAt a)

    // ----- normalisation and losses ---------------------------------------------------------------

    /// <summary>log Σ exp(x) along an axis, computed stably (shifted by the maximum, which cancels in value and derivative).</summary>
    static member LogSumExp<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, keepDims: bool) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        let a = Shapes.axis "logSumExp" x.Rank axis
        // The shift is a constant: log Σ exp(x − m) + m does not depend on m, so no derivative flows through it.
        let m = Structure.Extreme(x.Detach(), a, true)
        let shift = Tensor<'T>.Const(x.Backend.FromHost(m.ToArray() |> Array.map (fun v -> if 'T.IsFinite v then v else 'T.Zero)), m.Dims)
        let s = Tensor<'T>.SumAxes(Tensor<'T>.Unary<ExpRule>(Tensor<'T>.Subtract(x, shift)), [| a |], true)
        let y = Tensor<'T>.Add(Tensor<'T>.Unary<LogRule> s, shift)
        if keepDims then y else Tensor<'T>.Reshape(y, x.Dims |> Array.removeAt a)

    /// <summary>log Σ exp(x) over all elements, computed stably (a scalar tensor).</summary>
    static member LogSumExp<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(x, nameof x)
        Tensor.LogSumExp(Tensor<'T>.Reshape(x, [| x.Length |]), 0, false)

    /// <summary>The softmax exp(x) / Σ exp(x) along an axis, computed stably.</summary>
    static member Softmax<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int) : Tensor<'T> =
        Tensor<'T>.Unary<ExpRule>(Tensor.LogSoftmax(x, axis))

    /// <summary>x − log Σ exp(x) along an axis, computed stably.</summary>
    static member LogSoftmax<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int) : Tensor<'T> =
        Tensor<'T>.Subtract(x, Tensor.LogSumExp(x, axis, true))

    /// <summary>
    /// The mean cross-entropy of logits [batch, classes] against integer class labels (one per row):
    /// mean over rows of logSumExp(row) − row[label], computed stably.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">logits is not a matrix, or there is not one label per row.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">A label is not a class index.</exception>
    static member CrossEntropy<'T when 'T :> IFloatingPointIeee754<'T>>(logits: Tensor<'T>, labels: int[]) : Tensor<'T> =
        Tensor.Check(logits, nameof logits)
        Tensor.NotNull(labels, nameof labels)
        if logits.Rank <> 2 then
            raise (ArgumentException($"crossEntropy: logits must be [batch, classes], got shape {Shapes.show logits.Dims}.", nameof logits))
        if labels.Length <> logits.Dims[0] then
            raise (ArgumentException($"crossEntropy: {labels.Length} labels for logits of shape {Shapes.show logits.Dims}.", nameof labels))
        let classes = logits.Dims[1]
        for i in 0 .. labels.Length - 1 do
            if labels[i] < 0 || labels[i] >= classes then
                raise (ArgumentOutOfRangeException(nameof labels, labels[i], $"crossEntropy: labels[{i}] = {labels[i]} is not a class index of logits with {classes} classes (shape {Shapes.show logits.Dims})."))
        let picked = Tensor.Gather(logits, 1, labels)
        Tensor.Mean(Tensor<'T>.Subtract(Tensor.LogSumExp(logits, 1, true), picked))

    /// <summary>The mean squared error mean((prediction − target)²); shapes must match exactly.</summary>
    /// <exception cref="T:System.ArgumentException">The shapes differ.</exception>
    static member MeanSquaredError<'T when 'T :> IFloatingPointIeee754<'T>>(prediction: Tensor<'T>, target: Tensor<'T>) : Tensor<'T> =
        Tensor.Check(prediction, nameof prediction)
        Tensor.Check(target, nameof target)
        if not (Shapes.same prediction.Dims target.Dims) then
            raise (ArgumentException($"meanSquaredError: prediction shape {Shapes.show prediction.Dims} and target shape {Shapes.show target.Dims} differ.", nameof target))
        Tensor.Mean(Tensor<'T>.Square(Tensor<'T>.Subtract(prediction, target)))

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
        Backprop.Run(output, inputs, Tensor<'T>.Const(output.Backend.Fill(1, 'T.One), output.Dims), createGraph)

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

    /// <summary>
    /// Checks the derivatives of f at x against finite differences, in float64: for random directions v (input) and
    /// weights u (output), the JVP J·v against centered differences of f along v (one Richardson step), and the
    /// VJP through ⟨uᵀJ, v⟩ = ⟨u, J·v⟩. Relative errors are |a − b| / max(1, |a|, |b|). Use it on functions that
    /// are smooth near x (a kink or jump within about 10⁻³·max(1, |x|) of x fails the check, as it should).
    /// </summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">directions is not positive or tolerance is not positive.</exception>
    static member CheckGradient(f: Func<Tensor<float>, Tensor<float>>, x: Tensor<float>, random: Random, directions: int, tolerance: float) : TensorGradientCheck =
        Tensor.NotNull(f, nameof f)
        Tensor.Check(x, nameof x)
        Tensor.NotNull(random, nameof random)
        if directions < 1 then raise (ArgumentOutOfRangeException(nameof directions, directions, "At least one direction is needed."))
        if not (tolerance > 0.0) then raise (ArgumentOutOfRangeException(nameof tolerance, tolerance, "The tolerance must be positive."))
        let xs = x.ToArray()
        let h = 1e-3 * (xs |> Array.fold (fun m v -> max m (abs v)) 1.0)
        let relError (a: float) (b: float) = abs (a - b) / max 1.0 (max (abs a) (abs b))
        let plain (v: float[]) (t: float) =
            let moved = Tensor<float>.Const(x.Backend.FromHost(Array.map2 (fun a b -> a + t * b) xs v), x.Shape)
            let y = f.Invoke moved
            if isNull y then raise (InvalidOperationException "The function returned null instead of a tensor.")
            y.ToArray()
        let central (v: float[]) (t: float) = Array.map2 (fun a b -> (a - b) / (2.0 * t)) (plain v t) (plain v -t)
        let mutable worstJvp = 0.0
        let mutable worstVjp = 0.0
        for _ in 1..directions do
            let v = (Tensor.RandomNormal<float>(random, x.Shape)).ToArray()
            let d1 = central v h
            let d2 = central v (h / 2.0)
            let fd = Array.map2 (fun a b -> (4.0 * b - a) / 3.0) d1 d2
            let jvp = (Tensor.Jvp(f, x, Tensor<float>.Const(x.Backend.FromHost v, x.Shape))).Tangent.ToArray()
            for i in 0 .. fd.Length - 1 do
                let e = relError jvp[i] fd[i]
                if not (e <= worstJvp) then worstJvp <- e
            let outShape = (f.Invoke x).Shape
            let u = Tensor<float>.Const(x.Backend.FromHost((Tensor.RandomNormal<float>(random, outShape)).ToArray()), outShape)
            let vjp = (Tensor.Vjp(f, x, u)).Vjp.ToArray()
            let lhs = Array.fold2 (fun acc a b -> acc + a * b) 0.0 vjp v
            let rhs = Array.fold2 (fun acc a b -> acc + a * b) 0.0 (u.ToArray()) fd
            let e = relError lhs rhs
            if not (e <= worstVjp) then worstVjp <- e
        TensorGradientCheck(worstJvp, worstVjp, directions, tolerance)

    /// <summary>A scope in which operations do not record for reverse mode (for evaluation or parameter updates). Dispose it to end.</summary>
    static member NoGrad() : NoGradScope = new NoGradScope()

    /// <summary>
    /// A scope that owns the storage of every tensor computed while it is active and hands it back for reuse when it
    /// is disposed (one per training step: the next step reuses the buffers instead of allocating them). See
    /// <see cref="T:Fluxion.TensorScope"/> for the ownership rules; a tensor read after its scope ended throws.
    /// </summary>
    static member Scope() : TensorScope = new TensorScope()
