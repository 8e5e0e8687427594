using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The gateway the case steps and dispatchers use: a call to the customs end goes to the built-in
/// <see cref="BuiltInCustoms"/> in this process unless <c>Customs:BaseUrl</c> names another system, and usage feedback
/// to the built-in <see cref="BuiltInTax"/> unless <c>Customs:TaxBaseUrl</c> does; a configured end is called over HTTP
/// (<see cref="HttpCustomsGateway"/>). The built-in ends answer in process as their HTTP endpoints would: a refused
/// message is <see cref="CustomsRejectedException"/>, a refused request an <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class RoutedCustomsGateway(HttpCustomsGateway remote, BuiltInCustoms customs, BuiltInTax tax, IOptions<CustomsGatewayOptions> options) : ICustomsGateway
{
    private readonly CustomsGatewayOptions _options = options.Value;

    /// <summary>True when the customs end is the built-in one, called in this process.</summary>
    public bool CustomsInProcess => string.IsNullOrWhiteSpace(_options.BaseUrl);

    /// <summary>True when the tax end of usage feedback is the built-in one, called in this process.</summary>
    public bool TaxInProcess => string.IsNullOrWhiteSpace(_options.TaxBaseUrl);

    public async Task<TransmissionAck> TransmitAsync(CertificateMessage message, CancellationToken ct)
    {
        if (!CustomsInProcess)
            return await remote.TransmitAsync(message, ct);
        var ack = await customs.ReceiveCertificateAsync(message, ct);
        return ack.Status == AckStatus.Ack
            ? ack
            : throw new CustomsRejectedException(ack.NackReason ?? "SCHEMA_INVALID", $"Customs refused certificate {message.Certificate.CertificateNo}: {ack.NackReason}.");
    }

    public async Task<StatusUpdateAck> SendStatusUpdateAsync(CertificateStatusUpdate update, CancellationToken ct)
    {
        if (!CustomsInProcess)
            return await remote.SendStatusUpdateAsync(update, ct);
        try
        {
            return await customs.ReceiveStatusUpdateAsync(update, ct);
        }
        catch (InvalidRequestException ex)
        {
            throw new CustomsRejectedException("SCHEMA_INVALID", $"Customs refused the status update of certificate {update.CertificateNo}: {ex.Message}");
        }
    }

    public async Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct) =>
        CustomsInProcess ? await customs.CrossCheckAsync(request, ct) : await remote.CrossCheckAsync(request, ct);

    public async Task<UsageFeedbackReceipt> ReportUsageAsync(UsageFeedbackMessage message, CancellationToken ct) =>
        CustomsInProcess ? await customs.ReceiveUsageReportAsync(message, ct) : await remote.ReportUsageAsync(message, ct);

    public async Task<UsageFeedbackReceipt> SendUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        if (!TaxInProcess)
            return await remote.SendUsageFeedbackAsync(message, ct);
        try
        {
            return await tax.ReceiveUsageFeedbackAsync(message, ct);
        }
        catch (NotFoundException ex)
        {
            throw new InvalidOperationException($"The tax system refused the usage feedback (404): {ex.Message}", ex);
        }
    }
}
