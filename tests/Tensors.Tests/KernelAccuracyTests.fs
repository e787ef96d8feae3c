/// The tensor kernels against the scalar rules they implement, over every magnitude (subnormal to huge, both
/// signs, signed zeros, infinities, NaN), float64 and float32; and determinism: the same input gives the same
/// bits wherever it lies in memory and however often it is computed.
module Fluxion.Tensors.Tests.KernelAccuracyTests

open System
open System.Numerics
open Expecto
open Fluxion

/// Inputs over the whole range of 'T: random mantissas at every decimal magnitude, both signs, and the edges.
let private sweep<'T when 'T :> IFloatingPointIeee754<'T>> (lowest: int) (highest: int) : 'T[] =
    let rng = Random 31
    [| yield! [ 'T.Zero; 'T.NegativeZero; 'T.Epsilon; -'T.Epsilon; 'T.PositiveInfinity; 'T.NegativeInfinity; 'T.NaN; 'T.One; -'T.One ]
       for e in lowest .. highest do
           for _ in 1..3 do
               let v = (1.0 + 9.0 * rng.NextDouble()) * 10.0 ** float e
               yield 'T.CreateSaturating v
               yield 'T.CreateSaturating(-v) |]

/// The distance in units in the last place between two values of 'T (0 for two NaNs; infinite for NaN vs a number).
let private ulps<'T when 'T :> IFloatingPointIeee754<'T>> (a: 'T) (b: 'T) : float =
    if 'T.IsNaN a && 'T.IsNaN b then 0.0
    elif 'T.IsNaN a || 'T.IsNaN b then infinity
    elif 'T.op_Equality(a, b) && 'T.IsNegative a = 'T.IsNegative b then 0.0
    else
        // Map to a monotone integer line through the bit patterns.
        let key (v: 'T) =
            let bits =
                if typeof<'T> = typeof<float> then BitConverter.DoubleToInt64Bits(float (box v :?> float))
                else int64 (BitConverter.SingleToInt32Bits(box v :?> float32))
            let signBit = if typeof<'T> = typeof<float> then Int64.MinValue else int64 Int32.MinValue
            if bits < 0L then signBit - bits else bits
        abs (float (key a - key b))

let private ruleName<'R when 'R :> IUnaryRule> () = 'R.Name

/// Tensor value and first derivative of rule 'R against the scalar rule at every sweep point; `allowed` ulps for the
/// value (0: the tensor runs the scalar rule itself), and the derivative as the scalar rule computes it from the
/// tensor's own value (the tensors pass f(x) to the rule's derivative, as every mode does).
let private agrees<'R, 'T when 'R :> IUnaryRule and 'R: struct and 'T :> IFloatingPointIeee754<'T>> (allowed: float) (lowest: int) (highest: int) =
    let xs = sweep<'T> lowest highest
    let x = Tensor.FromArray xs
    let y = (Tensor.Apply<'R, 'T> x).ToArray()
    let g = (Tensor.Gradient(Func<_, _>(fun t -> Tensor.Sum(Tensor.Apply<'R, 'T> t)), x)).ToArray()
    for i in 0 .. xs.Length - 1 do
        let scalar = 'R.Value xs[i]
        let u = ulps y[i] scalar
        if not (u <= allowed) then
            failtestf "%s<%s>(%O) = %O on a tensor, %O by the scalar rule (%g ulps, %g allowed)" (ruleName<'R> ()) typeof<'T>.Name xs[i] y[i] scalar u allowed
        let d = Chain.Scale('R.Derivative(xs[i], y[i]), 'T.One)
        if ulps g[i] d <> 0.0 then
            failtestf "%s'<%s>(%O) = %O on a tensor, %O by the scalar rule" (ruleName<'R> ()) typeof<'T>.Name xs[i] g[i] d

let private both<'R when 'R :> IUnaryRule and 'R: struct> (allowed: float) =
    test (ruleName<'R> ()) {
        agrees<'R, float> allowed -323 308
        agrees<'R, float32> allowed -45 38
    }

/// Bit patterns of a tensor's elements.
let private bits (t: Tensor<float>) = t.ToArray() |> Array.map BitConverter.DoubleToInt64Bits

[<Tests>]
let tests =
    testList "tensor kernels against the scalar rules" [
        testList "values and derivatives over every magnitude" [
            both<SqrtRule> 0.0
            both<CbrtRule> 0.0
            both<ExpRule> 0.0
            both<Exp2Rule> 0.0
            both<Expm1Rule> 0.0
            both<LogRule> 0.0
            both<Log1pRule> 0.0
            both<SinRule> 0.0
            both<CosRule> 0.0
            both<TanRule> 0.0
            both<AtanRule> 0.0
            both<SinhRule> 0.0
            both<CoshRule> 0.0
            // The vectorised tanh (VectorMath) is within a few ulps of System.Math's.
            both<TanhRule> 4.0
            both<AsinhRule> 0.0
            both<AbsRule> 0.0
            both<FloorRule> 0.0
            both<SigmoidRule> 0.0
            both<SoftplusRule> 0.0
            both<ErfRule> 0.0
        ]
        test "tanh keeps the sign of zero and of tiny inputs, and saturates at ±1" {
            let y = (Tensor.Tanh(Tensor.FromArray [| 0.0; -0.0; 1e-300; -1e-300; 1e-10; 25.0; -25.0; infinity; -infinity |])).ToArray()
            Expect.isFalse (Double.IsNegative y[0]) "tanh(0) = +0"
            Expect.isTrue (Double.IsNegative y[1] && y[1] = 0.0) "tanh(−0) = −0"
            Expect.equal y[2..] [| 1e-300; -1e-300; Math.Tanh 1e-10; 1.0; -1.0; 1.0; -1.0 |] "tiny, saturated and infinite inputs"
            let y32 = (Tensor.Tanh(Tensor.FromArray [| 1e-6f; -1e-30f; 1e-40f |])).ToArray()
            Expect.equal y32 [| MathF.Tanh 1e-6f; -1e-30f; 1e-40f |] "float32 tiny and subnormal inputs"
        }
        test "the same input gives the same bits at every alignment and on every call" {
            let rng = Random 8
            let values = Array.init 132000 (fun _ -> 200.0 * rng.NextDouble() - 100.0)
            let functions: (string * (Tensor<float> -> Tensor<float>)) list =
                [ "sin", Tensor.Sin; "cos", Tensor.Cos; "exp", (fun t -> Tensor.Exp(Tensor.Multiply(t, Tensor.Scalar 0.01))); "tanh", Tensor.Tanh
                  "sum", (fun t -> Tensor.Sum(t, 1, false)); "softmax", (fun t -> Tensor.Softmax(t, 1)) ]
            for name, f in functions do
                let reference = bits (f (Tensor.FromArray(values, 440, 300)))
                for offset in 0..7 do
                    // A fresh array with the values at another offset (another alignment), and a collection in between.
                    let buffer = Array.zeroCreate (values.Length + offset)
                    Array.blit values 0 buffer offset values.Length
                    GC.Collect()
                    let t = Tensor.FromArray(buffer[offset..], 440, 300)
                    Expect.equal (bits (f t)) reference $"{name}: offset {offset}"
        }
    ]
