namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Queries with plain ADO.NET on a unit of work's connection, with the EF Core model's column conventions.</summary>
public interface IDbQueries
{
    /// <summary>
    /// The rows of <paramref name="sql"/>, each made by <paramref name="read"/>; <paramref name="parameters"/> are named
    /// without their <c>@</c> and take the model's conventions (times as the column stores them, enums as their names).
    /// </summary>
    Task<List<T>> QueryAsync<T>(string sql, Func<IDbRow, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters);
}
