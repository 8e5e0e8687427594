using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Returns.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaxCustomsRegistries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CustomsDeliveredAt",
                table: "UsageFeedback",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "ExportLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "CustomsCertificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CustomsCertificates",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Transmitted");

            migrationBuilder.CreateTable(
                name: "CertificateStatusUpdates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CertificateNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    Ack = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateStatusUpdates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RefundDeclarations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExportDocNos = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefundDeclarations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateStatusUpdates_CaseId",
                table: "CertificateStatusUpdates",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateStatusUpdates_CertificateNo",
                table: "CertificateStatusUpdates",
                column: "CertificateNo");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateStatusUpdates_Status_NextAttemptAt",
                table: "CertificateStatusUpdates",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RefundDeclarations_DeclaredAt",
                table: "RefundDeclarations",
                column: "DeclaredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateStatusUpdates");

            migrationBuilder.DropTable(
                name: "RefundDeclarations");

            migrationBuilder.DropColumn(
                name: "CustomsDeliveredAt",
                table: "UsageFeedback");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "ExportLines");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "CustomsCertificates");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "CustomsCertificates");
        }
    }
}
