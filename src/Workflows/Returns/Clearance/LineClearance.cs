namespace ExportTaxCheck.Returns.Clearance;

/// <summary>One line at clearance: the line as customs found it, the original-state decision and every reason that refuses the exemption.</summary>
public sealed record LineClearance(ReturnCaseLine Line, OriginalStateAssessment Assessment, IReadOnlyList<string> Reasons)
{
    public bool Refused => Reasons.Count > 0;
}
