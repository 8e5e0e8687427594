using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ExportTaxCheck.Host.Tests.Durability;

/// <summary>
/// Three Host processes on one PostgreSQL: return cases driven through their tasks from all three, timers armed
/// around the crash, one node killed with SIGKILL mid-run and started again. Every case closes, no bookmark is resumed
/// twice, every timer fires once, and every e-mail reaches the SMTP server under one Message-Id.
/// The size is <c>ETC_CLUSTER_CASES</c> (default 200; the README's figures are from 1,000).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Nodes = 3;
    private const int Timers = 60;
    private const int Victim = 1;
    private readonly int _cases = int.TryParse(Environment.GetEnvironmentVariable("ETC_CLUSTER_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 200;
    private readonly SmtpServer _smtp = new();
    private PostgresServer _postgres = null!;
    private string _database = null!;
    private Cluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _postgres = await PostgresServer.SharedAsync();
        _database = await _postgres.CreateDatabaseAsync();
        _cluster = await Cluster.StartAsync(Nodes, _database, new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            // A dead node's claims lapse quickly, so the others take its timers, mail and recovered instances in the test's time.
            ["Mail__Lease"] = "00:00:10",
            ["Runtime__ClaimLease"] = "00:00:10",
            ["Workers__RecoveryPollInterval"] = "00:00:02",
            ["Workers__TimerPollInterval"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _postgres.DropDatabaseAsync(_database);
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ThreeNodes_OneKilledMidRun_EveryCaseCloses_NothingRunsTwice_EveryTimerFiresOnce_NoDuplicateMail()
    {
        var load = new CaseLoad(_cluster.Addresses, run: 1);
        await load.LoadReferenceAsync(_cases, CancellationToken.None);
        await load.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions", TestKeys.Analyst,
            new JsonObject { ["model"] = Flows.DelayFlow("cluster-timer", "00:00:05"), ["publish"] = true }, null, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var killAt = _cases * 3 / 10;
        var killed = new TaskCompletionSource();
        var run = load.RunAsync(_cases, concurrency: 24, done =>
        {
            if (done == killAt)
                killed.TrySetResult();
        }, CancellationToken.None);

        // Timers that come due while the victim is dead and after it is back, started on every node.
        await Task.WhenAny(killed.Task, run);
        var timers = new List<string>();
        for (var i = 0; i < Timers; i++)
        {
            var started = await load.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions/cluster-timer/execute", TestKeys.Analyst,
                new JsonObject(), $"timer-{i}", CancellationToken.None);
            timers.Add(started["workflowState"]!["id"]!.GetValue<string>());
        }
        var victimPid = _cluster.Node(Victim).ProcessId;
        await _cluster.KillAsync(Victim);
        var killedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _cluster.StartNodeAsync(Victim);
        Assert.NotEqual(victimPid, _cluster.Node(Victim).ProcessId);

        var caseIds = await run;
        var driven = clock.Elapsed;
        await using var db = new NpgsqlConnection(_database);
        await db.OpenAsync();
        await WaitAsync(db, $"""SELECT COUNT(*) FROM "WorkflowInstances" WHERE "DefinitionId" = 'cluster-timer' AND "Status" <> 'Finished'""", TimeSpan.FromSeconds(90));
        await WaitAsync(db, """SELECT COUNT(*) FROM "Outbox" WHERE "Status" = 'Pending'""", TimeSpan.FromSeconds(120));

        // Every case closed, once each.
        Assert.Equal(_cases, caseIds.Distinct().Count());
        Assert.Equal(_cases, await ScalarAsync(db, """SELECT COUNT(*) FROM "ReturnCases" WHERE "Status" = 'Closed'"""));
        Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM "WorkflowInstances" WHERE "Status" NOT IN ('Finished')"""));

        // No bookmark resumed twice: on these paths every activity of an instance runs once, every task completes once.
        Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM (SELECT 1 FROM "ActivityExecutions" GROUP BY "InstanceId", "ActivityId" HAVING COUNT(*) > 1) twice"""));
        Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM (SELECT 1 FROM "TaskAudit" WHERE "Action" = 'Completed' GROUP BY "TaskId" HAVING COUNT(*) > 1) twice"""));
        Assert.Equal(_cases * 3L, await ScalarAsync(db, """SELECT COUNT(*) FROM "HumanTasks" WHERE "Status" = 'Completed'"""));
        Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM "Bookmarks" WHERE "Status" = 'Active'"""));

        // Every timer fired once: its instance finished and the line after the delay was written once.
        Assert.Equal(Timers, await ScalarAsync(db, """SELECT COUNT(*) FROM "ActivityExecutions" e JOIN "WorkflowInstances" i ON i."Id" = e."InstanceId" WHERE i."DefinitionId" = 'cluster-timer' AND e."ActivityId" = 'after' AND e."Status" = 'Completed'"""));
        Assert.Equal(Timers, timers.Distinct().Count());

        // Mail: one outbox row per case event, each at the SMTP server under its own Message-Id. Only the message the
        // killed node was sending when it died may arrive again (its lease lapses before the server's answer was
        // recorded), and then under that same Message-Id: live dispatchers renew each message's lease before sending it.
        var outbox = new List<(string MessageId, string Key, int Attempts)>();
        await using (var command = new NpgsqlCommand("""SELECT "MessageId", COALESCE("ReferenceId", '') || '/' || COALESCE("Template", ''), "Attempts" FROM "Outbox" WHERE "Status" = 'Sent'""", db))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                outbox.Add((reader.GetString(0).Trim('<', '>'), reader.GetString(1), reader.GetInt32(2)));
        var received = _smtp.Messages().Select(m => (m.MessageId ?? "").Trim('<', '>')).ToList();
        Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM "Outbox" WHERE "Status" <> 'Sent'"""));
        Assert.True(outbox.Count >= _cases * 5, $"{outbox.Count} mails for {_cases} cases");
        Assert.Equal(outbox.Count, outbox.Select(o => o.Key).Distinct().Count());
        Assert.Equal(outbox.Select(o => o.MessageId).Order(), received.Distinct().Order());
        var redelivered = received.Count - received.Distinct().Count();
        Assert.True(redelivered <= 1, $"{redelivered} messages arrived more than once ({outbox.Count(o => o.Attempts > 1)} were attempted more than once)");

        output.WriteLine($"{Nodes} nodes on PostgreSQL, node {Victim} killed (SIGKILL) after {killedAfter.TotalSeconds:0.0} s at {killAt} closed cases, back 3 s later");
        output.WriteLine($"cases closed: {_cases} in {driven.TotalSeconds:0.0} s ({_cases / driven.TotalSeconds:0.0} cases/s), requests: {load.Requests}, failed over to another node: {load.Failovers}");
        output.WriteLine($"tasks completed once: {_cases * 3}, timers fired once: {Timers}, mails: {outbox.Count} sent, {received.Distinct().Count()} distinct Message-Ids received, {redelivered} redelivered");
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the count <paramref name="sql"/> reads is zero (background work the nodes do after the load).</summary>
    private static async Task WaitAsync(NpgsqlConnection db, string sql, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ScalarAsync(db, sql) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
    }
}
