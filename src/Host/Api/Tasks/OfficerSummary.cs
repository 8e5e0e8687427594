namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>An officer a task can be assigned to.</summary>
public sealed record OfficerSummary(string UserName, string DisplayName, IReadOnlyList<string> Roles);
