/// The rule table (RuleTable.fs) checked in every forward flavour of Fluxion.DualNumbers.
module Fluxion.Tests.RuleTableTests

open Expecto
open Fluxion.Tests.RuleChecks

[<Tests>]
let tests = tableTests Flavours.all
