namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>Where the Host looks for the Elsa JSON flows it imports at start-up.</summary>
public sealed class WorkflowFilesOptions
{
    public const string Section = "Workflows";

    /// <summary>A folder of *.json definitions; relative paths are resolved against the content root, then its parents.</summary>
    public string Directory { get; set; } = "workflows-json";

    public bool ImportOnStart { get; set; } = true;
}
