using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Expressions;

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
                : throw new Workflows.NotFoundException($"Activity type '{typeName}' is not known.", "ACTIVITY_TYPE_NOT_FOUND"));
        descriptors.MapGet("/expression-descriptors", () => new
        {
            items = new object[]
            {
                Expression("Literal", "Literal", isBrowsable: true),
                Expression("Variable", "Variable", isBrowsable: false),
                Expression("JavaScript", "JavaScript", isBrowsable: true, language: "javascript"),
                Expression("Liquid", "Liquid", isBrowsable: true, language: "liquid"),
                Expression("Object", "Object", isBrowsable: true, language: "json"),
            },
        });
        descriptors.MapGet("/workflow-activation-strategies", () => new
        {
            items = new object[]
            {
                Strategy("Elsa.Workflows.ActivationStrategies.AllowAlwaysStrategy, Elsa.Workflows.Core", "Always", "Always allow the creation of a new workflow instance."),
                Strategy("Elsa.Workflows.ActivationStrategies.SingletonStrategy, Elsa.Workflows.Core", "Singleton", "Only allow one running instance at a time."),
                Strategy("Elsa.Workflows.ActivationStrategies.CorrelationStrategy, Elsa.Workflows.Core", "Correlation", "Only allow one running instance per correlation id."),
            },
        });
        descriptors.MapGet("/log-persistence-strategies", () => new
        {
            items = new object[]
            {
                Strategy("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Include", "Include in the journal."),
                Strategy("Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core", "Exclude", "Exclude from the journal."),
                Strategy("Elsa.Workflows.LogPersistence.Strategies.Inherit, Elsa.Workflows.Core", "Inherit", "Use the parent's setting."),
            },
        });
        descriptors.MapGet("/incident-strategies", () => new
        {
            items = new object[]
            {
                Strategy("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault", "Fault the workflow when an activity faults after its retries."),
                Strategy("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue with incidents", "Record the incident, stop that branch and let the others go on."),
            },
        });
        descriptors.MapGet("/storage-drivers", () => new
        {
            items = new object[]
            {
                new { typeName = "Elsa.Workflows.Services.WorkflowStorageDriver, Elsa.Workflows.Core", displayName = "Workflow instance", priority = 0, deprecated = false },
            },
        });
        descriptors.MapGet("/variables", () => new
        {
            items = new[] { "String", "Boolean", "Int32", "Int64", "Decimal", "Double", "DateTimeOffset", "DateOnly", "TimeSpan", "Object" }
                .Select(t => new { typeName = t, displayName = t, category = t == "Object" ? "Dynamic" : "Primitives", description = (string?)null })
                .ToList(),
        });

        descriptors.MapGet("/commit-strategies/workflows", () => new
        {
            items = new object[] { new { name = "Default", displayName = "Default", description = "Commit when the workflow waits or ends." } },
        });
        descriptors.MapGet("/commit-strategies/activities", () => new
        {
            items = new object[] { new { name = "Default", displayName = "Default", description = "Commit with the workflow." } },
        });
        api.MapGet("/features/installed", () => new
        {
            items = InstalledFeatures.Select(f => new { name = f, @namespace = "Elsa", fullName = "Elsa." + f, displayName = f, description = f }).ToList(),
        });
    }

    private static readonly string[] InstalledFeatures = ["WorkflowManagement", "WorkflowRuntime", "Workflows", "JavaScript", "Liquid", "Scheduling"];

    private static object Expression(string type, string displayName, bool isBrowsable, string? language = null) => new
    {
        type,
        displayName,
        isSerializable = true,
        isBrowsable,
        properties = language is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["MonacoLanguage"] = language },
    };

    private static object Strategy(string typeName, string displayName, string description) => new { typeName, displayName, description };

    // Keep the supported expression types in one place with the evaluator.
    internal static IReadOnlyList<string> ExpressionTypes => ExpressionEvaluator.SupportedTypes;
}
