namespace ExportTaxCheck.Host.Api.Tasks;

/// <summary>Who the caller is: an officer's session or an API key; <c>enterprise</c> only for exporter keys.</summary>
public sealed record CurrentUserResponse(string? UserName, string DisplayName, IReadOnlyList<string> Roles, string? Enterprise);
