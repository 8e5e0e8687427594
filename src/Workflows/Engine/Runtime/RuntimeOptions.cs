namespace ExportTaxCheck.Engine.Runtime;

/// <summary>How the runtime shares work with other nodes, and the bounds one instance of an analyst's flow runs within.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long a node holds a due timer or a recovered instance it claimed before another node may take it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shortest wait of a Delay, Timer or Cron: validation refuses a shorter literal, and a timer computed at run time
    /// fires no sooner. A loop around a 1 ms Delay otherwise wrote hundreds of journal rows a second.
    /// </summary>
    public TimeSpan MinimumTimerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Steps (start, resume, continue) one instance may run within a minute; past it an incident faults the instance. 0: no quota.</summary>
    public int MaxStepsPerMinute { get; set; } = 600;

    /// <summary>Journal records one instance may write; past it an incident faults the instance. 0: no quota.</summary>
    public long MaxJournalRecords { get; set; } = 10_000;

    /// <summary>
    /// How flowcharts run when neither the run nor the definition chooses (Elsa's <c>FlowchartOptions.DefaultExecutionMode</c>,
    /// counter-based unless configured).
    /// </summary>
    public FlowchartExecutionMode FlowchartExecutionMode { get; set; } = FlowchartExecutionMode.CounterBased;

    /// <summary>
    /// Group commit: how long a step about to commit waits for other running steps to share its transaction (and its
    /// one write to disk). It waits only while other steps are running; zero turns group commit off.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(2);
}
