using System.Globalization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Host.Pages.Tasks;

/// <summary>
/// The fields the online cross-check compares (§5.9 X-01..X-11), laid side by side: each marked as the last cross-check of
/// the declaration judged it, from the reasons it recorded (a field is disagreeing when a reason of its rule names it).
/// </summary>
public static class CrossCheckComparison
{
    private static readonly string[] StatusCodes = [ReasonCodes.CertBoundToOtherDeclaration, ReasonCodes.CertAlreadyUsed, ReasonCodes.CertCancelled];

    public static IReadOnlyList<DeclarationComparison> Of(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Declarations.Select(d =>
        {
            var certificate = view.Certificates.FirstOrDefault(c => c.CertificateNo == d.CertificateNo);
            var check = view.CrossChecks.LastOrDefault(x => x.ReturnDeclarationNo == d.ReturnDeclarationNo);
            return new DeclarationComparison(d, certificate, check, Fields(d, certificate, check));
        }).ToList();
    }

    public static IReadOnlyList<FieldComparison> Fields(ReturnDeclaration declaration, Certificate? certificate, CrossCheckResult? check)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        // Without a comparison (none yet, customs unavailable, or no such certificate at customs) nothing but the number was judged.
        var compared = check is { Result: not CrossCheckOutcome.Unavailable } && check.Reasons.All(r => r.Code != ReasonCodes.CertNotFound);
        bool? Judge(int? lineNo, params string[] codes) =>
            compared ? !check!.Reasons.Any(r => codes.Contains(r.Code) && r.LineNo == lineNo) : null;
        var fields = new List<FieldComparison>
        {
            new("Certificate no.", null, certificate?.CertificateNo ?? "—", declaration.CertificateNo,
                check is null or { Result: CrossCheckOutcome.Unavailable } ? null : check.Reasons.All(r => r.Code != ReasonCodes.CertNotFound), [ReasonCodes.CertNotFound]),
        };
        if (certificate is null)
            return fields;
        fields.Add(new("Certificate usable", null, DisplayTexts.Of(certificate.Status), declaration.ReturnDeclarationNo, Judge(null, StatusCodes), StatusCodes));
        fields.Add(new("Enterprise (USCC)", null, certificate.AgentUscc is { } agent ? $"{certificate.EnterpriseUscc} / {agent}" : certificate.EnterpriseUscc,
            declaration.ConsigneeUscc, Judge(null, ReasonCodes.EnterpriseMismatch), [ReasonCodes.EnterpriseMismatch]));
        fields.Add(new("Export declaration no.", null, certificate.ExportDocNo, declaration.RelatedExportDeclarationNo, Judge(null, ReasonCodes.ExportDeclMismatch), [ReasonCodes.ExportDeclMismatch]));
        fields.Add(new("Certificate type and refund status", null, $"{DisplayTexts.Of(certificate.Variant)} · {DisplayTexts.Of(certificate.RefundStatusOnCert)}", "—",
            Judge(null, ReasonCodes.VariantStatusInconsistent), [ReasonCodes.VariantStatusInconsistent]));
        fields.Add(new("Issued on / declared on", null, Display.Date(certificate.IssuedOn), Display.Date(declaration.DeclarationDate),
            Judge(null, ReasonCodes.CertDateAfterDeclaration), [ReasonCodes.CertDateAfterDeclaration]));

        foreach (var line in declaration.Lines)
        {
            var certified = certificate.Lines.FirstOrDefault(c => c.ExportItemNo == line.OriginalItemNo);
            var n = line.ItemNo;
            fields.Add(new("Export item no.", n, certified is null ? "—" : Item(certified.ExportItemNo), Item(line.OriginalItemNo), Judge(n, ReasonCodes.ItemNotOnCert), [ReasonCodes.ItemNotOnCert]));
            if (certified is null)
                continue;
            fields.Add(new("Goods code", n, certified.HsCode, line.HsCode, Judge(n, ReasonCodes.HsMismatch), [ReasonCodes.HsMismatch]));
            fields.Add(new("Quantity", n, Display.Qty(certified.ReturnedQty), Display.Qty(line.Qty), Judge(n, ReasonCodes.QtyMismatch), [ReasonCodes.QtyMismatch]));
            fields.Add(new("Unit", n, certified.UnitCode, line.UnitCode, Judge(n, ReasonCodes.UnitMismatch), [ReasonCodes.UnitMismatch]));
            fields.Add(new("Goods name", n, certified.GoodsName, line.GoodsName, Judge(n, ReasonCodes.GoodsNameMismatch), [ReasonCodes.GoodsNameMismatch], Warning: true));
            if (compared && check!.Reasons.FirstOrDefault(r => r.Code == ReasonCodes.VariantStatusInconsistent && r.LineNo == n) is { } refund)
                fields.Add(new("Refund status in the tax records", n, DisplayTexts.Of(certificate.Variant), Enum.TryParse<RefundStatus>(refund.Actual, out var status) ? DisplayTexts.Of(status) : refund.Actual ?? "—", false, [ReasonCodes.VariantStatusInconsistent]));
        }
        // X-05 the other way: a certified line the declaration does not carry.
        foreach (var certified in certificate.Lines.Where(c => declaration.Lines.All(l => l.OriginalItemNo != c.ExportItemNo)))
        {
            var item = Item(certified.ExportItemNo);
            fields.Add(new("Export item no.", null, item, "—",
                compared ? !check!.Reasons.Any(r => r.Code == ReasonCodes.LineCountMismatch && r.Expected == item) : null, [ReasonCodes.LineCountMismatch]));
        }
        return fields;
    }

    private static string Item(int itemNo) => itemNo.ToString(CultureInfo.InvariantCulture);
}
