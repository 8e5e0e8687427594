namespace ExportTaxCheck.Host.Api.Cases;

/// <summary>The evidence document just added to a case; its content is at the answer's Location.</summary>
public sealed record DocumentAddedResponse(Guid DocId, string CaseId);
