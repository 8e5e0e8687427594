using System.Text.Json.Nodes;

namespace ExportTaxCheck.Testing;

/// <summary>The JSON of export lines, return cases, documents and return declarations as exporters send them.</summary>
public class CaseData
{
    public const string E1 = TestKeys.ExporterUscc;

    protected CaseData()
    {
    }

    public static JsonObject ExportLine(string declarationNo, int itemNo, string code, string declared, string? exported, string hs, decimal qty,
        decimal fob = 10000m, string currency = "USD", string refundStatus = "NotDeclared", decimal vatRefunded = 0, decimal ctRefunded = 0,
        decimal exportDutyPaid = 0, string? areaExit = null, string exporter = E1, string goodsName = "蓝牙耳机", string unit = "007", decimal? fobCny = null,
        string? exportDutyPaidOn = null)
    {
        var export = new JsonObject
        {
            ["docType"] = "Declaration", ["declarationNo"] = declarationNo, ["itemNo"] = itemNo, ["supervisionCode"] = code, ["declarationDate"] = declared,
            ["hsCode"] = hs, ["goodsName"] = goodsName, ["legalUnitCode"] = unit, ["exportedQty"] = qty, ["currency"] = currency, ["fobForeign"] = fob,
            ["exportDutyPaid"] = exportDutyPaid, ["exporterUscc"] = exporter, ["docStatus"] = "Released", ["hasExportCompletionData"] = true,
        };
        if (exported is not null)
            export["exportDate"] = exported;
        if (areaExit is not null)
            export["areaExitDate"] = areaExit;
        if (fobCny is not null)
            export["fobCny"] = fobCny;
        if (exportDutyPaidOn is not null)
            export["exportDutyPaidOn"] = exportDutyPaidOn;
        return new JsonObject
        {
            ["export"] = export,
            ["refund"] = new JsonObject { ["status"] = refundStatus, ["vatRefunded"] = vatRefunded, ["ctRefunded"] = ctRefunded, ["refundRate"] = 0.13m, ["levyRate"] = 0.13m },
        };
    }

    public static JsonObject Line(string declarationNo, decimal qty, string reason, string plannedEntry, int itemNo = 1, int lineNo = 1, decimal cif = 10000m) => new()
    {
        ["lineNo"] = lineNo, ["exportDeclarationNo"] = declarationNo, ["exportItemNo"] = itemNo, ["returnedQty"] = qty, ["returnUnitCode"] = "007",
        ["reason"] = reason, ["plannedEntryDate"] = plannedEntry, ["declaredCifForeign"] = cif,
    };

    public static JsonObject Document(string type, string declarationNo, decimal? qty = null, int line = 1) => new()
    {
        ["type"] = type, ["coversLines"] = new JsonArray(line), ["exportReferences"] = new JsonArray(declarationNo),
        ["statedQuantities"] = qty is null ? new JsonArray() : new JsonArray(new JsonObject { ["lineNo"] = line, ["qty"] = qty }),
        ["signedBy"] = "法定代表人", ["platform"] = "Amazon", ["platformOrderNo"] = "112-1234567-1234567",
        ["fileName"] = type + ".pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 " + type)),
    };

    public static JsonObject Case(JsonArray lines, JsonArray documents, string enterpriseType = "Trading") => new()
    {
        ["exporterUscc"] = E1, ["exporterCustomsCode"] = "4403961234", ["exporterName"] = "深圳蓝波贸易有限公司", ["enterpriseType"] = enterpriseType,
        ["competentTaxAuthorityCode"] = "14403000000", ["attestationAccepted"] = true, ["lines"] = lines, ["documents"] = documents,
    };

    public static JsonObject Declaration(string certificateNo, decimal qty, string entryDate, decimal cif, decimal rate, decimal dutyRate, string relatedExport,
        string hs = "8518300000", string declarationNo = "530020261000765432", string? declarationDate = null, string currency = "USD", decimal vatRate = 0.13m,
        decimal ctRate = 0m, string goodsName = "蓝牙耳机", int originalItemNo = 1) => new()
    {
        ["returnDeclarationNo"] = declarationNo, ["supervisionCode"] = "4561", ["consigneeUscc"] = E1, ["relatedExportDeclarationNo"] = relatedExport,
        ["certificateNo"] = certificateNo, ["declarationDate"] = declarationDate ?? entryDate, ["entryDate"] = entryDate, ["entryPortCode"] = "5300", ["customsRate"] = rate,
        ["lines"] = new JsonArray(new JsonObject
        {
            ["itemNo"] = 1, ["originalItemNo"] = originalItemNo, ["hsCode"] = hs, ["goodsName"] = goodsName, ["qty"] = qty, ["unitCode"] = "007", ["currency"] = currency,
            ["totalPrice"] = cif, ["dutyRate"] = dutyRate, ["vatRate"] = vatRate, ["ctRate"] = ctRate,
        }),
    };

    public static string CertificateNo(JsonNode view, int index = -1)
    {
        var certificates = view["certificates"]!.AsArray();
        var certificate = index < 0 ? certificates[^1] : certificates[index];
        return certificate!["certificateNo"]!.GetValue<string>();
    }

    public static string Status(JsonNode view) => view["status"]!.GetValue<string>();
}
