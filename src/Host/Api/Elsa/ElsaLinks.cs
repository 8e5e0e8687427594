using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.Elsa;

/// <summary>
/// Elsa's hypermedia links. Studio reads them as permissions: without a "publish" link a definition opens read-only,
/// without "bulk-publish" on the list the list is read-only.
/// </summary>
public static class ElsaLinks
{
    public static JsonArray ForList() => Links(
        ("/workflow-definitions", "self", "GET"),
        ("/workflow-definitions/validation/is-name-unique", "is-name-unique", "GET"),
        ("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
        ("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"),
        ("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete-by-definition-id", "POST"),
        ("/workflow-definitions/import", "import", "POST"),
        ("/workflow-definitions", "create", "POST"));

    public static JsonArray ForDefinition(string definitionId) => Links(
        ($"/workflow-definitions/by-definition-id/{definitionId}", "self", "GET"),
        ($"/workflow-definitions/{definitionId}/versions", "versions", "GET"),
        ($"/workflow-definitions/{definitionId}/dispatch", "dispatch", "POST"),
        ($"/workflow-definitions/{definitionId}/execute", "execute", "POST"),
        ($"/workflow-definitions/{definitionId}/export", "export", "GET"),
        ($"/workflow-definitions/{definitionId}/publish", "publish", "POST"),
        ($"/workflow-definitions/{definitionId}/retract", "retract", "POST"),
        ($"/workflow-definitions/{definitionId}", "delete", "DELETE"));

    /// <summary>The definition as Elsa serves it: its JSON plus links.</summary>
    public static JsonObject Linked(WorkflowDefinitionModel model)
    {
        var json = JsonNode.Parse(WorkflowJson.Serialize(model))!.AsObject();
        json["links"] = ForDefinition(model.DefinitionId);
        return json;
    }

    private static JsonArray Links(params (string Href, string Rel, string Method)[] links) =>
        new(links.Select(l => (JsonNode?)new JsonObject { ["href"] = l.Href, ["rel"] = l.Rel, ["method"] = l.Method }).ToArray());
}
