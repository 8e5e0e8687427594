namespace ExportTaxCheck.Returns.Shared;

/// <summary>E-13: what customs data says about the original export document.</summary>
public enum ExportDocStatus
{
    Released,
    NotReleased,
    Withdrawn,
    NotFound,
}
