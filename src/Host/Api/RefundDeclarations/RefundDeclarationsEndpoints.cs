using System.Security.Claims;
using ExportTaxCheck.Returns.RefundDeclarations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.RefundDeclarations;

/// <summary>
/// <c>/api/refund-declarations</c>: the tax side records the refund declarations it processed (E-15). The part of a claim
/// a NotRefunded certificate's lock leaves free is accepted, the rest refused per line with REFUND_LOCKED_BY_CERTIFICATE;
/// a refund on a line an unused NotRefunded certificate covers is pushed to customs.
/// </summary>
public static class RefundDeclarationsEndpoints
{
    public static IEndpointRouteBuilder MapRefundDeclarations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/refund-declarations").RequireAuthorization(Extensions.ReferenceDataPolicy).WithTags("Refund declarations").ProducesAuthProblems();
        group.MapPost("", DeclareAsync).ProducesProblems(400, 413, 422);
        group.MapGet("", ListAsync).ProducesProblems(400);
        return app;
    }

    private static async Task<Ok<RefundDeclarationResult>> DeclareAsync(HttpRequest request, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, RefundDeclarationService refunds, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<RefundDeclarationRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        return TypedResults.Ok(await refunds.DeclareAsync(body, user.Identity?.Name ?? "tax", RequestReading.IdempotencyKey(idempotencyKey, user), ct));
    }

    private static async Task<Ok<RefundDeclarationPage>> ListAsync(RefundDeclarationService refunds, string? exportDocNo, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await refunds.ListAsync(exportDocNo, page ?? 1, pageSize ?? 20, ct));
}
