using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExecutionLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Inputs",
                table: "ActivityExecutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentActivityExecutionId",
                table: "ActivityExecutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExecutionLog",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActivityExecutionId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ParentActivityExecutionId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ActivityId = table.Column<string>(type: "TEXT", nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", nullable: false),
                    ActivityType = table.Column<string>(type: "TEXT", nullable: false),
                    ActivityName = table.Column<string>(type: "TEXT", nullable: true),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExecutionLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExecutionLog_InstanceId_Sequence",
                table: "ExecutionLog",
                columns: new[] { "InstanceId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExecutionLog");

            migrationBuilder.DropColumn(
                name: "Inputs",
                table: "ActivityExecutions");

            migrationBuilder.DropColumn(
                name: "ParentActivityExecutionId",
                table: "ActivityExecutions");
        }
    }
}
