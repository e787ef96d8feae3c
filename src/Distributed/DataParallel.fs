namespace Fluxion.Distributed

open System
open System.Numerics
open System.Numerics.Tensors
open Fluxion
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.Optimization

/// <summary>The outcome of a data-parallel L-BFGS fit (<see cref="M:Fluxion.Distributed.DataParallel`1.MinimizeLbfgs(System.Func{Fluxion.Tensor{`0}},System.Double,System.Int32)"/>), the same on every rank.</summary>
[<Sealed>]
type DataParallelFit internal (loss: float, iterations: int, evaluations: int, converged: bool, reason: string) =
    /// <summary>The loss at the final parameters, averaged over the ranks.</summary>
    member _.Loss = loss
    /// <summary>The number of L-BFGS iterations.</summary>
    member _.Iterations = iterations
    /// <summary>The number of loss-and-gradient evaluations (each one all-reduce).</summary>
    member _.Evaluations = evaluations
    /// <summary>True when the minimiser met a convergence criterion; false when the iteration limit stopped it.</summary>
    member _.Converged = converged
    /// <summary>Why the minimiser stopped: the name of MathNet's <c>ExitCondition</c>.</summary>
    member _.Reason = reason

/// A MathNet objective whose value and gradient are averaged over the ranks: every rank evaluates its shard at the
/// same point and gets the same averaged result, so every rank's minimiser takes the same path.
[<Sealed>]
type internal AveragedObjective(evaluate: Vector<double> -> struct (float * float[]), shared: float ref * Vector<double> ref * int ref) =
    let mutable point: Vector<double> = null
    let mutable value = 0.0
    let mutable gradient: Vector<double> = null
    let struct (bestValue, bestPoint, evaluations) =
        let (a, b, c) = shared
        struct (a, b, c)

    member _.BestPoint = bestPoint.Value
    member _.Evaluations = evaluations.Value
    member _.Value = value

    member _.EvaluateAt(at: Vector<double>) =
        let struct (v, g) = evaluate at
        evaluations.Value <- evaluations.Value + 1
        point <- at.Clone()
        value <- v
        gradient <- Vector<double>.Build.DenseOfArray g
        if v < bestValue.Value then
            bestValue.Value <- v
            bestPoint.Value <- point

    member private _.Restore(p, v, g) =
        point <- p
        value <- v
        gradient <- g

    interface IObjectiveFunction with
        member _.Point = point
        member _.Value = value
        member _.IsGradientSupported = true
        member _.Gradient = gradient
        member _.IsHessianSupported = false
        member _.Hessian = raise (NotSupportedException "The averaged objective has no Hessian: use a gradient-based minimiser.")
        member this.EvaluateAt(at) = this.EvaluateAt at
        member _.Fork() =
            let copy = AveragedObjective(evaluate, shared)
            copy.Restore(point, value, gradient)
            copy :> IObjectiveFunction
        member _.CreateNew() = AveragedObjective(evaluate, shared) :> IObjectiveFunction

