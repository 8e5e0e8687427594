namespace ExportTaxCheck.Engine.Runtime.Alterations;

public sealed record AlterationLog(IReadOnlyList<AlterationLogEntry> LogEntries);
