namespace Fluxion.Gpu

open System
open System.Numerics
open System.Runtime.CompilerServices
open System.Reflection
open ILGPU
open ILGPU.Frontend
open ILGPU.Frontend.Intrinsic
open Fluxion

// ---------------------------------------------------------------------------------------------
// The loops behind Batched<'F>: one evaluation of the user's IPointFunction per point (n evaluations for a
// Jacobian or a VJP, one per input direction), on number types from the rule table (Dual, HyperDual), through
// small accessor structs that read a point's coordinates and write its outputs in place. The CPU loops read and
// write arrays (Batched runs them on chunks in parallel); the kernels read and write device views and run one
// thread per point. Every accessor is a struct and every call a constrained call on a struct type parameter, so
// the JIT (and ILGPU) specialise the user's code for each accessor and number type: no boxing, no virtual call.
// ---------------------------------------------------------------------------------------------

/// A point function read or wrote outside its point (the CPU loops; Batched adds the function's name).
type internal PointIndexException(message: string) =
    inherit Exception(message)

/// Throws outside the accessors, so that they stay small enough to inline.
[<AbstractClass; Sealed>]
type internal PointChecks =
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member Read(index: int, count: int) : unit =
        raise (PointIndexException($"Evaluate read x[{index}], but a point has Inputs = {count} coordinates (x[0] to x[{count - 1}])."))

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    static member Write(index: int, count: int) : unit =
        raise (PointIndexException($"Evaluate assigned y[{index}], but a point has Outputs = {count} values (y[0] to y[{count - 1}])."))

// ----- host accessors (arrays) -------------------------------------------------------------------

/// Coordinates Data[Offset .. Offset + Count − 1].
[<Struct>]
type internal HostIn<'T> =
    val Data: 'T[]
    val Offset: int
    val Count: int
    new(data, offset, count) = { Data = data; Offset = offset; Count = count }
    interface IPointInput<'T> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if uint32 i >= uint32 x.Count then PointChecks.Read(i, x.Count)
                x.Data[x.Offset + i]

/// Outputs Data[Offset .. Offset + Count − 1].
[<Struct>]
type internal HostOut<'T> =
    val Data: 'T[]
    val Offset: int
    val Count: int
    new(data, offset, count) = { Data = data; Offset = offset; Count = count }
    interface IPointOutput<'T> with
        member y.Length = y.Count
        member y.Item
            with set i value =
                if uint32 i >= uint32 y.Count then PointChecks.Write(i, y.Count)
                y.Data[y.Offset + i] <- value

/// Coordinates as dual numbers xᵢ + vᵢ·ε (a JVP along v).
[<Struct>]
type internal HostDualIn<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Points: 'T[]
    val Directions: 'T[]
    val Offset: int
    val Count: int
    new(points, directions, offset, count) = { Points = points; Directions = directions; Offset = offset; Count = count }
    interface IPointInput<Dual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if uint32 i >= uint32 x.Count then PointChecks.Read(i, x.Count)
                Dual<'T>(x.Points[x.Offset + i], x.Directions[x.Offset + i])

/// Coordinates as dual numbers seeded along input axis Axis (column Axis of the Jacobian).
[<Struct>]
type internal HostAxisIn<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Points: 'T[]
    val Offset: int
    val Count: int
    val Axis: int
    new(points, offset, count, axis) = { Points = points; Offset = offset; Count = count; Axis = axis }
    interface IPointInput<Dual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if uint32 i >= uint32 x.Count then PointChecks.Read(i, x.Count)
                Dual<'T>(x.Points[x.Offset + i], (if i = x.Axis then 'T.One else 'T.Zero))

/// Coordinates as hyper-dual numbers xᵢ + vᵢ·ε₁ + vᵢ·ε₂ (second derivative along v).
[<Struct>]
type internal HostHyperIn<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Points: 'T[]
    val Directions: 'T[]
    val Offset: int
    val Count: int
    new(points, directions, offset, count) = { Points = points; Directions = directions; Offset = offset; Count = count }
    interface IPointInput<HyperDual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if uint32 i >= uint32 x.Count then PointChecks.Read(i, x.Count)
                let v = x.Directions[x.Offset + i]
                HyperDual<'T>(x.Points[x.Offset + i], v, v, 'T.Zero)

