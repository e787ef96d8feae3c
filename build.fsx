// Fluxion's build script: plain F#, no dependencies, run as `dotnet fsi build.fsx <target>`.
// Targets: restore, build, test, bench, docs, demo, pack, consumer. Every target restores tools and packages
// itself, so each works on a fresh clone that has only the .NET SDK.

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions

let root = __SOURCE_DIRECTORY__
let ci = Environment.GetEnvironmentVariable "CI" = "true"

/// Runs a command with extra environment variables, echoing its output; returns the exit code and the captured output.
let runCaptureWith (environment: (string * string) list) (file: string) (args: string) (workDir: string) : int * string =
    printfn "> %s %s" file args
    let psi = ProcessStartInfo(file, args, WorkingDirectory = workDir, UseShellExecute = false,
                               RedirectStandardOutput = true, RedirectStandardError = true)
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    for name, value in environment do
        psi.Environment[name] <- value
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

/// Runs a command, echoing its output; returns the exit code and the captured output.
let runCapture (file: string) (args: string) (workDir: string) : int * string = runCaptureWith [] file args workDir

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
/// tests/Distributed.Tests also launches its 2-rank checks under Open MPI and MPICH; where one is not installed,
/// those checks count as ignored (Expecto's skipped), never as passed. tests/Gpu.Tests runs the tensor suite on ILGPU's
/// CPU accelerator and compiles every kernel to PTX (no GPU needed); its PTX test keeps the host-fallback list
/// (src/Gpu/IlgpuBackend.fs, HostRules) exact in both directions.
let expectoProjects = [ "tests/DualNumbers.Tests"; "tests/ReverseAD.Tests"; "tests/Tensors.Tests"; "tests/Gpu.Tests"; "tests/Distributed.Tests" ]
let xunitProjects = [ "tests/CSharp.Tests"; "tests/CSharpFacade.Tests"; "tests/InverseProblem.Tests"; "tests/Pinn.Tests" ]

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

/// The F# script a newcomer writes (inline generic functions, literals, nesting, printing), run by `dotnet fsi`
/// against the packed packages: its NuGet.config adds artifacts/packages as a source, and a private package cache
/// keeps any older Fluxion 0.1.0 in the user's global cache out of it.
let consumerScript = consumerProject + "/Script/FirstHour.fsx"

/// Packs, clears the consumer's private package folders and build output (so a stale package of the same version can
/// never be used), then restores and tests the C# consumer and runs the F# script consumer. Returns the exit code and
/// output of `dotnet test`, and those of the script (which prints "N passed, M failed").
let consumer () =
    packNoBuild ()
    for dir in [ "artifacts/consumer-packages"; "artifacts/script-packages"; consumerProject + "/obj"; consumerProject + "/bin" ] do
        let path = Path.Combine(root, dir)
        if Directory.Exists path then Directory.Delete(path, true)
    let csharp = runCapture "dotnet" $"test -c Release {consumerProject}" root
    let script =
        runCaptureWith [ "NUGET_PACKAGES", Path.Combine(root, "artifacts", "script-packages") ]
            "dotnet" "fsi FirstHour.fsx" (Path.Combine(root, consumerProject, "Script"))
    csharp, script

/// The built site.
let docsOutput = Path.Combine(root, "output", "docs")

/// What fsdocs puts in front of every site URL ({{root}} in docs/_template.html and in the API pages). It is rewritten
/// afterwards into a path relative to each page, so that the site works opened from disk or served from any folder.
let siteRootPlaceholder = "fluxion-site-root/"

/// Rewrites the root placeholder in every page into the relative path from that page to the site's root, and lets the
/// search script (which links straight to an index entry's URI) prefix that path too.
let relativiseSite () =
    for file in Directory.EnumerateFiles(docsOutput, "*", SearchOption.AllDirectories) do
        match Path.GetExtension file with
        | ".html" | ".json" | ".txt" | ".md" ->
            let text = File.ReadAllText file
            if text.Contains siteRootPlaceholder then
                let relativeDir = Path.GetRelativePath(docsOutput, Path.GetDirectoryName file)
                let depth = if relativeDir = "." then 0 else relativeDir.Split(Path.DirectorySeparatorChar).Length
                // The search index's URIs are relative to the root; the search script adds the page's root path.
                let prefix =
                    if Path.GetFileName file = "index.json" && depth = 0 then ""
                    elif depth = 0 then "./"
                    else String.replicate depth "../"
                File.WriteAllText(file, text.Replace(siteRootPlaceholder, prefix))
        | _ -> ()
    let search = Path.Combine(docsOutput, "content", "fsdocs-search.js")
    let linkToEntry = "a.setAttribute(\"href\", item.uri);"
    let text = File.ReadAllText search
    if not (text.Contains linkToEntry) then
        failwithf "docs: %s no longer links search results with '%s'; update relativiseSite" search linkToEntry
    File.WriteAllText(search, text.Replace(linkToEntry, "a.setAttribute(\"href\", root + item.uri);"))

