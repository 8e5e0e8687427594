namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>A page of the journal (Elsa's paged list of log records), with the executions its events are about.</summary>
public sealed record JournalResponse(IReadOnlyList<JournalRecordModel> Items, long TotalCount, int? Page, int? PageSize, IReadOnlyList<ActivityExecutionModel> ActivityExecutions);