/// Dual outputs split into Values and Tangents at Offset + k.
[<Struct>]
type internal HostDualOut<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Values: 'T[]
    val Tangents: 'T[]
    val Offset: int
    val Count: int
    new(values, tangents, offset, count) = { Values = values; Tangents = tangents; Offset = offset; Count = count }
    interface IPointOutput<Dual<'T>> with
        member y.Length = y.Count
        member y.Item
            with set k value =
                if uint32 k >= uint32 y.Count then PointChecks.Write(k, y.Count)
                y.Values[y.Offset + k] <- value.Primal
                y.Tangents[y.Offset + k] <- value.Tangent

/// Dual outputs: values at ValueOffset + k, tangents at TangentOffset + k·TangentStride (a Jacobian column).
[<Struct>]
type internal HostColumnOut<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Values: 'T[]
    val ValueOffset: int
    val Count: int
    val Tangents: 'T[]
    val TangentOffset: int
    val TangentStride: int
    new(values, valueOffset, count, tangents, tangentOffset, tangentStride) =
        { Values = values; ValueOffset = valueOffset; Count = count; Tangents = tangents; TangentOffset = tangentOffset; TangentStride = tangentStride }
    interface IPointOutput<Dual<'T>> with
        member y.Length = y.Count
        member y.Item
            with set k value =
                if uint32 k >= uint32 y.Count then PointChecks.Write(k, y.Count)
                y.Values[y.ValueOffset + k] <- value.Primal
                y.Tangents[y.TangentOffset + k * y.TangentStride] <- value.Tangent

/// Hyper-dual outputs split into Values, First (ε₁) and Second (ε₁ε₂) at Offset + k.
[<Struct>]
type internal HostHyperOut<'T when 'T :> IFloatingPointIeee754<'T>> =
    val Values: 'T[]
    val First: 'T[]
    val Second: 'T[]
    val Offset: int
    val Count: int
    new(values, first, second, offset, count) = { Values = values; First = first; Second = second; Offset = offset; Count = count }
    interface IPointOutput<HyperDual<'T>> with
        member y.Length = y.Count
        member y.Item
            with set k value =
                if uint32 k >= uint32 y.Count then PointChecks.Write(k, y.Count)
                y.Values[y.Offset + k] <- value.Primal
                y.First[y.Offset + k] <- value.E1
                y.Second[y.Offset + k] <- value.E12

