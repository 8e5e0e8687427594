using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// SQLite has one writer at a time. Left to itself, Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms
/// between tries, which turns a few concurrent steps into long queues; SQLite's own busy handler instead waits inside the
/// statement in steps of a few milliseconds. And SQLite's default page cache is 2 MB per connection: with a million
/// stored instances the index pages a step reads no longer fit, so each connection keeps up to 32 MB of them.
/// Every connection gets both when it opens.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA cache_size = -32768;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
