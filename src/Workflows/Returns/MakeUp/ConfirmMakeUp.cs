using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.MakeUp;

[Activity("ExportTaxCheck", "Return case", "Stage 5: the tax officer confirms the make-up was repaid (payment voucher) or offset (period) before any TaxPaid certificate (E-15).", DisplayName = "Confirm Make-up", Kind = ActivityKind.Task)]
[Outcomes("Confirmed")]
public sealed class ConfirmMakeUp : HumanTaskActivity
{
    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Confirmed"];

    public override JsonArray? DefaultForm => new(
        new JsonObject { ["name"] = "method", ["label"] = "Method", ["type"] = "select", ["required"] = true, ["options"] = new JsonArray("Repaid", "Offset") },
        new JsonObject { ["name"] = "paymentVoucherNo", ["label"] = "Payment voucher no.", ["type"] = "text", ["maxLength"] = 32 },
        new JsonObject { ["name"] = "paidOn", ["label"] = "Paid on", ["type"] = "date" },
        new JsonObject { ["name"] = "offsetPeriod", ["label"] = "Offset period (YYYYMM)", ["type"] = "text", ["pattern"] = @"^\d{4}(0[1-9]|1[0-2])$" });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var method = Enum.Parse<MakeUpMethod>(completion.Data["method"]!.ToString());
        var voucher = completion.Data["paymentVoucherNo"]?.ToString();
        var paidOn = completion.Data["paidOn"]?.ToString() is { Length: > 0 } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
        var period = completion.Data["offsetPeriod"]?.ToString();
        var errors = new Dictionary<string, string[]>();
        // §5.4: a voucher and date for Repaid, a period for Offset.
        if (method == MakeUpMethod.Repaid && string.IsNullOrWhiteSpace(voucher))
            errors["paymentVoucherNo"] = ["Payment voucher no. is required when the make-up was repaid."];
        if (method == MakeUpMethod.Repaid && paidOn is null)
            errors["paidOn"] = ["Paid on is required when the make-up was repaid."];
        if (method == MakeUpMethod.Offset && !RefundRules.IsValidOffsetPeriod(period))
            errors["offsetPeriod"] = ["Offset period (YYYYMM) is required when the make-up was offset."];
        if (errors.Count > 0)
            throw new InvalidRequestException("FORM_INVALID", string.Join(" ", errors.Values.SelectMany(e => e)), errors);

        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "TaxOfficer");
        foreach (var line in session.File.ActiveLines.Where(l => l.MakeUp is not null).ToList())
        {
            session.UpdateLine(line.LineNo, l => l with
            {
                MakeUp = l.MakeUp! with
                {
                    Method = method,
                    PaymentVoucherNo = method == MakeUpMethod.Repaid ? voucher : null,
                    PaidOn = method == MakeUpMethod.Repaid ? paidOn : null,
                    OffsetPeriod = method == MakeUpMethod.Offset ? period : null,
                    ConfirmedByTaxOfficer = actor,
                    ConfirmedAt = context.Now,
                },
            }, context.Now);
        }
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, CaseText.Of("MakeUp.Confirmed", CaseText.Word(method)), actor: actor, ct: context.CancellationToken);
        return "Confirmed";
    }
}
