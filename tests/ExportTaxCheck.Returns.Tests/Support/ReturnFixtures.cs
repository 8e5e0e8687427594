using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Support;

/// <summary>The §6 common fixtures: exporter E1, manufacturer M1, customs 5300, and the AS-01 documents.</summary>
internal static class ReturnFixtures
{
    public const string E1Uscc = "91440300MA5G7K2L3J";
    public const string M1Uscc = "91330100MA2H3JQ7X7";
    public const string AgentUscc = "91440101MA9UP12347";
    public const string TaxAuthority = "14403000000";
    public const string ExportDeclarationNo = "530020260001234567";
    public const string ReturnDeclarationNo = "530020261000765432";
    public const string C1 = "BTZM-14403000000-2026-000871";
    public const string C2 = "BTZM-14403000000-2026-000872";
    public const string Pcs = "007";

    public static readonly DateTimeOffset CheckedAt = new(2026, 8, 21, 9, 14, 3, TimeSpan.FromHours(8));

    public static ExportLineSnapshot Export(
        string supervisionCode = "9810",
        DateOnly? declared = null,
        DateOnly? exported = null,
        string hsCode = "8518300000",
        decimal exportedQty = 2000m,
        string declarationNo = ExportDeclarationNo,
        int itemNo = 1,
        DateOnly? areaExit = null) => new()
        {
            DeclarationNo = declarationNo,
            ItemNo = itemNo,
            SupervisionCode = supervisionCode,
            DeclarationDate = declared ?? new DateOnly(2026, 3, 10),
            ExportDate = exported ?? new DateOnly(2026, 3, 12),
            AreaExitDate = areaExit,
            HsCode = hsCode,
            GoodsName = "蓝牙耳机",
            LegalUnitCode = Pcs,
            ExportedQty = exportedQty,
            Currency = "USD",
            FobForeign = 40_000.00m,
            ExporterUscc = E1Uscc,
            DocStatus = ExportDocStatus.Released,
            HasExportCompletionData = true,
        };

    public static ReturnCaseLine Line(
        ExportLineSnapshot? export = null,
        decimal returnedQty = 500m,
        ReturnReason reason = ReturnReason.Unsold,
        DateOnly? entry = null,
        int lineNo = 1) => new()
        {
            LineNo = lineNo,
            Export = export ?? Export(),
            ReturnedQty = returnedQty,
            ReturnUnitCode = Pcs,
            Reason = reason,
            PlannedEntryDate = entry ?? new DateOnly(2026, 8, 20),
        };

    public static ReturnCase CaseOf(params ReturnCaseLine[] lines) => new()
    {
        CaseId = "RC-2026-000123",
        ExporterUscc = E1Uscc,
        ExporterCustomsCode = "4403961234",
        ExporterName = "深圳蓝波贸易有限公司",
        CompetentTaxAuthorityCode = TaxAuthority,
        AttestationAccepted = true,
        Lines = lines,
    };

    /// <summary>AS-01 / AS-14 C1: NotRefunded, 500 PCS on 530020260001234567/1, Transmitted.</summary>
    public static Certificate Certificate(
        string certificateNo = C1,
        decimal returnedQty = 500m,
        CertificateStatus status = CertificateStatus.Transmitted,
        CertificateVariant variant = CertificateVariant.NotRefunded,
        CertificateRefundStatus refundStatus = CertificateRefundStatus.NotDeclared,
        Guid? applicationId = null) => new()
        {
            ApplicationId = applicationId ?? Guid.NewGuid(),
            CertificateNo = certificateNo,
            Variant = variant,
            RefundStatusOnCert = refundStatus,
            IssuingTaxAuthorityCode = TaxAuthority,
            EnterpriseUscc = E1Uscc,
            EnterpriseName = "深圳蓝波贸易有限公司",
            EnterpriseCustomsCode = "4403961234",
            ExportDeclarationNo = ExportDeclarationNo,
            IssuedOn = new DateOnly(2026, 8, 6),
            IssuedAt = new DateTimeOffset(2026, 8, 6, 10, 0, 0, TimeSpan.FromHours(8)),
            TransmittedAt = status == CertificateStatus.Issued ? null : new DateTimeOffset(2026, 8, 6, 10, 5, 0, TimeSpan.FromHours(8)),
            Status = status,
            Lines =
            [
                new CertificateLine
                {
                    ExportItemNo = 1,
                    HsCode = "8518300000",
                    GoodsName = "蓝牙耳机",
                    UnitCode = Pcs,
                    ExportedQty = 2000m,
                    ReturnedQty = returnedQty,
                    Reason = ReturnReason.Unsold,
                },
            ],
        };

    public static ReturnDeclarationLine DeclarationLine(decimal qty = 500m, int itemNo = 1, int originalItemNo = 1) => new()
    {
        ItemNo = itemNo,
        OriginalItemNo = originalItemNo,
        HsCode = "8518300000",
        GoodsName = "蓝牙耳机",
        Qty = qty,
        UnitCode = Pcs,
        Currency = "USD",
        TotalPrice = 10_000.00m,
        DutyRate = 0.08m,
    };

    /// <summary>AS-01: 4561, entry 2026-08-20, declared 2026-08-21, CIF USD 10,000.00 at 7.1200, duty 8%.</summary>
    public static ReturnDeclaration Declaration(params ReturnDeclarationLine[] lines) => new()
    {
        ReturnDeclarationNo = ReturnDeclarationNo,
        ConsigneeUscc = E1Uscc,
        RelatedExportDeclarationNo = ExportDeclarationNo,
        CertificateNo = C1,
        DeclarationDate = new DateOnly(2026, 8, 21),
        EntryDate = new DateOnly(2026, 8, 20),
        EntryPortCode = "5300",
        CustomsRate = 7.1200m,
        Lines = lines.Length > 0 ? lines : [DeclarationLine()],
    };
}
