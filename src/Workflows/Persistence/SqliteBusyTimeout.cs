using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>
/// SQLite has one writer at a time. Left to itself, Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms
/// between tries, which turns a few concurrent steps into long queues; SQLite's own busy handler instead waits inside the
/// statement in steps of a few milliseconds. Every connection gets it when it opens.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

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
