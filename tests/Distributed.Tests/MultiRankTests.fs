/// Real 2-rank runs: tests/Distributed.Worker (C#) launched by Open MPI's mpirun and by MPICH's mpiexec.mpich on
/// this machine. Each rank prints one line per check; a check passes when both ranks report it ok. A launch that
/// does not finish within the time limit is killed and fails every check (a hang is a failure). Where an MPI is not
/// installed, its checks are reported as skipped, never as passed.
module Fluxion.Distributed.Tests.MultiRankTests

open System
open System.Diagnostics
open System.IO
open System.Runtime.InteropServices
open System.Text
open System.Text.RegularExpressions
open Expecto

/// The checks the worker runs, in its order.
let checks =
    [ "world"; "allreduce"; "broadcast"; "mismatch"; "dataparallel-sgd-float64"; "dataparallel-adam-float64"
      "dataparallel-sgd-float32"; "dataparallel-weighted"; "dataparallel-lbfgs"; "ensemble"; "after-finalize" ]

/// A launch is killed after this long: two .NET processes start, JIT and run about 3 s of checks when the machine is idle.
let timeout = TimeSpan.FromSeconds 240.0

/// The worker built next to this test project (same configuration).
let worker =
    let baseDir = DirectoryInfo(AppContext.BaseDirectory)
    // tests/Distributed.Tests/bin/<Configuration>/<tfm>/
    let tfm = baseDir.Name
    let configuration = baseDir.Parent.Name
    let tests = baseDir.Parent.Parent.Parent.Parent.FullName
    Path.Combine(tests, "Distributed.Worker", "bin", configuration, tfm, "Fluxion.Distributed.Worker.dll")

/// The full path of a program on PATH, or null.
let onPath (program: string) =
    let path = Environment.GetEnvironmentVariable "PATH"
    if isNull path then null
    else
        path.Split(Path.PathSeparator)
        |> Array.map (fun dir -> Path.Combine(dir, program))
        |> Array.tryFind File.Exists
        |> Option.toObj

type Launched = { ExitCode: int; Output: string; TimedOut: bool; Command: string }

/// Runs a command with a time limit, the MPI-related variables of this process removed from its environment.
let launch (file: string) (args: string list) (extraEnv: (string * string) list) : Launched =
    let psi = ProcessStartInfo(file, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true)
    for a in args do psi.ArgumentList.Add a
    for key in List.ofSeq psi.Environment.Keys do
        if key.StartsWith "OMPI_" || key.StartsWith "PMI" || key.StartsWith "FLUXION_MPI" || key.StartsWith "HYDRA_" then
            psi.Environment.Remove key |> ignore
    // Without a terminal type .NET writes no terminal set-up sequences into the output.
    psi.Environment.Remove "TERM" |> ignore
    for (k, v) in extraEnv do psi.Environment[k] <- v
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    use p = new Process(StartInfo = psi)
    let out = StringBuilder()
    let gate = obj ()
    let add (e: DataReceivedEventArgs) = if not (isNull e.Data) then lock gate (fun () -> out.AppendLine e.Data |> ignore)
    p.OutputDataReceived.Add add
    p.ErrorDataReceived.Add add
    p.Start() |> ignore
    p.StandardInput.Close()
    p.BeginOutputReadLine()
    p.BeginErrorReadLine()
    let finished = p.WaitForExit(int timeout.TotalMilliseconds)
    if not finished then
        try p.Kill true with _ -> ()
        p.WaitForExit(10000) |> ignore
    else
        p.WaitForExit()
    let command = file + " " + String.Join(" ", args)
    { ExitCode = (if finished then p.ExitCode else -1); Output = lock gate (fun () -> out.ToString()); TimedOut = not finished; Command = command }

let isRoot = Environment.UserName = "root"

/// Why an MPI cannot be tested here (null when it can): its launcher or its library is missing.
let missing (launcher: string) (versionMark: string) (library: string) (packages: string) =
    let path = onPath launcher
    if isNull path then
        $"{launcher} is not installed (apt-get install {packages})"
    else
        let v = launch path [ "--version" ] []
        let mutable handle = 0n
        if not (v.Output.Contains versionMark) then
            $"{launcher} is not {versionMark}'s launcher ({v.Output.Trim()})"
        elif not (NativeLibrary.TryLoad(library, &handle)) then
            $"{library} does not load (apt-get install {packages})"
        else
            null

type Mpi =
    { Name: string
      Implementation: string
      Missing: Lazy<string>
      Run: Lazy<Launched> }

let openMpi =
    let missing = lazy (missing "mpirun" "Open MPI" "libmpi.so.40" "openmpi-bin libopenmpi-dev")
    let args extra = [ if isRoot then "--allow-run-as-root" ] @ [ "--oversubscribe"; "-np"; "2" ] @ extra @ [ "dotnet"; worker; "OpenMpi" ]
    { Name = "Open MPI (mpirun -np 2)"
      Implementation = "OpenMpi"
      Missing = missing
      Run = lazy (launch (onPath "mpirun") (args []) []) }