/// <summary>
/// Data-parallel training over an <see cref="T:Fluxion.Distributed.MpiWorld"/> (the pattern of PyTorch's
/// DistributedDataParallel and Horovod): every rank holds the same model, computes the gradient of the loss on its own
/// shard of the data, and the gradients are averaged across the ranks in one flat buffer (one all-reduce per step,
/// whatever the number of parameter tensors; the loss rides in the same buffer). Every rank then applies the same
/// update, so the parameters stay identical on every rank. Works with every optimizer: <c>Step</c> with SGD, Adam or
/// any <see cref="T:Fluxion.IOptimizer`1"/>, <c>Gradients</c> for hand-written updates, <c>MinimizeLbfgs</c> for
/// full-batch L-BFGS.
/// </summary>
/// <remarks>
/// Creating it broadcasts rank 0's parameters to every rank (so ranks that initialised with different seeds start
/// equal). The average is the plain mean when every rank's loss is a mean over shards of equal size; for unequal
/// shards pass each rank's sample count as the weight, and the gradient becomes Σ wᵣ·gᵣ / Σ wᵣ, the gradient of the
/// mean over all samples. Only float32 and float64 parameters travel over MPI.
/// </remarks>
/// <example><code>using var world = MpiWorld.Initialize();
/// var net = new MultilayerPerceptron&lt;float&gt;(new[] { 784, 256, 10 }, Activation.Relu, new Random(1));
/// var dp = new DataParallel&lt;float&gt;(world, net.Parameters);      // rank 0's weights everywhere
/// var adam = new Adam&lt;float&gt;(net.Parameters, 1e-3);
/// for (int step = 0; step &lt; 100; step++)
///     dp.Step(adam, Tensor.CrossEntropy(net.Forward(myShard), myLabels));</code></example>
[<Sealed>]
type DataParallel<'T when 'T :> IFloatingPointIeee754<'T>>(world: MpiWorld, parameters: ParameterCollection<'T>) =
    do
        if isNull (box world) then raise (ArgumentNullException(nameof world))
        if isNull (box parameters) then raise (ArgumentNullException(nameof parameters))
        if typeof<'T> <> typeof<float> && typeof<'T> <> typeof<float32> then
            raise (NotSupportedException($"DataParallel averages float32 and float64 parameters over MPI; {typeof<'T>.Name} has no MPI type."))
    let n = parameters.ElementCount
    let shapes = Array.init parameters.Count (fun k -> parameters[k].Shape)
    // The flat buffer of one step: every gradient element, then the weighted loss, then the weight.
    let buffer: 'T[] = Array.zeroCreate (n + 2)
    let mutable lastLoss = Double.NaN
    let show (shape: int[]) = "[" + String.Join(", ", shape) + "]"

    /// The one all-reduce of a step; problem (or null) is this rank's argument error, thrown on every rank.
    let allReduce (count: int) (problem: exn) =
        match box buffer with
        | :? (float[]) as b -> world.AllReduce(Span<float>(b, 0, count), ReduceOperation.Sum, problem)
        | :? (float32[]) as b -> world.AllReduce(Span<float32>(b, 0, count), ReduceOperation.Sum, problem)
        | _ -> raise (NotSupportedException typeof<'T>.Name)

    let broadcast (count: int) =
        match box buffer with
        | :? (float[]) as b -> world.Broadcast(Span<float>(b, 0, count), 0)
        | :? (float32[]) as b -> world.Broadcast(Span<float32>(b, 0, count), 0)
        | _ -> raise (NotSupportedException typeof<'T>.Name)

    let broadcastParameters () =
        parameters.CopyTo(Span<'T>(buffer, 0, n))
        broadcast n
        parameters.CopyFrom(ReadOnlySpan<'T>(buffer, 0, n))

    let checkWeight (weight: float) =
        if not (weight > 0.0 && Double.IsFinite weight) then
            raise (ArgumentOutOfRangeException(nameof weight, weight, "The weight (this rank's number of samples) must be positive and finite."))

    let lossValue (loss: Tensor<'T>) =
        if isNull loss then raise (ArgumentNullException(nameof loss))
        if loss.Length <> 1 then
            raise (ArgumentException($"The loss must have one element; it has shape {show loss.Shape}.", nameof loss))
        loss.ToScalar()

    /// Writes this rank's gradients (scaled by the weight), weighted loss and weight into the buffer, checking them.
    let pack (gradients: Tensor<'T>[]) (loss: 'T) (weight: float) =
        checkWeight weight
        if isNull gradients then raise (ArgumentNullException(nameof gradients))
        if gradients.Length <> parameters.Count then
            raise (ArgumentException($"{gradients.Length} gradients for {parameters.Count} parameters.", nameof gradients))
        let mutable offset = 0
        for k in 0 .. gradients.Length - 1 do
            let g = gradients[k]
            if isNull g then raise (ArgumentNullException($"gradients[{k}]"))
            if g.Shape <> shapes[k] then
                raise (ArgumentException($"gradients[{k}] has shape {show g.Shape} but parameter {k} has shape {show shapes[k]}.", nameof gradients))
            g.ToArray().AsSpan().CopyTo(Span<'T>(buffer, offset, g.Length))
            offset <- offset + g.Length
        let w = 'T.CreateChecked weight
        if weight <> 1.0 then
            TensorPrimitives.Multiply(ReadOnlySpan<'T>(buffer, 0, n), w, Span<'T>(buffer, 0, n))
        buffer[n] <- loss * w
        buffer[n + 1] <- w

    /// Runs fill (this rank's checks and packing), all-reduces once, and divides by the total weight: the averaged
    /// gradients and loss are then in the buffer. When fill throws on any rank, every rank throws (the failing rank
    /// its own exception, the others MpiMismatchException) and no rank waits.
    let exchange (fill: unit -> unit) =
        let problem =
            try
                fill ()
                null
            with e -> e
        allReduce (n + 2) problem
        let total = buffer[n + 1]
        TensorPrimitives.Divide(ReadOnlySpan<'T>(buffer, 0, n + 1), total, Span<'T>(buffer, 0, n + 1))
        lastLoss <- Double.CreateChecked buffer[n]

    /// The averaged gradients in the buffer, as new tensors of the parameters' shapes.
    let unpack () : Tensor<'T>[] =
        let mutable offset = 0
        Array.init parameters.Count (fun k ->
            let length = parameters[k].Length
            let t = Tensor.FromArray(buffer[offset .. offset + length - 1], shapes[k])
            offset <- offset + length
            t)

    /// Every rank checks its arguments together (an empty all-reduce carrying the problem), before a loop of collectives.
    let agree (problem: exn) =
        match box buffer with
        | :? (float[]) -> world.AllReduce(Span<float>.Empty, ReduceOperation.Sum, problem)
        | _ -> world.AllReduce(Span<float32>.Empty, ReduceOperation.Sum, problem)

    do broadcastParameters ()

    /// <summary>The world the gradients are averaged over.</summary>
    member _.World = world
    /// <summary>The parameters kept identical on every rank.</summary>
    member _.Parameters = parameters
    /// <summary>The loss of the last averaging step (<c>Step</c>, <c>Gradients</c>, <c>AverageGradients</c>, an L-BFGS evaluation), averaged over the ranks as the gradients are; NaN before the first.</summary>
    member _.LastLoss = lastLoss

    /// <summary>Overwrites every rank's parameters with rank 0's (done once on creation; call it again after loading a checkpoint on rank 0 only).</summary>
    member _.BroadcastParameters() = broadcastParameters ()

    /// <summary>The average over the ranks of gradients computed on each rank (one all-reduce; the loss is averaged along and kept in <c>LastLoss</c>).</summary>
    /// <param name="gradients">This rank's gradients, one per parameter in the collection's order.</param>
    /// <param name="loss">This rank's loss (for <c>LastLoss</c>).</param>
    /// <param name="weight">This rank's weight (its number of samples) when shards differ in size; 1 on every rank for equal shards.</param>
    /// <returns>New tensors with the averaged gradients, identical on every rank.</returns>
    /// <exception cref="T:System.ArgumentException">The gradients do not match the parameters' number or shapes.</exception>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks' models have different numbers of parameters.</exception>
    member _.AverageGradients(gradients: Tensor<'T>[], loss: 'T, weight: float) : Tensor<'T>[] =
        exchange (fun () -> pack gradients loss weight)
        unpack ()

    /// <summary>The average over the ranks of gradients computed on each rank, for shards of equal size (see the overload with a weight).</summary>
    /// <param name="gradients">This rank's gradients, one per parameter in the collection's order.</param>
    /// <param name="loss">This rank's loss (for <c>LastLoss</c>).</param>
    member this.AverageGradients(gradients: Tensor<'T>[], loss: 'T) : Tensor<'T>[] = this.AverageGradients(gradients, loss, 1.0)

    /// <summary>The gradients of the loss averaged over the ranks: one reverse sweep on this rank's loss, then one all-reduce.</summary>
    /// <param name="loss">This rank's one-element loss on its shard.</param>
    /// <param name="weight">This rank's number of samples (for shards of different sizes).</param>
    member _.Gradients(loss: Tensor<'T>, weight: float) : Tensor<'T>[] =
        exchange (fun () ->
            let value = lossValue loss
            pack (parameters.Gradients loss) value weight)
        unpack ()

    /// <summary>The gradients of the loss averaged over the ranks, for shards of equal size.</summary>
    /// <param name="loss">This rank's one-element loss on its shard.</param>
    member this.Gradients(loss: Tensor<'T>) : Tensor<'T>[] = this.Gradients(loss, 1.0)

    /// <summary>One optimizer step with the averaged gradients; returns the loss averaged over the ranks.</summary>
    /// <param name="optimizer">An optimizer over this object's parameters (SGD, Adam, …).</param>
    /// <param name="loss">This rank's one-element loss on its shard.</param>
    /// <param name="weight">This rank's number of samples (for shards of different sizes).</param>
    /// <exception cref="T:System.ArgumentException">The optimizer updates a different parameter collection.</exception>
    member _.Step(optimizer: IOptimizer<'T>, loss: Tensor<'T>, weight: float) : float =
        exchange (fun () ->
            if isNull (box optimizer) then raise (ArgumentNullException(nameof optimizer))
            if not (obj.ReferenceEquals(optimizer.Parameters, parameters)) then
                raise (ArgumentException("The optimizer updates a different ParameterCollection from the one this DataParallel keeps in step: build both on the same collection.", nameof optimizer))
            let value = lossValue loss
            pack (parameters.Gradients loss) value weight)
        optimizer.Step(unpack ())
        lastLoss

    /// <summary>One optimizer step with the averaged gradients, for shards of equal size; returns the loss averaged over the ranks.</summary>
    /// <param name="optimizer">An optimizer over this object's parameters (SGD, Adam, …).</param>
    /// <param name="loss">This rank's one-element loss on its shard.</param>
    member this.Step(optimizer: IOptimizer<'T>, loss: Tensor<'T>) : float = this.Step(optimizer, loss, 1.0)

    /// <summary>
    /// Full-batch L-BFGS (MathNet's limited-memory BFGS, memory 7, as <c>Fluxion.Lbfgs.Minimize</c>) on the loss
    /// averaged over the ranks: every evaluation computes this rank's loss and gradient on its shard and averages both
    /// in one all-reduce, so every rank's minimiser sees the same values and takes the same steps. Leaves the
    /// parameters at the final point (the best point evaluated when the iteration limit stops the minimiser first).
    /// </summary>
    /// <param name="loss">Evaluates this rank's one-element loss with the parameters' current values.</param>
    /// <param name="gradientTolerance">Stop when the averaged gradient's norm falls below this.</param>
    /// <param name="maximumIterations">The iteration limit.</param>
    /// <param name="weight">This rank's number of samples (for shards of different sizes).</param>
    member _.MinimizeLbfgs(loss: Func<Tensor<'T>>, gradientTolerance: float, maximumIterations: int, weight: float) : DataParallelFit =
        agree (
            try
                if isNull loss then raise (ArgumentNullException(nameof loss))
                if not (gradientTolerance > 0.0 && Double.IsFinite gradientTolerance) then
                    raise (ArgumentOutOfRangeException(nameof gradientTolerance, gradientTolerance, "gradientTolerance must be positive and finite."))
                if maximumIterations <= 0 then
                    raise (ArgumentOutOfRangeException(nameof maximumIterations, maximumIterations, "maximumIterations must be positive."))
                checkWeight weight
                null
            with e -> e)
        let point: 'T[] = Array.zeroCreate n
        let evaluate (at: Vector<double>) =
            if at.Count <> n then
                raise (ArgumentException($"The point has {at.Count} entries; the parameters have {n}.", nameof at))
            for i in 0 .. n - 1 do
                point[i] <- 'T.CreateChecked at[i]
            parameters.CopyFrom point
            exchange (fun () ->
                let l = loss.Invoke()
                if isNull l then raise (InvalidOperationException "The loss function returned null instead of a tensor.")
                let value = lossValue l
                pack (parameters.Gradients l) value weight)
            struct (Double.CreateChecked buffer[n], Array.init n (fun i -> Double.CreateChecked buffer[i]))
        let objective = AveragedObjective(evaluate, (ref Double.PositiveInfinity, ref null, ref 0))
        let start = Vector<double>.Build.DenseOfArray(parameters.ToFlatArray() |> Array.map Double.CreateChecked)
        let minimizer = LimitedMemoryBfgsMinimizer(gradientTolerance, 0.0, 0.0, 7, maximumIterations)
        let struct (final, iterations, reason) =
            try
                let result = minimizer.FindMinimum(objective, start)
                struct (result.MinimizingPoint, result.Iterations, result.ReasonForExit)
            with :? MaximumIterationsException ->
                struct (objective.BestPoint, maximumIterations, ExitCondition.ExceedIterations)
        // The last evaluation may have been a line-search trial: evaluate at the final point again.
        objective.EvaluateAt final
        DataParallelFit(objective.Value, iterations, objective.Evaluations, (reason <> ExitCondition.ExceedIterations), reason.ToString())

    /// <summary>Full-batch L-BFGS on the loss averaged over the ranks, for shards of equal size (see the overload with a weight).</summary>
    /// <param name="loss">Evaluates this rank's one-element loss with the parameters' current values.</param>
    /// <param name="gradientTolerance">Stop when the averaged gradient's norm falls below this.</param>
    /// <param name="maximumIterations">The iteration limit.</param>
    member this.MinimizeLbfgs(loss: Func<Tensor<'T>>, gradientTolerance: float, maximumIterations: int) : DataParallelFit =
        this.MinimizeLbfgs(loss, gradientTolerance, maximumIterations, 1.0)

    /// <summary>
    /// The largest difference |p − p₀| between any rank's parameter element and rank 0's, the same on every rank (a
    /// broadcast and an all-reduce): 0 when the ranks are in step, as data-parallel training keeps them.
    /// </summary>
    member _.MaxParameterDifference() : float =
        parameters.CopyTo(Span<'T>(buffer, 0, n))
        broadcast n
        let local = parameters.ToFlatArray()
        let mutable worst = 0.0
        for i in 0 .. n - 1 do
            let d = Double.CreateChecked('T.Abs(local[i] - buffer[i]))
            if Double.IsNaN d then worst <- Double.NaN
            elif d > worst then worst <- d
        world.AllReduce(worst, ReduceOperation.Max)
