namespace ExportTaxCheck.Host.Infrastructure;

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
