// The engine's own vocabulary, used by most of its files: definitions, activities, the runtime, persistence and problems.
global using ExportTaxCheck.Engine.Activities;
global using ExportTaxCheck.Engine.Definitions;
global using ExportTaxCheck.Engine.Persistence;
global using ExportTaxCheck.Engine.Problems;
global using ExportTaxCheck.Engine.Runtime;
