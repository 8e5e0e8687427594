namespace ExportTaxCheck.Returns.Persistence;

public sealed record ExportLineFile(IReadOnlyList<ExportLineData> ExportLines);
