using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>Elsa's paged answer: <c>{ items, totalCount, page, pageSize, links }</c>; a page or size the caller left out is left out.</summary>
public sealed record PagedListResponse<T>(IReadOnlyList<T> Items, long TotalCount, int? Page, int? PageSize, JsonArray? Links = null);
