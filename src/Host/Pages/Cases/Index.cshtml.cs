using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages.Cases;

public sealed class IndexModel(CaseQueries cases) : PageModel
{
    public const int PageSize = 25;

    public CasePage Cases { get; private set; } = null!;
    public string? Status { get; private set; }
    public string? Search { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? q, int? p, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? null : status;
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        try
        {
            Cases = await cases.ListAsync(new CaseFilter(Status, Search: Search, Page: Math.Max(p ?? 1, 1), PageSize: PageSize), ct);
        }
        catch (InvalidRequestException ex)
        {
            Problem = ex.Message;
            Cases = await cases.ListAsync(new CaseFilter(Search: Search, PageSize: PageSize), ct);
        }
        return Page();
    }
}
