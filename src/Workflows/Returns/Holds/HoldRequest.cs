namespace ExportTaxCheck.Returns.Holds;

/// <summary><c>POST /api/cases/{id}/hold</c>: an officer or supervisor puts the case on hold (E-21) with a reason.</summary>
public sealed record HoldRequest
{
    /// <summary>Only <c>FRAUD_REFERRAL</c> is placed by hand; DOUBLE_USE_DETECTED comes from reconciliation.</summary>
    public string? Code { get; init; }

    public string? Reason { get; init; }
}
