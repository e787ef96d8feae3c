namespace Fluxion

open System
open System.Numerics
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.Optimization

// ---------------------------------------------------------------------------------------------
// Optimisers. A step updates the parameters' storage in place through the backend's update primitives
// (SgdStepInPlace, AdamStepInPlace) on each parameter and the optimiser's state buffers, which live on the
// parameter's device and are allocated once: after the first step an update allocates nothing. Hyperparameters are doubles (converted to the element type once per step) so that C#
// callers write plain literals.
// ---------------------------------------------------------------------------------------------

/// <summary>A gradient-based optimiser over a <see cref="T:Fluxion.ParameterCollection`1"/>, updating the parameters in place.</summary>
type IOptimizer<'T when 'T :> IFloatingPointIeee754<'T>> =
    /// <summary>The parameters it updates.</summary>
    abstract Parameters: ParameterCollection<'T>
    /// <summary>The number of steps taken since creation or the last <c>Reset</c>.</summary>
    abstract StepCount: int
    /// <summary>One update from the given gradients, one per parameter in the collection's order.</summary>
    abstract Step: gradients: Tensor<'T>[] -> unit
    /// <summary>One update from the gradients of a one-element loss (one reverse sweep, then the update).</summary>
    abstract Step: loss: Tensor<'T> -> unit
    /// <summary>Forgets the optimiser's state (momenta, moment estimates, step count); the parameters stay as they are.</summary>
    abstract Reset: unit -> unit

