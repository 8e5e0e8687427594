namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>One expected status code of Elsa.SendHttpRequest and the activity to run when the response has it.</summary>
public sealed class HttpStatusCodeCase
{
    public int StatusCode { get; set; }
    public ActivityNode? Activity { get; set; }
}
