using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>The customs officer's inspection per line, as submitted with the clearance decision.</summary>
public static class InspectionForm
{
    /// <summary>The facts found per line number; a line left out keeps the exporter's declared facts. Throws FORM_INVALID.</summary>
    public static Dictionary<int, OriginalStateFacts> Read(JsonNode? node) => ReadLines(node).ToDictionary(l => l.Key, l => l.Value.Facts);

    /// <summary>The inspection per line number, with the actual entry date where the officer gave one. Throws FORM_INVALID.</summary>
    public static Dictionary<int, InspectedLine> ReadLines(JsonNode? node)
    {
        var result = new Dictionary<int, InspectedLine>();
        if (node is null)
            return result;
        if (node is not JsonArray array)
            throw Invalid("lines must be a list of inspections.", "Inspection per line must be a list.");
        foreach (var item in array)
        {
            try
            {
                var inspection = item.Deserialize<LineInspection>(ReturnsJson.Options) ?? throw new JsonException("empty");
                result[inspection.LineNo] = new InspectedLine(new OriginalStateFacts
                {
                    FormBasicallySame = inspection.FormBasicallySame ?? true,
                    AccessoriesOrPartsAdded = inspection.AccessoriesOrPartsAdded ?? inspection.AccessoriesAdded ?? false,
                    ProcessedOrModified = inspection.ProcessedOrModified ?? false,
                    HandlingPerformed = (inspection.HandlingPerformed ?? []).ToHashSet(),
                    Used = inspection.Used ?? false,
                    UsageException = inspection.UsageException ?? UsageException.None,
                }, inspection.ActualEntryDate);
            }
            catch (JsonException ex)
            {
                throw Invalid($"An inspection line is not valid: {ex.Message}", ex.Message);
            }
        }
        return result;
    }

    private static InvalidRequestException Invalid(string detail, string field) =>
        new("FORM_INVALID", detail, new Dictionary<string, string[]> { ["lines"] = [field] });

    private sealed record LineInspection(int LineNo, bool? FormBasicallySame, bool? AccessoriesOrPartsAdded, bool? AccessoriesAdded, bool? ProcessedOrModified,
        List<Handling>? HandlingPerformed, bool? Used, UsageException? UsageException, DateOnly? ActualEntryDate);
}
