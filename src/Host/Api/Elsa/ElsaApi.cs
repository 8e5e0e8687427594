using ExportTaxCheck.Host.Api.Alterations;
using ExportTaxCheck.Host.Api.Descriptors;
using ExportTaxCheck.Host.Api.Runtime;
using ExportTaxCheck.Host.Api.WorkflowDefinitions;
using ExportTaxCheck.Host.Api.WorkflowInstances;

namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>The Elsa-compatible REST API under <c>/elsa/api</c>, as Elsa Studio and Elsa clients call it.</summary>
public static class ElsaApi
{
    public const string Prefix = "/elsa/api";

    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(Extensions.AnalystPolicy).WithTags("Elsa").ProducesAuthProblems();
        api.MapWorkflowDefinitions();
        api.MapWorkflowInstances();
        api.MapDescriptors();
        api.MapRuntimeCommands();
        // Alterations change running cases: analysts and supervisors only.
        app.MapGroup(Prefix).RequireAuthorization(Extensions.AlterationsPolicy).WithTags("Elsa").ProducesAuthProblems().MapAlterations();
        // Case officers complete their tasks through the same endpoint Elsa clients use.
        app.MapGroup(Prefix).RequireAuthorization(Extensions.TaskWorkerPolicy).WithTags("Elsa").ProducesAuthProblems().MapTaskCompletion();
        return app;
    }
}
