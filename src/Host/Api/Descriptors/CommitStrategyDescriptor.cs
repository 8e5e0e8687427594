namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>When a step's state is committed; Studio's commit-strategy dropdowns offer these.</summary>
public sealed record CommitStrategyDescriptor(string Name, string DisplayName, string Description);
