using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages.Cases;

/// <summary>One case as officers see it: header, lines, evidence, amounts, certificates, customs, where the flow waits, timeline.</summary>
public sealed class DetailsModel(CaseQueries cases, InstanceQueries instances) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public InstanceDetail? Instance { get; private set; }
    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        try
        {
            Case = await cases.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Case.WorkflowInstanceId is { } instanceId)
            Instance = await instances.GetAsync(instanceId, ct);
        return Page();
    }
}
