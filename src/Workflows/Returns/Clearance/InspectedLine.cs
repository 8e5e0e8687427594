namespace ExportTaxCheck.Returns.Clearance;

/// <summary>What the customs officer found on one line: the original-state facts and, when given, the goods' actual entry date .</summary>
public sealed record InspectedLine(OriginalStateFacts Facts, DateOnly? ActualEntryDate = null);
