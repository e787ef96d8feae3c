namespace Fluxion

open System
open System.Numerics

// ---------------------------------------------------------------------------------------------
// Differential operators of a network with respect to its inputs, over a batch of points: the derivatives a
// physics-informed loss is built from (u_x, u_t, u_xx, mixed second derivatives, the Laplacian), each an ordinary
// tensor that reverse mode differentiates with respect to the network's parameters.
//
// Two routes, both made of tensor operations only (no derivative formula of their own):
// - Differential.Of(u, points) works for any function of the points: a first derivative along axis i is one JVP
//   along the direction that is e_i at every point; a second derivative is a JVP of that JVP (nested forward
//   levels); the Laplacian is the sum over the axes of the second derivatives along them.
// - Differential.ForwardLaplacian(perceptron, points) is the forward Laplacian (Li et al. 2024): one pass through
//   a multilayer perceptron carrying the value, the D first-derivative tangents and one Laplacian channel. A linear
//   layer maps each of them by its weight (the bias only enters the value); an activation σ maps the tangents J to
//   σ′(h)·J and the Laplacian channel L to σ′(h)·L + σ″(h)·Σ_d J_d², with σ′ and σ″ taken from the rule table
//   (for tanh, sigmoid and softplus straight from the rule, σ, σ′ and σ″ each once; for the other activations by
//   the JVP of σ and the JVP of that JVP).
// ---------------------------------------------------------------------------------------------

/// Shared argument checks and the constant directions e_i.
module internal DifferentialSupport =

    /// The points must be a matrix [N, D] with N, D ≥ 1.
    let checkPoints<'T when 'T :> IFloatingPointIeee754<'T>> (points: Tensor<'T>) =
        if isNull points then raise (ArgumentNullException(nameof points))
        if points.Rank <> 2 || points.Dims[0] = 0 || points.Dims[1] = 0 then
            raise (ArgumentException($"Differential operators need the points as a non-empty matrix [points, dimensions]; the shape is {Shapes.show points.Dims}.", nameof points))

    /// An axis of the points' D dimensions.
    let checkAxis (name: string) (dimensions: int) (axis: int) =
        if axis < 0 || axis >= dimensions then
            raise (ArgumentOutOfRangeException(name, axis, $"The points have {dimensions} dimensions (axes 0 to {dimensions - 1})."))

    /// σ(h), σ′(h) and σ″(h) of a rule of the table, as differentiable tensors that share their values (σ′ reads
    /// σ(h), σ″ reads both): each computed once.
    let private ruleDerivatives<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>> (h: Tensor<'T>) =
        let value = Tensor<'T>.Unary<'R> h
        let first = Tensor<'T>.RuleDerivative<'R>(h, [| value.Data |], 1)
        let second = Tensor<'T>.RuleDerivative<'R>(h, [| value.Data; first.Data |], 2)
        struct (value, first, second)

    /// σ(h), σ′(h) and σ″(h) for an activation σ: from its rule where the activation is one rule of the table,
    /// otherwise as the JVP of σ and the JVP of that JVP along ones (σ′(h) the outer pass's value, σ″(h) its tangent).
    let activationDerivatives<'T when 'T :> IFloatingPointIeee754<'T>> (activation: Activation) (h: Tensor<'T>) =
        match activation with
        | Activation.Tanh -> ruleDerivatives<TanhRule, 'T> h
        | Activation.Sigmoid -> ruleDerivatives<SigmoidRule, 'T> h
        | Activation.Softplus -> ruleDerivatives<SoftplusRule, 'T> h
        | _ ->
            let sigma (z: Tensor<'T>) = Activations.Apply(activation, z)
            let ones = Tensor<'T>.Const(h.Backend.Fill(h.Length, 'T.One), Array.copy h.Dims)
            let derivative (z: Tensor<'T>) = (Tensor.Jvp(Func<_, _>(sigma), z, ones)).Tangent
            let r = Tensor.Jvp(Func<_, _>(derivative), h, ones)
            struct (sigma h, r.Value, r.Tangent)

    /// The direction [N, D] that is e_axis at every point, on the points' device.
    let direction<'T when 'T :> IFloatingPointIeee754<'T>> (points: Tensor<'T>) (axis: int) =
        let n = points.Dims[0]
        let d = points.Dims[1]
        let values = Array.init (n * d) (fun k -> if k % d = axis then 'T.One else 'T.Zero)
        Tensor<'T>.Const(points.Backend.FromHost values, [| n; d |])

