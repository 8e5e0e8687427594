namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>A page of the journal: two events per execution (hence the doubled total), and the executions themselves.</summary>
public sealed record JournalResponse(IReadOnlyList<JournalRecordModel> Items, long TotalCount, IReadOnlyList<ActivityExecutionModel> ActivityExecutions);
