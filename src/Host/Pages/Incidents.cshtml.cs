using ExportTaxCheck.Engine.Runtime.Alterations;
using ExportTaxCheck.Host.Api;
using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExportTaxCheck.Host.Pages;

/// <summary>
/// What went wrong and can be run again, for supervisors and analysts: workflow instances with open incidents (retried
/// through the alterations' retry, as <c>/alterations/workflows/retry</c> does) and messages to customs given up on
/// (queued again and sent at once). Each Retry carries a key made when the page was drawn, and a retry of something no
/// longer failed does nothing, so a second click does not act twice.
/// </summary>
public sealed class IncidentsModel(InstanceQueries instances, WorkflowAlterations alterations, FailedTransmissions transmissions, IStringLocalizer<UiTexts> texts) : PageModel
{
    private const int Shown = 100;

    public IReadOnlyList<(InstanceSummary Instance, IReadOnlyList<Incident> Incidents)> Faulted { get; private set; } = [];
    public IReadOnlyList<FailedTransmission> Transmissions { get; private set; } = [];
    public string RetryKey { get; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await instances.ListAsync(new InstanceQuery(HasIncidents: true, OrderBy: "updated", PageSize: Shown), ct);
        var faulted = new List<(InstanceSummary, IReadOnlyList<Incident>)>();
        foreach (var instance in page.Items)
        {
            var open = await OpenIncidentsAsync(instance.Id, ct);
            if (open.Count > 0 || instance.Status == WorkflowStatus.Faulted)
                faulted.Add((instance, open));
        }
        Faulted = faulted;
        Transmissions = await transmissions.ListAsync(Shown, ct);
    }

    public async Task<IActionResult> OnPostRetryInstanceAsync(string? id, string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
            return BadRequest();
        if ((await OpenIncidentsAsync(id, ct)).Count == 0)
        {
            TempData["Flash"] = texts["Nothing to retry: workflow instance {0} has no open incident (it was retried already).", id].Value;
            return Redirect("/incidents");
        }
        var by = User.Identity?.Name ?? "unknown";
        var result = (await alterations.RetryAsync([id], null, by, RequestReading.IdempotencyKey("incidents-retry-" + key, User), ct))[0];
        var error = result.Log.LogEntries.FirstOrDefault(e => e.LogLevel == "Error");
        TempData["Flash"] = error is null
            ? texts["Workflow instance {0} runs again.", id].Value
            : texts["Workflow instance {0} could not be retried: {1}", id, error.Message].Value;
        return Redirect("/incidents");
    }

    public async Task<IActionResult> OnPostRetryTransmissionAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
            return BadRequest();
        TempData["Flash"] = await transmissions.RetryAsync(id, ct) switch
        {
            TransmissionRetryResult.Delivered => texts["Sent again: customs acknowledged message {0}.", id].Value,
            TransmissionRetryResult.Queued => texts["Customs could not be reached: message {0} waits for its next attempt.", id].Value,
            TransmissionRetryResult.StillFailing => texts["Sent again, and customs refused message {0} again.", id].Value,
            TransmissionRetryResult.NothingToRetry => texts["Nothing to retry: message {0} is no longer failed (it was retried already).", id].Value,
            _ => texts["There is no message {0}.", id].Value,
        };
        return Redirect("/incidents");
    }

    private async Task<IReadOnlyList<Incident>> OpenIncidentsAsync(string id, CancellationToken ct) =>
        (await instances.GetAsync(id, ct))?.State.Incidents.Where(i => i.ResolvedAt is null).ToList() ?? [];
}
