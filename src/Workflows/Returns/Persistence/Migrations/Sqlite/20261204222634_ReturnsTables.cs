using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExportTaxCheck.Returns.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnsTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CertificateNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExportDocNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    UsageReportedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomsCertificates",
                columns: table => new
                {
                    CertificateNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomsCertificates", x => x.CertificateNo);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExportLines",
                columns: table => new
                {
                    ExportDocNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ExporterUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportLines", x => new { x.ExportDocNo, x.ItemNo });
                });

            migrationBuilder.CreateTable(
                name: "ReturnCases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExporterUscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ExporterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PolicyVersionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    WorkflowInstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnCases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnLineClaims",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ExportDocNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExportItemNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnedQty = table.Column<decimal>(type: "TEXT", precision: 19, scale: 5, nullable: false),
                    Counts = table.Column<bool>(type: "INTEGER", nullable: false),
                    MakeUpVat = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    MakeUpCt = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    FobCnyReturned = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ExportDutyRefund = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnLineClaims", x => new { x.CaseId, x.LineNo });
                });

            migrationBuilder.CreateTable(
                name: "Sequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "UsageFeedback",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CertificateNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReturnDeclarationNo = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageFeedback", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CaseId",
                table: "Certificates",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CertificateNo",
                table: "Certificates",
                column: "CertificateNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ExportDocNo",
                table: "Certificates",
                column: "ExportDocNo");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_CaseId",
                table: "EvidenceFiles",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ExportLines_ExporterUscc",
                table: "ExportLines",
                column: "ExporterUscc");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnCases_CreatedAt",
                table: "ReturnCases",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnCases_ExporterUscc_CreatedAt",
                table: "ReturnCases",
                columns: new[] { "ExporterUscc", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnCases_Status_CreatedAt",
                table: "ReturnCases",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnLineClaims_ExportDocNo_ExportItemNo",
                table: "ReturnLineClaims",
                columns: new[] { "ExportDocNo", "ExportItemNo" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageFeedback_CaseId",
                table: "UsageFeedback",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_UsageFeedback_Status_NextAttemptAt",
                table: "UsageFeedback",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "CustomsCertificates");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "ExportLines");

            migrationBuilder.DropTable(
                name: "ReturnCases");

            migrationBuilder.DropTable(
                name: "ReturnLineClaims");

            migrationBuilder.DropTable(
                name: "Sequences");

            migrationBuilder.DropTable(
                name: "UsageFeedback");
        }
    }
}
