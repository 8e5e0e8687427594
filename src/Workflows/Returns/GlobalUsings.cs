// What nearly every step of the case uses: the engine's activity model and runtime, the case itself and the shared
// rules (money, China time, reason codes), and the case's tables.
global using ExportTaxCheck.Engine.Activities;
global using ExportTaxCheck.Engine.Persistence;
global using ExportTaxCheck.Engine.Problems;
global using ExportTaxCheck.Engine.Runtime;
global using ExportTaxCheck.Returns.Case;
global using ExportTaxCheck.Returns.Persistence;
global using ExportTaxCheck.Returns.Shared;
