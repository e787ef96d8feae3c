namespace Fluxion

open System
open System.Collections
open System.Collections.Generic
open System.Numerics

// ---------------------------------------------------------------------------------------------
// Network building blocks on the tensor API: initialisers, activations, parameter collections, linear layers
// and multilayer perceptrons.
//
// Parameters are leaf tensors (Tensor<'T>.AsParameter) whose storage belongs to the layer that created them.
// Optimisers and ParameterCollection.CopyFrom write that storage in place, as PyTorch's optimisers do: the layer
// keeps the same tensor objects for its whole life, so a training step allocates no parameter tensors and a
// forward pass after a step sees the new values. The storage of a parameter is therefore the one exception to
// "tensors are immutable"; graphs recorded before a step must not be differentiated after it.
// ---------------------------------------------------------------------------------------------

/// <summary>The elementwise nonlinearity between the layers of a network.</summary>
type Activation =
    /// <summary>No nonlinearity: f(x) = x.</summary>
    | Identity = 0
    /// <summary>The hyperbolic tangent (<c>Tensor.Tanh</c>).</summary>
    | Tanh = 1
    /// <summary>The rectified linear unit max(x, 0) (<c>Tensor.Relu</c>).</summary>
    | Relu = 2
    /// <summary>The Gaussian error linear unit x·Φ(x) (<c>Tensor.Gelu</c>).</summary>
    | Gelu = 3
    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ) (<c>Tensor.Sigmoid</c>).</summary>
    | Sigmoid = 4
    /// <summary>softplus ln(1 + eˣ) (<c>Tensor.Softplus</c>).</summary>
    | Softplus = 5

/// <summary>How the weights of a linear layer are drawn (biases start at zero).</summary>
type Initialization =
    /// <summary>Xavier/Glorot uniform: U(−a, a) with a = √(6/(fanIn + fanOut)), variance 2/(fanIn + fanOut). Suits tanh and sigmoid.</summary>
    | XavierUniform = 0
    /// <summary>Xavier/Glorot normal: N(0, 2/(fanIn + fanOut)).</summary>
    | XavierNormal = 1
    /// <summary>He/Kaiming uniform: U(−a, a) with a = √(6/fanIn), variance 2/fanIn. Suits ReLU and GELU.</summary>
    | HeUniform = 2
    /// <summary>He/Kaiming normal: N(0, 2/fanIn).</summary>
    | HeNormal = 3

/// <summary>Random weight matrices for the initialisation schemes of <see cref="T:Fluxion.Initialization"/>, drawn from a caller's (seeded) generator.</summary>
[<AbstractClass; Sealed>]
type Initializers =

    static member private CheckFans(fanIn: int, fanOut: int) =
        if fanIn <= 0 then raise (ArgumentOutOfRangeException(nameof fanIn, fanIn, "fanIn must be positive."))
        if fanOut <= 0 then raise (ArgumentOutOfRangeException(nameof fanOut, fanOut, "fanOut must be positive."))

    /// <summary>A [fanIn, fanOut] matrix with independent entries of the given scheme.</summary>
    /// <param name="initialization">The scheme.</param>
    /// <param name="random">The generator (seed it for reproducible weights).</param>
    /// <param name="fanIn">The number of inputs of the layer (rows).</param>
    /// <param name="fanOut">The number of outputs of the layer (columns).</param>
    /// <exception cref="T:System.ArgumentOutOfRangeException">A fan is not positive, or the scheme is unknown.</exception>
    static member Weights<'T when 'T :> IFloatingPointIeee754<'T>>(initialization: Initialization, random: Random, fanIn: int, fanOut: int) : Tensor<'T> =
        if isNull random then raise (ArgumentNullException(nameof random))
        Initializers.CheckFans(fanIn, fanOut)
        let uniform (variance: float) =
            // U(−a, a) has variance a²/3.
            let a = sqrt (3.0 * variance)
            Tensor.RandomUniform(random, 'T.CreateChecked -a, 'T.CreateChecked a, fanIn, fanOut)
        let normal (variance: float) =
            Tensor<'T>.Multiply(Tensor.RandomNormal<'T>(random, fanIn, fanOut), Tensor<'T>.Scalar('T.CreateChecked(sqrt variance)))
        let xavier = 2.0 / float (fanIn + fanOut)
        let he = 2.0 / float fanIn
        match initialization with
        | Initialization.XavierUniform -> uniform xavier
        | Initialization.XavierNormal -> normal xavier
        | Initialization.HeUniform -> uniform he
        | Initialization.HeNormal -> normal he
        | other -> raise (ArgumentOutOfRangeException(nameof initialization, other, "Unknown initialization."))

    /// <summary>The variance of a weight under the given scheme: 2/(fanIn + fanOut) for Xavier, 2/fanIn for He.</summary>
    /// <param name="initialization">The scheme.</param>
    /// <param name="fanIn">The number of inputs of the layer.</param>
    /// <param name="fanOut">The number of outputs of the layer.</param>
    static member Variance(initialization: Initialization, fanIn: int, fanOut: int) : float =
        Initializers.CheckFans(fanIn, fanOut)
        match initialization with
        | Initialization.XavierUniform
        | Initialization.XavierNormal -> 2.0 / float (fanIn + fanOut)
        | Initialization.HeUniform
        | Initialization.HeNormal -> 2.0 / float fanIn
        | other -> raise (ArgumentOutOfRangeException(nameof initialization, other, "Unknown initialization."))

