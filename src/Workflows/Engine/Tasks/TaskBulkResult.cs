namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// What one task of a bulk action came to: <see cref="Ok"/> with the task as it is now, or the problem that task met
/// (<see cref="Status"/>, <see cref="Code"/>, <see cref="Detail"/>, as its single action would have answered).
/// </summary>
public sealed record TaskBulkResult(string TaskId, bool Ok, TaskItem? Task = null, int? Status = null, string? Code = null, string? Detail = null);
