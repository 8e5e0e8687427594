namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>§5.9 Reasons[]: <see cref="LineNo"/> is the return declaration item no. when the reason concerns one line.</summary>
public sealed record CrossCheckReason(string Code, int? LineNo, string? Expected, string? Actual, bool IsWarning = false);
