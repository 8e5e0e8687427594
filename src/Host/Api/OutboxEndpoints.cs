using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Returns.Case;

namespace ExportTaxCheck.Host.Api;

/// <summary>The e-mail outbox for officers: what was sent, what waits, the dead letters, and sending one again.</summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(Extensions.TaskReaderPolicy);
        outbox.MapGet("", (string? status, string? caseId, int? page, int? pageSize, MailDispatcher dispatcher, CancellationToken ct) =>
            dispatcher.ListAsync(RequestReading.EnumName<OutboxStatus>(status, "STATUS_UNKNOWN", "status"),
                string.IsNullOrWhiteSpace(caseId) ? null : CaseReference.Of(caseId), page ?? 1, pageSize ?? 20, ct));
        outbox.MapPost("/{id}/retry", (string id, MailDispatcher dispatcher, CancellationToken ct) => dispatcher.RetryAsync(id, ct))
            .RequireAuthorization(Extensions.OfficerPolicy);
        return app;
    }
}
