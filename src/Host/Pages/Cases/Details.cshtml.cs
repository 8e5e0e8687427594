using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Returns.Holds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages.Cases;

/// <summary>
/// One case as officers see it: header, lines, evidence, amounts, certificates (tax's and customs' registries), customs,
/// where the flow waits, the timeline; an officer puts the case on hold from here (E-21), a supervisor releases it.
/// </summary>
public sealed class DetailsModel(CaseQueries cases, InstanceQueries instances, CaseHolds holds) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public InstanceDetail? Instance { get; private set; }
    public bool Missing { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>The hold form's reason, kept when the form comes back with an error.</summary>
    public string? Reason { get; private set; }

    public bool CanHold => Case.Hold is null && (User.IsInRole(Roles.TaxOfficer) || User.IsInRole(Roles.CustomsOfficer) || User.IsInRole(Roles.Supervisor));
    public bool CanRelease => Case.Hold is not null && User.IsInRole(Roles.Supervisor);

    /// <summary>Made when the page is drawn: a double submit of the hold or release form acts once.</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFoundPage();

    public Task<IActionResult> OnPostHoldAsync(string id, string? reason, string? idempotencyKey, CancellationToken ct)
    {
        Reason = reason;
        return ActAsync(id, ct, () => holds.PlaceAsync(id, new HoldRequest { Reason = reason }, User.Identity?.Name ?? "officer", Key(idempotencyKey, "hold"), ct),
            "The case is on hold; a supervisor reviews it.");
    }

    public Task<IActionResult> OnPostReleaseAsync(string id, string? comment, string? idempotencyKey, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Supervisor))
            return Task.FromResult<IActionResult>(Forbid());
        return ActAsync(id, ct, () => holds.ReleaseAsync(id, new ReleaseRequest { Comment = comment }, User.Identity?.Name ?? "supervisor", Key(idempotencyKey, "release"), ct),
            "The hold is released; the case goes on where it was.");
    }

    private static string? Key(string? key, string what) => string.IsNullOrWhiteSpace(key) || key.Length > 100 ? null : $"page-{what}:{key}";

    private async Task<IActionResult> ActAsync(string id, CancellationToken ct, Func<Task> act, string done)
    {
        try
        {
            await act();
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ProblemException ex)
        {
            if (!await LoadAsync(id, ct))
                return NotFoundPage();
            Problem = ex is InvalidRequestException { Errors.Count: > 0 } invalid ? string.Join(" ", invalid.Errors.Values.SelectMany(m => m)) : ex.Message;
            return Page();
        }
        TempData["Flash"] = done;
        return Redirect($"/cases/{id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        try
        {
            Case = await cases.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (Case.WorkflowInstanceId is { } instanceId)
            Instance = await instances.GetAsync(instanceId, ct);
        return true;
    }

    private IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