let mpich =
    let missing = lazy (missing "mpiexec.mpich" "HYDRA" "libmpich.so.12" "mpich libmpich-dev")
    { Name = "MPICH (mpiexec.mpich -n 2)"
      Implementation = "Mpich"
      Missing = missing
      Run = lazy (launch (onPath "mpiexec.mpich") [ "-n"; "2"; "dotnet"; worker; "Mpich" ] []) }

/// The verdict lines of one check, by rank.
let verdicts (output: string) (check: string) =
    [ for m in Regex.Matches(output, $@"CHECK (\d+) {Regex.Escape check} (ok.*|FAIL.*)$", RegexOptions.Multiline) ->
        int m.Groups[1].Value, m.Groups[2].Value.TrimEnd() ]

let requireRun (mpi: Mpi) =
    match mpi.Missing.Force() with
    | null -> ()
    | why -> skiptest $"{mpi.Name}: {why}"
    if not (File.Exists worker) then failtest $"the worker {worker} is not built"
    let r = mpi.Run.Force()
    if r.TimedOut then failtest $"'{r.Command}' did not finish within {timeout.TotalSeconds} s (a hang?); output:\n{r.Output}"
    r

let checkTest (mpi: Mpi) (check: string) =
    test check {
        let r = requireRun mpi
        let vs = verdicts r.Output check
        let ranks = vs |> List.map fst |> List.sort
        if ranks <> [ 0; 1 ] then
            failtest $"check '{check}' reported by ranks {ranks}, not by ranks 0 and 1 (exit code {r.ExitCode}); output:\n{r.Output}"
        for (rank, verdict) in vs do
            if not (verdict.StartsWith "ok") then failtest $"rank {rank}: {verdict}"
    }

let suite (mpi: Mpi) =
    testList mpi.Name [
        for check in checks do
            yield checkTest mpi check
        yield test "the launch exits with code 0" {
            let r = requireRun mpi
            Expect.equal r.ExitCode 0 $"exit code; output:\n{r.Output}"
        }
    ]

[<Tests>]
let multiRank =
    testSequenced <| testList "2 ranks" [
        suite openMpi
        suite mpich
        test "Open MPI: no loadable library under mpirun is a clear error on every rank, naming the packages" {
            match openMpi.Missing.Force() with
            | null -> ()
            | why -> skiptest $"Open MPI: {why}"
            let args =
                [ if isRoot then "--allow-run-as-root" ]
                // Without this mpirun kills the other rank as soon as the first one exits with an error.
                @ [ "--mca"; "orte_abort_on_non_zero_status"; "0" ]
                @ [ "--oversubscribe"; "-np"; "2"; "-x"; "FLUXION_MPI_LIBRARY=/nonexistent/libmpi.so.40"; "dotnet"; worker; "OpenMpi" ]
            let r = launch (onPath "mpirun") args []
            if r.TimedOut then failtest $"no exit within {timeout.TotalSeconds} s; output:\n{r.Output}"
            let lines = Regex.Matches(r.Output, @"INIT (\d+) FAIL (.*)$", RegexOptions.Multiline) |> Seq.toList
            Expect.equal (lines |> List.map (fun m -> int m.Groups[1].Value) |> List.sort) [ 0; 1 ] $"both ranks report; output:\n{r.Output}"
            for m in lines do
                let text = m.Groups[2].Value
                Expect.stringContains text "DllNotFoundException" "the exception"
                Expect.stringContains text "/nonexistent/libmpi.so.40" "the library tried"
                Expect.stringContains text "apt-get install openmpi-bin libopenmpi-dev" "the packages"
        }
        test "MPICH's launcher with Open MPI's library: a clear error on every rank, not two worlds of one" {
            for mpi in [ openMpi; mpich ] do
                match mpi.Missing.Force() with
                | null -> ()
                | why -> skiptest $"{mpi.Name}: {why}"
            let r = launch (onPath "mpiexec.mpich") [ "-n"; "2"; "-env"; "FLUXION_MPI_LIBRARY"; "libmpi.so.40"; "dotnet"; worker; "Mpich" ] []
            if r.TimedOut then failtest $"no exit within {timeout.TotalSeconds} s; output:\n{r.Output}"
            let lines = Regex.Matches(r.Output, @"INIT (\d+) FAIL (.*)$", RegexOptions.Multiline) |> Seq.toList
            Expect.equal (lines |> List.map (fun m -> int m.Groups[1].Value) |> List.sort) [ 0; 1 ] $"both ranks report; output:\n{r.Output}"
            for m in lines do
                let text = m.Groups[2].Value
                Expect.stringContains text "MpiException" "the exception"
                Expect.stringContains text "as one of 2 ranks (PMI_SIZE=2)" "what the launcher said"
                Expect.stringContains text "sees a world of 1" "what the library said"
                Expect.stringContains text "different MPI installations" "the diagnosis"
        }
    ]
