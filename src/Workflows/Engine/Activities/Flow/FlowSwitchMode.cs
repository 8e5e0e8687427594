namespace ExportTaxCheck.Engine.Activities.Flow;

public enum FlowSwitchMode
{
    MatchFirst,
    MatchAny,
}
