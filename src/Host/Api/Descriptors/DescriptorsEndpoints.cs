using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Host.Api.Elsa;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>What Studio loads before it draws the designer: activity, expression and setting descriptors, installed features.</summary>
public static class DescriptorsEndpoints
{
    public static void MapDescriptors(this RouteGroupBuilder api)
    {
        var descriptors = api.MapGroup("/descriptors");
        descriptors.MapGet("/activities", Activities);
        descriptors.MapGet("/activities/{typeName}", Activity).ProducesProblems(404);
        descriptors.MapGet("/expression-descriptors", () => TypedResults.Ok(ExpressionDescriptors));
        descriptors.MapGet("/workflow-activation-strategies", () => TypedResults.Ok(ActivationStrategies));
        descriptors.MapGet("/log-persistence-strategies", () => TypedResults.Ok(LogPersistenceStrategies));
        descriptors.MapGet("/incident-strategies", () => TypedResults.Ok(IncidentStrategies));
        descriptors.MapGet("/storage-drivers", () => TypedResults.Ok(StorageDrivers));
        descriptors.MapGet("/variables", () => TypedResults.Ok(new ItemsResponse<VariableTypeDescriptor>(
            VariableTypes.Select(t => new VariableTypeDescriptor(t.Name, t.Name, t.Category, t.Description)).ToList())));
        descriptors.MapGet("/commit-strategies/workflows", () => TypedResults.Ok(WorkflowCommitStrategies));
        descriptors.MapGet("/commit-strategies/activities", () => TypedResults.Ok(ActivityCommitStrategies));
        descriptors.MapGet("/output-converters", () => TypedResults.Ok(ListResponse<JsonObject>.Of([])));
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", () => TypedResults.Text(JavaScriptTypeDefinitions, "application/x-typescript"))
            .Produces<string>(StatusCodes.Status200OK, "application/x-typescript");
        // Studio enables optional modules (real-time hub, resilience, alterations, secrets) by these names; none applies here.
        api.MapGet("/features/installed", () => TypedResults.Ok(ListResponse<InstalledFeature>.Of([])));
    }

    // Workflows used as activities are in the toolbox too (their definitions are read once per process, then kept current).
    private static async Task<Ok<ListResponse<ActivityDescriptor>>> Activities(ActivityRegistry registry, DefinitionActivityTypes definitionTypes, CancellationToken ct)
    {
        await definitionTypes.EnsureLoadedAsync(ct);
        return TypedResults.Ok(ListResponse<ActivityDescriptor>.Of(registry.Descriptors.OrderBy(d => d.Category).ThenBy(d => d.DisplayName).ToList()));
    }

    private static async Task<Ok<ActivityDescriptor>> Activity(string typeName, ActivityRegistry registry, DefinitionActivityTypes definitionTypes, CancellationToken ct)
    {
        await definitionTypes.EnsureLoadedAsync(ct);
        return registry.TryGet(typeName, out var descriptor)
            ? TypedResults.Ok(descriptor)
            : throw new NotFoundException($"Activity type '{typeName}' is not known.", "ACTIVITY_TYPE_NOT_FOUND");
    }

    // Studio offers the browsable types other than Literal/Object in its syntax menu, and defaults new FlowSwitch cases to
    // the first of them: JavaScript comes before Variable.
    private static readonly ListResponse<ExpressionDescriptor> ExpressionDescriptors = ListResponse<ExpressionDescriptor>.Of(
    [
        ExpressionDescriptor.Of("Literal", isBrowsable: false),
        ExpressionDescriptor.Of("Object", isBrowsable: false, language: "json"),
        ExpressionDescriptor.Of("Json", isBrowsable: false, language: "json"),
        ExpressionDescriptor.Of("JavaScript", isBrowsable: true, language: "javascript"),
        ExpressionDescriptor.Of("Liquid", isBrowsable: true, language: "liquid"),
        ExpressionDescriptor.Of("Variable", isBrowsable: true),
    ]);

