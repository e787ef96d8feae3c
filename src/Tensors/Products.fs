namespace Fluxion

open System
open System.Numerics

/// Matrix products on tensors through the backend's batched product (on the CPU: OpenBLAS or the managed kernel). A product records
/// whether its operands are read transposed, so VJPs never materialise a transpose: for C = op(A)·op(B)
/// the adjoints G·op(B)ᵀ and op(A)ᵀ·G are again products with transpose flags.
[<AbstractClass; Sealed>]
type internal Products =

    /// op(a)·op(b) for a batch of matrices: a holds `batch` matrices of (ra × ca), b `batch` of (rb × cb), stored
    /// contiguously; op transposes when the flag is set. The result is [batch…, m, n] with the given leading dims.
    static member Batched<'T when 'T :> IFloatingPointIeee754<'T>>(a: Tensor<'T>, ta: bool, b: Tensor<'T>, tb: bool, lead: int[]) : Tensor<'T> =
        let ra, ca = a.Dims[a.Rank - 2], a.Dims[a.Rank - 1]
        let rb, cb = b.Dims[b.Rank - 2], b.Dims[b.Rank - 1]
        let m, k = (if ta then ca, ra else ra, ca)
        let n = if tb then rb else cb
        let batch = Shapes.size lead
        let dims = Array.append lead [| m; n |]
        let values = TensorBackend<'T>.Of(a.Data, b.Data, "matmul").MatMul(ta, tb, batch, m, n, k, a.Data, b.Data)
        Tensor<'T>.Make("matmul", values, dims, [| a; b |],
            (fun xs _ g needs ->
                let a, b = xs[0], xs[1]
                [| (if not needs[0] then null
                    elif ta then Products.Batched(b, tb, g, true, lead)
                    else Products.Batched(g, false, b, not tb, lead))
                   (if not needs[1] then null
                    elif tb then Products.Batched(g, true, a, ta, lead)
                    else Products.Batched(a, not ta, g, false, lead)) |]),
            (fun ps _ ts ->
                let x = if isNull ts[0] then null else Products.Batched(ts[0], ta, ps[1], tb, lead)
                let y = if isNull ts[1] then null else Products.Batched(ps[0], ta, ts[1], tb, lead)
                Tensor<'T>.AddOrNull(x, y)))
