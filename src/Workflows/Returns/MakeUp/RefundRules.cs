using System.Text.RegularExpressions;
using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>E-14 and E-15: refund status, make-up method and certificate variant.</summary>
public static partial class RefundRules
{
    /// <summary>E-14: a pending refund declaration blocks the certificate application.</summary>
    public static string? CheckCanApply(RefundStatus status) =>
        status == RefundStatus.DeclaredPending ? ReasonCodes.RefundPending : null;

    /// <summary>E-15 table; A-14 counts an HWC-YT pre-refund as refunded. Null while a refund is pending (E-14).</summary>
    public static CertificateVariant? VariantFor(RefundStatus status) => status switch
    {
        RefundStatus.NotDeclared => CertificateVariant.NotRefunded,
        RefundStatus.Refunded or RefundStatus.Credited or RefundStatus.PreRefundedHwc => CertificateVariant.TaxPaid,
        _ => null,
    };

    /// <summary>Stage 5: trading enterprises normally repay (缴回), 免抵退 and manufacturers normally offset (冲减).</summary>
    public static MakeUpMethod DefaultMakeUpMethod(RefundStatus status, EnterpriseType enterprise) => status switch
    {
        RefundStatus.NotDeclared or RefundStatus.DeclaredPending => MakeUpMethod.None,
        RefundStatus.Credited => MakeUpMethod.Offset,
        _ => enterprise == EnterpriseType.Manufacturer ? MakeUpMethod.Offset : MakeUpMethod.Repaid,
    };

    /// <summary>§5.6 consistency: NotRefunded ⇔ NotDeclared; TaxPaid shows how the make-up was done.</summary>
    public static CertificateRefundStatus RefundStatusOnCertificate(CertificateVariant variant, MakeUpMethod method) =>
        variant == CertificateVariant.NotRefunded ? CertificateRefundStatus.NotDeclared
        : method == MakeUpMethod.Offset ? CertificateRefundStatus.Offset
        : CertificateRefundStatus.Repaid;

    /// <summary>§5.6 / X-09: is the printed refund status consistent with the variant?</summary>
    public static bool IsConsistent(CertificateVariant variant, CertificateRefundStatus onCertificate) =>
        (variant == CertificateVariant.NotRefunded) == (onCertificate == CertificateRefundStatus.NotDeclared);

    /// <summary>
    /// E-15: no TaxPaid certificate before TAX confirmed the make-up: a payment voucher and date for Repaid,
    /// a valid offset period for Offset, and the officer's confirmation in both cases.
    /// </summary>
    public static bool IsMakeUpConfirmed(MakeUpRecord? record) => record switch
    {
        null => false,
        { ConfirmedByTaxOfficer: null or "" } => false,
        { Method: MakeUpMethod.Repaid } => !string.IsNullOrWhiteSpace(record.PaymentVoucherNo) && record.PaidOn is not null,
        { Method: MakeUpMethod.Offset } => IsValidOffsetPeriod(record.OffsetPeriod),
        _ => false,
    };

    /// <summary>§5.4: YYYYMM.</summary>
    public static bool IsValidOffsetPeriod(string? period) => period is not null && OffsetPeriodPattern().IsMatch(period);

    [GeneratedRegex(@"^\d{4}(?:0[1-9]|1[0-2])$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OffsetPeriodPattern();
}
