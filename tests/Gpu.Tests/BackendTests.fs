/// The ILGPU backend's primitives against the CPU backend's, rule by rule (values and derivatives of order 1 to 3),
/// and the tiled matrix product against the CPU's, on ILGPU's CPU accelerator.
module Fluxion.Gpu.Tests.BackendTests

open System
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Gpu

/// Equal, both NaN, or within a relative tolerance.
let private agree (tolerance: float) (a: float) (b: float) =
    (Double.IsNaN a && Double.IsNaN b) || a = b || abs (a - b) <= tolerance * max 1.0 (max (abs a) (abs b))

let private call (target: obj) (name: string) (typeArgs: Type[]) (args: obj[]) =
    let m = target.GetType().GetMethods() |> Array.find (fun m -> m.Name = name && m.IsGenericMethodDefinition)
    try m.MakeGenericMethod(typeArgs).Invoke(target, args)
    with :? Reflection.TargetInvocationException as e -> raise e.InnerException

let private checkUnary<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
    (rule: Type) (tolerance: float) =
    let gpu = Device.IlgpuCpu.Backend<'T>()
    let cpu = Device.Cpu.Backend<'T>()
    // Points inside every domain in (0, 1), above 1 (acosh) and negative (odd functions, edges).
    let xs = [| 0.1; 0.35; 0.5; 0.8; 1.5; 2.75; -0.6; -2.25 |] |> Array.map 'T.CreateTruncating
    let host (b: TensorBackend<'T>) (s: Storage<'T>) =
        let a = Array.zeroCreate<'T> s.Length
        b.CopyToHost(s, Span<'T>(a))
        a |> Array.map (fun e -> Double.CreateTruncating e)
    let run (b: TensorBackend<'T>) =
        let x = b.FromHost(Array.copy xs)
        let f = call b "Map" [| rule |] [| x |] :?> Storage<'T>
        let d1 = call b "MapDerivative" [| rule |] [| x; [| f |]; 1 |] :?> Storage<'T>
        let d2 = call b "MapDerivative" [| rule |] [| x; [| f; d1 |]; 2 |] :?> Storage<'T>
        let d3 = call b "MapDerivative" [| rule |] [| x; [| f; d1; d2 |]; 3 |] :?> Storage<'T>
        [ "f", host b f; "f′", host b d1; "f″", host b d2; "f‴", host b d3 ]
    for (what, g), (_, c) in List.zip (run gpu) (run cpu) do
        for i in 0 .. xs.Length - 1 do
            if not (agree tolerance g[i] c[i]) then
                failtestf "%s %s<%s> at x = %g: ILGPU %.17g, CPU %.17g" rule.Name what typeof<'T>.Name (Double.CreateTruncating xs[i]) g[i] c[i]

let private checkBinary<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
    (rule: Type) (tolerance: float) =
    let gpu = Device.IlgpuCpu.Backend<'T>()
    let cpu = Device.Cpu.Backend<'T>()
    let a = [| 0.3; 1.7; -0.9; 2.5; 0.0; 4.0 |] |> Array.map 'T.CreateTruncating
    let b = [| 1.25; -0.5; 2.0 |] |> Array.map 'T.CreateTruncating
    let aShape, bShape, outShape = [| 2; 3 |], [| 3 |], [| 2; 3 |]
    let host (be: TensorBackend<'T>) (s: Storage<'T>) =
        let v = Array.zeroCreate<'T> s.Length
        be.CopyToHost(s, Span<'T>(v))
        v |> Array.map (fun e -> Double.CreateTruncating e)
    let run (be: TensorBackend<'T>) =
        let sa, sb = be.FromHost(Array.copy a), be.FromHost(Array.copy b)
        let z = call be "MapBinary" [| rule |] [| sa; aShape; sb; bShape; outShape |] :?> Storage<'T>
        [ yield "f", host be z
          for (i, j) in [ 1, 0; 0, 1; 2, 0; 1, 1; 0, 2; 2, 1 ] do
              let p = call be "MapPartial" [| rule |] [| sa; aShape; sb; bShape; outShape; z; i; j |] :?> Storage<'T>
              yield $"∂{i},{j}", host be p ]
    for (what, g), (_, c) in List.zip (run gpu) (run cpu) do
        for i in 0 .. g.Length - 1 do
            if not (agree tolerance g[i] c[i]) then
                failtestf "%s %s<%s> at element %d: ILGPU %.17g, CPU %.17g" rule.Name what typeof<'T>.Name i g[i] c[i]

[<Tests>]
let tests =
    testList "ILGPU backend vs CPU backend" [
        for r in PtxTests.unaryRules do
            test $"{r.Name}: value and derivatives 1-3 agree (float64, float32)" {
                checkUnary<float> r 1e-13
                checkUnary<float32> r 2e-6
            }
        for r in PtxTests.binaryRules do
            test $"{r.Name}: value and partials up to order 3 agree (float64, float32)" {
                checkBinary<float> r 1e-13
                checkBinary<float32> r 2e-6
            }
        test "batched matrix products with every transposition agree with the CPU (sizes not multiples of the tile)" {
            let rng = Random 3
            let gpu = Device.IlgpuCpu.Backend<float>()
            let cpu = Device.Cpu.Backend<float>()
            for (batch, m, n, k) in [ 1, 1, 1, 1; 2, 17, 5, 33; 3, 20, 19, 7; 1, 40, 3, 0 ] do
                for transA in [ false; true ] do
                    for transB in [ false; true ] do
                        let a = Array.init (batch * m * k) (fun _ -> rng.NextDouble() - 0.5)
                        let b = Array.init (batch * k * n) (fun _ -> rng.NextDouble() - 0.5)
                        let product (be: TensorBackend<float>) =
                            let s = be.MatMul(transA, transB, batch, m, n, k, be.FromHost(Array.copy a), be.FromHost(Array.copy b))
                            let v = Array.zeroCreate s.Length
                            be.CopyToHost(s, Span<float>(v))
                            v
                        let g, c = product gpu, product cpu
                        Expect.equal g.Length c.Length "length"
                        for i in 0 .. g.Length - 1 do
                            if not (agree 1e-13 g[i] c[i]) then
                                failtestf "batch %d, %d×%d×%d, transA %b, transB %b, element %d: %g vs %g" batch m n k transA transB i g[i] c[i]
        }
    ]
