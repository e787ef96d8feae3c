module Fluxion.Tests.Main

open Expecto

[<EntryPoint>]
let main argv =
    let code = Tests.runTestsInAssemblyWithCLIArgs [] argv
    printfn "rule table: %d comparisons" RuleChecks.checksMade.Value
    code
