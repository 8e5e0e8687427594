using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>
/// Stage 12: queues a port's usage report (§5.10) in the step's unit of work. It goes to the customs registry and to tax
/// after commit (<see cref="CustomsGateway.UsageFeedbackDispatcher"/>): a release with the certificate (Used) or the
/// release of a reservation whose declaration was refused (ReservationReleased, AS-12).
/// </summary>
public static class UsageReports
{
    public static UsageFeedbackRecord Queue(WorkflowDbContext db, string caseId, ReturnDeclaration declaration, UsageEvent usageEvent, Channel channel, DateOnly releasedOn,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(declaration);
        var feedback = new UsageFeedback
        {
            CertificateNo = declaration.CertificateNo,
            ReturnDeclarationNo = declaration.ReturnDeclarationNo,
            CustomsCode = declaration.EntryPortCode is { Length: 4 } port ? port : declaration.ReturnDeclarationNo[..4],
            ReleasedOn = releasedOn,
            ReleasedAt = now,
            Channel = channel,
            Event = usageEvent,
            UsedLines = declaration.Lines.Select(l => new UsedLine(l.OriginalItemNo, l.Qty)).ToList(),
        };
        var record = new UsageFeedbackRecord
        {
            Id = Ids.New(), CaseId = caseId, CertificateNo = feedback.CertificateNo, ReturnDeclarationNo = feedback.ReturnDeclarationNo,
            Status = FeedbackStatus.Pending, CreatedAt = now, NextAttemptAt = now, Data = ReturnsJson.Serialize(feedback),
        };
        db.Add(record);
        return record;
    }
}
