namespace ExportTaxCheck.Engine.Runtime;

/// <summary>How flowcharts run, as Elsa 3 names the modes (<c>Flowchart:ExecutionMode</c>).</summary>
public enum FlowchartExecutionMode
{
    /// <summary>Not chosen: the definition's choice, else the engine's default.</summary>
    Default = 0,

    /// <summary>Tokens on connections, merged by each activity's <c>customProperties.mergeMode</c>.</summary>
    TokenBased = 1,

    /// <summary>Elsa's default: connection visit counters, implicit joins wait for every inbound connection to be visited.</summary>
    CounterBased = 2,
}
