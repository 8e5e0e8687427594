using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>The return case's tables on SQLite, as its migrations (Migrations/Sqlite) are made for and applied with.</summary>
public sealed class ReturnsSqliteMigrationsContext(DbContextOptions<ReturnsSqliteMigrationsContext> options) : ModuleMigrationsContext(options);
