using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Tests.Persistence;

public sealed class SqliteStatementsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-stmts-").FullName;

    private string ConnectionString(string name) => $"Data Source={Path.Combine(_directory, name)}";

    [Fact]
    public async Task ResumeSteps_OnOnePooledConnection_CompileTheirStatementsOnce()
    {
        var connectionString = ConnectionString("steps.db");
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflowEngine(new DatabaseOptions { ConnectionString = connectionString }).BuildServiceProvider();
        await using (services)
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            await services.GetRequiredService<DefinitionService>().SaveAsync(new FlowBuilder("task")
                .Add("task", "Elsa.RunTask", n => n.SetInput("taskName", "String", "Literal", "Approve"))
                .WriteLine("after", "ran").Connect("task", "after").Build(), publish: true, default);
            var runtime = services.GetRequiredService<WorkflowClient>();
            var tasks = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var started = await runtime.StartAsync(new StartWorkflowRequest("task"), default);
                tasks.Add(started.Bookmarks.Single().Payload!["taskId"]!.GetValue<string>());
            }

            var compiled = new List<long>();
            foreach (var (taskId, i) in tasks.Select((t, i) => (t, i)))
            {
                var done = await runtime.CompleteTaskAsync(taskId, JsonValue.Create("ok"), "key-" + i, default);
                Assert.Equal(WorkflowStatus.Finished, done.Status);
                compiled.Add(CompiledOnPooledConnection(connectionString));
            }

            // The first resume compiles what a resume runs; the ones after it only bind and step.
            Assert.True(compiled[0] > 0);
            Assert.All(compiled.Skip(1), c => Assert.Equal(compiled[1], c));
        }
    }

    [Fact]
    public void AStatementRunAgain_BindsNewValues_AndSeesWhatOthersCommittedSince()
    {
        using var connection = OpenWithTable("reuse.db");
        var statements = SqliteStatements.Of(connection)!;
        for (var i = 0; i < 3; i++)
            Assert.Equal(1, statements.Run(connection.Handle!, Insert, [("@id", "r" + i), ("@n", (long)i), ("@note", i == 1 ? null : "x")], row: null));
        Assert.Equal(3, Rows(statements, connection).Count);

        // Another connection commits a row; the kept statement, reset after each use, holds no snapshot and sees it.
        using (var other = Open("reuse.db"))
            Execute(other, "INSERT INTO t (id, n, note) VALUES ('r9', 9, 'y')");
        var rows = Rows(statements, connection);

        Assert.Equal(["r0:0:x", "r1:1:-", "r2:2:x", "r9:9:y"], rows);
        Assert.Equal(2, statements.Compiled);
    }

    [Fact]
    public void AFailedStatement_ThrowsSqlitesError_AndRunsAgainAfterwards()
    {
        using var connection = OpenWithTable("fail.db");
        var statements = SqliteStatements.Of(connection)!;
        statements.Run(connection.Handle!, Insert, [("@id", "a"), ("@n", 1L), ("@note", "x")], row: null);

        var error = Assert.Throws<SqliteException>(() => statements.Run(connection.Handle!, Insert, [("@id", "a"), ("@n", 2L), ("@note", "x")], row: null));

        Assert.True(StepSql.IsUniqueViolation(error));
        Assert.Equal(1, statements.Run(connection.Handle!, Insert, [("@id", "b"), ("@n", 2L), ("@note", null)], row: null));
        Assert.Equal(["a:1:x", "b:2:-"], Rows(statements, connection));
        Assert.Throws<ArgumentException>(() => statements.Run(connection.Handle!, "SELECT 1; SELECT 2", [], row: null));
    }

    [Fact]
    public void Text_IsStoredAsTheSameText_EmptyAsEmpty_NullAsNull()
    {
        using var connection = OpenWithTable("text.db");
        var statements = SqliteStatements.Of(connection)!;
        var longer = string.Concat(Enumerable.Repeat("退货商品 return ✓ ", 400));
        string?[] notes = ["", null, "plain", "出口退税证明 𠀀", longer];
        for (var i = 0; i < notes.Length; i++)
            statements.Run(connection.Handle!, Insert, [("@id", "r" + i), ("@n", (long)i), ("@note", notes[i])], row: null);

        var stored = new List<(string? Note, string Type)>();
        statements.Run(connection.Handle!, "SELECT note, typeof(note) FROM t ORDER BY n", [], r => stored.Add((r.NullableString(0), r.GetString(1))));

        Assert.Equal(notes, stored.Select(s => s.Note));
        Assert.Equal(["text", "null", "text", "text", "text"], stored.Select(s => s.Type));
        Assert.Equal(Encoding.UTF8.GetByteCount(longer), Scalar(connection, "SELECT length(CAST(note AS BLOB)) FROM t WHERE id = 'r4'"));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private const string Insert = "INSERT INTO t (id, n, note) VALUES (@id, @n, @note)";

    private SqliteConnection OpenWithTable(string name)
    {
        var connection = Open(name);
        Execute(connection, "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT)");
        return connection;
    }

    private static List<string> Rows(SqliteStatements statements, SqliteConnection connection)
    {
        var rows = new List<string>();
        statements.Run(connection.Handle!, "SELECT id, n, note FROM t ORDER BY id", [],
            r => rows.Add($"{r.GetString(0)}:{r.GetInt64(1)}:{r.NullableString(2) ?? "-"}"));
        return rows;
    }

    private static long CompiledOnPooledConnection(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return SqliteStatements.Of(connection)!.Compiled;
    }

    private SqliteConnection Open(string name)
    {
        var connection = new SqliteConnection(ConnectionString(name));
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
