/// <summary>
/// Runs the rows of RuleTable.fs through "flavours" (a mode and number type: Dual&lt;double&gt;, nested Dual,
/// HyperDual, multi-tangent, reverse mode ...) and checks value, first and second derivatives against the
/// rows' analytic references, Richardson finite differences and the complex step, at seeded random points.
/// </summary>
/// <remarks>
/// Shared by several test projects (link it after RuleTable.fs). A forward flavour is one line: say how to seed
/// the number type with a value and two tangent directions and how to read the results back, e.g.
/// <c>Flavour.seeded&lt;HyperDual&lt;float&gt;&gt; "HyperDual&lt;double&gt;" Double (fun v a b -> HyperDual&lt;float&gt;(v, a, b, 0.0)) (fun h -> Readout.second h.Primal h.E1 h.E2 h.E12)</c>.
/// Any other mode (reverse) implements <see cref="T:Fluxion.Tests.RuleChecks.IFlavour"/> directly, projecting its
/// gradient g onto the directions with <c>directional g e</c>. Another test project links RuleTable.fs and
/// RuleChecks.fs (<c>&lt;Compile Include="..\DualNumbers.Tests\RuleChecks.fs" Link="RuleChecks.fs" /&gt;</c>) and
/// declares <c>[&lt;Tests&gt;] let tests = tableTests [ myFlavour ]</c>: every row, every documented convention
/// (unaryConventions, binaryConventions) and the direct rule-member checks then run in that flavour.
/// </remarks>
module Fluxion.Tests.RuleChecks

open System
open System.Reflection
open System.Numerics
open Expecto
open Fluxion
open Fluxion.Tests.RuleTable

/// <summary>
/// What one evaluation of f at a point reports, in double: the value, the directional derivative along the
/// seeded direction e1, along e2 (for flavours that carry a second direction), and the second directional
/// derivative along e1 and e2 (for second-order flavours).
/// </summary>
[<Struct>]
type Readout =
    { Value: float
      E1: float
      E2: float voption
      E12: float voption }

    /// A first-order readout with one direction.
    static member first (value: float) (e1: float) = { Value = value; E1 = e1; E2 = ValueNone; E12 = ValueNone }
    /// A first-order readout with two directions (multi-tangent flavours).
    static member two (value: float) (e1: float) (e2: float) = { Value = value; E1 = e1; E2 = ValueSome e2; E12 = ValueNone }
    /// A second-order readout: both directions and the mixed second derivative.
    static member second (value: float) (e1: float) (e2: float) (e12: float) =
        { Value = value; E1 = e1; E2 = ValueSome e2; E12 = ValueSome e12 }

/// The floating-point type a flavour computes in (sets the input rounding and the tolerances).
type Precision =
    | Double
    | Single

/// <summary>
/// The derivative along a direction from a gradient (reverse flavours): Σ gᵢ·eᵢ, where a zero component eᵢ
/// contributes 0 even if gᵢ is ∞ or NaN (the zero-tangent convention of <c>Chain.Scale</c>). This is what a forward
/// flavour seeded with e computes: along e = (1, 0), f(x, y) = √y + x at y = 0 has derivative 1, although
/// ∂f/∂y = ∞ and ∞·0 would give NaN.
/// </summary>
let directional (gradient: float[]) (direction: float[]) =
    Array.fold2 (fun acc g e -> acc + Chain.Scale(g, e)) 0.0 gradient direction

/// <summary>
/// A way to differentiate: evaluate a table row's function at a point whose inputs move along the directions
/// e1 and e2 (e1 = (e1x, e1y) for binary functions), and report a <see cref="T:Fluxion.Tests.RuleChecks.Readout"/>.
/// E1 is the derivative along e1: inputs whose component of e1 is zero do not contribute, even where their partial
/// is ∞ or NaN (project gradients with <see cref="M:Fluxion.Tests.RuleChecks.directional"/>).
/// </summary>
type IFlavour =
    abstract Name: string
    abstract Precision: Precision
    abstract Unary: f: IUnaryFunction * x: float * e1: float * e2: float -> Readout
    abstract Binary: f: IBinaryFunction * x: float * y: float * e1x: float * e1y: float * e2x: float * e2y: float -> Readout

