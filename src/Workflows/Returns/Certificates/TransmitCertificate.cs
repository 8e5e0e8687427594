using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Certificates;

[Activity("ExportTaxCheck", "Return case", "Stage 8: sends the certificate data to customs with retries and backoff (V-30: 5 retries, 1-2-4-8-16 min). When the retries are spent on network or system failures the transmission is FailedInfrastructure, which opens the paper fallback (E-18).", DisplayName = "Transmit Certificate", Kind = ActivityKind.Job)]
[Outcomes("Transmitted", "FailedInfrastructure")]
[Retry(6, InitialInterval = "00:01:00", BackoffCoefficient = 2, MaximumInterval = "00:16:00")]
public sealed class TransmitCertificate : Activity, IRetriesExhaustedHandler
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var gateway = context.GetRequiredService<ICustomsGateway>();
        var transmissions = new List<CertificateTransmission>();
        foreach (var certificate in store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.Issued).ToList())
        {
            var number = certificate.CertificateNo!;
            var messageId = MessageId(context, number);
            // customs starts from the refund status tax holds now; later changes follow as status updates.
            var refundStatus = await ReferenceData.RefundStatusesAsync(context.Db, certificate.ExportDocNo, certificate.Lines.Select(l => l.ExportItemNo), context.CancellationToken);
            TransmissionAck ack;
            try
            {
                ack = await gateway.TransmitAsync(new CertificateMessage(messageId, certificate, refundStatus), context.CancellationToken);
            }
            catch (CustomsRejectedException ex)
            {
                throw new ActivityFaultException("TRANSMISSION_NACK", ex.Message, retryable: false);
            }
            var ackAt = ack.AckAt ?? context.Now;
            registry = registry.MarkTransmitted(number, ackAt).Registry;
            transmissions.Add(new CertificateTransmission
            {
                MessageId = messageId, CertificateNo = number, SentAt = context.Now, AckAt = ackAt, AckStatus = AckStatus.Ack,
                RetryCount = context.Execution.Attempt - 1, Status = TransmissionStatus.Delivered,
            });
        }

        store.Save(registry, session.CaseId, context.Now);
        session.Update(f => f with { Transmissions = [.. f.Transmissions, .. transmissions] }, context.Now);
        if (transmissions.Count > 0)
            session.Note("Transmission", CaseText.Of("Transmission.Sent", string.Join(", ", transmissions.Select(t => t.CertificateNo))), context.Now);
        return Outcome("Transmitted");
    }

    public async ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception)
    {
        if (exception is not CustomsUnavailableException unavailable)
            return null;
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var failed = store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.Issued).Select(c => new CertificateTransmission
        {
            MessageId = MessageId(context, c.CertificateNo!), CertificateNo = c.CertificateNo!, SentAt = context.Now,
            AckStatus = unavailable.Cause == UnavailableCause.Timeout ? AckStatus.Timeout : null,
            RetryCount = context.Execution.Attempt - 1, Status = TransmissionStatus.FailedInfrastructure, NackReason = unavailable.Cause.ToString(),
        }).ToList();
        session.Update(f => f with { Transmissions = [.. f.Transmissions, .. failed] }, context.Now);
        session.Note("Transmission", CaseText.Of("Transmission.Failed", context.Execution.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), CaseText.Word(unavailable.Cause)), context.Now,
            [unavailable.Cause.ToString()]);
        return Outcome("FailedInfrastructure");
    }

    // §5.7: a resend uses the same message id, so customs recognises it.
    private static Guid MessageId(ActivityContext context, string certificateNo)
    {
        var key = "messageId:" + certificateNo;
        if (context.Execution.Properties[key] is JsonValue v && Guid.TryParse(v.ToString(), out var id))
            return id;
        id = Guid.CreateVersion7();
        context.Execution.Properties[key] = id.ToString();
        return id;
    }
}
