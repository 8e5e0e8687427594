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
        customs.MapPost("/cross-checks", CrossCheckAsync).ProducesProblems(400, 413);

        var tax = app.MapGroup("/tax/api").RequireAuthorization(Extensions.SystemPolicy).WithTags("Tax (built-in)").ProducesAuthProblems();
        tax.MapPost("/usage-feedback", ReceiveUsageFeedbackAsync).ProducesProblems(400, 413);
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

    private static async Task<Ok<CrossCheckResult>> CrossCheckAsync(HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.CrossCheckAsync(await RequestReading.ReadAsync<CrossCheckRequest>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

    private static async Task<Ok<UsageFeedbackReceipt>> ReceiveUsageFeedbackAsync(HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ReceiveUsageFeedbackAsync(await RequestReading.ReadAsync<UsageFeedbackMessage>(request, RequestReading.MaxJsonBodyBytes, ct), ct));
}