/// <summary>
/// The derivatives of u with respect to its inputs at a batch of points (see <c>Differential.Of</c>):
/// each is computed on first use by nested forward mode and kept; every result is differentiable with respect to
/// the parameters u reads (reverse mode through the forward levels).
/// </summary>
/// <remarks>
/// u must act row by row (the output for point n depends only on row n of the points, as a network does); then the
/// derivative along axis i of the output for point n is ∂u/∂x_i at that point. The results have the shape of u's
/// output. The derivatives are computed lazily and cached, so use one instance from one thread, inside the tensor
/// scope (if any) that is to own its tensors.
/// </remarks>
[<Sealed>]
type InputDerivatives<'T when 'T :> IFloatingPointIeee754<'T>> internal (u: Func<Tensor<'T>, Tensor<'T>>, points: Tensor<'T>, value: Tensor<'T>) =
    let dimensions = points.Dims[1]
    let gradients: Tensor<'T>[] = Array.zeroCreate dimensions
    let seconds: Tensor<'T>[] = Array.zeroCreate dimensions
    let mutable laplacian: Tensor<'T> = null

    /// The JVP of u along e_i, as a function of the points (the inner level of a second derivative).
    let along (i: int) (z: Tensor<'T>) = (Tensor.Jvp(u, z, DifferentialSupport.direction points i)).Tangent

    /// <summary>The points [N, D].</summary>
    member _.Points = points
    /// <summary>The number D of input dimensions.</summary>
    member _.Dimensions = dimensions
    /// <summary>u at the points.</summary>
    member _.Value = value

    /// <summary>∂u/∂x_axis at every point (one JVP), for example u_x or u_t.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">axis is not one of the D input axes.</exception>
    member _.Gradient(axis: int) : Tensor<'T> =
        DifferentialSupport.checkAxis (nameof axis) dimensions axis
        if isNull gradients[axis] then gradients[axis] <- along axis points
        gradients[axis]

    /// <summary>∂²u/∂x_axis² at every point (a JVP of a JVP along the axis), for example u_xx.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">axis is not one of the D input axes.</exception>
    member _.Second(axis: int) : Tensor<'T> =
        DifferentialSupport.checkAxis (nameof axis) dimensions axis
        if isNull seconds[axis] then
            let r = Tensor.Jvp(Func<_, _>(along axis), points, DifferentialSupport.direction points axis)
            // The outer pass's value is the first derivative along the axis: keep it too.
            if isNull gradients[axis] then gradients[axis] <- r.Value
            seconds[axis] <- r.Tangent
        seconds[axis]

    /// <summary>∂²u/∂x_first∂x_second at every point (a JVP along one axis of the JVP along the other).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">first or second is not one of the D input axes.</exception>
    member this.Mixed(first: int, second: int) : Tensor<'T> =
        DifferentialSupport.checkAxis (nameof first) dimensions first
        DifferentialSupport.checkAxis (nameof second) dimensions second
        if first = second then this.Second first
        else (Tensor.Jvp(Func<_, _>(along first), points, DifferentialSupport.direction points second)).Tangent

    /// <summary>The Laplacian Δu = Σ_i ∂²u/∂x_i² at every point (D second derivatives).</summary>
    member this.Laplacian: Tensor<'T> =
        if isNull laplacian then
            let mutable sum = this.Second 0
            for i in 1 .. dimensions - 1 do
                sum <- Tensor.Add(sum, this.Second i)
            laplacian <- sum
        laplacian

/// <summary>
/// The value, the D first derivatives and the Laplacian of a multilayer perceptron at a batch of points, from one
/// forward-Laplacian pass (see <c>Differential.ForwardLaplacian</c>).
/// Every result is differentiable with respect to the perceptron's parameters.
/// </summary>
[<Sealed>]
type LaplacianPass<'T when 'T :> IFloatingPointIeee754<'T>> internal (points: Tensor<'T>, axes: int[], value: Tensor<'T>, tangents: Tensor<'T>, laplacian: Tensor<'T>) =
    /// <summary>The points [N, D].</summary>
    member _.Points = points
    /// <summary>The axes whose second derivatives the Laplacian sums (all D unless chosen; a copy).</summary>
    member _.Axes = Array.copy axes
    /// <summary>The number D of input dimensions.</summary>
    member _.Dimensions = points.Dims[1]
    /// <summary>The network's output at the points, [N, outputs].</summary>
    member _.Value = value
    /// <summary>All first derivatives, [D, N, outputs]: entry [i, n, k] is ∂u_k/∂x_i at point n.</summary>
    member _.Gradients = tangents
    /// <summary>∂u/∂x_axis at every point, [N, outputs].</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">axis is not one of the D input axes.</exception>
    member _.Gradient(axis: int) : Tensor<'T> =
        DifferentialSupport.checkAxis (nameof axis) points.Dims[1] axis
        Tensor.Select(tangents, 0, axis)
    /// <summary>The Laplacian Σ_i ∂²u/∂x_i² over <c>Axes</c> at every point, [N, outputs].</summary>
    member _.Laplacian = laplacian

/// <summary>
/// Differential operators with respect to the inputs, over a batch of points, for physics-informed losses:
/// <c>var d = Differential.Of(net.Forward, points); var residual = d.Gradient(1) + d.Value * d.Gradient(0) - nu * d.Second(0);</c>
/// </summary>
[<AbstractClass; Sealed>]
type Differential =

    /// <summary>
    /// The derivatives of u at the rows of points [N, D]: <c>Value</c>, <c>Gradient(axis)</c>, <c>Second(axis)</c>,
    /// <c>Mixed(i, j)</c> and <c>Laplacian</c>, each computed on first use by nested forward mode.
    /// </summary>
    /// <param name="u">A function acting row by row on the points (a network's Forward).</param>
    /// <param name="points">The points, shape [N, D].</param>
    /// <exception cref="T:System.ArgumentException">points is not a non-empty matrix, or u's output does not have one row per point.</exception>
    static member Of<'T when 'T :> IFloatingPointIeee754<'T>>(u: Func<Tensor<'T>, Tensor<'T>>, points: Tensor<'T>) : InputDerivatives<'T> =
        if isNull u then raise (ArgumentNullException(nameof u))
        DifferentialSupport.checkPoints points
        let value = u.Invoke points
        if isNull value then raise (ArgumentException("u returned null.", nameof u))
        if value.Rank = 0 || value.Dims[0] <> points.Dims[0] then
            raise (ArgumentException($"u must return one row per point: {points.Dims[0]} points gave an output of shape {Shapes.show value.Dims}.", nameof u))
        InputDerivatives<'T>(u, points, value)

    /// <summary>
    /// The value, all first derivatives and the Laplacian of a perceptron at the rows of points [N, D], in one
    /// forward-Laplacian pass (Li et al. 2024): the tangents along the D axes and one Laplacian channel travel through
    /// the layers with the value, instead of D nested second-order passes.
    /// </summary>
    /// <param name="network">The perceptron; its input size must be D.</param>
    /// <param name="points">The points, shape [N, D].</param>
    /// <exception cref="T:System.ArgumentException">points is not a non-empty matrix with the network's number of inputs.</exception>
    static member ForwardLaplacian<'T when 'T :> IFloatingPointIeee754<'T>>(network: MultilayerPerceptron<'T>, points: Tensor<'T>) : LaplacianPass<'T> =
        DifferentialSupport.checkPoints points
        Differential.ForwardLaplacian(network, points, Array.init points.Dims[1] id)

    /// <summary>
    /// The value, all first derivatives and the Laplacian over the chosen axes only (the spatial axes of a
    /// space-time problem; one axis gives that axis's second derivative, such as u_xx), in one forward pass.
    /// </summary>
    /// <param name="network">The perceptron; its input size must be D.</param>
    /// <param name="points">The points, shape [N, D].</param>
    /// <param name="axes">The distinct axes whose second derivatives the Laplacian sums (at least one).</param>
    /// <exception cref="T:System.ArgumentException">points is not a non-empty matrix with the network's number of inputs, or axes is empty or repeats an axis.</exception>
    /// <exception cref="T:System.ArgumentOutOfRangeException">An axis is not one of the D input axes.</exception>
    static member ForwardLaplacian<'T when 'T :> IFloatingPointIeee754<'T>>(network: MultilayerPerceptron<'T>, points: Tensor<'T>, axes: int[]) : LaplacianPass<'T> =
        if isNull (box network) then raise (ArgumentNullException(nameof network))
        DifferentialSupport.checkPoints points
        if isNull axes then raise (ArgumentNullException(nameof axes))
        let n = points.Dims[0]
        let d = points.Dims[1]
        let layers = network.Layers
        if layers[0].InputSize <> d then
            raise (ArgumentException($"The network has {layers[0].InputSize} inputs; the points have {d} dimensions.", nameof points))
        if axes.Length = 0 then raise (ArgumentException("The Laplacian needs at least one axis.", nameof axes))
        for a in axes do DifferentialSupport.checkAxis (nameof axes) d a
        if (Array.distinct axes).Length <> axes.Length then
            let listed = String.Join(", ", axes)
            raise (ArgumentException($"The axes {listed} repeat an axis.", nameof axes))
        let axes = Array.copy axes
        let all = axes.Length = d
        // Tangents [D, N, D]: along axis i every point moves by e_i.
        let identity = Array.init (d * n * d) (fun k -> if k / (n * d) = k % d then 'T.One else 'T.Zero)
        let mutable h = points
        let mutable j = Tensor<'T>.Const(points.Backend.FromHost identity, [| d; n; d |])
        let mutable l = Tensor<'T>.ZerosOn(points.Backend, [| n; d |])
        let linear (layer: Linear<'T>) =
            h <- layer.Forward h
            j <- Tensor.MatMul(j, layer.Weight)
            l <- Tensor.MatMul(l, layer.Weight)
        linear layers[0]
        for k in 1 .. layers.Length - 1 do
            let struct (value, s1, s2) = DifferentialSupport.activationDerivatives network.Activation h
            let chosen = if all then j else Tensor.Take(j, 0, axes)
            l <- Tensor.Add(Tensor.Multiply(s1, l), Tensor.Multiply(s2, Tensor.Sum(Tensor.Square chosen, 0, false)))
            j <- Tensor.Multiply(s1, j)
            h <- value
            linear layers[k]
        LaplacianPass<'T>(points, axes, h, j, l)
