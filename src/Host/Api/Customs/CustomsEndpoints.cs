using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportTaxCheck.Host.Api.Customs;

/// <summary>
/// The built-in customs and tax ends of the certificate interfaces (<c>/customs/api</c>, <c>/tax/api</c>), called by
/// the gateway with a System key.
/// </summary>
public static class CustomsEndpoints
{
    public static IEndpointRouteBuilder MapCustomsAndTax(this IEndpointRouteBuilder app)
    {
        var customs = app.MapGroup("/customs/api").RequireAuthorization(Extensions.SystemPolicy).WithTags("Customs (built-in)").ProducesAuthProblems();
        customs.MapPost("/certificate-transmissions", ReceiveCertificateAsync).ProducesProblems(400, 413);
        customs.MapPost("/certificate-status-updates", ReceiveStatusUpdateAsync).ProducesProblems(400, 413);
        customs.MapPost("/cross-checks", CrossCheckAsync).ProducesProblems(400, 413);
        customs.MapPost("/usage-reports", ReceiveUsageReportAsync).ProducesProblems(400, 413);

        var tax = app.MapGroup("/tax/api").RequireAuthorization(Extensions.SystemPolicy).WithTags("Tax (built-in)").ProducesAuthProblems();
        tax.MapPost("/usage-feedback", ReceiveUsageFeedbackAsync).ProducesProblems(400, 404, 413);
        return app;
    }

    /// <summary>Customs acknowledges a transmission it can file and answers a refusal (a NACK) as 422 with the same body.</summary>
    private static async Task<Results<Ok<TransmissionAck>, UnprocessableEntity<TransmissionAck>>> ReceiveCertificateAsync(HttpRequest request, BuiltInCustoms desk,
        CancellationToken ct)
    {
        var message = await RequestReading.ReadAsync<CertificateMessage>(request, RequestReading.MaxJsonBodyBytes, ct);
        var ack = await desk.ReceiveCertificateAsync(message, ct);
        return ack.Status == AckStatus.Ack ? TypedResults.Ok(ack) : TypedResults.UnprocessableEntity(ack);
    }

    /// <summary>X-09 and E-19: tax's status update of a certificate (a refund processed, a cancellation); a refused cancellation answers Accepted false.</summary>
    private static async Task<Ok<StatusUpdateAck>> ReceiveStatusUpdateAsync(HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ReceiveStatusUpdateAsync(await RequestReading.ReadAsync<CertificateStatusUpdate>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

    /// <summary>Stage 12: a port's usage report; a certificate used by another declaration too is answered DOUBLE_USE_DETECTED.</summary>
    private static async Task<Ok<UsageFeedbackReceipt>> ReceiveUsageReportAsync(HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ReceiveUsageReportAsync(await RequestReading.ReadAsync<UsageFeedbackMessage>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

    private static async Task<Ok<CrossCheckResult>> CrossCheckAsync(HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.CrossCheckAsync(await RequestReading.ReadAsync<CrossCheckRequest>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

    private static async Task<Ok<UsageFeedbackReceipt>> ReceiveUsageFeedbackAsync(HttpRequest request, BuiltInTax desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ReceiveUsageFeedbackAsync(await RequestReading.ReadAsync<UsageFeedbackMessage>(request, RequestReading.MaxJsonBodyBytes, ct), ct));
}
