namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// Claim or assign many tasks at once. Each task is its own action and transaction: one that another officer took
/// meanwhile, or that the actor may not touch, answers its problem while the others go through.
/// </summary>
public sealed class TaskBulk(TaskService tasks)
{
    public const int MaxTasks = 100;

    public Task<IReadOnlyList<TaskBulkResult>> ClaimAsync(TaskActor actor, IReadOnlyList<string>? taskIds, CancellationToken ct) =>
        EachAsync(taskIds, id => tasks.ClaimAsync(actor, id, ct));

    public async Task<IReadOnlyList<TaskBulkResult>> AssignAsync(TaskActor actor, IReadOnlyList<string>? taskIds, string? assignee, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(assignee))
            throw new InvalidRequestException("ASSIGNEE_REQUIRED", "Name the user to assign the tasks to.", new Dictionary<string, string[]> { ["assignee"] = ["Choose a user."] });
        return await EachAsync(taskIds, id => tasks.AssignAsync(actor, id, assignee, ct));
    }

    private static async Task<IReadOnlyList<TaskBulkResult>> EachAsync(IReadOnlyList<string>? taskIds, Func<string, Task<TaskItem>> act)
    {
        var ids = Ids(taskIds);
        var results = new List<TaskBulkResult>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                results.Add(new TaskBulkResult(id, true, await act(id)));
            }
            catch (ProblemException ex) when (ex is not InvalidRequestException { Code: "ASSIGNEE_UNKNOWN" or "ASSIGNEE_REQUIRED" })
            {
                results.Add(new TaskBulkResult(id, false, Status: ex.Status, Code: ex.Code, Detail: ex.Message));
            }
        }
        return results;
    }

    private static List<string> Ids(IReadOnlyList<string>? taskIds)
    {
        var ids = (taskIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxTasks)
            throw new InvalidRequestException("TASK_IDS_INVALID", $"Name 1 to {MaxTasks} task ids.", new Dictionary<string, string[]> { ["taskIds"] = [$"1 to {MaxTasks} ids."] });
        return ids;
    }
}
