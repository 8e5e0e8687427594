using ExportTaxCheck.Engine.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportTaxCheck.Host.Api.Outbox;

/// <summary>The e-mail outbox for officers: what was sent, what waits, the dead letters, and sending one again.</summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(Extensions.TaskReaderPolicy).ProducesAuthProblems();
        outbox.MapGet("", ListAsync).ProducesProblems(400);
        outbox.MapPost("/{id}/retry", RetryAsync).RequireAuthorization(Extensions.OfficerPolicy).ProducesProblems(404, 409);
        return app;
    }

    private static async Task<Ok<Page<OutboxItem>>> ListAsync(string? status, string? caseId, int? page, int? pageSize, MailDispatcher dispatcher, CancellationToken ct) =>
        TypedResults.Ok(await dispatcher.ListAsync(RequestReading.EnumName<OutboxStatus>(status, "STATUS_UNKNOWN", "status"),
            string.IsNullOrWhiteSpace(caseId) ? null : CaseReference.Of(caseId), page ?? 1, pageSize ?? 20, ct));

    private static async Task<Ok<OutboxItem>> RetryAsync(string id, MailDispatcher dispatcher, CancellationToken ct) =>
        TypedResults.Ok(await dispatcher.RetryAsync(id, ct));
}
