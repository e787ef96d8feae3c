// Fluxion's build script: plain F#, no dependencies, run as `dotnet fsi build.fsx <target>`.
// Targets: restore, build, test, bench, docs, demo, pack, consumer. Every target restores tools and packages
// itself, so each works on a fresh clone that has only the .NET SDK.

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions

let root = __SOURCE_DIRECTORY__
let ci = Environment.GetEnvironmentVariable "CI" = "true"

/// Runs a command, echoing its output; returns the exit code and the captured output.
let runCapture (file: string) (args: string) (workDir: string) : int * string =
    printfn "> %s %s" file args
    let psi = ProcessStartInfo(file, args, WorkingDirectory = workDir, UseShellExecute = false,
                               RedirectStandardOutput = true, RedirectStandardError = true)
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    use p = new Process(StartInfo = psi)
    let out = Text.StringBuilder()
    let lockObj = obj ()
    let handler (e: DataReceivedEventArgs) =
        if not (isNull e.Data) then
            lock lockObj (fun () ->
                Console.WriteLine e.Data
                out.AppendLine e.Data |> ignore)
    p.OutputDataReceived.Add handler
    p.ErrorDataReceived.Add handler
    p.Start() |> ignore
    p.BeginOutputReadLine()
    p.BeginErrorReadLine()
    p.WaitForExit()
    p.ExitCode, out.ToString()

let run file args workDir =
    let code, _ = runCapture file args workDir
    if code <> 0 then failwithf "'%s %s' failed with exit code %d" file args code

let dotnet args = run "dotnet" args root

let restore () =
    dotnet "tool restore"
    dotnet "paket restore"

let build () =
    restore ()
    dotnet "build Fluxion.slnx -c Release"

/// Expecto test projects (F#) and xunit test projects (C#), run in this order.
let expectoProjects = [ "tests/DualNumbers.Tests"; "tests/ReverseAD.Tests"; "tests/Tensors.Tests"; "tests/Gpu.Tests" ]
let xunitProjects = [ "tests/CSharp.Tests"; "tests/CSharpFacade.Tests"; "tests/InverseProblem.Tests" ]

/// Packs every library project (src/*; nothing else is packable) into a cleared artifacts/packages.
let packNoBuild () =
    let packages = Path.Combine(root, "artifacts", "packages")
    if Directory.Exists packages then Directory.Delete(packages, true)
    dotnet "pack Fluxion.slnx -c Release --no-build --output artifacts/packages"

let pack () =
    build ()
    packNoBuild ()

/// A fresh C# project that references the packed packages (never the projects) and runs the README's quick start.
let consumerProject = "tests/PackageConsumer.Tests"

/// Packs, clears the consumer's private package folder and build output (so a stale package of the same version can
/// never be used), then restores and tests the consumer. Returns the exit code and output of `dotnet test`.
let consumer () =
    packNoBuild ()
    for dir in [ "artifacts/consumer-packages"; consumerProject + "/obj"; consumerProject + "/bin" ] do
        let path = Path.Combine(root, dir)
        if Directory.Exists path then Directory.Delete(path, true)
    runCapture "dotnet" $"test -c Release {consumerProject}" root

let docs () =
    // fsdocs evaluates the literate scripts against the Release build; --strict turns warnings into errors.
    dotnet "fsdocs build --clean --eval --strict --properties Configuration=Release --output output/docs"

let test () =
    build ()
    let mutable passed = 0
    let mutable failed = 0
    for project in expectoProjects do
        let code, out = runCapture "dotnet" $"run -c Release --no-build --project {project} -- --colours 0 --no-spinner" root
        // Expecto prints counts with thousands separators ("1,201 passed").
        let m = Regex.Match(out, @"([\d,]+) passed, ([\d,]+) ignored, ([\d,]+) failed, ([\d,]+) errored")
        let count (i: int) = int (m.Groups[i].Value.Replace(",", ""))
        if m.Success then
            passed <- passed + count 1
            failed <- failed + count 3 + count 4
        if code <> 0 && (not m.Success || count 3 + count 4 = 0) then
            failed <- failed + 1
    let countXunit (code, out: string) =
        let ms = Regex.Matches(out, @"Failed:\s+(\d+), Passed:\s+(\d+)")
        for m in ms do
            failed <- failed + int m.Groups[1].Value
            passed <- passed + int m.Groups[2].Value
        if code <> 0 && ms.Count = 0 then failed <- failed + 1
    for project in xunitProjects do
        countXunit (runCapture "dotnet" $"test -c Release --no-build {project}" root)
    countXunit (
        try
            consumer ()
        with e ->
            eprintfn "package consumer: %s" e.Message
            1, "")
    let docsCode =
        try
            docs ()
            0
        with e ->
            eprintfn "docs: %s" e.Message
            1
    if docsCode = 0 then passed <- passed + 1 else failed <- failed + 1
    printfn "%d passed, %d failed" passed failed
    if failed > 0 then exit 1

/// Runs the BenchmarkDotNet benchmarks. `bench` runs all of them; `bench <filter> [options]` or
/// `bench --filter <filter> [options]` runs a selection, e.g. `bench *Jvp* --job short` while iterating.
/// Any other BenchmarkDotNet command-line option is passed through.
let bench (args: string list) =
    build ()
    let args =
        match args with
        | filter :: rest when not (filter.StartsWith "-") -> "--filter" :: filter :: rest
        | _ -> args
    let args = if List.contains "--filter" args then args else "--filter" :: "*" :: args
    let joined = String.Join(" ", args)
    run "dotnet" $"run -c Release --no-build --project benchmarks -- {joined}" root

/// The main job: recover an ODE's parameters from noisy data (samples/InverseProblem); writes output/inverse-problem.png.
/// `demo forward` runs the F# forward-mode tour (samples/ForwardDemo) instead.
let demo (which: string) =
    build ()
    match which with
    | "forward" -> dotnet "run -c Release --no-build --project samples/ForwardDemo"
    | _ -> dotnet "run -c Release --no-build --project samples/InverseProblem -- output/inverse-problem.png"


match fsi.CommandLineArgs |> Array.toList |> List.tail with
| [ "restore" ] -> restore ()
| [ "build" ] -> build ()
| [ "test" ] -> test ()
| "bench" :: rest -> bench rest
| [ "docs" ] -> build (); docs ()
| [ "demo" ] -> demo "inverse"
| [ "demo"; "forward" ] -> demo "forward"
| [ "pack" ] -> pack ()
| [ "consumer" ] ->
    build ()
    let code, _ = consumer ()
    if code <> 0 then exit code
| other ->
    eprintfn "usage: dotnet fsi build.fsx <restore|build|test|bench [filter] [BenchmarkDotNet options]|docs|demo [forward]|pack|consumer>  (got %A)" other
    exit 2
