namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>What a retry of a failed transmission came to.</summary>
public enum TransmissionRetryResult
{
    /// <summary>Sent again and acknowledged by customs.</summary>
    Delivered,

    /// <summary>Sent again; customs could not be reached, so it waits for its next attempt.</summary>
    Queued,

    /// <summary>Sent again and refused by customs once more.</summary>
    StillFailing,

    /// <summary>It was no longer failed (retried already): nothing was sent.</summary>
    NothingToRetry,

    NotFound,
}
