namespace ExportTaxCheck.Returns.Holds;

/// <summary>E-21 and stage 12: who may hold which case, and which of two uses of one certificate is the later one.</summary>
public static class HoldRules
{
    public const int MaxReasonLength = 1000;

    /// <summary>Null when the case may be held with <paramref name="code"/>, else the refusal code.</summary>
    public static string? CheckPlace(ReturnCaseStatus status, CaseHold? current, string code)
    {
        if (current is not null || status == ReturnCaseStatus.OnHold)
            return ReasonCodes.CaseOnHold;
        if (code is not (ReasonCodes.FraudReferral or ReasonCodes.DoubleUseDetected))
            return ReasonCodes.FieldInvalid;
        // A case that ended without a return has nothing left to hold; a closed one may still owe the exemption back.
        return CaseSession.HasEnded(status) && status != ReturnCaseStatus.Closed && code == ReasonCodes.FraudReferral ? "CASE_CLOSED" : null;
    }

    /// <summary>Validates an officer's hold request (400 on a missing or oversized reason, or a code officers do not place).</summary>
    public static IReadOnlyList<ValidationIssue> Validate(HoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        if (request.Code is { } code && code != ReasonCodes.FraudReferral)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "code", "Officers hold a case with FRAUD_REFERRAL (E-21); DOUBLE_USE_DETECTED is placed by reconciliation."));
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "reason", $"Give the reason for the hold (1 to {MaxReasonLength} characters)."));
        return issues;
    }

    /// <summary>
    /// Stage 12 (10P "holds the later case"): is the use released at <paramref name="candidate"/> later than the one released
    /// at <paramref name="other"/>? A use not released yet (null: only reserved) is later than any release; between two
    /// releases at the same instant, or two not released, the candidate (the use reported last) is the later one.
    /// </summary>
    public static bool IsLater(DateTimeOffset? other, DateTimeOffset? candidate) =>
        candidate is null || (other is not null && candidate >= other);
}
