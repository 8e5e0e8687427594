using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>Builds the data a notification template sees, and says whether a scheduled notification still applies.</summary>
public interface INotificationModelSource
{
    Task<JsonObject> BuildAsync(OutboxMessageRecord message, CancellationToken ct);

    /// <summary>False when a scheduled message (a reminder) no longer applies: the case moved on.</summary>
    Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct);
}
