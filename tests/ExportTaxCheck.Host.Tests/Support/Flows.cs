using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Tests.Support;

public static class Flows
{
    /// <summary>A flow that waits on a RunTask, then writes a line: the simplest resumable instance.</summary>
    public static JsonObject TaskFlow(string definitionId) => Flowchart(definitionId,
        [
            new JsonObject { ["id"] = "task", ["type"] = "Elsa.RunTask", ["taskName"] = Input("String", "Literal", "Approve") },
            new JsonObject { ["id"] = "done", ["type"] = "Elsa.WriteLine", ["text"] = Input("String", "Liquid", "completed {{ WorkflowInstanceId }}") },
        ],
        [Connection("task", "Done", "done")]);

    /// <summary>Waits <paramref name="timeSpan"/> on a durable timer, then writes a line (activity <c>after</c>).</summary>
    public static JsonObject DelayFlow(string definitionId, string timeSpan) => Flowchart(definitionId,
        [
            new JsonObject { ["id"] = "nap", ["type"] = "Elsa.Delay", ["timeSpan"] = Input("TimeSpan", "Literal", timeSpan) },
            new JsonObject { ["id"] = "after", ["type"] = "Elsa.WriteLine", ["text"] = Input("String", "Literal", "woke") },
        ],
        [Connection("nap", "Done", "after")]);

    /// <summary>
    /// A human task for <paramref name="role"/> due in a day, reminded 4 hours before and escalated 2 hours after, with a
    /// required comment-like form field for Reject; each outcome leads to a WriteLine.
    /// </summary>
    public static JsonObject HumanTaskFlow(string definitionId, string role = "TaxOfficer", string? candidateUsers = null)
    {
        var task = new JsonObject
        {
            ["id"] = "review",
            ["type"] = "ExportTaxCheck.HumanTask",
            ["title"] = Input("String", "Liquid", "Review {{ CorrelationId }}"),
            ["candidateRole"] = Input("String", "Literal", role),
            ["dueIn"] = Input("TimeSpan", "Literal", "1.00:00:00"),
            ["remindBefore"] = Input("TimeSpan", "Literal", "04:00:00"),
            ["escalateAfter"] = Input("TimeSpan", "Literal", "02:00:00"),
            ["outcomes"] = Input("String[]", "Object", "[\"Approve\",\"Reject\"]"),
            ["form"] = new JsonArray(new JsonObject { ["name"] = "reason", ["label"] = "Reason", ["type"] = "text", ["requiredFor"] = new JsonArray("Reject") }),
        };
        if (candidateUsers is not null)
            task["candidateUsers"] = Input("String", "Literal", candidateUsers);
        return Flowchart(definitionId,
            [
                task,
                new JsonObject { ["id"] = "approved", ["type"] = "Elsa.WriteLine", ["text"] = Input("String", "Literal", "approved") },
                new JsonObject { ["id"] = "rejected", ["type"] = "Elsa.WriteLine", ["text"] = Input("String", "Literal", "rejected") },
            ],
            [Connection("review", "Approve", "approved"), Connection("review", "Reject", "rejected")]);
    }

    /// <summary>An Elsa definition whose root flowchart holds <paramref name="activities"/> and <paramref name="connections"/>.</summary>
    public static JsonObject Flowchart(string definitionId, JsonNode[] activities, JsonNode[] connections, JsonNode[]? variables = null) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["variables"] = new JsonArray(variables ?? []),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(activities),
            ["connections"] = new JsonArray(connections),
        },
    };

    public static JsonObject Input(string typeName, string type, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    public static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
