using System.Security.Claims;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>
/// What the inbox adds to <c>/api/tasks</c>: each officer's saved filters (saving under a name in use replaces that
/// filter), bulk claim and assign answering per task, and a supervisor's change of a due date.
/// </summary>
public static class TaskInboxEndpoints
{
    public static RouteGroupBuilder MapTaskInbox(this RouteGroupBuilder tasks)
    {
        tasks.MapGet("/filters", FiltersAsync);
        tasks.MapPost("/filters", SaveFilterAsync).ProducesProblems(400, 409, 413);
        tasks.MapDelete("/filters/{filterId}", DeleteFilterAsync).ProducesProblems(404);
        tasks.MapPost("/bulk/claim", BulkClaimAsync).ProducesProblems(400, 413);
        tasks.MapPost("/bulk/assign", BulkAssignAsync).ProducesProblems(400, 413);
        tasks.MapPost("/{taskId}/due", DueAsync).ProducesProblems(400, 403, 404, 409, 413);
        return tasks;
    }

    private static async Task<Ok<IReadOnlyList<SavedTaskFilter>>> FiltersAsync(ClaimsPrincipal user, TaskFilters filters, CancellationToken ct) =>
        TypedResults.Ok(await filters.ListAsync(user.ToTaskActor(), ct));

    /// <summary>Reads <c>{ name, query }</c>; 201 for a new filter, 200 when it replaced the one of that name.</summary>
    private static async Task<Results<Created<SavedTaskFilter>, Ok<SavedTaskFilter>>> SaveFilterAsync(HttpRequest request, ClaimsPrincipal user, TaskFilters filters, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var (filter, created) = await filters.SaveAsync(user.ToTaskActor(), RequestReading.String(body, "name"), RequestReading.String(body, "query"), ct);
        return created ? TypedResults.Created($"/api/tasks/filters/{filter.Id}", filter) : TypedResults.Ok(filter);
    }

    /// <summary>An id that is not a number names no filter: 404, like another officer's.</summary>
    private static async Task<NoContent> DeleteFilterAsync(string filterId, ClaimsPrincipal user, TaskFilters filters, CancellationToken ct)
    {
        await filters.DeleteAsync(user.ToTaskActor(), long.TryParse(filterId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Reads <c>{ taskIds: [...] }</c>.</summary>
    private static async Task<Ok<IReadOnlyList<TaskBulkResult>>> BulkClaimAsync(HttpRequest request, ClaimsPrincipal user, TaskBulk bulk, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return TypedResults.Ok(await bulk.ClaimAsync(user.ToTaskActor(), RequestReading.StringList(body, "taskIds"), ct));
    }

    /// <summary>Reads <c>{ taskIds: [...], assignee }</c>.</summary>
    private static async Task<Ok<IReadOnlyList<TaskBulkResult>>> BulkAssignAsync(HttpRequest request, ClaimsPrincipal user, TaskBulk bulk, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return TypedResults.Ok(await bulk.AssignAsync(user.ToTaskActor(), RequestReading.StringList(body, "taskIds"), RequestReading.String(body, "assignee"), ct));
    }

    /// <summary>Reads <c>{ dueAt }</c>: an instant with its offset (ISO 8601), or a time without one read as Asia/Shanghai.</summary>
    private static async Task<Ok<TaskItem>> DueAsync(string taskId, HttpRequest request, ClaimsPrincipal user, TaskService service, WorkSignals signals, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var task = await service.SetDueAsync(user.ToTaskActor(), taskId, DueAt(RequestReading.String(body, "dueAt")), ct);
        // The timer worker sleeps until the earliest timer it knew of; the moved reminder may now come first.
        signals.TimerArmed();
        return TypedResults.Ok(task);
    }

    public static DateTimeOffset DueAt(string? text) => TaskDueTimes.Parse(text, "dueAt");
}
