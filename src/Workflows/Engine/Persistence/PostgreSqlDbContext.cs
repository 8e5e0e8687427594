using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The same model on PostgreSQL. A subclass only so that its migrations (Migrations/PostgreSql) are told apart from
/// SQLite's: EF Core picks migrations by the context type they were made for.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : WorkflowDbContext(options);
