namespace ExportTaxCheck.Host.Studio;

public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The folder of the npm package @elsa-workflows/elsa-studio-wasm; found under src/Designer when empty.</summary>
    public string? BundleDirectory { get; set; }

    /// <summary>The API key the browser's Studio sends; defaults to the first key with the Analyst role.</summary>
    public string? ApiKey { get; set; }
}