/// fsdocs links every type in a signature, also internal ones that have no page (an internal interface a public type
/// implements): such links become plain names. Returns how many were unlinked.
let unlinkUndocumentedTypes () =
    let link = Regex(@"<a href=""((?:\.\./)*reference/[^""#]+\.html)"">([^<]*)</a>")
    let mutable count = 0
    for page in Directory.GetFiles(docsOutput, "*.html", SearchOption.AllDirectories) do
        let text = File.ReadAllText page
        let fixedText =
            link.Replace(text, MatchEvaluator(fun m ->
                if File.Exists(Path.Combine(Path.GetDirectoryName page, m.Groups[1].Value)) then m.Value
                else
                    count <- count + 1
                    m.Groups[2].Value))
        if fixedText <> text then File.WriteAllText(page, fixedText)
    printfn "docs: %d links to undocumented (internal) types left as plain names" count

/// F# spelling of a signature (float, float32, obj, unit, 'T, float array) in C# spelling (double, float, object,
/// void, T, double[]).
let csharpSpelling (signature: string) =
    Regex.Replace(signature, @"(?<![\w.#&])(float32|float|obj|unit|'[A-Z]\w*)(?!\w)|(?:\s|&#32;)array\b", MatchEvaluator(fun m ->
        match m.Value with
        | "float32" -> "float"
        | "float" -> "double"
        | "obj" -> "object"
        | "unit" -> "void"
        | v when v.StartsWith "'" -> v.Substring 1
        | _ -> "[]"))

