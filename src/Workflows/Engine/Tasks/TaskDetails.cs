using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

public sealed record TaskDetails(
    TaskItem Task, string? Description, string InstanceId, string ActivityId, JsonArray? Form, JsonObject? Result, string? Comment,
    IReadOnlyList<TaskComment> Comments, IReadOnlyList<TaskAuditEntry> Audit, TaskPermissions Permissions);
