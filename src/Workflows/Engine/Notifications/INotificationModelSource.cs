using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// Builds the data a notification template sees for the messages about one kind of thing, and says whether a scheduled
/// notification still applies. The dispatcher asks the source whose <see cref="Name"/> is the message's
/// <see cref="OutboxMessageRecord.ReferenceType"/>.
/// </summary>
public interface INotificationModelSource
{
    /// <summary>The reference type this source serves (a module's own word, such as an order or a claim).</summary>
    string Name { get; }

    /// <summary>
    /// The model of <paramref name="message"/>; <paramref name="uses"/> tells whether the message's templates name a
    /// top-level value at all, so that a costly one no template reads can be left out.
    /// </summary>
    Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, CancellationToken ct);

    /// <summary>
    /// The model of <paramref name="message"/>, one of a dispatch batch: what several messages of the batch about the same
    /// thing need can be read once for the batch (<paramref name="batch"/>). By default, as for a message alone.
    /// </summary>
    Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, NotificationBatch batch, CancellationToken ct) =>
        BuildAsync(message, uses, ct);

    /// <summary>False when a scheduled message (a reminder) no longer applies: the referenced thing moved on.</summary>
    Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct);
}
