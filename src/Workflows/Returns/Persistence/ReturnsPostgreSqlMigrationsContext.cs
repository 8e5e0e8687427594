using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>The return case's tables on PostgreSQL, as its migrations (Migrations/PostgreSql) are made for and applied with.</summary>
public sealed class ReturnsPostgreSqlMigrationsContext(DbContextOptions<ReturnsPostgreSqlMigrationsContext> options) : ModuleMigrationsContext(options);
