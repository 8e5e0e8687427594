namespace ExportTaxCheck.Engine.Http;

public enum HttpWorkflowOutcomeKind
{
    Started,
    Resumed,
    NotFound,
    Ambiguous,
}
