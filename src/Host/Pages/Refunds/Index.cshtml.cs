using System.Globalization;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Returns.RefundDeclarations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages.Refunds;

/// <summary>
/// The tax officer's refund declarations (E-15): record a refund processed on an export line; the part a NotRefunded
/// certificate's lock leaves free is accepted, the rest refused with REFUND_LOCKED_BY_CERTIFICATE and the quantities;
/// customs is told of a refund on a line an unused NotRefunded certificate covers.
/// </summary>
[Authorize(Roles = Roles.TaxOfficer + "," + Roles.Supervisor + "," + Roles.Analyst)]
public sealed class IndexModel(RefundDeclarationService refunds) : PageModel
{
    public RefundDeclarationPage Recent { get; private set; } = new([], 0, 1, 20);
    public RefundDeclarationResult? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);
    public string? Problem { get; private set; }
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Made when the form is drawn: a double submit records the declaration once.</summary>
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(CancellationToken ct) => Recent = await refunds.ListAsync(null, 1, 20, ct);

    public async Task<IActionResult> OnPostAsync(string? exportDocNo, string? exportItemNo, string? qty, string? vatRefunded, string? ctRefunded, string? kind,
        string? idempotencyKey, CancellationToken ct)
    {
        foreach (var (name, value) in new[] { ("exportDocNo", exportDocNo), ("exportItemNo", exportItemNo), ("qty", qty), ("vatRefunded", vatRefunded), ("ctRefunded", ctRefunded), ("kind", kind) })
            Values[name] = value?.Trim() ?? "";
        IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100 ? IdempotencyKey : idempotencyKey;
        var claim = new RefundClaimRequest
        {
            ExportDocNo = Values["exportDocNo"],
            ExportItemNo = Number<int>("exportItemNo", "The item number is a whole number."),
            Qty = Number<decimal>("qty", "The quantity is a number."),
            VatRefunded = Values["vatRefunded"].Length == 0 ? 0 : Number<decimal>("vatRefunded", "The VAT refunded is an amount."),
            CtRefunded = Values["ctRefunded"].Length == 0 ? 0 : Number<decimal>("ctRefunded", "The consumption tax refunded is an amount."),
            Kind = Enum.TryParse<RefundKind>(Values["kind"], ignoreCase: false, out var k) ? k : RefundKind.Refund,
        };
        if (Errors.Count == 0)
        {
            try
            {
                Result = await refunds.DeclareAsync(new RefundDeclarationRequest { Lines = [claim] }, User.Identity?.Name ?? "tax", "page:" + IdempotencyKey, ct);
                IdempotencyKey = Guid.NewGuid().ToString("N");
            }
            catch (InvalidRequestException ex)
            {
                foreach (var (field, messages) in ex.Errors)
                    Errors[field.StartsWith("lines[0].", StringComparison.Ordinal) ? field["lines[0].".Length..] : field] = messages;
                Problem = ex.Errors.Count > 0 ? "Please correct the marked fields." : ex.Message;
            }
            catch (ProblemException ex)
            {
                Problem = ex.Message;
            }
        }
        Recent = await refunds.ListAsync(null, 1, 20, ct);
        return Page();
    }

    private T Number<T>(string field, string message) where T : struct, IParsable<T>
    {
        if (T.TryParse(Values[field], CultureInfo.InvariantCulture, out var value))
            return value;
        Errors[field] = [message];
        return default;
    }
}
