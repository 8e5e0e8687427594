// The engine and case vocabulary the endpoints, pages and workers share.
global using ExportTaxCheck.Engine.Definitions;
global using ExportTaxCheck.Engine.Problems;
global using ExportTaxCheck.Engine.Runtime;
global using ExportTaxCheck.Returns.Case;
