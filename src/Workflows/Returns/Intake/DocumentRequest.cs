using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Intake;

/// <summary>Evidence metadata (§5.3), with the file inline as base64 or as the file part of a multipart upload.</summary>
public sealed record DocumentRequest
{
    public EvidenceType? Type { get; init; }
    public List<int>? CoversLines { get; init; }
    public List<string>? ExportReferences { get; init; }
    public List<LineQuantity>? StatedQuantities { get; init; }
    public string? Platform { get; init; }
    public string? PlatformOrderNo { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? SignedBy { get; init; }
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public string? ContentBase64 { get; init; }
}
