using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

public sealed partial class BadRequestGenerator
{
    /// <summary>
    /// The case controls in states that refuse them: holds and releases, the exporter's certificate
    /// application, line corrections, refund declarations, the customs status-update and usage-report ends; and their
    /// Idempotency-Key checks. Each is sent where it would act if the refusal were missing (the open case), so a missing
    /// check shows as a write.
    /// </summary>
    private IEnumerable<Probe> CaseControlProbes()
    {
        var s = seeded;
        var refundLine = GeneratedBadInputTests.SeededHost.RefundDeclaration;
        var application = new JsonObject { ["exportDocNo"] = GeneratedBadInputTests.SeededHost.OpenDeclaration, ["variant"] = "NotRefunded", ["refundStatus"] = "NotDeclared" };
        (string Url, Caller Caller, JsonNode Body, string What)[] commands =
        [
            ($"/api/cases/{s.OpenCase}/hold", Caller.Customs, new JsonObject(), "hold without a reason"),
            ($"/api/cases/{s.OpenCase}/hold", Caller.Customs, new JsonObject { ["reason"] = "   " }, "hold with a blank reason"),
            ($"/api/cases/{s.OpenCase}/hold", Caller.Customs, new JsonObject { ["reason"] = new string('r', 1001) }, "hold with a reason of 1001 characters"),
            ($"/api/cases/{s.OpenCase}/hold", Caller.Customs, new JsonObject { ["reason"] = "x", ["code"] = "DOUBLE_USE_DETECTED" }, "officer's hold with reconciliation's code"),
            ($"/api/cases/{s.OpenCase}/hold", Caller.Exporter, new JsonObject { ["reason"] = "x" }, "exporter holds a case"),
            ($"/api/cases/{s.ClosedCase}/hold", Caller.Customs, new JsonObject { ["reason"] = "x" }, "hold a case that ended"),
            ($"/api/cases/{s.OpenCase}/release", Caller.Supervisor, new JsonObject(), "release a case not on hold"),
            ($"/api/cases/{s.OpenCase}/release", Caller.Customs, new JsonObject(), "officer releases a case"),
            ($"/api/cases/{s.OpenCase}/release", Caller.Supervisor, new JsonObject { ["comment"] = new string('c', 1001) }, "release comment of 1001 characters"),
            ($"/api/cases/{s.OpenCase}/certificate-applications", Caller.Exporter, application, "application before the case awaits one"),
            ($"/api/cases/{s.CertificateCase}/certificate-applications", Caller.Exporter, application, "application after issuance"),
            ($"/api/cases/{s.OpenCase}/certificate-applications", Caller.OtherExporter, application, "application for another enterprise's case"),
            ($"/api/cases/{s.OpenCase}/certificate-applications", Caller.Exporter, new JsonObject { ["variant"] = "Sometimes", ["refundStatus"] = "NotDeclared" }, "unknown variant"),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.Exporter, new JsonObject { ["returnedQty"] = 400 }, "quantity correction while screening does not wait for one"),
            ($"/api/cases/{s.OpenCase}/lines/9/correction", Caller.Exporter, new JsonObject { ["plannedEntryDate"] = "2026-08-21" }, "correction of a line the case has not"),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.Exporter, new JsonObject { ["returnEntryDate"] = "2099-01-01" }, "entry date after today"),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.Exporter, new JsonObject { ["returnedQty"] = 0 }, "quantity zero"),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.Exporter, new JsonObject(), "correction that corrects nothing"),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.OtherExporter, new JsonObject { ["plannedEntryDate"] = "2026-08-21" }, "correction of another enterprise's case"),
            ("/api/refund-declarations", Caller.Tax, new JsonObject { ["lines"] = new JsonArray() }, "refund declaration without lines"),
            ("/api/refund-declarations", Caller.Tax, Refund("530020269999999999", 1), "refund on an export line not in the reference data"),
            ("/api/refund-declarations", Caller.Tax, Refund(refundLine, -1), "negative refund quantity"),
            ("/api/refund-declarations", Caller.Tax, Refund(refundLine, 1, kind: "Sometimes"), "unknown refund kind"),
            ("/api/refund-declarations", Caller.Exporter, Refund(refundLine, 1), "exporter declares a refund"),
            ("/api/refund-declarations", Caller.Customs, Refund(refundLine, 1), "customs declares a refund"),
            ("/api/refund-declarations", Caller.Tax, new JsonObject { ["lines"] = new JsonArray(Enumerable.Range(0, 101).Select(_ => Refund(refundLine, 1)["lines"]![0]!.DeepClone()).ToArray()) },
                "101 lines in one declaration"),
            ("/customs/api/certificate-status-updates", Caller.System, new JsonObject { ["messageId"] = Guid.NewGuid(), ["certificateNo"] = s.CertificateNo, ["sequence"] = 0, ["kind"] = "Cancellation" },
                "status update with sequence 0"),
            ("/customs/api/certificate-status-updates", Caller.Tax, new JsonObject { ["messageId"] = Guid.NewGuid(), ["certificateNo"] = s.CertificateNo, ["sequence"] = 9, ["kind"] = "Cancellation" },
                "status update from an officer's key"),
            ("/customs/api/usage-reports", Caller.Customs, UsageMessage(s.CertificateNo), "usage report from an officer's key"),
        ];
        foreach (var (url, caller, body, what) in commands)
            yield return Command("wrong state", url, caller, body, what, []);

        (string Url, Caller Caller, JsonNode Body)[] keyed =
        [
            ($"/api/cases/{s.OpenCase}/hold", Caller.Customs, new JsonObject { ["reason"] = "probe" }),
            ($"/api/cases/{s.OpenCase}/release", Caller.Supervisor, new JsonObject()),
            ($"/api/cases/{s.OpenCase}/lines/1/correction", Caller.Exporter, new JsonObject { ["plannedEntryDate"] = "2026-08-21" }),
            ($"/api/cases/{s.OpenCase}/certificate-applications", Caller.Exporter, application),
            ("/api/refund-declarations", Caller.Tax, Refund(refundLine, 1)),
        ];
        foreach (var (url, caller, body) in keyed)
        {
            foreach (var key in new[] { new string('k', 201), "key with spaces " + new string('s', 190) })
                yield return Command("idempotency keys", url, caller, body, $"Idempotency-Key of {key.Length} characters", [("Idempotency-Key", key)]);
        }

        static Probe Command(string family, string url, Caller caller, JsonNode body, string what, (string, string)[] headers) => new(family, "POST", url, caller, "curated")
        {
            Body = Encoding.UTF8.GetBytes(JsonMutations.Text(body)),
            ContentType = "application/json",
            Headers = headers,
            MustBeRefused = true,
            What = what,
        };
    }

    private static JsonObject Refund(string exportDocNo, decimal qty, string kind = "Refund") => new()
    {
        ["lines"] = new JsonArray(new JsonObject { ["exportDocNo"] = exportDocNo, ["exportItemNo"] = 1, ["qty"] = qty, ["vatRefunded"] = 13.00m, ["kind"] = kind }),
    };

    /// <summary>A usage report (customs' port → registry) or usage feedback (customs → tax) of a release with the certificate.</summary>
    private static JsonObject UsageMessage(string certificateNo = UnknownCertificateNo) => new()
    {
        ["id"] = "probe",
        ["feedback"] = new JsonObject
        {
            ["certificateNo"] = certificateNo, ["returnDeclarationNo"] = "530020261000765432", ["customsCode"] = "5300", ["releasedOn"] = "2026-08-21",
            ["channel"] = "Electronic", ["usedLines"] = new JsonArray(new JsonObject { ["exportItemNo"] = 1, ["qty"] = 1 }),
        },
    };
}
