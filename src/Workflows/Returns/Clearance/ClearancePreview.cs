namespace ExportTaxCheck.Returns.Clearance;

/// <summary>What recording the clearance with an inspection would decide: each line refused or not (with its reasons), and the exemption when none is.</summary>
public sealed record ClearancePreview(IReadOnlyList<LineClearance> Lines, ClearanceOutcome? Exemption)
{
    public bool Refuses => Exemption is null;
}
