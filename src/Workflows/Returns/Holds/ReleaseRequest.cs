namespace ExportTaxCheck.Returns.Holds;

/// <summary><c>POST /api/cases/{id}/release</c>: a supervisor lets a held case go on where it was.</summary>
public sealed record ReleaseRequest
{
    public string? Comment { get; init; }
}
