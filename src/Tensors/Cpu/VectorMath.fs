namespace Fluxion

open System
open System.Numerics

// ---------------------------------------------------------------------------------------------
// Vectorised elementary functions written for the tensor kernels where a SIMD library function is not
// accurate enough. System.Numerics.Tensors' TensorPrimitives.Tanh has relative error 8e-8 at 1e-10 in
// float64 and 4.6 % at 1e-6 in float32, and returns −0 for 0; its Sin/Cos were seen to differ by an ulp
// between calls on the same input. The function here is lane-wise IEEE arithmetic only (no fallbacks
// that depend on a lane's neighbours, no fused multiply-adds), so the same input gives the same bits
// wherever it sits in an array, and it stays within a few ulps of the scalar rule (System.Math) over the
// whole range (tests sweep every magnitude, subnormals, signed zeros, infinities and NaN).
// ---------------------------------------------------------------------------------------------

/// Vectorised tanh for the tensor kernels (float64 lanes; float32 is widened, computed and rounded once).
[<AbstractClass; Sealed>]
type internal VectorMath =

    static let inverseFactorials = Array.init 19 (fun n -> 1.0 / Seq.fold (fun f i -> f * float i) 1.0 (seq { 1..n }))
    // ln 2 split so that k·ln2High is exact for the k that occur here (|k| < 64).
    static let ln2High = BitConverter.Int64BitsToDouble 0x3FE62E42FEE00000L
    static let ln2Low = 1.90821492927058770002e-10

    /// tanh of every lane: with y = 2|x| (clamped to 40, where tanh is 1 to far below an ulp), tanh = em1/(em1 + 2)
    /// for em1 = eʸ − 1, computed without cancellation: by its Taylor series to degree 18 for y < 1 (error below
    /// 1e-17 relative), and as 2ᵏ·eʳ − 1 with |r| ≤ ln2/2 (eʳ to degree 13) above, where eʸ ≥ e keeps the
    /// subtraction benign. The sign is copied from x (tanh(−0) = −0); NaN stays NaN. Measured: at most 3 ulps from
    /// Math.Tanh in float64, 2 from MathF.Tanh in float32 (itself not correctly rounded).
    static member Tanh(x: Vector<float>) : Vector<float> =
        let ax = Vector.Min(Vector.Abs x, Vector<float>(20.0))
        let y = ax + ax
        let mutable q = Vector<float>(inverseFactorials[18])
        for n in 17 .. -1 .. 1 do
            q <- q * y + Vector<float>(inverseFactorials[n])
        let small = q * y
        let k = Vector.Round(y * Vector<float>(1.4426950408889634))
        let r = y - k * Vector<float>(ln2High) - k * Vector<float>(ln2Low)
        let mutable p = Vector<float>(inverseFactorials[13])
        for n in 12 .. -1 .. 0 do
            p <- p * r + Vector<float>(inverseFactorials[n])
        let scale = Vector.AsVectorDouble(Vector.ShiftLeft(Vector.ConvertToInt64 k + Vector<int64>(1023L), 52))
        let large = scale * p - Vector<float>.One
        let em1 = Vector.ConditionalSelect(Vector.LessThan(y, Vector<float>.One), small, large)
        let t = em1 / (em1 + Vector<float>(2.0))
        let sign = Vector.BitwiseAnd(Vector.AsVectorUInt64 x, Vector<uint64>(0x8000000000000000UL))
        let signed = Vector.AsVectorDouble(Vector.BitwiseOr(Vector.AsVectorUInt64 t, sign))
        Vector.ConditionalSelect(Vector.Equals(x, x), signed, x)

    /// y[i] = tanh x[i] (float64). A partial last vector is computed in a padded copy, by the same arithmetic.
    static member Tanh(x: ReadOnlySpan<float>, y: Span<float>) =
        let n = Vector<float>.Count
        let mutable i = 0
        while i + n <= x.Length do
            VectorMath.Tanh(Vector<float>(x.Slice(i, n))).CopyTo(y.Slice(i, n))
            i <- i + n
        if i < x.Length then
            let pad = Array.zeroCreate<float> n
            x.Slice(i).CopyTo(Span pad)
            let v = VectorMath.Tanh(Vector<float>(pad))
            for j in 0 .. x.Length - i - 1 do
                y[i + j] <- v[j]

    /// y[i] = tanh x[i] (float32), each lane computed in float64 and rounded once.
    static member Tanh(x: ReadOnlySpan<float32>, y: Span<float32>) =
        let n = Vector<float32>.Count
        let mutable i = 0
        let mutable lo = Vector<float>.Zero
        let mutable hi = Vector<float>.Zero
        while i + n <= x.Length do
            Vector.Widen(Vector<float32>(x.Slice(i, n)), &lo, &hi)
            Vector.Narrow(VectorMath.Tanh lo, VectorMath.Tanh hi).CopyTo(y.Slice(i, n))
            i <- i + n
        if i < x.Length then
            let pad = Array.zeroCreate<float32> n
            x.Slice(i).CopyTo(Span pad)
            Vector.Widen(Vector<float32>(pad), &lo, &hi)
            let v = Vector.Narrow(VectorMath.Tanh lo, VectorMath.Tanh hi)
            for j in 0 .. x.Length - i - 1 do
                y[i + j] <- v[j]
