/// MultiDual<'T>: several tangents per pass, each lane checked against a single-direction Dual pass.
module Fluxion.Tests.MultiDualTests

open System
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Tests.GenericMath

[<Tests>]
let tests =
    testList "MultiDual" [
        test "width is the SIMD width" {
            Expect.equal MultiDual<float>.Width Vector<float>.Count "double lanes"
            Expect.equal MultiDual<float32>.Width Vector<float32>.Count "single lanes"
        }

        test "each lane of a two-variable mixture equals the Dual pass along that direction" {
            let x, y = 0.9, 1.6
            let directions = [| (1.0, 0.0); (0.0, 1.0); (0.5, -2.0); (3.0, 0.25) |] |> Array.truncate MultiDual<float>.Width
            let lanes (pick: float * float -> float) =
                let v = Array.zeroCreate<float> MultiDual<float>.Width
                directions |> Array.iteri (fun i d -> v[i] <- pick d)
                Vector<float>(v)
            let m = mixture2 (MultiDual<float>(x, lanes fst)) (MultiDual<float>(y, lanes snd))
            directions
            |> Array.iteri (fun i (dx, dy) ->
                let d = mixture2 (Dual<float>(x, dx)) (Dual<float>(y, dy))
                Expect.floatClose Accuracy.veryHigh m.Primal d.Primal "value"
                Expect.floatClose Accuracy.veryHigh m[i] d.Tangent $"lane {i}, direction ({dx}, {dy})")
        }

        test "a unary mixture: every lane scales by f'(x), against Dual" {
            for x in [ 0.4; 1.1; 2.7 ] do
                let m = mixture (MultiDual<float>.Variable(x, MultiDual<float>.Width - 1))
                let d = mixture (Dual<float>.Variable x)
                Expect.floatClose Accuracy.veryHigh m[MultiDual<float>.Width - 1] d.Tangent $"f'({x}) in the seeded lane"
                Expect.equal m[0] 0.0 "an unseeded lane stays 0"
        }

        test "zero lanes stay zero where the partial is infinite (sqrt at 0), seeded lanes get +inf" {
            let r = sqrt (MultiDual<float>.Variable(0.0, 1))
            Expect.equal r[0] 0.0 "unseeded lane is 0, not NaN"
            Expect.equal r[1] infinity "sqrt'(0) = +inf"
        }

        test "the Dual conventions hold lane by lane: zero tangents stay zero through * and /" {
            let r = MultiDual<float>(infinity, Vector.WithElement(Vector<float>.Zero, 0, 1.0)) * MultiDual<float>.Variable(2.0, 1)
            Expect.equal (r[0], r[1]) (2.0, infinity) "(inf + e0)(2 + e1): lane 0 = 2, not inf * 0 = NaN"
            let root = MultiDual<float>.RootN(MultiDual<float>.Variable(-8.0, 0), 3)
            Expect.floatClose Accuracy.veryHigh root[0] (1.0 / 12.0) "RootN: 1/(3 x^(2/3)) at -8"
        }

        test "CombineLanes equals the scalar Chain.Combine in every lane, signed zeros and NaN included" {
            let special = [ 2.0; -3.0; 0.0; -0.0; infinity; -infinity; nan ]
            let tangents = [ 0.0; -0.0; 1.0; -2.5; infinity; nan ]
            let pairs = [| for tx in tangents do for ty in tangents -> tx, ty |]
            let width = Vector<float>.Count
            let same (a: float) (b: float) = BitConverter.DoubleToInt64Bits a = BitConverter.DoubleToInt64Bits b || (Double.IsNaN a && Double.IsNaN b)
            for px in special do
                for py in special do
                    for chunk in pairs |> Array.chunkBySize width do
                        let lane (pick: float * float -> float) = Vector<float>(Array.init width (fun i -> if i < chunk.Length then pick chunk[i] else 1.0))
                        let r = Chain.CombineLanes(px, lane fst, py, lane snd)
                        chunk |> Array.iteri (fun i (tx, ty) ->
                            let expected = Chain.Combine(px, tx, py, ty)
                            if not (same r[i] expected) then
                                failtestf "px = %g, tx = %g, py = %g, ty = %g: lane gives %g, scalar %g" px tx py ty r[i] expected)
        }

        test "Variable refuses a lane outside the vector" {
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> MultiDual<float>.Variable(1.0, MultiDual<float>.Width) |> ignore) "direction = Width"
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> MultiDual<float>.Variable(1.0, -1) |> ignore) "direction = -1"
        }

        test "every lane reads back through the indexer, which refuses a lane outside [0, Width)" {
            for lane in 0 .. MultiDual<float>.Width - 1 do
                let m = MultiDual<float>.Variable(3.0, lane) * MultiDual<float>.Constant 2.5
                for i in 0 .. MultiDual<float>.Width - 1 do
                    Expect.equal m[i] (if i = lane then 2.5 else 0.0) $"seeded lane {lane}, lane {i}"
            let m = MultiDual<float>.Variable(3.0, 0)
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> m[MultiDual<float>.Width] |> ignore) "lane = Width"
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> m[-1] |> ignore) "lane = -1"
        }

        test "float32 lanes" {
            let m = MultiDual<float32>.Variable(0.5f, 3) * sin (MultiDual<float32>.Variable(0.5f, 3))
            Expect.isTrue (abs (float m[3] - (sin 0.5 + 0.5 * cos 0.5)) < 1e-6) "(x sin x)' = sin x + x cos x"
        }

        test "no allocation per operation (after a warm-up pass that runs the type initialisers)" {
            let run (x0: MultiDual<float>) =
                let mutable x = x0
                for _ in 1 .. 1000 do
                    x <- sin x * x + exp (x * 0.001) / (x + 2.0)
                x
            run (MultiDual<float>.Variable(0.5, 0)) |> ignore
            // The least of three runs: a garbage collection started by a test running in parallel makes the unused
            // part of this thread's allocation quantum count as allocated in the run it interrupts; an allocation
            // per operation would show in every run.
            let bytes = Array.zeroCreate<int64> 3
            let last = ref (run (MultiDual<float>.Variable(0.5, 0)))
            for k in 0..2 do
                let before = GC.GetAllocatedBytesForCurrentThread()
                last.Value <- run (MultiDual<float>.Variable(0.5, 0))
                bytes[k] <- GC.GetAllocatedBytesForCurrentThread() - before
            let x = last.Value
            Expect.equal (Array.min bytes) 0L "bytes allocated by 7000 operations (the least of three runs)"
            Expect.isFalse (Double.IsNaN x[0]) "the loop ran"
        }
    ]
