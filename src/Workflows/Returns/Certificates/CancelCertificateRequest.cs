using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary><c>POST /api/cases/{id}/certificates/{no}/cancel</c>: 作废, optionally with the quantities the new application will carry (AS-14).</summary>
public sealed record CancelCertificateRequest
{
    public string? Reason { get; init; }
    public List<LineQuantity>? CorrectedQuantities { get; init; }
}
