using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;

namespace ExportTaxCheck.Host.Api;

/// <summary>
/// The officers' task API under <c>/api/tasks</c> (what Camunda Tasklist's API gives): inbox queries, claim, release,
/// assign/delegate, follow-up, comments and completion. Completion takes an <c>Idempotency-Key</c> header.
/// </summary>
public static class TasksEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Extensions.TaskReaderPolicy);
        tasks.MapGet("", ListAsync);
        tasks.MapGet("/{taskId}", (string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) => service.GetAsync(user.ToTaskActor(), taskId, ct));
        tasks.MapPost("/{taskId}/claim", (string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) => service.ClaimAsync(user.ToTaskActor(), taskId, ct));
        tasks.MapPost("/{taskId}/release", (string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) => service.ReleaseAsync(user.ToTaskActor(), taskId, ct));
        tasks.MapPost("/{taskId}/assign", AssignAsync);
        tasks.MapPost("/{taskId}/follow-up", FollowUpAsync);
        tasks.MapPost("/{taskId}/comments", CommentAsync);
        tasks.MapPost("/{taskId}/complete", CompleteAsync);

        app.MapGet("/api/me", (ClaimsPrincipal user) => new
        {
            userName = user.Identity?.Name,
            displayName = user.DisplayName(),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            enterprise = user.FindFirstValue(Roles.EnterpriseClaim),
        }).RequireAuthorization().WithTags("Tasks");
        app.MapGet("/api/users", async (string? role, OfficerDirectory officers, CancellationToken ct) =>
                (await officers.ListAsync(role, ct)).Select(u => new { userName = u.UserName, displayName = u.DisplayName, roles = u.RoleList() }))
            .RequireAuthorization(Extensions.TaskReaderPolicy).WithTags("Tasks");
        app.MapGet("/api/notifications", (int? take, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
                service.NoticesAsync(user.ToTaskActor(), take ?? 20, ct))
            .RequireAuthorization(Extensions.TaskReaderPolicy).WithTags("Tasks");
        return app;
    }

    private static Task<TaskPage> ListAsync(ClaimsPrincipal user, TaskService service, string? view, string? caseId, string? activityType, string? candidateRole,
        string? assignee, string? search, bool? escalated, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var inbox = RequestReading.EnumName<TaskInbox>(view, "VIEW_UNKNOWN", "view") ?? TaskInbox.Available;
        return service.QueryAsync(user.ToTaskActor(), new TaskQuery(inbox, caseId, activityType, candidateRole, assignee, search, escalated, sort ?? "due", page ?? 1, pageSize ?? 20), ct);
    }

    private static async Task<TaskItem> AssignAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return await service.AssignAsync(user.ToTaskActor(), taskId, RequestReading.String(body, "assignee"), ct);
    }

    private static async Task<TaskItem> FollowUpAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return await service.SetFollowUpAsync(user.ToTaskActor(), taskId, ShanghaiDate(RequestReading.String(body, "followUp"), "followUp"), ct);
    }

    private static async Task<TaskComment> CommentAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return await service.CommentAsync(user.ToTaskActor(), taskId, RequestReading.String(body, "text"), ct);
    }

    private static async Task<object> CompleteAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var run = await service.CompleteAsync(user.ToTaskActor(), taskId, Submission(body), RequestReading.IdempotencyKey(request), ct);
        return RuntimeCommandsEndpoints.Run(run);
    }

    /// <summary>Reads <c>{ outcome, data, comment }</c>.</summary>
    public static TaskSubmission Submission(JsonObject body) =>
        new(RequestReading.String(body, "outcome"), RequestReading.Object(body, "data"), RequestReading.String(body, "comment"));

    /// <summary>A <c>yyyy-MM-dd</c> date, as midnight in Asia/Shanghai (UTC+8); empty clears it.</summary>
    public static DateTimeOffset? ShanghaiDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new InvalidRequestException("DATE_INVALID", $"{field} must be a date yyyy-MM-dd.", new Dictionary<string, string[]> { [field] = ["Use yyyy-MM-dd."] });
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
    }
}
