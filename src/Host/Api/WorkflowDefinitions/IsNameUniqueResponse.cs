namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

public sealed record IsNameUniqueResponse(bool IsUnique);
