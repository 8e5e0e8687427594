using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Returns.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TaxCustomsRegistriesPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CustomsDeliveredAt",
                table: "UsageFeedback",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "ExportLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "CustomsCertificates",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CustomsCertificates",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Transmitted");

            migrationBuilder.CreateTable(
                name: "CertificateStatusUpdates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CertificateNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Data = table.Column<string>(type: "text", nullable: false),
                    Ack = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateStatusUpdates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RefundDeclarations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeclaredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExportDocNos = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false)
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
