using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>
/// The officers' task API under <c>/api/tasks</c> (what Camunda Tasklist's API gives): inbox queries, claim, release,
/// assign/delegate, follow-up, comments and completion. Completion takes an <c>Idempotency-Key</c> header.
/// </summary>
public static class TasksEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Extensions.TaskReaderPolicy).ProducesAuthProblems();
        tasks.MapGet("", ListAsync).ProducesProblems(400);
        tasks.MapGet("/{taskId}", GetAsync).ProducesProblems(404);
        tasks.MapPost("/{taskId}/claim", ClaimAsync).ProducesProblems(404, 409);
        tasks.MapPost("/{taskId}/release", ReleaseAsync).ProducesProblems(404, 409);
        tasks.MapPost("/{taskId}/assign", AssignAsync).ProducesProblems(400, 404, 409, 413);
        tasks.MapPost("/{taskId}/follow-up", FollowUpAsync).ProducesProblems(400, 404, 409, 413);
        tasks.MapPost("/{taskId}/comments", CommentAsync).ProducesProblems(400, 404, 413);
        tasks.MapPost("/{taskId}/complete", CompleteAsync).ProducesProblems(400, 404, 409, 413, 422);
        tasks.MapTaskInbox();

        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Tasks").ProducesAuthProblems();
        app.MapGet("/api/users", UsersAsync).RequireAuthorization(Extensions.TaskReaderPolicy).WithTags("Tasks").ProducesAuthProblems();
        app.MapGet("/api/notifications", NoticesAsync).RequireAuthorization(Extensions.TaskReaderPolicy).WithTags("Tasks").ProducesAuthProblems();
        return app;
    }

    private static Ok<CurrentUserResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(new CurrentUserResponse(
        user.Identity?.Name, user.DisplayName(), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.FindFirstValue(Roles.EnterpriseClaim)));

    private static async Task<Ok<List<OfficerSummary>>> UsersAsync(string? role, OfficerDirectory officers, CancellationToken ct) =>
        TypedResults.Ok((await officers.ListAsync(role, ct)).Select(u => new OfficerSummary(u.UserName, u.DisplayName, u.RoleList())).ToList());

    private static async Task<Ok<IReadOnlyList<OfficerNotice>>> NoticesAsync(int? take, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
        TypedResults.Ok(await service.NoticesAsync(user.ToTaskActor(), take ?? 20, ct));

    private static async Task<Ok<TaskDetails>> GetAsync(string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(user.ToTaskActor(), taskId, ct));

    private static async Task<Ok<TaskItem>> ClaimAsync(string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ClaimAsync(user.ToTaskActor(), taskId, ct));

    private static async Task<Ok<TaskItem>> ReleaseAsync(string taskId, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ReleaseAsync(user.ToTaskActor(), taskId, ct));

    /// <summary>The filters are those of <see cref="TaskCriteria"/>: a value that does not parse is a 400 naming it.</summary>
    private static async Task<Ok<TaskPage>> ListAsync(ClaimsPrincipal user, TaskService service, string? view, string? caseId, string? activityType, string? candidateRole,
        string? assignee, string? search, string? escalated, string? sort, string? dueFrom, string? dueTo, string? priorityMin, string? priorityMax,
        int? page, int? pageSize, CancellationToken ct)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["view"] = view, ["caseId"] = caseId, ["activityType"] = activityType, ["candidateRole"] = candidateRole, ["assignee"] = assignee, ["search"] = search,
            ["escalated"] = escalated, ["sort"] = sort, ["dueFrom"] = dueFrom, ["dueTo"] = dueTo, ["priorityMin"] = priorityMin, ["priorityMax"] = priorityMax,
        };
        var query = TaskCriteria.Parse(values.GetValueOrDefault) with { Page = page ?? 1, PageSize = pageSize ?? 20 };
        return TypedResults.Ok(await service.QueryAsync(user.ToTaskActor(), query, ct));
    }

    private static async Task<Ok<TaskItem>> AssignAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return TypedResults.Ok(await service.AssignAsync(user.ToTaskActor(), taskId, RequestReading.String(body, "assignee"), ct));
    }

    private static async Task<Ok<TaskItem>> FollowUpAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return TypedResults.Ok(await service.SetFollowUpAsync(user.ToTaskActor(), taskId, ShanghaiDate(RequestReading.String(body, "followUp"), "followUp"), ct));
    }

    private static async Task<Ok<TaskComment>> CommentAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return TypedResults.Ok(await service.CommentAsync(user.ToTaskActor(), taskId, RequestReading.String(body, "text"), ct));
    }

    private static async Task<Ok<TaskCompletedResponse>> CompleteAsync(string taskId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, TaskService service, CaseQueries cases, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var run = await service.CompleteAsync(user.ToTaskActor(), taskId, Submission(body), RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(TaskCompletedResponse.From(run, await CaseOfAsync(run.CorrelationId, cases, ct)));
    }

    /// <summary>The case a task's flow runs for; null for a flow that is not a return case's.</summary>
    private static async Task<CaseView?> CaseOfAsync(string? correlationId, CaseQueries cases, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(correlationId))
            return null;
        try
        {
            return await cases.GetAsync(correlationId, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
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
