using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ExecutionLogPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Inputs",
                table: "ActivityExecutions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentActivityExecutionId",
                table: "ActivityExecutions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExecutionLog",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActivityExecutionId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ParentActivityExecutionId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ActivityId = table.Column<string>(type: "text", nullable: false),
                    NodeId = table.Column<string>(type: "text", nullable: false),
                    ActivityType = table.Column<string>(type: "text", nullable: false),
                    ActivityName = table.Column<string>(type: "text", nullable: true),
                    EventName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
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
