/// The device replacements of src/Gpu/DeviceIntrinsics.fs compute, on the host, exactly what the library calls they
/// replace compute: bit for bit, over special values, the edges of the normal range and many random bit patterns.
module Fluxion.Gpu.Tests.DeviceIntrinsicsTests

open System
open System.Reflection
open Expecto
open Fluxion.Gpu

let private invoke (m: MethodInfo) (x: obj) =
    try m.Invoke(null, [| x |])
    with :? TargetInvocationException as e -> raise e.InnerException

/// The bits of a result (NaN payloads included), to compare without floating-point equality.
let private bits (v: obj) : int64 =
    match v with
    | :? float as d -> BitConverter.DoubleToInt64Bits d
    | :? float32 as f -> int64 (BitConverter.SingleToInt32Bits f)
    | :? bool as b -> (if b then 1L else 0L)
    | other -> failwithf "unexpected result type %s" (other.GetType().Name)

let private doubles =
    let rng = Random 20261201
    Array.append
        [| 0.0; -0.0; 0.5; -0.5; 1.0; -1.0; 1e-10; -1e-10; 0.3; -0.3; 0.29999999999999999; 0.99999999999999989; 1.0000000000000002
           2.2250738585072014E-308; 2.2250738585072009E-308; -2.2250738585072014E-308; Double.Epsilon; Double.MaxValue
           -Double.MaxValue; Double.PositiveInfinity; Double.NegativeInfinity; Double.NaN; 709.0; 710.0; -745.0; 1e300; 1.2e-38
           1.17549435E-38; 1.1754942E-38; 3.4028234663852886E+38; 3.4028235677973366E+38 |]
        (Array.init 4000 (fun i ->
            if i % 2 = 0 then BitConverter.Int64BitsToDouble(rng.NextInt64())
            else (rng.NextDouble() - 0.5) * Math.Pow(10.0, float (rng.Next(-12, 4)))))

let private singles =
    Array.append
        [| 0.0f; -0.0f; 1.0f; -1.0f; 1.17549435E-38f; 1.1754942E-38f; -1.17549435E-38f; Single.Epsilon; Single.MaxValue
           -Single.MaxValue; Single.PositiveInfinity; Single.NegativeInfinity; Single.NaN; 1e-10f; 0.3f; 88.7f; 89.0f |]
        (doubles |> Array.map float32)

[<Tests>]
let tests =
    testList "device replacements" [
        test "every replacement has the signature of the call it replaces" {
            for struct (original, replacement) in DeviceIntrinsics.replacements do
                Expect.equal replacement.ReturnType original.ReturnType $"{replacement.Name} returns the type of {original}"
                Expect.equal
                    [ for p in replacement.GetParameters() -> p.ParameterType ]
                    [ for p in original.GetParameters() -> p.ParameterType ]
                    $"{replacement.Name} takes the parameters of {original}"
        }
        for struct (original, replacement) in DeviceIntrinsics.replacements do
            test $"{replacement.Name} equals {original.DeclaringType.Name}.{original}" {
                let inputs: obj[] =
                    if (original.GetParameters()).[0].ParameterType = typeof<float> then doubles |> Array.map box
                    else singles |> Array.map box
                for x in inputs do
                    let expected = invoke original x
                    let actual = invoke replacement x
                    if bits expected <> bits actual then
                        failtestf "%s(%A) = %A, but %s gives %A" original.Name x expected replacement.Name actual
            }
    ]
