/// Arithmetic operators pinned to one generic-math type. F# resolves `a * b * c` on a type variable
/// constrained only by interfaces ambiguously (FS0670); these shadows fix every operand and result to 'T.
module internal Fluxion.GenericOperators

open System.Numerics

let inline ( + ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Addition(a, b)
let inline ( - ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Subtraction(a, b)
let inline ( * ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Multiply(a, b)
let inline ( / ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Division(a, b)
let inline ( % ) (a: 'T) (b: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_Modulus(a, b)
let inline ( ~- ) (a: 'T) : 'T when 'T :> IFloatingPointIeee754<'T> = 'T.op_UnaryNegation a