    private static readonly ListResponse<StrategyDescriptor> ActivationStrategies = ListResponse<StrategyDescriptor>.Of(
    [
        new("Elsa.ActivationValidators.AllowAlwaysStrategy, Elsa.Core", "Always", "Always allow the creation of a new workflow instance."),
        new("Elsa.Runtime.ActivationValidators.CorrelationStrategy, Elsa.Runtime", "Correlation", "Allow a new instance only when none runs with the same correlation id."),
        new("Elsa.Runtime.ActivationValidators.SingletonStrategy, Elsa.Runtime", "Singleton", "Allow a new instance only when none runs."),
    ]);

    private static readonly ListResponse<StrategyDescriptor> LogPersistenceStrategies = ListResponse<StrategyDescriptor>.Of(
    [
        new("Elsa.LogPersistence.Strategies.Inherit, Elsa.Core", "Inherit", "Use the parent's setting."),
        new("Elsa.LogPersistence.Strategies.Include, Elsa.Core", "Include", "Keep inputs and outputs in the journal."),
        new("Elsa.LogPersistence.Strategies.Exclude, Elsa.Core", "Exclude", "Leave inputs and outputs out of the journal."),
    ]);

    private static readonly ListResponse<StrategyDescriptor> IncidentStrategies = ListResponse<StrategyDescriptor>.Of(
    [
        new("FaultStrategy", "Fault", "An incident strategy that puts the entire workflow in the Faulted state."),
        new("ContinueWithIncidentsStrategy", "Continue with incidents", "An incident strategy that allows the workflow to continue running, but with incidents."),
    ]);

    private static readonly ItemsResponse<StorageDriverDescriptor> StorageDrivers =
        new([new StorageDriverDescriptor("Elsa.WorkflowInstanceStorageDriver, Elsa.Core", "Workflow Instance", 5, false)]);

    private static readonly ListResponse<CommitStrategyDescriptor> WorkflowCommitStrategies = ListResponse<CommitStrategyDescriptor>.Of(
        [new("WorkflowExecuted", "Commit After Workflow Execution", "Commit when the workflow waits or ends (what this engine does).")]);

    private static readonly ListResponse<CommitStrategyDescriptor> ActivityCommitStrategies = ListResponse<CommitStrategyDescriptor>.Of(
        [new("Executed", "Commit After", "Commit with the workflow step.")]);

    private static readonly (string Name, string Category, string Description)[] VariableTypes =
    [
        ("Object", "Primitives", "Any value."),
        ("String", "Primitives", "Represents a static string of characters."),
        ("Boolean", "Primitives", "Represents a true or false value."),
        ("Int32", "Primitives", "A 32 bit integer."),
        ("Int64", "Primitives", "A 64 bit integer."),
        ("Decimal", "Primitives", "A decimal number (money, rates)."),
        ("Double", "Primitives", "A double-precision floating point number."),
        ("DateTimeOffset", "Primitives", "A point in time with an offset."),
        ("DateOnly", "Primitives", "A calendar date."),
        ("TimeSpan", "Primitives", "A span of time."),
        ("JsonObject", "Dynamic", "A JSON object."),
    ];

    /// <summary>Monaco IntelliSense for the JavaScript functions expressions can call.</summary>
    private const string JavaScriptTypeDefinitions = """
        declare function getVariable(name: string): any;
        declare function setVariable(name: string, value: any): void;
        declare function getInput(name: string): any;
        declare function getWorkflowInstanceId(): string;
        declare function getWorkflowDefinitionId(): string;
        declare function getWorkflowDefinitionVersionId(): string;
        declare function getWorkflowDefinitionVersion(): number;
        declare function getCorrelationId(): string | null;
        declare function setCorrelationId(value: string | null): void;
        declare function getWorkflowInstanceName(): string | null;
        declare function setWorkflowInstanceName(value: string | null): void;
        declare function getOutputFrom(activityIdOrName: string, outputName?: string): any;
        declare function getLastResult(): any;
        declare function isNullOrWhiteSpace(value: string | null): boolean;
        declare function isNullOrEmpty(value: string | null): boolean;
        declare function toJson(value: any): string;
        declare function newGuidString(): string;
        declare const variables: { [name: string]: any };
        declare const input: { [name: string]: any };
        declare const workflowInstanceId: string;
        declare const correlationId: string | null;
        """;
}