/// The CPU loops over the points start .. stop − 1 (Batched runs chunks of points on several threads).
[<AbstractClass; Sealed>]
type internal HostBatch =
    static member Values<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], values: 'T[], start: int, stop: int) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        for p in start .. stop - 1 do
            let input = HostIn<'T>(x, p * n, n)
            let mutable output = HostOut<'T>(values, p * m, m)
            'F.Evaluate<'T, HostIn<'T>, HostOut<'T>>(&input, &output)

    static member Jvp<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], v: 'T[], values: 'T[], tangents: 'T[], start: int, stop: int) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        for p in start .. stop - 1 do
            let input = HostDualIn<'T>(x, v, p * n, n)
            let mutable output = HostDualOut<'T>(values, tangents, p * m, m)
            'F.Evaluate<Dual<'T>, HostDualIn<'T>, HostDualOut<'T>>(&input, &output)

    static member SecondDerivative<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], v: 'T[], values: 'T[], first: 'T[], second: 'T[], start: int, stop: int) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        for p in start .. stop - 1 do
            let input = HostHyperIn<'T>(x, v, p * n, n)
            let mutable output = HostHyperOut<'T>(values, first, second, p * m, m)
            'F.Evaluate<HyperDual<'T>, HostHyperIn<'T>, HostHyperOut<'T>>(&input, &output)

    /// Column j of J(xₚ) from the pass seeded along axis j, written at (p·m + k)·n + j.
    static member Jacobian<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], values: 'T[], jacobians: 'T[], start: int, stop: int) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        for p in start .. stop - 1 do
            for j in 0 .. n - 1 do
                let input = HostAxisIn<'T>(x, p * n, n, j)
                let mutable output = HostColumnOut<'T>(values, p * m, m, jacobians, p * m * n + j, n)
                'F.Evaluate<Dual<'T>, HostAxisIn<'T>, HostColumnOut<'T>>(&input, &output)

    /// uₚᵀ·J(xₚ) column by column: the pass seeded along axis j writes column j into `column`, then
    /// Σₖ uₚₖ·J[k, j] (k ascending, as the device's contraction).
    static member Vjp<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T[], u: 'T[], values: 'T[], gradients: 'T[], start: int, stop: int) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        let column = Array.zeroCreate<'T> m
        for p in start .. stop - 1 do
            for j in 0 .. n - 1 do
                Array.Clear column
                let input = HostAxisIn<'T>(x, p * n, n, j)
                let mutable output = HostColumnOut<'T>(values, p * m, m, column, 0, 1)
                'F.Evaluate<Dual<'T>, HostAxisIn<'T>, HostColumnOut<'T>>(&input, &output)
                let mutable s = 'T.Zero
                for k in 0 .. m - 1 do
                    s <- s + u[p * m + k] * column[k]
                gradients[p * n + j] <- s

// ----- kernel intrinsics ---------------------------------------------------------------------------

/// <summary>
/// Kernel versions of .NET library functions that ILGPU 1.5.3 cannot compile. <c>Math.SinCos</c> and
/// <c>MathF.SinCos</c> (which <c>Dual.Sin</c> and <c>Dual.Cos</c> reach through <c>SinRule.ValueAndDerivative</c>) use
/// <c>RuntimeHelpers.IsKnownConstant</c> in .NET 10 ("Not supported intrinsic type 'IsKnownConstant'"); in kernels
/// they become a sine and a cosine, which ILGPU maps to its device math. The remapping is ILGPU's public, process-wide
/// <c>RemappedIntrinsics.AddRemapping</c> (the overload with a remapper, since this type is not public); it changes
/// nothing outside kernels.
/// </summary>
[<AbstractClass; Sealed>]
type internal KernelIntrinsics private () =
    static let registered =
        lazy
            (for t in [ typeof<float>; typeof<float32> ] do
                let source = (if t = typeof<float> then typeof<Math> else typeof<MathF>).GetMethod("SinCos", [| t |])
                let target =
                    typeof<KernelIntrinsics>.GetMethod("SinCos", BindingFlags.Public ||| BindingFlags.NonPublic ||| BindingFlags.Static, [| t |])
                RemappedIntrinsics.AddRemapping(
                    source,
                    RemappedIntrinsics.DeviceFunctionRemapper(fun (call: byref<InvocationContext>) -> call.Method <- target)
                ))

    /// (sin x, cos x) for kernels.
    static member SinCos(x: float) : struct (float * float) = struct (Math.Sin x, Math.Cos x)
    /// (sin x, cos x) for kernels.
    static member SinCos(x: float32) : struct (float32 * float32) = struct (MathF.Sin x, MathF.Cos x)
    /// Registers the remappings (once per process) before any batched kernel is compiled.
    static member Ensure() = registered.Force()

// ----- device accessors (ArrayViews) ---------------------------------------------------------------
// A kernel cannot throw: an index outside the point sets Error[0] (1 for a read, 2 for a write), reads NaN and
// drops the write; Batched checks the flag after the launch and throws.

/// Coordinates Data[Offset .. Offset + Count − 1] on a device.
[<Struct>]
type internal ViewIn<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Data: ArrayView<'T>
    val Offset: int
    val Count: int
    val Error: ArrayView<int>
    new(data, offset, count, error) = { Data = data; Offset = offset; Count = count; Error = error }
    interface IPointInput<'T> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if i >= 0 && i < x.Count then x.Data[x.Offset + i]
                else
                    x.Error[0] <- 1
                    'T.NaN

