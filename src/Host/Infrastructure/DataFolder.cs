using ExportTaxCheck.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// Where the Host keeps its data: the SQLite file's folder, or <c>data/</c> under the content root on PostgreSQL. The
/// data-protection keys (sign-in cookies, antiforgery tokens) live in <c>keys/</c> beside the data, so a restart — or
/// another node on the same folder — reads the cookies it issued before.
/// </summary>
public static class DataFolder
{
    public const string KeysSetting = "DataProtection:KeysDirectory";

    public static string KeysDirectory(IConfiguration configuration, DatabaseOptions database, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        if (configuration[KeysSetting] is { Length: > 0 } configured)
            return Path.GetFullPath(configured, contentRoot);
        return Path.Combine(Of(database, contentRoot), "keys");
    }

    public static string Of(DatabaseOptions database, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.IsPostgreSql && new SqliteConnectionStringBuilder(database.ConnectionString).DataSource is { Length: > 0 } file && file != ":memory:")
            return Path.GetDirectoryName(Path.GetFullPath(file)) ?? contentRoot;
        return Path.Combine(contentRoot, "data");
    }
}
