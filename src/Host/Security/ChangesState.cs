namespace ExportTaxCheck.Host.Security;

/// <summary>
/// Marks a GET endpoint that changes state (Elsa's API has a few, e.g. retrying workflow instances): the
/// <see cref="CrossSiteRequestGuard"/> treats it like a POST, so an image tag on another port cannot send it with the
/// sign-in cookie.
/// </summary>
public sealed class ChangesState
{
    public static readonly ChangesState Instance = new();

    private ChangesState()
    {
    }
}
