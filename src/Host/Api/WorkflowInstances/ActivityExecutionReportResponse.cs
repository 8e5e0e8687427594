namespace ExportTaxCheck.Host.Api.WorkflowInstances;

public sealed record ActivityExecutionReportResponse(IReadOnlyList<ActivityExecutionStatsModel> Stats);
