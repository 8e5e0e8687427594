namespace ExportTaxCheck.Engine.Activities.Flow;

public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
    WaitAllActive,
}
