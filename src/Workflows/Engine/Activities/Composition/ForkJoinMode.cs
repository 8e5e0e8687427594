namespace ExportTaxCheck.Engine.Activities.Composition;

/// <summary>When a structured fork completes: after its first branch (WaitAny) or all of them (WaitAll).</summary>
public enum ForkJoinMode
{
    WaitAny,
    WaitAll,
}
