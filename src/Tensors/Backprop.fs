namespace Fluxion

open System
open System.Collections.Generic
open System.Numerics

/// <summary>A function value together with its gradient (see <c>Tensor.ValueAndGradient</c>).</summary>
[<Sealed>]
type TensorValueAndGradient<'T when 'T :> IFloatingPointIeee754<'T>> internal (value: Tensor<'T>, gradient: Tensor<'T>) =
    /// <summary>The value f(x) (a one-element tensor).</summary>
    member _.Value = value
    /// <summary>The gradient ∇f(x), with the shape of x.</summary>
    member _.Gradient = gradient

/// <summary>A function value together with a vector-Jacobian product (see <c>Tensor.Vjp</c>).</summary>
[<Sealed>]
type TensorValueAndVjp<'T when 'T :> IFloatingPointIeee754<'T>> internal (value: Tensor<'T>, vjp: Tensor<'T>) =
    /// <summary>The value f(x).</summary>
    member _.Value = value
    /// <summary>The vector-Jacobian product uᵀ·J(x), with the shape of x.</summary>
    member _.Vjp = vjp

/// <summary>A function value together with a Jacobian-vector product (see <c>Tensor.Jvp</c>).</summary>
[<Sealed>]
type TensorValueAndJvp<'T when 'T :> IFloatingPointIeee754<'T>> internal (value: Tensor<'T>, tangent: Tensor<'T>) =
    /// <summary>The value f(x).</summary>
    member _.Value = value
    /// <summary>The Jacobian-vector product J(x)·v (the directional derivative), with the shape of f(x).</summary>
    member _.Tangent = tangent

/// <summary>The outcome of a tensor gradient check (see <c>Tensor.CheckGradient</c>).</summary>
[<Sealed>]
type TensorGradientCheck internal (errorJvp: float, errorVjp: float, directions: int, tolerance: float) =
    /// <summary>The worst relative error, over all output elements and directions v, between the JVP J·v and centered finite differences of f along v.</summary>
    member _.MaxRelativeErrorJvp = errorJvp
    /// <summary>The worst relative error, over the directions, between ⟨uᵀJ, v⟩ from the VJP and ⟨u, finite differences along v⟩ for random output weights u.</summary>
    member _.MaxRelativeErrorVjp = errorVjp
    /// <summary>The number of random directions checked.</summary>
    member _.Directions = directions
    /// <summary>The tolerance both errors were held to.</summary>
    member _.Tolerance = tolerance
    /// <summary>True when both worst errors are within the tolerance.</summary>
    member _.Passed = errorJvp <= tolerance && errorVjp <= tolerance
    /// <summary>A one-line summary.</summary>
    override c.ToString() =
        let verdict = if c.Passed then "passed" else "FAILED"
        $"tensor gradient check {verdict}: worst relative error {errorJvp:E2} (JVP) and {errorVjp:E2} (VJP) vs finite differences in {directions} directions (tolerance {tolerance:E1})"