/// Checks and buffers shared by the optimisers.
module internal OptimizerSupport =

    let positive (name: string) (value: float) =
        if not (value > 0.0 && Double.IsFinite value) then
            raise (ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite."))

    let inUnit (name: string) (value: float) =
        if not (value >= 0.0 && value < 1.0) then
            raise (ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1)."))

    let nonNegative (name: string) (value: float) =
        if not (value >= 0.0 && Double.IsFinite value) then
            raise (ArgumentOutOfRangeException(name, value, $"{name} must be non-negative and finite."))

    /// The gradients match the parameters one to one, shape by shape.
    let checkGradients<'T when 'T :> IFloatingPointIeee754<'T>> (parameters: ParameterCollection<'T>) (gradients: Tensor<'T>[]) =
        if isNull gradients then raise (ArgumentNullException(nameof gradients))
        if gradients.Length <> parameters.Count then
            raise (ArgumentException($"{gradients.Length} gradients for {parameters.Count} parameters.", nameof gradients))
        for k in 0 .. gradients.Length - 1 do
            let g = gradients[k]
            if isNull g then raise (ArgumentNullException($"gradients[{k}]"))
            let p = parameters[k]
            if not (Shapes.same g.Dims p.Dims) then
                raise (ArgumentException($"gradients[{k}] has shape {Shapes.show g.Dims} but parameter {k} has shape {Shapes.show p.Dims}.", nameof gradients))

    /// Zeroed state buffers, one per parameter, on the parameter's device.
    let buffers<'T when 'T :> IFloatingPointIeee754<'T>> (parameters: ParameterCollection<'T>) : Storage<'T>[] =
        Array.init parameters.Count (fun k -> parameters[k].Backend.Fill(parameters[k].Length, 'T.Zero))

/// <summary>
/// Stochastic gradient descent with optional momentum and weight decay (PyTorch's formulation, no dampening):
/// d = g + λ·p; v ← μ·v + d; p ← p − η·v (with μ = 0: p ← p − η·d).
/// </summary>
/// <example><code>var sgd = new Sgd&lt;float&gt;(net.Parameters, learningRate: 0.1, momentum: 0.9);
/// sgd.Step(loss);</code></example>
[<Sealed>]
type Sgd<'T when 'T :> IFloatingPointIeee754<'T>>(parameters: ParameterCollection<'T>, learningRate: float, momentum: float, weightDecay: float) =
    do
        if isNull (box parameters) then raise (ArgumentNullException(nameof parameters))
        OptimizerSupport.positive (nameof learningRate) learningRate
        OptimizerSupport.inUnit (nameof momentum) momentum
        OptimizerSupport.nonNegative (nameof weightDecay) weightDecay
    let mutable learningRate = learningRate
    let mutable velocity: Storage<'T>[] = null
    let mutable steps = 0

    /// <summary>Plain gradient descent p ← p − η·g.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size η.</param>
    new(parameters: ParameterCollection<'T>, learningRate: float) = Sgd<'T>(parameters, learningRate, 0.0, 0.0)

    /// <summary>Gradient descent with momentum μ and no weight decay.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size η.</param>
    /// <param name="momentum">The momentum μ in [0, 1).</param>
    new(parameters: ParameterCollection<'T>, learningRate: float, momentum: float) = Sgd<'T>(parameters, learningRate, momentum, 0.0)

    /// <summary>The step size η (may be changed between steps, for a schedule).</summary>
    member _.LearningRate
        with get () = learningRate
        and set (value: float) =
            OptimizerSupport.positive (nameof value) value
            learningRate <- value

    /// <summary>The momentum μ.</summary>
    member _.Momentum = momentum
    /// <summary>The weight decay λ (the gradient of an L2 penalty λ/2·‖p‖² added to the loss's).</summary>
    member _.WeightDecay = weightDecay
    /// <summary>The parameters it updates.</summary>
    member _.Parameters = parameters
    /// <summary>The number of steps taken since creation or the last <c>Reset</c>.</summary>
    member _.StepCount = steps

    /// <summary>One update from the given gradients, one per parameter in the collection's order.</summary>
    /// <exception cref="T:System.ArgumentException">The number of gradients or a gradient's shape does not match the parameters.</exception>
    member _.Step(gradients: Tensor<'T>[]) =
        OptimizerSupport.checkGradients parameters gradients
        let minusEta = 'T.CreateChecked(-learningRate)
        let mu = 'T.CreateChecked momentum
        let lambda = 'T.CreateChecked weightDecay
        if momentum > 0.0 && isNull velocity then velocity <- OptimizerSupport.buffers parameters
        let zero = 'T.Zero
        for k in 0 .. parameters.Count - 1 do
            let p = parameters[k]
            p.Backend.SgdStepInPlace(p.Data, gradients[k].Data, (if momentum > 0.0 then velocity[k] else null), -minusEta, (if momentum > 0.0 then mu else zero), lambda)
        steps <- steps + 1

    /// <summary>One update from the gradients of a one-element loss with respect to the parameters.</summary>
    member this.Step(loss: Tensor<'T>) = this.Step(parameters.Gradients loss)

    /// <summary>Forgets the momentum and the step count.</summary>
    member _.Reset() =
        velocity <- null
        steps <- 0

    interface IOptimizer<'T> with
        member _.Parameters = parameters
        member _.StepCount = steps
        member this.Step(gradients: Tensor<'T>[]) = this.Step gradients
        member this.Step(loss: Tensor<'T>) = this.Step loss
        member this.Reset() = this.Reset()

/// <summary>
/// Adam with bias correction (Kingma and Ba): m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²;
/// p ← p − η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) at step t = 1, 2, ….
/// </summary>
/// <example><code>var adam = new Adam&lt;double&gt;(net.Parameters, learningRate: 1e-3);
/// adam.Step(loss);</code></example>
[<Sealed>]
type Adam<'T when 'T :> IFloatingPointIeee754<'T>>(parameters: ParameterCollection<'T>, learningRate: float, beta1: float, beta2: float, epsilon: float) =
    do
        if isNull (box parameters) then raise (ArgumentNullException(nameof parameters))
        OptimizerSupport.positive (nameof learningRate) learningRate
        OptimizerSupport.inUnit (nameof beta1) beta1
        OptimizerSupport.inUnit (nameof beta2) beta2
        OptimizerSupport.positive (nameof epsilon) epsilon
    let mutable learningRate = learningRate
    let mutable first: Storage<'T>[] = null
    let mutable second: Storage<'T>[] = null
    let mutable steps = 0

    /// <summary>Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size η (10⁻³ is the usual choice).</param>
    new(parameters: ParameterCollection<'T>, learningRate: float) = Adam<'T>(parameters, learningRate, 0.9, 0.999, 1e-8)

    /// <summary>The step size η (may be changed between steps, for a schedule).</summary>
    member _.LearningRate
        with get () = learningRate
        and set (value: float) =
            OptimizerSupport.positive (nameof value) value
            learningRate <- value

    /// <summary>The decay β₁ of the first-moment estimate.</summary>
    member _.Beta1 = beta1
    /// <summary>The decay β₂ of the second-moment estimate.</summary>
    member _.Beta2 = beta2
    /// <summary>The ε added to √v̂.</summary>
    member _.Epsilon = epsilon
    /// <summary>The parameters it updates.</summary>
    member _.Parameters = parameters
    /// <summary>The number of steps taken since creation or the last <c>Reset</c>.</summary>
    member _.StepCount = steps

    /// <summary>One update from the given gradients, one per parameter in the collection's order.</summary>
    /// <exception cref="T:System.ArgumentException">The number of gradients or a gradient's shape does not match the parameters.</exception>
    member _.Step(gradients: Tensor<'T>[]) =
        OptimizerSupport.checkGradients parameters gradients
        if isNull first then
            first <- OptimizerSupport.buffers parameters
            second <- OptimizerSupport.buffers parameters
        steps <- steps + 1
        let t = float steps
        let b1, b2 = 'T.CreateChecked beta1, 'T.CreateChecked beta2
        // √v̂ + ε = √v·(1/√(1 − β₂ᵗ)) + ε, and p ← p − (η/(1 − β₁ᵗ))·m/(√v̂ + ε).
        let rootCorrection = 'T.CreateChecked(1.0 / sqrt (1.0 - beta2 ** t))
        let minusStep = 'T.CreateChecked(-learningRate / (1.0 - beta1 ** t))
        let eps = 'T.CreateChecked epsilon
        for k in 0 .. parameters.Count - 1 do
            let p = parameters[k]
            p.Backend.AdamStepInPlace(p.Data, gradients[k].Data, first[k], second[k], b1, b2, rootCorrection, minusStep, eps)

    /// <summary>One update from the gradients of a one-element loss with respect to the parameters.</summary>
    member this.Step(loss: Tensor<'T>) = this.Step(parameters.Gradients loss)

    /// <summary>Forgets the moment estimates and the step count (the bias correction starts again).</summary>
    member _.Reset() =
        first <- null
        second <- null
        steps <- 0

    interface IOptimizer<'T> with
        member _.Parameters = parameters
        member _.StepCount = steps
        member this.Step(gradients: Tensor<'T>[]) = this.Step gradients
        member this.Step(loss: Tensor<'T>) = this.Step loss
        member this.Reset() = this.Reset()

/// The lowest loss evaluated so far and its point, shared by an objective and its forks.
[<Sealed; AllowNullLiteral>]
type internal BestPoint() =
    member val Value = Double.PositiveInfinity with get, set
    member val Point: Vector<double> = null with get, set

/// A MathNet.Numerics objective over a model's parameters: evaluating it at a point writes the point into the
/// parameters, evaluates the loss and takes its exact gradient by reverse mode (Tensor.Gradients). Every
/// evaluation overwrites the parameters, which all forks of the objective share. Internal, so that scripts using
/// Fluxion.Tensors need no reference to MathNet.Numerics (a public type implementing MathNet's interface would
/// require one wherever the Fluxion namespace is used).
[<Sealed>]
type internal ParameterObjective<'T when 'T :> IFloatingPointIeee754<'T>> (parameters: ParameterCollection<'T>, loss: Func<Tensor<'T>>, best: BestPoint) =
    do
        if isNull (box parameters) then raise (ArgumentNullException(nameof parameters))
        if isNull loss then raise (ArgumentNullException(nameof loss))
    let mutable point: Vector<double> = null
    let mutable value = 0.0
    let mutable gradient: Vector<double> = null

    /// An objective for the loss as a function of the parameters.
    new(parameters: ParameterCollection<'T>, loss: Func<Tensor<'T>>) = ParameterObjective<'T>(parameters, loss, BestPoint())

    static member private NotEvaluated() =
        InvalidOperationException "The objective has not been evaluated yet: call EvaluateAt first."

    /// The lowest loss evaluated by this objective and its forks, and its point.
    member internal _.Best = best

    /// <summary>The point of the last evaluation (the parameters flattened as <c>ParameterCollection.ToFlatArray</c> lays them out).</summary>
    member _.Point = if isNull point then raise (ParameterObjective<'T>.NotEvaluated()) else point
    /// <summary>The loss at <c>Point</c>.</summary>
    member _.Value = value
    /// <summary>The exact gradient at <c>Point</c>.</summary>
    member _.Gradient = if isNull gradient then raise (ParameterObjective<'T>.NotEvaluated()) else gradient

    /// <summary>Writes the point into the parameters, then evaluates the loss and its gradient.</summary>
    /// <param name="at">The point: one entry per scalar parameter.</param>
    /// <exception cref="T:System.ArgumentException">The point does not have one entry per scalar parameter.</exception>
    /// <exception cref="T:System.InvalidOperationException">The loss is null or does not have one element.</exception>
    member _.EvaluateAt(at: Vector<double>) =
        if isNull at then raise (ArgumentNullException(nameof at))
        if at.Count <> parameters.ElementCount then
            raise (ArgumentException($"The point has {at.Count} entries; the parameters have {parameters.ElementCount}.", nameof at))
        parameters.CopyFrom(Array.init at.Count (fun i -> 'T.CreateChecked at[i]))
        let l = loss.Invoke()
        if isNull l then raise (InvalidOperationException "The loss function returned null instead of a tensor.")
        if l.Length <> 1 then
            raise (InvalidOperationException($"The loss must have one element; it has shape {Shapes.show l.Dims}."))
        let g = Array.zeroCreate<float> at.Count
        let mutable offset = 0
        for t in parameters.Gradients l do
            let values = t.ToArray()
            for i in 0 .. t.Length - 1 do
                g[offset + i] <- Double.CreateChecked values[i]
            offset <- offset + t.Length
        point <- at.Clone()
        value <- Double.CreateChecked(l.ToScalar())
        gradient <- Vector<double>.Build.DenseOfArray g
        if value < best.Value then
            best.Value <- value
            best.Point <- point

    /// Sets the state of a fork.
    member private _.Restore(p: Vector<double>, v: float, g: Vector<double>) =
        point <- p
        value <- v
        gradient <- g

    interface IObjectiveFunction with
        member this.Point = this.Point
        member _.Value = value
        member _.IsGradientSupported = true
        member this.Gradient = this.Gradient
        member _.IsHessianSupported = false
        member _.Hessian = raise (NotSupportedException "ParameterObjective has no Hessian: use a gradient-based minimiser (BFGS, L-BFGS).")
        member this.EvaluateAt(at) = this.EvaluateAt at
        member _.Fork() =
            let copy = ParameterObjective<'T>(parameters, loss, best)
            copy.Restore(point, value, gradient)
            copy :> IObjectiveFunction
        member _.CreateNew() = ParameterObjective<'T>(parameters, loss, best) :> IObjectiveFunction

/// <summary>The outcome of a full-batch fit by <see cref="T:Fluxion.Lbfgs"/>.</summary>
[<Sealed>]
type LbfgsResult internal (loss: float, iterations: int, converged: bool, reason: string) =
    /// <summary>The loss at the final parameters.</summary>
    member _.Loss = loss
    /// <summary>The number of L-BFGS iterations.</summary>
    member _.Iterations = iterations
    /// <summary>True when the minimiser met a convergence criterion; false when the iteration limit stopped it.</summary>
    member _.Converged = converged
    /// <summary>Why the minimiser stopped: the name of MathNet's <c>ExitCondition</c> (for example <c>AbsoluteGradient</c> or <c>ExceedIterations</c>).</summary>
    member _.Reason = reason

/// <summary>
/// Full-batch training with MathNet's limited-memory BFGS minimiser: the parameters are flattened into a MathNet
/// vector and the loss's gradient comes from reverse mode. Suited to small models and smooth losses fitted on all
/// the data at once (regression, physics-informed fits).
/// </summary>
[<AbstractClass; Sealed>]
type Lbfgs =

    /// <summary>
    /// Minimises a loss from the parameters' current values and leaves the parameters at the final point: the
    /// minimiser's, or the best point evaluated when the iteration limit stops it first.
    /// </summary>
    /// <param name="parameters">The parameters to fit (updated in place).</param>
    /// <param name="loss">Evaluates the one-element loss with the parameters' current values (and the data it closes over).</param>
    /// <param name="gradientTolerance">Stop when the gradient's norm falls below this.</param>
    /// <param name="maximumIterations">The iteration limit.</param>
    /// <example><code>var fit = Lbfgs.Minimize(net.Parameters, () =&gt; Tensor.MeanSquaredError(net.Forward(x), y), 1e-8, 500);</code></example>
    static member Minimize<'T when 'T :> IFloatingPointIeee754<'T>>(parameters: ParameterCollection<'T>, loss: Func<Tensor<'T>>, gradientTolerance: float, maximumIterations: int) : LbfgsResult =
        if isNull (box parameters) then raise (ArgumentNullException(nameof parameters))
        if isNull loss then raise (ArgumentNullException(nameof loss))
        OptimizerSupport.positive (nameof gradientTolerance) gradientTolerance
        if maximumIterations <= 0 then
            raise (ArgumentOutOfRangeException(nameof maximumIterations, maximumIterations, "maximumIterations must be positive."))
        let objective = ParameterObjective<'T>(parameters, loss)
        let start = parameters.ToFlatArray() |> Array.map Double.CreateChecked
        let minimizer = LimitedMemoryBfgsMinimizer(gradientTolerance, 0.0, 0.0, 7, maximumIterations)
        let struct (final, iterations, reason) =
            try
                let result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray start)
                struct (result.MinimizingPoint, result.Iterations, result.ReasonForExit)
            with :? MaximumIterationsException ->
                struct (objective.Best.Point, maximumIterations, ExitCondition.ExceedIterations)
        // The last evaluation may have been a line-search trial elsewhere: evaluate at the final point again.
        objective.EvaluateAt final
        LbfgsResult(objective.Value, iterations, (reason <> ExitCondition.ExceedIterations), reason.ToString())
