namespace ExportTaxCheck.Host.Api.HttpWorkflows;

/// <summary>Where HTTP workflows listen (Elsa's <c>Http:BasePath</c>): an HttpEndpoint on "orders/{id}" answers at <c>{BasePath}/orders/42</c>.</summary>
public sealed class HttpWorkflowsOptions
{
    public const string Section = "Http";

    public string BasePath { get; set; } = "/workflows";

    /// <summary>The largest request body a workflow receives (larger requests get a 413).</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
