namespace ExportTaxCheck.Engine.Definitions;

/// <summary>One problem with a definition, pointing at the activity where it is.</summary>
public sealed record ValidationError(string Code, string Message, string? ActivityId = null);