/// The reverse sweep and the scopes of the differentiation modes.
[<AbstractClass; Sealed>]
type internal Backprop =

    /// The adjoints of `inputs` given the adjoint `seed` of `output`: a sweep over the nodes reachable from the
    /// output in decreasing execution order. Only nodes on a path to an input run their VJP. With createGraph
    /// the sweep records (its results can be differentiated again); otherwise it runs without recording.
    static member Run<'T when 'T :> IFloatingPointIeee754<'T>>(output: Tensor<'T>, inputs: Tensor<'T>[], seed: Tensor<'T>, createGraph: bool) : Tensor<'T>[] =
        if isNull output then raise (ArgumentNullException(nameof output))
        if isNull inputs then raise (ArgumentNullException(nameof inputs))
        if isNull seed then raise (ArgumentNullException(nameof seed))
        for k in 0 .. inputs.Length - 1 do
            if isNull inputs[k] then raise (ArgumentNullException($"inputs[{k}]"))
            if isNull inputs[k].Node then
                raise (
                    ArgumentException(
                        $"inputs[{k}] does not require a gradient: make it a parameter (AsParameter) before computing with it, or differentiate a function with Tensor.Gradient.",
                        nameof inputs
                    )
                )
        if not (Shapes.same seed.Dims output.Dims) then
            raise (ArgumentException($"The seed has shape {Shapes.show seed.Dims} but the output has shape {Shapes.show output.Dims}.", nameof seed))
        let adjoints = Dictionary<Node<'T>, Tensor<'T>>(HashIdentity.Reference)
        let root = output.Node
        if not (isNull root) then
            // The nodes reachable from the output, in execution order.
            let seen = HashSet<Node<'T>>(HashIdentity.Reference)
            let nodes = ResizeArray<Node<'T>>()
            let stack = Stack<Node<'T>>()
            stack.Push root
            seen.Add root |> ignore
            while stack.Count > 0 do
                let n = stack.Pop()
                nodes.Add n
                for i in n.Inputs do
                    if not (isNull i) && seen.Add i then stack.Push i
            nodes.Sort(fun a b -> compare a.Seq b.Seq)
            // A node is needed when it is an input or leads to one.
            let targets = HashSet<Node<'T>>(inputs |> Seq.map (fun x -> x.Node), HashIdentity.Reference)
            let needed = HashSet<Node<'T>>(HashIdentity.Reference)
            for n in nodes do
                if targets.Contains n || (not n.IsLeaf && n.Inputs |> Array.exists (fun i -> not (isNull i) && needed.Contains i)) then
                    needed.Add n |> ignore
            if needed.Contains root then
                adjoints[root] <- seed
                // Without a graph to record and without tangents, adjoints are plain values: a sum of contributions
                // can be formed in place in storage that exactly one adjoint owns (made by a VJP during this sweep,
                // shared with nothing), instead of allocating a new tensor per addition.
                let inPlace = not createGraph && not Modes.AnyLevel
                let seen = HashSet<obj>(HashIdentity.Reference)
                let owned = HashSet<obj>(HashIdentity.Reference)
                seen.Add seed.Data |> ignore
                let wasRecording = Modes.Recording
                Modes.Recording <- createGraph
                try
                    for k in nodes.Count - 1 .. -1 .. 0 do
                        let n = nodes[k]
                        match adjoints.TryGetValue n with
                        | true, g when not n.IsLeaf && needed.Contains n ->
                            let needs = n.Inputs |> Array.map (fun i -> not (isNull i) && needed.Contains i)
                            let gs = n.Vjp g needs
                            for j in 0 .. needs.Length - 1 do
                                if needs[j] && not (isNull gs[j]) then
                                    let i = n.Inputs[j]
                                    let gj = gs[j]
                                    // A contribution's storage is owned when it is new; seen twice, it is shared.
                                    if seen.Add gj.Data then (if inPlace then owned.Add gj.Data |> ignore)
                                    else owned.Remove gj.Data |> ignore
                                    match adjoints.TryGetValue i with
                                    | true, acc when owned.Contains acc.Data && not (Object.ReferenceEquals(acc.Data, gj.Data)) ->
                                        acc.Backend.AddInPlace(acc.Data, gj.Data)
                                    | true, acc when owned.Contains gj.Data && not (Object.ReferenceEquals(acc.Data, gj.Data)) ->
                                        gj.Backend.AddInPlace(gj.Data, acc.Data)
                                        adjoints[i] <- gj
                                    | true, acc ->
                                        let sum = Tensor<'T>.Add(acc, gj)
                                        seen.Add sum.Data |> ignore
                                        if inPlace then owned.Add sum.Data |> ignore
                                        adjoints[i] <- sum
                                    | _ -> adjoints[i] <- gj
                            // Free intermediate adjoints as soon as they are consumed.
                            if not (targets.Contains n) then adjoints.Remove n |> ignore
                        | _ -> ()
                finally
                    Modes.Recording <- wasRecording
        inputs
        |> Array.map (fun x ->
            match adjoints.TryGetValue x.Node with
            | true, g -> g
            | _ -> x.ZerosLike(Array.copy x.Dims))

    /// A fresh differentiation input for x: a leaf, or (when x itself is differentiated by an enclosing
    /// computation) an identity operation on x, so that the enclosing computation still sees the dependence.
    /// Keeps x's tangent (forward over reverse).
    static member Input<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, connect: bool) : Tensor<'T> =
        if connect && not (isNull x.Node) then
            Tensor<'T>.Make("input", x.Data, x.Dims, [| x |], (fun _ _ g _ -> [| g |]), (fun _ _ ts -> ts[0]))
        else
            x.Live.WithNode(Node<'T>([||], "input"))

    /// True when the graph of y reaches a leaf other than the given inputs' nodes: a parameter, or a tensor of an
    /// enclosing differentiation. Only then can the gradients need a graph of their own.
    static member private ReachesOtherLeaves<'T when 'T :> IFloatingPointIeee754<'T>>(y: Tensor<'T>, inputs: Tensor<'T>[]) =
        if isNull y.Node then false
        else
            let own = HashSet<Node<'T>>(inputs |> Seq.map (fun x -> x.Node), HashIdentity.Reference)
            let seen = HashSet<Node<'T>>(HashIdentity.Reference)
            let stack = Stack<Node<'T>>()
            stack.Push y.Node
            seen.Add y.Node |> ignore
            let mutable found = false
            while not found && stack.Count > 0 do
                let n = stack.Pop()
                if n.IsLeaf && not (own.Contains n) then found <- true
                for i in n.Inputs do
                    if not (isNull i) && seen.Add i then stack.Push i
            found

    /// Runs f on differentiation inputs made from xs, then sweeps back from its output with the given seed
    /// (ones when null). Records while f runs even inside a no-grad scope. The sweep records (so that the results
    /// can be differentiated again) only when the graph reaches other leaves (parameters, or an enclosing
    /// differentiation's inputs) and the call was not made inside a no-grad scope; otherwise the value and the
    /// gradients come back without nodes (they keep their tangents, for forward over reverse).
    static member Reverse<'T when 'T :> IFloatingPointIeee754<'T>>(f: Tensor<'T>[] -> Tensor<'T>, xs: Tensor<'T>[], seed: Tensor<'T>, requireScalar: bool) =
        for k in 0 .. xs.Length - 1 do
            if isNull xs[k] then raise (ArgumentNullException($"x[{k}]"))
        let wasRecording = Modes.Recording
        Modes.Recording <- true
        try
            let inputs = xs |> Array.map (fun x -> Backprop.Input(x, wasRecording))
            let y = f inputs
            if isNull y then raise (InvalidOperationException "The function returned null instead of a tensor.")
            if requireScalar && y.Length <> 1 then
                raise (ArgumentException($"A gradient needs a function with one output element; this one returned shape {Shapes.show y.Dims} (use Vjp for other outputs).", "f"))
            let s = if isNull seed then Tensor<'T>.Const(y.Backend.Fill(y.Length, 'T.One), y.Dims) else seed
            let graph = wasRecording && Backprop.ReachesOtherLeaves(y, inputs)
            let gs = Backprop.Run(y, inputs, s, graph)
            if graph then struct (y, gs)
            else struct (y.WithoutNode(), gs |> Array.map (fun g -> g.WithoutNode()))
        finally
            Modes.Recording <- wasRecording

    /// Runs f with tangents vs on xs in a new forward level; returns the value and its tangent (zeros when the
    /// value does not depend on xs).
    static member Forward<'T when 'T :> IFloatingPointIeee754<'T>>(f: Tensor<'T>[] -> Tensor<'T>, xs: Tensor<'T>[], vs: Tensor<'T>[]) =
        if xs.Length <> vs.Length then
            raise (ArgumentException($"{vs.Length} tangents for {xs.Length} inputs.", "v"))
        for k in 0 .. xs.Length - 1 do
            if isNull xs[k] then raise (ArgumentNullException($"x[{k}]"))
            if isNull vs[k] then raise (ArgumentNullException($"v[{k}]"))
            if not (Shapes.same xs[k].Dims vs[k].Dims) then
                raise (ArgumentException($"The tangent has shape {Shapes.show vs[k].Dims} but the input has shape {Shapes.show xs[k].Dims}.", "v"))
        let struct (level, previous) = Modes.Push()
        try
            let inputs = Array.map2 (fun (x: Tensor<'T>) (v: Tensor<'T>) -> x.Live.WithTangent(v.Live, level)) xs vs
            let y = f inputs
            if isNull y then raise (InvalidOperationException "The function returned null instead of a tensor.")
            let live = y.Live
            if live.Level = level then struct (live.Primal, live.Tangent)
            else struct (live, y.ZerosLike(Array.copy y.Dims))
        finally
            Modes.Restore previous

/// <summary>A scope in which operations do not record for reverse mode (evaluation, optimiser updates). Dispose it to end.</summary>
[<Sealed>]
type NoGradScope internal () =
    let previous = Modes.Recording
    do Modes.Recording <- false
    /// <summary>Ends the scope: recording is as it was before.</summary>
    member _.Dispose() = Modes.Recording <- previous
    interface IDisposable with
        member s.Dispose() = s.Dispose()
