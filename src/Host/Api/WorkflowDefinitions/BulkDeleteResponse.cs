namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>How many of the named definitions were deleted; unknown ones and ones in use are not counted.</summary>
public sealed record BulkDeleteResponse(int Deleted);