/// Outputs Data[Offset .. Offset + Count − 1] on a device.
[<Struct>]
type internal ViewOut<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Data: ArrayView<'T>
    val Offset: int
    val Count: int
    val Error: ArrayView<int>
    new(data, offset, count, error) = { Data = data; Offset = offset; Count = count; Error = error }
    interface IPointOutput<'T> with
        member y.Length = y.Count
        member y.Item
            with set i value =
                if i >= 0 && i < y.Count then y.Data[y.Offset + i] <- value else y.Error[0] <- 2

/// Coordinates as dual numbers xᵢ + vᵢ·ε on a device.
[<Struct>]
type internal ViewDualIn<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Points: ArrayView<'T>
    val Directions: ArrayView<'T>
    val Offset: int
    val Count: int
    val Error: ArrayView<int>
    new(points, directions, offset, count, error) = { Points = points; Directions = directions; Offset = offset; Count = count; Error = error }
    interface IPointInput<Dual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if i >= 0 && i < x.Count then Dual<'T>(x.Points[x.Offset + i], x.Directions[x.Offset + i])
                else
                    x.Error[0] <- 1
                    Dual<'T>('T.NaN, 'T.NaN)

/// Coordinates as dual numbers seeded along input axis Axis, on a device.
[<Struct>]
type internal ViewAxisIn<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Points: ArrayView<'T>
    val Offset: int
    val Count: int
    val Axis: int
    val Error: ArrayView<int>
    new(points, offset, count, axis, error) = { Points = points; Offset = offset; Count = count; Axis = axis; Error = error }
    interface IPointInput<Dual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if i >= 0 && i < x.Count then Dual<'T>(x.Points[x.Offset + i], (if i = x.Axis then 'T.One else 'T.Zero))
                else
                    x.Error[0] <- 1
                    Dual<'T>('T.NaN, 'T.NaN)

/// Coordinates as hyper-dual numbers xᵢ + vᵢ·ε₁ + vᵢ·ε₂ on a device.
[<Struct>]
type internal ViewHyperIn<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Points: ArrayView<'T>
    val Directions: ArrayView<'T>
    val Offset: int
    val Count: int
    val Error: ArrayView<int>
    new(points, directions, offset, count, error) = { Points = points; Directions = directions; Offset = offset; Count = count; Error = error }
    interface IPointInput<HyperDual<'T>> with
        member x.Length = x.Count
        member x.Item
            with get i =
                if i >= 0 && i < x.Count then
                    let v = x.Directions[x.Offset + i]
                    HyperDual<'T>(x.Points[x.Offset + i], v, v, 'T.Zero)
                else
                    x.Error[0] <- 1
                    HyperDual<'T>('T.NaN, 'T.NaN, 'T.NaN, 'T.NaN)

/// Dual outputs on a device: values at ValueOffset + k, tangents at TangentOffset + k·TangentStride.
[<Struct>]
type internal ViewDualOut<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Values: ArrayView<'T>
    val ValueOffset: int
    val Count: int
    val Tangents: ArrayView<'T>
    val TangentOffset: int
    val TangentStride: int
    val Error: ArrayView<int>
    new(values, valueOffset, count, tangents, tangentOffset, tangentStride, error) =
        { Values = values; ValueOffset = valueOffset; Count = count; Tangents = tangents; TangentOffset = tangentOffset; TangentStride = tangentStride; Error = error }
    interface IPointOutput<Dual<'T>> with
        member y.Length = y.Count
        member y.Item
            with set k value =
                if k >= 0 && k < y.Count then
                    y.Values[y.ValueOffset + k] <- value.Primal
                    y.Tangents[y.TangentOffset + k * y.TangentStride] <- value.Tangent
                else y.Error[0] <- 2