/// <summary>The activations of <see cref="T:Fluxion.Activation"/> as tensor functions.</summary>
[<AbstractClass; Sealed>]
type Activations =

    /// <summary>The activation applied elementwise to x (differentiable, like every tensor operation).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">The activation is unknown.</exception>
    static member Apply<'T when 'T :> IFloatingPointIeee754<'T>>(activation: Activation, x: Tensor<'T>) : Tensor<'T> =
        if isNull x then raise (ArgumentNullException(nameof x))
        match activation with
        | Activation.Identity -> x
        | Activation.Tanh -> Tensor.Tanh x
        | Activation.Relu -> Tensor.Relu x
        | Activation.Gelu -> Tensor.Gelu x
        | Activation.Sigmoid -> Tensor.Sigmoid x
        | Activation.Softplus -> Tensor.Softplus x
        | other -> raise (ArgumentOutOfRangeException(nameof activation, other, "Unknown activation."))

/// <summary>
/// The trainable tensors of a model, in a fixed order: enumerate them, count their elements, copy all their
/// elements to or from one flat array (for optimisers outside Fluxion, checkpoints, L-BFGS), and take the gradients
/// of a loss with respect to them.
/// </summary>
/// <remarks>
/// The tensors are parameters (leaves of reverse mode). <see cref="M:Fluxion.ParameterCollection`1.CopyFrom(`0[])"/>
/// and the optimisers write their elements in place, so every tensor computed from them afterwards sees the new values.
/// </remarks>
[<Sealed>]
type ParameterCollection<'T when 'T :> IFloatingPointIeee754<'T>>(parameters: Tensor<'T>[]) =
    do
        if isNull parameters then raise (ArgumentNullException(nameof parameters))
        for k in 0 .. parameters.Length - 1 do
            let p = parameters[k]
            if isNull p then raise (ArgumentNullException($"parameters[{k}]"))
            if isNull p.Node || not p.Node.IsLeaf then
                raise (ArgumentException($"parameters[{k}] (shape {Shapes.show p.Dims}) is not a parameter: create it with Tensor.Parameter.", nameof parameters))
    let items = Array.copy parameters
    let elementCount = items |> Array.sumBy (fun p -> p.Length)

    member internal _.Items = items

    /// <summary>The number of parameter tensors.</summary>
    member _.Count = items.Length

    /// <summary>The parameter tensor at the given position.</summary>
    member _.Item
        with get (index: int) : Tensor<'T> = items[index]

    /// <summary>The total number of scalar parameters (the length of the flat array).</summary>
    member _.ElementCount = elementCount

    /// <summary>The parameter tensors, in order (a new array).</summary>
    member _.ToArray() : Tensor<'T>[] = Array.copy items

    /// <summary>The collection followed by another one (for models made of several parts).</summary>
    member _.Concat(other: ParameterCollection<'T>) : ParameterCollection<'T> =
        if isNull (box other) then raise (ArgumentNullException(nameof other))
        ParameterCollection<'T>(Array.append items other.Items)

    /// <summary>Every parameter element, tensor after tensor, each in row-major order, copied to destination.</summary>
    /// <exception cref="T:System.ArgumentException">destination is shorter than <see cref="P:Fluxion.ParameterCollection`1.ElementCount"/>.</exception>
    member _.CopyTo(destination: Span<'T>) =
        if destination.Length < elementCount then
            raise (ArgumentException($"The destination has {destination.Length} elements; the parameters have {elementCount}.", nameof destination))
        let mutable offset = 0
        for p in items do
            p.Backend.CopyToHost(p.Data, destination.Slice(offset, p.Length))
            offset <- offset + p.Length

    /// <summary>Every parameter element copied to destination (see <see cref="M:Fluxion.ParameterCollection`1.CopyTo(System.Span{`0})"/>).</summary>
    member this.CopyTo(destination: 'T[]) =
        if isNull destination then raise (ArgumentNullException(nameof destination))
        this.CopyTo(Span<'T>(destination))

    /// <summary>Every parameter element in one new flat array (tensor after tensor, each in row-major order).</summary>
    member this.ToFlatArray() : 'T[] =
        let values = Array.zeroCreate elementCount
        this.CopyTo(Span<'T>(values))
        values

    /// <summary>Overwrites every parameter element from a flat array laid out as <see cref="M:Fluxion.ParameterCollection`1.ToFlatArray"/> gives it.</summary>
    /// <exception cref="T:System.ArgumentException">source does not have <see cref="P:Fluxion.ParameterCollection`1.ElementCount"/> elements.</exception>
    member _.CopyFrom(source: ReadOnlySpan<'T>) =
        if source.Length <> elementCount then
            raise (ArgumentException($"The source has {source.Length} elements; the parameters have {elementCount}.", nameof source))
        let mutable offset = 0
        for p in items do
            p.Backend.CopyFromHostInPlace(source.Slice(offset, p.Length), p.Data)
            offset <- offset + p.Length

    /// <summary>Overwrites every parameter element from a flat array (see <see cref="M:Fluxion.ParameterCollection`1.CopyFrom(System.ReadOnlySpan{`0})"/>).</summary>
    member this.CopyFrom(source: 'T[]) =
        if isNull source then raise (ArgumentNullException(nameof source))
        this.CopyFrom(ReadOnlySpan<'T>(source))

    /// <summary>The gradients of a one-element loss with respect to each parameter, in order (one reverse sweep, not recorded).</summary>
    /// <exception cref="T:System.ArgumentException">loss does not have exactly one element.</exception>
    member _.Gradients(loss: Tensor<'T>) : Tensor<'T>[] =
        if isNull loss then raise (ArgumentNullException(nameof loss))
        Tensor.Gradients(loss, items, false)

    /// <summary>
    /// The Hessian-vector product ∇²L·v of a loss with respect to the parameters, along a direction v given as one
    /// tensor per parameter: reverse over reverse, the gradient of ⟨∇L, v⟩ (no Hessian is formed).
    /// </summary>
    /// <param name="loss">Evaluates the one-element loss with the parameters' current values.</param>
    /// <param name="direction">One tensor per parameter, with its shape.</param>
    /// <exception cref="T:System.ArgumentException">The direction does not match the parameters' shapes, or the loss is not a single element.</exception>
    member _.HessianVectorProduct(loss: Func<Tensor<'T>>, direction: Tensor<'T>[]) : Tensor<'T>[] =
        if isNull loss then raise (ArgumentNullException(nameof loss))
        if isNull direction then raise (ArgumentNullException(nameof direction))
        if direction.Length <> items.Length then
            raise (ArgumentException($"{direction.Length} direction tensors for {items.Length} parameters.", nameof direction))
        for k in 0 .. items.Length - 1 do
            if isNull direction[k] then raise (ArgumentNullException($"direction[{k}]"))
            if not (Shapes.same direction[k].Dims items[k].Dims) then
                raise (ArgumentException($"direction[{k}] has shape {Shapes.show direction[k].Dims} but parameter {k} has shape {Shapes.show items[k].Dims}.", nameof direction))
        let l = loss.Invoke()
        if isNull l then raise (InvalidOperationException "The loss function returned null instead of a tensor.")
        let gradients = Tensor.Gradients(l, items, true)
        let mutable inner = Tensor<'T>.Scalar 'T.Zero
        for k in 0 .. items.Length - 1 do
            inner <- Tensor<'T>.Add(inner, Tensor.Sum(Tensor<'T>.Multiply(gradients[k], direction[k].Detach())))
        Tensor.Gradients(inner, items, false)

    interface IReadOnlyList<Tensor<'T>> with
        member _.Count = items.Length
        member _.Item with get (index: int) = items[index]
        member _.GetEnumerator() : IEnumerator<Tensor<'T>> = (items :> IEnumerable<Tensor<'T>>).GetEnumerator()
        member _.GetEnumerator() : IEnumerator = items.GetEnumerator()

/// <summary>A differentiable model: a function of an input tensor with trainable parameters.</summary>
type IModel<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// <summary>The model's output for a batch of inputs.</summary>
    abstract Forward: input: Tensor<'T> -> Tensor<'T>
    /// <summary>The trainable parameters.</summary>
    abstract Parameters: ParameterCollection<'T>

/// <summary>
/// A fully connected layer y = x·W + b: W has shape [inputs, outputs], b has shape [outputs]. The input's last axis
/// has the layer's inputs; any leading axes (a batch) are kept.
/// </summary>
[<Sealed>]
type Linear<'T when 'T :> IFloatingPointIeee754<'T>> private (weight: Tensor<'T>, bias: Tensor<'T>) =
    let inputs = weight.Dims[0]
    let outputs = weight.Dims[1]
    let parameters = ParameterCollection<'T>([| weight; bias |])

    /// A parameter with its own storage, copied from x.
    static member private Own(x: Tensor<'T>) = Tensor<'T>.Const(x.Backend.Copy x.Data, Array.copy x.Dims).AsParameter()

    /// <summary>A layer with weights drawn by the given scheme from random and zero biases.</summary>
    /// <param name="inputs">The number of inputs.</param>
    /// <param name="outputs">The number of outputs.</param>
    /// <param name="random">The generator (seed it for reproducible weights).</param>
    /// <param name="initialization">The weight scheme.</param>
    /// <exception cref="T:System.ArgumentOutOfRangeException">inputs or outputs is not positive.</exception>
    new(inputs: int, outputs: int, random: Random, initialization: Initialization) =
        let w = Initializers.Weights<'T>(initialization, random, inputs, outputs)
        Linear<'T>(w.AsParameter(), Tensor<'T>.ZerosOn(w.Backend, [| outputs |]).AsParameter())

    /// <summary>A layer with Xavier/Glorot-uniform weights drawn from random and zero biases.</summary>
    /// <param name="inputs">The number of inputs.</param>
    /// <param name="outputs">The number of outputs.</param>
    /// <param name="random">The generator (seed it for reproducible weights).</param>
    new(inputs: int, outputs: int, random: Random) = Linear<'T>(inputs, outputs, random, Initialization.XavierUniform)

    /// <summary>A layer with the given initial weights ([inputs, outputs]) and biases ([outputs]), copied into the layer's own parameters.</summary>
    /// <exception cref="T:System.ArgumentException">The shapes do not fit together.</exception>
    static member FromWeights(weight: Tensor<'T>, bias: Tensor<'T>) : Linear<'T> =
        if isNull weight then raise (ArgumentNullException(nameof weight))
        if isNull bias then raise (ArgumentNullException(nameof bias))
        if weight.Rank <> 2 || weight.Dims[0] = 0 || weight.Dims[1] = 0 then
            raise (ArgumentException($"Linear: the weight must be a non-empty [inputs, outputs] matrix; its shape is {Shapes.show weight.Dims}.", nameof weight))
        if bias.Rank <> 1 || bias.Dims[0] <> weight.Dims[1] then
            raise (ArgumentException($"Linear: the bias must have shape [{weight.Dims[1]}] to match the weight of shape {Shapes.show weight.Dims}; its shape is {Shapes.show bias.Dims}.", nameof bias))
        Linear<'T>(Linear<'T>.Own weight, Linear<'T>.Own bias)

    /// <summary>The weight matrix W, shape [inputs, outputs] (a parameter).</summary>
    member _.Weight = weight
    /// <summary>The bias vector b, shape [outputs] (a parameter).</summary>
    member _.Bias = bias
    /// <summary>The number of inputs.</summary>
    member _.InputSize = inputs
    /// <summary>The number of outputs.</summary>
    member _.OutputSize = outputs
    /// <summary>The parameters: the weight, then the bias.</summary>
    member _.Parameters = parameters

    /// <summary>x·W + b for x of shape [..., inputs]; the result has shape [..., outputs].</summary>
    /// <exception cref="T:System.ArgumentException">x's last axis is not the layer's number of inputs.</exception>
    member _.Forward(input: Tensor<'T>) : Tensor<'T> =
        if isNull input then raise (ArgumentNullException(nameof input))
        if input.Rank = 0 || input.Dims[input.Rank - 1] <> inputs then
            raise (ArgumentException($"Linear: an input of shape {Shapes.show input.Dims} does not end in the layer's {inputs} inputs (weight shape {Shapes.show weight.Dims}).", nameof input))
        // A vector input is a row; a batched input is one product with the weight (numpy.matmul's rules).
        Tensor<'T>.Add(Tensor.MatMul(input, weight), bias)

    interface IModel<'T> with
        member this.Forward(input) = this.Forward input
        member _.Parameters = parameters

/// <summary>
/// A multilayer perceptron: linear layers of the given sizes with an activation after every layer but the last,
/// so the output is linear (logits for <c>Tensor.CrossEntropy</c>, values for <c>Tensor.MeanSquaredError</c>).
/// </summary>
/// <example><code>var net = new MultilayerPerceptron&lt;float&gt;(new[] { 784, 256, 256, 10 }, Activation.Tanh, new Random(1));</code></example>
[<Sealed>]
type MultilayerPerceptron<'T when 'T :> IFloatingPointIeee754<'T>>(layerSizes: int[], activation: Activation, random: Random, initialization: Initialization) =
    do
        if isNull layerSizes then raise (ArgumentNullException(nameof layerSizes))
        if isNull random then raise (ArgumentNullException(nameof random))
        if layerSizes.Length < 2 then
            raise (ArgumentException($"A perceptron needs at least two layer sizes (inputs and outputs); got {layerSizes.Length}.", nameof layerSizes))
        for k in 0 .. layerSizes.Length - 1 do
            if layerSizes[k] <= 0 then
                raise (ArgumentException($"Layer size {k} is {layerSizes[k]}; sizes must be positive.", nameof layerSizes))
        if not (Enum.IsDefined activation) then raise (ArgumentOutOfRangeException(nameof activation, activation, "Unknown activation."))
    let layers = Array.init (layerSizes.Length - 1) (fun k -> Linear<'T>(layerSizes[k], layerSizes[k + 1], random, initialization))
    let parameters =
        ParameterCollection<'T>(layers |> Array.collect (fun l -> [| l.Weight; l.Bias |]))

    /// <summary>
    /// A perceptron with weights initialised for its activation: He/Kaiming uniform for ReLU and GELU, Xavier/Glorot
    /// uniform otherwise; biases start at zero.
    /// </summary>
    /// <param name="layerSizes">The sizes: inputs, hidden layers…, outputs.</param>
    /// <param name="activation">The activation after every layer but the last.</param>
    /// <param name="random">The generator (seed it for reproducible weights).</param>
    new(layerSizes: int[], activation: Activation, random: Random) =
        let init =
            match activation with
            | Activation.Relu
            | Activation.Gelu -> Initialization.HeUniform
            | _ -> Initialization.XavierUniform
        MultilayerPerceptron<'T>(layerSizes, activation, random, init)

    /// <summary>The linear layers, first to last (a new array).</summary>
    member _.Layers: Linear<'T>[] = Array.copy layers
    /// <summary>The activation after every layer but the last.</summary>
    member _.Activation = activation
    /// <summary>The sizes: inputs, hidden layers…, outputs (a copy).</summary>
    member _.LayerSizes = Array.copy layerSizes
    /// <summary>The parameters: weight and bias of each layer, first layer first.</summary>
    member _.Parameters = parameters

    /// <summary>The network's output for an input of shape [..., inputs]: shape [..., outputs].</summary>
    member _.Forward(input: Tensor<'T>) : Tensor<'T> =
        let mutable h = layers[0].Forward input
        for k in 1 .. layers.Length - 1 do
            h <- layers[k].Forward(Activations.Apply(activation, h))
        h

    interface IModel<'T> with
        member this.Forward(input) = this.Forward input
        member _.Parameters = parameters
