namespace ExportTaxCheck.Host.Studio;

public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The folder of the npm package @elsa-workflows/elsa-studio-wasm; found under src/Designer when empty.</summary>
    public string? BundleDirectory { get; set; }

    /// <summary>
    /// The <c>/elsa/api</c> address Studio calls, as the analysts' browsers reach it (set it behind a proxy); empty: this
    /// Host's own listening address.
    /// </summary>
    public string? BackendUrl { get; set; }
}
