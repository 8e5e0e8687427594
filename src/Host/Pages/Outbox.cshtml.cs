using ExportTaxCheck.Engine.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

/// <summary>The e-mail outbox: it opens on the mail waiting to go out; dead letters have their errors and a button to send one again.</summary>
public sealed class OutboxModel(MailDispatcher dispatcher) : PageModel
{
    public Page<OutboxItem> Messages { get; private set; } = null!;
    public OutboxStatus? Status { get; private set; }

    public async Task OnGetAsync(string? status, int? p, CancellationToken ct)
    {
        Status = Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : OutboxStatus.Pending;
        Messages = await dispatcher.ListAsync(Status, null, Math.Max(p ?? 1, 1), 50, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(string id, CancellationToken ct)
    {
        if (!User.IsInRole("TaxOfficer") && !User.IsInRole("CustomsOfficer") && !User.IsInRole("Supervisor"))
            return Forbid();
        try
        {
            await dispatcher.RetryAsync(id, ct);
            TempData["Flash"] = "The message is queued again.";
        }
        catch (ProblemException ex)
        {
            TempData["Flash"] = ex.Message;
        }
        return Redirect("/outbox?status=DeadLetter");
    }
}
