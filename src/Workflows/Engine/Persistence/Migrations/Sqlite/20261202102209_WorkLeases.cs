using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "Bookmarks",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "Bookmarks");
        }
    }
}
