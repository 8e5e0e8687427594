namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>A type a workflow variable can have, grouped by category in Studio's picker.</summary>
public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string Description);
