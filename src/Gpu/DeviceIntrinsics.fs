namespace Fluxion.Gpu

open System
open System.Reflection
open ILGPU.Frontend.Intrinsic
open Fluxion

// ---------------------------------------------------------------------------------------------
// The rule table is generic .NET math, and a few of the library calls it reaches cannot be compiled by ILGPU 1.5.3's
// IL frontend: 'T.CreateTruncating of a double constant (its body tests typeof(TOther) at run time: "Class type
// 'System.Type' is not supported"), 'T.IsNormal (a bit cast: "Not supported intrinsic type 'BitCast'") and Special's
// accurate eˣ − 1 / ln(1 + x) family (which picks its double path by testing typeof<'T>). ILGPU offers a public hook
// for exactly this, RemappedIntrinsics.AddRemapping: in device code a call to the library method becomes a call to a
// replacement written for one element type, which computes the same value without the type tests. The rules stay as
// they are, so the CPU paths (Dual, Var, the CPU tensor backend) are untouched and the JIT still folds the constants.
//
// Alternatives tried first: a generic static constant holder (F#'s `static let` compiles to a mutable static field
// behind an initialisation check that can throw, both of which ILGPU refuses), and constants built from 'T.One
// arithmetic (exact for 1/2, 1/4, 3, 4, −2, but not for ln 2, ln 10 or 2/√π).
// ---------------------------------------------------------------------------------------------

/// <summary>
/// The device replacements (one element type each) of the library calls that the rule table reaches and ILGPU cannot
/// compile. Each computes the value of the call it replaces; tests/Gpu.Tests checks them bit for bit against the
/// originals on the host.
/// </summary>
[<AbstractClass; Sealed>]
type internal DeviceFunctions =
    /// <summary>double.CreateTruncating&lt;double&gt;: the value itself.</summary>
    static member DoubleToDouble(x: float) : float = x
    /// <summary>float32.CreateTruncating&lt;double&gt;: the conversion, rounded to nearest.</summary>
    static member DoubleToSingle(x: float) : float32 = float32 x
    /// <summary>double.IsNormal by comparisons: finite, nonzero and not subnormal (false for NaN).</summary>
    static member IsNormalDouble(x: float) : bool =
        let a = Math.Abs x
        a >= 2.2250738585072014E-308 && a <= Double.MaxValue
    /// <summary>float32.IsNormal by comparisons.</summary>
    static member IsNormalSingle(x: float32) : bool =
        let a = Math.Abs x
        a >= 1.17549435E-38f && a <= Single.MaxValue
    /// <summary>Special.ExpM1 of float32: the double path, rounded (as Special computes it).</summary>
    static member ExpM1Single(x: float32) : float32 = float32 (Special.ExpM1Double(float x))
    /// <summary>Special.Exp2M1 of float32.</summary>
    static member Exp2M1Single(x: float32) : float32 = float32 (Special.Exp2M1Double(float x))
    /// <summary>Special.Exp10M1 of float32.</summary>
    static member Exp10M1Single(x: float32) : float32 = float32 (Special.Exp10M1Double(float x))
    /// <summary>Special.LogP1 of float32.</summary>
    static member LogP1Single(x: float32) : float32 = float32 (Special.LogP1Double(float x))
    /// <summary>Special.Log2P1 of float32.</summary>
    static member Log2P1Single(x: float32) : float32 = float32 (Special.Log2P1Double(float x))
    /// <summary>Special.Log10P1 of float32.</summary>
    static member Log10P1Single(x: float32) : float32 = float32 (Special.Log10P1Double(float x))

/// The remappings of ILGPU's frontend that make the rule table compile for devices, registered once per process.
module internal DeviceIntrinsics =
    let private any = BindingFlags.Public ||| BindingFlags.NonPublic ||| BindingFlags.Static

    /// The method on `t` that implements INumberBase's `name` (what ILGPU resolves a constrained call 'T.name to).
    let private implementation (t: Type) (name: string) =
        let map = t.GetInterfaceMap(t.GetInterface "INumberBase`1")
        map.TargetMethods[map.InterfaceMethods |> Array.findIndex (fun m -> m.Name = name)]

    let private special (name: string) (t: Type) = typeof<Special>.GetMethod(name, any).MakeGenericMethod t
    let private own (name: string) = typeof<DeviceFunctions>.GetMethod(name, any)
    let private doublePath (name: string) = typeof<Special>.GetMethod(name, any)

    /// (library method as ILGPU meets it, its device replacement).
    let replacements: struct (MethodInfo * MethodInfo)[] =
        [|
          struct ((implementation typeof<float> "CreateTruncating").MakeGenericMethod typeof<float>, own (nameof DeviceFunctions.DoubleToDouble))
          struct ((implementation typeof<float32> "CreateTruncating").MakeGenericMethod typeof<float>, own (nameof DeviceFunctions.DoubleToSingle))
          struct (implementation typeof<float> "IsNormal", own (nameof DeviceFunctions.IsNormalDouble))
          struct (implementation typeof<float32> "IsNormal", own (nameof DeviceFunctions.IsNormalSingle))
          struct (special (nameof Special.ExpM1) typeof<float>, doublePath (nameof Special.ExpM1Double))
          struct (special (nameof Special.ExpM1) typeof<float32>, own (nameof DeviceFunctions.ExpM1Single))
          struct (special (nameof Special.Exp2M1) typeof<float>, doublePath (nameof Special.Exp2M1Double))
          struct (special (nameof Special.Exp2M1) typeof<float32>, own (nameof DeviceFunctions.Exp2M1Single))
          struct (special (nameof Special.Exp10M1) typeof<float>, doublePath (nameof Special.Exp10M1Double))
          struct (special (nameof Special.Exp10M1) typeof<float32>, own (nameof DeviceFunctions.Exp10M1Single))
          struct (special (nameof Special.LogP1) typeof<float>, doublePath (nameof Special.LogP1Double))
          struct (special (nameof Special.LogP1) typeof<float32>, own (nameof DeviceFunctions.LogP1Single))
          struct (special (nameof Special.Log2P1) typeof<float>, doublePath (nameof Special.Log2P1Double))
          struct (special (nameof Special.Log2P1) typeof<float32>, own (nameof DeviceFunctions.Log2P1Single))
          struct (special (nameof Special.Log10P1) typeof<float>, doublePath (nameof Special.Log10P1Double))
          struct (special (nameof Special.Log10P1) typeof<float32>, own (nameof DeviceFunctions.Log10P1Single))
        |]

    let private registration =
        lazy
            (for struct (original, replacement) in replacements do
                let types (m: MethodInfo) = m.ReturnType :: [ for p in m.GetParameters() -> p.ParameterType ]
                if types original <> types replacement then
                    raise (InvalidOperationException($"The device replacement {replacement.Name} does not have the signature of {original}."))
                RemappedIntrinsics.AddRemapping(original, RemappedIntrinsics.DeviceFunctionRemapper(fun context -> context.Method <- replacement)))

    /// <summary>
    /// Registers the replacements with ILGPU (process-wide, once; thread-safe). Called before Fluxion creates an ILGPU
    /// context, so that no compilation reads ILGPU's table while it is written.
    /// </summary>
    let register () = registration.Force()