/// The pages of the C# package's types (Assembly: Fluxion.dll) are read by C# users: their signatures get C#
/// spelling, and each member's usage shows its parameter types, so that overloads (Ad.Gradient(f, x) over a lambda
/// and over an IMultivariateFunction) can be told apart in the member table.
/// fsdocs cannot find the source file of some C# members in CI's deterministic build and writes a source link with
/// an empty address; such a link is dropped (no link rather than a broken one).
let dropEmptySourceLinks () =
    let link = Regex(@"<a href="""" class=""fsdocs-source-link""[^>]*>.*?</a>", RegexOptions.Singleline)
    let mutable count = 0
    for page in Directory.GetFiles(docsOutput, "*.html", SearchOption.AllDirectories) do
        let text = File.ReadAllText page
        let fixedText = link.Replace(text, MatchEvaluator(fun _ -> count <- count + 1; ""))
        if fixedText <> text then File.WriteAllText(page, fixedText)
    printfn "docs: %d source links without a source file dropped" count

let csharpSignatures () =
    let code = Regex(@"<code>((?:(?!</code>).)*)</code>", RegexOptions.Singleline)
    let tag = Regex(@"<[^>]+>")
    let parameter = Regex(@"<b>\s*(\w+)\s*</b>\s*:\s*<code>((?:(?!</code>).)*)</code>", RegexOptions.Singleline)
    let mutable pages = 0
    for page in Directory.GetFiles(Path.Combine(docsOutput, "reference"), "*.html") do
        let text = File.ReadAllText page
        if text.Contains "Assembly: Fluxion.dll" then
            pages <- pages + 1
            let typeText (html: string) = Net.WebUtility.HtmlEncode(Net.WebUtility.HtmlDecode(tag.Replace(html, "")))
            // Signatures are code spans without a literal space (fsdocs writes &#32;); examples have spaces.
            let spelled =
                code.Replace(text, MatchEvaluator(fun m ->
                    if tag.Replace(m.Groups[1].Value, "").Contains ' ' then m.Value
                    else $"<code>{csharpSpelling m.Groups[1].Value}</code>"))
            let rows = spelled.Split("<tr>")
            let withTypes =
                rows
                |> Array.map (fun row ->
                    let parameters = [ for m in parameter.Matches row -> m.Groups[1].Value, typeText m.Groups[2].Value ] |> List.distinctBy fst
                    if parameters.IsEmpty then row
                    else
                        // Optional parameters show as ?name in the usage.
                        let shown (name: string) = if row.Contains $"?{name}" then $"?{name}" else name
                        let names = "(<span>" + String.Join(",&#32;", parameters |> List.map (fst >> shown)) + "</span>)"
                        let typed = "(<span>" + String.Join(",&#32;", parameters |> List.map (fun (n, t) -> $"{t}&#32;{n}")) + "</span>)"
                        row.Replace(names, typed))
            File.WriteAllText(page, String.Join("<tr>", withTypes))
    printfn "docs: C# signatures on %d pages of the Fluxion (C#) package" pages

/// Checks the built site: every href and src of every page resolves to a file inside the site (and a #fragment to an
/// id or name on the target page), and no XML doc tag was left unrendered (a <see cref> fsdocs could not render shows
/// as a blank). External http(s) links are listed, not fetched. Returns the number of problems.
let checkSite () : int =
    let attribute = Regex(@"\s(?:href|src)\s*=\s*(?:""([^""]*)""|'([^']*)')")
    let anchor = Regex(@"\s(?:id|name)\s*=\s*(?:""([^""]*)""|'([^']*)')")
    let unrendered = Regex(@"<(see|seealso|paramref|typeparamref|c|description|list|item|term)[\s>/]")
    let attributeValue = Regex(@"\s[\w-]+\s*=\s*(?:""[^""]*""|'[^']*')")
    let value (m: Match) = if m.Groups[1].Success then m.Groups[1].Value else m.Groups[2].Value
    let siteRoot = Path.GetFullPath docsOutput + string Path.DirectorySeparatorChar
    let anchors = Collections.Generic.Dictionary<string, Set<string>>()
    let anchorsOf (file: string) =
        match anchors.TryGetValue file with
        | true, ids -> ids
        | _ ->
            let ids = [ for m in anchor.Matches(File.ReadAllText file) -> Net.WebUtility.HtmlDecode(value m) ] |> Set.ofList
            anchors[file] <- ids
            ids
    let problems = Collections.Generic.List<string>()
    let externals = Collections.Generic.SortedDictionary<string, int>()
    let pages = Directory.GetFiles(docsOutput, "*.html", SearchOption.AllDirectories)
    let mutable links = 0
    for page in pages do
        let text = File.ReadAllText page
        let name = Path.GetRelativePath(docsOutput, page)
        // A raw XML doc tag in the page's text is one fsdocs did not render (code is escaped; the "copy signature"
        // buttons hold <see cref> in attribute values, which are left out of this scan).
        for m in unrendered.Matches(attributeValue.Replace(text, "")) do
            problems.Add $"{name}: unrendered XML doc tag <{m.Groups[1].Value}>"
        // A literate-script command fsdocs did not understand (include-value takes a name) is printed as text.
        for m in Regex.Matches(text, @"include-(?:value|output|it)\b") do
            problems.Add $"{name}: unprocessed fsdocs command '{m.Value}'"
        for m in attribute.Matches text do
            links <- links + 1
            let url = Net.WebUtility.HtmlDecode(value m)
            if url.StartsWith "http://" || url.StartsWith "https://" || url.StartsWith "mailto:" then
                let site = if url.StartsWith "mailto:" then url else Uri(url).GetLeftPart(UriPartial.Path)
                externals[site] <- (match externals.TryGetValue site with | true, n -> n + 1 | _ -> 1)
            elif url = "" then
                problems.Add $"{name}: empty link"
            else
                let hash = url.IndexOf '#'
                let path, fragment = if hash >= 0 then url.Substring(0, hash), url.Substring(hash + 1) else url, ""
                let path = match path.IndexOf '?' with -1 -> path | q -> path.Substring(0, q)
                let target =
                    if path = "" then page
                    else Path.GetFullPath(Path.Combine(Path.GetDirectoryName page, Uri.UnescapeDataString path))
                let target = if Directory.Exists target then Path.Combine(target, "index.html") else target
                if not (target.StartsWith siteRoot) then problems.Add $"{name}: {url} points outside the site"
                elif not (File.Exists target) then problems.Add $"{name}: {url} does not exist"
                elif fragment <> "" && target.EndsWith ".html" && not (anchorsOf target |> Set.contains (Uri.UnescapeDataString fragment)) then
                    problems.Add $"{name}: {url} has no anchor '{fragment}'"
    printfn "docs link check: %d pages, %d links and assets, %d problems" pages.Length links problems.Count
    printfn "external links (listed, not fetched):"
    for KeyValue(site, count) in externals do
        printfn "  %s (%d)" site count
    for problem in Seq.truncate 60 problems do
        eprintfn "  %s" problem
    if problems.Count > 60 then eprintfn "  ... and %d more" (problems.Count - 60)
    let report = Path.Combine(root, "output", "docs-link-check.txt")
    File.WriteAllLines(report, Seq.append (externals |> Seq.map (fun (KeyValue(site, n)) -> $"external {site} ({n})")) problems)
    printfn "full report: %s" report
    problems.Count

/// The library projects: the API reference documents them (tests, samples and benchmarks are not part of it).
let libraryProjects =
    [ "src/DualNumbers/DualNumbers.fsproj"; "src/ReverseAD/ReverseAD.fsproj"; "src/Tensors/Tensors.fsproj"; "src/Networks/Networks.fsproj"; "src/CSharpFacade/CSharpFacade.csproj" ]

let docs () =
    // fsdocs evaluates the literate scripts against the Release build; --strict turns warnings into errors. Source
    // links point at the main branch; the license and release notes become files of the site.
    let projects = String.Join(" ", libraryProjects)
    // Under CI the build is deterministic (ContinuousIntegrationBuild): source paths are recorded as /_/src/...,
    // so the source links need that prefix named, or fsdocs leaves them empty.
    let sourceFolder = if ci then " --sourcefolder /_" else ""
    dotnet (
        "fsdocs build --clean --eval --strict --properties Configuration=Release --output output/docs "
        + $"--projects {projects} --sourcerepo https://github.com/fluxion-ad/fluxion/blob/main{sourceFolder} --parameters root {siteRootPlaceholder} fsdocs-collection-name Fluxion"
    )
    File.Copy(Path.Combine(root, "LICENSE"), Path.Combine(docsOutput, "LICENSE.txt"), true)
    File.Copy(Path.Combine(root, "RELEASE_NOTES.md"), Path.Combine(docsOutput, "RELEASE_NOTES.txt"), true)
    relativiseSite ()
    unlinkUndocumentedTypes ()
    dropEmptySourceLinks ()
    csharpSignatures ()
    let problems = checkSite ()
    if problems > 0 then failwithf "docs: %d broken links, missing assets or unrendered doc tags in the built site" problems

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
    let countScript (code, out: string) =
        let m = Regex.Match(out, @"(\d+) passed, (\d+) failed")
        if m.Success then
            passed <- passed + int m.Groups[1].Value
            failed <- failed + int m.Groups[2].Value
        if code <> 0 then failed <- failed + 1
    try
        let csharp, script = consumer ()
        countXunit csharp
        countScript script
    with e ->
        eprintfn "package consumer: %s" e.Message
        failed <- failed + 1
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
/// `demo forward` runs the F# forward-mode tour (samples/ForwardDemo) instead; `demo pinn [options]` the Burgers
/// physics-informed network (samples/Pinn; writes output/burgers-*.png; options such as `--adam 2000 --minutes 20`).
let demo (which: string) (options: string list) =
    build ()
    match which with
    | "forward" -> dotnet "run -c Release --no-build --project samples/ForwardDemo"
    | "pinn" -> dotnet $"""run -c Release --no-build --project samples/Pinn -- --output output {String.Join(" ", options)}"""
    | _ -> dotnet "run -c Release --no-build --project samples/InverseProblem -- output/inverse-problem.png"


match fsi.CommandLineArgs |> Array.toList |> List.tail with
| [ "restore" ] -> restore ()
| [ "build" ] -> build ()
| [ "test" ] -> test ()
| "bench" :: rest -> bench rest
| [ "docs" ] -> build (); docs ()
| [ "docs"; "--no-build" ] -> docs ()   // the site again from the current Release build (after `build`)
| [ "demo" ] -> demo "inverse" []
| [ "demo"; "forward" ] -> demo "forward" []
| "demo" :: "pinn" :: options -> demo "pinn" options
| [ "pack" ] -> pack ()
| [ "consumer" ] ->
    build ()
    let (csharpCode, _), (scriptCode, _) = consumer ()
    if csharpCode <> 0 then exit csharpCode
    if scriptCode <> 0 then exit scriptCode
| other ->
    eprintfn "usage: dotnet fsi build.fsx <restore|build|test|bench [filter] [BenchmarkDotNet options]|docs [--no-build]|demo [forward|pinn [options]]|pack|consumer>  (got %A)" other
    exit 2
