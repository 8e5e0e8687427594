using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>Tax ↔ customs: certificate transmission (stage 8), the online cross-check (stage 10) and usage feedback (stage 12).</summary>
public interface ICustomsGateway
{
    Task<TransmissionAck> TransmitAsync(CertificateMessage message, CancellationToken ct);

    Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct);

    Task<UsageFeedbackReceipt> SendUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct);
}
