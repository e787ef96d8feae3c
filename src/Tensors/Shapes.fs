/// Shape arithmetic shared by the tensor operations: sizes, row-major strides, NumPy broadcasting, axes.
module internal Fluxion.Shapes

open System

/// "[2, 3]" for messages.
let show (shape: int[]) = "[" + String.Join(", ", shape) + "]"

/// The number of elements of a shape (1 for a scalar, rank 0).
let size (shape: int[]) =
    let mutable n = 1
    for d in shape do
        n <- n * d
    n

/// Whether two shapes are equal.
let same (a: int[]) (b: int[]) = a.Length = b.Length && Array.forall2 (=) a b

/// Row-major strides of a contiguous tensor.
let strides (shape: int[]) =
    let s = Array.zeroCreate shape.Length
    let mutable acc = 1
    for d in shape.Length - 1 .. -1 .. 0 do
        s[d] <- acc
        acc <- acc * shape[d]
    s

/// Strides that read a tensor of shape `shape` as if it had the (broadcast) shape `target`: 0 along axes that
/// are broadcast (size 1 or missing on the left).
let broadcastStrides (shape: int[]) (target: int[]) =
    let own = strides shape
    let offset = target.Length - shape.Length
    Array.init target.Length (fun d ->
        if d < offset then 0
        elif shape[d - offset] = 1 && target[d] <> 1 then 0
        else own[d - offset])

/// Checks a shape given by a caller: every extent non-negative.
let check (name: string) (shape: int[]) =
    if isNull shape then raise (ArgumentNullException name)
    for d in shape do
        if d < 0 then raise (ArgumentException($"Shape {show shape} has a negative extent.", name))

/// The broadcast shape of two operand shapes (NumPy rules: align on the right; extents equal or one of them 1).
let broadcast (op: string) (a: int[]) (b: int[]) : int[] =
    if same a b then a
    else
        let r = max a.Length b.Length
        Array.init r (fun d ->
            let da = if d < r - a.Length then 1 else a[d - (r - a.Length)]
            let db = if d < r - b.Length then 1 else b[d - (r - b.Length)]
            if da = db || db = 1 then da
            elif da = 1 then db
            else raise (ArgumentException($"{op}: shapes {show a} and {show b} cannot be broadcast together.")))

/// Whether `shape` broadcasts to `target` (used by the broadcasting and reduction operations).
let broadcastsTo (shape: int[]) (target: int[]) =
    shape.Length <= target.Length
    && Array.forall id (Array.init shape.Length (fun d ->
        let t = target[d + target.Length - shape.Length]
        shape[d] = t || shape[d] = 1))

/// An axis given by a caller (negative counts from the end) as an index in [0, rank).
let axis (op: string) (rank: int) (a: int) =
    let k = if a < 0 then a + rank else a
    if k < 0 || k >= rank then
        raise (ArgumentOutOfRangeException("axis", a, $"{op}: axis {a} is out of range for a tensor of rank {rank}."))
    k

/// Several axes, normalised, distinct and sorted.
let axes (op: string) (rank: int) (given: int[]) =
    if isNull given then raise (ArgumentNullException "axes")
    let ks = given |> Array.map (axis op rank) |> Array.sort
    for i in 1 .. ks.Length - 1 do
        if ks[i] = ks[i - 1] then raise (ArgumentException($"{op}: axis {ks[i]} is given twice.", "axes"))
    ks

/// The shape after reducing `axes` (sorted): removed, or kept with extent 1.
let reduced (shape: int[]) (axes: int[]) (keepDims: bool) =
    if keepDims then shape |> Array.mapi (fun d n -> if Array.contains d axes then 1 else n)
    else shape |> Array.indexed |> Array.filter (fun (d, _) -> not (Array.contains d axes)) |> Array.map snd

/// How a sum over sorted `axes` of a tensor of shape `shape` runs as sums over the middle axis of [outer, n, inner]
/// views: adjacent axes form one group, groups are summed last first, and each sum keeps its axes with extent 1.
/// Groups whose extent n is 1 are left out (nothing to sum). Shared by every backend's Sum primitive.
let sumGroups (shape: int[]) (axes: int[]) : struct (int * int * int)[] =
    let cs = Array.copy shape
    let groups = ResizeArray()
    let mutable i = axes.Length - 1
    while i >= 0 do
        let mutable j = i
        while j > 0 && axes[j - 1] = axes[j] - 1 do
            j <- j - 1
        let lo = axes[j]
        let hi = axes[i]
        let n = size cs[lo..hi]
        if n <> 1 then groups.Add(struct (size cs[.. lo - 1], n, size cs[hi + 1 ..]))
        for d in lo..hi do
            cs[d] <- 1
        i <- j - 1
    groups.ToArray()
