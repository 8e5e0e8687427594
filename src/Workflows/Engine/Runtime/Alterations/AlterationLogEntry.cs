namespace ExportTaxCheck.Engine.Runtime.Alterations;

/// <summary>One line of an alteration's log, as Elsa's alteration log has it (<c>logLevel</c>: Information, Warning, Error).</summary>
public sealed record AlterationLogEntry(string Message, string LogLevel, DateTimeOffset Timestamp, string? EventName = null);
