namespace ExportTaxCheck.Workflows.Returns.Rules;

/// <summary>V-20: a request for missing evidence, due after the configured number of calendar days.</summary>
public sealed record SupplementRequest(DateOnly RequestedOn, DateOnly DueDate, IReadOnlyList<string> Codes)
{
    public static SupplementRequest Create(DateOnly requestedOn, IEnumerable<string> codes, ReturnsDomainOptions options) =>
        new(requestedOn, requestedOn.AddDays(options.SupplementDays), codes.ToList());

    /// <summary>The due date is included: the exporter has until 24:00 UTC+8 that day.</summary>
    public bool IsOverdue(DateOnly today) => today > DueDate;

    public bool IsInTime(DateTimeOffset uploadedAt) => ChinaTime.ToChinaDate(uploadedAt) <= DueDate;
}

/// <summary>Where the evidence pre-check sends the case, and the open supplement request if any.</summary>
public sealed record EvidenceStep(ReturnCaseStatus Status, SupplementRequest? Request, IReadOnlyList<string> Codes);

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
