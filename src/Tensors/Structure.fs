namespace Fluxion

open System
open System.Numerics

/// Operations that move elements without arithmetic: permutation, slicing and its adjoint (padding),
/// concatenation, and gathering by indices with its adjoint (scatter-add). Results are materialised
/// (contiguous); every VJP and JVP is another operation of this family.
[<AbstractClass; Sealed>]
type internal Structure =

    /// Axes reordered: result axis i is x's axis perm[i].
    static member Permute<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, perm: int[]) : Tensor<'T> =
        let r = x.Rank
        if isNull perm then raise (ArgumentNullException(nameof perm))
        if perm.Length <> r || (Array.sort perm) <> Array.init r id then
            raise (ArgumentException($"permute: {Shapes.show perm} is not a permutation of the axes of a tensor of shape {Shapes.show x.Dims}.", nameof perm))
        if perm = Array.init r id then x
        else
            let own = Shapes.strides x.Dims
            let dims = perm |> Array.map (fun p -> x.Dims[p])
            let values = x.Backend.Strided(x.Data, 0, perm |> Array.map (fun p -> own[p]), dims)
            let inverse = Array.zeroCreate r
            for i in 0 .. r - 1 do
                inverse[perm[i]] <- i
            Tensor<'T>.Make("permute", values, dims, [| x |],
                (fun _ _ g _ -> [| Structure.Permute(g, inverse) |]),
                (fun _ _ ts -> Structure.Permute(ts[0], perm)))

    /// The block x[starts[d] .. starts[d] + dims[d] − 1] along every axis d (ranges checked by the caller).
    static member Slice<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, starts: int[], dims: int[]) : Tensor<'T> =
        if Shapes.same dims x.Dims then x
        else
            let own = Shapes.strides x.Dims
            let mutable offset = 0
            for d in 0 .. x.Rank - 1 do
                offset <- offset + starts[d] * own[d]
            let values = x.Backend.Strided(x.Data, offset, own, dims)
            let full = x.Dims
            Tensor<'T>.Make("slice", values, Array.copy dims, [| x |],
                (fun _ _ g _ -> [| Structure.Pad(g, full, starts) |]),
                (fun _ _ ts -> Structure.Slice(ts[0], starts, dims)))

    /// A tensor of shape `full`, zero except for x placed at `starts` (the adjoint of Slice).
    static member Pad<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, full: int[], starts: int[]) : Tensor<'T> =
        if Shapes.same full x.Dims then x
        else
            let own = Shapes.strides full
            let mutable offset = 0
            for d in 0 .. full.Length - 1 do
                offset <- offset + starts[d] * own[d]
            let values = x.Backend.Assemble(Shapes.size full, [| { Source = x.Data; Shape = x.Dims; Offset = offset; Strides = own } |])
            let dims = x.Dims
            Tensor<'T>.Make("pad", values, full, [| x |],
                (fun _ _ g _ -> [| Structure.Slice(g, starts, dims) |]),
                (fun _ _ ts -> Structure.Pad(ts[0], full, starts)))

    /// The tensors joined along an axis (all other extents equal; checked by the caller).
    static member Concat<'T when 'T :> IFloatingPointIeee754<'T>>(xs: Tensor<'T>[], axis: int) : Tensor<'T> =
        if xs.Length = 1 then xs[0]
        else
            let first = xs[0].Dims
            let dims = Array.copy first
            dims[axis] <- xs |> Array.sumBy (fun x -> x.Dims[axis])
            let own = Shapes.strides dims
            let starts = Array.zeroCreate xs.Length
            for k in 1 .. xs.Length - 1 do
                starts[k] <- starts[k - 1] + xs[k - 1].Dims[axis]
            let backend = xs[0].Backend
            let pieces =
                xs |> Array.mapi (fun k x ->
                    TensorBackend<'T>.Of(x.Data, xs[0].Data, "concat") |> ignore
                    { Source = x.Data; Shape = x.Dims; Offset = starts[k] * own[axis]; Strides = own })
            let values = backend.Assemble(Shapes.size dims, pieces)
            let startOf k = Array.init dims.Length (fun d -> if d = axis then starts[k] else 0)
            Tensor<'T>.Make("concat", values, dims, xs,
                (fun xs _ g needs -> Array.init xs.Length (fun k -> if needs[k] then Structure.Slice(g, startOf k, xs[k].Dims) else null)),
                (fun ps _ ts ->
                    Structure.Concat(Array.init ps.Length (fun k -> if isNull ts[k] then ps[k].ZerosLike ps[k].Dims else ts[k]), axis)))

    /// out[o, j, i] = x[o, indices[o, j, i], i] with x viewed as [outer, n, inner] around `axis` and the result as
    /// [outer, k, inner] (like torch.gather); indices checked by the caller.
    static member Gather<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, indices: int[], k: int) : Tensor<'T> =
        let outer = Shapes.size x.Dims[.. axis - 1]
        let n = x.Dims[axis]
        let inner = Shapes.size x.Dims[axis + 1 ..]
        let dims = Array.copy x.Dims
        dims[axis] <- k
        let values = x.Backend.Gather(x.Data, outer, n, inner, indices, k)
        Tensor<'T>.Make("gather", values, dims, [| x |],
            (fun _ _ g _ -> [| Structure.ScatterAdd(g, axis, indices, n) |]),
            (fun _ _ ts -> Structure.Gather(ts[0], axis, indices, k)))

    /// The adjoint of Gather: zeros of extent n along `axis`, with g[o, j, i] added at [o, indices[o, j, i], i].
    static member ScatterAdd<'T when 'T :> IFloatingPointIeee754<'T>>(g: Tensor<'T>, axis: int, indices: int[], n: int) : Tensor<'T> =
        let outer = Shapes.size g.Dims[.. axis - 1]
        let k = g.Dims[axis]
        let inner = Shapes.size g.Dims[axis + 1 ..]
        let dims = Array.copy g.Dims
        dims[axis] <- n
        let values = g.Backend.ScatterAdd(g.Data, outer, k, inner, indices, n)
        Tensor<'T>.Make("scatterAdd", values, dims, [| g |],
            (fun _ _ h _ -> [| Structure.Gather(h, axis, indices, k) |]),
            (fun _ _ ts -> Structure.ScatterAdd(ts[0], axis, indices, n)))

    /// The maximum (isMax) or minimum over one axis, keeping it with extent 1. At ties the derivative is shared
    /// equally among the tied elements (as the rule table's max/min split a tie 1/2 : 1/2).
    static member Extreme<'T when 'T :> IFloatingPointIeee754<'T>>(x: Tensor<'T>, axis: int, isMax: bool) : Tensor<'T> =
        let outer = Shapes.size x.Dims[.. axis - 1]
        let n = x.Dims[axis]
        let inner = Shapes.size x.Dims[axis + 1 ..]
        let dims = Array.copy x.Dims
        dims[axis] <- 1
        // Each element's weight in the derivative: 1/(number of ties) where it attains the extreme, else 0.
        let struct (values, weights) = x.Backend.Extreme(x.Data, outer, n, inner, isMax)
        let w = Tensor<'T>.Const(weights, x.Dims)
        let from = x.Dims
        Tensor<'T>.Make((if isMax then "max" else "min"), values, dims, [| x |],
            (fun _ _ g _ -> [| Tensor<'T>.Chain(w, Tensor<'T>.Expand(g, from)) |]),
            (fun _ _ ts -> Tensor<'T>.SumAxes(Tensor<'T>.Chain(w, ts[0]), [| axis |], true)))
