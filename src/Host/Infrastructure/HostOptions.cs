namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>Where the Host looks for the Elsa JSON flows it imports at start-up.</summary>
public sealed class WorkflowFilesOptions
{
    public const string Section = "Workflows";

    /// <summary>A folder of *.json definitions; relative paths are resolved against the content root, then its parents.</summary>
    public string Directory { get; set; } = "workflows-json";

    public bool ImportOnStart { get; set; } = true;
}

/// <summary>Background work: how often workers look for work a signal may have missed.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    public bool Enabled { get; set; } = true;
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RecoveryPollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public int DispatchConcurrency { get; set; } = 4;
}