/// Hyper-dual outputs on a device: Values, First (ε₁) and Second (ε₁ε₂) at Offset + k.
[<Struct>]
type internal ViewHyperOut<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>> =
    val Values: ArrayView<'T>
    val First: ArrayView<'T>
    val Second: ArrayView<'T>
    val Offset: int
    val Count: int
    val Error: ArrayView<int>
    new(values, first, second, offset, count, error) = { Values = values; First = first; Second = second; Offset = offset; Count = count; Error = error }
    interface IPointOutput<HyperDual<'T>> with
        member y.Length = y.Count
        member y.Item
            with set k value =
                if k >= 0 && k < y.Count then
                    y.Values[y.Offset + k] <- value.Primal
                    y.First[y.Offset + k] <- value.E1
                    y.Second[y.Offset + k] <- value.E12
                else y.Error[0] <- 2

/// The batched kernels: one thread per point (per (point, input) pair for the VJP's contraction). Loaded through
/// reflection by Batched, once per accelerator, function and element type.
[<AbstractClass; Sealed>]
type internal BatchedKernels =
    static member Values<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (p: Index1D, x: ArrayView<'T>, values: ArrayView<'T>, error: ArrayView<int>) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        let input = ViewIn<'T>(x, p.X * n, n, error)
        let mutable output = ViewOut<'T>(values, p.X * m, m, error)
        'F.Evaluate<'T, ViewIn<'T>, ViewOut<'T>>(&input, &output)

    static member Jvp<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (p: Index1D, x: ArrayView<'T>, v: ArrayView<'T>, values: ArrayView<'T>, tangents: ArrayView<'T>, error: ArrayView<int>) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        let input = ViewDualIn<'T>(x, v, p.X * n, n, error)
        let mutable output = ViewDualOut<'T>(values, p.X * m, m, tangents, p.X * m, 1, error)
        'F.Evaluate<Dual<'T>, ViewDualIn<'T>, ViewDualOut<'T>>(&input, &output)

    static member SecondDerivative<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (p: Index1D, x: ArrayView<'T>, v: ArrayView<'T>, values: ArrayView<'T>, first: ArrayView<'T>, second: ArrayView<'T>, error: ArrayView<int>) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        let input = ViewHyperIn<'T>(x, v, p.X * n, n, error)
        let mutable output = ViewHyperOut<'T>(values, first, second, p.X * m, m, error)
        'F.Evaluate<HyperDual<'T>, ViewHyperIn<'T>, ViewHyperOut<'T>>(&input, &output)

    /// n passes per point, pass j seeded along axis j writing column j at (p·m + k)·n + j.
    static member Jacobian<'F, 'T when 'F :> IPointFunction and 'F: struct and 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (p: Index1D, x: ArrayView<'T>, values: ArrayView<'T>, jacobians: ArrayView<'T>, error: ArrayView<int>) =
        let n = 'F.Inputs
        let m = 'F.Outputs
        let mutable j = 0
        while j < n do
            let input = ViewAxisIn<'T>(x, p.X * n, n, j, error)
            let mutable output = ViewDualOut<'T>(values, p.X * m, m, jacobians, p.X * m * n + j, n, error)
            'F.Evaluate<Dual<'T>, ViewAxisIn<'T>, ViewDualOut<'T>>(&input, &output)
            j <- j + 1

    /// gradients[p·n + j] = Σₖ u[p·m + k]·J[(p·m + k)·n + j], k ascending (as the CPU loop); one thread per (p, j).
    static member Contract<'T when 'T :> IFloatingPointIeee754<'T> and 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType>
        (i: Index1D, jacobians: ArrayView<'T>, u: ArrayView<'T>, gradients: ArrayView<'T>, m: int, n: int) =
        let p = i.X / n
        let j = i.X % n
        let mutable s = 'T.Zero
        let mutable k = 0
        while k < m do
            let w: 'T = u[p * m + k]
            let d: 'T = jacobians[(p * m + k) * n + j]
            s <- s + w * d
            k <- k + 1
        gradients[i] <- s