/// A forward flavour for a generic-math number type 'N: seed(value, e1, e2) builds an input, read reads the output.
type private Seeded<'N when 'N :> IFloatingPointIeee754<'N>>
    (name: string, precision: Precision, seed: float -> float -> float -> 'N, read: 'N -> Readout) =
    interface IFlavour with
        member _.Name = name
        member _.Precision = precision
        member _.Unary(f, x, e1, e2) = read (f.Invoke<'N>(seed x e1 e2))
        member _.Binary(f, x, y, e1x, e1y, e2x, e2y) = read (f.Invoke<'N>(seed x e1x e2x, seed y e1y e2y))

/// Building flavours.
module Flavour =
    /// A forward flavour over the number type 'N (see the module's remarks).
    let seeded<'N when 'N :> IFloatingPointIeee754<'N>> name precision (seed: float -> float -> float -> 'N) (read: 'N -> Readout) =
        Seeded<'N>(name, precision, seed, read) :> IFlavour

/// The flavours that exist in Fluxion.DualNumbers today. Add new forward number types here (one line each).
module Flavours =
    let dual64 =
        Flavour.seeded<Dual<float>> "Dual<double>" Double (fun v a _ -> Dual<float>(v, a)) (fun d -> Readout.first d.Primal d.Tangent)

    let dual32 =
        Flavour.seeded<Dual<float32>> "Dual<float32>" Single (fun v a _ -> Dual<float32>(float32 v, float32 a)) (fun d ->
            Readout.first (float d.Primal) (float d.Tangent))

    /// Dual<Dual<double>>: the inner tangent carries e1, the outer tangent e2, the outer tangent's tangent the second order.
    let nested64 =
        Flavour.seeded<Dual<Dual<float>>> "Dual<Dual<double>>" Double (fun v a b -> Dual<Dual<float>>(Dual<float>(v, a), Dual<float>(b, 0.0))) (fun d ->
            Readout.second d.Primal.Primal d.Primal.Tangent d.Tangent.Primal d.Tangent.Tangent)

    let nested32 =
        Flavour.seeded<Dual<Dual<float32>>> "Dual<Dual<float32>>" Single (fun v a b ->
            Dual<Dual<float32>>(Dual<float32>(float32 v, float32 a), Dual<float32>(float32 b, 0.0f))) (fun d ->
            Readout.second (float d.Primal.Primal) (float d.Primal.Tangent) (float d.Tangent.Primal) (float d.Tangent.Tangent))

    let hyper64 =
        Flavour.seeded<HyperDual<float>> "HyperDual<double>" Double (fun v a b -> HyperDual<float>(v, a, b, 0.0)) (fun h -> Readout.second h.Primal h.E1 h.E2 h.E12)

    let hyper32 =
        Flavour.seeded<HyperDual<float32>> "HyperDual<float32>" Single (fun v a b -> HyperDual<float32>(float32 v, float32 a, float32 b, 0.0f)) (fun h ->
            Readout.second (float h.Primal) (float h.E1) (float h.E2) (float h.E12))

    /// MultiDual: e1 in lane 0, e2 in lane 1.
    let multi64 =
        Flavour.seeded<MultiDual<float>> "MultiDual<double>" Double (fun v a b -> MultiDual<float>(v, Vector.WithElement(Vector.WithElement(Vector<float>.Zero, 0, a), 1, b))) (fun m ->
            Readout.two m.Primal m[0] m[1])

    let multi32 =
        Flavour.seeded<MultiDual<float32>> "MultiDual<float32>" Single (fun v a b ->
            MultiDual<float32>(float32 v, Vector.WithElement(Vector.WithElement(Vector<float32>.Zero, 0, float32 a), 1, float32 b))) (fun m ->
            Readout.two (float m.Primal) (float m[0]) (float m[1]))

    /// Jet of order 1 (x₀ + e1·t): its first coefficient is the derivative along e1 (a constant result has derivative 0;
    /// JetTests.fs checks order 8).
    let jet64 =
        Flavour.seeded<Jet<float>> "Jet<double>" Double (fun v a _ -> Jet<float>([| v; a |])) (fun j -> Readout.first j.Primal (if j.Order = 0 then 0.0 else j[1]))

    let jet32 =
        Flavour.seeded<Jet<float32>> "Jet<float32>" Single (fun v a _ -> Jet<float32>([| float32 v; float32 a |])) (fun j ->
            Readout.first (float j.Primal) (if j.Order = 0 then 0.0 else float (j[1])))

    /// Every flavour checked by DualNumbers.Tests.
    let all: IFlavour list = [ dual64; dual32; nested64; nested32; hyper64; hyper32; multi64; multi32; jet64; jet32 ]

// ----- checks -------------------------------------------------------------------------------------

/// Relative tolerances (and an absolute floor) per precision and reference.
type Tolerance =
    { Analytic: float
      FiniteDifference1: float
      FiniteDifference2: float
      Absolute: float }

let tolerance (p: Precision) =
    match p with
    | Double -> { Analytic = 1e-9; FiniteDifference1 = 1e-7; FiniteDifference2 = 1e-5; Absolute = 1e-10 }
    | Single -> { Analytic = 2e-4; FiniteDifference1 = 2e-4; FiniteDifference2 = 2e-3; Absolute = 2e-5 }

/// The input as the flavour's precision represents it (references are evaluated at this point).
let roundTo (p: Precision) (x: float) =
    match p with
    | Double -> x
    | Single -> float (float32 x)

/// |a − b| ≤ atol + rtol·max(|a|, |b|); equal infinities and two NaNs count as close.
let close rtol atol (a: float) (b: float) =
    a = b || (Double.IsNaN a && Double.IsNaN b) || abs (a - b) <= atol + rtol * max (abs a) (abs b)

/// A stable (process-independent) seed from a row's name.
let private seedOf (name: string) =
    let mutable h = 2166136261u
    for c in name do
        h <- (h ^^^ uint32 c) * 16777619u
    int (h &&& 0x7fffffffu)

/// Points per interval for unary rows and per box for binary rows.
let pointsPerRegion = 4

let private sample (rng: Random) (i: Interval) = i.Lo + (i.Hi - i.Lo) * (0.02 + 0.96 * rng.NextDouble())

/// The first finite-difference step: inside the smooth interval, at most 0.1.
let private stepFor (i: Interval) (x: float) = min 0.1 (0.5 * min (x - i.Lo) (i.Hi - x))

/// Collects failed comparisons with messages that name the row, flavour, input, quantity and both values.
type private Report(row: string, flavour: string) =
    let failures = ResizeArray<string>()
    let mutable count = 0
    member _.Check (input: string) (what: string) (reference: string) rtol atol (actual: float) (expected: float) =
        count <- count + 1
        if not (close rtol atol actual expected) then
            failures.Add
                $"{row} [{flavour}] at {input}: {what} = {actual:R}, {reference} = {expected:R} (diff {abs (actual - expected):E2}, rtol {rtol:E0})"
    member _.Count = count
    member _.Assert() =
        if failures.Count > 0 then
            let shown = failures |> Seq.truncate 12 |> String.concat "\n  "
            failtestf "%d of %d checks failed:\n  %s" failures.Count count shown

/// Total number of comparisons made by the table tests of this process (reported by a summary test).
let checksMade = ref 0

/// Checks one unary row in one flavour at its sample points.
let checkUnary (flavour: IFlavour) (row: UnaryRow) =
    let tol = tolerance flavour.Precision
    let report = Report(row.Name, flavour.Name)
    let rng = Random(seedOf row.Name)
    let plain (x: float) = row.F.Invoke<float> x
    for interval in row.Domain do
        for _ in 1 .. pointsPerRegion do
            let x = roundTo flavour.Precision (sample rng interval)
            let at = $"x = {x:R}"
            let r = flavour.Unary(row.F, x, 1.0, 1.0)
            let d1 = row.D1 x
            let check = report.Check at
            check "f" "reference value" tol.Analytic tol.Absolute r.Value (row.Value x)
            check "f'" "analytic f'" tol.Analytic tol.Absolute r.E1 d1
            let h0 = stepFor interval x
            let fd1, _ = FiniteDifference.first plain x h0
            check "f'" "Richardson finite difference" tol.FiniteDifference1 tol.Absolute r.E1 fd1
            match row.Complex with
            | Some fc -> check "f'" "complex step" tol.Analytic tol.Absolute r.E1 (ComplexStep.first fc x)
            | None -> ()
            match r.E2 with
            | ValueSome e2 -> check "f' (second direction)" "analytic f'" tol.Analytic tol.Absolute e2 d1
            | ValueNone -> ()
            match r.E12 with
            | ValueSome e12 ->
                check "f''" "analytic f''" tol.Analytic tol.Absolute e12 (row.D2 x)
                let fd2, _ = FiniteDifference.second plain x h0
                check "f''" "Richardson finite difference" tol.FiniteDifference2 (100.0 * tol.Absolute) e12 fd2
            | ValueNone -> ()
    Threading.Interlocked.Add(&checksMade.contents, report.Count) |> ignore
    report.Assert()

/// Checks one binary row in one flavour: partials in both arguments and, for second-order flavours, all
/// three second partials (∂xx and ∂yy seed one argument twice, ∂xy seeds x along e1 and y along e2).
let checkBinary (flavour: IFlavour) (row: BinaryRow) =
    let tol = tolerance flavour.Precision
    let report = Report(row.Name, flavour.Name)
    let rng = Random(seedOf row.Name)
    let plain (x: float) (y: float) = row.F.Invoke<float>(x, y)
    for b in row.Domain do
        for _ in 1 .. pointsPerRegion do
            let x = roundTo flavour.Precision (sample rng b.X)
            let y = roundTo flavour.Precision (sample rng b.Y)
            let check = report.Check $"(x, y) = ({x:R}, {y:R})"
            let hx = stepFor b.X x
            let hy = stepFor b.Y y
            let ra = flavour.Binary(row.F, x, y, 1.0, 0.0, 1.0, 0.0)
            let rb = flavour.Binary(row.F, x, y, 0.0, 1.0, 0.0, 1.0)
            let rc = flavour.Binary(row.F, x, y, 1.0, 0.0, 0.0, 1.0)
            let dx, dy = row.Dx x y, row.Dy x y
            check "f" "reference value" tol.Analytic tol.Absolute ra.Value (row.Value x y)
            check "df/dx" "analytic" tol.Analytic tol.Absolute ra.E1 dx
            check "df/dy" "analytic" tol.Analytic tol.Absolute rb.E1 dy
            check "df/dx (mixed seeding)" "analytic" tol.Analytic tol.Absolute rc.E1 dx
            let fdx, _ = FiniteDifference.first (fun u -> plain u y) x hx
            let fdy, _ = FiniteDifference.first (fun v -> plain x v) y hy
            check "df/dx" "Richardson finite difference" tol.FiniteDifference1 tol.Absolute ra.E1 fdx
            check "df/dy" "Richardson finite difference" tol.FiniteDifference1 tol.Absolute rb.E1 fdy
            match row.Complex with
            | Some fc ->
                let cx = ComplexStep.first (fun z -> fc z (Complex(y, 0.0))) x
                let cy = ComplexStep.first (fun z -> fc (Complex(x, 0.0)) z) y
                check "df/dx" "complex step" tol.Analytic tol.Absolute ra.E1 cx
                check "df/dy" "complex step" tol.Analytic tol.Absolute rb.E1 cy
            | None -> ()
            match rc.E2 with
            | ValueSome e2 -> check "df/dy (second direction)" "analytic" tol.Analytic tol.Absolute e2 dy
            | ValueNone -> ()
            let second (r: Readout) what expected fd =
                match r.E12 with
                | ValueSome e12 ->
                    check what "analytic" tol.Analytic tol.Absolute e12 expected
                    check what "Richardson finite difference" tol.FiniteDifference2 (100.0 * tol.Absolute) e12 (fst (fd ()))
                | ValueNone -> ()
            second ra "d2f/dx2" (row.Dxx x y) (fun () -> FiniteDifference.second (fun u -> plain u y) x hx)
            second rb "d2f/dy2" (row.Dyy x y) (fun () -> FiniteDifference.second (fun v -> plain x v) y hy)
            second rc "d2f/dxdy" (row.Dxy x y) (fun () -> FiniteDifference.mixed plain x y (min hx hy))
    Threading.Interlocked.Add(&checksMade.contents, report.Count) |> ignore
    report.Assert()

/// Checks one documented convention in one flavour: exact infinities and NaNs, finite values to the flavour's
/// relative tolerance (no absolute slack: a convention's 0 must be 0).
let checkUnaryConvention (flavour: IFlavour) (c: UnaryConvention) =
    let tol = tolerance flavour.Precision
    let report = Report(c.Name, flavour.Name)
    let x = roundTo flavour.Precision c.X
    let check = report.Check $"x = {x:R}"
    let r = flavour.Unary(c.F, x, 1.0, 1.0)
    check "f" "convention" tol.Analytic 0.0 r.Value c.Value
    check "f'" "convention" tol.Analytic 0.0 r.E1 c.D1
    match r.E2 with
    | ValueSome e2 -> check "f' (second direction)" "convention" tol.Analytic 0.0 e2 c.D1
    | ValueNone -> ()
    match r.E12 with
    | ValueSome e12 -> check "f''" "convention" tol.Analytic 0.0 e12 c.D2
    | ValueNone -> ()
    report.Assert()

/// Checks one documented convention of a binary function: value, both partials, seeded one at a time (the other
/// argument's tangent is zero, which is what the zero-tangent conventions are about), and the three second partials.
let checkBinaryConvention (flavour: IFlavour) (c: BinaryConvention) =
    let tol = tolerance flavour.Precision
    let report = Report(c.Name, flavour.Name)
    let x, y = roundTo flavour.Precision c.X, roundTo flavour.Precision c.Y
    let check = report.Check $"(x, y) = ({x:R}, {y:R})"
    let ra = flavour.Binary(c.F, x, y, 1.0, 0.0, 1.0, 0.0)
    let rb = flavour.Binary(c.F, x, y, 0.0, 1.0, 0.0, 1.0)
    let rc = flavour.Binary(c.F, x, y, 1.0, 0.0, 0.0, 1.0)
    check "f" "convention" tol.Analytic 0.0 ra.Value c.Value
    check "df/dx" "convention" tol.Analytic 0.0 ra.E1 c.Dx
    check "df/dy" "convention" tol.Analytic 0.0 rb.E1 c.Dy
    check "df/dx (mixed seeding)" "convention" tol.Analytic 0.0 rc.E1 c.Dx
    match rc.E2 with
    | ValueSome e2 -> check "df/dy (second direction)" "convention" tol.Analytic 0.0 e2 c.Dy
    | ValueNone -> ()
    let second (r: Readout) what expected =
        match r.E12 with
        | ValueSome e12 -> check what "convention" tol.Analytic 0.0 e12 expected
        | ValueNone -> ()
    second ra "d2f/dx2" c.Dxx
    second rb "d2f/dy2" c.Dyy
    second rc "d2f/dxdy" c.Dxy
    report.Assert()

/// The smallest normal number of the precision: below it there is no relative accuracy to check.
let private minNormal (p: Precision) =
    match p with
    | Double -> Double.Epsilon * Math.Pow(2.0, 52.0)
    | Single -> float Single.Epsilon * Math.Pow(2.0, 23.0)

/// A relative comparison with no absolute floor, except that a reference below the smallest normal number (an
/// underflow) only asks the result to underflow too.
let private checkRelative (report: Report) (p: Precision) input what rtol (actual: float) (expected: float) =
    let tiny = minNormal p
    if abs expected < tiny then report.Check input $"{what} (underflows)" "|reference| below the smallest normal" 0.0 tiny actual 0.0
    else report.Check input what "independent reference" rtol 0.0 actual expected

/// Checks one accuracy row (saturation, huge or tiny arguments) in one flavour: value, f′ along both directions
/// and f″, each to the row's relative tolerance.
let checkUnaryAccuracy (flavour: IFlavour) (row: UnaryAccuracy) =
    let report = Report(row.Name + " (accuracy)", flavour.Name)
    let points, rtol =
        match flavour.Precision with
        | Double -> row.Points, row.Rtol
        | Single -> row.SinglePoints, 1e-5
    for x in points do
        let x = roundTo flavour.Precision x
        let value, d1, d2 = row.Reference x
        let r = flavour.Unary(row.F, x, 1.0, 1.0)
        let check = checkRelative report flavour.Precision $"x = {x:R}"
        check "f" rtol r.Value value
        check "f'" rtol r.E1 d1
        match r.E2 with
        | ValueSome e2 -> check "f' (second direction)" rtol e2 d1
        | ValueNone -> ()
        match r.E12 with
        | ValueSome e12 -> check "f''" rtol e12 d2
        | ValueNone -> ()
    Threading.Interlocked.Add(&checksMade.contents, report.Count) |> ignore
    report.Assert()

/// Checks one binary accuracy row (double flavours only): value, both partials and the three second partials
/// (those whose reference overflows are not compared: at the tiny points only the first partials are representable).
let checkBinaryAccuracy (flavour: IFlavour) (row: BinaryAccuracy) =
    let report = Report(row.Name + " (accuracy)", flavour.Name)
    if flavour.Precision = Double then
        for x, y in row.Points do
            let value, dx, dy, dxx, dxy, dyy = row.Reference x y
            let check = checkRelative report Double $"(x, y) = ({x:R}, {y:R})"
            let ra = flavour.Binary(row.F, x, y, 1.0, 0.0, 1.0, 0.0)
            let rb = flavour.Binary(row.F, x, y, 0.0, 1.0, 0.0, 1.0)
            let rc = flavour.Binary(row.F, x, y, 1.0, 0.0, 0.0, 1.0)
            check "f" row.Rtol ra.Value value
            check "df/dx" row.Rtol ra.E1 dx
            check "df/dy" row.Rtol rb.E1 dy
            let second (r: Readout) what expected =
                match r.E12 with
                | ValueSome e12 when Double.IsFinite expected -> check what row.Rtol e12 expected
                | _ -> ()
            second ra "d2f/dx2" dxx
            second rb "d2f/dy2" dyy
            second rc "d2f/dxdy" dxy
    Threading.Interlocked.Add(&checksMade.contents, report.Count) |> ignore
    report.Assert()

// ----- the rules themselves -----------------------------------------------------------------------

/// Calls a rule's static members for a rule type known only at run time.
[<AbstractClass; Sealed>]
type RuleCall =
    static member UnaryName<'R when 'R :> IUnaryRule>() = 'R.Name
    static member BinaryName<'R when 'R :> IBinaryRule>() = 'R.Name

    /// Value, derivative along e1 and e2, and second derivative along (e1, e2), from the rule's own members.
    static member Unary<'R, 'T when 'R :> IUnaryRule and 'T :> IFloatingPointIeee754<'T>>(x: 'T, e1: float, e2: float) =
        let fx = 'R.Value x
        let d1 = 'R.Derivative(x, fx)
        let d2 = 'R.SecondDerivative(x, fx, d1)
        let d1, d2 = Double.CreateChecked d1, Double.CreateChecked d2
        Readout.second (Double.CreateChecked fx) (d1 * e1) (d1 * e2) (d2 * e1 * e2)

    /// The same for a binary rule: gradient · e1, gradient · e2 and e1ᵀ·Hessian·e2.
    static member Binary<'R, 'T when 'R :> IBinaryRule and 'T :> IFloatingPointIeee754<'T>>
        (x: 'T, y: 'T, e1x: float, e1y: float, e2x: float, e2y: float) =
        let z = 'R.Value(x, y)
        let struct (px, py) = 'R.Partials(x, y, z)
        let struct (pxx, pxy, pyy) = 'R.SecondPartials(x, y, z)
        let d v = Double.CreateChecked v
        Readout.second (d z) (d px * e1x + d py * e1y) (d px * e2x + d py * e2y)
            (d pxx * e1x * e2x + d pxy * (e1x * e2y + e1y * e2x) + d pyy * e1y * e2y)

let private call (name: string) (types: Type[]) (args: obj[]) =
    typeof<RuleCall>.GetMethod(name).MakeGenericMethod(types).Invoke(null, args)

/// Every IUnaryRule (true) and IBinaryRule (false) type in the Fluxion.DualNumbers assembly, with its Name.
let rules () =
    [ for t in typeof<IUnaryRule>.Assembly.GetTypes() do
          if typeof<IUnaryRule>.IsAssignableFrom t && t <> typeof<IUnaryRule> then
              true, t, (call "UnaryName" [| t |] [||] :?> string)
          if typeof<IBinaryRule>.IsAssignableFrom t && t <> typeof<IBinaryRule> then
              false, t, (call "BinaryName" [| t |] [||] :?> string) ]

/// The Name of every rule in Rules.fs.
let ruleNames () = rules () |> List.map (fun (_, _, name) -> name)

/// A "flavour" that ignores the row's generic function and evaluates one rule's Value, Derivative and
/// SecondDerivative (or Partials and SecondPartials) directly: checks the second-order members, which nested
/// Dual never calls (it differentiates the first-derivative formula instead), before HyperDual reads them.
let ruleFlavour (ruleType: Type) (precision: Precision) : IFlavour =
    let name = $"{ruleType.Name} direct ({precision})"
    let number = match precision with Double -> typeof<float> | Single -> typeof<float32>
    let box (v: float) : obj = match precision with Double -> v | Single -> float32 v
    { new IFlavour with
        member _.Name = name
        member _.Precision = precision
        member _.Unary(_, x, e1, e2) = call "Unary" [| ruleType; number |] [| box x; e1; e2 |] :?> Readout
        member _.Binary(_, x, y, e1x, e1y, e2x, e2y) =
            call "Binary" [| ruleType; number |] [| box x; box y; e1x; e1y; e2x; e2y |] :?> Readout }

// ----- coverage -----------------------------------------------------------------------------------

/// Rules that no generic-math call reaches, with the reason; the conventions tests check them directly.
let notReachableFromGenericMath =
    [ "sign", "generic math's Sign returns an int (no tangent); SignRule is checked directly in Conventions.fs" ]

/// The table's tests for the given flavours: one test per row and flavour, plus a coverage test.
let tableTests (flavours: IFlavour list) =
    testList "rule table" [
        test "every rule in Rules.fs has a row" {
            let covered = set [ for r in unaryRows do yield! r.Rules
                                for r in binaryRows do yield! r.Rules ]
            let exempt = set (List.map fst notReachableFromGenericMath)
            let missing = ruleNames () |> List.filter (fun n -> not (covered.Contains n || exempt.Contains n))
            Expect.isEmpty missing "rules without a row in RuleTable.fs"
        }
        testList "Rules.fs members, evaluated directly" [
            for isUnary, t, name in rules () do
                for precision in [ Double; Single ] do
                    if isUnary then
                        match unaryRows |> List.tryFind (fun r -> r.Name = name) with
                        | Some row -> test $"{name} ({precision})" { checkUnary (ruleFlavour t precision) row }
                        | None -> ()
                    else
                        match binaryRows |> List.tryFind (fun r -> r.Name = name) with
                        | Some row -> test $"{name} ({precision})" { checkBinary (ruleFlavour t precision) row }
                        | None -> ()
        ]
        for flavour in flavours do
            testList flavour.Name [
                for row in unaryRows do
                    test row.Name { checkUnary flavour row }
                for row in binaryRows do
                    test row.Name { checkBinary flavour row }
                testList "conventions" [
                    for c in unaryConventions do
                        test c.Name { checkUnaryConvention flavour c }
                    for c in binaryConventions do
                        test c.Name { checkBinaryConvention flavour c }
                ]
                testList "relative accuracy (saturation, huge and tiny arguments)" [
                    for row in unaryAccuracy do
                        test row.Name { checkUnaryAccuracy flavour row }
                    if flavour.Precision = Double then
                        for row in binaryAccuracy do
                            test row.Name { checkBinaryAccuracy flavour row }
                ]
            ]
    ]
