namespace ExportTaxCheck.Engine.Runtime;

/// <summary>How the runtime shares work with other nodes.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long a node holds a due timer or a recovered instance it claimed before another node may take it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How flowcharts run when neither the run nor the definition chooses (Elsa's <c>FlowchartOptions.DefaultExecutionMode</c>,
    /// counter-based unless configured).
    /// </summary>
    public FlowchartExecutionMode FlowchartExecutionMode { get; set; } = FlowchartExecutionMode.CounterBased;
}
