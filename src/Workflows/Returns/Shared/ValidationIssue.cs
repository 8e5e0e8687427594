namespace ExportTaxCheck.Returns.Shared;

/// <summary>One failed check: a V-code or FIELD_INVALID (<see cref="ReasonCodes"/>), the field path, and a message for people.</summary>
public sealed record ValidationIssue(string Code, string Field, string Message);
