namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>Elsa's list answer: <c>{ items, count }</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Count)
{
    public static ListResponse<T> Of(IReadOnlyList<T> items) => new(items, items.Count);
}
