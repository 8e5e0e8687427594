namespace ExportTaxCheck.Host.Security;

/// <summary>
/// The Content-Security-Policy of a response. Every page and answer gets <see cref="Default"/>: no inline script or
/// style, nothing from another origin, no framing (the task page's outcome buttons cannot be clickjacked). An endpoint
/// that needs more carries its own policy as metadata (<c>.WithMetadata(ContentSecurityPolicy.Studio(...))</c>).
/// </summary>
public sealed record ContentSecurityPolicy(string Value)
{
    public static readonly ContentSecurityPolicy Default = new(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");

    /// <summary>
    /// An evidence file shown inside this Host's task page (PDF or image): nothing to run, nothing loaded from elsewhere,
    /// framed by this origin only (Chromium's PDF viewer draws it as an embedded object of the same origin).
    /// </summary>
    public static readonly ContentSecurityPolicy EvidencePreview = new(
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");

    /// <summary>Whether the policy lets this origin frame the answer (then the old X-Frame-Options says SAMEORIGIN, not DENY).</summary>
    public bool FramedBySameOrigin => Value.Contains("frame-ancestors 'self'", StringComparison.Ordinal);

    /// <summary>
    /// Elsa Studio's page: its .NET WebAssembly runtime needs <c>'wasm-unsafe-eval'</c>, MudBlazor and Monaco set inline
    /// styles, Monaco starts workers from blob URLs and loads fonts as data URLs, and Studio calls this Host or
    /// <paramref name="backendOrigin"/> when Studio:BackendUrl names another. Still no inline script and no framing.
    /// </summary>
    public static ContentSecurityPolicy Studio(string? backendOrigin) => new(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'" + (backendOrigin is null ? "" : " " + backendOrigin) + "; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'");
}
