namespace ExportTaxCheck.Returns.Evidence;

/// <summary>V-20: a request for missing evidence, due after the configured number of calendar days.</summary>
public sealed record SupplementRequest(DateOnly RequestedOn, DateOnly DueDate, IReadOnlyList<string> Codes)
{
    public static SupplementRequest Create(DateOnly requestedOn, IEnumerable<string> codes, ReturnsDomainOptions options) =>
        new(requestedOn, requestedOn.AddDays(options.SupplementDays), codes.ToList());

    /// <summary>The due date is included: the exporter has until 24:00 UTC+8 that day.</summary>
    public bool IsOverdue(DateOnly today) => today > DueDate;

    public bool IsInTime(DateTimeOffset uploadedAt) => ChinaTime.ToChinaDate(uploadedAt) <= DueDate;
}
