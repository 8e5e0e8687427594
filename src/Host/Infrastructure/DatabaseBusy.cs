using Microsoft.Data.Sqlite;
using Npgsql;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// A request that failed only because the database had no room for it now: every pooled PostgreSQL connection stayed
/// in use past the pool's wait, or SQLite stayed locked past its busy timeout. The statement that failed never committed;
/// a command sent again with its idempotency key does not repeat what an earlier transaction of it committed. The client
/// hears 503 with Retry-After, not a 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>The problem's code (other 503s, such as CUSTOMS_UNAVAILABLE, are not this one and carry no Retry-After).</summary>
    public const string Code = "DATABASE_BUSY";

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { InnerException: TimeoutException } && e.Message.Contains("connection pool has been exhausted", StringComparison.Ordinal))
                return true;
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
                return true;
        }
        return false;
    }
}
