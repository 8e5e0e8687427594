using System.Runtime.CompilerServices;
using ExportTaxCheck.Engine.Persistence;

namespace ExportTaxCheck.Engine.Tests.Persistence;

/// <summary>
/// The engine makes SQLite's process settings before the Host's first connection (its start-up migrations); in this test
/// process other tests open connections of their own in any order, so the settings are made when the assembly loads.
/// </summary>
internal static class SqliteFirst
{
#pragma warning disable CA2255 // a test assembly's own start-up, not a library's
    [ModuleInitializer]
    internal static void Apply() => SqliteProcessSettings.Apply();
#pragma warning restore CA2255
}
