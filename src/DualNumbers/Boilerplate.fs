namespace Fluxion

open System
open System.Globalization
open System.Numerics

/// <summary>
/// A Fluxion number type over primal type 'T that can make a constant from a primal value. The shared parsing and
/// conversion helpers below produce a primal and hand it to this (a constrained call: no allocation, no dispatch).
/// </summary>
type internal IConstantOf<'Self, 'T> =
    static abstract Constant: value: 'T -> 'Self

/// <summary>
/// The parts of the generic-math surface that every Fluxion number type shares and that have nothing to
/// do with derivatives: parsing, formatting, conversions and bit-level queries, all answered by the primal.
/// </summary>
[<AbstractClass; Sealed>]
type internal Primal =
    /// Parses a primal value ('T's own syntax); the number built from it is a constant.
    static member Parse<'T when 'T :> IFloatingPointIeee754<'T>>(s: string, style: NumberStyles, provider: IFormatProvider) : 'T =
        'T.Parse(s, style, provider)

    static member Parse<'T when 'T :> IFloatingPointIeee754<'T>>(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider) : 'T =
        'T.Parse(s, style, provider)

    static member TryParse<'T when 'T :> IFloatingPointIeee754<'T>>(s: string, style: NumberStyles, provider: IFormatProvider, result: byref<'T>) : bool =
        'T.TryParse(s, style, provider, &result)

    static member TryParse<'T when 'T :> IFloatingPointIeee754<'T>>(s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider, result: byref<'T>) : bool =
        'T.TryParse(s, style, provider, &result)

    /// Converts any number to 'T (the primal of a constant); false when 'T cannot represent TOther.
    static member TryFrom<'T, 'TOther when 'T :> IFloatingPointIeee754<'T> and 'TOther :> INumberBase<'TOther>>
        (value: 'TOther, mode: int, result: byref<'T>) : bool =
        try
            result <-
                match mode with
                | 0 -> 'T.CreateChecked value
                | 1 -> 'T.CreateSaturating value
                | _ -> 'T.CreateTruncating value
            true
        with :? NotSupportedException ->
            result <- 'T.Zero
            false

    /// Converts a primal to another number type; false when TOther cannot represent 'T.
    static member TryTo<'T, 'TOther when 'T :> IFloatingPointIeee754<'T> and 'TOther :> INumberBase<'TOther>>
        (value: 'T, mode: int, result: byref<'TOther>) : bool =
        try
            result <-
                match mode with
                | 0 -> 'TOther.CreateChecked value
                | 1 -> 'TOther.CreateSaturating value
                | _ -> 'TOther.CreateTruncating value
            true
        with :? NotSupportedException ->
            result <- Unchecked.defaultof<'TOther>
            false

    // The "As" helpers finish a number type's parsing and conversion members in one line: they produce the
    // primal and turn it into the number type 'S as a constant.

    /// Parses a primal; the result is the constant of the number type 'S.
    static member TryParseAs<'S, 'T when 'S :> IConstantOf<'S, 'T> and 'T :> IFloatingPointIeee754<'T>>
        (s: string, style: NumberStyles, provider: IFormatProvider, result: byref<'S>) : bool =
        // A null string reads as an empty span, which no number type parses: false, as 'T.TryParse(null) gives.
        Primal.TryParseAs<'S, 'T>(s.AsSpan(), style, provider, &result)

    static member TryParseAs<'S, 'T when 'S :> IConstantOf<'S, 'T> and 'T :> IFloatingPointIeee754<'T>>
        (s: ReadOnlySpan<char>, style: NumberStyles, provider: IFormatProvider, result: byref<'S>) : bool =
        let mutable p = 'T.Zero
        let ok = 'T.TryParse(s, style, provider, &p)
        result <- 'S.Constant p
        ok

    static member TryParseUtf8As<'S, 'T when 'S :> IConstantOf<'S, 'T> and 'T :> IFloatingPointIeee754<'T>>
        (utf8: ReadOnlySpan<byte>, style: NumberStyles, provider: IFormatProvider, result: byref<'S>) : bool =
        let mutable p = 'T.Zero
        let ok = 'T.TryParse(utf8, style, provider, &p)
        result <- 'S.Constant p
        ok

    /// Converts any number to the constant of the number type 'S (primal 'T); false when 'T cannot represent TOther.
    static member TryFromAs<'S, 'T, 'TOther when 'S :> IConstantOf<'S, 'T> and 'T :> IFloatingPointIeee754<'T> and 'TOther :> INumberBase<'TOther>>
        (value: 'TOther, mode: int, result: byref<'S>) : bool =
        let mutable p = 'T.Zero
        let ok = Primal.TryFrom<'T, 'TOther>(value, mode, &p)
        result <- 'S.Constant p
        ok

    /// Formats "primal + tangent·ε" style text into a span, as ISpanFormattable asks.
    static member TryFormat(text: string, destination: Span<char>, charsWritten: byref<int>) : bool =
        if text.Length <= destination.Length then
            text.AsSpan().CopyTo destination
            charsWritten <- text.Length
            true
        else
            charsWritten <- 0
            false

    static member Format<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, format: string, provider: IFormatProvider) : string =
        // A part that is itself a Fluxion number (a nested dual) is parenthesised: (2 + 1ε) + (1 + 0ε)ε.
        let text = x.ToString(format, provider)
        if typeof<'T>.Namespace = "Fluxion" then $"({text})" else text

    static member ExponentByteCount<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = (x :> IFloatingPoint<'T>).GetExponentByteCount()
    static member ExponentShortestBitLength<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = (x :> IFloatingPoint<'T>).GetExponentShortestBitLength()
    static member SignificandBitLength<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = (x :> IFloatingPoint<'T>).GetSignificandBitLength()
    static member SignificandByteCount<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T) = (x :> IFloatingPoint<'T>).GetSignificandByteCount()

    static member WriteExponent<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, bigEndian: bool, destination: Span<byte>, written: byref<int>) =
        let fp = x :> IFloatingPoint<'T>
        if bigEndian then fp.TryWriteExponentBigEndian(destination, &written) else fp.TryWriteExponentLittleEndian(destination, &written)

    static member WriteSignificand<'T when 'T :> IFloatingPointIeee754<'T>>(x: 'T, bigEndian: bool, destination: Span<byte>, written: byref<int>) =
        let fp = x :> IFloatingPoint<'T>
        if bigEndian then fp.TryWriteSignificandBigEndian(destination, &written) else fp.TryWriteSignificandLittleEndian(destination, &written)
