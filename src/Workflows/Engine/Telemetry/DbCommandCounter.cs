using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExportTaxCheck.Engine.Telemetry;

/// <summary>Counts the SQL statements the engine and its modules send (<c>workflow.db.commands</c>), so a change that adds round trips shows.</summary>
internal sealed class DbCommandCounter(EngineTelemetry telemetry) : DbCommandInterceptor
{
    /// <summary>The counter's telemetry, for plain commands on a context's connection (<see cref="Persistence.SnapshotReads.OnAsync"/>).</summary>
    public EngineTelemetry Telemetry => telemetry;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        telemetry.CommandSent();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        telemetry.CommandSent();
        return new(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        telemetry.CommandSent();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        telemetry.CommandSent();
        return new(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        telemetry.CommandSent();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        telemetry.CommandSent();
        return new(result);
    }
}
