namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>One choice of a workflow setting dropdown (activation, log persistence, incidents), by Elsa's type name.</summary>
public sealed record StrategyDescriptor(string TypeName, string DisplayName, string Description);
