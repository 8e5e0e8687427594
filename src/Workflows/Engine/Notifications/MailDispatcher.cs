using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// Sends what the outbox holds, after the steps that wrote it committed. Each message is leased with a conditional
/// update before it is sent (two dispatchers never send it at once); a failure waits a doubling delay, and after
/// <see cref="MailOptions.MaxAttempts"/> the message is a dead letter that officers see and can send again.
/// </summary>
public sealed class MailDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IMailTransport transport,
    NotificationTemplates templates,
    IEnumerable<INotificationModelSource> models,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<MailDispatcher> logger)
{
    private readonly Clock.LeaseClock _leases = new(clock);

    /// <summary>At most this many messages are leased and sent in one go.</summary>
    public const int Batch = 50;

    /// <summary>A message about something carries its id in <c>X-ExportTaxCheck-{reference type}</c>.</summary>
    public const string ReferenceHeaderPrefix = "X-ExportTaxCheck-";

    /// <summary>
    /// Sends every message due now, in leased batches of <see cref="Batch"/> read in one query; returns how many were sent.
    /// Each message's outcome (sent, failed and when to try again, cancelled, with the words rendered for it) is saved before
    /// the next one goes when the transport delivers every send: a dispatcher that dies can leave at most the message it was
    /// sending unrecorded, and that one goes again after the lease with the same Message-Id. Where a resend replaces the
    /// first (<see cref="IMailTransport.ResendReplaces"/>) the batch's outcomes are saved in one transaction after it.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = _leases.Window(options.Value.Lease).Until;
        List<string> leased;
        await using (var claim = await dbFactory.CreateDbContextAsync(ct))
        {
            // Claimed in one go: dispatchers on other nodes skip these rows and take the next ones.
            leased = await Claims.ClaimAsync(claim,
                claim.Outbox.Where(Claimable(now))
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Batch),
                ids => claim.Outbox.Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.Revision, m => m.Revision + 1), ct),
                ct);
        }
        if (leased.Count == 0)
            return 0;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = await db.Outbox.AsTracking().Where(m => leased.Contains(m.Id)).ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, ct);
        var sent = 0;
        // Through a transport that delivers every send (SMTP), each outcome is committed before the next message goes, so a
        // dispatcher that dies sends at most the message it was sending again. Where a resend replaces the first one (the
        // pickup folder rewrites the file named by its Message-Id), the batch's outcomes are committed together once it is
        // sent: one write transaction for the batch instead of one per message, and a dispatcher that dies rewrites the files
        // of the messages it sent since. Neither is written to disk at once (DurableCommits): a message whose outcome a power
        // failure took goes again, as one does that a crash interrupts mid-send.
        var together = transport.ResendReplaces;
        // The messages of the batch about one case are rendered from one reading of it.
        var batch = new NotificationBatch();
        var unsaved = new List<OutboxMessageRecord>(together ? leased.Count : 0);
        // On SQLite the connection is held for the batch (its pool has no bound). Elsewhere it is given back while a message
        // is sent: its model is read on a connection of its own, and a bounded pool may have none left while this one is held.
        var held = db.Database.IsSqlite();
        if (held)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var id in leased)
            {
                if (!messages.TryGetValue(id, out var message))
                    continue;
                if (!held)
                    await db.Database.CloseConnectionAsync();
                sent += await SendLeasedAsync(db, message, until, now, batch, ct) ? 1 : 0;
                if (together)
                    unsaved.Add(message);
                else
                    await SaveOutcomeAsync(db, message);
            }
        }
        finally
        {
            // Also when the sweep is stopped or a send throws past its handling: what went out is recorded.
            await SaveOutcomesAsync(db, unsaved);
        }
        return sent;
    }

    /// <summary>The outcomes of several messages, in one transaction.</summary>
    private static async Task SaveOutcomesAsync(WorkflowDbContext db, List<OutboxMessageRecord> messages)
    {
        if (messages.Count <= 1)
        {
            foreach (var message in messages)
                await SaveOutcomeAsync(db, message);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var message in messages)
            await SaveOutcomeAsync(db, message);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Pending messages due now that no dispatcher is sending (none holds a lease on them).</summary>
    public async Task<int> CountClaimableAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.CountAsync(Claimable(clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// Pending, due at <paramref name="now"/>, and on no lease (a span of real time, <see cref="Clock.LeaseClock"/>).
    /// </summary>
    private System.Linq.Expressions.Expression<Func<OutboxMessageRecord, bool>> Claimable(DateTimeOffset now)
    {
        var (leaseNow, _, stale) = _leases.Window(options.Value.Lease);
        return m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < leaseNow || m.LeaseUntil > stale);
    }

    /// <summary>When the next pending message is due (a scheduled reminder, a retry after its backoff), if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Puts a dead letter back in the queue, due now, with a fresh attempt budget.</summary>
    public async Task<OutboxItem> RetryAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id, ct)
                      ?? throw new NotFoundException($"Outbox message '{id}' does not exist.", "MESSAGE_NOT_FOUND");
        if (message.Status != OutboxStatus.DeadLetter)
            throw new ConflictException("MESSAGE_NOT_DEAD", $"Message '{id}' is {message.Status}; only dead letters are sent again by hand.");
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow();
        message.LeaseUntil = null;
        message.Revision++;
        await db.SaveChangesAsync(ct);
        return Item(message);
    }

    public async Task<Page<OutboxItem>> ListAsync(OutboxStatus? status, Reference? reference, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Outbox.AsNoTracking();
        if (status is { } s)
            query = query.Where(m => m.Status == s);
        if (reference is not null)
            query = query.Where(m => m.ReferenceType == reference.Type && m.ReferenceId == reference.Id);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip(Paging.Skip(page - 1, pageSize)).Take(pageSize).ToListAsync(ct);
        return new Page<OutboxItem>(items.Select(Item).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// Sends one message of the batch leased until <paramref name="until"/>; its outcome is set on the tracked row. While
    /// more than half of the batch's lease is left, no other dispatcher can have claimed the message, and it goes at once.
    /// Later its lease is renewed first: the batch's lease may have run out while the messages before it went, and then
    /// another dispatcher may have claimed it (that lease ends later than ours). Only a message still on this dispatcher's
    /// lease is sent.
    /// </summary>
    private async Task<bool> SendLeasedAsync(WorkflowDbContext db, OutboxMessageRecord message, DateTimeOffset until, DateTimeOffset now, NotificationBatch batch, CancellationToken ct)
    {
        var settings = options.Value;
        // The database keeps microseconds; a later claim's lease ends at least a full lease after ours ran out.
        var ours = until + TimeSpan.FromMilliseconds(1);
        var current = _leases.Now;
        if (current > until - settings.Lease / 2)
        {
            if (await db.Outbox.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending && m.LeaseUntil != null && m.LeaseUntil < ours)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, current + settings.Lease).SetProperty(m => m.Revision, m => m.Revision + 1), ct) != 1)
            {
                db.Entry(message).State = EntityState.Detached;
                return false;
            }
            await db.Entry(message).ReloadAsync(ct);
        }
        else if (message.Status != OutboxStatus.Pending || message.LeaseUntil is not { } lease || lease >= ours)
        {
            return false;
        }

        var renderedNow = false;
        try
        {
            if (message.SendIfStatus is not null && !await StillAppliesAsync(message, ct))
            {
                message.Status = OutboxStatus.Cancelled;
                message.LeaseUntil = null;
                return false;
            }
            if (message.Subject is null && message.Template is not null)
            {
                // Rendered once: the subject is written with the outcome of the attempt, in the one save of the message, and
                // the words too when the attempt failed (the retries send the same words).
                // The template files looked at once a batch, not four times a message (each look is a system call).
                var texts = batch.ReadOnce("templates", message.Template, () => templates.Load(message.Template));
                var rendered = await templates.RenderAsync(texts, await ModelAsync(message, texts, batch, ct), ct);
                message.Subject = rendered.Subject;
                message.TextBody = rendered.Text;
                message.HtmlBody = rendered.Html;
                renderedNow = true;
            }
            await transport.SendAsync(Compose(message, settings), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var dead = message.Attempts >= settings.MaxAttempts;
            message.Status = dead ? OutboxStatus.DeadLetter : OutboxStatus.Pending;
            message.NextAttemptAt = now + settings.RetryDelay(message.Attempts);
            message.LeaseUntil = null;
            message.LastError = $"{ex.GetType().Name}: {ex.Message}";
            if (dead)
                logger.LogError(ex, "Message {MessageId} to {To} is a dead letter after {Attempts} attempts", message.MessageId, message.To, message.Attempts);
            else
                logger.LogWarning("Sending {MessageId} failed (attempt {Attempts}): {Error}; next try at {Next}", message.MessageId, message.Attempts, ex.Message, message.NextAttemptAt);
            return false;
        }

        message.Status = OutboxStatus.Sent;
        if (renderedNow)
        {
            // The words rendered for this attempt went in the mail and are not kept: the row stays the size it was written at
            // (a few hundred bytes), where the two bodies would grow it to several kilobytes and split its page on every send.
            message.TextBody = null;
            message.HtmlBody = null;
        }
        message.SentAt = clock.GetUtcNow();
        message.LeaseUntil = null;
        message.LastError = null;
        return true;
    }

    /// <summary>
    /// Saves the outcome set on a message, with one statement kept prepared (it is written for every message sent). A row
    /// another dispatcher claimed after this one's lease ran out (its revision moved) is that dispatcher's now: the outcome
    /// is dropped instead of failing the sweep.
    /// </summary>
    private static async Task SaveOutcomeAsync(WorkflowDbContext db, OutboxMessageRecord message)
    {
        var entry = db.Entry(message);
        if (entry.State != EntityState.Modified)
            return;
        var sql = await SnapshotReads.SqlAsync(db, CancellationToken.None);
        var saved = await sql.ExecuteAsync(OutcomeUpdate, CancellationToken.None,
            ("status", message.Status), ("subject", message.Subject), ("text", message.TextBody), ("html", message.HtmlBody),
            ("next", message.NextAttemptAt), ("lease", message.LeaseUntil), ("sentAt", message.SentAt), ("error", message.LastError),
            ("id", message.Id), ("revision", message.Revision));
        entry.State = saved == 1 ? EntityState.Unchanged : EntityState.Detached;
    }

    private const string OutcomeUpdate =
        """UPDATE "Outbox" SET "Status" = @status, "Subject" = @subject, "TextBody" = @text, "HtmlBody" = @html, "NextAttemptAt" = @next, """
        + """ "LeaseUntil" = @lease, "SentAt" = @sentAt, "LastError" = @error WHERE "Id" = @id AND "Revision" = @revision""";

    private async Task<JsonObject> ModelAsync(OutboxMessageRecord message, NotificationTemplateSet texts, NotificationBatch batch, CancellationToken ct) =>
        SourceOf(message) is { } source ? await source.BuildAsync(message, texts.Uses, batch, ct) : [];

    /// <summary>Only the source that knows the referenced thing can tell; a message about nothing it knows still goes.</summary>
    private async Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct) =>
        SourceOf(message) is not { } source || await source.StillAppliesAsync(message, ct);

    private INotificationModelSource? SourceOf(OutboxMessageRecord message) =>
        message.ReferenceType is { } type ? models.FirstOrDefault(m => string.Equals(m.Name, type, StringComparison.Ordinal)) : null;

    public static MimeMessage Compose(OutboxMessageRecord message, MailOptions settings)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject ?? "", Date = message.CreatedAt };
        mime.From.Add(Sender(message, settings));
        mime.ReplyTo.AddRange(Outbox.Addresses(message.ReplyTo));
        mime.To.AddRange(Outbox.Addresses(message.To));
        mime.Cc.AddRange(Outbox.Addresses(message.Cc));
        mime.Bcc.AddRange(Outbox.Addresses(message.Bcc));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.Attachments is not null && JsonNode.Parse(message.Attachments) is JsonArray attachments)
        {
            foreach (var attachment in attachments.OfType<JsonObject>())
            {
                var content = Convert.FromBase64String(attachment["contentBase64"]?.GetValue<string>() ?? "");
                body.Attachments.Add(attachment["fileName"]?.GetValue<string>() ?? "attachment", content,
                    ContentType.Parse(attachment["contentType"]?.GetValue<string>() ?? "application/octet-stream"));
            }
        }
        mime.Body = body.ToMessageBody();
        mime.Headers.Add("X-ExportTaxCheck-Notification", message.Template ?? "mail");
        // A mail client files the mail by what it is about (X-ExportTaxCheck-Order: 42, say) without reading the text.
        if (Reference.IsType(message.ReferenceType) && message.ReferenceId is not null)
            mime.Headers.Add(ReferenceHeaderPrefix + message.ReferenceType, message.ReferenceId);
        return mime;
    }

    /// <summary>
    /// <c>Mail:From</c>, under the display name the flow chose if it chose one: the address is never the flow's, so a
    /// published flow cannot send mail as another authority (rows written before this rule included).
    /// </summary>
    private static MailboxAddress Sender(OutboxMessageRecord message, MailOptions settings)
    {
        var sender = MailboxAddress.Parse(settings.From);
        return message.From is { } requested && MailboxAddress.TryParse(requested, out var asked) && !string.IsNullOrWhiteSpace(asked.Name)
            ? new MailboxAddress(asked.Name, sender.Address)
            : sender;
    }

    private static OutboxItem Item(OutboxMessageRecord m) =>
        new(m.Id, m.MessageId, m.Template, m.ReferenceType, m.ReferenceId, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError);
}
