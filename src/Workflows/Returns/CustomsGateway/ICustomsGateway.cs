using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// Tax ↔ customs: certificate transmission (stage 8), status updates (X-09, E-19), the online cross-check (stage 10),
/// the port's usage reports to the customs registry and usage feedback to tax (stage 12).
/// </summary>
public interface ICustomsGateway
{
    Task<TransmissionAck> TransmitAsync(CertificateMessage message, CancellationToken ct);

    Task<StatusUpdateAck> SendStatusUpdateAsync(CertificateStatusUpdate update, CancellationToken ct);

    Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct);

    Task<UsageFeedbackReceipt> ReportUsageAsync(UsageFeedbackMessage message, CancellationToken ct);

    Task<UsageFeedbackReceipt> SendUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct);
}
