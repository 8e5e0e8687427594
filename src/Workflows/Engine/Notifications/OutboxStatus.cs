namespace ExportTaxCheck.Engine.Notifications;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first try or a retry after <see cref="OutboxMessageRecord.NextAttemptAt"/>).</summary>
    Pending,
    Sent,

    /// <summary>Gave up after the attempts allowed; an officer can look at the error and send it again.</summary>
    DeadLetter,

    /// <summary>A scheduled message (a reminder) that no longer applied when its time came.</summary>
    Cancelled,
}
