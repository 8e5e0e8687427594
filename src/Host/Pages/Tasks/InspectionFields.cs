using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Host.Pages.Tasks;

/// <summary>
/// The clearance inspection as typed form fields, one group per line (<c>insp.{lineNo}.{fact}</c>), instead of a JSON box;
/// turned into the inspection list the clearance step reads (<see cref="InspectionForm"/>).
/// </summary>
public static class InspectionFields
{
    /// <summary>The handlings that leave the goods in their original state (E-07); the form offers these.</summary>
    public static IReadOnlyList<Handling> Offered { get; } = [Handling.Unpacked, Handling.Inspected, Handling.LabTested, Handling.Installed, Handling.Debugged, Handling.RepackedSameType];

    public static string Name(int lineNo, string fact) => string.Create(CultureInfo.InvariantCulture, $"insp.{lineNo}.{fact}");

    /// <summary>The inspection the form posted for <paramref name="lineNos"/>; an unreadable entry date is an error under <c>insp.{lineNo}.actualEntryDate</c>.</summary>
    public static Dictionary<int, InspectedLine> Read(IFormCollection form, IEnumerable<int> lineNos, Dictionary<string, string[]> errors, string dateError)
    {
        var result = new Dictionary<int, InspectedLine>();
        foreach (var lineNo in lineNos)
        {
            bool Checked(string fact) => form[Name(lineNo, fact)].Contains("true");
            DateOnly? entry = null;
            var date = form[Name(lineNo, "actualEntryDate")].ToString().Trim();
            if (date.Length > 0)
            {
                if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    entry = parsed;
                else
                    errors[Name(lineNo, "actualEntryDate")] = [dateError];
            }
            var handling = form[Name(lineNo, "handling")].Select(h => Enum.TryParse<Handling>(h, out var v) && Offered.Contains(v) ? v : (Handling?)null).OfType<Handling>();
            result[lineNo] = new InspectedLine(new OriginalStateFacts
            {
                FormBasicallySame = Checked("formBasicallySame"),
                AccessoriesOrPartsAdded = Checked("accessoriesOrPartsAdded"),
                ProcessedOrModified = Checked("processedOrModified"),
                HandlingPerformed = handling.ToHashSet(),
                Used = Checked("used"),
                UsageException = Enum.TryParse<UsageException>(form[Name(lineNo, "usageException")], out var exception) && Enum.IsDefined(exception) ? exception : UsageException.None,
            }, entry);
        }
        return result;
    }

    /// <summary>The list the clearance step reads: <c>[{ lineNo, formBasicallySame, …, actualEntryDate }]</c>.</summary>
    public static JsonArray ToJson(IReadOnlyDictionary<int, InspectedLine> lines) =>
    [
        .. lines.Select(l => (JsonNode?)new JsonObject
        {
            ["lineNo"] = l.Key,
            ["formBasicallySame"] = l.Value.Facts.FormBasicallySame,
            ["accessoriesOrPartsAdded"] = l.Value.Facts.AccessoriesOrPartsAdded,
            ["processedOrModified"] = l.Value.Facts.ProcessedOrModified,
            ["handlingPerformed"] = new JsonArray([.. l.Value.Facts.HandlingPerformed.Select(h => (JsonNode?)h.ToString())]),
            ["used"] = l.Value.Facts.Used,
            ["usageException"] = l.Value.Facts.UsageException.ToString(),
            ["actualEntryDate"] = l.Value.ActualEntryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }),
    ];
}
