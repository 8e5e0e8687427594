namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>
/// An Elsa module Studio may enable (real-time hub, resilience, alterations, secrets), named as Elsa names its features.
/// None is installed here, so the list is always empty; the record says what Studio would read.
/// </summary>
public sealed record InstalledFeature(string Name, string Namespace, string DisplayName, string Description);
