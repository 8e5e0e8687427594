namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// A dropdown's options that come from the deployment's configuration rather than the code (see
/// <see cref="InputAttribute.ChoicesFrom"/>); no options leaves the input a free text field.
/// </summary>
public sealed record InputChoices(IReadOnlyList<string> Options, string? DefaultValue);
