using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// A command is answered only once what it committed is on disk: before the answer to any request that may change
/// something (every method but GET, HEAD, OPTIONS and TRACE) starts, the database's log is written to disk for it
/// (<see cref="DurableCommits"/>), in one write shared with the commands answered at the same time. So a client that heard
/// "done" never loses it to a power failure, though the commits themselves do not wait for the disk while they hold the
/// database's one write lock. Error answers wait too: a command may have committed part of its work before it failed. An
/// HTTP workflow run by a GET waits as well (<see cref="Api.HttpWorkflows.HttpWorkflowsMiddleware"/>).
/// </summary>
public static class DurableAnswers
{
    public static IApplicationBuilder UseDurableAnswers(this IApplicationBuilder app)
    {
        var commits = app.ApplicationServices.GetRequiredService<DurableCommits>();
        if (commits.Log is null)
            return app;
        return app.Use(async (context, next) =>
        {
            if (IsCommand(context.Request.Method))
                context.Response.OnStarting(static state => ((DurableCommits)state).FlushAsync(CancellationToken.None).AsTask(), commits);
            await next(context);
        });
    }

    /// <summary>A request that may change something: any method but GET, HEAD, OPTIONS and TRACE.</summary>
    public static bool IsCommand(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
