namespace Fluxion

open System.ComponentModel
open System.Numerics

/// <summary>
/// F#'s generic numeric literals: with <c>open Fluxion</c>, <c>3G</c> is the number 3 in whatever generic-math
/// type the context needs (<c>float</c>, <c>Dual&lt;float&gt;</c>, <c>HyperDual</c>, <c>Var</c>, and their
/// nestings), so one <c>inline</c> function with literals serves every number type:
/// <c>let inline f x = x * x + 3G * x</c>. A bare <c>3</c> in such a function fixes its argument to <c>int</c>
/// (F# resolves the operator eagerly), and <c>3.0</c> fixes it to <c>float</c>. Where the type is already known
/// (a lambda passed to <c>Forward.derivative</c>), plain integers work too: <c>fun x -> 2 * x</c>.
/// A literal is a constant: its derivative is zero in every mode. F# only; C# writes <c>T.CreateChecked(3)</c>.
/// </summary>
[<EditorBrowsable(EditorBrowsableState.Never)>]
module NumericLiteralG =
    /// <summary>The literal <c>0G</c>: 'T.Zero.</summary>
    let inline FromZero<'T when 'T :> INumberBase<'T>> () : 'T = 'T.Zero
    /// <summary>The literal <c>1G</c>: 'T.One.</summary>
    let inline FromOne<'T when 'T :> INumberBase<'T>> () : 'T = 'T.One
    /// <summary>A literal such as <c>3G</c> that fits an <c>int</c>: 'T.CreateChecked n.</summary>
    let inline FromInt32<'T when 'T :> INumberBase<'T>> (n: int) : 'T = 'T.CreateChecked n
    /// <summary>A literal that needs an <c>int64</c>: 'T.CreateChecked n (exact up to 2⁵³ in float64).</summary>
    let inline FromInt64<'T when 'T :> INumberBase<'T>> (n: int64) : 'T = 'T.CreateChecked n
