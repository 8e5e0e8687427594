namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>Where a variable's value is kept; Studio's variables tab offers these.</summary>
public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);
