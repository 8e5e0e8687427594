namespace ExportTaxCheck.Returns.Clearance;

public enum OriginalStateDecision
{
    Pending,
    Original,
    NotOriginal,
}
