using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Appends <c>FOR UPDATE SKIP LOCKED</c> to PostgreSQL queries tagged by <see cref="Claims"/>.</summary>
internal sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    public static readonly SkipLockedInterceptor Instance = new();
    private static readonly string Marker = "-- " + Claims.Tag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR UPDATE SKIP LOCKED";
    }
}
