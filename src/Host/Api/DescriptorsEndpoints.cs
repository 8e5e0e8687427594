using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Problems;

namespace ExportTaxCheck.Host.Api;

/// <summary>What Studio loads before it draws the designer: activity, expression and setting descriptors, installed features.</summary>
public static class DescriptorsEndpoints
{
    public static void MapDescriptors(this RouteGroupBuilder api)
    {
        var descriptors = api.MapGroup("/descriptors");
        descriptors.MapGet("/activities", (ActivityRegistry registry) =>
        {
            var items = registry.Descriptors.OrderBy(d => d.Category).ThenBy(d => d.DisplayName).ToList();
            return new { items, count = items.Count };
        });
        descriptors.MapGet("/activities/{typeName}", (string typeName, ActivityRegistry registry) =>
            registry.TryGet(typeName, out var descriptor)
                ? Results.Ok(descriptor)
                : throw new NotFoundException($"Activity type '{typeName}' is not known.", "ACTIVITY_TYPE_NOT_FOUND"));
        // Studio offers the browsable types other than Literal/Object in its syntax menu, and defaults new FlowSwitch
        // cases to the first of them: JavaScript comes before Variable.
        descriptors.MapGet("/expression-descriptors", () => Items(
            Expression("Literal", isBrowsable: false),
            Expression("Object", isBrowsable: false, language: "json"),
            Expression("Json", isBrowsable: false, language: "json"),
            Expression("JavaScript", isBrowsable: true, language: "javascript"),
            Expression("Liquid", isBrowsable: true, language: "liquid"),
            Expression("Variable", isBrowsable: true)));
        descriptors.MapGet("/workflow-activation-strategies", () => Items(
            Strategy("Elsa.ActivationValidators.AllowAlwaysStrategy, Elsa.Core", "Always", "Always allow the creation of a new workflow instance."),
            Strategy("Elsa.Runtime.ActivationValidators.CorrelationStrategy, Elsa.Runtime", "Correlation", "Allow a new instance only when none runs with the same correlation id."),
            Strategy("Elsa.Runtime.ActivationValidators.SingletonStrategy, Elsa.Runtime", "Singleton", "Allow a new instance only when none runs.")));
        descriptors.MapGet("/log-persistence-strategies", () => Items(
            Strategy("Elsa.LogPersistence.Strategies.Inherit, Elsa.Core", "Inherit", "Use the parent's setting."),
            Strategy("Elsa.LogPersistence.Strategies.Include, Elsa.Core", "Include", "Keep inputs and outputs in the journal."),
            Strategy("Elsa.LogPersistence.Strategies.Exclude, Elsa.Core", "Exclude", "Leave inputs and outputs out of the journal.")));
        descriptors.MapGet("/incident-strategies", () => Items(
            Strategy("FaultStrategy", "Fault", "An incident strategy that puts the entire workflow in the Faulted state."),
            Strategy("ContinueWithIncidentsStrategy", "Continue with incidents", "An incident strategy that allows the workflow to continue running, but with incidents.")));
        descriptors.MapGet("/storage-drivers", () => new
        {
            items = new object[]
            {
                new { typeName = "Elsa.WorkflowInstanceStorageDriver, Elsa.Core", displayName = "Workflow Instance", priority = 5, deprecated = false },
            },
        });
        descriptors.MapGet("/variables", () => new
        {
            items = VariableTypes.Select(t => new { typeName = t.Name, displayName = t.Name, category = t.Category, description = t.Description }).ToList(),
        });
        descriptors.MapGet("/commit-strategies/workflows", () => Items(
            new { name = "WorkflowExecuted", displayName = "Commit After Workflow Execution", description = "Commit when the workflow waits or ends (what this engine does)." }));
        descriptors.MapGet("/commit-strategies/activities", () => Items(
            new { name = "Executed", displayName = "Commit After", description = "Commit with the workflow step." }));
        descriptors.MapGet("/output-converters", () => Items<object>());
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", () => Results.Text(JavaScriptTypeDefinitions, "application/x-typescript"));
        // Studio enables optional modules (real-time hub, resilience, alterations, secrets) by these names; none applies here.
        api.MapGet("/features/installed", () => Items<object>());
    }

    private static object Items<T>(params T[] items) => new { items, count = items.Length };

    private static object Expression(string type, bool isBrowsable, string? language = null) => new
    {
        type,
        displayName = type,
        isSerializable = true,
        isBrowsable,
        properties = language is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["MonacoLanguage"] = language },
    };

    private static object Strategy(string typeName, string displayName, string description) => new { typeName, displayName, description };

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
