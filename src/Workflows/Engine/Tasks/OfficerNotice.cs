namespace ExportTaxCheck.Engine.Tasks;

public sealed record OfficerNotice(long Id, string Kind, string Text, string TaskId, string? ReferenceType, string? ReferenceId, DateTimeOffset CreatedAt);
