using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InstanceHoldsPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeldAt",
                table: "WorkflowInstances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeldAt",
                table: "HumanTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeldAt",
                table: "Bookmarks",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "Bookmarks");
        }
    }
}
