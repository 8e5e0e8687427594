using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfficerWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClaimedAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EscalateAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EscalateTo",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EscalatedAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OfficerNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficerNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailedSignIns = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSignInAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.UserName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_CompletedAt",
                table: "HumanTasks",
                columns: new[] { "Status", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_EscalateAt",
                table: "HumanTasks",
                columns: new[] { "Status", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_RemindAt",
                table: "HumanTasks",
                columns: new[] { "Status", "RemindAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficerNotifications_Recipient_Id",
                table: "OfficerNotifications",
                columns: new[] { "Recipient", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficerNotifications_RecipientRole_Id",
                table: "OfficerNotifications",
                columns: new[] { "RecipientRole", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskAudit_TaskId_Id",
                table: "TaskAudit",
                columns: new[] { "TaskId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskComments_TaskId_Id",
                table: "TaskComments",
                columns: new[] { "TaskId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficerNotifications");

            migrationBuilder.DropTable(
                name: "TaskAudit");

            migrationBuilder.DropTable(
                name: "TaskComments");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_CompletedAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_EscalateAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_RemindAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "EscalateAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "EscalateTo",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "RemindAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "HumanTasks");
        }
    }
}
