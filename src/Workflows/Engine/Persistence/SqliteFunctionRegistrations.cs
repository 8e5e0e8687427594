using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// EF Core gives each SQLite connection it creates its SQL functions (decimal arithmetic and comparison, aggregates,
/// <c>regexp</c>) and a collation; Microsoft.Data.Sqlite registers them on the database handle at every logical open and
/// removes them again when the connection goes back to the pool: two dozen native calls per open, about 3 % of a
/// workflow step's CPU. Here they are taken off the connection object when EF Core creates it and registered once on each
/// physical connection, when it is first opened (<see cref="SqliteConnectionSettings"/>), where they stay for its life.
/// When the connection object is not laid out as expected, nothing is taken off and Microsoft.Data.Sqlite keeps doing it.
/// </summary>
internal sealed class SqliteFunctionRegistrations
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly FieldInfo? Collations = typeof(SqliteConnection).GetField("_collations", Private);
    private static readonly FieldInfo? Functions = typeof(SqliteConnection).GetField("_functions", Private);
    private static readonly FieldInfo? Aggregates = typeof(SqliteConnection).GetField("_aggregates", Private);

    private readonly List<Action<sqlite3>> _register = [];

    private SqliteFunctionRegistrations()
    {
    }

    /// <summary>
    /// Takes the registrations off <paramref name="connection"/> (not yet opened), or returns null and leaves it as it is
    /// when one of them is not of a known shape.
    /// </summary>
    public static SqliteFunctionRegistrations? TakeFrom(SqliteConnection connection)
    {
        if (Collations is null || Functions is null || Aggregates is null)
            return null;
        var taken = new SqliteFunctionRegistrations();
        if (!taken.Read(Collations.GetValue(connection), Collation)
            || !taken.Read(Functions.GetValue(connection), Function)
            || !taken.Read(Aggregates.GetValue(connection), Aggregate))
            return null;
        Collations.SetValue(connection, null);
        Functions.SetValue(connection, null);
        Aggregates.SetValue(connection, null);
        return taken;
    }

    /// <summary>Registers every function and collation on a physical connection.</summary>
    public void RegisterOn(sqlite3 handle)
    {
        foreach (var register in _register)
            register(handle);
    }

    private bool Read(object? registrations, Func<object?, ITuple, Action<sqlite3>?> reader)
    {
        if (registrations is null)
            return true;
        if (registrations is not System.Collections.IDictionary dictionary)
            return false;
        foreach (System.Collections.DictionaryEntry entry in dictionary)
        {
            if (entry.Value is not ITuple value || reader(entry.Key, value) is not { } register)
                return false;
            _register.Add(register);
        }
        return true;
    }

    private static Action<sqlite3>? Collation(object? key, ITuple value) =>
        key is string name && value is { Length: 2 } && value[1] is strdelegate_collation compare
            ? handle => Check(raw.sqlite3_create_collation(handle, name, value[0], compare), handle)
            : null;

    private static Action<sqlite3>? Function(object? key, ITuple value) =>
        key is ITuple { Length: 2 } k && k[0] is string name && k[1] is int arity
        && value is { Length: 3 } && value[0] is int flags && value[2] is delegate_function_scalar function
            ? handle => Check(raw.sqlite3_create_function(handle, name, arity, flags, value[1], function), handle)
            : null;

    private static Action<sqlite3>? Aggregate(object? key, ITuple value) =>
        key is ITuple { Length: 2 } k && k[0] is string name && k[1] is int arity
        && value is { Length: 4 } && value[0] is int flags && value[2] is delegate_function_aggregate_step step && value[3] is delegate_function_aggregate_final final
            ? handle => Check(raw.sqlite3_create_function(handle, name, arity, flags, value[1], step, final), handle)
            : null;

    private static void Check(int rc, sqlite3 handle) => SqliteException.ThrowExceptionForRC(rc, handle);
}
