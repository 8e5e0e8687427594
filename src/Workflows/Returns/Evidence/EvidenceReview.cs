namespace ExportTaxCheck.Returns.Evidence;

public static class EvidenceReview
{
    /// <summary>
    /// §2.2: complete evidence stays in <see cref="ReturnCaseStatus.EvidenceReview"/> for the officer's assessment;
    /// incomplete evidence opens a supplement request (or keeps the open one); an overdue request rejects the case.
    /// </summary>
    public static EvidenceStep Next(EvidenceCheck check, DateOnly today, SupplementRequest? openRequest, ReturnsDomainOptions options)
    {
        if (check.IsComplete)
            return new EvidenceStep(ReturnCaseStatus.EvidenceReview, null, []);
        if (openRequest is null)
        {
            var request = SupplementRequest.Create(today, check.Codes, options);
            return new EvidenceStep(ReturnCaseStatus.SupplementRequested, request, check.Codes);
        }
        return openRequest.IsOverdue(today)
            ? new EvidenceStep(ReturnCaseStatus.RejectedEvidence, openRequest, [ReasonCodes.RejectedEvidence, .. check.Codes])
            : new EvidenceStep(ReturnCaseStatus.SupplementRequested, openRequest, check.Codes);
    }
}
