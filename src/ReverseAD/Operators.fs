/// Arithmetic operators pinned to one generic-math type, for this assembly. The same shadows exist in
/// Fluxion.DualNumbers, but F# cannot inline another assembly's internal inline functions, so the tape's
/// code carries its own copy (FS0670 explains why the pinning is needed at all).
module internal Fluxion.ReverseOperators

open System.Numerics

let inline ( + ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Addition(a, b)
let inline ( - ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Subtraction(a, b)
let inline ( * ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Multiply(a, b)
let inline ( / ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Division(a, b)
let inline ( ~- ) (a: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_UnaryNegation a
